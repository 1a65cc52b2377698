package admin

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/store"
	"b2x/web/page"
)

// The mailing-list pages (issue 6): the lists with how many are opted in, a
// list's consents (address, when, where from) a page at a time, adding one
// address, importing many from a box or a CSV file, and withdrawing one.

type mailingListsPage struct {
	Lists      []store.MailingListCount
	Slug, Name string
	Errors     page.FormErrors
	Done       string
}

// mailingLists lists the lists with their counts and the form for a new one.
func (s *Server) mailingLists(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.renderMailingLists(w, r, rq, http.StatusOK, mailingListsPage{Done: doneOf(r, "created")})
}

func (s *Server) renderMailingLists(w http.ResponseWriter, r *http.Request, rq *request, status int, d mailingListsPage) error {
	var err error
	if d.Lists, err = s.app.MailingListCounts(r.Context(), rq.actor); err != nil {
		return err
	}
	s.render(w, r, status, "mailinglists", rq, rq.p.T("aud.lists"), d)
	return nil
}

// createMailingList adds a list and opens it.
func (s *Server) createMailingList(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	d := mailingListsPage{Slug: page.Field(r, "slug"), Name: page.Field(r, "name")}
	l, err := s.app.CreateMailingList(r.Context(), rq.actor, app.MailingListInput{Slug: d.Slug, Name: d.Name})
	if err != nil {
		if d.Errors, err = page.AsFormErrorsIn(rq.p, err); err != nil {
			return err
		}
		return s.renderMailingLists(w, r, rq, http.StatusUnprocessableEntity, d)
	}
	http.Redirect(w, r, "/admin/mailing-lists/"+url.PathEscape(l.ID)+"?done=created", http.StatusSeeOther)
	return nil
}

// consentPageSize is the consents of one page of a list.
const consentPageSize = 50

type mailingListPage struct {
	List     store.MailingList
	Consents []store.Consent
	// Next is the address the next page starts after; empty on the last.
	Next    string
	Sources []string
	// What the add and import forms held when refused.
	Email, Source, Emails, ImportSource string
	AddErrors, ImportErrors             page.FormErrors
	// Import is what an import did, shown once on the page it answers, with
	// its first refused lines; RefusedMore counts the rest.
	Import       *app.ConsentImport
	RefusedShown []app.RefusedLine
	RefusedMore  int
	Done         string
}

// refusedShown bounds the refused lines an import's page lists.
const refusedShown = 200

// When is a moment to the minute, in UTC: when a consent was given or
// withdrawn is evidence, so the page says it exactly.
func (v view) When(t time.Time) string {
	var b strings.Builder
	for _, c := range t.UTC().Format("15:04") {
		if c >= '0' && c <= '9' {
			b.WriteString(v.P.Digits(int64(c - '0')))
		} else {
			b.WriteRune(c)
		}
	}
	return v.P.Date(t.UTC()) + " " + b.String() + " UTC"
}

// Refusal is a refused import line's reason in the page's language.
func (v view) Refusal(l app.RefusedLine) string { return page.ErrorMessage(v.P, l.Reason) }

// mailingList shows a list's consents and the forms that add to it.
func (s *Server) mailingList(w http.ResponseWriter, r *http.Request, rq *request) error {
	d := mailingListPage{Done: doneOf(r, "created", "added", "withdrawn", "not_in_force")}
	return s.renderMailingList(w, r, rq, http.StatusOK, d)
}

func (s *Server) renderMailingList(w http.ResponseWriter, r *http.Request, rq *request, status int, d mailingListPage) error {
	l, cs, err := s.app.ListConsents(r.Context(), rq.actor, r.PathValue("id"), r.URL.Query().Get("after"), consentPageSize+1)
	if err != nil {
		return err
	}
	if len(cs) > consentPageSize {
		cs = cs[:consentPageSize]
		d.Next = cs[consentPageSize-1].Email
	}
	d.List, d.Consents, d.Sources = l, cs, app.ConsentSources()
	if d.Source == "" {
		d.Source = "admin"
	}
	if d.ImportSource == "" {
		d.ImportSource = "import"
	}
	s.render(w, r, status, "mailinglist", rq, l.Name, d)
	return nil
}

// addConsent records one address's consent with where it came from.
func (s *Server) addConsent(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id := r.PathValue("id")
	d := mailingListPage{Email: page.Field(r, "email"), Source: page.Field(r, "source")}
	if err := s.app.GiveConsent(r.Context(), rq.actor, app.ConsentInput{List: id, Email: d.Email, Source: d.Source}); err != nil {
		if d.AddErrors, err = page.AsFormErrorsIn(rq.p, err); err != nil {
			return err
		}
		return s.renderMailingList(w, r, rq, http.StatusUnprocessableEntity, d)
	}
	http.Redirect(w, r, "/admin/mailing-lists/"+url.PathEscape(id)+"?done=added", http.StatusSeeOther)
	return nil
}

