package app

import (
	"context"
	"mime"
	"strings"

	"b2x/bounce"
	"b2x/errs"
	"b2x/staff"
)

// What the mailbox brings back, read by package bounce (b2x bounces read, the
// message/rfc822 form of POST /api/v1/bounces): reports become RecordBounce
// calls, and letters to the unsubscribe address (the mailto: form of
// List-Unsubscribe) become UnsubscribeCampaign calls.

// BounceOutcome is what one report did.
type BounceOutcome struct {
	Kind       bounce.Kind `json:"kind"`
	Recorded   int         `json:"recorded"`             // bounces or complaints recorded
	Suppressed int         `json:"addresses_suppressed"` // addresses suppressed by them
	Ignored    string      `json:"ignored,omitempty"`
}

// RecordBounceReport records what a parsed report says. The delivery is found
// by the X-B2X-Delivery header of the returned letter, else by each failed
// recipient's address. Auto-replies and messages that are not bounces are
// ignored (Ignored says why), as are reports that name nobody.
func (a *App) RecordBounceReport(ctx context.Context, rep bounce.Report) (BounceOutcome, error) {
	return a.recordReport(ctx, nil, rep)
}

// RecordBounceReportAs is RecordBounceReport called by staff or a webhook's
// token: it needs campaigns.edit, and each bounce is audited.
func (a *App) RecordBounceReportAs(ctx context.Context, actor Actor, rep bounce.Report) (BounceOutcome, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return BounceOutcome{}, err
	}
	return a.recordReport(ctx, &actor, rep)
}

func (a *App) recordReport(ctx context.Context, actor *Actor, rep bounce.Report) (BounceOutcome, error) {
	out := BounceOutcome{Kind: rep.Kind}
	kind := map[bounce.Kind]string{bounce.Hard: BounceHard, bounce.Soft: BounceSoft, bounce.Complaint: BounceComplaint}[rep.Kind]
	if kind == "" {
		out.Ignored = "not a bounce: " + rep.Reason
		return out, nil
	}
	record := func(ref, kind, detail string) error {
		s, err := a.recordBounce(ctx, actor, ref, kind, detail)
		if err != nil {
			return err
		}
		out.Recorded++
		if s {
			out.Suppressed++
		}
		return nil
	}
	detail := rep.Reason
	for _, r := range rep.Recipients {
		if r.Diagnostic != "" {
			detail = r.Diagnostic
			break
		}
	}
	// Our letters go to one recipient each, so the header names the delivery
	// the whole report is about. An id we do not know (a forged or foreign
	// header) falls back to the addresses.
	if id := strings.TrimSpace(rep.Header("X-B2X-Delivery")); id != "" && !strings.Contains(id, "@") {
		err := record(id, kind, detail)
		if c := errs.CodeOf(err); err == nil || (c != errs.NotFound && c != errs.Invalid) {
			return out, err
		}
	}
	for _, r := range rep.Recipients {
		rk := map[bounce.Kind]string{bounce.Hard: BounceHard, bounce.Soft: BounceSoft, bounce.Complaint: BounceComplaint}[r.Kind]
		if rk == "" && rep.Kind == bounce.Complaint {
			rk = BounceComplaint
		}
		if rk == "" || !strings.Contains(r.Email, "@") {
			continue
		}
		if err := record(r.Email, rk, or(r.Diagnostic, rep.Reason)); err != nil {
			return out, err
		}
	}
	if out.Recorded == 0 {
		out.Ignored = "the report names no delivery and no address"
	}
	return out, nil
}

// UnsubscribeByMail handles a letter sent to the mailto: address of
// List-Unsubscribe: its subject is "unsubscribe TOKEN" (a reply may prefix
// "Re:"; MIME encoded words are decoded). It unsubscribes the delivery's list
// only, as the one-click POST does.
func (a *App) UnsubscribeByMail(ctx context.Context, subject string) (UnsubscribeView, error) {
	if d, err := new(mime.WordDecoder).DecodeHeader(subject); err == nil {
		subject = d
	}
	f := strings.Fields(subject)
	for i := 0; i+1 < len(f); i++ {
		if strings.EqualFold(f[i], "unsubscribe") {
			return a.UnsubscribeCampaign(ctx, f[i+1])
		}
	}
	return UnsubscribeView{}, errs.Field("subject", "must be \"unsubscribe TOKEN\" as the letter's List-Unsubscribe gave it")
}
