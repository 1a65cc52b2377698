package admin

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"b2x/app"
	"b2x/campaign"
	"b2x/errs"
	"b2x/store"
	"b2x/web/page"
)

// The email-campaign pages (issue 6, S13): the list, the editor with the
// quality check's findings, the audience count and a preview, test sends and
// their answers, and the send, pause and resume buttons. Each page calls the
// campaign use cases, which check campaigns.edit again.

type campaignsPage struct {
	Campaigns []store.Campaign
	Reports   map[string]store.CampaignCounts
	Status    string
	Statuses  []string
}

var campaignStatuses = []string{store.CampaignDraft, store.CampaignSending, store.CampaignPaused, store.CampaignFinished}

// campaigns lists campaigns, newest first, with their key figures.
func (s *Server) campaigns(w http.ResponseWriter, r *http.Request, rq *request) error {
	d := campaignsPage{Status: r.URL.Query().Get("status"), Statuses: campaignStatuses, Reports: map[string]store.CampaignCounts{}}
	var err error
	if d.Campaigns, err = s.app.Campaigns(r.Context(), rq.actor, app.CampaignQuery{Status: d.Status}); err != nil {
		return err
	}
	for _, c := range d.Campaigns {
		if c.Status == store.CampaignDraft {
			continue
		}
		rep, err := s.app.CampaignReport(r.Context(), rq.actor, c.ID)
		if err != nil {
			return err
		}
		d.Reports[c.ID] = rep.Counts
	}
	s.render(w, r, http.StatusOK, "campaigns", rq, rq.p.T("camp.campaigns"), d)
	return nil
}

// campaignForm is the editor as typed, so a refused form comes back as sent.
type campaignForm struct {
	Name, List, Segment, Subject, Preheader, Body, Lang string
	Version                                             int
}

func (f campaignForm) input() app.CampaignInput {
	return app.CampaignInput{Name: f.Name, List: f.List, SegmentID: f.Segment, Subject: f.Subject, Preheader: f.Preheader,
		Body: f.Body, Lang: f.Lang, Version: f.Version}
}

func readCampaignForm(r *http.Request) campaignForm {
	v, _ := strconv.Atoi(page.Field(r, "version"))
	return campaignForm{Name: page.Field(r, "name"), List: page.Field(r, "list"), Segment: page.Field(r, "segment"),
		Subject: page.Field(r, "subject"), Preheader: page.Field(r, "preheader"),
		Body: strings.ReplaceAll(r.PostFormValue("body"), "\r\n", "\n"), Lang: page.Field(r, "lang"), Version: v}
}

type campaignPage struct {
	New      bool
	Campaign app.CampaignView
	Form     campaignForm
	Errors   page.FormErrors
	Lists    []store.MailingList
	Segments []store.Segment
	Langs    []string
	// LintErrors and LintWarnings count the findings by severity.
	LintErrors, LintWarnings int
	Audience                 *app.AudiencePreview
	// Preview is the HTML part as a sample recipient sees it, shown in a
	// sandboxed iframe; PreviewText is the plain-text part.
	Preview, PreviewText string
	TestTo               string
	TestErrors           page.FormErrors
	// Refusal is why a send, pause or resume was refused.
	Refusal string
	Done    string
	// Names are the staff users' names by id, for who wrote and who tested.
	Names map[string]string
}

// Who names a staff user by the id a ledger keeps, or shows the id.
func (d campaignPage) Who(id string) string {
	if n := d.Names[id]; n != "" {
		return n
	}
	return id
}

// Editable reports whether the editor and the test-send form are offered.
func (d campaignPage) Editable() bool { return d.New || d.Campaign.Status == store.CampaignDraft }

// ErrFor is the first error of a field or of its parts (to[2]).
func (d campaignPage) ErrFor(field string) string {
	if m := d.Errors.For(field); m != "" {
		return m
	}
	for k, m := range d.TestErrors.Fields {
		if k == field || strings.HasPrefix(k, field+"[") {
			return m
		}
	}
	return ""
}

