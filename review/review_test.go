package review

import (
	"strings"
	"testing"
	"time"

	"b2x/errs"
)

func valid() Review {
	return Review{SKU: "BRK-RED", PersonID: "p1", AuthorName: "Ann", Rating: 4, Title: "Solid", Body: "Good bricks.",
		Status: Pending}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Review)
		fields []string
	}{
		{"valid", func(*Review) {}, nil},
		{"guest", func(r *Review) { r.PersonID, r.Email = "", "ann@example.com" }, nil},
		{"rating 0", func(r *Review) { r.Rating = 0 }, []string{"rating"}},
		{"rating 6", func(r *Review) { r.Rating = 6 }, []string{"rating"}},
		{"blank title", func(r *Review) { r.Title = "  " }, []string{"title"}},
		{"long title", func(r *Review) { r.Title = strings.Repeat("я", MaxTitle+1) }, []string{"title"}},
		{"title at the limit", func(r *Review) { r.Title = strings.Repeat("я", MaxTitle) }, nil},
		{"empty body", func(r *Review) { r.Body = "" }, []string{"body"}},
		{"long body", func(r *Review) { r.Body = strings.Repeat("x", MaxBody+1) }, []string{"body"}},
		{"bad UTF-8", func(r *Review) { r.Body = "\xff" }, []string{"body"}},
		{"NUL", func(r *Review) { r.Title = "a\x00b" }, []string{"title"}},
		{"no name", func(r *Review) { r.AuthorName = "" }, []string{"name"}},
		{"everything wrong", func(r *Review) { r.Rating, r.Title, r.Body = 9, "", "" }, []string{"rating", "title", "body"}},
		{"markup is kept as text", func(r *Review) { r.Body = "<script>alert(1)</script>" }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := valid()
			tt.change(&r)
			err := r.Validate()
			var got []string
			if e, ok := errs.As(err); ok {
				for _, f := range e.Fields {
					got = append(got, f.Field)
				}
			} else if err != nil {
				t.Fatalf("not an errs error: %v", err)
			}
			if strings.Join(got, ",") != strings.Join(tt.fields, ",") {
				t.Errorf("fields = %v, want %v (%v)", got, tt.fields, err)
			}
		})
	}
}

func TestAuthor(t *testing.T) {
	r := Review{PersonID: "p1", Email: "Ann@Example.com"}
	if r.Author() != "person:p1" {
		t.Errorf("person author = %q", r.Author())
	}
	r.PersonID = ""
	if r.Author() != "email:ann@example.com" {
		t.Errorf("guest author = %q", r.Author())
	}
}

func TestCheckTransition(t *testing.T) {
	allowed := map[[2]Status]bool{{Pending, Approved}: true, {Pending, Rejected}: true, {Approved, Rejected}: true}
	for _, from := range Statuses {
		for _, to := range Statuses {
			err := CheckTransition(from, to)
			if allowed[[2]Status{from, to}] != (err == nil) {
				t.Errorf("%s → %s: err = %v", from, to, err)
			}
			if err != nil && errs.CodeOf(err) != errs.Conflict {
				t.Errorf("%s → %s: code %s", from, to, errs.CodeOf(err))
			}
		}
	}
}

func TestModerate(t *testing.T) {
	at := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		from   Status
		to     Status
		reason string
		code   errs.Code // "" for success
	}{
		{"approve", Pending, Approved, "", ""},
		{"reject with reason", Pending, Rejected, "Names a competitor's phone number", ""},
		{"reject without reason", Pending, Rejected, "  ", errs.Invalid},
		{"approve with a reason", Pending, Approved, "fine", errs.Invalid},
		{"back to pending", Approved, Pending, "", errs.Invalid},
		{"unknown decision", Pending, "published", "", errs.Invalid},
		{"take an approved review down", Approved, Rejected, "Spam", ""},
		{"approve twice", Approved, Approved, "", errs.Conflict},
		{"approve a rejected review", Rejected, Approved, "", errs.Conflict},
		{"long reason", Pending, Rejected, strings.Repeat("x", MaxReason+1), errs.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := valid()
			r.Status = tt.from
			before := r
			err := Moderate(&r, tt.to, tt.reason, "u1", at)
			if tt.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				if r.Status != tt.to || r.ModeratedBy != "u1" || !r.ModeratedAt.Equal(at) || r.Reason != strings.TrimSpace(tt.reason) {
					t.Errorf("after moderation: %+v", r)
				}
				return
			}
			if errs.CodeOf(err) != tt.code {
				t.Fatalf("code = %s, want %s (%v)", errs.CodeOf(err), tt.code, err)
			}
			if r != before {
				t.Errorf("a refused moderation changed the review: %+v", r)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	tests := []struct {
		hist    [5]int
		count   int
		average float64
	}{
		{[5]int{}, 0, 0},
		{[5]int{0, 0, 0, 0, 1}, 1, 5},
		{[5]int{1, 0, 0, 0, 0}, 1, 1},
		{[5]int{0, 0, 0, 3, 1}, 4, 4.3},    // 4.25 rounds up
		{[5]int{0, 0, 1, 0, 2}, 3, 4.3},    // 4.333…
		{[5]int{0, 1, 0, 0, 2}, 3, 4},      // 4.0
		{[5]int{0, 0, 2, 1, 0}, 3, 3.3},    // 3.333…
		{[5]int{0, 0, 1, 2, 0}, 3, 3.7},    // 3.666…
		{[5]int{1, 1, 1, 1, 1}, 5, 3},      // 3.0
		{[5]int{0, 0, 0, 1, 19}, 20, 5},    // 4.95 rounds up to 5.0
		{[5]int{0, 0, 0, 21, 19}, 40, 4.5}, // 4.475 rounds to 4.5
	}
	for _, tt := range tests {
		s := Summarize("X", tt.hist)
		if s.Count != tt.count || s.Average != tt.average || s.Histogram != tt.hist || s.SKU != "X" {
			t.Errorf("Summarize(%v) = %+v, want count %d average %v", tt.hist, s, tt.count, tt.average)
		}
	}
}
