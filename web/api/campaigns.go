package api

import (
	"errors"
	"mime"
	"net/http"

	"b2x/app"
	"b2x/bounce"
	"b2x/campaign"
	"b2x/store"
)

// Email campaigns (issue 6): drafts with their quality-check findings, test
// sends and their answers, sending, pause and resume, reports; and the
// audiences they go to: mailing lists, consents, segments, the suppression
// list and bounces. Every route needs campaigns.edit (app checks it).

func (s *Server) listCampaigns(w http.ResponseWriter, r *http.Request) error {
	limit, err := limitParam(r)
	if err != nil {
		return err
	}
	cs, err := s.app.Campaigns(r.Context(), actorOf(r), app.CampaignQuery{Status: r.URL.Query().Get("status"), Limit: limit})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Items []store.Campaign `json:"items"`
	}{cs})
}

func (s *Server) createCampaign(w http.ResponseWriter, r *http.Request) error {
	var in app.CampaignInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	v, err := s.app.CreateCampaign(r.Context(), actorOf(r), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/campaigns/"+v.ID)
	return writeJSON(w, http.StatusCreated, v)
}

func (s *Server) getCampaign(w http.ResponseWriter, r *http.Request) error {
	v, err := s.app.Campaign(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

// updateCampaign replaces a draft's content; "version" guards against two
// editors saving at once.
func (s *Server) updateCampaign(w http.ResponseWriter, r *http.Request) error {
	var in app.CampaignInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	v, err := s.app.UpdateCampaign(r.Context(), actorOf(r), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

func (s *Server) campaignFindings(w http.ResponseWriter, r *http.Request) error {
	fs, err := s.app.CampaignFindings(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	errors, warnings, infos := campaign.Count(fs)
	return writeJSON(w, http.StatusOK, struct {
		Findings []campaign.Finding `json:"findings"`
		Errors   int                `json:"errors"`
		Warnings int                `json:"warnings"`
		Infos    int                `json:"infos"`
	}{fs, errors, warnings, infos})
}

func (s *Server) testSendCampaign(w http.ResponseWriter, r *http.Request) error {
	var in app.TestSendInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ts, err := s.app.TestSendCampaign(r.Context(), actorOf(r), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, struct {
		Items []store.TestSend `json:"items"`
	}{ts})
}

func (s *Server) sendCampaign(w http.ResponseWriter, r *http.Request) error {
	c, err := s.app.SendCampaign(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusAccepted, c)
}

func (s *Server) pauseCampaign(w http.ResponseWriter, r *http.Request) error {
	c, err := s.app.PauseCampaign(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

func (s *Server) resumeCampaign(w http.ResponseWriter, r *http.Request) error {
	c, err := s.app.ResumeCampaign(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

func (s *Server) campaignReport(w http.ResponseWriter, r *http.Request) error {
	rep, err := s.app.CampaignReport(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rep)
}

func (s *Server) campaignDeliveries(w http.ResponseWriter, r *http.Request) error {
	limit, err := limitParam(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	ds, err := s.app.CampaignDeliveries(r.Context(), actorOf(r), r.PathValue("id"), q.Get("state"), q.Get("after"), limit)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Items []store.Delivery `json:"items"`
	}{ds})
}

func (s *Server) listMailingLists(w http.ResponseWriter, r *http.Request) error {
	ls, err := s.app.MailingLists(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Items []store.MailingList `json:"items"`
	}{ls})
}

func (s *Server) createMailingList(w http.ResponseWriter, r *http.Request) error {
	var in app.MailingListInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	l, err := s.app.CreateMailingList(r.Context(), actorOf(r), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, l)
}

func (s *Server) giveConsent(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Email  string `json:"email"`
		Source string `json:"source"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	err := s.app.GiveConsent(r.Context(), actorOf(r), app.ConsentInput{List: r.PathValue("list"), Email: in.Email, Source: in.Source})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) withdrawConsent(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Email string `json:"email"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	withdrawn, err := s.app.WithdrawConsent(r.Context(), actorOf(r), r.PathValue("list"), in.Email)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Withdrawn bool `json:"withdrawn"`
	}{withdrawn})
}

func (s *Server) listConsents(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.app.Consents(r.Context(), actorOf(r), r.URL.Query().Get("email"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Items []store.Consent `json:"items"`
	}{cs})
}

func (s *Server) listSegments(w http.ResponseWriter, r *http.Request) error {
	ss, err := s.app.Segments(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Items []store.Segment `json:"items"`
	}{ss})
}

func (s *Server) createSegment(w http.ResponseWriter, r *http.Request) error {
	var in app.SegmentInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	seg, err := s.app.CreateSegment(r.Context(), actorOf(r), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, seg)
}

func (s *Server) updateSegment(w http.ResponseWriter, r *http.Request) error {
	var in app.SegmentInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	seg, err := s.app.UpdateSegment(r.Context(), actorOf(r), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, seg)
}

func (s *Server) previewAudience(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		List    string           `json:"list"`
		Segment campaign.Segment `json:"segment"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p, err := s.app.PreviewAudience(r.Context(), actorOf(r), in.List, in.Segment)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

func (s *Server) listSuppressions(w http.ResponseWriter, r *http.Request) error {
	limit, err := limitParam(r)
	if err != nil {
		return err
	}
	ss, err := s.app.Suppressions(r.Context(), actorOf(r), limit)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Items []store.Suppression `json:"items"`
	}{ss})
}

func (s *Server) createSuppression(w http.ResponseWriter, r *http.Request) error {
	var in app.SuppressInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := s.app.Suppress(r.Context(), actorOf(r), in); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// recordBounce is the webhook a mail provider (or the mailbox reader of
// package bounce) reports a bounce or complaint through: JSON naming the
// delivery or address, or the returned message itself (message/rfc822), read
// by bounce.Parse. Auto-replies are not bounces and change nothing.
func (s *Server) recordBounce(w http.ResponseWriter, r *http.Request) error {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "message/rfc822" {
		rep, err := bounce.Parse(http.MaxBytesReader(w, r.Body, MaxBody))
		if err != nil {
			if errors.Is(err, bounce.ErrMalformed) {
				return badRequest(http.StatusUnprocessableEntity, "body", "%v", err)
			}
			return jsonError(err)
		}
		o, err := s.app.RecordBounceReportAs(r.Context(), actorOf(r), rep)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, struct {
			Suppressed bool `json:"suppressed"`
			app.BounceOutcome
		}{o.Suppressed > 0, o})
	}
	var in struct {
		Ref    string `json:"ref"` // a delivery id (X-B2X-Delivery) or an address
		Kind   string `json:"kind"`
		Detail string `json:"detail"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	suppressed, err := s.app.RecordBounceAs(r.Context(), actorOf(r), in.Ref, in.Kind, in.Detail)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Suppressed bool `json:"suppressed"`
	}{suppressed})
}
