package admin_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/campaign"
	"b2x/catalog"
	"b2x/party"
	"b2x/staff"
	"b2x/store"
	"b2x/store/storetest"
	"b2x/web/page"
)

// audienceFixture is the admin fixture on one engine with a user per role,
// the newsletter (three addresses) and offers lists, a category, and people to
// segment: Olga, a decision maker of a 250-person construction company that
// the account manager looks after, and Pia, a shop customer; both opted in
// to the newsletter.
type audienceFixture struct {
	*fixture
	newsletter, offers string
	manager            string // the account manager's user id
	mk                 *http.Cookie
}

func newAudienceFixture(t *testing.T, db *store.DB) *audienceFixture {
	t.Helper()
	ctx := context.Background()
	f := &audienceFixture{fixture: newFixtureOn(t, db, "Depot GmbH", nil)}
	f.ops(t)
	for _, l := range []app.MailingListInput{{Slug: "newsletter", Name: "Newsletter"}, {Slug: "offers", Name: "Offers"}} {
		_, err := f.app.CreateMailingList(ctx, f.owner, l)
		must(t, err)
	}
	f.newsletter, f.offers = listID(t, f.fixture, "newsletter"), listID(t, f.fixture, "offers")
	must(t, f.app.UpsertCategory(ctx, f.owner, catalog.Category{Slug: "bricks", Name: "Bricks"}))
	org, err := f.app.CreateOrganization(ctx, f.owner, party.Organization{LegalName: "Bau AG", Industry: "Construction", Employees: 250})
	must(t, err)
	_, err = f.app.CreateContact(ctx, f.owner, party.Contact{OrganizationID: org.ID, Name: "Olga Bau", Email: "olga@bau.example", Role: party.DecisionMaker})
	must(t, err)
	_, err = f.app.CreatePerson(ctx, f.owner, party.Person{Name: "Pia Shop", Email: "pia@shop.example"})
	must(t, err)
	users, err := f.app.StaffUsers(ctx, f.owner)
	must(t, err)
	for _, u := range users {
		if u.Role == staff.AccountManager {
			f.manager = u.ID
		}
	}
	_, err = f.app.ReassignAccount(ctx, f.owner, org.ID, f.manager)
	must(t, err)
	for _, e := range []string{"a@client.example", "olga@bau.example", "pia@shop.example"} {
		must(t, f.app.GiveConsent(ctx, f.owner, app.ConsentInput{List: "newsletter", Email: e, Source: "form"}))
	}
	f.mk = f.session(t, "marketing@example.com")
	return f
}

// unchanged fails the test when a refused request wrote anything.
func (f *audienceFixture) unchanged(t *testing.T, what string, before map[string]int) {
	t.Helper()
	if after := audienceCounts(t, f.fixture); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("%s wrote: %v → %v", what, before, after)
	}
}

// errorNear reports whether a field error follows the field within a few hundred bytes.
func errorNear(body, field string) bool {
	i := strings.Index(body, `name="`+field+`"`)
	return i >= 0 && strings.Contains(body[i:min(len(body), i+1500)], `class="field-error"`)
}

// multipartForm posts fields and a file as a browser's upload form does.
func (f *audienceFixture) multipartForm(t *testing.T, path string, fields map[string]string, file string, c ...*http.Cookie) (int, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		must(t, w.WriteField(k, v))
	}
	fw, err := w.CreateFormFile("file", "people.csv")
	must(t, err)
	_, err = io.WriteString(fw, file)
	must(t, err)
	must(t, w.Close())
	req, err := http.NewRequest("POST", f.srv.URL+path, &buf)
	must(t, err)
	req.Header.Set("Content-Type", w.FormDataContentType())
	for _, ck := range c {
		req.AddCookie(ck)
	}
	res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	must(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	must(t, err)
	return res.StatusCode, string(b)
}

var ruCookie = &http.Cookie{Name: page.LangCookie, Value: "ru"}

func TestMailingListPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAudienceFixture(t, db)
		// A bad or taken short name is refused beside its field, in the page's language, and writes nothing.
		before := audienceCounts(t, f.fixture)
		status, _, body := f.do(t, "POST", "/admin/mailing-lists", url.Values{"slug": {"Bad Slug"}, "name": {""}}, f.mk, ruCookie)
		if status != http.StatusUnprocessableEntity || !errorNear(body, "slug") || !errorNear(body, "name") || !strings.Contains(body, "строчных латинских букв") {
			t.Fatalf("bad list: %d %.2000s", status, body)
		}
		status, _, body = f.do(t, "POST", "/admin/mailing-lists", url.Values{"slug": {"offers"}, "name": {"Again"}}, f.mk)
		if status != http.StatusUnprocessableEntity || !errorNear(body, "slug") || !strings.Contains(body, "offers is taken") {
			t.Fatalf("taken slug: %d", status)
		}
		f.unchanged(t, "refused lists", before)
		status, loc, _ := f.do(t, "POST", "/admin/mailing-lists", url.Values{"slug": {"trade-news"}, "name": {"Trade news"}}, f.mk)
		if status != http.StatusSeeOther || loc != "/admin/mailing-lists/"+listID(t, f.fixture, "trade-news")+"?done=created" {
			t.Fatalf("create: %d → %q", status, loc)
		}
		_, _, body = f.do(t, "GET", "/admin/mailing-lists", nil, f.mk)
		for slug, n := range map[string]string{"newsletter": "3", "offers": "0", "trade-news": "0"} {
			if !regexp.MustCompile(`data-slug="` + slug + `">.*?<td class="opted-in">` + n + `<`).MatchString(body) {
				t.Errorf("the list of lists does not show %s with %s opted in", slug, n)
			}
		}

		// One address with its source; a bad address is refused beside the field.
		path := "/admin/mailing-lists/" + f.newsletter
		before = audienceCounts(t, f.fixture)
		status, _, body = f.do(t, "POST", path+"/consents", url.Values{"email": {"not an address"}, "source": {"admin"}}, f.mk)
		if status != http.StatusUnprocessableEntity || !errorNear(body, "email") {
			t.Fatalf("bad address: %d", status)
		}
		status, _, body = f.do(t, "POST", path+"/consents", url.Values{"email": {"new@client.example"}, "source": {"fax"}}, f.mk)
		if status != http.StatusUnprocessableEntity || !errorNear(body, "source") {
			t.Fatalf("bad source: %d", status)
		}
		f.unchanged(t, "refused consents", before)
		if status, loc, _ = f.do(t, "POST", path+"/consents", url.Values{"email": {"New@Client.example"}, "source": {"portal"}}, f.mk); status != http.StatusSeeOther || loc != path+"?done=added" {
			t.Fatalf("add: %d → %q", status, loc)
		}
		_, _, body = f.do(t, "GET", path, nil, f.mk)
		if !regexp.MustCompile(`<tr data-email="New@Client.example" data-state="in_force">.*?<td>[^<]*\d{4} \d\d:\d\d UTC</td><td>Buyer portal</td>`).MatchString(body) {
			t.Fatalf("the consent is not listed with when and where from: %.3000s", body)
		}

		// An import records the good lines and lists the others with the reason.
		box := "ann@client.example\nnot an address\n\nANN@client.example\n<b>x</b>\nbob@client.example\n"
		status, _, body = f.do(t, "POST", path+"/import", url.Values{"emails": {box}, "source": {"import"}}, f.mk)
		if status != http.StatusOK || !strings.Contains(body, `id="imported">2 consents recorded.`) || !strings.Contains(body, "3 lines refused") {
			t.Fatalf("import: %d %.3000s", status, body)
		}
		for _, want := range []string{`<tr data-line="2"><td>2</td><td>not an address</td><td>is not an email address</td>`,
			`<tr data-line="4"><td>4</td><td>ANN@client.example</td><td>repeats line 1</td>`, `<td>&lt;b&gt;x&lt;/b&gt;</td>`} {
			if !strings.Contains(body, want) {
				t.Errorf("the import does not list %s", want)
			}
		}
		_, _, ru := f.do(t, "POST", path+"/import", url.Values{"emails": {"carl@client.example\ncarl@client.example"}, "source": {"import"}}, f.mk, ruCookie)
		if !strings.Contains(ru, "повторяет строку 1") {
			t.Error("the refusal is not said in Russian")
		}
		// Nothing good, or a bad source: refused whole, nothing written.
		before = audienceCounts(t, f.fixture)
		status, _, body = f.do(t, "POST", path+"/import", url.Values{"emails": {"nobody\nnowhere"}, "source": {"import"}}, f.mk)
		if status != http.StatusUnprocessableEntity || !errorNear(body, "emails") || !strings.Contains(body, "no line holds an email address") {
			t.Fatalf("nothing good: %d", status)
		}
		status, _, body = f.do(t, "POST", path+"/import", url.Values{"emails": {"dan@client.example"}, "source": {"rumour"}}, f.mk)
		if i := strings.Index(body, `id="import-form"`); status != http.StatusUnprocessableEntity || i < 0 || !errorNear(body[i:], "source") {
			t.Fatalf("bad source: %d", status)
		}
		status, body = f.multipartForm(t, path+"/import", map[string]string{"emails": "dan@client.example", "source": "import"}, "email\ndan@client.example\n", f.mk)
		if status != http.StatusUnprocessableEntity || !errorNear(body, "file") {
			t.Fatalf("box and file: %d", status)
		}
		f.unchanged(t, "refused imports", before)
		// A CSV file: the column headed email, semicolons, lines numbered as in the file.
		status, body = f.multipartForm(t, path+"/import", map[string]string{"source": "import"}, "\uFEFFname;Email\nCarl;carl@client.example\nDora;dora@\n;\nEve;eve@client.example\n", f.mk)
		if status != http.StatusOK || !strings.Contains(body, `id="imported">2 consents recorded.`) || !strings.Contains(body, `<tr data-line="3"><td>3</td><td>dora@</td>`) {
			t.Fatalf("csv: %d %.3000s", status, body)
		}
		status, body = f.multipartForm(t, path+"/import", map[string]string{"source": "import"}, "email\n\"broken@client.example\n", f.mk)
		if status != http.StatusUnprocessableEntity || !errorNear(body, "file") {
			t.Fatalf("broken csv: %d", status)
		}

		// Withdrawing one leaves it listed as withdrawn and out of the count.
		if status, loc, _ = f.do(t, "POST", path+"/withdraw", url.Values{"email": {"bob@client.example"}}, f.mk); status != http.StatusSeeOther || loc != path+"?done=withdrawn" {
			t.Fatalf("withdraw: %d → %q", status, loc)
		}
		if _, loc, _ = f.do(t, "POST", path+"/withdraw", url.Values{"email": {"bob@client.example"}}, f.mk); loc != path+"?done=not_in_force" {
			t.Fatalf("withdraw twice: → %q", loc)
		}
		_, _, body = f.do(t, "GET", path, nil, f.mk)
		if !strings.Contains(body, `<tr data-email="bob@client.example" data-state="withdrawn">`) {
			t.Error("bob is not shown as withdrawn")
		}
		_, _, body = f.do(t, "GET", "/admin/mailing-lists", nil, f.mk)
		// a, olga, pia, New, ann, carl, eve in force; bob withdrawn.
		if !regexp.MustCompile(`data-slug="newsletter">.*?<td class="opted-in">7</td><td class="withdrawn">1</td>`).MatchString(body) {
			t.Error("the counts are not 7 in force and 1 withdrawn")
		}

		// A role without campaigns.edit is refused and writes nothing.
		before = audienceCounts(t, f.fixture)
		for _, role := range []staff.Role{staff.SalesManager, staff.Support} {
			c := f.session(t, emailOf[role])
			if status, _, _ := f.do(t, "POST", path+"/import", url.Values{"emails": {"zed@client.example"}, "source": {"import"}}, c); status != http.StatusForbidden {
				t.Errorf("%s import: %d", role, status)
			}
			if status, _, _ := f.do(t, "GET", path, nil, c); status != http.StatusForbidden {
				t.Errorf("%s list page: %d", role, status)
			}
		}
		f.unchanged(t, "refused roles", before)
	})
}

