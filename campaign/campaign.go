// Package campaign is the pre-send quality check of email campaigns (S13): it reads a
// draft (Markdown with a Subject line, or an .eml message) and lints it against the
// seed's rules for B2B newsletters — a short, precise subject; no stock phrases; no
// colourful decoration; no needless words; an opening that says who we are and what
// we offer; key points in bold; a footer with the organisation's contacts, the
// representative to call, several ways to reach us and the physical address; an
// unsubscribe link; links to allowed hosts; images with alt text.
//
// The package is pure: Lint reads a Draft and a Config and returns findings. Each
// finding names its rule, severity, where it is and why, citing S13; a draft with
// an error finding must not be sent.
package campaign

import (
	"slices"
)

// Draft is one email campaign letter as its readers will see it.
type Draft struct {
	Subject   string `json:"subject"`
	Preheader string `json:"preheader,omitempty"` // the preview line shown beside the subject
	HTML      string `json:"html,omitempty"`      // the HTML body; when empty, Text is linted
	Text      string `json:"text,omitempty"`      // the plain-text body (or Markdown source)
}

// Severity says whether a finding blocks the send.
type Severity string

const (
	Error   Severity = "error"   // blocks the send
	Warning Severity = "warning" // should be fixed; does not block
	Info    Severity = "info"    // a note, e.g. a check that could not run
)

// Finding is one problem the check found, explained.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Where    string   `json:"where"`   // e.g. "subject", "body: paragraph 3", "link https://…"
	Message  string   `json:"message"` // what is wrong, with the numbers
	Why      string   `json:"why"`     // the reason, citing S13
}

// Sender is the organisation that sends the letter, as its footer must show it.
type Sender struct {
	Organization   string   `json:"organization,omitempty"`
	Representative string   `json:"representative,omitempty"` // the person to call
	Address        string   `json:"address,omitempty"`        // the physical (postal) address
	Phones         []string `json:"phones,omitempty"`
	Emails         []string `json:"emails,omitempty"`
	Messengers     []string `json:"messengers,omitempty"` // e.g. https://t.me/acme, https://wa.me/15551234567
}

// Config tunes the check. Zero numbers mean the defaults of DefaultConfig.
type Config struct {
	Sender Sender `json:"sender"`
	// StockPhrases are the phrases to avoid, by language code (en, ru, fa, …). They
	// match after normalisation (case, spacing, punctuation, look-alike letters).
	StockPhrases map[string][]string `json:"stock_phrases,omitempty"`
	// AllowedHosts are the hosts links and images may point to; a host also allows
	// its subdomains. Empty: hosts are not checked (an info finding says so).
	AllowedHosts []string `json:"allowed_hosts,omitempty"`

	MaxSubjectRunes  int `json:"max_subject_runes,omitempty"`   // longer subjects are an error (78)
	WarnSubjectRunes int `json:"warn_subject_runes,omitempty"`  // longer subjects are a warning (50)
	MaxWords         int `json:"max_words,omitempty"`           // longer bodies are a warning (300)
	OpeningWords     int `json:"opening_words,omitempty"`       // the opening is this many first words (40)
	MaxFontPx        int `json:"max_font_px,omitempty"`         // bigger fonts are a warning, twice as big an error (20)
	MaxColours       int `json:"max_colours,omitempty"`         // more distinct colours are an error (2)
	MinWordsPerImage int `json:"min_words_per_image,omitempty"` // less text per image is a warning (40)
	FooterBlocks     int `json:"footer_blocks,omitempty"`       // the footer is at least this many last paragraphs (4)
}

// DefaultConfig is the check as S13 reads: the built-in stock phrases in English,
// Russian and Persian and the default limits. It names no sender and no hosts.
func DefaultConfig() Config {
	phrases := make(map[string][]string, len(defaultStockPhrases))
	for lang, ps := range defaultStockPhrases {
		phrases[lang] = slices.Clone(ps)
	}
	return Config{
		StockPhrases:     phrases,
		MaxSubjectRunes:  78,
		WarnSubjectRunes: 50,
		MaxWords:         300,
		OpeningWords:     40,
		MaxFontPx:        20,
		MaxColours:       2,
		MinWordsPerImage: 40,
		FooterBlocks:     4,
	}
}

// withDefaults fills the zero limits of c from DefaultConfig.
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set(&c.MaxSubjectRunes, d.MaxSubjectRunes)
	set(&c.WarnSubjectRunes, d.WarnSubjectRunes)
	set(&c.MaxWords, d.MaxWords)
	set(&c.OpeningWords, d.OpeningWords)
	set(&c.MaxFontPx, d.MaxFontPx)
	set(&c.MaxColours, d.MaxColours)
	set(&c.MinWordsPerImage, d.MinWordsPerImage)
	set(&c.FooterBlocks, d.FooterBlocks)
	return c
}

// rule is one check: its name and the function that runs it.
type rule struct {
	name  string
	check func(l *letter, cfg Config) []Finding
}

// rules lists the checks in the order Lint runs them.
var rules = []rule{
	{"subject-length", checkSubjectLength},
	{"subject-caps", checkSubjectCaps},
	{"subject-exclaim", checkSubjectExclaim},
	{"stock-phrase", checkStockPhrases},
	{"decoration", checkDecoration},
	{"length", checkLength},
	{"opening", checkOpening},
	{"bold", checkBold},
	{"contacts-footer", checkFooter},
	{"unsubscribe", checkUnsubscribe},
	{"link-hosts", checkLinkHosts},
	{"image-alt", checkImageAlt},
	{"text-part", checkTextPart},
}

// RuleNames lists the rules in the order Lint runs them.
func RuleNames() []string {
	names := make([]string, len(rules))
	for i, r := range rules {
		names[i] = r.name
	}
	return names
}

// Lint runs every rule on d and returns the findings, rule by rule in the order of
// RuleNames. It never fails: a draft it cannot read well yields findings, not errors.
func Lint(d Draft, cfg Config) []Finding {
	cfg = cfg.withDefaults()
	l := analyze(d)
	var out []Finding
	for _, r := range rules {
		out = append(out, r.check(l, cfg)...)
	}
	return out
}

// HasErrors reports whether any finding is an error, i.e. the draft must not be sent.
func HasErrors(fs []Finding) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == Error })
}

// Count returns how many findings have each severity.
func Count(fs []Finding) (errors, warnings, infos int) {
	for _, f := range fs {
		switch f.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		default:
			infos++
		}
	}
	return
}
