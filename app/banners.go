package app

import (
	"context"
	"strings"
	"time"

	"b2x/errs"
	"b2x/ids"
	"b2x/news"
	"b2x/staff"
	"b2x/store"
)

// Home-page banners (S4). Staff with news.edit write them; the shop's home
// page shows the ones running now in the visitor's language. A change moves
// ShopVersion, so kept home pages are dropped at once.

// BannerInput is a banner as staff write it.
type BannerInput struct {
	Lang     string // en, ru, fa; empty: every language
	Title    string
	Text     string
	Link     string
	StartsAt time.Time
	EndsAt   time.Time // zero: until taken down
	Position int
}

func (in BannerInput) apply(b *news.Banner) {
	b.Lang, b.Title, b.Text, b.Link = in.Lang, strings.TrimSpace(in.Title), strings.TrimSpace(in.Text), strings.TrimSpace(in.Link)
	b.StartsAt, b.EndsAt, b.Position = time.Time{}, time.Time{}, in.Position
	if !in.StartsAt.IsZero() {
		b.StartsAt = utcMicro(in.StartsAt)
	}
	if !in.EndsAt.IsZero() {
		b.EndsAt = utcMicro(in.EndsAt)
	}
}

// CheckBanner reports every problem with a banner without writing it, so a
// form can show them beside the ones it found itself.
func CheckBanner(in BannerInput) error {
	var b news.Banner
	in.apply(&b)
	return b.Validate()
}

// CreateBanner writes a banner (news.edit).
func (a *App) CreateBanner(ctx context.Context, actor Actor, in BannerInput) (news.Banner, error) {
	if err := require(actor, staff.NewsEdit); err != nil {
		return news.Banner{}, err
	}
	now := a.clock()
	b := news.Banner{ID: ids.At(now), CreatedBy: actor.Label(), CreatedAt: now, UpdatedAt: now}
	in.apply(&b)
	if err := b.Validate(); err != nil {
		return news.Banner{}, err
	}
	err := a.write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertBanner(ctx, &b); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "banner.create", "banner", b.ID, in)
	})
	a.shop.changed()
	return b, err
}

// UpdateBanner changes a banner (news.edit). Two editors saving at once: the
// second is told to reload.
func (a *App) UpdateBanner(ctx context.Context, actor Actor, id string, in BannerInput) (news.Banner, error) {
	if err := require(actor, staff.NewsEdit); err != nil {
		return news.Banner{}, err
	}
	if !ids.Valid(id) {
		return news.Banner{}, errs.E(errs.NotFound, "no banner %s", id)
	}
	var b news.Banner
	err := a.write(ctx, func(tx *store.Tx) (err error) {
		if b, err = tx.Banner(ctx, id); err != nil {
			return err
		}
		before, was := b, b.UpdatedAt
		in.apply(&b)
		if err := b.Validate(); err != nil {
			return err
		}
		b.UpdatedAt = a.clock()
		if !b.UpdatedAt.After(was) {
			b.UpdatedAt = was.Add(time.Microsecond) // the guard needs a new value
		}
		if err := tx.UpdateBanner(ctx, &b, was); err != nil {
			return err
		}
		b1, b2 := before, b
		b1.UpdatedAt, b2.UpdatedAt = time.Time{}, time.Time{}
		return a.audit(ctx, tx, actor, "banner.update", "banner", id, diff(b1, b2))
	})
	a.shop.changed()
	return b, err
}

// DeleteBanner takes a banner down for good (news.edit).
func (a *App) DeleteBanner(ctx context.Context, actor Actor, id string) error {
	if err := require(actor, staff.NewsEdit); err != nil {
		return err
	}
	if !ids.Valid(id) {
		return errs.E(errs.NotFound, "no banner %s", id)
	}
	err := a.write(ctx, func(tx *store.Tx) error {
		b, err := tx.Banner(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.DeleteBanner(ctx, id); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "banner.delete", "banner", id, map[string]string{"title": b.Title})
	})
	a.shop.changed()
	return err
}

// Banner returns one banner (news.edit).
func (a *App) Banner(ctx context.Context, actor Actor, id string) (news.Banner, error) {
	if err := require(actor, staff.NewsEdit); err != nil {
		return news.Banner{}, err
	}
	if !ids.Valid(id) {
		return news.Banner{}, errs.E(errs.NotFound, "no banner %s", id)
	}
	var b news.Banner
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		b, err = tx.Banner(ctx, id)
		return err
	})
	return b, err
}

// Banners lists every banner, running, to come or ended (news.edit).
func (a *App) Banners(ctx context.Context, actor Actor) ([]news.Banner, error) {
	if err := require(actor, staff.NewsEdit); err != nil {
		return nil, err
	}
	var out []news.Banner
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.Banners(ctx, MaxPageSize)
		return err
	})
	return out, err
}

// LiveBanners returns the banners the home page shows now in lang: those for
// that language and those for every language, by position.
func (a *App) LiveBanners(ctx context.Context, lang string) ([]news.Banner, error) {
	var out []news.Banner
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.LiveBanners(ctx, lang, a.clock(), news.MaxLiveBanners)
		return err
	})
	return out, err
}
