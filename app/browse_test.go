package app_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/inventory"
	"b2x/money"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
	"b2x/search"
	"b2x/store"
	"b2x/store/storetest"
)

// shopItem describes a product of the browsing fixture.
type shopItem struct {
	sku, name, brand, category, variantOf, description string
	specs, attrs                                       []catalog.Spec
	price                                              int64 // b2c, EUR cents; 0: none
	stock                                              int64
	channels                                           catalog.Channels
	status                                             catalog.Status
}

func spec(kv ...string) []catalog.Spec {
	var out []catalog.Spec
	for i := 0; i < len(kv); i += 2 {
		out = append(out, catalog.Spec{Key: kv[i], Value: kv[i+1]})
	}
	return out
}

// shopCatalog is created in this order, one second apart, so "newest" is the
// reverse of it.
var shopCatalog = []shopItem{
	{sku: "BRK-RED", name: "Red facing brick", brand: "Wienerberger", category: "bricks", specs: spec("Colour", "red", "Format", "NF"), price: 120, stock: 500},
	{sku: "BRK-KRP", name: "Кирпич облицовочный красный", brand: "Керамейя", category: "bricks", specs: spec("Colour", "red", "Format", "1.4NF"), price: 90},
	{sku: "BRK-WHT", name: "White silicate brick", brand: "Wienerberger", category: "bricks", specs: spec("Colour", "white", "Format", "NF"), price: 100, stock: 20},
	{sku: "BRK-B2B", name: "Industrial brick pallet", brand: "Wienerberger", category: "bricks", price: 5000, stock: 10, channels: catalog.Channels{catalog.B2B}},
	{sku: "BRK-DRAFT", name: "Draft brick", brand: "Wienerberger", category: "bricks", price: 50, stock: 10, status: catalog.Draft},
	{sku: "DRL-100", name: "Ударная дрель PSB 500", brand: "Bosch", category: "drills", specs: spec("Power", "500 W"), price: 5000, stock: 3,
		description: "Drilling in concrete and masonry."},
	{sku: "DRL-200", name: "Cordless drills set", brand: "Makita", category: "drills", specs: spec("Power", "18 V"), price: 9000},
	{sku: "CASE-1", name: "Case for DRL-100 drill: DRL-100, DRL-100", brand: "Bosch", category: "tools", price: 1500, stock: 5},
	{sku: "TSH", name: "Work T-shirt", brand: "Dickies", category: "workwear", specs: spec("Material", "cotton")},
	{sku: "TSH-M-RED", name: "Work T-shirt M red", variantOf: "TSH", attrs: spec("Size", "M", "Colour", "red"), price: 1500, stock: 4},
	{sku: "TSH-L-RED", name: "Work T-shirt L red", variantOf: "TSH", attrs: spec("Size", "L", "Colour", "red"), price: 1500},
	{sku: "TSH-L-BLU", name: "Work T-shirt L blue", variantOf: "TSH", attrs: spec("Size", "L", "Colour", "blue"), price: 1700, stock: 2},
}

type shopFixture struct {
	*fixture
	clock atomic.Int64 // seconds after start
	start time.Time
}

func (s *shopFixture) now() time.Time {
	return s.start.Add(time.Duration(s.clock.Add(1)) * time.Second)
}

func newShop(t *testing.T, db *store.DB) *shopFixture {
	t.Helper()
	s := &shopFixture{start: time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)}
	ctx := context.Background()
	s.fixture = &fixture{t: t, ctx: ctx, app: app.New(db, app.WithClock(s.now)), db: db}
	f := s.fixture
	f.must(f.app.UpsertWarehouse(ctx, staffActor, inventory.Warehouse{Code: "MAIN", Name: "Main"}))
	f.must(f.app.UpsertWarehouse(ctx, staffActor, inventory.Warehouse{Code: "NORTH", Name: "North"}))
	for _, c := range []catalog.Category{{Slug: "bricks", Name: "Bricks"}, {Slug: "tools", Name: "Tools"},
		{Slug: "drills", Name: "Drills", Parent: "tools"}, {Slug: "workwear", Name: "Workwear"}} {
		f.must(f.app.UpsertCategory(ctx, staffActor, c))
	}
	for _, it := range shopCatalog {
		s.add(it)
	}
	return s
}

