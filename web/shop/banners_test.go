package shop_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"b2x/app"
)

// The home page shows the banners running in its language, escaped, at once
// after staff write one (the kept page is dropped), and the welcome without.
func TestHomeShowsRunningBannersInItsLanguage(t *testing.T) {
	srv, a := newEmptyServer(t)
	ctx := context.Background()
	if _, body := get(t, srv.URL+"/en/"); !strings.Contains(body, `class="banner"`) {
		t.Fatalf("home without banners lacks the welcome:\n%s", body)
	}
	start := time.Now().Add(-time.Hour)
	for _, in := range []app.BannerInput{
		{Lang: "ru", Title: "Скидки на дрели", Link: "/ru/c/tools", StartsAt: start},
		{Title: "<script>alert(1)</script> Open on Sunday", Text: "10–16 <b>h</b>", StartsAt: start},
		{Lang: "en", Title: "Ended sale", StartsAt: start.Add(-time.Hour), EndsAt: start},
	} {
		if _, err := a.CreateBanner(ctx, staffActor, in); err != nil {
			t.Fatal(err)
		}
	}
	_, en := get(t, srv.URL+"/en/")
	if !strings.Contains(en, "&lt;script&gt;alert(1)&lt;/script&gt; Open on Sunday") || !strings.Contains(en, "10–16 &lt;b&gt;h&lt;/b&gt;") {
		t.Errorf("the banner for every language is missing or not escaped on the English home page:\n%s", en)
	}
	if strings.Contains(en, "Скидки") || strings.Contains(en, "Ended sale") || strings.Contains(en, "<script>alert") {
		t.Error("the English home page shows a Russian, an ended or an unescaped banner")
	}
	if _, ru := get(t, srv.URL+"/ru/"); !strings.Contains(ru, `<a href="/ru/c/tools">Скидки на дрели</a>`) {
		t.Errorf("the Russian home page lacks its banner and link:\n%s", ru)
	}
}
