package money

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestMarshalJSON(t *testing.T) {
	tests := []struct {
		a    Amount
		want string
	}{
		{MustNew(1250, "EUR"), `{"amount":"12.50","currency":"EUR"}`},
		{MustNew(-5, "EUR"), `{"amount":"-0.05","currency":"EUR"}`},
		{MustNew(1500, "JPY"), `{"amount":"1500","currency":"JPY"}`},
		{Zero("BHD"), `{"amount":"0.000","currency":"BHD"}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.a)
		if err != nil || string(b) != tt.want {
			t.Errorf("json.Marshal(%+v) = %s, %v; want %s", tt.a, b, err, tt.want)
		}
	}
	for _, a := range []Amount{{}, {Minor: 1, Currency: "XYZ"}} {
		if b, err := json.Marshal(a); err == nil {
			t.Errorf("json.Marshal(%+v) = %s, want error", a, b)
		}
	}
}

func TestUnmarshalJSON(t *testing.T) {
	good := []struct {
		in   string
		want Amount
	}{
		{`{"amount":"12.50","currency":"EUR"}`, MustNew(1250, "EUR")},
		{`{"currency":"EUR","amount":"-3.1"}`, MustNew(-310, "EUR")},
		{` { "amount" : "1500" , "currency" : "JPY" } `, MustNew(1500, "JPY")},
		{`{"amount":"\u0031","currency":"EUR"}`, MustNew(100, "EUR")}, // JSON escapes are JSON's business
	}
	for _, tt := range good {
		var a Amount
		if err := json.Unmarshal([]byte(tt.in), &a); err != nil || a != tt.want {
			t.Errorf("json.Unmarshal(%s) = %+v, %v; want %+v", tt.in, a, err, tt.want)
		}
	}

	bad := []struct {
		in, errPart string
	}{
		{`null`, "expected an object"},
		{`"12.50"`, "expected an object"},
		{`12.5`, "expected an object"},
		{`[]`, "expected an object"},
		{`{"amount":12.50,"currency":"EUR"}`, `"amount" must be a JSON string`},
		{`{"amount":null,"currency":"EUR"}`, `"amount" must be a JSON string`},
		{`{"amount":"12.50","currency":null}`, `"currency" must be a JSON string`},
		{`{"amount":"12.50","currency":978}`, `"currency" must be a JSON string`},
		{`{"amount":"12.50"}`, `missing "currency"`},
		{`{"currency":"EUR"}`, `missing "amount"`},
		{`{}`, `missing`},
		{`{"amount":"12.50","currency":"EUR","note":"x"}`, `unknown field "note"`},
		{`{"Amount":"12.50","currency":"EUR"}`, `unknown field "Amount"`},
		{`{"amount":"12.50","currency":"eur"}`, "unknown currency"},
		{`{"amount":"12.50","currency":"XYZ"}`, "unknown currency"},
		{`{"amount":"12.50","currency":""}`, "unknown currency"},
		{`{"amount":"12.505","currency":"EUR"}`, "EUR has at most 2 decimal places"},
		{`{"amount":"1.5","currency":"JPY"}`, "JPY has no decimal places"},
		{`{"amount":"1e3","currency":"EUR"}`, "not a decimal number"},
		{`{"amount":"NaN","currency":"EUR"}`, "not a decimal number"},
		{`{"amount":"","currency":"EUR"}`, "not a decimal number"},
		{`{"amount":" 12.50","currency":"EUR"}`, "not a decimal number"},
		{`{"amount":"€12.50","currency":"EUR"}`, "not a decimal number"},
		{`{"amount":"9223372036854775807","currency":"EUR"}`, "out of range"},
	}
	for _, tt := range bad {
		a := MustNew(42, "USD")
		err := json.Unmarshal([]byte(tt.in), &a)
		if err == nil || !strings.Contains(err.Error(), tt.errPart) {
			t.Errorf("json.Unmarshal(%s) error = %v, want it to mention %q", tt.in, err, tt.errPart)
		}
		if a != MustNew(42, "USD") {
			t.Errorf("json.Unmarshal(%s) changed the target to %+v on error", tt.in, a)
		}
	}
}

func TestJSONRoundTripInStruct(t *testing.T) {
	type line struct {
		Price Amount  `json:"price"`
		Tax   *Amount `json:"tax"`
	}
	in := line{Price: MustNew(1999, "EUR")}
	b, err := json.Marshal(in)
	if err != nil || string(b) != `{"price":{"amount":"19.99","currency":"EUR"},"tax":null}` {
		t.Fatalf("json.Marshal = %s, %v", b, err)
	}
	var out line
	if err := json.Unmarshal(b, &out); err != nil || out.Price != in.Price || out.Tax != nil {
		t.Fatalf("json.Unmarshal = %+v, %v", out, err)
	}
	if err := json.Unmarshal([]byte(`{"price":null}`), &out); err == nil {
		t.Fatal("a null non-pointer Amount should be rejected")
	}
}