func (s *shopFixture) add(it shopItem) {
	s.t.Helper()
	p := catalog.Product{SKU: it.sku, Name: it.name, Brand: it.brand, Category: it.category, VariantOf: it.variantOf,
		VariantAttrs: it.attrs, Specs: it.specs, Description: it.description, Kind: catalog.Goods, Unit: "pcs",
		Channels: it.channels, Status: it.status, TaxRateBP: 2000}
	if p.Channels == nil {
		p.Channels = catalog.Channels{catalog.B2C, catalog.B2B}
	}
	prices := map[catalog.Channel]money.Amount{}
	if it.price > 0 {
		prices[catalog.B2C] = money.MustNew(it.price, "EUR")
	}
	_, err := s.app.CreateProduct(s.ctx, staffActor, app.NewProduct{Product: p, Prices: prices})
	s.must(err)
	// Stock in two warehouses, to see it summed.
	if it.stock > 0 {
		_, err := s.app.RecordMovement(s.ctx, staffActor, app.MovementInput{SKU: it.sku, Warehouse: "MAIN", Kind: inventory.Receipt, Quantity: qty.Units(it.stock - it.stock/2)})
		s.must(err)
		if it.stock/2 > 0 {
			_, err = s.app.RecordMovement(s.ctx, staffActor, app.MovementInput{SKU: it.sku, Warehouse: "NORTH", Kind: inventory.Receipt, Quantity: qty.Units(it.stock / 2)})
			s.must(err)
		}
	}
}

func (s *shopFixture) browse(actor app.Actor, q app.BrowseQuery) app.BrowseResult {
	s.t.Helper()
	res, err := s.app.Browse(s.ctx, actor, q)
	if err != nil {
		s.t.Fatalf("Browse(%+v): %v", q, err)
	}
	return res
}

// listed is the SKUs a result lists, in order.
func listed(items []app.BrowseItem) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, it.Product.SKU)
	}
	return out
}

func (s *shopFixture) want(q app.BrowseQuery, want ...string) app.BrowseResult {
	s.t.Helper()
	res := s.browse(app.Actor{}, q)
	if got := listed(res.Items); !slices.Equal(got, want) {
		s.t.Fatalf("%+v lists %q, want %q", q, got, want)
	}
	if res.Total != len(want) && q.PerPage == 0 {
		s.t.Errorf("%+v: total %d, want %d", q, res.Total, len(want))
	}
	return res
}

// found returns the SKUs a search lists, in SKU order, to compare sets.
func (s *shopFixture) found(text string) []string {
	s.t.Helper()
	got := listed(s.browse(app.Actor{}, app.BrowseQuery{Text: text, PerPage: app.MaxPerPage}).Items)
	slices.Sort(got)
	return got
}

func TestBrowseSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newShop(t, db)
		tests := []struct {
			text string
			want []string
		}{
			{"bricks", []string{"BRK-RED", "BRK-WHT"}},          // English stemming: brick ← bricks
			{"кирпичи", []string{"BRK-KRP"}},                    // Russian stemming: кирпич ← кирпичи
			{"красные кирпичи", []string{"BRK-KRP"}},            // every word must match
			{"drill", []string{"CASE-1", "DRL-100", "DRL-200"}}, // "drills", "drill" and "Drilling" in a description
			{"дрел", []string{"DRL-100"}},                       // prefix of дрель
			{"кирп", []string{"BRK-KRP"}},
			{"dril", []string{"CASE-1", "DRL-100", "DRL-200"}},
			{"BOSCH", []string{"CASE-1", "DRL-100"}},           // brand, any case
			{"500 W", []string{"DRL-100"}},                     // specifications
			{"masonry", []string{"DRL-100"}},                   // description
			{"drl-200", []string{"DRL-200"}},                   // SKU
			{"brk", []string{"BRK-KRP", "BRK-RED", "BRK-WHT"}}, // SKU prefix; not the b2b-only or draft bricks
			{"ЁЛКА", []string{}},                               // nothing
			{"brick for walls", []string{}},                    // "for" is dropped, "walls" is not there
			{"bricks for", []string{"BRK-RED", "BRK-WHT"}},     // "for" is dropped
			{"t-shirt blue", []string{"TSH"}},                  // a variant's words list its family
			{"tsh-l-blu", []string{"TSH-L-BLU"}},               // a variant's own SKU lists the variant
			{`"red" brick*`, []string{"BRK-RED"}},              // FTS syntax is only separators
			{`NEAR(red brick)`, []string{}},                    // NEAR is a word like any other, found nowhere
			{`red:* & brick | !x`, []string{}},                 // "x" does not match as a whole word
			{`red:* & brick | !(`, []string{"BRK-RED"}},
			{`brick AND OR NOT`, []string{"BRK-RED", "BRK-WHT"}}, // stop words dropped
			{`"((*:^-+`, []string{}},                             // no word: nothing
		}
		for _, tt := range tests {
			if got := s.found(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("search %q found %q, want %q", tt.text, got, tt.want)
			}
		}

		// Blank text is no search at all: every listed b2c item.
		all := s.browse(app.Actor{}, app.BrowseQuery{Text: "  \t "})
		if all.Total != 7 || all.Sort != search.Newest {
			t.Errorf("blank text: total %d sort %s, want 7 newest", all.Total, all.Sort)
		}

		// An exact SKU comes first, though another product names it three times.
		res := s.browse(app.Actor{}, app.BrowseQuery{Text: "DRL-100"})
		if got := listed(res.Items); len(got) != 2 || got[0] != "DRL-100" || res.Sort != search.Relevance {
			t.Errorf("DRL-100 lists %q (%s), want DRL-100 first", got, res.Sort)
		}
		// Without it, the product naming it more often ranks higher.
		res = s.browse(app.Actor{}, app.BrowseQuery{Text: "DRL 100"})
		if got := listed(res.Items); len(got) != 2 || got[0] != "CASE-1" {
			t.Errorf("DRL 100 lists %q, want CASE-1 first", got)
		}
	})
}

func TestBrowseFiltersFacetsSortAndPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newShop(t, db)
		eur := func(c int64) *money.Amount { a := money.MustNew(c, "EUR"); return &a }

		// Categories include their sub-categories; newest first by default.
		s.want(app.BrowseQuery{Category: "tools"}, "CASE-1", "DRL-200", "DRL-100")
		s.want(app.BrowseQuery{Category: "drills"}, "DRL-200", "DRL-100")
		s.want(app.BrowseQuery{Category: "bricks", Sort: search.PriceAsc}, "BRK-KRP", "BRK-WHT", "BRK-RED")
		s.want(app.BrowseQuery{Category: "bricks", Sort: search.PriceDesc}, "BRK-RED", "BRK-WHT", "BRK-KRP")
		s.want(app.BrowseQuery{Category: "bricks", Sort: search.Name}, "BRK-RED", "BRK-WHT", "BRK-KRP")
		// Relevance without text orders as newest.
		s.want(app.BrowseQuery{Category: "bricks", Sort: search.Relevance}, "BRK-WHT", "BRK-KRP", "BRK-RED")

		// Brands, prices, in stock.
		s.want(app.BrowseQuery{Brands: []string{"Bosch", "Makita"}, Sort: search.Name}, "CASE-1", "DRL-200", "DRL-100")
		s.want(app.BrowseQuery{MinPrice: eur(100), MaxPrice: eur(1500), Sort: search.PriceAsc}, "BRK-WHT", "BRK-RED", "CASE-1", "TSH")
		s.want(app.BrowseQuery{Category: "drills", InStock: true}, "DRL-100")
		s.want(app.BrowseQuery{Category: "bricks", InStock: true, Sort: search.PriceAsc}, "BRK-WHT", "BRK-RED")

		// Attributes: OR within a key, AND across keys.
		s.want(app.BrowseQuery{Category: "bricks", Attrs: map[string][]string{"Format": {"NF", "1.4NF"}}, Sort: search.PriceAsc},
			"BRK-KRP", "BRK-WHT", "BRK-RED")
		s.want(app.BrowseQuery{Category: "bricks", Attrs: map[string][]string{"Format": {"NF"}, "Colour": {"red"}}}, "BRK-RED")

		// Facets: each without its own filter.
		res := s.want(app.BrowseQuery{Category: "tools", Brands: []string{"Makita"}}, "DRL-200")
		wantCounts(t, "brands", res.Facets.Brands, "Bosch", 2, "Makita", 1)
		if len(res.Facets.Attrs) != 1 || res.Facets.Attrs[0].Key != "Power" {
			t.Fatalf("attr facets %+v", res.Facets.Attrs)
		}
		wantCounts(t, "Power", res.Facets.Attrs[0].Values, "18 V", 1)
		if res.Facets.MinPrice != *eur(9000) || res.Facets.MaxPrice != *eur(9000) {
			t.Errorf("price range %v–%v", res.Facets.MinPrice, res.Facets.MaxPrice)
		}
		res = s.want(app.BrowseQuery{Category: "bricks", Attrs: map[string][]string{"Format": {"NF"}}, MaxPrice: eur(110)}, "BRK-WHT")
		facet := func(key string) []search.Count {
			for _, f := range res.Facets.Attrs {
				if f.Key == key {
					return f.Values
				}
			}
			return nil
		}
		wantCounts(t, "Format", facet("Format"), "1.4NF", 1, "NF", 1) // without the Format filter, within the price
		wantCounts(t, "Colour", facet("Colour"), "white", 1)
		wantCounts(t, "brands", res.Facets.Brands, "Wienerberger", 1)
		if res.Facets.MinPrice != *eur(100) || res.Facets.MaxPrice != *eur(120) { // without the price bound
			t.Errorf("price range %v–%v, want 1.00–1.20", res.Facets.MinPrice, res.Facets.MaxPrice)
		}

		// Pages: the same order, no item twice, the same total.
		var paged []string
		for page := 1; page <= 3; page++ {
			res := s.browse(app.Actor{}, app.BrowseQuery{Sort: search.PriceAsc, Page: page, PerPage: 3})
			if res.Total != 7 || res.Pages() != 3 {
				t.Errorf("page %d: total %d, pages %d", page, res.Total, res.Pages())
			}
			paged = append(paged, listed(res.Items)...)
		}
		whole := listed(s.browse(app.Actor{}, app.BrowseQuery{Sort: search.PriceAsc}).Items)
		if !slices.Equal(paged, whole) || len(whole) != 7 {
			t.Errorf("pages %q, whole %q", paged, whole)
		}
		past := s.browse(app.Actor{}, app.BrowseQuery{Page: 5, PerPage: 3})
		if len(past.Items) != 0 || past.Total != 7 {
			t.Errorf("past the end: %d items, total %d", len(past.Items), past.Total)
		}
	})
}

