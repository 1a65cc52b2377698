package locale

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
)

//go:embed catalogs
var catalogFiles embed.FS

// entry is one catalog value: text for a plain key, forms for a plural one
// (CLDR category → text).
type entry struct {
	text  string
	forms map[string]string
}

func (e entry) plural() bool { return e.forms != nil }

// catalog is one language's flat key → entry map.
type catalog map[string]entry

// catalogs holds every supported locale's catalog, by code. The files are
// embedded and checked by the tests, so a broken one fails at start.
var catalogs = mustLoadAll()

func mustLoadAll() map[string]catalog {
	m := make(map[string]catalog, len(supported))
	for _, l := range supported {
		c, err := loadCatalog(l.Code)
		if err != nil {
			panic(err)
		}
		m[l.Code] = c
	}
	return m
}

// loadCatalog merges a language's files: catalogs/CODE.json for the words every
// surface shares and catalogs/SURFACE/CODE.json for each surface's own, so that
// work on one surface does not touch another's file. A key defined twice is an
// error.
func loadCatalog(code string) (catalog, error) {
	files, err := fs.Glob(catalogFiles, "catalogs/*/"+code+".json")
	if err != nil {
		return nil, fmt.Errorf("locale: %w", err)
	}
	merged := catalog{}
	for _, name := range append([]string{"catalogs/" + code + ".json"}, files...) {
		data, err := catalogFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("locale: %w", err)
		}
		c, err := parseCatalog(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for k, e := range c {
			if _, dup := merged[k]; dup {
				return nil, fmt.Errorf("locale: %s: key %q is already defined in another file", name, k)
			}
			merged[k] = e
		}
	}
	return merged, nil
}

// parseCatalog reads a flat JSON object whose values are strings or objects
// of strings.
func parseCatalog(data []byte) (catalog, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("locale: catalog: %w", err)
	}
	c := make(catalog, len(raw))
	for k, v := range raw {
		var s string
		if err := json.Unmarshal(v, &s); err == nil {
			c[k] = entry{text: s}
			continue
		}
		var forms map[string]string
		if err := json.Unmarshal(v, &forms); err != nil || len(forms) == 0 {
			return nil, fmt.Errorf("locale: catalog key %q: want a string or an object of plural forms", k)
		}
		c[k] = entry{forms: forms}
	}
	return c, nil
}

// keys returns the catalog's keys in order.
func (c catalog) keys() []string {
	ks := make([]string, 0, len(c))
	for k := range c {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// placeholderRE finds {name} placeholders.
var placeholderRE = regexp.MustCompile(`\{([a-z_][a-z0-9_]*)\}`)

// fill replaces {name} in s by the values of args, which are name/value
// pairs. Unknown placeholders are left as written, so a mistake shows. It scans
// by hand: pages call it hundreds of times.
func fill(s string, args []any) string {
	if len(args) < 2 || !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 {
			break
		}
		end += open
		b.WriteString(s[:open])
		if v, ok := arg(s[open+1:end], args); ok {
			b.WriteString(v)
		} else {
			b.WriteString(s[open : end+1])
		}
		s = s[end+1:]
	}
	b.WriteString(s)
	return b.String()
}

// arg is the value of the placeholder name among the name/value pairs.
func arg(name string, args []any) (string, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if k, ok := args[i].(string); ok && k == name {
			if v, ok := args[i+1].(string); ok {
				return v, true
			}
			return fmt.Sprint(args[i+1]), true
		}
	}
	return "", false
}