// A list's consents come 50 a page, in address order, with a link to the next.
func TestMailingListPaging(t *testing.T) {
	f := newAudienceFixture(t, openSQLite(t))
	var emails []string
	for i := range 60 {
		emails = append(emails, fmt.Sprintf("m%02d@client.example", i))
	}
	_, err := f.app.ImportConsents(context.Background(), f.owner, "offers", emails, "import")
	must(t, err)
	_, _, body := f.do(t, "GET", "/admin/mailing-lists/"+f.offers, nil, f.mk)
	next := regexp.MustCompile(`<a rel="next" href="([^"]+)"`).FindStringSubmatch(body)
	if n := strings.Count(body, `<tr data-email=`); n != 50 || next == nil {
		t.Fatalf("first page: %d rows, next %v", n, next)
	}
	_, _, body2 := f.do(t, "GET", strings.ReplaceAll(next[1], "&amp;", "&"), nil, f.mk)
	if n := strings.Count(body2, `<tr data-email=`); n != 10 || strings.Contains(body2, `rel="next"`) || !strings.Contains(body2, "m50@client.example") || strings.Contains(body2, "m49@client.example") {
		t.Fatalf("second page: %d rows", n)
	}
}

func openSQLite(t *testing.T) *store.DB { return storetest.Open(t, store.SQLite) }

func TestSegmentPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAudienceFixture(t, db)
		// The form offers what the filters may hold.
		_, _, body := f.do(t, "GET", "/admin/new-segment", nil, f.mk)
		for _, want := range []string{`name="industries" value="Construction"`, `name="roles" value="decision_maker"`,
			`name="account_managers" value="` + f.manager + `"`, `<option value="bricks">Bricks</option>`, `name="loyalty_tiers" value="gold"`,
			`name="subscriptions" value="offers"`, `name="card_holders"`, `name="purchased_after"`, `name="purchased_before"`,
			`name="min_employees"`, `name="max_employees"`, `formmethod="get"`} {
			if !strings.Contains(body, want) {
				t.Errorf("the segment form lacks %s", want)
			}
		}
		if strings.Contains(body, `id="preview"`) {
			t.Error("an empty new segment shows a preview")
		}
		// The preview counts the form as typed and writes nothing.
		before := audienceCounts(t, f.fixture)
		q := url.Values{"preview": {"1"}, "name": {"Builders"}, "audience": {"b2b"}, "industries": {"construction"}, "list": {f.newsletter}}
		status, _, body := f.do(t, "GET", "/admin/new-segment?"+q.Encode(), nil, f.mk)
		if status != http.StatusOK || !strings.Contains(body, `<b class="count">1</b>`) || !strings.Contains(body, "<td>olga@bau.example</td><td>Olga Bau</td><td>Bau AG</td>") ||
			strings.Contains(body, "pia@shop.example") || !strings.Contains(body, `value="Builders"`) {
			t.Fatalf("preview: %d %.3000s", status, body)
		}
		q.Set("audience", "b2c")
		q.Del("industries")
		if _, _, body = f.do(t, "GET", "/admin/new-segment?"+q.Encode(), nil, f.mk); !strings.Contains(body, `<b class="count">1</b>`) || !strings.Contains(body, "pia@shop.example") {
			t.Fatal("the consumer preview does not find Pia")
		}
		// Bad input: each refusal beside its field, translated, nothing written.
		bad := []struct {
			form  url.Values
			field string
			ru    string
		}{
			{url.Values{"name": {""}}, "name", "обязательно"},
			{url.Values{"name": {"X"}, "min_employees": {"ten"}}, "min_employees", "не целое число"},
			{url.Values{"name": {"X"}, "min_employees": {"100"}, "max_employees": {"50"}}, "max_employees", "не может быть меньше"},
			{url.Values{"name": {"X"}, "audience": {"b2c"}, "roles": {"decision_maker"}}, "audience", "не может отбирать"},
			{url.Values{"name": {"X"}, "audience": {"b2b"}, "card_holders": {"yes"}}, "card_holders", "только у частных"},
			{url.Values{"name": {"X"}, "purchased_after": {"31.03.2026"}}, "purchased_after", "не дата"},
			{url.Values{"name": {"X"}, "purchased_after": {"2026-03-01"}, "purchased_before": {"2026-02-01"}}, "purchased_before", "позже нижней даты"},
		}
		for _, c := range bad {
			status, _, body := f.do(t, "POST", "/admin/segments", c.form, f.mk, ruCookie)
			if status != http.StatusUnprocessableEntity || !errorNear(body, c.field) || !strings.Contains(body, c.ru) {
				i := strings.Index(body, `class="field-error"`)
				t.Errorf("%v: %d, want an error by %s: %.200s", c.form, status, c.field, body[max(i, 0):])
			}
		}
		status, _, body = f.do(t, "GET", "/admin/new-segment?preview=1&list="+f.newsletter+"&min_employees=5&max_employees=1", nil, f.mk)
		if status != http.StatusUnprocessableEntity || !errorNear(body, "max_employees") {
			t.Errorf("a bad preview: %d", status)
		}
		f.unchanged(t, "refused segments", before)

		// Every filter saved as typed.
		all := url.Values{"name": {"Builders"}, "audience": {"b2b"}, "industries": {"Construction"}, "roles": {"decision_maker", "influencer"},
			"min_employees": {"100"}, "max_employees": {"500"}, "account_managers": {f.manager}, "bought_categories": {"bricks"}}
		status, loc, _ := f.do(t, "POST", "/admin/segments", all, f.mk)
		if status != http.StatusSeeOther || !strings.HasSuffix(loc, "?done=saved") {
			t.Fatalf("create: %d → %q", status, loc)
		}
		id := strings.TrimSuffix(strings.TrimPrefix(loc, "/admin/segments/"), "?done=saved")
		sg, err := f.app.Segment(context.Background(), f.owner, id)
		must(t, err)
		want := campaign.Segment{Audience: "b2b", Industries: []string{"Construction"}, Roles: []string{"decision_maker", "influencer"},
			MinEmployees: 100, MaxEmployees: 500, AccountManagers: []string{f.manager}, BoughtCategories: []string{"bricks"}}
		if fmt.Sprint(sg.Filter) != fmt.Sprint(want) || sg.Name != "Builders" {
			t.Fatalf("stored %+v, want %+v", sg.Filter, want)
		}
		// The stored segment's page shows it checked, with its audience on the first list (Olga has bought no bricks).
		_, _, body = f.do(t, "GET", loc, nil, f.mk)
		for _, w := range []string{`value="Construction" checked`, `value="influencer" checked`, `value="` + f.manager + `" checked`,
			`<option value="bricks" selected>`, `name="min_employees" inputmode="numeric" value="100"`, `id="done"`} {
			if !strings.Contains(body, w) {
				t.Errorf("the segment page lacks %s", w)
			}
		}
		if !strings.Contains(body, `<b class="count">0</b>`) {
			t.Error("the stored segment's audience is not 0")
		}
		// Edited to gold card holders who last bought between two dates: Pia has no card and never bought.
		edit := url.Values{"name": {"Lapsed"}, "audience": {"b2c"}, "purchased_before": {"2026-01-01"}, "purchased_after": {"2020-01-01"},
			"loyalty_tiers": {"gold"}, "subscriptions": {"newsletter"}, "card_holders": {"yes"}}
		if status, loc, _ = f.do(t, "POST", "/admin/segments/"+id, edit, f.mk); status != http.StatusSeeOther || loc != "/admin/segments/"+id+"?done=saved" {
			t.Fatalf("update: %d → %q", status, loc)
		}
		sg, err = f.app.Segment(context.Background(), f.owner, id)
		must(t, err)
		if sg.Name != "Lapsed" || sg.Filter.PurchasedBefore == nil || !sg.Filter.PurchasedBefore.Equal(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) ||
			len(sg.Filter.Roles) != 0 || !sg.Filter.CardHolders || sg.Filter.LoyaltyTiers[0] != "gold" {
			t.Fatalf("updated: %+v", sg)
		}
		_, _, body = f.do(t, "GET", "/admin/segments/"+id, nil, f.mk)
		if !strings.Contains(body, `name="purchased_before" value="2026-01-01"`) || !strings.Contains(body, `<b class="count">0</b>`) {
			t.Error("the date does not come back in the form, or the audience is not 0")
		}
		_, _, body = f.do(t, "GET", "/admin/segments", nil, f.mk)
		if !strings.Contains(body, `<a href="/admin/segments/`+id+`">Lapsed</a></td><td>Consumers (B2C)</td>`) {
			t.Error("the segment is not listed")
		}
		// A role without campaigns.edit is refused and writes nothing.
		before = audienceCounts(t, f.fixture)
		for _, role := range []staff.Role{staff.SalesManager, staff.Warehouse} {
			if status, _, _ := f.do(t, "POST", "/admin/segments/"+id, all, f.session(t, emailOf[role])); status != http.StatusForbidden {
				t.Errorf("%s update: %d", role, status)
			}
		}
		f.unchanged(t, "refused roles", before)
	})
}

func TestSuppressionPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAudienceFixture(t, db)
		before := audienceCounts(t, f.fixture)
		for field, form := range map[string]url.Values{
			"email":  {"email": {"nobody"}, "reason": {"manual"}},
			"reason": {"email": {"x@client.example"}, "reason": {"whim"}},
			"detail": {"email": {"x@client.example"}, "reason": {"manual"}, "detail": {strings.Repeat("x", 1001)}},
		} {
			status, _, body := f.do(t, "POST", "/admin/suppressions", form, f.mk)
			if i := strings.Index(body, `id="suppress-form"`); status != http.StatusUnprocessableEntity || i < 0 || !errorNear(body[i:], field) {
				t.Errorf("bad %s: %d", field, status)
			}
		}
		f.unchanged(t, "refused suppressions", before)
		for _, form := range []url.Values{{"email": {"Spam@Trap.example"}, "reason": {"complaint"}, "detail": {"<b>ARF</b>"}},
			{"email": {"keep_me@client.example"}, "reason": {"manual"}}} {
			if status, _, _ := f.do(t, "POST", "/admin/suppressions", form, f.mk); status != http.StatusSeeOther {
				t.Fatalf("suppress %v: %d", form, status)
			}
		}
		_, _, body := f.do(t, "GET", "/admin/suppressions", nil, f.mk)
		if !strings.Contains(body, `data-email="Spam@Trap.example"`) || !strings.Contains(body, "&lt;b&gt;ARF&lt;/b&gt;") || strings.Contains(body, "<b>ARF") {
			t.Fatal("the suppression is not listed, escaped")
		}
		// The search narrows by part of the address (literally) and by reason.
		for query, want := range map[string][]string{"q=TRAP": {"Spam@Trap.example"}, "reason=manual": {"keep_me@client.example"},
			"q=p_m": {"keep_me@client.example"}, "q=%25": nil, "q=trap&reason=manual": nil} {
			_, _, body := f.do(t, "GET", "/admin/suppressions?"+query, nil, f.mk)
			got := regexp.MustCompile(`data-email="([^"]+)"`).FindAllStringSubmatch(body, -1)
			var emails []string
			for _, m := range got {
				emails = append(emails, m[1])
			}
			if fmt.Sprint(emails) != fmt.Sprint(want) {
				t.Errorf("%s: %v, want %v", query, emails, want)
			}
		}
		if status, _, body := f.do(t, "GET", "/admin/suppressions?reason=whim", nil, f.mk); status != http.StatusUnprocessableEntity || !errorNear(body, "reason") {
			t.Errorf("a bad reason in the search: %d", status)
		}
		// Taking one off asks first; without the box ticked nothing changes.
		_, _, body = f.do(t, "GET", "/admin/suppressions/remove?email=spam%40trap.example", nil, f.mk)
		if !strings.Contains(body, `id="unsuppress-form"`) || !strings.Contains(body, "Complaint") {
			t.Fatalf("confirmation page: %.2000s", body)
		}
		before = audienceCounts(t, f.fixture)
		status, _, body := f.do(t, "POST", "/admin/suppressions/remove", url.Values{"email": {"spam@trap.example"}}, f.mk)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="refusal">Tick the box`) {
			t.Fatalf("remove without confirming: %d", status)
		}
		f.unchanged(t, "an unconfirmed removal", before)
		status, loc, _ := f.do(t, "POST", "/admin/suppressions/remove", url.Values{"email": {"spam@trap.example"}, "confirm": {"yes"}}, f.mk)
		if status != http.StatusSeeOther || loc != "/admin/suppressions?done=removed" {
			t.Fatalf("remove: %d → %q", status, loc)
		}
		if _, _, body = f.do(t, "GET", "/admin/suppressions", nil, f.mk); strings.Contains(body, "Spam@Trap.example") {
			t.Error("the address is still listed")
		}
		if _, _, body = f.do(t, "GET", "/admin/suppressions/remove?email=spam%40trap.example", nil, f.mk); !strings.Contains(body, `id="not-suppressed"`) {
			t.Error("the confirmation of an address not suppressed does not say so")
		}
		// A role without campaigns.edit is refused and writes nothing.
		before = audienceCounts(t, f.fixture)
		for _, role := range []staff.Role{staff.Support, staff.AccountManager} {
			c := f.session(t, emailOf[role])
			if status, _, _ := f.do(t, "POST", "/admin/suppressions", url.Values{"email": {"y@client.example"}, "reason": {"manual"}}, c); status != http.StatusForbidden {
				t.Errorf("%s suppress: %d", role, status)
			}
			if status, _, _ := f.do(t, "POST", "/admin/suppressions/remove", url.Values{"email": {"keep_me@client.example"}, "confirm": {"yes"}}, c); status != http.StatusForbidden {
				t.Errorf("%s unsuppress: %d", role, status)
			}
		}
		f.unchanged(t, "refused roles", before)
	})
}

func TestAddressLookUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAudienceFixture(t, db)
		ctx := context.Background()
		must(t, f.app.GiveConsent(ctx, f.owner, app.ConsentInput{List: "offers", Email: "olga@bau.example", Source: "portal"}))
		_, err := f.app.WithdrawConsent(ctx, f.owner, "offers", "olga@bau.example")
		must(t, err)
		must(t, f.app.Suppress(ctx, f.owner, app.SuppressInput{Email: "pia@shop.example", Reason: "unsubscribe_all", Detail: "by phone"}))
		_, _, body := f.do(t, "GET", "/admin/address?email=OLGA%40bau.example", nil, f.mk)
		if !strings.Contains(body, `<tr data-list="newsletter" data-state="in_force">`) || !strings.Contains(body, `<tr data-list="offers" data-state="withdrawn">`) ||
			!strings.Contains(body, `id="not-suppressed"`) || !strings.Contains(body, "Form on the site") || !strings.Contains(body, "Buyer portal") {
			t.Fatalf("olga: %.3000s", body)
		}
		_, _, body = f.do(t, "GET", "/admin/address?email=pia%40shop.example", nil, f.mk)
		if !strings.Contains(body, `id="suppressed" data-reason="unsubscribe_all">Suppressed: Unsubscribed from all, since`) || !strings.Contains(body, "(by phone)") {
			t.Fatalf("pia: %.3000s", body)
		}
		status, _, body := f.do(t, "GET", "/admin/address?email=nobody", nil, f.mk, ruCookie)
		if status != http.StatusUnprocessableEntity || !errorNear(body, "email") {
			t.Fatalf("bad address: %d", status)
		}
		// Withdrawing from the look-up comes back to it.
		back := "/admin/address?email=olga%40bau.example"
		status, loc, _ := f.do(t, "POST", "/admin/mailing-lists/"+f.newsletter+"/withdraw", url.Values{"email": {"olga@bau.example"}, "back": {back}}, f.mk)
		if status != http.StatusSeeOther || loc != back+"&done=withdrawn" {
			t.Fatalf("withdraw from the look-up: %d → %q", status, loc)
		}
		// Never back outside the back office.
		if _, loc, _ = f.do(t, "POST", "/admin/mailing-lists/"+f.newsletter+"/withdraw", url.Values{"email": {"a@client.example"}, "back": {"//evil.example/"}}, f.mk); loc != "/admin/?done=withdrawn" {
			t.Errorf("back outside: → %q", loc)
		}
		if status, _, _ := f.do(t, "GET", "/admin/address?email=pia%40shop.example", nil, f.session(t, emailOf[staff.Support])); status != http.StatusForbidden {
			t.Errorf("support: %d", status)
		}
	})
}

// Every audience page, in each language and with its notices and results
// shown, has all its words in the catalogs and is right to left in Persian.
func TestAudiencePagesInEveryLanguage(t *testing.T) {
	f := newAudienceFixture(t, openSQLite(t))
	ctx := context.Background()
	sg, err := f.app.CreateSegment(ctx, f.owner, app.SegmentInput{Name: "Builders", Filter: campaign.Segment{Audience: "b2b", Roles: []string{"decision_maker"}}})
	must(t, err)
	must(t, f.app.Suppress(ctx, f.owner, app.SuppressInput{Email: "pia@shop.example", Reason: "hard_bounce"}))
	for range 2 { // below the three that suppress
		_, err := f.app.RecordBounce(ctx, "olga@bau.example", "soft", "mailbox full")
		must(t, err)
	}
	_, err = f.app.WithdrawConsent(ctx, f.owner, "newsletter", "a@client.example")
	must(t, err)
	gets := []string{"/admin/mailing-lists?done=created", "/admin/mailing-lists/" + f.newsletter + "?done=withdrawn", "/admin/segments",
		"/admin/new-segment", "/admin/segments/" + sg.ID + "?done=saved", "/admin/new-segment?preview=1&audience=b2c&list=" + f.newsletter,
		"/admin/suppressions?done=removed", "/admin/suppressions?done=not_suppressed", "/admin/suppressions/remove?email=pia%40shop.example",
		"/admin/suppressions/remove?email=a%40client.example", "/admin/address", "/admin/address?email=pia%40shop.example&done=withdrawn",
		"/admin/address?email=olga%40bau.example"}
	for _, lang := range []string{"en", "ru", "fa"} {
		c := &http.Cookie{Name: page.LangCookie, Value: lang}
		check := func(what, body string) {
			if i := strings.Index(body, "⟦"); i >= 0 {
				t.Errorf("%s in %s: missing %.80s", what, lang, body[i:])
			}
			if lang == "fa" && !strings.Contains(body, `dir="rtl"`) {
				t.Errorf("%s in fa is not right to left", what)
			}
		}
		for _, p := range gets {
			status, _, body := f.do(t, "GET", p, nil, f.mk, c)
			if status != http.StatusOK {
				t.Errorf("%s in %s: %d", p, lang, status)
			}
			check(p, body)
		}
		_, _, body := f.do(t, "POST", "/admin/mailing-lists/"+f.newsletter+"/import", url.Values{"emails": {"x\nx\nz@client.example"}, "source": {"import"}}, f.mk, c)
		check("the import's result", body)
		for _, form := range []url.Values{{"name": {""}, "min_employees": {"x"}, "audience": {"b2c"}, "roles": {"user"}}, {"name": {"X"}, "purchased_after": {"2026-03-01"}, "purchased_before": {"2026-02-01"}}} {
			_, _, body = f.do(t, "POST", "/admin/segments", form, f.mk, c)
			check("the refused segment", body)
			if strings.Contains(body, "must ") || strings.Contains(body, "is not ") {
				if lang != "en" {
					t.Errorf("a segment refusal in %s is English", lang)
				}
			}
		}
		_, _, body = f.do(t, "POST", "/admin/mailing-lists", url.Values{"slug": {"Bad"}, "name": {"\x01"}}, f.mk, c)
		check("the refused list", body)
		_, _, body = f.do(t, "POST", "/admin/suppressions/remove", url.Values{"email": {"pia@shop.example"}}, f.mk, c)
		check("the unconfirmed removal", body)
	}
}
