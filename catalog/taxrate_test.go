package catalog

import "testing"

func TestTaxRate(t *testing.T) {
	for bp, want := range map[int]string{0: "0", 2000: "20", 950: "9.5", 725: "7.25", 10000: "100", 5: "0.05"} {
		if got := FormatTaxRate(bp); got != want {
			t.Errorf("FormatTaxRate(%d) = %q, want %q", bp, got, want)
		}
		if back, err := ParseTaxRate(want); err != nil || back != bp {
			t.Errorf("ParseTaxRate(%q) = %d, %v", want, back, err)
		}
	}
	if bp, err := ParseTaxRate(" 20% "); err != nil || bp != 2000 {
		t.Errorf("with a percent sign: %d %v", bp, err)
	}
	for _, bad := range []string{"", "-1", "100.01", "120", "7.255", "1e2", "NaN", ".5", "5.", "twenty", "0x10"} {
		if _, err := ParseTaxRate(bad); err == nil {
			t.Errorf("ParseTaxRate(%q) accepted", bad)
		}
	}
}
