package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"b2x/errs"
	"b2x/ids"
	"b2x/staff"
	"b2x/store"
)

// WinningPointInput is a winning point's words (S10): say the same to every client,
// so a referred buyer hears what the referrer heard.
type WinningPointInput struct {
	Title string
	Text  string
	Tags  []string // e.g. uniqueness, quality, service, terms
}

func (in *WinningPointInput) check() error {
	in.Title = strings.TrimSpace(in.Title)
	var fs errs.Fields
	if in.Title == "" || utf8.RuneCountInString(in.Title) > 200 || !utf8.ValidString(in.Title) {
		fs.Add("title", "is required and at most 200 characters")
	}
	if strings.TrimSpace(in.Text) == "" || utf8.RuneCountInString(in.Text) > 10_000 || !utf8.ValidString(in.Text) {
		fs.Add("text", "is required and at most 10,000 characters")
	}
	for i, t := range in.Tags {
		if t == "" || t != strings.TrimSpace(t) || len(t) > 40 || slices.Index(in.Tags, t) < i {
			fs.Add(fmt.Sprintf("tags[%d]", i), "is empty, longer than 40, has surrounding spaces or appears twice")
		}
	}
	if len(in.Tags) > 20 {
		fs.Add("tags", "at most 20")
	}
	return fs.Err()
}

// CreateWinningPoint adds a point to the library.
func (a *App) CreateWinningPoint(ctx context.Context, actor Actor, in WinningPointInput) (store.WinningPoint, error) {
	if err := require(actor, staff.WinningPointsEdit); err != nil {
		return store.WinningPoint{}, err
	}
	if err := in.check(); err != nil {
		return store.WinningPoint{}, err
	}
	now := a.clock()
	p := store.WinningPoint{ID: ids.At(now), Title: in.Title, Text: in.Text, Tags: in.Tags, CreatedAt: now, UpdatedAt: now}
	err := a.write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertWinningPoint(ctx, &p); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "winning_point.create", "winning_point", p.ID, in)
	})
	return p, err
}

// UpdateWinningPoint replaces a point's words.
func (a *App) UpdateWinningPoint(ctx context.Context, actor Actor, id string, in WinningPointInput) (store.WinningPoint, error) {
	if err := require(actor, staff.WinningPointsEdit); err != nil {
		return store.WinningPoint{}, err
	}
	if !ids.Valid(id) {
		return store.WinningPoint{}, errs.E(errs.NotFound, "no winning point %s", id)
	}
	if err := in.check(); err != nil {
		return store.WinningPoint{}, err
	}
	var p store.WinningPoint
	err := a.write(ctx, func(tx *store.Tx) error {
		var err error
		if p, err = tx.WinningPoint(ctx, id); err != nil {
			return err
		}
		before := WinningPointInput{Title: p.Title, Text: p.Text, Tags: p.Tags}
		p.Title, p.Text, p.Tags, p.UpdatedAt = in.Title, in.Text, in.Tags, a.clock()
		if err := tx.UpdateWinningPoint(ctx, &p); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "winning_point.update", "winning_point", id, diff(before, in))
	})
	return p, err
}

// WinningPoint returns a point with where it was used.
func (a *App) WinningPoint(ctx context.Context, actor Actor, id string) (store.WinningPoint, error) {
	if err := require(actor, staff.WinningPointsRead); err != nil {
		return store.WinningPoint{}, err
	}
	if !ids.Valid(id) {
		return store.WinningPoint{}, errs.E(errs.NotFound, "no winning point %s", id)
	}
	var p store.WinningPoint
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		p, err = tx.WinningPoint(ctx, id)
		return err
	})
	return p, err
}

// WinningPoints lists the library by title; tag narrows it.
func (a *App) WinningPoints(ctx context.Context, actor Actor, tag string) ([]store.WinningPoint, error) {
	if err := require(actor, staff.WinningPointsRead); err != nil {
		return nil, err
	}
	var out []store.WinningPoint
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.WinningPoints(ctx, tag)
		return err
	})
	return out, err
}

// UseWinningPoint records that a point was used in a quote ("quote:ID", needs
// quotes.edit) or a campaign ("campaign:ID", needs campaigns.edit), so the library
// shows what each client has heard.
func (a *App) UseWinningPoint(ctx context.Context, actor Actor, pointID, usedIn string) (store.WinningPoint, error) {
	kind, ref, _ := strings.Cut(usedIn, ":")
	perm := map[string]staff.Permission{"quote": staff.QuotesEdit, "campaign": staff.CampaignsEdit}[kind]
	if perm == "" {
		perm = staff.WinningPointsEdit
	}
	if err := require(actor, perm); err != nil {
		return store.WinningPoint{}, err
	}
	if !ids.Valid(pointID) {
		return store.WinningPoint{}, errs.E(errs.NotFound, "no winning point %s", pointID)
	}
	if (kind != "quote" && kind != "campaign") || !ids.Valid(ref) {
		return store.WinningPoint{}, errs.Field("used_in", "must be quote:ID or campaign:ID")
	}
	var p store.WinningPoint
	err := a.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.WinningPoint(ctx, pointID); err != nil {
			return err
		}
		if kind == "quote" {
			if err := checkLinks(ctx, tx, links{QuoteID: ref}); errs.CodeOf(err) == errs.Invalid {
				return errs.Field("used_in", "no quote %s", ref)
			} else if err != nil {
				return err
			}
		}
		if err := tx.InsertWinningPointUse(ctx, pointID, store.WinningPointUse{UsedIn: usedIn, At: a.clock(), By: actor.Label()}); err != nil {
			return err
		}
		if err := a.audit(ctx, tx, actor, "winning_point.use", "winning_point", pointID, map[string]string{"used_in": usedIn}); err != nil {
			return err
		}
		var err error
		p, err = tx.WinningPoint(ctx, pointID)
		return err
	})
	return p, err
}

// recordPointUses records, in the quote's own transaction, each library point a
// quote inserted: a quote's winning point is the library point whose text (or
// title) it carries. A point already recorded for the quote stays recorded
// once, so revising a quote does not count it again.
func (a *App) recordPointUses(ctx context.Context, tx *store.Tx, actor Actor, quoteID string, inserted []string, now time.Time) error {
	if len(inserted) == 0 {
		return nil
	}
	library, err := tx.WinningPoints(ctx, "")
	if err != nil {
		return err
	}
	for _, p := range library {
		if !slices.ContainsFunc(inserted, func(s string) bool {
			s = strings.TrimSpace(s)
			return s == strings.TrimSpace(p.Text) || s == p.Title
		}) {
			continue
		}
		usedIn := "quote:" + quoteID
		added, err := tx.InsertWinningPointUseOnce(ctx, p.ID, store.WinningPointUse{UsedIn: usedIn, At: now, By: actor.Label()})
		if err != nil {
			return err
		}
		if added {
			if err := a.audit(ctx, tx, actor, "winning_point.use", "winning_point", p.ID, map[string]string{"used_in": usedIn}); err != nil {
				return err
			}
		}
	}
	return nil
}
