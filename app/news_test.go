package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/store"
	"b2x/store/storetest"
)

func TestNewsPublishingAndFreshness(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC)
		a := app.New(db, app.WithClock(func() time.Time { return now }))

		at, err := a.LatestNewsAt(ctx)
		if err != nil || !at.IsZero() {
			t.Fatalf("no news yet: %v %v", at, err)
		}
		post := func(slug, lang string, published time.Time) app.NewsView {
			t.Helper()
			v, err := a.CreateNewsPost(ctx, staffActor, app.NewsInput{Slug: slug, Lang: lang, Title: "Title " + slug,
				Body: "Some **news** <script>alert(1)</script>", PublishedAt: published})
			if err != nil {
				t.Fatal(err)
			}
			now = now.Add(time.Millisecond)
			return v
		}
		old := post("spring-sale", "en", now.AddDate(0, -2, 0))
		ru := post("novye-kirpichi", "ru", now.AddDate(0, 0, -3))
		post("summer-plans", "en", time.Time{})                // a draft
		post("autumn-sale", "en", now.AddDate(0, 1, 0))        // scheduled
		fresh := post("new-drills", "en", now.Add(-time.Hour)) // the newest public one

		if !strings.Contains(string(old.HTML), "<strong>news</strong>") || strings.Contains(string(old.HTML), "<script") {
			t.Errorf("rendered: %s", old.HTML)
		}
		at, err = a.LatestNewsAt(ctx)
		if err != nil || !at.Equal(fresh.Post.PublishedAt) {
			t.Errorf("latest news at %v (%v), want %v", at, err, fresh.Post.PublishedAt)
		}

		slugs := func(vs []app.NewsView) []string {
			var out []string
			for _, v := range vs {
				out = append(out, v.Post.Slug)
			}
			return out
		}
		en, err := a.LatestNews(ctx, "en", 10)
		if err != nil || !slices.Equal(slugs(en), []string{"new-drills", "spring-sale"}) {
			t.Errorf("latest en: %v %v", slugs(en), err)
		}
		all, err := a.LatestNews(ctx, "", 2)
		if err != nil || !slices.Equal(slugs(all), []string{"new-drills", "novye-kirpichi"}) {
			t.Errorf("latest two: %v %v", slugs(all), err)
		}
		drafts, err := a.NewsPosts(ctx, staffActor, app.NewsQuery{Drafts: true, Limit: 10})
		if err != nil || len(drafts) != 5 || drafts[0].Post.Slug != "new-drills" {
			t.Errorf("staff list: %v %v", slugs(drafts), err)
		}
		if _, err := a.NewsPosts(ctx, app.Actor{}, app.NewsQuery{Drafts: true, Limit: 10}); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("public asks for drafts: %v", err)
		}
		for _, slug := range []string{"summer-plans", "autumn-sale", "no-such-post", "Bad Slug"} {
			if _, err := a.NewsPost(ctx, app.Actor{}, slug); errs.CodeOf(err) != errs.NotFound {
				t.Errorf("public reads %s: %v", slug, err)
			}
		}
		if v, err := a.NewsPost(ctx, staffActor, "summer-plans"); err != nil || !v.Post.PublishedAt.IsZero() {
			t.Errorf("staff read a draft: %+v %v", v.Post, err)
		}
		if v, err := a.NewsPost(ctx, app.Actor{}, ru.Post.Slug); err != nil || v.Post.Lang != "ru" {
			t.Errorf("public reads a post: %+v %v", v.Post, err)
		}

		// Publishing the draft makes it the latest; unpublishing the newest goes back.
		pub := now
		v, err := a.UpdateNewsPost(ctx, staffActor, "summer-plans", app.NewsChanges{PublishedAt: &pub})
		if err != nil || !v.Post.PublishedAt.Equal(pub) {
			t.Fatalf("publish: %+v %v", v.Post, err)
		}
		if at, _ := a.LatestNewsAt(ctx); !at.Equal(pub) {
			t.Errorf("latest after publishing %v", at)
		}
		var zero time.Time
		title := "Summer plans, later"
		v, err = a.UpdateNewsPost(ctx, staffActor, "summer-plans", app.NewsChanges{PublishedAt: &zero, Title: &title})
		if err != nil || !v.Post.PublishedAt.IsZero() || v.Post.Title != title {
			t.Fatalf("unpublish: %+v %v", v.Post, err)
		}
		if at, _ := a.LatestNewsAt(ctx); !at.Equal(fresh.Post.PublishedAt) {
			t.Errorf("latest after unpublishing %v", at)
		}
	})
}

func TestNewsRefusesBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a := app.New(db)
		_, err := a.CreateNewsPost(ctx, staffActor, app.NewsInput{Slug: "first", Lang: "en", Title: "First", Body: "Body"})
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name   string
			actor  app.Actor
			in     app.NewsInput
			code   errs.Code
			fields []string
		}{
			{"the public", app.Actor{}, app.NewsInput{Slug: "x", Lang: "en", Title: "t", Body: "b"}, errs.Unauthorized, nil},
			{"a consumer", app.Actor{PersonID: "p"}, app.NewsInput{Slug: "x", Lang: "en", Title: "t", Body: "b"}, errs.Unauthorized, nil},
			{"slug taken", staffActor, app.NewsInput{Slug: "first", Lang: "en", Title: "t", Body: "b"}, errs.Conflict, []string{"slug"}},
			{"everything wrong", staffActor, app.NewsInput{Slug: "No Slug", Lang: "de", Title: " ", Body: ""}, errs.Invalid,
				[]string{"slug", "lang", "title", "body"}},
		}
		for _, tt := range tests {
			_, err := a.CreateNewsPost(ctx, tt.actor, tt.in)
			if errs.CodeOf(err) != tt.code || !slices.Equal(fieldsOf(err), tt.fields) {
				t.Errorf("%s: %v", tt.name, err)
			}
		}
		lang := "xx"
		if _, err := a.UpdateNewsPost(ctx, staffActor, "first", app.NewsChanges{Lang: &lang}); !slices.Equal(fieldsOf(err), []string{"lang"}) {
			t.Errorf("bad language: %v", err)
		}
		if _, err := a.UpdateNewsPost(ctx, staffActor, "nope", app.NewsChanges{}); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("unknown post: %v", err)
		}
		if n, _ := db.CountRows(ctx, "news_posts"); n != 1 {
			t.Errorf("%d posts", n)
		}
		if _, err := a.LatestNews(ctx, "de", 10); !slices.Equal(fieldsOf(err), []string{"lang"}) {
			t.Errorf("unknown language: %v", err)
		}
	})
}
