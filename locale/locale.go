// Package locale is the language layer of the shop, the portal and the admin:
// the supported locales, choosing one for a request (Match), and a Printer
// per request that translates flat catalog keys and formats numbers, dates
// and money for that locale.
//
// Catalogs are embedded JSON files (catalogs/en.json, ru.json, fa.json) with
// flat keys ("cart.add"). A value is either a string or, for plurals, an
// object keyed by the CLDR plural categories the language uses. Placeholders
// are written {name}. Output is plain text: HTML-escaping is the template's
// job.
package locale

import (
	"strings"

	"golang.org/x/text/language"
)

// Locale is a language the pages are offered in.
type Locale struct {
	Tag  language.Tag
	Code string // "en", "ru" or "fa": the URL prefix, cookie value and catalog name
	Dir  string // "ltr" or "rtl", for <html dir="…">
}

// supported is the list Supported returns; the first entry is the default.
var supported = []Locale{
	{Tag: language.English, Code: "en", Dir: "ltr"},
	{Tag: language.Russian, Code: "ru", Dir: "ltr"},
	{Tag: language.Persian, Code: "fa", Dir: "rtl"},
}

// matcher matches against supported in order, so index i is supported[i].
var matcher = language.NewMatcher(tags())

func tags() []language.Tag {
	t := make([]language.Tag, len(supported))
	for i, l := range supported {
		t[i] = l.Tag
	}
	return t
}

// Default is the locale used when nothing in a request names a supported one.
func Default() Locale { return supported[0] }

// Supported returns the locales in switcher order (en, ru, fa). The slice is
// a copy.
func Supported() []Locale {
	return append([]Locale(nil), supported...)
}

// Get returns the locale with the given code ("en", "ru", "fa"), exactly.
func Get(code string) (Locale, bool) {
	for _, l := range supported {
		if l.Code == code {
			return l, true
		}
	}
	return Locale{}, false
}

// maxHeader bounds what Match hands to the Accept-Language parser; real
// headers are a few dozen bytes.
const maxHeader = 512

// Match chooses the locale of a request: the language in the URL beats the
// one in the cookie (set by the switcher), which beats the Accept-Language
// header. urlLang and cookieLang are BCP 47 tags ("fa", "fa-IR", "ru-RU");
// an empty, malformed or unsupported value is skipped. The header is parsed
// with its q-values and matched with golang.org/x/text/language; when
// nothing matches, the result is Default (en). Match never panics.
func Match(urlLang, cookieLang, acceptLanguage string) Locale {
	for _, s := range []string{urlLang, cookieLang} {
		if l, ok := matchTag(s); ok {
			return l
		}
	}
	if len(acceptLanguage) > maxHeader {
		return Default()
	}
	desired, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(desired) == 0 {
		return Default()
	}
	return matchTags(desired...)
}

// matchTag matches one explicit choice (URL or cookie).
func matchTag(s string) (Locale, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 35 { // 35: longer than any tag worth reading
		return Locale{}, false
	}
	if l, ok := Get(strings.ToLower(s)); ok {
		return l, true
	}
	t, err := language.Parse(s)
	if err != nil {
		return Locale{}, false
	}
	l := matchTags(t)
	// matchTags falls back to the default with confidence No; an explicit
	// choice of an unsupported language is no choice at all.
	_, _, c := matcher.Match(t)
	return l, c != language.No
}

func matchTags(desired ...language.Tag) Locale {
	_, i, c := matcher.Match(desired...)
	if c == language.No || i < 0 || i >= len(supported) {
		return Default()
	}
	return supported[i]
}
