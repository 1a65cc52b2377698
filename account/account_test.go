package account

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"b2x/errs"
	"b2x/qty"
)

func TestEmailKey(t *testing.T) {
	if EmailKey(" Ann@Example.COM ") != "ann@example.com" || EmailKey("ÄNN@example.com") != "änn@example.com" {
		t.Error("emails that differ only in case must share a key")
	}
}

func TestToken(t *testing.T) {
	tok, hash, err := NewToken()
	if err != nil || len(tok) != TokenLength || !WellFormed(tok) {
		t.Fatalf("token %q %v", tok, err)
	}
	if HashToken(tok) != hash || strings.Contains(hash, tok) || len(hash) != 64 {
		t.Error("the stored hash does not match the token")
	}
	if other, _, _ := NewToken(); other == tok {
		t.Error("two tokens are equal")
	}
	for _, bad := range []string{"", "short", tok[:TokenLength-1] + "!", tok + "A"} {
		if WellFormed(bad) {
			t.Errorf("%q passed as a token", bad)
		}
	}
}

func TestSessionLifetime(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tok, s, err := NewSession(Customer, "acc-1", t0)
	if err != nil || s.TokenHash != HashToken(tok) {
		t.Fatal(err)
	}
	idle := Lifetimes[Customer].Idle
	if !s.ExpiresAt.Equal(t0.Add(idle)) || !s.Active(t0.Add(idle-time.Second)) || s.Active(t0.Add(idle)) {
		t.Errorf("expires %v, want idle expiry %v", s.ExpiresAt, t0.Add(idle))
	}
	if s.NeedsTouch(t0.Add(TouchEvery-time.Second)) || !s.NeedsTouch(t0.Add(TouchEvery)) {
		t.Error("a session must be touched at most once per TouchEvery")
	}
	// Seen every day, it still ends at the absolute limit.
	end := t0.Add(Lifetimes[Customer].Absolute)
	for at := t0; at.Before(end.Add(48 * time.Hour)); at = at.Add(24 * time.Hour) {
		if s.Active(at) {
			s.Touch(at)
		}
	}
	if !s.ExpiresAt.Equal(end) || s.Active(end) || !s.End().Equal(end) {
		t.Errorf("expires %v, want the absolute end %v", s.ExpiresAt, end)
	}
	_, st, _ := NewSession(Staff, "u-1", t0)
	if !st.ExpiresAt.Equal(t0.Add(Lifetimes[Staff].Idle)) {
		t.Errorf("staff session expires %v", st.ExpiresAt)
	}
}

