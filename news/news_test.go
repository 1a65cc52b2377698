package news

import (
	"strings"
	"testing"
	"time"

	"b2x/errs"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Post)
		fields []string
	}{
		{"valid", func(*Post) {}, nil},
		{"draft", func(p *Post) { p.PublishedAt = time.Time{} }, nil},
		{"persian", func(p *Post) { p.Lang, p.Title = "fa", "محصولات جدید" }, nil},
		{"upper-case slug", func(p *Post) { p.Slug = "New-Bricks" }, []string{"slug"}},
		{"double hyphen", func(p *Post) { p.Slug = "new--bricks" }, []string{"slug"}},
		{"trailing hyphen", func(p *Post) { p.Slug = "new-" }, []string{"slug"}},
		{"long slug", func(p *Post) { p.Slug = strings.Repeat("a", MaxSlug+1) }, []string{"slug"}},
		{"unknown language", func(p *Post) { p.Lang = "de" }, []string{"lang"}},
		{"no title", func(p *Post) { p.Title = " " }, []string{"title"}},
		{"long body", func(p *Post) { p.Body = strings.Repeat("x", MaxBody+1) }, []string{"body"}},
		{"ancient", func(p *Post) { p.PublishedAt = time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC) }, []string{"published_at"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Post{Slug: "new-bricks-2026", Lang: "en", Title: "New bricks", Body: "We have **new** bricks.",
				PublishedAt: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
			tt.change(&p)
			var got []string
			if e, ok := errs.As(p.Validate()); ok {
				for _, f := range e.Fields {
					got = append(got, f.Field)
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.fields, ",") {
				t.Errorf("fields = %v, want %v", got, tt.fields)
			}
		})
	}
}

func TestPublic(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		at   time.Time
		want bool
	}{{time.Time{}, false}, {now, true}, {now.Add(-time.Hour), true}, {now.Add(time.Second), false}} {
		p := Post{PublishedAt: tt.at}
		if p.Public(now) != tt.want {
			t.Errorf("published %v: Public = %v", tt.at, !tt.want)
		}
	}
}

func TestRender(t *testing.T) {
	tests := []struct {
		name, in  string
		has, lack []string
	}{
		{"markdown", "# Title\n\nSome **bold** and a [link](https://example.com).",
			[]string{"<h1>Title</h1>", "<strong>bold</strong>", `<a href="https://example.com">link</a>`}, nil},
		{"raw HTML block", "<script>alert(1)</script>\n\ntext", []string{"raw HTML omitted", "<p>text</p>"}, []string{"<script"}},
		{"inline HTML", "hello <img src=x onerror=alert(1)> world", []string{"hello"}, []string{"<img", "onerror"}},
		{"javascript link", "[click](javascript:alert(1))", []string{"click"}, []string{"javascript:"}},
		{"JavaScript link", "[click](JaVaScRiPt:alert(1))", []string{"click"}, []string{"alert"}},
		{"data link", "[x](data:text/html;base64,PHNjcmlwdD4=)", nil, []string{"data:text/html"}},
		{"autolink", "see https://example.com/a?b=<c>", []string{`href="https://example.com/a?b=`}, []string{"<c>"}},
		{"text is escaped", "5 < 6 & \"quotes\"", []string{"5 &lt; 6 &amp; &quot;quotes&quot;"}, nil},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |", []string{"<table>", "<td>1</td>"}, nil},
		{"right to left", "محصولات **جدید**", []string{"<strong>جدید</strong>"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := string(Render(tt.in))
			for _, s := range tt.has {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tt.lack {
				if strings.Contains(out, s) {
					t.Errorf("output has %q:\n%s", s, out)
				}
			}
		})
	}
}
