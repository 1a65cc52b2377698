package admin

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"b2x/app"
	"b2x/crm"
	"b2x/errs"
	"b2x/money"
	"b2x/party"
	"b2x/web/page"
)

// tenderForm is the tender's own fields as the form shows them: dates as
// yyyy-mm-dd, the checklist as rows of text with a done flag.
type tenderForm struct {
	OrganizationID, Title, Published, Deadline string
	Requirements                               []crm.Requirement
}

// blankRequirements is how many empty checklist rows a form offers.
const blankRequirements = 3

func (f tenderForm) Rows() []crm.Requirement {
	return append(append([]crm.Requirement{}, f.Requirements...), make([]crm.Requirement, blankRequirements)...)
}

func formOfTender(t app.TenderView) tenderForm {
	return tenderForm{OrganizationID: t.OrganizationID, Title: t.Title, Published: t.PublishedAt.Format(time.DateOnly),
		Deadline: t.Deadline.Format(time.DateOnly), Requirements: t.Requirements}
}

// readTenderForm reads the tender's fields; a row's done box posts met=ROW.
func readTenderForm(r *http.Request, rq *request) (tenderForm, time.Time, time.Time, error) {
	f := tenderForm{OrganizationID: page.Field(r, "organization_id"), Title: page.Field(r, "title"),
		Published: page.Field(r, "published_at"), Deadline: page.Field(r, "deadline")}
	met := map[string]bool{}
	for _, v := range r.PostForm["met"] {
		met[v] = true
	}
	for i, text := range r.PostForm["requirement"] {
		if text = strings.TrimSpace(text); text != "" {
			f.Requirements = append(f.Requirements, crm.Requirement{Text: text, Met: met[strconv.Itoa(i)]})
		}
	}
	var fs errs.Fields
	date := func(field, v string) time.Time {
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			fs.Add(field, "%s", rq.p.T("admin.bad_date"))
		}
		return t
	}
	pub, dl := date("published_at", f.Published), date("deadline", f.Deadline)
	// A deadline is the end of its day.
	return f, pub, dl.Add(24*time.Hour - time.Second), fs.Err()
}

type tenderEditPage struct {
	Form          tenderForm
	Organizations []party.Organization
	Errors        page.FormErrors
}

func (s *Server) renderNewTender(w http.ResponseWriter, r *http.Request, rq *request, status int, d tenderEditPage) error {
	orgs, err := s.app.Organizations(r.Context(), rq.actor, app.OrganizationQuery{Limit: app.MaxPageSize})
	if err != nil {
		return err
	}
	d.Organizations = orgs
	s.render(w, r, status, "tendernew", rq, rq.p.T("admin.new_tender"), d)
	return nil
}

// newTenderForm shows the form that starts tracking a tender.
func (s *Server) newTenderForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.renderNewTender(w, r, rq, http.StatusOK, tenderEditPage{Form: tenderForm{OrganizationID: r.URL.Query().Get("organization"),
		Published: time.Now().UTC().Format(time.DateOnly)}})
}

func (s *Server) createTender(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	f, pub, dl, err := readTenderForm(r, rq)
	var t app.TenderView
	if err == nil {
		t, err = s.app.CreateTender(r.Context(), rq.actor, app.NewTender{OrganizationID: f.OrganizationID, Title: f.Title,
			PublishedAt: pub, Deadline: dl, Requirements: f.Requirements})
	}
	if err != nil {
		fe, other := page.AsFormErrorsIn(rq.p, err)
		if other != nil {
			return other
		}
		return s.renderNewTender(w, r, rq, page.FormStatus(err), tenderEditPage{Form: f, Errors: fe})
	}
	http.Redirect(w, r, "/admin/tenders/"+t.ID, http.StatusSeeOther)
	return nil
}

// patchTender applies one of the tender page's forms and shows the page again,
// with the form's errors when it failed.
func (s *Server) patchTender(w http.ResponseWriter, r *http.Request, rq *request, patch func(*app.TenderPatch) error) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id := r.PathValue("id")
	version, _ := strconv.Atoi(page.Field(r, "version"))
	p := app.TenderPatch{Version: version}
	err := patch(&p)
	if err == nil {
		_, err = s.app.UpdateTender(r.Context(), rq.actor, id, p)
	}
	if err == nil {
		http.Redirect(w, r, "/admin/tenders/"+id, http.StatusSeeOther)
		return nil
	}
	return s.refusedTender(w, r, rq, err)
}

