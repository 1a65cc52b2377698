package admin_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"b2x/web/browsertest"
)

// A marketer writes a campaign in the editor, saves it, and the letter's HTML
// part renders in the sandbox="" srcdoc preview: the page's CSP (default-src
// 'self', inherited by the frame) lets it show.
func TestBrowserCampaignPreview(t *testing.T) {
	f := newCampaignFixture(t)
	form := goodLetter(t)
	b := browsertest.New(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	b.Run("open the editor", chromedp.Navigate(f.srv.URL+"/admin/new-campaign"), chromedp.WaitVisible(css(`input[name="email"]`)))
	b.Run("sign in as marketing",
		chromedp.SendKeys(css(`input[name="email"]`), "marketing@example.com"),
		chromedp.SendKeys(css(`input[name="password"]`), password),
		chromedp.Click(css(`main form button[type="submit"]`)),
		chromedp.WaitVisible(css(`form#campaign-form`)))
	b.Run("write and save",
		chromedp.SendKeys(css(`form#campaign-form input[name="name"]`), "Spring"),
		chromedp.SendKeys(css(`form#campaign-form input[name="subject"]`), form.Get("subject")),
		chromedp.SetValue(css(`form#campaign-form textarea[name="body"]`), form.Get("body")),
		chromedp.Click(css(`form#campaign-form button`)),
		chromedp.WaitVisible(css(`#lint-ok`)))
	// Chromium runs a sandboxed frame as its own target: read the letter there.
	var text string
	deadline := time.Now().Add(10 * time.Second)
	for text == "" && time.Now().Before(deadline) {
		ts, err := chromedp.Targets(b.Context())
		if err != nil {
			b.Fail("list targets", err)
		}
		for _, ti := range ts {
			if ti.Type != "iframe" {
				continue
			}
			fctx, cancel := chromedp.NewContext(b.Context(), chromedp.WithTargetID(ti.TargetID))
			tctx, cancel2 := context.WithTimeout(fctx, 5*time.Second)
			text, err = chromedp.Run(tctx, chromedp.Text(chromedp.CSS("body")))
			cancel2()
			cancel()
			if err != nil {
				t.Logf("reading %s: %v", ti.TargetID, err)
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	if !strings.Contains(text, "Acme Bricks makes fired clay bricks") {
		t.Fatalf("the preview shows %q", text)
	}
}
