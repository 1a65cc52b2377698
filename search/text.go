// Package search turns product text and shoppers' queries into the words the
// full-text indexes hold, so that SQLite (FTS5) and PostgreSQL (tsvector) index
// and match exactly the same words.
//
// Stemming happens here, in Go, with one stemmer (Snowball, English and Russian),
// instead of in each engine: PostgreSQL's dictionaries and SQLite's tokenizers
// stem differently or not at all, and one stemmer gives one result on both. The
// engines only split the stemmed text on spaces: FTS5 with unicode61 and
// PostgreSQL with to_tsvector('simple', …).
//
// A document holds each word's stem and, when it differs, the word itself, so
// that both "bricks" (stemmed to "brick") and a half-typed "drilli" (a prefix of
// "drilling" but not of its stem "drill") are found.
package search

import (
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
	"golang.org/x/text/unicode/norm"
)

// Words splits text into lower-case words of letters and digits. Everything else
// (punctuation, FTS syntax such as quotes, *, :, &, |, ! and parentheses)
// separates words, so no user text can reach an index as syntax. Latin letters
// lose their diacritics ("café" is "cafe") and "ё" is "е", as Russian is usually
// typed; other scripts are kept as they are.
func Words(text string) []string {
	text = norm.NFC.String(text)
	var out []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			out = append(out, w.String())
			w.Reset()
		}
	}
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			writeFolded(&w, unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r):
			// A combining mark left over after NFC belongs to the letter before it.
		default:
			flush()
		}
	}
	flush()
	return out
}

// writeFolded writes a lower-case letter, folding ё and Latin diacritics.
func writeFolded(w *strings.Builder, r rune) {
	if r == 'ё' {
		w.WriteRune('е')
		return
	}
	if r < 0x80 || !unicode.Is(unicode.Latin, r) {
		w.WriteRune(r)
		return
	}
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, d) {
			w.WriteRune(d)
		}
	}
}

// Stem reduces a lower-case word to its stem: Russian words with the Russian
// Snowball stemmer, words of Latin letters with the English (Porter2) one; words
// with digits or other scripts are kept whole.
func Stem(word string) string {
	var latin, cyrillic, other bool
	for _, r := range word {
		switch {
		case r >= 'a' && r <= 'z':
			latin = true
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic = true
		default:
			other = true
		}
	}
	switch {
	case other || latin == cyrillic:
		return word
	case cyrillic:
		return russian.Stem(word, true)
	default:
		return english.Stem(word, true)
	}
}

// stopWord reports whether a query word is too common to require: "for", "и".
func stopWord(w string) bool { return english.IsStopWord(w) || russian.IsStopWord(w) }

// Document is the indexed form of some fields of text: every word's stem and,
// when it differs, the word itself, separated by spaces.
func Document(fields ...string) string {
	var b strings.Builder
	for _, f := range fields {
		for _, w := range Words(f) {
			s := Stem(w)
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s)
			if s != w {
				b.WriteByte(' ')
				b.WriteString(w)
			}
		}
	}
	return b.String()
}
