package qty

import "fmt"

// MarshalJSON writes q as a JSON number, never as a string, so that API
// clients see quantities as numbers.
func (q Quantity) MarshalJSON() ([]byte, error) {
	return []byte(q.String()), nil
}

// UnmarshalJSON accepts only a JSON number literal and applies the same rules
// as Parse. Strings and null are rejected rather than coerced: a quantity is
// never optional at this level (use *Quantity for that) and a quoted number
// usually means the client is confused about the type.
func (q *Quantity) UnmarshalJSON(b []byte) error {
	if len(b) == 0 || (b[0] != '-' && !isDigit(b[0])) {
		return fmt.Errorf("qty: expected a JSON number, got %s", quote(string(b)))
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*q = v
	return nil
}
