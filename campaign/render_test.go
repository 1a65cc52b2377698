package campaign

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"b2x/errs"
)

func TestCompileFill(t *testing.T) {
	body := "Hello {{first_name}} of **{{organization}}**,\n\nSee [our prices](https://shop.example/p?a=1&b=2) and <https://shop.example/x>.\n\n<script>alert(1)</script>\n\n[Unsubscribe]({{unsubscribe_url}}) · [call](tel:+123)\n"
	tp, err := Compile("News for {{first_name}}", "Short {{first_name}}", body)
	if err != nil {
		t.Fatal(err)
	}
	if len(tp.Links) != 2 || tp.Links[0] != "https://shop.example/p?a=1&b=2" || tp.Links[1] != "https://shop.example/x" {
		t.Fatalf("links %q", tp.Links)
	}
	f := tp.Fill(Fill{Fields: map[string]string{"first_name": `<script>x</script>`, "organization": `A & "B"`},
		Unsubscribe: "https://b2x.example/letters/u/abc", Pixel: "https://b2x.example/o.gif",
		Link: func(i int, d string) string { return "https://b2x.example/c/" + string(rune('0'+i)) + "?u=" + d }})
	for _, want := range []string{"Hello &lt;script&gt;x&lt;/script&gt; of <strong>A &amp; &#34;B&#34;</strong>",
		`href="https://b2x.example/c/0?u=https://shop.example/p?a=1&amp;b=2"`, `href="https://b2x.example/letters/u/abc"`,
		`href="tel:+123"`, `<img src="https://b2x.example/o.gif"`, `<div style="display:none">Short &lt;script&gt;`} {
		if !strings.Contains(f.HTML, want) {
			t.Errorf("HTML lacks %s:\n%s", want, f.HTML)
		}
	}
	if strings.Contains(f.HTML, "alert(1)") || strings.Contains(f.HTML, "<script>") {
		t.Errorf("raw HTML or a field got through unescaped:\n%s", f.HTML)
	}
	for _, want := range []string{"Hello <script>x</script> of A & \"B\"", "our prices (https://b2x.example/c/0?u=https://shop.example/p?a=1&b=2)",
		"Unsubscribe (https://b2x.example/letters/u/abc)"} {
		if !strings.Contains(f.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, f.Text)
		}
	}
	if f.Subject != "News for <script>x</script>" {
		t.Errorf("subject %q", f.Subject)
	}
}

func TestCompileRefuses(t *testing.T) {
	for _, c := range []struct{ subject, body, field string }{
		{"Hi {{nickname}}", "x", "subject"},
		{"Hi", "x {{password}}", "body"},
		{"Hi", "see b2x-link:0", "body"},
		{"{{unsubscribe_url}}", "x", "subject"},
	} {
		_, err := Compile(c.subject, "", c.body)
		e, ok := errs.As(err)
		if !ok || !slices.ContainsFunc(e.Fields, func(f errs.FieldError) bool { return f.Field == c.field }) {
			t.Errorf("%q/%q: %v, want a field error on %s", c.subject, c.body, err, c.field)
		}
	}
}

// The good letter of the lint's tests passes the lint after compiling too: the
// check reads what is sent.
func TestCompiledDraftLints(t *testing.T) {
	src, err := os.ReadFile("testdata/good_en.md")
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParseMarkdown(src)
	if err != nil {
		t.Fatal(err)
	}
	tp, err := Compile(d.Subject, d.Preheader, d.Text)
	if err != nil {
		t.Fatal(err)
	}
	if fs := Lint(tp.Draft(), DefaultConfig()); HasErrors(fs) {
		t.Errorf("findings %+v", fs)
	}
}

func TestSign(t *testing.T) {
	k := []byte("secret")
	s := Sign(k, "c", "d1", "https://x")
	if !Verify(k, s, "c", "d1", "https://x") || Verify(k, s, "c", "d1", "https://y") || Verify([]byte("other"), s, "c", "d1", "https://x") {
		t.Fatal("signature checks wrong")
	}
}

func TestSegmentMatch(t *testing.T) {
	day := func(d int) *time.Time { v := time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC); return &v }
	contact := Profile{Contact: true, Industry: "Construction", Role: "decision_maker", Employees: 120, AccountManager: "u1", Categories: []string{"bricks"}}
	person := Profile{Person: true, LoyaltyTier: "gold", Subscriptions: []string{"new-arrivals"}, LastPurchase: *day(10)}
	for i, c := range []struct {
		s    Segment
		p    Profile
		want bool
	}{
		{Segment{}, Profile{}, true},
		{Segment{Audience: AudienceB2B}, person, false},
		{Segment{Industries: []string{"construction"}, Roles: []string{"decision_maker"}}, contact, true},
		{Segment{Industries: []string{"retail"}}, contact, false},
		{Segment{MinEmployees: 50, MaxEmployees: 100}, contact, false},
		{Segment{MinEmployees: 50, MaxEmployees: 200, AccountManagers: []string{"u1"}}, contact, true},
		{Segment{BoughtCategories: []string{"tiles"}}, contact, false},
		{Segment{BoughtCategories: []string{"tiles", "bricks"}}, contact, true},
		{Segment{Industries: []string{"construction"}}, person, false},
		{Segment{Audience: AudienceConsumers, LoyaltyTiers: []string{"Gold"}}, person, true},
		{Segment{Subscriptions: []string{"newsletter"}}, person, false},
		{Segment{PurchasedAfter: day(5), PurchasedBefore: day(11)}, person, true},
		{Segment{PurchasedAfter: day(10)}, person, false},
		{Segment{PurchasedBefore: day(20)}, Profile{Person: true}, false},
	} {
		if got := c.s.Match(c.p); got != c.want {
			t.Errorf("case %d: Match = %v, want %v", i, got, c.want)
		}
	}
	if err := (Segment{Audience: "x", MinEmployees: 10, MaxEmployees: 5}).Validate(); err == nil ||
		errs.CodeOf(err) != errs.Invalid {
		t.Errorf("bad segment: %v", err)
	}
}