// maxImportBytes bounds an import's body: a CSV of 100,000 addresses.
const maxImportBytes = 8 << 20

// importConsents records the consents of the addresses in the box or in an
// uploaded CSV file and shows how many were recorded and which lines were
// refused, and why.
func (s *Server) importConsents(w http.ResponseWriter, r *http.Request, rq *request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBytes)
	d := mailingListPage{}
	lines, err := readImport(r)
	d.Emails, d.ImportSource = r.PostFormValue("emails"), page.Field(r, "source")
	if err == nil {
		var res app.ConsentImport
		res, err = s.app.ImportConsentLines(r.Context(), rq.actor, r.PathValue("id"), lines, d.ImportSource)
		if err == nil {
			d.Import, d.Emails = &res, ""
			d.RefusedShown = res.Refused[:min(len(res.Refused), refusedShown)]
			d.RefusedMore = len(res.Refused) - len(d.RefusedShown)
			return s.renderMailingList(w, r, rq, http.StatusOK, d)
		}
	}
	if d.ImportErrors, err = page.AsFormErrorsIn(rq.p, err); err != nil {
		return err
	}
	return s.renderMailingList(w, r, rq, http.StatusUnprocessableEntity, d)
}

// readImport reads the import form: the box, one address a line, or a CSV
// file, not both. A CSV file's address is the column headed "email" (or
// "e-mail"), else its first column; lines are numbered as in the file.
func readImport(r *http.Request) ([]app.ConsentLine, error) {
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, errs.FieldKey("file", "err.import.too_big", "is larger than {mb} MB", "mb", maxImportBytes>>20)
		}
		return nil, errs.EKey(errs.Invalid, "err.import.unreadable", "the form could not be read")
	}
	box := strings.TrimSpace(r.PostFormValue("emails"))
	file, _, ferr := r.FormFile("file")
	if ferr != nil {
		var lines []app.ConsentLine
		for i, l := range strings.Split(strings.ReplaceAll(box, "\r\n", "\n"), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, app.ConsentLine{Line: i + 1, Text: l})
			}
		}
		return lines, nil
	}
	defer file.Close()
	if box != "" {
		return nil, errs.FieldKey("file", "err.import.both", "give the addresses in the box or in a file, not both")
	}
	data, err := io.ReadAll(file)
	if err != nil {
		return nil, errs.FieldKey("file", "err.import.too_big", "is larger than {mb} MB", "mb", maxImportBytes>>20)
	}
	return csvLines(data)
}

// csvLines reads the address column of a CSV file, comma- or
// semicolon-separated, skipping the header row and empty cells.
func csvLines(data []byte) ([]app.ConsentLine, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord, cr.TrimLeadingSpace = -1, true
	if first, _, _ := bytes.Cut(data, []byte("\n")); bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		cr.Comma = ';'
	}
	var lines []app.ConsentLine
	col := -1
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return lines, nil
		}
		if err != nil {
			var pe *csv.ParseError
			line := 0
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, errs.FieldKey("file", "err.import.csv", "is not a CSV file (line {line})", "line", line)
		}
		if col < 0 {
			col = 0
			header := false
			for i, c := range rec {
				if h := strings.ToLower(strings.TrimSpace(c)); h == "email" || h == "e-mail" || h == "email address" {
					col, header = i, true
					break
				}
			}
			if header {
				continue
			}
		}
		line, _ := cr.FieldPos(0)
		text := ""
		if col < len(rec) {
			text = strings.TrimSpace(rec[col])
		}
		if text == "" && strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		lines = append(lines, app.ConsentLine{Line: line, Text: text})
	}
}

// withdrawConsent withdraws one address's consent to the list, on the
// person's word, and goes back to the page the button was on.
func (s *Server) withdrawConsent(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id := r.PathValue("id")
	ok, err := s.app.WithdrawConsent(r.Context(), rq.actor, id, page.Field(r, "email"))
	if err != nil {
		return err
	}
	done := "withdrawn"
	if !ok {
		done = "not_in_force"
	}
	back := "/admin/mailing-lists/" + url.PathEscape(id)
	if b := page.Field(r, "back"); b != "" {
		back = localPath(b)
	}
	sep := "?"
	if strings.Contains(back, "?") {
		sep = "&"
	}
	http.Redirect(w, r, back+sep+"done="+done, http.StatusSeeOther)
	return nil
}

// doneOf is the page's ?done= notice when it is one the page knows.
func doneOf(r *http.Request, known ...string) string {
	done := r.URL.Query().Get("done")
	for _, k := range known {
		if done == k {
			return done
		}
	}
	return ""
}