func wantCounts(t *testing.T, what string, got []search.Count, want ...any) {
	t.Helper()
	var w []search.Count
	for i := 0; i < len(want); i += 2 {
		w = append(w, search.Count{Value: want[i].(string), Count: want[i+1].(int)})
	}
	if !slices.Equal(got, w) {
		t.Errorf("%s facet %v, want %v", what, got, w)
	}
}

func TestBrowseVariants(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newShop(t, db)
		// A family is listed once, under its parent, from its lowest price, with its
		// stock summed.
		res := s.want(app.BrowseQuery{Category: "workwear"}, "TSH")
		it := res.Items[0]
		if !slices.Equal(it.SKUs, []string{"TSH-L-BLU", "TSH-L-RED", "TSH-M-RED"}) || !it.From ||
			it.Price != money.MustNew(1500, "EUR") || it.Available != qty.Units(6) || !it.InStock || !it.TaxIncluded {
			t.Errorf("family item %+v", it)
		}
		// Variants inherit the parent's category and specifications.
		s.want(app.BrowseQuery{Attrs: map[string][]string{"Material": {"cotton"}}}, "TSH")
		// A variant attribute lists the variants themselves.
		s.want(app.BrowseQuery{Category: "workwear", Attrs: map[string][]string{"Size": {"L"}}, Sort: search.PriceAsc}, "TSH-L-RED", "TSH-L-BLU")
		res = s.want(app.BrowseQuery{Attrs: map[string][]string{"Size": {"L"}, "Material": {"cotton"}}, InStock: true}, "TSH-L-BLU")
		if it := res.Items[0]; it.From || it.Price != money.MustNew(1700, "EUR") || it.Available != qty.Units(2) {
			t.Errorf("variant item %+v", it)
		}
		res = s.want(app.BrowseQuery{Category: "workwear", Attrs: map[string][]string{"Colour": {"red"}}}, "TSH-L-RED", "TSH-M-RED")
		for _, f := range res.Facets.Attrs {
			if f.Key == "Size" {
				wantCounts(t, "Size", f.Values, "L", 1, "M", 1)
			}
			if f.Key == "Colour" {
				wantCounts(t, "Colour", f.Values, "red", 2, "blue", 1)
			}
		}
	})
}

