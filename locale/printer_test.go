package locale

import (
	"html/template"
	"strings"
	"testing"
)

func printer(t *testing.T, code string) *Printer {
	t.Helper()
	l, ok := Get(code)
	if !ok {
		t.Fatalf("no locale %s", code)
	}
	return NewPrinter(l, func(code, key string) { t.Errorf("%s: missing key %q", code, key) })
}

func TestT(t *testing.T) {
	tests := []struct{ code, key, want string }{
		{"en", "cart.add", "Add to cart"},
		{"ru", "cart.add", "В корзину"},
		{"fa", "cart.add", "افزودن به سبد خرید"},
		{"ru", "order.status.placed", "Оформлен"},
		{"fa", "product.out_of_stock", "ناموجود"},
	}
	for _, tt := range tests {
		if got := printer(t, tt.code).T(tt.key); got != tt.want {
			t.Errorf("%s T(%q) = %q, want %q", tt.code, tt.key, got, tt.want)
		}
	}
}

func TestTPlaceholders(t *testing.T) {
	ru := printer(t, "ru")
	if got, want := ru.T("error.insufficient_stock", "sku", "AB-1", "available", ru.Number(3)), "AB-1: в наличии только 3"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// Not escaped: that is the template's job.
	en := printer(t, "en")
	if got, want := en.T("search.no_results", "query", "<b>"), "Nothing found for “<b>”"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// Missing values, odd args and non-string names leave the placeholder.
	if got, want := en.T("footer.copyright", "year", 2026, 7), "© 2026 {company}"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := en.T("product.sku", 1, "x"), "SKU: {sku}"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPlural(t *testing.T) {
	tests := []struct {
		code  string
		count int
		want  string
	}{
		{"en", 0, "0 items"},
		{"en", 1, "1 item"},
		{"en", 2, "2 items"},
		{"en", 1234, "1,234 items"},
		{"ru", 0, "0 товаров"},
		{"ru", 1, "1 товар"},
		{"ru", 2, "2 товара"},
		{"ru", 4, "4 товара"},
		{"ru", 5, "5 товаров"},
		{"ru", 11, "11 товаров"},
		{"ru", 12, "12 товаров"},
		{"ru", 14, "14 товаров"},
		{"ru", 20, "20 товаров"},
		{"ru", 21, "21 товар"},
		{"ru", 22, "22 товара"},
		{"ru", 24, "24 товара"},
		{"ru", 25, "25 товаров"},
		{"ru", 101, "101 товар"},
		{"ru", 111, "111 товаров"},
		{"ru", 1001, "1\u00a0001 товар"},
		{"ru", -1, "-1 товар"},
		{"fa", 0, "۰ کالا"},
		{"fa", 1, "۱ کالا"},
		{"fa", 5, "۵ کالا"},
		{"fa", 1234, "۱٬۲۳۴ کالا"},
	}
	for _, tt := range tests {
		if got := printer(t, tt.code).Plural("cart.items", tt.count); got != tt.want {
			t.Errorf("%s Plural(cart.items, %d) = %q, want %q", tt.code, tt.count, got, tt.want)
		}
	}
	ru := printer(t, "ru")
	if got, want := ru.Plural("product.low_stock", 21), "Осталась 21 штука"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := ru.Plural("quote.expires_in", 3), "Истекает через 3 дня"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	// An explicit count argument does not override the locale's {count}.
	if got, want := ru.Plural("cart.items", 5, "count", "x"), "5 товаров"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPluralCategoryRu(t *testing.T) {
	tests := map[string]string{
		"0": "many", "1": "one", "2": "few", "3": "few", "4": "few", "5": "many",
		"11": "many", "12": "many", "13": "many", "14": "many", "19": "many", "20": "many",
		"21": "one", "22": "few", "24": "few", "25": "many", "101": "one", "111": "many",
		"112": "many", "1000001": "one", "12345678901234567890021": "one",
		"1.5": "other", "0.1": "other", "2.50": "other", "1.0": "other",
	}
	ru, _ := Get("ru")
	for q, want := range tests {
		if got := pluralCategory(ru.Tag, q); got != want {
			t.Errorf("ru %s: %s, want %s", q, got, want)
		}
	}
}

func TestPluralCategoryEnFa(t *testing.T) {
	tests := []struct{ code, q, want string }{
		{"en", "1", "one"}, {"en", "0", "other"}, {"en", "1.0", "other"}, {"en", "21", "other"},
		{"en", "1000001", "other"},
		{"fa", "0", "one"}, {"fa", "1", "one"}, {"fa", "0.5", "one"}, {"fa", "1.00", "one"},
		{"fa", "1.5", "other"}, {"fa", "2", "other"}, {"fa", "1.10000000", "other"},
		{"ru", "1000000", "many"}, {"ru", "10000001", "one"}, {"ru", "100000011", "many"},
		{"ru", "x", "other"},
	}
	for _, tt := range tests {
		l, _ := Get(tt.code)
		if got := pluralCategory(l.Tag, tt.q); got != tt.want {
			t.Errorf("%s %s: %s, want %s", tt.code, tt.q, got, tt.want)
		}
	}
}

func TestPluralDecimal(t *testing.T) {
	ru := printer(t, "ru")
	if got, want := ru.PluralDecimal("cart.items", "2.5"), "2,5 товара"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	en := printer(t, "en")
	if got, want := en.PluralDecimal("cart.items", "1.5"), "1.5 items"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMissingKey(t *testing.T) {
	var got []string
	l, _ := Get("fa")
	p := NewPrinter(l, func(code, key string) { got = append(got, code+":"+key) })
	if s := p.T("no.such.key"); s != "⟦no.such.key⟧" {
		t.Errorf("T = %q", s)
	}
	if s := p.T("cart.items"); s != "⟦cart.items⟧" { // a plural key through T
		t.Errorf("T(plural) = %q", s)
	}
	if s := p.Plural("cart.add", 2); s != "⟦cart.add⟧" { // a plain key through Plural
		t.Errorf("Plural(plain) = %q", s)
	}
	if s := p.Plural("nope", 1); s != "⟦nope⟧" {
		t.Errorf("Plural = %q", s)
	}
	want := []string{"fa:no.such.key", "fa:cart.items", "fa:cart.add", "fa:nope"}
	if len(got) != len(want) {
		t.Fatalf("reported %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("reported %v, want %v", got, want)
		}
	}
	// No callback: still the marker, no panic.
	if s := NewPrinter(l, nil).T("x"); s != "⟦x⟧" {
		t.Errorf("T = %q", s)
	}
}

func TestNewPrinterUnknownLocale(t *testing.T) {
	p := NewPrinter(Locale{Code: "de"}, nil)
	if p.Locale().Code != "en" || p.T("nav.home") != "Home" {
		t.Errorf("unknown locale: %+v %q", p.Locale(), p.T("nav.home"))
	}
}

func TestFuncsInTemplate(t *testing.T) {
	p := printer(t, "ru")
	tmpl := template.Must(template.New("").Funcs(p.Funcs()).Parse(
		`{{t "search.no_results" "query" .Q}} | {{plural "cart.items" .N}} | {{number 1234}}`))
	var b strings.Builder
	if err := tmpl.Execute(&b, map[string]any{"Q": "<x>", "N": 22}); err != nil {
		t.Fatal(err)
	}
	// The template escapes; T does not.
	if got, want := b.String(), "По запросу «&lt;x&gt;» ничего не найдено | 22 товара | 1\u00a0234"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
