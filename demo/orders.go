package demo

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"b2x/catalog"
	"b2x/inventory"
	"b2x/money"
	"b2x/order"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
)

// catW is a category and how often a theme's orders draw from it.
type catW struct {
	cat string
	w   int
}

// themes say what a kind of customer buys (S24: consumption vs. profit).
var themes = map[string][]catW{
	"renovation": {{"paint-coatings", 30}, {"tools", 15}, {"tiles-flooring", 15}, {"cement-mortar", 10}, {"timber-boards", 8},
		{"insulation", 6}, {"bricks-blocks", 6}, {"roofing", 5}, {"installation", 3}, {"consulting", 2}},
	"homeoffice": {{"computers", 30}, {"office-furniture", 20}, {"office-supplies", 20}, {"printers-copiers", 12}, {"networking", 8},
		{"office-software", 5}, {"security-software", 5}},
	"contractor": {{"bricks-blocks", 20}, {"cement-mortar", 20}, {"insulation", 12}, {"timber-boards", 12}, {"roofing", 10},
		{"tools", 10}, {"paint-coatings", 8}, {"tiles-flooring", 8}},
	"construction": {{"bricks-blocks", 18}, {"cement-mortar", 18}, {"insulation", 12}, {"roofing", 10}, {"timber-boards", 10},
		{"tools", 8}, {"heavy-equipment", 6}, {"tiles-flooring", 6}, {"paint-coatings", 6}, {"design-software", 2}, {"training", 2}, {"maintenance", 2}},
	"finishing": {{"paint-coatings", 25}, {"tiles-flooring", 25}, {"timber-boards", 12}, {"cement-mortar", 12}, {"tools", 10},
		{"office-furniture", 8}, {"installation", 8}},
	"office": {{"computers", 22}, {"office-furniture", 15}, {"office-supplies", 20}, {"printers-copiers", 12}, {"networking", 10},
		{"office-software", 8}, {"security-software", 6}, {"business-software", 5}, {"training", 2}},
	"design": {{"computers", 20}, {"design-software", 25}, {"printers-copiers", 15}, {"office-supplies", 15}, {"office-furniture", 10},
		{"training", 10}, {"office-software", 5}},
	"it": {{"computers", 25}, {"networking", 25}, {"security-software", 15}, {"office-software", 10}, {"business-software", 10},
		{"installation", 5}, {"maintenance", 5}, {"consulting", 5}},
	"resale-build": {{"bricks-blocks", 20}, {"cement-mortar", 20}, {"insulation", 15}, {"roofing", 15}, {"paint-coatings", 15},
		{"tiles-flooring", 10}, {"timber-boards", 5}},
	"resale-office": {{"office-supplies", 40}, {"printers-copiers", 30}, {"computers", 15}, {"office-furniture", 15}},
}

// heavy categories are delivered by truck.
var heavy = []string{"bricks-blocks", "cement-mortar", "insulation", "roofing", "timber-boards", "tiles-flooring", "heavy-equipment"}

// Price lists.

