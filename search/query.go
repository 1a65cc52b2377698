package search

import (
	"strings"
	"unicode/utf8"
)

// MaxQueryRunes bounds a shopper's search text.
const MaxQueryRunes = 200

// maxTerms bounds the words of one query; more add nothing a shopper needs and
// each one is another prefix scan of the index.
const maxTerms = 12

// Term is one word of a query: its stem, and the word as typed when that differs.
// A product matches a term when one of its indexed words starts with either.
type Term struct {
	Stem string
	Word string
}

// Query is parsed search text: every term must match (AND), each as a prefix.
type Query struct {
	Terms []Term
}

// ParseQuery reads search text. Stop words ("for", "и") are dropped unless the
// query has nothing else; a query of only punctuation has no terms.
func ParseQuery(text string) Query {
	words := Words(text)
	var keep []string
	for _, w := range words {
		if !stopWord(w) {
			keep = append(keep, w)
		}
	}
	if len(keep) == 0 {
		keep = words
	}
	var q Query
	seen := map[string]bool{}
	for _, w := range keep {
		if seen[w] || len(q.Terms) == maxTerms {
			continue
		}
		seen[w] = true
		t := Term{Stem: Stem(w)}
		if t.Stem != w {
			t.Word = w
		}
		q.Terms = append(q.Terms, t)
	}
	return q
}

// Empty reports whether the query has no terms.
func (q Query) Empty() bool { return len(q.Terms) == 0 }

// Match is the query in FTS5 syntax, for example
//
//	(brick* OR bricks*) AND red*
//
// Terms are words of letters and digits only (see Words), lower case, so they
// can be neither FTS5 keywords (AND, OR, NOT and NEAR are upper case) nor any
// other syntax. PostgreSQL's product_fts function (migrations 0004 and 0027)
// reads the same text: a term of 2 to 6 characters with * is one indexed key,
// a longer one a prefix of words. A one-letter term is matched whole: as a
// prefix it would match most of the catalog.
func (q Query) Match() string {
	var b strings.Builder
	for i, t := range q.Terms {
		if i > 0 {
			b.WriteString(" AND ")
		}
		if t.Word == "" {
			b.WriteString(prefix(t.Stem))
			continue
		}
		b.WriteString("(" + prefix(t.Stem) + " OR " + prefix(t.Word) + ")")
	}
	return b.String()
}

func prefix(w string) string {
	if utf8.RuneCountInString(w) < 2 {
		return w
	}
	return w + "*"
}