func TestBrowseChannelsAndPrices(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newShop(t, db)
		// The public and signed-in consumers see active b2c products only.
		s.want(app.BrowseQuery{Category: "bricks", Sort: search.Name}, "BRK-RED", "BRK-WHT", "BRK-KRP")

		// A trade customer sees the trade group's price, with the base price as "was".
		person, err := s.app.CreatePerson(s.ctx, staffActor, party.Person{Name: "Tom Builder", Trade: true})
		s.must(err)
		_, err = s.app.CreatePriceList(s.ctx, staffActor, pricingList("Trade", "", "trade", "BRK-RED", 80))
		s.must(err)
		res := s.browse(app.Actor{PersonID: person.ID}, app.BrowseQuery{Category: "bricks", Sort: search.Name})
		if len(res.Items) < 2 {
			t.Fatalf("trade customer lists %q", listed(res.Items))
		}
		red := res.Items[0]
		if red.Product.SKU != "BRK-RED" || red.Price != money.MustNew(96, "EUR") || red.Was == nil || *red.Was != money.MustNew(120, "EUR") {
			t.Errorf("trade price of BRK-RED: %+v (was %v)", red, red.Was)
		}
		if white := res.Items[1]; white.Price != money.MustNew(100, "EUR") || white.Was != nil {
			t.Errorf("BRK-WHT has no trade price: %+v", white)
		}
		// The public is not a trade customer, even right after (nothing is cached per person).
		if pub := s.want(app.BrowseQuery{Category: "bricks", Sort: search.Name}, "BRK-RED", "BRK-WHT", "BRK-KRP"); pub.Items[0].Price != money.MustNew(120, "EUR") || pub.Items[0].Was != nil {
			t.Errorf("public price of BRK-RED: %+v", pub.Items[0])
		}

		// A buyer browses the b2b catalog, net prices, with the organization's own list.
		org, err := s.app.CreateOrganization(s.ctx, staffActor, party.Organization{LegalName: "BuildCo"})
		s.must(err)
		contact, err := s.app.CreateContact(s.ctx, staffActor, party.Contact{OrganizationID: org.ID, Name: "Bea Buyer"})
		s.must(err)
		_, err = s.app.CreatePriceList(s.ctx, staffActor, pricingList("BuildCo", org.ID, "", "BRK-B2B", 3000))
		s.must(err)
		buyer := app.Actor{ContactID: contact.ID, OrganizationID: org.ID}
		res = s.browse(buyer, app.BrowseQuery{Category: "bricks", Sort: search.Name})
		if got := listed(res.Items); !slices.Equal(got, []string{"BRK-B2B", "BRK-RED", "BRK-WHT", "BRK-KRP"}) {
			t.Fatalf("buyer lists %q", got)
		}
		b2b := res.Items[0]
		// 50.00 gross at 20 % is 41.67 net; the organization pays 30.00.
		if res.Channel != catalog.B2B || b2b.TaxIncluded || b2b.Price != money.MustNew(3000, "EUR") || *b2b.Was != money.MustNew(4167, "EUR") {
			t.Errorf("buyer's item %+v was %v", b2b, b2b.Was)
		}
		if got := s.found("pallet"); len(got) != 0 {
			t.Errorf("the public finds the b2b-only pallet: %q", got)
		}
	})
}

func TestBrowseIndexFollowsWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newShop(t, db)
		if got := s.found("facing"); !slices.Equal(got, []string{"BRK-RED"}) {
			t.Fatalf("before: %q", got)
		}
		name, status := "Клинкерный кирпич ручной формовки", catalog.Active
		_, err := s.app.UpdateProduct(s.ctx, staffActor, "BRK-RED", app.ProductPatch{Name: &name,
			Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(200, "EUR")}})
		s.must(err)
		if got := s.found("facing"); len(got) != 0 {
			t.Errorf("the old name still finds %q", got)
		}
		if got := s.found("клинкерные"); !slices.Equal(got, []string{"BRK-RED"}) {
			t.Errorf("the new name finds %q", got)
		}
		s.want(app.BrowseQuery{Category: "bricks", Sort: search.PriceDesc}, "BRK-RED", "BRK-WHT", "BRK-KRP")
		if res := s.browse(app.Actor{}, app.BrowseQuery{Text: "клинкерный"}); len(res.Items) != 1 || res.Items[0].Price != money.MustNew(200, "EUR") {
			t.Errorf("new name and price: %+v", res.Items)
		}

		// A discontinued product leaves the listings; a draft that becomes active joins.
		status = catalog.Discontinued
		_, err = s.app.UpdateProduct(s.ctx, staffActor, "BRK-WHT", app.ProductPatch{Status: &status})
		s.must(err)
		status = catalog.Active
		_, err = s.app.UpdateProduct(s.ctx, staffActor, "BRK-DRAFT", app.ProductPatch{Status: &status})
		s.must(err)
		s.want(app.BrowseQuery{Category: "bricks", Sort: search.PriceAsc}, "BRK-DRAFT", "BRK-KRP", "BRK-RED")

		// A parent's specifications reach its variants when they change.
		specs := spec("Material", "linen")
		_, err = s.app.UpdateProduct(s.ctx, staffActor, "TSH", app.ProductPatch{Specs: &specs})
		s.must(err)
		s.want(app.BrowseQuery{Attrs: map[string][]string{"Material": {"cotton"}}})
		s.want(app.BrowseQuery{Attrs: map[string][]string{"Material": {"linen"}}}, "TSH")

		// Imported products are indexed in the import's transaction.
		_, err = s.app.ImportProducts(s.ctx, staffActor, parseProducts(t, `sku,name,unit,channels,tax_rate,price_b2c,currency,category,brand
GRT-1,Grout for tiles,kg,b2c,20,3.50,EUR,tools,Ceresit
`), nil)
		s.must(err)
		if got := s.found("grouts"); !slices.Equal(got, []string{"GRT-1"}) {
			t.Errorf("imported product: %q", got)
		}
	})
}