func (g *gen) priceLists() {
	before := g.d.Start.AddDate(0, 0, -60).Add(9 * time.Hour)
	build := []string{"bricks-blocks", "cement-mortar", "insulation", "roofing", "paint-coatings", "tiles-flooring", "timber-boards"}
	office := []string{"office-supplies", "printers-copiers"}
	g.groupList("Wholesale price list", "wholesale", before, append(slices.Clone(build), office...), [3]int{90, 85, 80})
	g.groupList("Dealer network terms", "dealer", before.Add(time.Hour),
		append(slices.Clone(build), "office-supplies", "printers-copiers", "computers", "office-furniture", "networking", "tools"), [3]int{88, 82, 0})
	g.groupList("Trade customers (contractors)", party.TradeGroup, before.Add(2*time.Hour), append(slices.Clone(build), "tools"), [3]int{94, 90, 0})

	// Contract prices for a few large accounts (S22.9: long-term contracts).
	n := 0
	for _, cu := range g.companies {
		if cu.org.Group != "" || n == 6 {
			continue
		}
		if b := cu.org.TurnoverBand; b != party.TurnoverMedium && b != party.TurnoverLarge && b != party.TurnoverEnterprise {
			continue
		}
		from := latest(cu.created, g.d.Start).AddDate(0, 0, g.between(0, 150))
		from = day(from).Add(9 * time.Hour)
		if from.After(g.now.AddDate(0, 0, -45)) {
			continue
		}
		n++
		var skus []*item
		for _, cw := range themes[cu.theme] {
			for _, it := range g.byCat[cw.cat] {
				if it.Channels.Has(catalog.B2B) && it.Kind != catalog.Service && g.chance(30) {
					skus = append(skus, it)
				}
			}
		}
		name := "Contract prices " + cu.org.LegalName
		if n == 1 {
			// The first contract was renewed half-way with new prices.
			renewal := from.AddDate(0, 6, 0)
			if renewal.Before(g.now.AddDate(0, 0, -14)) {
				g.orgList(name+", first year", cu, from, renewal, skus, 86)
				g.orgList(name+", renewed", cu, renewal, time.Time{}, skus, 84)
				continue
			}
		}
		g.orgList(name, cu, from, time.Time{}, skus, g.between(82, 88))
	}
	for _, cu := range append(slices.Clone(g.people), g.companies...) {
		for _, l := range g.d.PriceLists {
			if (l.OrganizationID != "" && cu.org != nil && l.OrganizationID == cu.org.ID) ||
				(l.Group != "" && slices.Contains(cu.buyer.Groups, l.Group)) {
				cu.lists = append(cu.lists, l)
			}
		}
	}
}

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// tier is the quantity from which a volume price applies: about the middle of what
// a channel's customer orders, then the top of it.
func tiers(it *item) (qty.Quantity, qty.Quantity) {
	r := it.qb
	if r[1] == 0 {
		r = it.qc
	}
	t1 := max((r[0]+r[1])/2, 1)
	t2 := max(r[1], t1+1)
	return qty.Quantity(t1) * it.step, qty.Quantity(t2) * it.step
}

func listPrice(it *item, pct int) money.Amount {
	return money.Amount{Minor: max((wholesale(it.net)*int64(pct)+50)/100, 1), Currency: Currency}
}

// groupList makes a customer group's list for the goods of some categories: a
// price from the first unit, and cheaper tiers for volume (S7). A zero third
// discount means one tier only.
func (g *gen) groupList(name, group string, from time.Time, cats []string, pct [3]int) {
	l := pricing.PriceList{ID: g.id(from), Name: name, Currency: Currency, Group: group, ValidFrom: from}
	for _, c := range cats {
		for _, it := range g.byCat[c] {
			// Trade persons buy in the shop, wholesalers and dealers on account.
			ch := catalog.B2B
			if group == party.TradeGroup {
				ch = catalog.B2C
			}
			if it.Kind != catalog.Goods || !it.Channels.Has(ch) {
				continue
			}
			t1, t2 := tiers(it)
			l.Entries = append(l.Entries, pricing.Entry{SKU: it.SKU, Price: listPrice(it, pct[0])},
				pricing.Entry{SKU: it.SKU, MinQuantity: t1, Price: listPrice(it, pct[1])})
			if pct[2] > 0 {
				l.Entries = append(l.Entries, pricing.Entry{SKU: it.SKU, MinQuantity: t2, Price: listPrice(it, pct[2])})
			}
		}
	}
	g.d.PriceLists = append(g.d.PriceLists, l)
}

// orgList makes an organization's contract list with two quantity tiers per SKU.
func (g *gen) orgList(name string, cu *customer, from, to time.Time, items []*item, pct int) {
	l := pricing.PriceList{ID: g.id(from), Name: name, Currency: Currency, OrganizationID: cu.org.ID, ValidFrom: from, ValidTo: to}
	for _, it := range items {
		t1, _ := tiers(it)
		l.Entries = append(l.Entries, pricing.Entry{SKU: it.SKU, Price: listPrice(it, pct)},
			pricing.Entry{SKU: it.SKU, MinQuantity: t1, Price: listPrice(it, pct-5)})
	}
	g.d.PriceLists = append(g.d.PriceLists, l)
}

// The stock ledger.

// ledger replays stock in time order while orders are generated, so every sale
// finds the stock it takes. Movements that happen later than the order being
// generated (supplier deliveries on their way, goods coming back from cancelled
// and returned orders) wait in pending until their time.
type ledger struct {
	levels  map[string][]inventory.Level // by SKU, warehouses in priority order
	opened  map[string]time.Time         // when a SKU's opening balance arrived
	pending []inventory.Movement         // by time
	inbound map[string]bool              // a supplier delivery is on its way to sku@warehouse
	po      int
}

