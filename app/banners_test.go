package app_test

import (
	"context"
	"testing"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/news"
	"b2x/staff"
	"b2x/store"
	"b2x/store/storetest"
)

func TestBannersRunInTheirLanguageAndWindow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 6, 10, 12, 0, 0, 0, time.UTC)
		a := app.New(db, app.WithClock(func() time.Time { return now }))
		count := func() int {
			n, err := db.CountRows(ctx, "banners")
			if err != nil {
				t.Fatal(err)
			}
			return n
		}

		for _, c := range []struct {
			in    app.BannerInput
			field string
		}{
			{app.BannerInput{Title: " ", StartsAt: now}, "title"},
			{app.BannerInput{Title: "Sale", Lang: "de", StartsAt: now}, "lang"},
			{app.BannerInput{Title: "Sale", Link: "javascript:alert(1)", StartsAt: now}, "link"},
			{app.BannerInput{Title: "Sale", Link: "//evil.example/x", StartsAt: now}, "link"},
			{app.BannerInput{Title: "Sale", Link: "http://plain.example/", StartsAt: now}, "link"},
			{app.BannerInput{Title: "Sale"}, "starts_at"},
			{app.BannerInput{Title: "Sale", StartsAt: now, EndsAt: now}, "ends_at"},
		} {
			_, err := a.CreateBanner(ctx, staffActor, c.in)
			if e, ok := errs.As(err); !ok || e.Code != errs.Invalid || len(e.Fields) == 0 || e.Fields[0].Field != c.field {
				t.Errorf("%+v: %v, want a field error on %s", c.in, err, c.field)
			}
		}
		if _, err := a.CreateBanner(ctx, app.Actor{UserID: "w", Role: string(staff.Warehouse)}, app.BannerInput{Title: "Sale", StartsAt: now}); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("warehouse writes a banner: %v", err)
		}
		if n := count(); n != 0 {
			t.Fatalf("refused banners wrote %d rows", n)
		}

		version := a.ShopVersion()
		banner := func(title, lang string, from, to time.Time, pos int) news.Banner {
			t.Helper()
			b, err := a.CreateBanner(ctx, staffActor, app.BannerInput{Title: title, Lang: lang, Text: "<b>now</b>",
				Link: "/" + lang, StartsAt: from, EndsAt: to, Position: pos})
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		everyone := banner("Open on Sunday", "", now.Add(-time.Hour), time.Time{}, 0)
		banner("Summer sale", "en", now.Add(-time.Hour), now.Add(time.Hour), 1)
		ru := banner("Летняя распродажа", "ru", now.Add(-time.Hour), now.Add(time.Hour), 1)
		banner("Spring sale", "en", now.AddDate(0, -1, 0), now.Add(-time.Minute), 0) // ended
		banner("Autumn sale", "en", now.Add(time.Hour), time.Time{}, 0)              // to come
		if a.ShopVersion() == version {
			t.Error("a new banner did not move the shop's version: kept home pages would hide it")
		}
		titles := func(lang string) []string {
			bs, err := a.LiveBanners(ctx, lang)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, b := range bs {
				out = append(out, b.Title)
			}
			return out
		}
		if got := titles("en"); len(got) != 2 || got[0] != "Open on Sunday" || got[1] != "Summer sale" {
			t.Errorf("live in en: %q", got)
		}
		if got := titles("ru"); len(got) != 2 || got[1] != "Летняя распродажа" {
			t.Errorf("live in ru: %q", got)
		}
		if got := titles("fa"); len(got) != 1 {
			t.Errorf("live in fa: %q, want only the one for every language", got)
		}

		// A refused change leaves the banner as it was; a good one moves it.
		_, err := a.UpdateBanner(ctx, staffActor, ru.ID, app.BannerInput{Title: "", Lang: "ru", StartsAt: now})
		if e, ok := errs.As(err); !ok || e.Fields[0].Field != "title" {
			t.Errorf("update without a title: %v", err)
		}
		now = now.Add(time.Second)
		if _, err := a.UpdateBanner(ctx, staffActor, everyone.ID, app.BannerInput{Title: "Open on Sunday", Lang: "fa",
			StartsAt: everyone.StartsAt, Position: 5}); err != nil {
			t.Fatal(err)
		}
		if got := titles("en"); len(got) != 1 || got[0] != "Summer sale" {
			t.Errorf("live in en after the Sunday banner went Persian-only: %q", got)
		}
		if err := a.DeleteBanner(ctx, staffActor, ru.ID); err != nil {
			t.Fatal(err)
		}
		if got := titles("ru"); len(got) != 0 {
			t.Errorf("live in ru after deleting: %q", got)
		}
		if err := a.DeleteBanner(ctx, staffActor, ru.ID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("delete twice: %v", err)
		}
		all, err := a.Banners(ctx, staffActor)
		if err != nil || len(all) != 4 {
			t.Errorf("all banners: %d, %v", len(all), err)
		}
	})
}
