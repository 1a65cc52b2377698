// Package news holds the public news posts of the shop (S4: a stale public site,
// "news from two years ago", loses the lead, so public content shows its
// freshness). A post is Markdown, rendered to HTML with raw HTML switched off; a
// post without a publication time, or with one still to come, is a draft.
package news

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"b2x/errs"
)

// Langs lists the languages a post may be written in.
var Langs = []string{"en", "ru", "fa"}

// Bounds of a post's fields, in characters.
const (
	MaxTitle = 200
	MaxBody  = 50000
)

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// MaxSlug bounds a slug.
const MaxSlug = 100

// ValidSlug reports whether s can name a post in a URL: lower-case letters and
// digits in words joined by single hyphens.
func ValidSlug(s string) bool { return len(s) <= MaxSlug && slugPattern.MatchString(s) }

// Post is one news post.
type Post struct {
	ID    string
	Slug  string
	Lang  string
	Title string
	Body  string // Markdown; see Render
	// PublishedAt is when the post becomes public; zero for a draft. A time still
	// to come schedules it.
	PublishedAt time.Time
	CreatedBy   string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Public reports whether the public may read the post at now.
func (p *Post) Public(now time.Time) bool {
	return !p.PublishedAt.IsZero() && !p.PublishedAt.After(now)
}

// Validate checks a post and reports every problem at once.
func (p *Post) Validate() error {
	var fs errs.Fields
	if !ValidSlug(p.Slug) {
		fs.Add("slug", "must be lower-case letters and digits in words joined by '-', at most %d characters", MaxSlug)
	}
	if !slices.Contains(Langs, p.Lang) {
		fs.Add("lang", "must be one of %s", strings.Join(Langs, ", "))
	}
	checkText(&fs, "title", p.Title, MaxTitle)
	checkText(&fs, "body", p.Body, MaxBody)
	if !p.PublishedAt.IsZero() && p.PublishedAt.Year() < 2000 {
		fs.Add("published_at", "is before 2000")
	}
	return fs.Err()
}

func checkText(fs *errs.Fields, field, s string, max int) {
	switch {
	case !utf8.ValidString(s) || strings.ContainsRune(s, 0):
		fs.AddKey(field, "err.not_text", "is not valid text")
	case strings.TrimSpace(s) == "":
		fs.AddKey(field, "err.required", "is required")
	case utf8.RuneCountInString(s) > max:
		fs.AddKey(field, "err.too_long", "is longer than {max} characters", "max", max)
	}
}
