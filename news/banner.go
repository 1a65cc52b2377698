package news

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"b2x/errs"
)

// Banner is a message at the top of the shop's home page (S4: a visitor sees
// the shop is alive): a season's offer, a new range, a holiday opening time.
// Staff write one per language, or one for every language, and give it the
// days it runs.
type Banner struct {
	ID   string
	Lang string // en, ru or fa; empty: every language
	// Title and Text are plain text; pages escape them.
	Title string
	Text  string
	// Link is where the banner leads: a path of this site ("/en/c/tools") or
	// an https address; empty for none.
	Link string
	// StartsAt and EndsAt bound when it shows; zero EndsAt: until taken down.
	StartsAt time.Time
	EndsAt   time.Time
	// Position orders banners, lowest first.
	Position  int
	CreatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Bounds of a banner's fields.
const (
	MaxBannerTitle = 120
	MaxBannerText  = 400
	MaxBannerLink  = 500
	// MaxLiveBanners is how many banners the home page shows at once.
	MaxLiveBanners = 3
)

// Live reports whether the banner shows at now.
func (b *Banner) Live(now time.Time) bool {
	return !b.StartsAt.After(now) && (b.EndsAt.IsZero() || now.Before(b.EndsAt))
}

// Validate checks a banner and reports every problem at once.
func (b *Banner) Validate() error {
	var fs errs.Fields
	if b.Lang != "" && !slices.Contains(Langs, b.Lang) {
		fs.AddKey("lang", "err.banner_lang", "must be one of {langs}, or empty for every language", "langs", strings.Join(Langs, ", "))
	}
	checkText(&fs, "title", b.Title, MaxBannerTitle)
	if b.Text != "" {
		checkText(&fs, "text", b.Text, MaxBannerText)
	}
	if b.Link != "" && !validLink(b.Link) {
		fs.AddKey("link", "err.banner_link", "must be a path of this site starting with / or an https:// address")
	}
	switch {
	case b.StartsAt.IsZero():
		fs.AddKey("starts_at", "err.required", "is required")
	case !b.EndsAt.IsZero() && !b.EndsAt.After(b.StartsAt):
		fs.AddKey("ends_at", "err.banner_ends", "must be after the start")
	}
	return fs.Err()
}

// validLink accepts a site path (not "//host", which a browser reads as
// another site) or an absolute https address with a host.
func validLink(s string) bool {
	if len(s) > MaxBannerLink || strings.ContainsAny(s, " \t\r\n\\") {
		return false
	}
	if strings.HasPrefix(s, "/") {
		return !strings.HasPrefix(s, "//")
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != "" && u.User == nil
}