func (g *gen) openStock() {
	l := &ledger{levels: map[string][]inventory.Level{}, opened: map[string]time.Time{}, inbound: map[string]bool{}}
	g.stock = l
	opening := g.d.Start.AddDate(0, 0, -2).Add(6 * time.Hour)
	for _, it := range g.items {
		if !it.Kind.Stocked() {
			continue
		}
		at := opening
		if it.CreatedAt.After(opening) {
			at = it.CreatedAt.Add(time.Hour)
		}
		l.opened[it.SKU] = at
		for i, w := range g.d.Warehouses {
			l.levels[it.SKU] = append(l.levels[it.SKU], inventory.Level{SKU: it.SKU, Warehouse: w.Code})
			q := it.lot * 2
			if i > 0 {
				q = max(it.lot/it.step/2, 1) * it.step
			}
			g.receipt(it, w.Code, q, at, "opening balance")
		}
	}
}

// receipt records goods arriving from a supplier at a future or present time.
func (g *gen) receipt(it *item, wh string, q qty.Quantity, at time.Time, note string) {
	l := g.stock
	l.po++
	m := inventory.Movement{ID: g.id(at), SKU: it.SKU, Warehouse: wh, Kind: inventory.Receipt, Quantity: q,
		Reference: fmt.Sprintf("PO-%s-%05d", at.Format("0601"), l.po), Note: note, By: By, At: at}
	g.later(m)
}

// later records a movement and holds it back from the replay until its time.
func (g *gen) later(m inventory.Movement) {
	l := g.stock
	g.d.Movements = append(g.d.Movements, m)
	i := sort.Search(len(l.pending), func(i int) bool { return l.pending[i].At.After(m.At) })
	l.pending = slices.Insert(l.pending, i, m)
	if m.Kind == inventory.Receipt {
		l.inbound[m.SKU+"@"+m.Warehouse] = true
	}
}

// advance applies every pending movement up to t.
func (g *gen) advance(t time.Time) {
	l := g.stock
	n := 0
	for n < len(l.pending) && !l.pending[n].At.After(t) {
		m := l.pending[n]
		for i := range l.levels[m.SKU] {
			if lv := &l.levels[m.SKU][i]; lv.Warehouse == m.Warehouse {
				lv.OnHand += m.Quantity
			}
		}
		if m.Kind == inventory.Receipt {
			l.inbound[m.SKU+"@"+m.Warehouse] = false
		}
		n++
	}
	l.pending = l.pending[n:]
}

// take sells q of it at t for an order, from warehouses by priority, and returns
// the sale movements. When the warehouses cannot cover it, an urgent supplier
// delivery arrived a few hours earlier; when a warehouse runs low, a delivery
// is ordered and arrives days later.
func (g *gen) take(it *item, q qty.Quantity, t time.Time, orderID string) []inventory.Movement {
	l := g.stock
	levels := l.levels[it.SKU]
	if short := q - inventory.Sum(it.SKU, levels).Available(); short > 0 {
		steps := max((short+it.step-1)/it.step, it.lot/it.step)
		at := latest(t.Add(-g.seconds(time.Hour, 20*time.Hour)), l.opened[it.SKU].Add(time.Minute))
		m := inventory.Movement{ID: g.id(at), SKU: it.SKU, Warehouse: levels[0].Warehouse, Kind: inventory.Receipt,
			Quantity: steps * it.step, Reference: fmt.Sprintf("PO-%s-%05d", at.Format("0601"), l.po+1),
			Note: "urgent supplier delivery", By: By, At: at}
		l.po++
		g.d.Movements = append(g.d.Movements, m)
		levels[0].OnHand += m.Quantity
	}
	takes, err := inventory.Allocate(it.SKU, levels, q)
	if err != nil {
		panic("demo: " + err.Error()) // the urgent delivery above covers every shortage
	}
	var out []inventory.Movement
	for _, tk := range takes {
		m := inventory.Movement{ID: g.id(t), SKU: it.SKU, Warehouse: tk.Warehouse, Kind: inventory.Sale,
			Quantity: -tk.Quantity, Reference: orderID, By: By, At: t}
		g.d.Movements = append(g.d.Movements, m)
		out = append(out, m)
		for i := range levels {
			if levels[i].Warehouse == tk.Warehouse {
				levels[i].OnHand -= tk.Quantity
			}
		}
	}
	// Reorder: the main warehouse below half a delivery, the depot nearly empty.
	for i, lv := range levels {
		point, lot := it.lot/2, it.lot
		if i > 0 {
			point, lot = it.lot/8, max(it.lot/it.step/2, 1)*it.step
		}
		if lv.OnHand < point && !l.inbound[it.SKU+"@"+lv.Warehouse] {
			at := t.Add(g.seconds(48*time.Hour, 6*24*time.Hour))
			if !at.After(g.now) {
				g.receipt(it, lv.Warehouse, lot, at, "supplier delivery")
			}
		}
	}
	return out
}