// refusedTender shows the tender page again with a refused form's errors.
func (s *Server) refusedTender(w http.ResponseWriter, r *http.Request, rq *request, err error) error {
	fe, other := page.AsFormErrorsIn(rq.p, err)
	if other != nil {
		return other
	}
	d, derr := s.tenderPage(r, rq)
	if derr != nil {
		return derr
	}
	d.Errors = fe
	s.render(w, r, page.FormStatus(err), "tender", rq, d.Tender.Title, d)
	return nil
}

// editTender changes the title, dates and the checklist.
func (s *Server) editTender(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.patchTender(w, r, rq, func(p *app.TenderPatch) error {
		f, pub, dl, err := readTenderForm(r, rq)
		p.Title, p.PublishedAt, p.Deadline, p.Requirements = &f.Title, &pub, &dl, &f.Requirements
		return err
	})
}

// decideTender records bid or no-bid with the reason.
func (s *Server) decideTender(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.patchTender(w, r, rq, func(p *app.TenderPatch) error {
		d, reason := crm.Decision(page.Field(r, "decision")), page.Field(r, "reason")
		p.Decision, p.DecisionReason = &d, &reason
		return nil
	})
}

// submitTender records that our bid went in as a quote, now or at the time
// given.
func (s *Server) submitTender(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.patchTender(w, r, rq, func(p *app.TenderPatch) error {
		q := page.Field(r, "quote_id")
		p.SubmitQuoteID = &q
		if v := page.Field(r, "submitted_at"); v != "" {
			at, err := time.Parse("2006-01-02T15:04", v)
			if err != nil {
				return errs.Field("submitted_at", "%s", rq.p.T("admin.bad_date"))
			}
			p.SubmittedAt = &at
		}
		return nil
	})
}

// closeTender records the outcome; when lost, the winner and their price.
func (s *Server) closeTender(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.patchTender(w, r, rq, func(p *app.TenderPatch) error {
		o, winner := crm.Outcome(page.Field(r, "outcome")), page.Field(r, "winner")
		p.Outcome, p.WinnerName = &o, &winner
		if v := page.Field(r, "price"); v != "" {
			cur := strings.ToUpper(page.Field(r, "currency"))
			if cur == "" {
				cur = dealCurrency
			}
			price, err := money.ParseLocal(v, cur, rq.loc.Code)
			if err != nil {
				return errs.Field("price", "%s", rq.p.T("admin.bad_amount"))
			}
			p.WinningPrice = &price
		}
		return nil
	})
}

// uploadTenderFile attaches an uploaded document; the body is bounded a little
// above the document's own limit for the form's other parts.
func (s *Server) uploadTenderFile(w http.ResponseWriter, r *http.Request, rq *request) error {
	r.Body = http.MaxBytesReader(w, r.Body, app.MaxTenderFile+64<<10)
	id := r.PathValue("id")
	var data []byte
	var name string
	err := r.ParseMultipartForm(1 << 20)
	if err == nil {
		file, hdr, ferr := r.FormFile("file")
		if ferr != nil {
			err = errs.Field("file", "%s", rq.p.T("admin.choose_file"))
		} else {
			defer file.Close()
			name = hdr.Filename
			data, err = io.ReadAll(file)
		}
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		err = errs.Field("file", "%s", rq.p.T("admin.file_too_big", "mb", app.MaxTenderFile>>20))
	} else if err != nil && errs.CodeOf(err) == errs.Internal {
		err = errs.Field("file", "%s", rq.p.T("admin.choose_file"))
	}
	if err == nil {
		_, err = s.app.UploadTenderFile(r.Context(), rq.actor, id, name, data)
	}
	if err != nil {
		return s.refusedTender(w, r, rq, err)
	}
	http.Redirect(w, r, "/admin/tenders/"+id, http.StatusSeeOther)
	return nil
}

// tenderFile sends a document as an attachment with the type sniffed at upload,
// so a browser never runs it as a page of ours.
func (s *Server) tenderFile(w http.ResponseWriter, r *http.Request, rq *request) error {
	f, err := s.app.TenderFile(r.Context(), rq.actor, r.PathValue("id"), r.PathValue("file"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
	w.Header().Set("Content-Length", fmt.Sprint(f.Size))
	_, err = w.Write(f.Data)
	if err != nil {
		s.log.Debug("tender file: client went away", "err", err)
	}
	return nil
}