func (s *Server) campaignChoices(ctx context.Context, rq *request, d *campaignPage) error {
	var err error
	if d.Lists, err = s.app.MailingLists(ctx, rq.actor); err != nil {
		return err
	}
	d.Segments, err = s.app.Segments(ctx, rq.actor)
	d.Langs = []string{"en", "ru", "fa"}
	return err
}

// newCampaign shows an empty editor.
func (s *Server) newCampaign(w http.ResponseWriter, r *http.Request, rq *request) error {
	d := campaignPage{New: true, Form: campaignForm{Lang: rq.loc.Code}}
	if err := s.campaignChoices(r.Context(), rq, &d); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "campaign", rq, rq.p.T("camp.new"), d)
	return nil
}

// createCampaign saves a new draft and opens it, with its findings beside the form.
func (s *Server) createCampaign(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	f := readCampaignForm(r)
	v, err := s.app.CreateCampaign(r.Context(), rq.actor, f.input())
	if err != nil {
		d := campaignPage{New: true, Form: f}
		if d.Errors, err = page.AsFormErrorsIn(rq.p, err); err != nil {
			return err
		}
		if err := s.campaignChoices(r.Context(), rq, &d); err != nil {
			return err
		}
		s.render(w, r, http.StatusUnprocessableEntity, "campaign", rq, rq.p.T("camp.new"), d)
		return nil
	}
	http.Redirect(w, r, "/admin/campaigns/"+url.PathEscape(v.ID)+"?done=saved", http.StatusSeeOther)
	return nil
}

// campaign shows a campaign: the editor while it is a draft, its findings,
// audience, preview, test sends with their answers, and what may be done next.
func (s *Server) campaign(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := s.campaignPageOf(r, rq, r.PathValue("id"))
	if err != nil {
		return err
	}
	if done := r.URL.Query().Get("done"); done == "saved" || done == "tested" || done == "sent" || done == "paused" || done == "resumed" {
		d.Done = done
	}
	s.render(w, r, http.StatusOK, "campaign", rq, d.Campaign.Name, d)
	return nil
}

func (s *Server) campaignPageOf(r *http.Request, rq *request, id string) (campaignPage, error) {
	ctx := r.Context()
	v, err := s.app.Campaign(ctx, rq.actor, id)
	if err != nil {
		return campaignPage{}, err
	}
	d := campaignPage{Campaign: v, Form: campaignForm{Name: v.Name, List: v.ListID, Segment: v.SegmentID, Subject: v.Subject,
		Preheader: v.Preheader, Body: v.Body, Lang: v.Lang, Version: v.Version}}
	if err := s.campaignChoices(ctx, rq, &d); err != nil {
		return d, err
	}
	d.LintErrors, d.LintWarnings, _ = campaign.Count(v.Findings)
	who := []string{v.CreatedBy}
	for _, ts := range v.TestSends {
		who = append(who, ts.SentBy)
	}
	if d.Names, err = s.app.StaffNames(ctx, rq.actor, who...); err != nil {
		return d, err
	}
	if me, err := s.app.Me(ctx, rq.actor); err == nil {
		d.TestTo = me.Email
	} else {
		return d, err
	}
	var filter campaign.Segment
	for _, sg := range d.Segments {
		if sg.ID == v.SegmentID {
			filter = sg.Filter
		}
	}
	aud, err := s.app.PreviewAudience(ctx, rq.actor, v.ListID, filter)
	if err != nil {
		return d, err
	}
	d.Audience = &aud
	if t, err := campaign.Compile(v.Subject, v.Preheader, v.Body); err == nil {
		// A sample recipient: the preview shows where personal fields go.
		filled := t.Fill(campaign.Fill{Fields: map[string]string{"first_name": "Anna", "name": "Anna Example",
			"organization": "Example Ltd", "email": "anna@example.com"}, Unsubscribe: "#unsubscribe"})
		d.Preview, d.PreviewText = filled.HTML, filled.Text
	}
	return d, nil
}

// updateCampaign saves the editor; a stale version or a bad field comes back
// with the form as typed.
func (s *Server) updateCampaign(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id := r.PathValue("id")
	f := readCampaignForm(r)
	if _, err := s.app.UpdateCampaign(r.Context(), rq.actor, id, f.input()); err != nil {
		return s.refusedCampaign(w, r, rq, id, http.StatusUnprocessableEntity, err, func(d *campaignPage, fe page.FormErrors) {
			d.Form, d.Errors = f, fe
		})
	}
	http.Redirect(w, r, "/admin/campaigns/"+url.PathEscape(id)+"?done=saved", http.StatusSeeOther)
	return nil
}

