package locale

import "testing"

func TestFill(t *testing.T) {
	for _, c := range []struct {
		s    string
		args []any
		want string
	}{
		{"{count} items in {place}", []any{"count", 3, "place", "Graz"}, "3 items in Graz"},
		{"{a}{a} {b}", []any{"a", "x"}, "xx {b}"},
		{"no placeholders", []any{"a", "x"}, "no placeholders"},
		{"open { only", []any{"a", "x"}, "open { only"},
		{"{a} and }{", []any{"a", "<x>"}, "<x> and }{"},
		{"{a}", nil, "{a}"},
	} {
		if got := fill(c.s, c.args); got != c.want {
			t.Errorf("fill(%q, %v) = %q, want %q", c.s, c.args, got, c.want)
		}
	}
}