// giveBack returns an order's goods to the warehouses they came from, as
// app.TransitionOrder does: an adjustment when cancelled, a return when returned.
func (g *gen) giveBack(sales []inventory.Movement, to order.Status, at time.Time) {
	kind := inventory.Return
	if to == order.Cancelled {
		kind = inventory.Adjustment
	}
	for _, s := range sales {
		g.later(inventory.Movement{ID: g.id(at), SKU: s.SKU, Warehouse: s.Warehouse, Kind: kind, Quantity: -s.Quantity,
			Reference: s.Reference, Note: "order " + string(to), By: By, At: at})
	}
}

// Orders.

// calendar draws order times: more orders as the business grows, building
// materials in the warm months, businesses on working days and hours.
type calendar struct {
	days []time.Time
	cum  []int
}

func (g *gen) calendar(ch catalog.Channel) *calendar {
	season := map[catalog.Channel][12]int{
		catalog.B2C: {60, 65, 85, 110, 130, 130, 125, 120, 110, 95, 80, 90},
		catalog.B2B: {80, 90, 100, 110, 115, 115, 100, 95, 115, 115, 110, 85},
	}[ch]
	c := &calendar{}
	total := 0
	n := int(day(g.now).Sub(g.d.Start).Hours()/24) + 1
	for i := range n {
		d := g.d.Start.AddDate(0, 0, i)
		w := (100 + 60*i/n) * season[d.Month()-1]
		switch wd := d.Weekday(); {
		case ch == catalog.B2B && (wd == time.Saturday || wd == time.Sunday):
			w = w * 4 / 100
		case ch == catalog.B2C && wd == time.Saturday:
			w = w * 125 / 100
		}
		total += w
		c.days = append(c.days, d)
		c.cum = append(c.cum, total)
	}
	return c
}

func (g *gen) when(c *calendar, ch catalog.Channel) time.Time {
	hours := []int{0, 0, 0, 0, 0, 0, 0, 2, 4, 6, 7, 7, 7, 6, 6, 6, 7, 8, 9, 9, 8, 6, 3, 1} // consumers, evenings
	if ch == catalog.B2B {
		hours = []int{0, 0, 0, 0, 0, 0, 0, 1, 6, 9, 9, 8, 6, 8, 8, 7, 5, 2, 0, 0, 0, 0, 0, 0}
	}
	for {
		i := sort.SearchInts(c.cum, g.r.IntN(c.cum[len(c.cum)-1])+1)
		t := c.days[i].Add(time.Duration(weighted(g, hours)) * time.Hour).Add(g.seconds(0, time.Hour-time.Second))
		if !t.After(g.now) {
			return t
		}
	}
}

func (g *gen) orders(n int) {
	g.openStock()
	nB2B := n * 26 / 100
	type slot struct {
		t  time.Time
		ch catalog.Channel
	}
	var slots []slot
	for _, ch := range []catalog.Channel{catalog.B2C, catalog.B2B} {
		c, count := g.calendar(ch), n-nB2B
		if ch == catalog.B2B {
			count = nB2B
		}
		for range count {
			slots = append(slots, slot{g.when(c, ch), ch})
		}
	}
	slices.SortStableFunc(slots, func(a, b slot) int { return a.t.Compare(b.t) })
	for i, s := range slots {
		g.advance(s.t)
		// The newest orders wait in the inbox for someone to confirm them.
		g.d.Orders = append(g.d.Orders, g.order(s.t, s.ch, i >= len(slots)-3))
	}
	sortMovements(g.d.Movements)
}

