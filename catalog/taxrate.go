package catalog

import (
	"fmt"
	"strconv"
	"strings"
)

// Tax rates are kept in basis points (2000 is 20 %) and written as percentages
// with at most two decimals ("20", "9.5", "7.25"), the same in the API, in CSV
// files and in price explanations.

// FormatTaxRate writes basis points as a percentage without trailing zeros.
func FormatTaxRate(bp int) string {
	s := strconv.Itoa(bp / 100)
	if frac := bp % 100; frac != 0 {
		s += strings.TrimSuffix(fmt.Sprintf(".%02d", frac), "0")
	}
	return s
}

// ParseTaxRate reads a percentage between 0 and 100 with at most two decimals,
// optionally followed by "%".
func ParseTaxRate(s string) (int, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	whole, frac, dot := strings.Cut(t, ".")
	if !digits(whole) || len(whole) > 3 || (dot && (!digits(frac) || len(frac) > 2)) {
		return 0, fmt.Errorf("%q is not a percentage like 20 or 9.5 (at most two decimals)", clip(s))
	}
	w, _ := strconv.Atoi(whole)
	f, _ := strconv.Atoi((frac + "00")[:2])
	bp := w*100 + f
	if bp > 10000 {
		return 0, fmt.Errorf("%s%% is more than 100%%", t)
	}
	return bp, nil
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func clip(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}
