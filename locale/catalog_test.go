package locale

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestCatalogsHaveTheSameKeys fails when a key is missing in any language or
// a catalog has a key English lacks.
func TestCatalogsHaveTheSameKeys(t *testing.T) {
	en := catalogs["en"]
	if len(en) < 60 {
		t.Errorf("en has %d keys; want the ~60 the surfaces need first", len(en))
	}
	for _, l := range supported {
		c := catalogs[l.Code]
		for _, k := range en.keys() {
			if _, ok := c[k]; !ok {
				t.Errorf("%s: missing key %q", l.Code, k)
			}
		}
		for _, k := range c.keys() {
			if _, ok := en[k]; !ok {
				t.Errorf("%s: extra key %q (not in en)", l.Code, k)
			}
		}
	}
}

func TestCatalogEntries(t *testing.T) {
	en := catalogs["en"]
	for _, l := range supported {
		want := categories[l.Code]
		for k, e := range catalogs[l.Code] {
			base, ok := en[k]
			if !ok {
				continue // reported by TestCatalogsHaveTheSameKeys
			}
			if e.plural() != base.plural() {
				t.Errorf("%s %q: plural is %v, in en %v", l.Code, k, e.plural(), base.plural())
				continue
			}
			if !e.plural() {
				if strings.TrimSpace(e.text) == "" {
					t.Errorf("%s %q: empty text", l.Code, k)
				}
				continue
			}
			if got := slices.Sorted(maps.Keys(e.forms)); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
				t.Errorf("%s %q: plural categories %v, want %v", l.Code, k, got, want)
			}
			for cat, s := range e.forms {
				if strings.TrimSpace(s) == "" {
					t.Errorf("%s %q.%s: empty text", l.Code, k, cat)
				}
			}
		}
	}
}

// TestPlaceholdersMatchEnglish: every text (every plural form) has exactly
// the placeholders of English's text (English's "other" form); plural texts
// all have {count}.
func TestPlaceholdersMatchEnglish(t *testing.T) {
	en := catalogs["en"]
	for _, l := range supported {
		for k, e := range catalogs[l.Code] {
			base, ok := en[k]
			if !ok || e.plural() != base.plural() {
				continue // reported elsewhere
			}
			if !e.plural() {
				if got, want := placeholders(e.text), placeholders(base.text); got != want {
					t.Errorf("%s %q: placeholders %s, en has %s", l.Code, k, got, want)
				}
				continue
			}
			want := placeholders(base.forms["other"])
			if !strings.Contains(want, "count") {
				t.Errorf("en %q: plural text without {count}", k)
			}
			for cat, s := range e.forms {
				if got := placeholders(s); got != want {
					t.Errorf("%s %q.%s: placeholders %s, en has %s", l.Code, k, cat, got, want)
				}
			}
		}
	}
}

// placeholders returns the sorted set of {names} in s, printed.
func placeholders(s string) string {
	set := map[string]bool{}
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		set[m[1]] = true
	}
	return fmt.Sprint(slices.Sorted(maps.Keys(set)))
}

// TestCategoriesAgreeWithCLDR: the categories a catalog must give are
// exactly those the CLDR rules produce for integers and decimals.
func TestCategoriesAgreeWithCLDR(t *testing.T) {
	for _, l := range supported {
		seen := map[string]bool{}
		for n := range 1000 {
			seen[pluralCategory(l.Tag, fmt.Sprint(n))] = true
			seen[pluralCategory(l.Tag, fmt.Sprintf("%d.%d", n, n%10))] = true
		}
		got := slices.Sorted(maps.Keys(seen))
		if want := slices.Sorted(slices.Values(categories[l.Code])); !slices.Equal(got, want) {
			t.Errorf("%s: CLDR gives categories %v, catalogs need %v", l.Code, got, want)
		}
	}
}

func TestParseCatalogRejects(t *testing.T) {
	for _, s := range []string{`[]`, `{"a": 1}`, `{"a": {}}`, `{"a": {"one": 1}}`, `{`} {
		if _, err := parseCatalog([]byte(s)); err == nil {
			t.Errorf("parseCatalog(%s): no error", s)
		}
	}
}