func TestBrowseRefusesBadQueries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newShop(t, db)
		long := make([]rune, search.MaxQueryRunes+1)
		for i := range long {
			long[i] = 'ж'
		}
		eur, usd := money.MustNew(100, "EUR"), money.MustNew(50, "USD")
		negative := money.Amount{Minor: -1, Currency: "EUR"}
		tests := []struct {
			field string
			q     app.BrowseQuery
		}{
			{"text", app.BrowseQuery{Text: string(long)}},
			{"text", app.BrowseQuery{Text: "\xff"}},
			{"category", app.BrowseQuery{Category: "Not A Slug"}},
			{"brands", app.BrowseQuery{Brands: []string{" "}}},
			{"min_price", app.BrowseQuery{MinPrice: &negative}},
			{"min_price", app.BrowseQuery{MinPrice: &money.Amount{Minor: 1, Currency: "XXZ"}}},
			{"max_price", app.BrowseQuery{MinPrice: &eur, MaxPrice: &usd}},
			{"max_price", app.BrowseQuery{MinPrice: &eur, MaxPrice: &money.Amount{Minor: 99, Currency: "EUR"}}},
			{"attrs.Size", app.BrowseQuery{Attrs: map[string][]string{"Size": {}}}},
			{"attrs", app.BrowseQuery{Attrs: map[string][]string{"": {"x"}}}},
			{"sort", app.BrowseQuery{Sort: "popular"}},
			{"page", app.BrowseQuery{Page: -1}},
			{"per_page", app.BrowseQuery{PerPage: app.MaxPerPage + 1}},
			{"page", app.BrowseQuery{Page: app.MaxBrowseOffset, PerPage: 10}},
		}
		for _, tt := range tests {
			_, err := s.app.Browse(s.ctx, app.Actor{}, tt.q)
			e, ok := errs.As(err)
			if !ok || e.Code != errs.Invalid || !hasField(e, tt.field) {
				t.Errorf("%+v: got %v, want a field error on %s", tt.q, err, tt.field)
			}
		}
		if _, err := s.app.Browse(s.ctx, app.Actor{}, app.BrowseQuery{Category: "no-such"}); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("unknown category: %v", err)
		}
		for _, bad := range []func() error{
			func() error { _, err := s.app.NewArrivals(s.ctx, app.Actor{}, 0); return err },
			func() error { _, err := s.app.Bestsellers(s.ctx, app.Actor{}, time.Time{}, 5); return err },
			func() error { _, err := s.app.Related(s.ctx, app.Actor{}, "bad sku", 5); return err },
			func() error {
				_, err := s.app.CheaperAlternatives(s.ctx, app.Actor{}, "BRK-RED", app.MaxPerPage+1)
				return err
			},
		} {
			if errs.CodeOf(bad()) != errs.Invalid {
				t.Errorf("short list accepted bad input: %v", bad())
			}
		}
		if _, err := s.app.Related(s.ctx, app.Actor{}, "BRK-B2B", 5); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("related of a product the public cannot see: %v", err)
		}
	})
}

