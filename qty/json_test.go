package qty

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestMarshalJSON(t *testing.T) {
	tests := []struct {
		q    Quantity
		want string
	}{
		{Units(10), "10"},
		{2500, "2.5"},
		{-125, "-0.125"},
		{0, "0"},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.q)
		if err != nil || string(b) != tt.want {
			t.Errorf("json.Marshal(%d) = %s, %v; want %s", int64(tt.q), b, err, tt.want)
		}
	}
}

func TestUnmarshalJSON(t *testing.T) {
	good := []struct {
		in   string
		want Quantity
	}{
		{`10`, Units(10)},
		{`2.5`, 2500},
		{`-0.125`, -125},
		{`0`, 0},
		{` 7 `, Units(7)}, // whitespace around the value is JSON's business
	}
	for _, tt := range good {
		var q Quantity
		if err := json.Unmarshal([]byte(tt.in), &q); err != nil || q != tt.want {
			t.Errorf("json.Unmarshal(%s) = %d, %v; want %d", tt.in, q, err, tt.want)
		}
	}

	bad := []struct {
		in      string
		errPart string
	}{
		{`"10"`, "expected a JSON number"},
		{`null`, "expected a JSON number"},
		{`true`, "expected a JSON number"},
		{`[1]`, "expected a JSON number"},
		{`1e12`, "not a decimal number"},
		{`1E3`, "not a decimal number"},
		{`1e-3`, "not a decimal number"},
		{`0.0001`, "at most 3"},
		{`1000000001`, "out of range"},
	}
	for _, tt := range bad {
		q := Quantity(42)
		err := json.Unmarshal([]byte(tt.in), &q)
		if err == nil || !strings.Contains(err.Error(), tt.errPart) {
			t.Errorf("json.Unmarshal(%s) error = %v, want it to mention %q", tt.in, err, tt.errPart)
		}
		if q != 42 {
			t.Errorf("json.Unmarshal(%s) changed the target to %d on error", tt.in, q)
		}
	}
}

func TestJSONInStruct(t *testing.T) {
	type line struct {
		Qty Quantity `json:"qty"`
	}
	var l line
	if err := json.Unmarshal([]byte(`{"qty":1.25}`), &l); err != nil || l.Qty != 1250 {
		t.Fatalf("got %d, %v", l.Qty, err)
	}
	b, err := json.Marshal(l)
	if err != nil || string(b) != `{"qty":1.25}` {
		t.Fatalf("got %s, %v", b, err)
	}
	if err := json.Unmarshal([]byte(`{"qty":null}`), &l); err == nil {
		t.Fatalf("null should be rejected")
	}
}
