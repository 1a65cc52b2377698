package money

import (
	"encoding/json"
	"fmt"
)

// wire is the JSON shape; the amount is a string so that no JSON library on
// the way can turn it into a float.
type wire struct {
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
}

// MarshalJSON writes {"amount":"12.50","currency":"EUR"}. An unknown currency
// (including the zero Amount) is an error, because the result could not be
// read back.
func (a Amount) MarshalJSON() ([]byte, error) {
	if _, ok := Digits(a.Currency); !ok {
		return nil, errCurrency(a.Currency)
	}
	return json.Marshal(wire{Amount: a.String(), Currency: a.Currency})
}

// UnmarshalJSON reads the shape MarshalJSON writes. Keys must match exactly
// (encoding/json alone would also take "Amount" or "AMOUNT"), both are
// required, nothing else is allowed, and the amount must be a JSON string
// obeying Parse. null is rejected; use *Amount for an optional amount.
func (a *Amount) UnmarshalJSON(b []byte) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil || fields == nil {
		return fmt.Errorf(`money: expected an object like {"amount":"12.50","currency":"EUR"}, got %s`, quote(string(b)))
	}
	for k := range fields {
		if k != "amount" && k != "currency" {
			return fmt.Errorf("money: unknown field %s", quote(k))
		}
	}
	amount, err := jsonString(fields, "amount")
	if err != nil {
		return err
	}
	code, err := jsonString(fields, "currency")
	if err != nil {
		return err
	}
	v, err := Parse(amount, code)
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// jsonString extracts a required string member; numbers, null and other types
// are refused rather than converted.
func jsonString(fields map[string]json.RawMessage, key string) (string, error) {
	raw, ok := fields[key]
	if !ok {
		return "", fmt.Errorf("money: missing %s", quote(key))
	}
	var s string
	if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return "", fmt.Errorf("money: %s must be a JSON string, got %s", quote(key), quote(string(raw)))
	}
	return s, nil
}
