package catalog

import "slices"

// Unit is a unit of measure. Fractional units (metres, kilograms …) may be sold in
// parts; pieces, packs and seats only whole.
type Unit struct {
	Code       string
	Fractional bool
}

var units = []Unit{
	{"pcs", false}, {"pack", false}, {"pallet", false}, {"seat", false},
	{"m", true}, {"m2", true}, {"m3", true}, {"kg", true}, {"t", true}, {"l", true}, {"h", true},
}

// LookupUnit finds a unit by code.
func LookupUnit(code string) (Unit, bool) {
	i := slices.IndexFunc(units, func(u Unit) bool { return u.Code == code })
	if i < 0 {
		return Unit{}, false
	}
	return units[i], true
}

// UnitCodes lists the known unit codes.
func UnitCodes() []string {
	out := make([]string, len(units))
	for i, u := range units {
		out[i] = u.Code
	}
	return out
}
