package shop

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"b2x/app"
	"b2x/errs"
	"b2x/locale"
	"b2x/money"
	"b2x/search"
	"b2x/web/page"
)

// listingPage is a category page or search results: the same filters, facets,
// sorting and paging over app.Browse.
type listingPage struct {
	Heading  string
	Category string // slug, empty for a search
	Text     string
	Result   app.BrowseResult
	Query    url.Values // the filters as given, to keep them in links and forms
	Sorts    []search.Sort
	Errors   page.FormErrors
	MinPrice string
	MaxPrice string
}

func (l listingPage) title(*locale.Printer) string { return l.Heading }

// Checked reports whether a filter value is chosen, for the checkboxes.
func (l listingPage) Checked(key, value string) bool { return slices.Contains(l.Query[key], value) }

// Candidates is how many matches a broad search listed from (zero when it
// listed every match), as the Printer's Number takes it.
func (l listingPage) Candidates() int64 { return int64(l.Result.Candidates) }

// PageLink is the link to another page of the same listing.
func (l listingPage) PageLink(base string, n int) string {
	q := url.Values{}
	for k, v := range l.Query {
		q[k] = v
	}
	q.Set("page", strconv.Itoa(n))
	return base + "?" + q.Encode()
}

// PageNumbers are the pages the pager links to: the first, the last and the
// ones around the current page.
func (l listingPage) PageNumbers() []int {
	last, cur := l.Result.Pages(), l.Result.Page
	var out []int
	for n := 1; n <= last; n++ {
		if n == 1 || n == last || (n >= cur-2 && n <= cur+2) {
			out = append(out, n)
		}
	}
	return out
}

// attrParam is the query parameter of a specification filter: a.Colour=Red.
const attrParam = "a."

func (s *Server) category(w http.ResponseWriter, r *http.Request, rq *request) error {
	slug := r.PathValue("slug")
	return s.listing(w, r, rq, listingPage{Category: slug, Heading: rq.categoryName(slug)})
}

func (s *Server) search(w http.ResponseWriter, r *http.Request, rq *request) error {
	text := strings.TrimSpace(r.URL.Query().Get("q"))
	return s.listing(w, r, rq, listingPage{Text: text, Heading: rq.p.T("search.title", "query", text)})
}

func (s *Server) listing(w http.ResponseWriter, r *http.Request, rq *request, lp listingPage) error {
	q := r.URL.Query()
	lp.Query, lp.Sorts = q, search.Sorts
	bq := app.BrowseQuery{Category: lp.Category, Text: lp.Text, Brands: q["brand"], InStock: q.Get("in_stock") == "1",
		Sort: search.Sort(q.Get("sort")), Attrs: map[string][]string{}}
	var fs errs.Fields
	bq.Page, _ = strconv.Atoi(q.Get("page"))
	lp.MinPrice, lp.MaxPrice = q.Get("min"), q.Get("max")
	bq.MinPrice = s.priceParam(&fs, "min", lp.MinPrice, rq)
	bq.MaxPrice = s.priceParam(&fs, "max", lp.MaxPrice, rq)
	for k, v := range q {
		if key, ok := strings.CutPrefix(k, attrParam); ok && key != "" {
			bq.Attrs[key] = v
		}
	}
	if err := fs.Err(); err != nil {
		lp.Errors, _ = page.AsFormErrors(err)
		bq.MinPrice, bq.MaxPrice = nil, nil
	}
	res, err := s.app.Browse(r.Context(), rq.actor, bq)
	if err != nil {
		fe, ferr := page.AsFormErrors(err)
		if ferr != nil || errs.CodeOf(err) == errs.NotFound {
			return err
		}
		lp.Errors = fe
		s.render(w, http.StatusUnprocessableEntity, "listing", rq, lp)
		return nil
	}
	lp.Result = res
	status := http.StatusOK
	if lp.Errors.Any() {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, status, "listing", rq, lp)
	return nil
}

// priceParam reads a price bound typed in the visitor's language.
func (s *Server) priceParam(fs *errs.Fields, name, v string, rq *request) *money.Amount {
	if v == "" {
		return nil
	}
	a, err := money.ParseLocal(v, s.currency, rq.loc.Code)
	if err != nil {
		fs.Add(name, "is not an amount")
		return nil
	}
	return &a
}