func TestShortLists(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newShop(t, db)
		items, err := s.app.NewArrivals(s.ctx, app.Actor{}, 3)
		s.must(err)
		if got := listed(items); !slices.Equal(got, []string{"TSH", "CASE-1", "DRL-200"}) {
			t.Errorf("new arrivals %q", got)
		}

		since := s.now()
		orders := 0
		order := func(lines ...app.CheckoutLine) string {
			orders++
			o, _, err := s.app.Checkout(s.ctx, app.Actor{}, fmt.Sprintf("order-%d", orders), guestOrder(lines...))
			s.must(err)
			return o.ID
		}
		order(line("BRK-WHT", 5), line("TSH-M-RED", 1))
		order(line("BRK-RED", 3), line("TSH-L-BLU", 1))
		order(line("TSH-M-RED", 2))
		cancelled := order(line("CASE-1", 5))
		_, err = s.app.TransitionOrder(s.ctx, staffActor, cancelled, "cancelled", "")
		s.must(err)
		items, err = s.app.Bestsellers(s.ctx, app.Actor{}, since, 10)
		s.must(err)
		// TSH: 4 units over its variants; the cancelled order does not count.
		if got := listed(items); !slices.Equal(got, []string{"BRK-WHT", "TSH", "BRK-RED"}) {
			t.Errorf("bestsellers %q", got)
		}
		items, err = s.app.Bestsellers(s.ctx, app.Actor{}, s.now(), 10)
		s.must(err)
		if len(items) != 0 {
			t.Errorf("bestsellers since now: %q", listed(items))
		}

		items, err = s.app.Related(s.ctx, app.Actor{}, "BRK-WHT", 5)
		s.must(err)
		if got := listed(items); !slices.Equal(got, []string{"BRK-KRP", "BRK-RED"}) { // 0.90 and 1.20 around 1.00: nearest first
			t.Errorf("related %q", got)
		}
		items, err = s.app.Related(s.ctx, app.Actor{}, "TSH-L-RED", 5)
		s.must(err)
		if len(items) != 0 {
			t.Errorf("related of a variant lists its family or others: %q", listed(items))
		}
		items, err = s.app.CheaperAlternatives(s.ctx, app.Actor{}, "BRK-RED", 5)
		s.must(err)
		if got := listed(items); !slices.Equal(got, []string{"BRK-WHT"}) { // BRK-KRP is cheaper but out of stock
			t.Errorf("cheaper than BRK-RED %q", got)
		}
		items, err = s.app.CheaperAlternatives(s.ctx, app.Actor{}, "DRL-200", 5)
		s.must(err)
		if got := listed(items); !slices.Equal(got, []string{"DRL-100"}) { // drills only, not the rest of tools
			t.Errorf("cheaper than DRL-200 %q", got)
		}
		for _, sku := range []string{"BRK-WHT", "BRK-RED", "DRL-200", "TSH-L-RED"} {
			d, err := s.app.ProductPage(s.ctx, app.Actor{}, sku)
			s.must(err)
			related, err := s.app.Related(s.ctx, app.Actor{}, sku, app.ProductPageAlternatives)
			s.must(err)
			cheaper, err := s.app.CheaperAlternatives(s.ctx, app.Actor{}, sku, app.ProductPageAlternatives)
			s.must(err)
			// The product page finds its lists in the category's kept rows and
			// reads their stock and prices with its own facts: the same items.
			if !reflect.DeepEqual(d.Related, related) || !reflect.DeepEqual(d.Cheaper, cheaper) {
				t.Errorf("alternatives of %s: related %q cheaper %q, want %q and %q", sku,
					listed(d.Related), listed(d.Cheaper), listed(related), listed(cheaper))
			}
		}
	})
}

func pricingList(name, organizationID, group, sku string, net int64) pricing.PriceList {
	return pricing.PriceList{Name: name, Currency: "EUR", OrganizationID: organizationID, Group: group,
		Entries: []pricing.Entry{{SKU: sku, Price: money.MustNew(net, "EUR")}}}
}

// Two b2x processes on one database: listings one keeps in memory follow the
// other's writes once the catalog version is read again.
func TestBrowseSeesOtherProcessWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := newShop(t, db)
		other := app.New(db, app.WithListingTTL(50*time.Millisecond))
		if got := listed(mustBrowse(t, other, app.BrowseQuery{Text: "facing"}).Items); !slices.Equal(got, []string{"BRK-RED"}) {
			t.Fatalf("before: %q", got)
		}
		name := "Glazed brick"
		_, err := s.app.UpdateProduct(s.ctx, staffActor, "BRK-RED", app.ProductPatch{Name: &name})
		s.must(err)
		time.Sleep(60 * time.Millisecond)
		if got := listed(mustBrowse(t, other, app.BrowseQuery{Text: "facing"}).Items); len(got) != 0 {
			t.Errorf("the other process still finds the old name: %q", got)
		}
		if got := listed(mustBrowse(t, other, app.BrowseQuery{Text: "glazed"}).Items); !slices.Equal(got, []string{"BRK-RED"}) {
			t.Errorf("the other process does not find the new name: %q", got)
		}
	})
}