// testSendCampaign sends the draft to the colleagues named, one address a line
// or separated by commas.
func (s *Server) testSendCampaign(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id, to := r.PathValue("id"), page.Field(r, "to")
	var addrs []string
	for _, a := range strings.FieldsFunc(to, func(c rune) bool { return c == ',' || c == '\n' || c == '\r' || c == ';' }) {
		if a = strings.TrimSpace(a); a != "" {
			addrs = append(addrs, a)
		}
	}
	if _, err := s.app.TestSendCampaign(r.Context(), rq.actor, id, app.TestSendInput{To: addrs}); err != nil {
		return s.refusedCampaign(w, r, rq, id, http.StatusUnprocessableEntity, err, func(d *campaignPage, fe page.FormErrors) {
			d.TestTo, d.TestErrors = to, fe
		})
	}
	http.Redirect(w, r, "/admin/campaigns/"+url.PathEscape(id)+"?done=tested#test-sends", http.StatusSeeOther)
	return nil
}

// sendCampaign starts the real send once the confirmation box is ticked.
func (s *Server) sendCampaign(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.moveCampaign(w, r, rq, "sent", func(ctx context.Context, id string) error {
		if page.Field(r, "confirm") != "yes" {
			return errs.EKey(errs.Conflict, "camp.confirm_needed", "Tick the box to confirm the send.")
		}
		_, err := s.app.SendCampaign(ctx, rq.actor, id)
		return err
	})
}

func (s *Server) pauseCampaign(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.moveCampaign(w, r, rq, "paused", func(ctx context.Context, id string) error {
		_, err := s.app.PauseCampaign(ctx, rq.actor, id)
		return err
	})
}

func (s *Server) resumeCampaign(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.moveCampaign(w, r, rq, "resumed", func(ctx context.Context, id string) error {
		_, err := s.app.ResumeCampaign(ctx, rq.actor, id)
		return err
	})
}

// moveCampaign runs a send, pause or resume; a refusal (errors found, no test
// send yet, the wrong status) is shown on the campaign's page.
func (s *Server) moveCampaign(w http.ResponseWriter, r *http.Request, rq *request, done string, move func(context.Context, string) error) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id := r.PathValue("id")
	if err := move(r.Context(), id); err != nil {
		return s.refusedCampaign(w, r, rq, id, http.StatusConflict, err, func(d *campaignPage, fe page.FormErrors) {
			d.Refusal = fe.Message
			if d.Refusal == "" {
				for _, m := range fe.Fields {
					d.Refusal = m
				}
			}
			// The send's two S13 refusals, said in the page's language.
			if done == "sent" && d.Campaign.Status == store.CampaignDraft && fe.Message != rq.p.T("camp.confirm_needed") {
				switch {
				case d.Campaign.LintErrors > 0:
					d.Refusal = rq.p.Plural("camp.lint_blocks", d.Campaign.LintErrors)
				case d.Campaign.Campaign.TestSends == 0:
					d.Refusal = rq.p.T("camp.no_test_sends")
				}
			}
		})
	}
	http.Redirect(w, r, "/admin/campaigns/"+url.PathEscape(id)+"?done="+done, http.StatusSeeOther)
	return nil
}

// refusedCampaign shows a campaign's page again after a refused change, the
// campaign read afresh; put places the refusal (form errors or the refusal
// line) and what was typed. Errors that are not refusals go to the error page.
func (s *Server) refusedCampaign(w http.ResponseWriter, r *http.Request, rq *request, id string, status int, refusal error,
	put func(*campaignPage, page.FormErrors)) error {
	fe, err := page.AsFormErrorsIn(rq.p, refusal)
	if err != nil {
		return err
	}
	d, err := s.campaignPageOf(r, rq, id)
	if err != nil {
		return err
	}
	put(&d, fe)
	s.render(w, r, status, "campaign", rq, d.Campaign.Name, d)
	return nil
}
