package csvimport

import (
	"fmt"
	"strconv"
	"strings"

	"b2x/money"
)

// Pair is one key=value item of a list cell.
type Pair struct{ Key, Value string }

// splitList splits a list cell at every unescaped ';' into its raw (still
// escaped) items, dropping empty ones.
func splitList(s string) []string {
	var out []string
	start := 0
	add := func(item string) {
		if strings.TrimSpace(item) != "" {
			out = append(out, item)
		}
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ';':
			add(s[start:i])
			start = i + 1
		}
	}
	add(s[start:])
	return out
}

// parseList returns the items of a list cell, unescaped and trimmed.
func parseList(s string) []string {
	raw := splitList(s)
	out := make([]string, 0, len(raw))
	for _, r := range raw {
		if v := strings.TrimSpace(unescapeItem(r)); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// parsePairs returns the key=value items of a list cell. An item without an
// unescaped '=' is reported in bad.
func parsePairs(s string) (pairs []Pair, bad string) {
	for _, raw := range splitList(s) {
		k, v, ok := cutPair(raw)
		if !ok {
			return nil, strings.TrimSpace(unescapeItem(raw))
		}
		pairs = append(pairs, Pair{Key: strings.TrimSpace(unescapeItem(k)), Value: strings.TrimSpace(unescapeItem(v))})
	}
	return pairs, ""
}

// cutPair splits a raw item at its first unescaped '='.
func cutPair(item string) (key, value string, ok bool) {
	for i := 0; i < len(item); i++ {
		switch item[i] {
		case '\\':
			i++
		case '=':
			return item[:i], item[i+1:], true
		}
	}
	return item, "", false
}

// unescapeItem removes the backslash escapes of a list item: "\x" becomes "x"; a
// trailing lone backslash stays.
func unescapeItem(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var itemEscaper = strings.NewReplacer(`\`, `\\`, `;`, `\;`, `=`, `\=`)

// joinList writes items as one list cell.
func joinList(items []string) string {
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = itemEscaper.Replace(it)
	}
	return strings.Join(parts, ";")
}

// joinPairs writes key=value items as one list cell.
func joinPairs(pairs []Pair) string {
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = itemEscaper.Replace(p.Key) + "=" + itemEscaper.Replace(p.Value)
	}
	return strings.Join(parts, ";")
}

// parseWhole reads a whole number between 0 and max.
func parseWhole(s string, max int) (int, error) {
	if !allDigits(s) {
		return 0, fmt.Errorf("%q is not a whole number", clip(s))
	}
	n, err := strconv.Atoi(s)
	if err != nil || n > max {
		return 0, fmt.Errorf("must be at most %d", max)
	}
	return n, nil
}

// parseBool reads yes/no cells; empty is false.
func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "", "false", "no", "n", "0":
		return false, nil
	case "true", "yes", "y", "1":
		return true, nil
	}
	return false, fmt.Errorf("%q is not true or false (yes/no, 1/0)", clip(s))
}

// parseMoney reads an amount of a known currency, dropping the package prefix
// from the message.
func parseMoney(s, currency string) (money.Amount, error) {
	a, err := money.Parse(s, currency)
	if err != nil {
		return a, fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "money: "))
	}
	return a, nil
}