// who picks the customer of an order placed at t: a guest or a person in the
// shop, an organization through one of its contacts in b2b. Customers who order
// more often are picked more often.
func (g *gen) who(t time.Time, ch catalog.Channel) *customer {
	if ch == catalog.B2C && g.chance(35) {
		return nil
	}
	cs := g.people
	if ch == catalog.B2B {
		cs = g.companies
	}
	// Customers are sorted by creation; the ones that existed a day before t may order.
	n := sort.Search(len(cs), func(i int) bool { return cs[i].created.After(t.Add(-24 * time.Hour)) })
	if n == 0 {
		return nil
	}
	for {
		if cu := cs[g.r.IntN(n)]; g.r.IntN(12) < cu.weight {
			return cu
		}
	}
}

var (
	consumerNotes = []string{"Please call 30 minutes before delivery.", "Leave at the gate if nobody is home.", "Gift — no prices in the parcel, please.", "Entrance from the courtyard."}
	businessNotes = []string{"Our purchase order %s.", "Deliver to site gate 2; crane access from the north side.", "Invoice to the head office, attention of the CFO.", "Goods receipt 7:00–15:00 only. PO %s."}
)

func (g *gen) order(t time.Time, ch catalog.Channel, fresh bool) order.Order {
	cu := g.who(t, ch)
	if cu == nil && ch == catalog.B2B {
		ch = catalog.B2C // no business customer existed yet
	}
	o := order.Order{ID: g.id(t), Channel: ch, Status: order.Placed, Currency: Currency, PricesIncludeTax: ch == catalog.B2C,
		PlacedAt: t, Transitions: []order.Transition{{To: order.Placed, At: t, By: By}}}
	theme, mult, c := "renovation", 1, g.country()
	if g.chance(40) {
		theme = "homeoffice"
	}
	var buyer pricing.Buyer
	var lists []pricing.PriceList
	switch {
	case cu == nil:
		nm := g.name()
		o.Customer.Guest = &order.Guest{Name: nm.display, Email: g.email(nm, "example.com", map[string]int{})}
		if g.chance(70) {
			o.Customer.Guest.Phone = c.mobile(g)
		}
	case cu.person != nil:
		o.Customer.PersonID = cu.person.ID
		theme, mult, c, buyer, lists = cu.theme, cu.mult, cu.country, cu.buyer, cu.lists
	default:
		o.Customer.OrganizationID = cu.org.ID
		o.Customer.ContactID = g.orderer(cu.contacts)
		theme, mult, c, buyer, lists = cu.theme, cu.mult, cu.country, cu.buyer, cu.lists
	}

	// What is bought.
	var items []*item
	var qs []qty.Quantity
	has := map[string]bool{}
	add := func(it *item, q qty.Quantity) {
		if it == nil || has[it.SKU] || !g.orderable(it, ch, t) || q <= 0 {
			return
		}
		if it.Unit == "seat" && cu != nil && cu.staff > 0 {
			q = min(q, qty.Units(int64(cu.staff)))
		}
		has[it.SKU] = true
		items, qs = append(items, it), append(qs, q)
	}
	lines := 1 + weighted(g, []int{40, 30, 20, 10})
	if ch == catalog.B2B {
		lines = 1 + weighted(g, []int{20, 22, 20, 15, 10, 8, 5})
	}
	weights := make([]int, len(themes[theme]))
	for i, cw := range themes[theme] {
		weights[i] = cw.w
	}
	for tries := 0; len(items) < lines && tries < lines*6; tries++ {
		cands := g.byCat[themes[theme][weighted(g, weights)].cat]
		it := cands[g.r.IntN(len(cands))]
		add(it, g.quantity(it, ch, mult))
	}
	if len(items) == 0 {
		// Nothing of the theme was in the catalog yet; the brick always is.
		it := g.bySKU["BRK-RED-250"]
		add(it, g.quantity(it, ch, mult))
	}
	goods, bulky := false, false
	for _, it := range items {
		if it.Kind == catalog.Goods {
			goods = true
			bulky = bulky || slices.Contains(heavy, it.Category)
		}
	}

	// How it reaches the customer, and the services that go with it (S3, S8).
	o.DeliveryMethod = order.Pickup
	switch {
	case !goods:
	case ch == catalog.B2B && !cu.transport:
		// No vehicles of their own: we deliver to the site, sign the documents and
		// take payment at their office.
		o.DeliveryMethod = order.OwnDelivery
		if g.chance(70) {
			add(g.bySKU["SVC-DLV-SITE-DOCS"], qty.Units(1))
		} else {
			add(g.bySKU[pick(g, []string{"SVC-DLV-CITY", "SVC-DLV-REGION"})], qty.Units(1))
		}
	case ch == catalog.B2B:
		o.DeliveryMethod = pick(g, []order.DeliveryMethod{order.Pickup, order.Pickup, order.OwnDelivery, order.Carrier})
		if o.DeliveryMethod == order.OwnDelivery {
			add(g.bySKU["SVC-DLV-REGION"], qty.Units(1))
		}
	case bulky && g.chance(60):
		o.DeliveryMethod = order.OwnDelivery
		add(g.bySKU[pick(g, []string{"SVC-DLV-CITY", "SVC-DLV-CITY", "SVC-DLV-REGION"})], qty.Units(1))
	case !bulky && g.chance(60):
		o.DeliveryMethod = order.Carrier
		if g.chance(15) {
			add(g.bySKU["SVC-DLV-EXPRESS"], qty.Units(1))
		}
	}
	if o.DeliveryMethod == order.OwnDelivery && bulky && ch == catalog.B2B && g.chance(20) {
		add(g.bySKU["SVC-DLV-CRANE"], qty.Units(1))
	}
	for i := 0; i < len(items); i++ { // items grows; add-ons never trigger add-ons of their own kind
		it, q := items[i], qs[i]
		switch {
		case cu != nil && cu.resale:
			// Bought to sell on: the services go with the resale, not with us.
		case it.Kind == catalog.Licence && ch == catalog.B2B && g.chance(45):
			add(g.bySKU["SVC-MNT-SW-1Y"], q)
			if g.chance(40) {
				add(g.bySKU["SVC-TRN-OFFICE"], qty.Units(int64(g.between(4, 16))))
			}
		case (it.SKU == "MFP-A3-COLOR" || it.SKU == "COPIER-A3-HV" || it.SKU == "PRN-MONO-M") && ch == catalog.B2B && g.chance(60):
			add(g.bySKU["SVC-MNT-PRINTER-1Y"], q)
		case it.Category == "heavy-equipment" && g.chance(30):
			add(g.bySKU["SVC-MNT-EQUIP"], qty.Units(int64(g.between(2, 8))))
		case it.Category == "computers" && it.Kind == catalog.Goods && g.chance(25):
			add(g.bySKU["SVC-INS-PC-SETUP"], q)
		case it.Category == "tiles-flooring" && it.Unit == "m2" && g.chance(12):
			add(g.bySKU["SVC-INS-TILE"], q)
		case it.Category == "office-furniture" && g.chance(15):
			add(g.bySKU["SVC-INS-FURN"], qty.Units(int64(g.between(1, 6))))
		}
	}
	if o.DeliveryMethod != order.Pickup {
		o.DeliveryAddress = g.address(c)
		if cu != nil && (cu.org != nil || g.chance(70)) {
			o.DeliveryAddress = cu.address
		}
		if cu != nil && cu.org != nil && bulky && g.chance(50) {
			o.DeliveryAddress = "Construction site, " + g.address(c)
		}
	}
	if g.chance(12) {
		if ch == catalog.B2B {
			o.Note = pick(g, businessNotes)
			if strings.Contains(o.Note, "%s") {
				o.Note = fmt.Sprintf(o.Note, "45"+digits(g, 8))
			}
		} else {
			o.Note = pick(g, consumerNotes)
		}
	}

	// The prices checkout would have charged on the day.
	for i, it := range items {
		res, err := pricing.Resolve(pricing.Request{SKU: it.SKU, Quantity: qs[i], Buyer: buyer, Channel: ch, At: t,
			TaxRateBP: it.TaxRateBP}, g.base[it.SKU], lists)
		if err != nil {
			panic("demo: " + err.Error())
		}
		l := order.Line{No: i + 1, SKU: it.SKU, Name: it.Name, Kind: it.Kind, Unit: it.Unit, Quantity: qs[i],
			UnitPrice: res.Unit, TaxRateBP: it.TaxRateBP, PriceRule: res.Rule}
		if err := order.PriceLine(&l, o.PricesIncludeTax); err != nil {
			panic("demo: " + err.Error())
		}
		o.Lines = append(o.Lines, l)
	}
	if err := o.Sum(); err != nil {
		panic("demo: " + err.Error())
	}

	// Stock leaves when the order is placed, as in checkout.
	var sales []inventory.Movement
	for i, it := range items {
		if it.Kind.Stocked() {
			sales = append(sales, g.take(it, qs[i], t, o.ID)...)
		}
	}
	if !fresh {
		g.fulfil(&o, goods, sales)
	}
	o.UpdatedAt = o.Transitions[len(o.Transitions)-1].At
	return o
}