func mustBrowse(t *testing.T, a *app.App, q app.BrowseQuery) app.BrowseResult {
	t.Helper()
	res, err := a.Browse(context.Background(), app.Actor{}, q)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// A search that matches more products than the candidates it reads lists,
// filters and counts the best of them in the order asked for, says so, and
// still lists a SKU typed exactly.
func TestBrowseBoundsBroadSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a := app.New(db, app.WithSearchCandidates(3))
		add := func(sku, name, brand string, price int64) {
			t.Helper()
			p := catalog.Product{SKU: sku, Name: name, Brand: brand, Kind: catalog.Goods, Unit: "pcs",
				Channels: catalog.Channels{catalog.B2C}, Status: catalog.Active, TaxRateBP: 0}
			if _, err := a.CreateProduct(ctx, staffActor, app.NewProduct{Product: p,
				Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(price, "EUR")}}); err != nil {
				t.Fatal(err)
			}
		}
		for i := 1; i <= 6; i++ {
			add(fmt.Sprintf("H-%d", i), fmt.Sprintf("Hammer %d", i), []string{"Bolt", "Acme"}[i%2], int64(100*i))
		}
		add("HAMMER", "Claw tool", "Claw", 50) // the cheapest: found by its SKU only
		browse := func(q app.BrowseQuery) app.BrowseResult {
			t.Helper()
			res, err := a.Browse(ctx, app.Actor{}, q)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		check := func(q app.BrowseQuery, candidates int, want ...string) app.BrowseResult {
			t.Helper()
			res := browse(q)
			if got := listed(res.Items); !slices.Equal(got, want) || res.Total != len(want) || res.Candidates != candidates {
				t.Errorf("%+v: lists %q of %d, candidates %d; want %q, candidates %d", q, got, res.Total, res.Candidates, want, candidates)
			}
			return res
		}
		// The three dearest matches, and the exact SKU, which is not among them.
		res := check(app.BrowseQuery{Text: "hammer", Sort: search.PriceDesc}, 3, "H-6", "H-5", "H-4", "HAMMER")
		wantBrands := []search.Count{{Value: "Bolt", Count: 2}, {Value: "Acme", Count: 1}, {Value: "Claw", Count: 1}}
		if !slices.Equal(res.Facets.Brands, wantBrands) {
			t.Errorf("brand counts %v, want %v: of the candidates only", res.Facets.Brands, wantBrands)
		}
		if res.Facets.MinPrice.Minor != 50 || res.Facets.MaxPrice.Minor != 600 {
			t.Errorf("price range %v–%v, want 50–600", res.Facets.MinPrice, res.Facets.MaxPrice)
		}
		// Filters apply to the candidates.
		check(app.BrowseQuery{Text: "hammer", Sort: search.PriceDesc, Brands: []string{"Bolt"}}, 3, "H-6", "H-4")
		// The cheapest three, the exact SKU among them.
		check(app.BrowseQuery{Text: "hammer", Sort: search.PriceAsc}, 3, "HAMMER", "H-1", "H-2")
		// By relevance the exact SKU comes first.
		if got := listed(browse(app.BrowseQuery{Text: "hammer"}).Items); len(got) == 0 || got[0] != "HAMMER" {
			t.Errorf("relevance lists %q, want HAMMER first", got)
		}
		// A search within the bound is whole and says nothing.
		check(app.BrowseQuery{Text: "claw"}, 0, "HAMMER")
		// Acme has H-3 and H-5 too, beyond the cheapest three.
		check(app.BrowseQuery{Text: "hammer", Brands: []string{"Acme"}, Sort: search.PriceAsc}, 3, "H-1")
		// Category pages are never bounded.
		if res := browse(app.BrowseQuery{PerPage: 2}); res.Total != 7 || res.Candidates != 0 {
			t.Errorf("all products: total %d, candidates %d; want 7, 0", res.Total, res.Candidates)
		}
	})
}