func TestAddressKey(t *testing.T) {
	for in, want := range map[string]string{
		"":                          "",
		"192.0.2.7":                 "192.0.2.7",
		"192.0.2.7:51234":           "192.0.2.7",
		"[::ffff:192.0.2.7]:80":     "192.0.2.7",
		"[2001:db8:1:2:3:4:5:6]:80": "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::1":      "2001:db8:1:2::/64",
		"unix-socket":               "unix-socket",
	} {
		if got := AddressKey(in); got != want {
			t.Errorf("AddressKey(%q) = %q, want %q", in, got, want)
		}
	}
	ls := SignInLimits(Customer, "Ann@Example.com", "192.0.2.7:1")
	if len(ls) != 2 || ls[0] != (Limit{"customer:ann@example.com", MaxFailuresPerAccount}) || ls[1] != (Limit{"addr:192.0.2.7", MaxFailuresPerAddress}) {
		t.Errorf("limits %v", ls)
	}
	if ls := SignInLimits(Staff, "a@b.c", ""); len(ls) != 1 || ls[0].Key != "staff:a@b.c" {
		t.Errorf("limits without an address %v", ls)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	if d := RetryAfter(now.Add(-20*time.Second), now); d != 40*time.Second {
		t.Errorf("retry after %v", d)
	}
	if d := RetryAfter(now.Add(-time.Minute), now); d != time.Second {
		t.Errorf("retry after %v, want at least a second", d)
	}
}

func fields(err error) []string {
	e, ok := errs.As(err)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

func TestAddressValidate(t *testing.T) {
	good := Address{Label: " Home ", Name: "Ann Example", Line1: "Main St 1", City: "Graz", Postcode: "8010", Country: " at ", Phone: "+43 316 123456"}
	good.Normalize()
	if err := good.Validate(); err != nil || good.Country != "AT" || good.Label != "Home" {
		t.Fatalf("%+v: %v", good, err)
	}
	uk := good
	uk.Country = "uk"
	uk.Normalize()
	if err := uk.Validate(); err != nil || uk.Country != "GB" {
		t.Errorf("uk normalizes to %q: %v", uk.Country, err)
	}
	for _, tc := range []struct {
		edit func(*Address)
		want []string
	}{
		{func(a *Address) { a.Name, a.Line1, a.City = "", " ", "" }, []string{"name", "line1", "city"}},
		{func(a *Address) { a.Country = "XX" }, []string{"country"}},
		{func(a *Address) { a.Country = "UK" }, []string{"country"}}, // the code is GB; Normalize maps it
		{func(a *Address) { a.Country = "ZZ" }, []string{"country"}},
		{func(a *Address) { a.Country = "EU" }, []string{"country"}},
		{func(a *Address) { a.Postcode = "80$10" }, []string{"postcode"}},
		{func(a *Address) { a.Phone = "call me" }, []string{"phone"}},
		{func(a *Address) { a.Phone = "123" }, []string{"phone"}},
		{func(a *Address) { a.Line2 = "a\nb"; a.Label = strings.Repeat("x", 41) }, []string{"label", "line2"}},
		{func(a *Address) { a.Name = strings.Repeat("я", 201) }, []string{"name"}},
		{func(a *Address) { a.Postcode = "" }, nil},
	} {
		a := good
		tc.edit(&a)
		if got := fields(a.Validate()); !slices.Equal(got, tc.want) {
			t.Errorf("%+v: fields %v, want %v", a, got, tc.want)
		}
	}
}

func TestCheckSource(t *testing.T) {
	for src, ok := range map[string]bool{"signup": true, "": false, "  ": false, strings.Repeat("x", 101): false} {
		var fs errs.Fields
		CheckSource(&fs, "source", src)
		if (fs.Err() == nil) != ok {
			t.Errorf("source %q: %v", src, fs.Err())
		}
	}
}

func TestSetLine(t *testing.T) {
	lines, err := SetLine(nil, "A", qty.Units(2))
	lines, err2 := SetLine(lines, "B", qty.Units(1))
	lines, err3 := SetLine(lines, "A", qty.Units(5))
	if err != nil || err2 != nil || err3 != nil || !slices.Equal(lines, []CartLine{{"A", qty.Units(5)}, {"B", qty.Units(1)}}) {
		t.Fatalf("%v %v %v %v", lines, err, err2, err3)
	}
	if lines, _ = SetLine(lines, "A", 0); !slices.Equal(lines, []CartLine{{"B", qty.Units(1)}}) {
		t.Errorf("removing: %v", lines)
	}
	if _, err := SetLine(lines, "B", -1); !slices.Equal(fields(err), []string{"quantity"}) {
		t.Errorf("negative quantity: %v", err)
	}
	if _, err := SetLine(lines, "B", MaxCartQuantity+1); !slices.Equal(fields(err), []string{"quantity"}) {
		t.Errorf("huge quantity: %v", err)
	}
	full := make([]CartLine, MaxCartLines)
	for i := range full {
		full[i] = CartLine{SKU: "S" + strconv.Itoa(i), Quantity: qty.Units(1)}
	}
	if _, err := SetLine(full, "NEW", qty.Units(1)); !slices.Equal(fields(err), []string{"sku"}) {
		t.Errorf("line %d: %v", MaxCartLines+1, err)
	}
	if got, err := SetLine(full, "S0", qty.Units(3)); err != nil || got[0].Quantity != qty.Units(3) {
		t.Errorf("a full cart's line must still change: %v", err)
	}
}

func TestMergeLines(t *testing.T) {
	person := []CartLine{{"A", qty.Units(2)}, {"B", MaxCartQuantity - qty.Units(1)}}
	guest := []CartLine{{"C", qty.Units(1)}, {"A", qty.Units(3)}, {"B", qty.Units(5)}}
	merged, dropped := MergeLines(person, guest)
	want := []CartLine{{"A", qty.Units(5)}, {"B", MaxCartQuantity}, {"C", qty.Units(1)}}
	if !slices.Equal(merged, want) || dropped != nil {
		t.Errorf("merged %v dropped %v, want %v", merged, dropped, want)
	}
	if person[0].Quantity != qty.Units(2) {
		t.Error("merge changed its input")
	}
	full := make([]CartLine, MaxCartLines)
	for i := range full {
		full[i] = CartLine{SKU: "S" + strconv.Itoa(i), Quantity: qty.Units(1)}
	}
	merged, dropped = MergeLines(full, []CartLine{{"S1", qty.Units(1)}, {"X", qty.Units(1)}, {"Y", qty.Units(1)}})
	if len(merged) != MaxCartLines || merged[1].Quantity != qty.Units(2) || !slices.Equal(dropped, []string{"X", "Y"}) {
		t.Errorf("full merge: %d lines, dropped %v", len(merged), dropped)
	}
}
