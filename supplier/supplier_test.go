package supplier

import "testing"

func TestFromEnv(t *testing.T) {
	env := map[string]string{"B2X_SUPPLIER_NAME": "ООО Кирпич", "B2X_SUPPLIER_ADDRESS": `ул. Ленина 1\nМосква|Россия`,
		"B2X_SUPPLIER_VAT_ID": "  ", "B2X_SUPPLIER_IBAN": "RU00 0000"}
	d := FromEnv(func(k string) string { return env[k] })
	demo := Demo()
	if d.Name != "ООО Кирпич" || d.Address != "ул. Ленина 1\nМосква\nРоссия" || d.VATID != demo.VATID ||
		d.IBAN != "RU00 0000" || d.Email != demo.Email {
		t.Errorf("details %+v", d)
	}
	if got := FromEnv(func(string) string { return "" }); got != demo {
		t.Errorf("no variables: %+v, want the demo company", got)
	}
	if len(Variables) != 8 {
		t.Errorf("%d variables", len(Variables))
	}
}
