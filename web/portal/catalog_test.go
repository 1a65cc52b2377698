package portal_test

import (
	"net/http"
	"strings"
	"testing"

	"b2x/store"
	"b2x/store/storetest"
)

func TestCatalogShowsTheCompanysPricesEscaped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		status, body, _ := f.signedIn(f.tech).get("/portal/")
		if status != http.StatusOK {
			t.Fatalf("catalog: %d", status)
		}
		for _, want := range []string{"Clinker brick &lt;b&gt;red&lt;/b&gt;", "€0.90", "5,000", "NF 240×115×71", "Delivery to site"} {
			if !strings.Contains(body, want) {
				t.Errorf("catalog lacks %q", want)
			}
		}
		if strings.Contains(body, "<b>red</b>") {
			t.Error("a product name is not escaped")
		}
	})
}
