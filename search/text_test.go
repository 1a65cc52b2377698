package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	tests := map[string][]string{
		`Red BRICK, 250×120×65 mm`:         {"red", "brick", "250", "120", "65", "mm"},
		`"drill" AND (NEAR* bit):x & y|!z`: {"drill", "and", "near", "bit", "x", "y", "z"},
		`Кирпич ЁЛКА café`:                 {"кирпич", "елка", "cafe"},
		`BRK-RED_250`:                      {"brk", "red", "250"},
		"e\u0301té":                        {"ete"},
		"  \t ":                            nil,
	}
	for in, want := range tests {
		if got := Words(in); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStem(t *testing.T) {
	tests := map[string]string{
		"bricks": "brick", "brick": "brick", "drills": "drill", "drilling": "drill",
		"кирпичи": "кирпич", "кирпич": "кирпич", "дрель": "дрел", "дрели": "дрел",
		"250": "250", "m12": "m12", "日本": "日本",
	}
	for in, want := range tests {
		if got := Stem(in); got != want {
			t.Errorf("Stem(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDocumentAndQueryMeet(t *testing.T) {
	// Each query must match the document the way the engines will: every term's
	// stem or word is a prefix of some indexed word.
	doc := strings.Fields(Document("Ударная дрель Bosch PSB 500", "Drilling machine for bricks", "SKU DR-500"))
	matches := func(q Query) bool {
		for _, t := range q.Terms {
			ok := slices.ContainsFunc(doc, func(w string) bool {
				return strings.HasPrefix(w, t.Stem) || (t.Word != "" && strings.HasPrefix(w, t.Word))
			})
			if !ok {
				return false
			}
		}
		return !q.Empty()
	}
	for _, q := range []string{"дрель", "дрели", "дрел", "bosch drill", "drilli", "brick", "кирпичи для", "dr-500", "PSB 5"} {
		want := q != "кирпичи для"
		if got := matches(ParseQuery(q)); got != want {
			t.Errorf("%q matches %v, want %v (doc %q, terms %+v)", q, got, want, doc, ParseQuery(q).Terms)
		}
	}
}

func TestMatchSyntax(t *testing.T) {
	tests := map[string]string{
		"bricks red":            "(brick* OR bricks*) AND red*",
		`"NEAR(a b)" OR x*:&|!`: "near* AND b AND x",
		"drill for concrete":    "drill* AND (concret* OR concrete*)",
		"for":                   "for*",
		"!!! ***":               "",
	}
	for in, want := range tests {
		if got := ParseQuery(in).Match(); got != want {
			t.Errorf("ParseQuery(%q).Match() = %q, want %q", in, got, want)
		}
	}
	var long []string
	for i := range 40 {
		long = append(long, fmt.Sprintf("word%d", i))
	}
	if n := len(ParseQuery(strings.Join(long, " ")).Terms); n != maxTerms {
		t.Errorf("%d terms kept", n)
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"brick", `"a" OR b*`, "кирпич NEAR(x)", "\x00(", "ё:*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := ParseQuery(s).Match()
		for _, r := range m {
			if !(r == ' ' || r == '*' || r == '(' || r == ')' || r >= 'A' && r <= 'Z' || unicodeWordRune(r)) {
				t.Fatalf("Match(%q) = %q has %q", s, m, r)
			}
		}
	})
}

func unicodeWordRune(r rune) bool { return len(Words(string(r))) == 1 }
