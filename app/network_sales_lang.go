package app

import (
	"context"
	"slices"

	"b2x/campaign"
	"b2x/locale"
	"b2x/store"
)

// langGroup is the languages one announcement draft goes to: the first is the
// draft's own; the others are read by nobody on the list yet, and a person who
// reads one of them and opts in before the send gets this draft. all: every
// supported language (the draft needs no language filter).
type langGroup struct {
	langs []string
	all   bool
}

// announceLanguages splits a list's audience (narrowed by filter) by the
// language its people read (campaign.Profile.Lang: a contact's, else a
// person's last order's, else the default): one group per language somebody
// reads. The languages nobody reads join the group of the announcement
// language (CampaignConfig.AnnounceLang, when somebody reads it) or else of
// the first read, so the drafts together reach every language.
func (a *App) announceLanguages(ctx context.Context, tx *store.Tx, listID string, filter campaign.Segment) ([]langGroup, error) {
	f := filter
	for _, l := range locale.Supported() {
		f.Languages = append(f.Languages, l.Code)
	}
	rs, err := a.recipients(ctx, tx, listID, f)
	if err != nil {
		return nil, err
	}
	var read, unread []string
	for _, l := range f.Languages {
		if slices.ContainsFunc(rs, func(r Recipient) bool { return r.Lang == l }) {
			read = append(read, l)
		} else {
			unread = append(unread, l)
		}
	}
	home := langOrDefault(a.campaigns.cfg.AnnounceLang)
	if len(read) == 0 {
		return []langGroup{{langs: []string{home}, all: true}}, nil
	}
	if !slices.Contains(read, home) {
		home = read[0]
	}
	out := make([]langGroup, 0, len(read))
	for _, l := range read {
		g := langGroup{langs: []string{l}}
		if l == home {
			g.langs = append(g.langs, unread...)
		}
		g.all = len(read) == 1
		out = append(out, g)
	}
	return out, nil
}