// orderable reports whether it may be on an order in channel ch at t: sold there,
// and in the catalog for a day at least.
func (g *gen) orderable(it *item, ch catalog.Channel, t time.Time) bool {
	return it.Sellable(ch) && !it.CreatedAt.After(t.Add(-24*time.Hour))
}

// orderer picks who places an organization's order: usually the people who
// initiate and use purchases, sometimes the boss.
func (g *gen) orderer(cs []party.Contact) string {
	w := make([]int, len(cs))
	for i, c := range cs {
		switch c.Role {
		case party.Initiator, party.User:
			w[i] = 6
		case party.Gatekeeper, party.TechnicalEvaluator:
			w[i] = 3
		default:
			w[i] = 1
		}
	}
	return cs[weighted(g, w)].ID
}

// workingHours moves t into the next working hours, 8:00–18:00 Monday to Saturday.
func (g *gen) workingHours(t time.Time) time.Time {
	d := day(t)
	if t.Hour() >= 18 {
		d = d.AddDate(0, 0, 1)
	} else if t.Hour() >= 8 && t.Weekday() != time.Sunday {
		return t
	}
	if d.Weekday() == time.Sunday {
		d = d.AddDate(0, 0, 1)
	}
	return d.Add(8*time.Hour + g.seconds(0, 2*time.Hour))
}

