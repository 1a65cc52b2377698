package demo_test

import (
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"b2x/catalog"
	"b2x/demo"
	"b2x/ids"
	"b2x/inventory"
	"b2x/order"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
)

var now = time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)

// full is generated once: most tests only read it.
var full = sync.OnceValue(func() *demo.Dataset { return demo.Generate(1, now) })

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := demo.Generate(1, now), full()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two data sets from the same seed and time differ")
	}
	if c := demo.Generate(2, now); reflect.DeepEqual(c.Orders, a.Orders) {
		t.Fatal("another seed gives the same orders")
	}
	// A clock with nanoseconds gives the same data as its whole second.
	if d := demo.Generate(1, now.Add(time.Millisecond)); !reflect.DeepEqual(d, a) {
		t.Fatal("now is not truncated to the second")
	}
}

func TestGenerateCounts(t *testing.T) {
	d := full()
	c := d.Counts()
	t.Log(c)
	for _, x := range []struct {
		what      string
		got, want int
	}{
		{"products", c.Products, 300}, {"categories", c.Categories, 12}, {"organizations", c.Organizations, 40},
		{"persons", c.Persons, 500}, {"orders", c.Orders, 5000}, {"b2b orders", c.B2B, 1000}, {"b2c orders", c.B2C, 3000},
		{"trade persons", c.TradePersons, 30}, {"services", c.Services, 10}, {"licences", c.Licences, 10},
		{"cancelled", c.ByStatus[order.Cancelled], 50}, {"returned", c.ByStatus[order.Returned], 30},
		{"price lists", c.PriceLists, 5},
	} {
		if x.got < x.want {
			t.Errorf("%s = %d, want at least %d", x.what, x.got, x.want)
		}
	}
	if c.ByStatus[order.Completed]*100/c.Orders < 75 {
		t.Errorf("completed orders = %d of %d, want most", c.ByStatus[order.Completed], c.Orders)
	}
	for _, s := range []order.Status{order.Placed, order.Confirmed, order.Shipped, order.Delivered} {
		if c.ByStatus[s] == 0 {
			t.Errorf("no order is %s", s)
		}
	}
	for _, o := range d.Orders {
		if o.Status != order.Completed && o.Status != order.Cancelled && o.Status != order.Returned &&
			o.PlacedAt.Before(now.AddDate(0, 0, -30)) {
			t.Errorf("order %s placed %s is still %s", o.ID, o.PlacedAt, o.Status)
		}
	}
	if !d.Start.Equal(time.Date(2023, 12, 15, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("history starts %s, want 18 months before %s", d.Start, now)
	}
	if first, last := d.Orders[0].PlacedAt, d.Orders[len(d.Orders)-1].PlacedAt; first.After(d.Start.AddDate(0, 0, 7)) || last.Before(now.AddDate(0, 0, -2)) {
		t.Errorf("orders from %s to %s do not span the history", first, last)
	}
}

func TestGenerateCatalog(t *testing.T) {
	d := full()
	cats := map[string]catalog.Category{}
	for _, c := range d.Categories {
		if err := c.Validate(); err != nil {
			t.Errorf("category %s: %v", c.Slug, err)
		}
		if _, ok := cats[c.Parent]; c.Parent != "" && !ok {
			t.Errorf("category %s comes before its parent %s", c.Slug, c.Parent)
		}
		cats[c.Slug] = c
	}
	for _, slug := range []string{"delivery", "installation", "training", "maintenance", "consulting"} {
		if cats[slug].Parent != "services" {
			t.Errorf("no services category %s", slug)
		}
	}
	products := map[string]catalog.Product{}
	kinds, units := map[catalog.Kind]int{}, map[string]int{}
	channels := map[string]int{}
	variants := 0
	for _, p := range d.Products {
		if err := p.Validate(); err != nil {
			t.Errorf("product %s: %v", p.SKU, err)
		}
		if _, ok := cats[p.Category]; !ok {
			t.Errorf("product %s: no category %s", p.SKU, p.Category)
		}
		if _, dup := products[p.SKU]; dup {
			t.Errorf("SKU %s appears twice", p.SKU)
		}
		if p.VariantOf != "" {
			variants++
			parent, ok := products[p.VariantOf]
			if !ok || len(p.VariantAttrs) == 0 || parent.Category != p.Category {
				t.Errorf("variant %s of %s: parent missing or earlier, or no attributes", p.SKU, p.VariantOf)
			}
		}
		if len(p.Specs) == 0 {
			t.Errorf("product %s has no specification", p.SKU)
		}
		products[p.SKU] = p
		kinds[p.Kind]++
		units[p.Unit]++
		var ch []string
		for _, c := range p.Channels {
			ch = append(ch, string(c))
		}
		channels[strings.Join(ch, "+")]++
	}
	t.Logf("kinds %v, units %v, channels %v, variants %d", kinds, units, channels, variants)
	for _, u := range []string{"pcs", "m2", "m3", "kg", "seat", "h"} {
		if units[u] == 0 {
			t.Errorf("no product sold in %s", u)
		}
	}
	if channels["b2b+b2c"] == 0 || channels["b2b"] == 0 || channels["b2c"] == 0 || variants < 30 {
		t.Errorf("channels %v, %d variants: want products in both, b2b only, b2c only, and variants", channels, variants)
	}
	if brick := products["BRK-RED-250"]; !brick.Sellable(catalog.B2C) || !brick.Sellable(catalog.B2B) || !brick.CreatedAt.Before(d.Start) {
		t.Errorf("the seed's brick %+v is not sold in both channels from the start", brick)
	}
	for _, p := range d.Products {
		if p.Category == "heavy-equipment" && p.VisibleIn(catalog.B2C) {
			t.Errorf("heavy equipment %s is in the shop", p.SKU)
		}
	}

	// Base prices: one per channel the product is sold in; b2c gross, b2b net and
	// lower than the gross price without VAT.
	prices := map[string]map[catalog.Channel]int64{}
	for _, bp := range d.Prices {
		if bp.Price.Currency != demo.Currency || bp.Price.Minor <= 0 {
			t.Errorf("price %+v", bp)
		}
		if prices[bp.SKU] == nil {
			prices[bp.SKU] = map[catalog.Channel]int64{}
		}
		prices[bp.SKU][bp.Channel] = bp.Price.Minor
	}
	for _, p := range d.Products {
		for _, ch := range []catalog.Channel{catalog.B2B, catalog.B2C} {
			if _, ok := prices[p.SKU][ch]; ok != p.VisibleIn(ch) {
				t.Errorf("%s: base price in %s = %v, sold there = %v", p.SKU, ch, ok, p.VisibleIn(ch))
			}
		}
		if b2b, b2c := prices[p.SKU][catalog.B2B], prices[p.SKU][catalog.B2C]; b2b > 0 && b2c > 0 && b2b*12/10 >= b2c {
			t.Errorf("%s: b2b net %d is not below the b2c gross %d without VAT", p.SKU, b2b, b2c)
		}
	}
	if b := prices["BRK-RED-250"]; b[catalog.B2C] != 69 || b[catalog.B2B] != 51 {
		t.Errorf("BRK-RED-250 costs %v, want 0.69 gross in the shop, 0.51 net to businesses", b)
	}

	if len(d.Warehouses) < 2 || d.Warehouses[0].Code != "MAIN" || d.Warehouses[0].Priority != 0 {
		t.Errorf("warehouses = %+v", d.Warehouses)
	}
	for _, w := range d.Warehouses {
		if err := w.Validate(); err != nil {
			t.Errorf("warehouse %s: %v", w.Code, err)
		}
	}
}

func TestGenerateParties(t *testing.T) {
	d := full()
	trade, cyrillic := 0, 0
	for _, p := range d.Persons {
		if err := p.Validate(); err != nil {
			t.Errorf("person %s: %v", p.Name, err)
		}
		if p.Trade {
			trade++
			if !slices.Contains(p.Groups(), party.TradeGroup) {
				t.Errorf("trade person %s is not in the trade group", p.Name)
			}
		}
		if strings.ContainsFunc(p.Name, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
			cyrillic++
		}
		if p.Email != "" && !exampleDomain(p.Email) {
			t.Errorf("person %s has a real-looking address %s", p.Name, p.Email)
		}
		if p.Email == "" && p.Phone == "" {
			t.Errorf("person %s cannot be reached", p.Name)
		}
	}
	if trade == 0 || cyrillic == 0 || cyrillic == len(d.Persons) {
		t.Errorf("%d trade persons, %d Cyrillic names of %d", trade, cyrillic, len(d.Persons))
	}

	contacts := map[string][]party.Contact{}
	for _, c := range d.Contacts {
		if err := c.Validate(); err != nil {
			t.Errorf("contact %s: %v", c.Name, err)
		}
		if !exampleDomain(c.Email) {
			t.Errorf("contact %s has a real-looking address %s", c.Name, c.Email)
		}
		contacts[c.OrganizationID] = append(contacts[c.OrganizationID], c)
	}
	groups := map[string]int{}
	lacksTransport := 0
	for _, o := range d.Organizations {
		if err := o.Validate(); err != nil {
			t.Errorf("organization %s: %v", o.LegalName, err)
		}
		groups[o.Group]++
		if o.Lacks(party.OwnTransport) {
			lacksTransport++
		}
		if o.TaxID == "" || o.Industry == "" || o.Employees == 0 || o.TurnoverBand == "" || o.PaymentTerms == "" {
			t.Errorf("organization %+v lacks a profile field", o)
		}
		if (o.PaymentTerms == party.Prepaid) != o.CreditLimit.IsZero() {
			t.Errorf("organization %s: terms %s with credit limit %s", o.LegalName, o.PaymentTerms, o.CreditLimit)
		}
		cs := contacts[o.ID]
		if len(cs) < 2 || len(cs) > 6 {
			t.Errorf("organization %s has %d contacts, want 2–6", o.LegalName, len(cs))
		}
		deciders := 0
		for _, c := range cs {
			if c.Role == "" || c.Influence < 1 || c.Influence > 5 || c.Sphere == "" || c.JobTitle == "" {
				t.Errorf("contact %+v is not placed in the buying center", c)
			}
			if c.Role == party.DecisionMaker {
				deciders++
			}
			if c.RequiredApprover != (c.Role == party.DecisionMaker || c.Role == party.FinancialApprover) {
				t.Errorf("contact %s (%s): required approver = %v", c.Name, c.Role, c.RequiredApprover)
			}
			if c.CreatedAt.Before(o.CreatedAt) {
				t.Errorf("contact %s exists before its organization", c.Name)
			}
		}
		if deciders != 1 {
			t.Errorf("organization %s has %d decision makers", o.LegalName, deciders)
		}
	}
	if groups["wholesale"] == 0 || groups["dealer"] == 0 || groups[""] == 0 || lacksTransport == 0 {
		t.Errorf("groups %v, %d lack own transport", groups, lacksTransport)
	}
}

func exampleDomain(email string) bool {
	_, domain, _ := strings.Cut(email, "@")
	return strings.HasSuffix(domain, ".example") || domain == "example.com" || domain == "example.net" || domain == "example.org"
}

func TestGeneratePriceLists(t *testing.T) {
	d := full()
	skus := map[string]bool{}
	for _, p := range d.Products {
		skus[p.SKU] = true
	}
	orgs := map[string]bool{}
	for _, o := range d.Organizations {
		orgs[o.ID] = true
	}
	kinds := map[string]int{}
	for _, l := range d.PriceLists {
		if err := l.Validate(); err != nil {
			t.Errorf("price list %s: %v", l.Name, err)
		}
		if l.OrganizationID != "" && !orgs[l.OrganizationID] {
			t.Errorf("price list %s: no organization %s", l.Name, l.OrganizationID)
		}
		tiered := false
		for _, e := range l.Entries {
			if !skus[e.SKU] {
				t.Errorf("price list %s: no product %s", l.Name, e.SKU)
			}
			tiered = tiered || e.MinQuantity > 0
		}
		if len(l.Entries) == 0 || !tiered {
			t.Errorf("price list %s has no quantity tiers", l.Name)
		}
		kind := l.Group
		if l.OrganizationID != "" {
			kind = "organization"
		}
		kinds[kind]++
	}
	if kinds["wholesale"] != 1 || kinds[party.TradeGroup] != 1 || kinds["organization"] < 3 {
		t.Errorf("price lists by kind: %v", kinds)
	}
}

func TestGenerateOrders(t *testing.T) {
	d := full()
	products := map[string]catalog.Product{}
	for _, p := range d.Products {
		products[p.SKU] = p
	}
	base := map[string][]pricing.BasePrice{}
	for _, bp := range d.Prices {
		base[bp.SKU] = append(base[bp.SKU], bp)
	}
	persons := map[string]party.Person{}
	for _, p := range d.Persons {
		persons[p.ID] = p
	}
	orgs := map[string]party.Organization{}
	for _, o := range d.Organizations {
		orgs[o.ID] = o
	}
	contacts := map[string]party.Contact{}
	for _, c := range d.Contacts {
		contacts[c.ID] = c
	}
	rules := map[pricing.RuleKind]int{}
	bricks := map[catalog.Channel]map[string]int{catalog.B2C: {}, catalog.B2B: {}}
	var prev time.Time
	for _, o := range d.Orders {
		if o.PlacedAt.Before(prev) || o.PlacedAt.Before(d.Start) || o.PlacedAt.After(now) {
			t.Fatalf("order %s placed %s out of order or outside the history", o.ID, o.PlacedAt)
		}
		prev = o.PlacedAt
		if o.Number != "" || o.Currency != demo.Currency || o.PricesIncludeTax != (o.Channel == catalog.B2C) || !o.DeliveryMethod.Valid() {
			t.Errorf("order %s: number %q, currency %s, tax included %v, delivery %q", o.ID, o.Number, o.Currency, o.PricesIncludeTax, o.DeliveryMethod)
		}

		// Who bought, and what they pay.
		var buyer pricing.Buyer
		var created time.Time
		c := o.Customer
		switch o.Channel {
		case catalog.B2C:
			p, ok := persons[c.PersonID]
			if (c.Guest == nil) == (c.PersonID == "") || c.OrganizationID != "" || (c.PersonID != "" && !ok) {
				t.Fatalf("b2c order %s has customer %+v", o.ID, c)
			}
			if c.Guest != nil && (c.Guest.Name == "" || !exampleDomain(c.Guest.Email)) {
				t.Errorf("b2c order %s has guest %+v", o.ID, c.Guest)
			}
			buyer, created = pricing.Buyer{Groups: p.Groups()}, p.CreatedAt
			who := "guest"
			if ok {
				who = "homeowner"
				if p.Trade {
					who = "contractor"
				}
			}
			for _, l := range o.Lines {
				if l.SKU == "BRK-RED-250" {
					bricks[catalog.B2C][who]++
				}
			}
		case catalog.B2B:
			org, ok := orgs[c.OrganizationID]
			if !ok || c.Guest != nil || c.PersonID != "" || contacts[c.ContactID].OrganizationID != c.OrganizationID {
				t.Fatalf("b2b order %s has customer %+v", o.ID, c)
			}
			buyer, created = pricing.Buyer{OrganizationID: org.ID, Groups: org.Groups()}, contacts[c.ContactID].CreatedAt
			for _, l := range o.Lines {
				if l.SKU == "BRK-RED-250" {
					bricks[catalog.B2B][org.Industry]++
				}
			}
		default:
			t.Fatalf("order %s in channel %q", o.ID, o.Channel)
		}
		if created.After(o.PlacedAt) {
			t.Errorf("order %s placed %s by a customer created %s", o.ID, o.PlacedAt, created)
		}

		// Every line: a product sold in the channel, a whole quantity of whole
		// units, the price checkout would have charged that day.
		if len(o.Lines) == 0 {
			t.Errorf("order %s has no lines", o.ID)
		}
		seen := map[string]bool{}
		sum := o
		for i, l := range o.Lines {
			p, ok := products[l.SKU]
			if !ok || !p.Sellable(o.Channel) || p.CreatedAt.After(o.PlacedAt) {
				t.Fatalf("order %s line %s: not sellable in %s on %s", o.ID, l.SKU, o.Channel, o.PlacedAt)
			}
			if seen[l.SKU] || l.No != i+1 || l.Name != p.Name || l.Kind != p.Kind || l.Unit != p.Unit || l.TaxRateBP != p.TaxRateBP {
				t.Errorf("order %s line %d: %+v does not match product %s", o.ID, l.No, l, p.SKU)
			}
			seen[l.SKU] = true
			if u, _ := catalog.LookupUnit(p.Unit); l.Quantity <= 0 || (!u.Fractional && !l.Quantity.IsWhole()) {
				t.Errorf("order %s line %s: quantity %s %s", o.ID, l.SKU, l.Quantity, p.Unit)
			}
			res, err := pricing.Resolve(pricing.Request{SKU: l.SKU, Quantity: l.Quantity, Buyer: buyer, Channel: o.Channel,
				At: o.PlacedAt, TaxRateBP: p.TaxRateBP}, base[l.SKU], d.PriceLists)
			if err != nil || res.Unit != l.UnitPrice || res.Rule != l.PriceRule {
				t.Fatalf("order %s line %s: priced %s by %+v, checkout would charge %s by %+v (%v)", o.ID, l.SKU, l.UnitPrice, l.PriceRule, res.Unit, res.Rule, err)
			}
			rules[res.Rule.Kind]++
			again := l
			if err := order.PriceLine(&again, o.PricesIncludeTax); err != nil || again != l {
				t.Fatalf("order %s line %s: amounts %+v, want %+v (%v)", o.ID, l.SKU, l, again, err)
			}
		}
		if err := sum.Sum(); err != nil || sum.Net != o.Net || sum.Tax != o.Tax || sum.Total != o.Total || o.Total.Minor <= 0 {
			t.Errorf("order %s totals %s/%s/%s, lines sum to %s/%s/%s", o.ID, o.Net, o.Tax, o.Total, sum.Net, sum.Tax, sum.Total)
		}

		// The status machine, in time order, up to now.
		ts := o.Transitions
		if len(ts) == 0 || ts[0].From != "" || ts[0].To != order.Placed || !ts[0].At.Equal(o.PlacedAt) {
			t.Fatalf("order %s starts with %+v", o.ID, ts)
		}
		for i := 1; i < len(ts); i++ {
			if err := order.CheckTransition(ts[i].From, ts[i].To); err != nil || ts[i].From != ts[i-1].To || ts[i].At.Before(ts[i-1].At) || ts[i].At.After(now) {
				t.Errorf("order %s transition %d: %+v after %+v (%v)", o.ID, i, ts[i], ts[i-1], err)
			}
		}
		if last := ts[len(ts)-1]; last.To != o.Status || !last.At.Equal(o.UpdatedAt) {
			t.Errorf("order %s is %s updated %s, last transition %+v", o.ID, o.Status, o.UpdatedAt, last)
		}
	}
	t.Logf("price rules used: %v; BRK-RED-250 bought by %v", rules, bricks)
	for _, k := range []pricing.RuleKind{pricing.BaseRule, pricing.GroupRule, pricing.OrganizationRule} {
		if rules[k] == 0 {
			t.Errorf("no line priced by the %s rule", k)
		}
	}
	if bricks[catalog.B2C]["homeowner"] == 0 || bricks[catalog.B2C]["contractor"] == 0 || len(bricks[catalog.B2B]) == 0 {
		t.Errorf("the seed's brick was bought by %v, want homeowners, contractors and companies", bricks)
	}
}

func TestGenerateLedger(t *testing.T) {
	d := full()
	checkLedger(t, d)
}

// checkLedger replays the movements in the order they are written: no level ever
// goes below zero, every order's goods left the warehouses when it was placed, and
// came back only when it was cancelled or returned.
func checkLedger(t *testing.T, d *demo.Dataset) {
	t.Helper()
	products := map[string]catalog.Product{}
	for _, p := range d.Products {
		products[p.SKU] = p
	}
	orders := map[string]order.Order{}
	for _, o := range d.Orders {
		orders[o.ID] = o
	}
	warehouses := map[string]bool{}
	for _, w := range d.Warehouses {
		warehouses[w.Code] = true
	}
	type key struct{ sku, wh string }
	level := map[key]qty.Quantity{}
	sold := map[string]map[string]qty.Quantity{}     // order → SKU → taken
	returned := map[string]map[string]qty.Quantity{} // order → SKU → given back
	var prev time.Time
	for _, m := range d.Movements {
		p, ok := products[m.SKU]
		if !ok || !p.Kind.Stocked() || !warehouses[m.Warehouse] || m.Quantity == 0 || m.By != demo.By || !ids.Valid(m.ID) {
			t.Fatalf("movement %+v", m)
		}
		if m.At.Before(prev) || m.At.After(d.Now) {
			t.Fatalf("movement %+v out of time order", m)
		}
		prev = m.At
		if u, _ := catalog.LookupUnit(p.Unit); !u.Fractional && !m.Quantity.IsWhole() {
			t.Errorf("movement %+v: a fraction of %s", m, p.Unit)
		}
		k := key{m.SKU, m.Warehouse}
		level[k] += m.Quantity
		if level[k] < 0 {
			t.Fatalf("movement %+v takes %s below zero", m, m.SKU)
		}
		switch m.Kind {
		case inventory.Receipt:
			if m.Quantity < 0 || !strings.HasPrefix(m.Reference, "PO-") {
				t.Errorf("receipt %+v", m)
			}
		case inventory.Sale:
			o, ok := orders[m.Reference]
			if !ok || m.Quantity > 0 || !m.At.Equal(o.PlacedAt) {
				t.Fatalf("sale %+v does not match an order", m)
			}
			if sold[o.ID] == nil {
				sold[o.ID] = map[string]qty.Quantity{}
			}
			sold[o.ID][m.SKU] -= m.Quantity
		case inventory.Adjustment, inventory.Return:
			o := orders[m.Reference]
			want := order.Cancelled
			if m.Kind == inventory.Return {
				want = order.Returned
			}
			if o.Status != want || m.Quantity < 0 || !m.At.Equal(o.UpdatedAt) {
				t.Fatalf("%s %+v for order %s that is %s", m.Kind, m, o.ID, o.Status)
			}
			if returned[o.ID] == nil {
				returned[o.ID] = map[string]qty.Quantity{}
			}
			returned[o.ID][m.SKU] += m.Quantity
		default:
			t.Fatalf("movement kind %s", m.Kind)
		}
	}
	for _, o := range d.Orders {
		for _, l := range o.Lines {
			want := qty.Quantity(0)
			if l.Kind.Stocked() {
				want = l.Quantity
			}
			if got := sold[o.ID][l.SKU]; got != want {
				t.Errorf("order %s took %s of %s, its line says %s", o.ID, got, l.SKU, want)
			}
			back := qty.Quantity(0)
			if order.ReturnsStock(o.Status) {
				back = want
			}
			if got := returned[o.ID][l.SKU]; got != back {
				t.Errorf("order %s (%s) gave back %s of %s, want %s", o.ID, o.Status, got, l.SKU, back)
			}
		}
	}
	// Goods always in stock (S22.3): nothing sold out at the end of the history.
	for _, p := range d.Products {
		if p.Kind.Stocked() && level[key{p.SKU, "MAIN"}]+level[key{p.SKU, "NORTH"}] <= 0 {
			t.Errorf("%s is out of stock at the end", p.SKU)
		}
	}
}

func TestGenerateIDs(t *testing.T) {
	d := full()
	seen := map[string]bool{}
	check := func(what, id string, at time.Time) {
		if !ids.Valid(id) || seen[id] {
			t.Fatalf("%s id %q is not a fresh UUID", what, id)
		}
		seen[id] = true
		// A UUIDv7 carries its time in the first 48 bits.
		if got := strings.ReplaceAll(id, "-", "")[:12]; got != strings.ReplaceAll(ids.At(at), "-", "")[:12] {
			t.Fatalf("%s id %s does not carry its time %s", what, id, at)
		}
	}
	for _, p := range d.Products {
		check("product", p.ID, p.CreatedAt)
	}
	for _, p := range d.Persons {
		check("person", p.ID, p.CreatedAt)
	}
	for _, o := range d.Organizations {
		check("organization", o.ID, o.CreatedAt)
	}
	for _, c := range d.Contacts {
		check("contact", c.ID, c.CreatedAt)
	}
	for _, l := range d.PriceLists {
		check("price list", l.ID, l.ValidFrom)
	}
	for _, o := range d.Orders {
		check("order", o.ID, o.PlacedAt)
	}
	for _, m := range d.Movements {
		check("movement", m.ID, m.At)
	}
}

func TestGenerateSized(t *testing.T) {
	for _, size := range []demo.Size{
		{Persons: 20, Organizations: 3, Orders: 200, Months: 2},
		{Persons: 1, Organizations: 1, Orders: 10, Months: 1},
		{Persons: 60, Organizations: 50, Orders: 300, Months: 24},
	} {
		d := demo.GenerateSized(7, now, size)
		c := d.Counts()
		if c.Persons != size.Persons || c.Organizations != size.Organizations || c.Orders != size.Orders || c.Products < 300 {
			t.Errorf("size %+v gave %s", size, c)
		}
		if !d.Start.Equal(now.AddDate(0, -size.Months, 0).Truncate(24 * time.Hour)) {
			t.Errorf("size %+v starts %s", size, d.Start)
		}
		checkLedger(t, d)
	}
}
