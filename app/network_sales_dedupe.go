package app

import (
	"context"

	"b2x/campaign"
	"b2x/errs"
	"b2x/store"
)

// leaveOutAnnounced is SendCampaign's one step for announcements (S23): an
// address on both lists (network-sales and new-arrivals) is in the audience
// of two drafts of the same events, and gets one letter. Starting a draft
// locks its announcement, so its drafts start one at a time, and leaves out
// the addresses a sibling draft has a delivery for (queued, being sent or
// sent; not one skipped or failed). Other campaigns pass through unchanged.
// When nobody is left, the send is refused, as with an empty audience.
func (a *App) leaveOutAnnounced(ctx context.Context, tx *store.Tx, campaignID string, rs []Recipient) ([]Recipient, error) {
	ann, err := tx.LockAnnouncementOf(ctx, campaignID)
	if err != nil || ann == "" {
		return rs, err
	}
	got, err := tx.AnnouncedKeys(ctx, ann, campaignID)
	if err != nil || len(got) == 0 {
		return rs, err
	}
	out := make([]Recipient, 0, len(rs))
	for _, r := range rs {
		if !got[campaign.EmailKey(r.Email)] {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, errs.E(errs.Conflict, "nobody is to receive campaign %s: everyone in its audience has this announcement from another of its drafts", campaignID)
	}
	return out, nil
}