// fulfil moves an order through its life up to now: confirmed hours after it was
// placed, shipped in 1–3 days and delivered in 1–5 more (picked up or performed
// instead when nothing ships), completed two weeks after delivery; a few are
// cancelled or returned, and their goods go back to stock.
func (g *gen) fulfil(o *order.Order, goods bool, sales []inventory.Movement) {
	t := o.PlacedAt
	fate := g.r.IntN(1000)
	cancel, ret := fate < 50, fate >= 50 && fate < 80
	if o.Channel == catalog.B2B {
		cancel, ret = fate < 40, fate >= 40 && fate < 55
	}
	step := func(to order.Status, after time.Duration, note string) bool {
		at := t.Add(after)
		if to == order.Confirmed || to == order.Shipped {
			at = g.workingHours(at) // staff confirm and ship in working hours
		}
		if at.After(g.now) {
			return false
		}
		if err := order.CheckTransition(o.Status, to); err != nil {
			panic("demo: " + err.Error())
		}
		o.Transitions = append(o.Transitions, order.Transition{From: o.Status, To: to, At: at, By: By, Note: note})
		o.Status, t = to, at
		if order.ReturnsStock(to) {
			g.giveBack(sales, to, at)
		}
		return true
	}
	if cancel && g.chance(50) {
		step(order.Cancelled, g.seconds(10*time.Minute, 20*time.Hour), pick(g, []string{"customer changed their mind", "duplicate order", "payment not received"}))
		return
	}
	if !step(order.Confirmed, g.seconds(15*time.Minute, 8*time.Hour), "") {
		return
	}
	if cancel {
		step(order.Cancelled, g.seconds(2*time.Hour, 48*time.Hour), pick(g, []string{"customer cancelled", "delivery date did not suit the site", "ordered elsewhere"}))
		return
	}
	switch {
	case goods && o.DeliveryMethod != order.Pickup:
		if !step(order.Shipped, g.seconds(24*time.Hour, 72*time.Hour), "") {
			return
		}
		days := 5 * 24 * time.Hour
		if o.DeliveryMethod == order.OwnDelivery {
			days = 2 * 24 * time.Hour
		}
		if !step(order.Delivered, g.seconds(20*time.Hour, days), "") {
			return
		}
	case goods:
		if !step(order.Delivered, g.seconds(2*time.Hour, 72*time.Hour), "picked up") {
			return
		}
	default:
		if !step(order.Delivered, g.seconds(24*time.Hour, 14*24*time.Hour), "service performed") {
			return
		}
	}
	if ret && g.chance(50) {
		step(order.Returned, g.seconds(24*time.Hour, 13*24*time.Hour), pick(g, []string{"wrong colour", "damaged in transit", "not needed"}))
		return
	}
	if !step(order.Completed, g.seconds(14*24*time.Hour, 16*24*time.Hour), "") {
		return
	}
	if ret {
		step(order.Returned, g.seconds(24*time.Hour, 30*24*time.Hour), "warranty return")
	}
}
