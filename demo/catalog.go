package demo

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"b2x/catalog"
	"b2x/money"
	"b2x/pricing"
	"b2x/qty"
)

var (
	both    = catalog.Channels{catalog.B2B, catalog.B2C}
	b2cOnly = catalog.Channels{catalog.B2C}
	b2bOnly = catalog.Channels{catalog.B2B}
)

// item is a product with what the generator needs to sell it: its net list price
// and the quantities each channel usually orders.
type item struct {
	catalog.Product
	net    int64        // list price, net, in cents
	qc, qb [2]int       // usual order quantity in the b2c and b2b channel, in steps
	step   qty.Quantity // the quantity one step is
	lot    qty.Quantity // what a supplier delivery brings
}

// quantity draws an order quantity for channel ch; big buyers (wholesale, dealers)
// order up to mult times more.
func (g *gen) quantity(it *item, ch catalog.Channel, mult int) qty.Quantity {
	r := it.qb
	if ch == catalog.B2C {
		r = it.qc
	}
	n := g.between(r[0], r[1])
	if mult > 1 {
		n = g.between(n, n*mult)
	}
	return qty.Quantity(n) * it.step
}

// fam is what a family of products shares.
type fam struct {
	cat, brand string
	kind       catalog.Kind // default goods
	unit       string       // default pcs
	ch         catalog.Channels
	qc, qb     [2]int       // usual order quantities in steps, per channel
	step       qty.Quantity // default one unit
	warranty   int
	care       string
	desc       string // the family's description
	specs      string // "Key: value; Key: value" shared by the family
}

// v is one product of a family.
type v struct {
	sku, name string
	net       int64  // net list price in cents
	specs     string // the product's own specification lines
	attrs     string // what distinguishes a variant
	ch        catalog.Channels
	qb        [2]int // the b2b order quantities when they differ from the family's
}

// newFamily starts a family: its products were all added to the catalog on one day.
func (g *gen) newFamily(new bool) time.Time {
	start := g.d.Start
	if new {
		// A new arrival (S22.4): added during the history, not in its last two weeks.
		days := int(g.now.Sub(start).Hours()/24) - 14
		return start.AddDate(0, 0, g.between(20, max(days, 21))).Add(g.seconds(8*time.Hour, 17*time.Hour))
	}
	return start.AddDate(0, 0, -g.between(30, 900)).Add(g.seconds(8*time.Hour, 17*time.Hour))
}

// products adds stand-alone products of one family.
func (g *gen) products(f fam, vs ...v) {
	for _, x := range vs {
		g.add(f, x, "", g.newFamily(g.chance(12)))
	}
}

// variants adds a product and its variants: the first is the parent the others
// name in VariantOf.
func (g *gen) variants(f fam, vs ...v) {
	created := g.newFamily(g.chance(12))
	for i, x := range vs {
		parent := ""
		if i > 0 {
			parent = vs[0].sku
		}
		g.add(f, x, parent, created.Add(time.Duration(i)*time.Minute))
	}
}

func (g *gen) add(f fam, x v, parent string, created time.Time) {
	if f.kind == "" {
		f.kind = catalog.Goods
	}
	if f.unit == "" {
		f.unit = "pcs"
	}
	if f.step == 0 {
		f.step = qty.Units(1)
	}
	ch := f.ch
	if x.ch != nil {
		ch = x.ch
	}
	if ch == nil {
		ch = both
	}
	desc := x.name + ". " + f.desc
	if f.kind == catalog.Goods && ch.Has(catalog.B2B) {
		desc += " Volume prices for businesses; full specification below."
	}
	it := &item{
		Product: catalog.Product{
			ID: g.id(created), SKU: x.sku, VariantOf: parent, VariantAttrs: specs(x.attrs), Name: x.name,
			Description: desc, Brand: f.brand, Category: f.cat, Kind: f.kind, Unit: f.unit, Channels: ch.Normalize(),
			Specs: merge(specs(x.attrs), specs(x.specs), specs(f.specs), general(f)), CareInstructions: f.care, WarrantyMonths: f.warranty,
			Status: catalog.Active, TaxRateBP: VATRateBP, CreatedAt: created, UpdatedAt: created,
		},
		net: x.net, qc: f.qc, qb: f.qb, step: f.step,
	}
	if x.qb[1] > 0 {
		it.qb = x.qb
	}
	if !ch.Has(catalog.B2C) {
		it.qc = [2]int{}
	}
	if !ch.Has(catalog.B2B) {
		it.qb = [2]int{}
	}
	// A supplier delivery covers a good month of a busy SKU.
	it.lot = qty.Quantity(max(it.qc[1]*6, it.qb[1]*3, 10)) * it.step
	g.items = append(g.items, it)
}

// merge joins specification lines; a key given earlier wins over the same key
// later, so a product's own lines override its family's, and a variant's
// attributes are part of its specification.
func merge(lists ...[]catalog.Spec) []catalog.Spec {
	var out []catalog.Spec
	for _, l := range lists {
		for _, s := range l {
			if !slices.ContainsFunc(out, func(o catalog.Spec) bool { return o.Key == s.Key }) {
				out = append(out, s)
			}
		}
	}
	return out
}

// general lists the specification lines every product has: unit of sale,
// warranty. The brand is the product's own field, shown and filtered as such.
func general(f fam) []catalog.Spec {
	out := []catalog.Spec{{Key: "Sold per", Value: unitNames[f.unit]}}
	if f.warranty > 0 {
		out = append(out, catalog.Spec{Key: "Warranty", Value: fmt.Sprintf("%d months", f.warranty)})
	}
	return out
}

var unitNames = map[string]string{"pcs": "piece", "pack": "pack", "pallet": "pallet", "seat": "user (seat)", "m": "metre",
	"m2": "square metre", "m3": "cubic metre", "kg": "kilogram", "t": "tonne", "l": "litre", "h": "hour"}

// specs parses "Key: value; Key: value".
func specs(s string) []catalog.Spec {
	if s == "" {
		return nil
	}
	var out []catalog.Spec
	for _, part := range strings.Split(s, "; ") {
		k, val, _ := strings.Cut(part, ": ")
		out = append(out, catalog.Spec{Key: k, Value: val})
	}
	return out
}

// Base prices. A consumer price is the net list price with VAT, rounded up to a
// price that ends in 9; a business gets 8 % off the list price, net.
func retail(net int64) int64 {
	gross := (net*(10000+VATRateBP) + 5000) / 10000
	if gross >= 1000 {
		return (gross+99)/100*100 - 1 // 12.34 → 12.99
	}
	return (gross+9)/10*10 - 1 // 0.66 → 0.69
}

func wholesale(net int64) int64 { return (net*92 + 50) / 100 }

func (g *gen) catalog() {
	g.categories()
	g.buildingMaterials()
	g.officeEquipment()
	g.software()
	g.services()

	g.bySKU = map[string]*item{}
	g.byCat = map[string][]*item{}
	g.base = map[string][]pricing.BasePrice{}
	for _, it := range g.items {
		if g.bySKU[it.SKU] != nil {
			panic("demo: SKU " + it.SKU + " appears twice")
		}
		g.bySKU[it.SKU] = it
		g.byCat[it.Category] = append(g.byCat[it.Category], it)
		g.d.Products = append(g.d.Products, it.Product)
		// Channels are normalized: b2b sorts before b2c.
		if it.Channels.Has(catalog.B2B) {
			g.base[it.SKU] = append(g.base[it.SKU], pricing.BasePrice{SKU: it.SKU, Channel: catalog.B2B,
				Price: money.Amount{Minor: wholesale(it.net), Currency: Currency}})
		}
		if it.Channels.Has(catalog.B2C) {
			g.base[it.SKU] = append(g.base[it.SKU], pricing.BasePrice{SKU: it.SKU, Channel: catalog.B2C,
				Price: money.Amount{Minor: retail(it.net), Currency: Currency}})
		}
		g.d.Prices = append(g.d.Prices, g.base[it.SKU]...)
	}
}

func (g *gen) categories() {
	tree := []struct{ slug, name, parent string }{
		{"building-materials", "Building materials", ""},
		{"bricks-blocks", "Bricks and blocks", "building-materials"},
		{"cement-mortar", "Cement, mortar and aggregates", "building-materials"},
		{"insulation", "Insulation", "building-materials"},
		{"roofing", "Roofing", "building-materials"},
		{"paint-coatings", "Paint and coatings", "building-materials"},
		{"tiles-flooring", "Tiles and flooring", "building-materials"},
		{"timber-boards", "Timber and boards", "building-materials"},
		{"tools", "Tools", "building-materials"},
		{"heavy-equipment", "Construction equipment", "building-materials"},
		{"office-equipment", "Office equipment", ""},
		{"office-furniture", "Office furniture", "office-equipment"},
		{"computers", "Computers and monitors", "office-equipment"},
		{"printers-copiers", "Printers and copiers", "office-equipment"},
		{"office-supplies", "Office supplies", "office-equipment"},
		{"networking", "Networking and power", "office-equipment"},
		{"software", "Software", ""},
		{"office-software", "Office and productivity software", "software"},
		{"design-software", "Design and engineering software", "software"},
		{"security-software", "Security and backup software", "software"},
		{"business-software", "Business software", "software"},
		{"services", "Services", ""},
		{"delivery", "Delivery", "services"},
		{"installation", "Installation and set-up", "services"},
		{"training", "Training", "services"},
		{"maintenance", "Maintenance and support", "services"},
		{"consulting", "Consulting", "services"},
	}
	for _, c := range tree {
		g.d.Categories = append(g.d.Categories, catalog.Category{Slug: c.slug, Name: c.name, Parent: c.parent})
	}
}

func (g *gen) buildingMaterials() {
	bricks := fam{cat: "bricks-blocks", brand: "Brickford", qc: [2]int{2, 60}, qb: [2]int{4, 96}, step: qty.Units(50),
		desc:  "Fired clay brick for load-bearing and partition walls, chimneys and garden walls; sold by the piece, delivered on pallets.",
		care:  "Store on pallets under cover; lay with mortar of the matching strength class.",
		specs: "Format: 250 × 120 × 65 mm (NF); Standard: EN 771-1; Pieces per pallet: 480"}
	// The seed's brick (S2): one SKU, sold in both channels.
	g.add(bricks, v{sku: "BRK-RED-250", name: "Red solid brick 250×120×65 mm", net: 55,
		specs: "Strength class: M150 (15 N/mm²); Frost resistance: F50; Water absorption: 8–10 %; Weight: 3.6 kg; Thermal conductivity: 0.56 W/(m·K)"},
		"", g.newFamily(false))
	facing := bricks
	facing.desc = "Hollow facing brick with a smooth face for exterior walls; colour-fast, frost resistant."
	facing.specs = "Format: 250 × 120 × 65 mm (NF); Type: hollow, 30 % voids; Strength class: M175; Frost resistance: F100; Standard: EN 771-1"
	g.variants(facing,
		v{sku: "BRK-FACE-RED", name: "Facing brick, red", net: 72, attrs: "Colour: red"},
		v{sku: "BRK-FACE-YEL", name: "Facing brick, straw yellow", net: 78, attrs: "Colour: straw yellow"},
		v{sku: "BRK-FACE-BRN", name: "Facing brick, brown", net: 81, attrs: "Colour: brown"},
		v{sku: "BRK-FACE-WHT", name: "Facing brick, white", net: 89, attrs: "Colour: white"},
		v{sku: "BRK-FACE-GRF", name: "Facing brick, graphite", net: 95, attrs: "Colour: graphite"})
	clinker := facing
	clinker.desc = "Dense clinker brick for facades, paving and plinths that take water and frost."
	clinker.specs = "Format: 250 × 60 × 65 mm; Water absorption: under 6 %; Frost resistance: F300; Strength class: M400"
	g.variants(clinker,
		v{sku: "BRK-CLK-RED", name: "Clinker brick, red", net: 140, attrs: "Colour: red"},
		v{sku: "BRK-CLK-ANT", name: "Clinker brick, anthracite", net: 165, attrs: "Colour: anthracite"})
	fire := bricks
	fire.qc, fire.qb, fire.step = [2]int{10, 200}, [2]int{100, 2000}, qty.Units(1)
	fire.desc = "Fire clay brick for stoves, fireplaces and barbecues."
	g.products(fire, v{sku: "BRK-FIRE-230", name: "Fire brick SB-5, 230×114×65 mm", net: 210,
		specs: "Format: 230 × 114 × 65 mm; Service temperature: up to 1350 °C; Alumina: 28 %"})
	aac := fam{cat: "bricks-blocks", brand: "Aerolite", qc: [2]int{2, 40}, qb: [2]int{20, 600}, step: qty.Units(10),
		desc:  "Autoclaved aerated concrete block: light, warm and quick to lay with thin-bed adhesive.",
		specs: "Density class: D500; Strength class: B2.5; Length × height: 625 × 250 mm; Standard: EN 771-4"}
	g.variants(aac,
		v{sku: "AAC-D500-200", name: "Aerated concrete block D500, 200 mm", net: 365, attrs: "Thickness: 200 mm"},
		v{sku: "AAC-D500-100", name: "Aerated concrete block D500, 100 mm", net: 190, attrs: "Thickness: 100 mm"},
		v{sku: "AAC-D500-150", name: "Aerated concrete block D500, 150 mm", net: 275, attrs: "Thickness: 150 mm"},
		v{sku: "AAC-D500-250", name: "Aerated concrete block D500, 250 mm", net: 455, attrs: "Thickness: 250 mm"},
		v{sku: "AAC-D500-300", name: "Aerated concrete block D500, 300 mm", net: 545, attrs: "Thickness: 300 mm"})
	cb := aac
	cb.brand = "Brickford"
	cb.desc = "Large-format hollow ceramic block for warm single-leaf walls."
	cb.specs = "Strength class: M100; Standard: EN 771-1"
	g.products(cb,
		v{sku: "CB-250", name: "Ceramic block 10.7 NF, 250 mm", net: 180, specs: "Format: 250 × 250 × 219 mm"},
		v{sku: "CB-380", name: "Ceramic block 14.3 NF, 380 mm", net: 260, specs: "Format: 380 × 250 × 219 mm"},
		v{sku: "CB-440", name: "Ceramic block 15.6 NF, 440 mm", net: 310, specs: "Format: 440 × 250 × 219 mm"})

	cement := fam{cat: "cement-mortar", brand: "Cemvex", qc: [2]int{2, 30}, qb: [2]int{40, 1200},
		desc: "Dry mix in moisture-proof bags.", care: "Keep dry; use within 6 months of the packing date.",
		specs: "Packaging: paper bag on pallet"}
	g.variants(cement,
		v{sku: "CEM-II-25KG", name: "Portland composite cement CEM II/A-LL 42.5 R, 25 kg", net: 520, attrs: "Bag: 25 kg", specs: "Standard: EN 197-1"},
		v{sku: "CEM-II-50KG", name: "Portland composite cement CEM II/A-LL 42.5 R, 50 kg", net: 940, attrs: "Bag: 50 kg", specs: "Standard: EN 197-1"})
	g.products(cement,
		v{sku: "CEM-I-50KG", name: "Portland cement CEM I 52.5 N, 50 kg", net: 1090, specs: "Standard: EN 197-1; Bag: 50 kg"},
		v{sku: "MRT-M100-25KG", name: "Masonry mortar M100, 25 kg", net: 450, specs: "Compressive strength: 10 N/mm²; Yield: 15 l per bag"},
		v{sku: "MRT-M150-25KG", name: "Masonry mortar M150, 25 kg", net: 520, specs: "Compressive strength: 15 N/mm²; Yield: 15 l per bag"},
		v{sku: "ADH-TILE-25KG", name: "Tile adhesive C1T, 25 kg", net: 690, specs: "Class: C1T (EN 12004); Open time: 20 min"},
		v{sku: "ADH-FLEX-25KG", name: "Flexible tile adhesive C2TE S1, 25 kg", net: 1290, specs: "Class: C2TE S1 (EN 12004); For: porcelain, underfloor heating"},
		v{sku: "PLS-GYP-30KG", name: "Gypsum plaster, machine and hand, 30 kg", net: 890, specs: "Layer: 5–50 mm; Consumption: 8.5 kg/m² per 10 mm"},
		v{sku: "PLS-CEM-25KG", name: "Cement plaster for facades, 25 kg", net: 620, specs: "Layer: 10–30 mm; Frost resistant"},
		v{sku: "SLF-20KG", name: "Self-levelling floor screed 3–30 mm, 20 kg", net: 990, specs: "Layer: 3–30 mm; Walkable after: 4 h"},
		v{sku: "WPF-2K-20KG", name: "Two-component waterproofing slurry, 20 kg", net: 3490, specs: "Crack bridging: up to 0.75 mm; For: basements, pools, balconies"})
	bulk := cement
	bulk.unit, bulk.qc, bulk.qb, bulk.step = "t", [2]int{2, 10}, [2]int{10, 120}, qty.Units(1)/2
	bulk.desc, bulk.care, bulk.specs = "Bulk aggregate, loaded by weight.", "", "Delivery: bulk or big bag"
	g.products(bulk,
		v{sku: "SND-WASH", name: "Washed building sand 0–4 mm", net: 2800, specs: "Grain: 0–4 mm; Standard: EN 13139"},
		v{sku: "GRV-20-40", name: "Crushed granite gravel 20–40 mm", net: 3400, specs: "Grain: 20–40 mm; Standard: EN 12620"})
	concrete := bulk
	concrete.unit, concrete.ch, concrete.qb = "m3", b2bOnly, [2]int{6, 120}
	concrete.desc = "Ready-mix concrete delivered by truck mixer to the site; pump on request."
	concrete.specs = "Consistency: S3; Max aggregate: 20 mm; Standard: EN 206"
	g.products(concrete,
		v{sku: "RMC-C20", name: "Ready-mix concrete C20/25", net: 8900, specs: "Strength class: C20/25"},
		v{sku: "RMC-C25", name: "Ready-mix concrete C25/30", net: 9600, specs: "Strength class: C25/30"},
		v{sku: "RMC-C30", name: "Ready-mix concrete C30/37", net: 10400, specs: "Strength class: C30/37"})

	ins := fam{cat: "insulation", brand: "Warmwall", unit: "m2", qc: [2]int{20, 240}, qb: [2]int{100, 4000}, step: qty.Units(1) / 2,
		desc: "Thermal insulation sold by the square metre; packs are opened for smaller quantities.",
		care: "Store flat and dry; wear gloves and a dust mask when cutting mineral wool."}
	g.variants(ins,
		v{sku: "MW-ROLL-50", name: "Mineral wool roll, 50 mm", net: 290, attrs: "Thickness: 50 mm", specs: "Thermal conductivity: 0.037 W/(m·K); Fire class: A1"},
		v{sku: "MW-ROLL-100", name: "Mineral wool roll, 100 mm", net: 540, attrs: "Thickness: 100 mm", specs: "Thermal conductivity: 0.037 W/(m·K); Fire class: A1"})
	g.variants(ins,
		v{sku: "MW-SLAB-100", name: "Facade mineral wool slab, 100 mm", net: 1290, attrs: "Thickness: 100 mm", specs: "Density: 135 kg/m³; Thermal conductivity: 0.036 W/(m·K); Fire class: A1"},
		v{sku: "MW-SLAB-50", name: "Facade mineral wool slab, 50 mm", net: 690, attrs: "Thickness: 50 mm", specs: "Density: 135 kg/m³; Thermal conductivity: 0.036 W/(m·K); Fire class: A1"},
		v{sku: "MW-SLAB-150", name: "Facade mineral wool slab, 150 mm", net: 1890, attrs: "Thickness: 150 mm", specs: "Density: 135 kg/m³; Thermal conductivity: 0.036 W/(m·K); Fire class: A1"})
	g.variants(ins,
		v{sku: "EPS-100", name: "EPS 80 insulation board, 100 mm", net: 740, attrs: "Thickness: 100 mm", specs: "Thermal conductivity: 0.036 W/(m·K); Compressive stress: 80 kPa"},
		v{sku: "EPS-50", name: "EPS 80 insulation board, 50 mm", net: 390, attrs: "Thickness: 50 mm", specs: "Thermal conductivity: 0.036 W/(m·K); Compressive stress: 80 kPa"},
		v{sku: "EPS-150", name: "EPS 80 insulation board, 150 mm", net: 1090, attrs: "Thickness: 150 mm", specs: "Thermal conductivity: 0.036 W/(m·K); Compressive stress: 80 kPa"})
	g.variants(ins,
		v{sku: "XPS-50", name: "XPS board for foundations and floors, 50 mm", net: 860, attrs: "Thickness: 50 mm", specs: "Thermal conductivity: 0.034 W/(m·K); Compressive stress: 300 kPa"},
		v{sku: "XPS-30", name: "XPS board for foundations and floors, 30 mm", net: 520, attrs: "Thickness: 30 mm", specs: "Thermal conductivity: 0.034 W/(m·K); Compressive stress: 300 kPa"},
		v{sku: "XPS-100", name: "XPS board for foundations and floors, 100 mm", net: 1690, attrs: "Thickness: 100 mm", specs: "Thermal conductivity: 0.034 W/(m·K); Compressive stress: 300 kPa"})
	g.products(ins,
		v{sku: "PIR-60", name: "PIR roof insulation board, 60 mm", net: 1490, specs: "Thermal conductivity: 0.022 W/(m·K); Facing: aluminium foil"},
		v{sku: "PIR-100", name: "PIR roof insulation board, 100 mm", net: 2290, specs: "Thermal conductivity: 0.022 W/(m·K); Facing: aluminium foil"},
		v{sku: "VB-FILM", name: "Vapour barrier film, 200 µm", net: 65, specs: "Sd value: 50 m; Roll: 2 × 50 m"},
		v{sku: "WB-MEMB", name: "Breathable wind barrier membrane", net: 120, specs: "Sd value: 0.02 m; Roll: 1.5 × 50 m"})

	roof := fam{cat: "roofing", brand: "Rooflex", unit: "m2", qc: [2]int{20, 200}, qb: [2]int{200, 4000}, step: qty.Units(1),
		warranty: 120, desc: "Roofing for pitched roofs from 12°, cut to the length of the roof slope.",
		care:  "Remove the protective film within a month of installation; clean gutters twice a year.",
		specs: "Steel: 0.5 mm, zinc 275 g/m²; Coating: polyester 25 µm"}
	g.variants(roof,
		v{sku: "MT-RED", name: "Metal roof tile, wine red", net: 990, attrs: "Colour: RAL 3005 wine red"},
		v{sku: "MT-BRN", name: "Metal roof tile, chocolate brown", net: 990, attrs: "Colour: RAL 8017 chocolate brown"},
		v{sku: "MT-GRN", name: "Metal roof tile, moss green", net: 990, attrs: "Colour: RAL 6005 moss green"},
		v{sku: "MT-GRF", name: "Metal roof tile, graphite", net: 1040, attrs: "Colour: RAL 7024 graphite"})
	shingles := roof
	shingles.unit, shingles.qc, shingles.qb, shingles.warranty = "pack", [2]int{5, 60}, [2]int{50, 1200}, 240
	shingles.specs, shingles.desc = "Coverage: 3 m² per pack; Base: fibreglass", "Bitumen shingles for roofs from 12°, with self-adhesive strips."
	g.variants(shingles,
		v{sku: "SHG-RED", name: "Bitumen shingles, red", net: 2190, attrs: "Colour: red"},
		v{sku: "SHG-BRN", name: "Bitumen shingles, brown", net: 2190, attrs: "Colour: brown"},
		v{sku: "SHG-GRN", name: "Bitumen shingles, green", net: 2190, attrs: "Colour: green"},
		v{sku: "SHG-GRY", name: "Bitumen shingles, grey", net: 2190, attrs: "Colour: grey"})
	sheet := roof
	sheet.specs, sheet.desc, sheet.warranty = "Profile: C20; Coating: zinc 275 g/m²", "Corrugated steel sheet for roofs, fences and sheds.", 60
	g.products(sheet,
		v{sku: "CRS-0.5", name: "Corrugated steel sheet C20, 0.5 mm", net: 690},
		v{sku: "CRS-0.7", name: "Corrugated steel sheet C20, 0.7 mm", net: 890})
	gutter := roof
	gutter.unit, gutter.qc, gutter.qb, gutter.warranty = "m", [2]int{4, 40}, [2]int{40, 600}, 120
	gutter.specs, gutter.desc = "Steel: 0.6 mm, zinc and polyester coating", "Rainwater system parts, cut to length."
	g.products(gutter,
		v{sku: "GUT-125", name: "Steel gutter, 125 mm", net: 690},
		v{sku: "DP-90", name: "Steel downpipe, 90 mm", net: 590},
		v{sku: "RDG-MT", name: "Ridge cap for metal tiles", net: 790})
	membrane := roof
	membrane.warranty, membrane.specs, membrane.desc = 0, "Roll: 1 × 20 m; Base: polyester", "Self-adhesive underlay for valleys and eaves."
	g.products(membrane, v{sku: "RMB-SA", name: "Self-adhesive roofing underlay", net: 490})
	screws := roof
	screws.unit, screws.qc, screws.qb, screws.warranty = "pack", [2]int{1, 6}, [2]int{6, 120}, 0
	screws.specs, screws.desc = "Size: 4.8 × 35 mm; Pieces per pack: 250; Washer: EPDM", "Self-drilling roofing screws, painted to match."
	g.products(screws, v{sku: "SCR-ROOF-250", name: "Roofing screws 4.8×35 mm, 250 pcs", net: 1290})

	paint := fam{cat: "paint-coatings", brand: "Colorika", qc: [2]int{1, 6}, qb: [2]int{10, 200},
		desc:  "Water-based paint for walls and ceilings; low odour, washable.",
		care:  "Store above 5 °C and close the can tightly; wash tools with water.",
		specs: "Base: acrylic; Finish: deep matt; Coverage: 8–10 m²/l per coat; Washability: class 2 (EN 13300); Drying: 2 h"}
	type colour struct{ code, name string }
	colours := []colour{{"WHT", "white"}, {"IVR", "ivory"}, {"GRY", "pearl grey"}, {"BLU", "sky blue"}, {"GRN", "sage green"}, {"TER", "terracotta"}}
	sizes := []struct {
		code string
		net  int64
	}{{"2.5L", 1490}, {"5L", 2690}, {"10L", 4890}}
	var vs []v
	for _, c := range colours {
		for _, s := range sizes {
			net := s.net
			if c.code != "WHT" {
				net = net * 110 / 100 // tinted
			}
			vol := strings.TrimSuffix(s.code, "L") + " l"
			vs = append(vs, v{sku: "PNT-INT-" + c.code + "-" + s.code, name: "Interior matt paint, " + c.name + ", " + vol,
				net: net, attrs: "Colour: " + c.name + "; Size: " + vol})
		}
	}
	g.variants(paint, vs...)
	facade := paint
	facade.qb = [2]int{5, 120}
	facade.desc = "Silicone-modified facade paint: breathable, water repellent, UV resistant."
	facade.specs = "Base: silicone-acrylic; Finish: matt; Coverage: 6–8 m²/l per coat; Application: +5 to +30 °C"
	vs = nil
	for _, c := range []colour{{"WHT", "white"}, {"SND", "sand"}, {"GRY", "stone grey"}, {"OCH", "ochre"}} {
		for _, s := range []struct {
			code string
			net  int64
		}{{"10L", 5990}, {"20L", 10990}} {
			vol := strings.TrimSuffix(s.code, "L") + " l"
			vs = append(vs, v{sku: "PNT-FAC-" + c.code + "-" + s.code, name: "Facade paint, " + c.name + ", " + vol,
				net: s.net, attrs: "Colour: " + c.name + "; Size: " + vol})
		}
	}
	g.variants(facade, vs...)
	primer := paint
	primer.desc, primer.specs = "Primer that binds dust and evens out absorption before painting or tiling.", "Base: acrylic dispersion; Drying: 1–3 h"
	g.variants(primer,
		v{sku: "PRM-DEEP-5L", name: "Deep penetrating primer, 5 l", net: 1690, attrs: "Size: 5 l"},
		v{sku: "PRM-DEEP-10L", name: "Deep penetrating primer, 10 l", net: 2990, attrs: "Size: 10 l"})
	g.variants(primer,
		v{sku: "PRM-CONT-5L", name: "Concrete contact primer with quartz, 5 l", net: 2190, attrs: "Size: 5 l"},
		v{sku: "PRM-CONT-10L", name: "Concrete contact primer with quartz, 10 l", net: 3890, attrs: "Size: 10 l"})
	g.products(primer, v{sku: "PRM-METAL-0.9L", name: "Anti-rust metal primer, 0.9 l", net: 1290})
	varnish := paint
	varnish.desc, varnish.specs = "Wood varnish for floors, furniture and doors; abrasion resistant.", "Base: polyurethane-acrylic; Finish: satin; Coverage: 10–12 m²/l"
	g.variants(varnish,
		v{sku: "VRN-CLR-0.75L", name: "Wood varnish, clear, 0.75 l", net: 1190, attrs: "Tone: clear; Size: 0.75 l"},
		v{sku: "VRN-CLR-2.5L", name: "Wood varnish, clear, 2.5 l", net: 3290, attrs: "Tone: clear; Size: 2.5 l"},
		v{sku: "VRN-OAK-0.75L", name: "Wood varnish, oak, 0.75 l", net: 1290, attrs: "Tone: oak; Size: 0.75 l"},
		v{sku: "VRN-OAK-2.5L", name: "Wood varnish, oak, 2.5 l", net: 3490, attrs: "Tone: oak; Size: 2.5 l"},
		v{sku: "VRN-WAL-0.75L", name: "Wood varnish, walnut, 0.75 l", net: 1290, attrs: "Tone: walnut; Size: 0.75 l"},
		v{sku: "VRN-WAL-2.5L", name: "Wood varnish, walnut, 2.5 l", net: 3490, attrs: "Tone: walnut; Size: 2.5 l"})
	enamel := paint
	enamel.desc, enamel.specs = "Alkyd enamel for metal and wood, indoors and out.", "Base: alkyd; Finish: gloss; Coverage: 10–14 m²/l"
	vs = nil
	for _, c := range []colour{{"WHT", "white"}, {"BLK", "black"}, {"RED", "red"}, {"BLU", "blue"}, {"GRN", "green"}, {"YEL", "yellow"}} {
		vs = append(vs, v{sku: "ENM-" + c.code + "-0.9L", name: "Alkyd enamel, " + c.name + ", 0.9 l", net: 1090, attrs: "Colour: " + c.name})
	}
	g.variants(enamel, vs...)

	tiles := fam{cat: "tiles-flooring", brand: "Tilemark", unit: "m2", qc: [2]int{10, 120}, qb: [2]int{100, 3000}, step: qty.Units(1) / 2,
		desc: "Tiles sold by the square metre, in whole boxes on request.", care: "Clean with pH-neutral cleaners; reseal grout yearly in wet rooms.",
		specs: "Standard: EN 14411; Rectified: yes"}
	g.products(tiles,
		v{sku: "TIL-WALL-WHT", name: "Wall tile 20×60, glossy white", net: 1890, specs: "Format: 20 × 60 cm; Group: BIII"},
		v{sku: "TIL-WALL-SAGE", name: "Wall tile 20×60, sage", net: 2290, specs: "Format: 20 × 60 cm; Group: BIII"},
		v{sku: "TIL-WALL-MARBLE", name: "Wall tile 30×90, marble look", net: 2690, specs: "Format: 30 × 90 cm; Group: BIII"},
		v{sku: "TIL-FLR-GRY", name: "Floor tile 45×45, grey", net: 2190, specs: "Format: 45 × 45 cm; Slip resistance: R10; Group: BIb"},
		v{sku: "TIL-FLR-SND", name: "Floor tile 45×45, sand", net: 2190, specs: "Format: 45 × 45 cm; Slip resistance: R10; Group: BIb"},
		v{sku: "TIL-FLR-WOOD", name: "Floor tile 20×120, wood look", net: 2590, specs: "Format: 20 × 120 cm; Slip resistance: R10; Group: BIa"},
		v{sku: "PGS-60-GRY", name: "Porcelain stoneware 60×60, concrete grey", net: 3490, specs: "Format: 60 × 60 cm; Slip resistance: R10; PEI: 5"},
		v{sku: "PGS-60-BEI", name: "Porcelain stoneware 60×60, beige", net: 3490, specs: "Format: 60 × 60 cm; Slip resistance: R10; PEI: 5"},
		v{sku: "PGS-120-MARB", name: "Porcelain slab 60×120, polished marble", net: 5990, specs: "Format: 60 × 120 cm; Finish: polished; PEI: 4"},
		v{sku: "PGS-120-CONC", name: "Porcelain slab 60×120, concrete", net: 5490, specs: "Format: 60 × 120 cm; Slip resistance: R11; PEI: 5"})
	floor := tiles
	floor.brand, floor.desc, floor.specs = "Floorway", "Click-fit floor for living rooms, offices and shops.", "Click system: 5G; Standard: EN 13329"
	floor.care = "Acclimatise packs 48 h in the room; clean with a damp, not wet, mop."
	g.variants(floor,
		v{sku: "LAM-OAK-8", name: "Laminate, natural oak, 8 mm", net: 1290, attrs: "Decor: natural oak; Thickness: 8 mm", specs: "Class: AC4 / 32"},
		v{sku: "LAM-OAK-12", name: "Laminate, natural oak, 12 mm", net: 1890, attrs: "Decor: natural oak; Thickness: 12 mm", specs: "Class: AC5 / 33"},
		v{sku: "LAM-ASH-8", name: "Laminate, white ash, 8 mm", net: 1290, attrs: "Decor: white ash; Thickness: 8 mm", specs: "Class: AC4 / 32"},
		v{sku: "LAM-ASH-12", name: "Laminate, white ash, 12 mm", net: 1890, attrs: "Decor: white ash; Thickness: 12 mm", specs: "Class: AC5 / 33"},
		v{sku: "LAM-WAL-8", name: "Laminate, walnut, 8 mm", net: 1390, attrs: "Decor: walnut; Thickness: 8 mm", specs: "Class: AC4 / 32"},
		v{sku: "LAM-WAL-12", name: "Laminate, walnut, 12 mm", net: 1990, attrs: "Decor: walnut; Thickness: 12 mm", specs: "Class: AC5 / 33"},
		v{sku: "LAM-GRY-8", name: "Laminate, grey oak, 8 mm", net: 1290, attrs: "Decor: grey oak; Thickness: 8 mm", specs: "Class: AC4 / 32"},
		v{sku: "LAM-GRY-12", name: "Laminate, grey oak, 12 mm", net: 1890, attrs: "Decor: grey oak; Thickness: 12 mm", specs: "Class: AC5 / 33"})
	g.products(floor,
		v{sku: "LVT-OAK", name: "Vinyl click plank, rustic oak", net: 2490, specs: "Wear layer: 0.55 mm; Waterproof: yes"},
		v{sku: "LVT-STONE", name: "Vinyl click tile, slate", net: 2690, specs: "Wear layer: 0.55 mm; Waterproof: yes"},
		v{sku: "LVT-HERR", name: "Vinyl herringbone, honey oak", net: 2990, specs: "Wear layer: 0.55 mm; Waterproof: yes"},
		v{sku: "UND-3MM", name: "Floor underlay, 3 mm", net: 190, specs: "Impact sound reduction: 18 dB"})
	skirting := floor
	skirting.unit, skirting.qc, skirting.qb, skirting.step = "m", [2]int{5, 60}, [2]int{60, 1200}, qty.Units(1)
	skirting.desc, skirting.specs = "MDF skirting board, 2.4 m lengths cut to order.", "Height: 80 mm; Material: foil-wrapped MDF"
	g.variants(skirting,
		v{sku: "SKR-MDF-WHT", name: "Skirting board 80 mm, white", net: 490, attrs: "Colour: white"},
		v{sku: "SKR-MDF-OAK", name: "Skirting board 80 mm, oak", net: 490, attrs: "Colour: oak"})

	boards := fam{cat: "timber-boards", brand: "Boardex", qc: [2]int{2, 30}, qb: [2]int{30, 600},
		desc: "Sheet material for floors, roofs, walls and furniture.", care: "Store flat, off the ground and under cover."}
	g.variants(boards,
		v{sku: "PLY-12", name: "Birch plywood 1525×1525, 12 mm", net: 2590, attrs: "Thickness: 12 mm", specs: "Glue: FK (E1); Grade: 3/4"},
		v{sku: "PLY-6", name: "Birch plywood 1525×1525, 6 mm", net: 1490, attrs: "Thickness: 6 mm", specs: "Glue: FK (E1); Grade: 3/4"},
		v{sku: "PLY-9", name: "Birch plywood 1525×1525, 9 mm", net: 1990, attrs: "Thickness: 9 mm", specs: "Glue: FK (E1); Grade: 3/4"},
		v{sku: "PLY-15", name: "Birch plywood 1525×1525, 15 mm", net: 3190, attrs: "Thickness: 15 mm", specs: "Glue: FK (E1); Grade: 3/4"},
		v{sku: "PLY-18", name: "Birch plywood 1525×1525, 18 mm", net: 3790, attrs: "Thickness: 18 mm", specs: "Glue: FK (E1); Grade: 3/4"},
		v{sku: "PLY-21", name: "Birch plywood 1525×1525, 21 mm", net: 4490, attrs: "Thickness: 21 mm", specs: "Glue: FK (E1); Grade: 3/4"})
	g.variants(boards,
		v{sku: "OSB-12", name: "OSB/3 board 2500×1250, 12 mm", net: 1590, attrs: "Thickness: 12 mm", specs: "Standard: EN 300 OSB/3"},
		v{sku: "OSB-9", name: "OSB/3 board 2500×1250, 9 mm", net: 1290, attrs: "Thickness: 9 mm", specs: "Standard: EN 300 OSB/3"},
		v{sku: "OSB-15", name: "OSB/3 board 2500×1250, 15 mm", net: 1990, attrs: "Thickness: 15 mm", specs: "Standard: EN 300 OSB/3"},
		v{sku: "OSB-18", name: "OSB/3 board 2500×1250, 18 mm", net: 2390, attrs: "Thickness: 18 mm", specs: "Standard: EN 300 OSB/3"})
	g.products(boards,
		v{sku: "GKB-9.5", name: "Gypsum board 2500×1200, 9.5 mm", net: 590, specs: "Type: A (EN 520)"},
		v{sku: "GKB-12.5", name: "Gypsum board 2500×1200, 12.5 mm", net: 690, specs: "Type: A (EN 520)"},
		v{sku: "GKBI-12.5", name: "Moisture-resistant gypsum board 2500×1200, 12.5 mm", net: 890, specs: "Type: H2 (EN 520)"},
		v{sku: "GKF-12.5", name: "Fire-resistant gypsum board 2500×1200, 12.5 mm", net: 990, specs: "Type: DF (EN 520)"},
		v{sku: "CD-60", name: "Ceiling profile CD 60×27, 3 m", net: 390, specs: "Steel: 0.6 mm galvanised"},
		v{sku: "UD-27", name: "Guide profile UD 28×27, 3 m", net: 290, specs: "Steel: 0.6 mm galvanised"})
	fasteners := boards
	fasteners.brand, fasteners.unit, fasteners.qc, fasteners.qb, fasteners.step = "Handwerk", "kg", [2]int{1, 10}, [2]int{10, 250}, qty.Units(1)/2
	fasteners.desc, fasteners.care = "Sold loose by weight.", "Store dry."
	g.products(fasteners,
		v{sku: "NAIL-100", name: "Construction nails 4.0×100 mm, loose", net: 290, specs: "Size: 4.0 × 100 mm; Finish: bright steel; Approx. pieces per kg: 80"},
		v{sku: "NAIL-ROOF-32", name: "Galvanised roofing nails 3.0×32 mm, loose", net: 490, specs: "Size: 3.0 × 32 mm; Finish: hot-dip galvanised"},
		v{sku: "WIRE-TIE-1.2", name: "Annealed tying wire 1.2 mm", net: 320, specs: "Diameter: 1.2 mm; Coil: about 5 kg"})
	rebar := fasteners
	rebar.cat, rebar.brand, rebar.qc, rebar.qb, rebar.step = "cement-mortar", "Metalform", [2]int{10, 60}, [2]int{50, 2000}, qty.Units(2)
	rebar.desc = "Reinforcing steel in 6 m bars, sold by weight."
	g.products(rebar, v{sku: "REBAR-A500-12", name: "Reinforcing bar A500C, 12 mm", net: 110, specs: "Diameter: 12 mm; Grade: A500C; Length: 6 m; Weight: 0.888 kg/m"})
	timber := boards
	timber.unit, timber.qc, timber.qb, timber.step = "m3", [2]int{1, 8}, [2]int{4, 80}, qty.Units(1)/4
	timber.desc, timber.specs = "Kiln-dried planed softwood, 6 m lengths, sold by volume.", "Species: spruce/pine; Moisture: 18 % ± 2; Grade: C24 (EN 338)"
	g.products(timber,
		v{sku: "TMB-50X100", name: "Planed timber 50×100 mm", net: 39000},
		v{sku: "TMB-50X150", name: "Planed timber 50×150 mm", net: 39000},
		v{sku: "TMB-100X100", name: "Planed timber 100×100 mm", net: 41000},
		v{sku: "TMB-150X150", name: "Planed timber 150×150 mm", net: 43000})

	tools := fam{cat: "tools", brand: "Voltmaster", qc: [2]int{1, 1}, qb: [2]int{1, 12}, warranty: 36,
		desc: "Professional power tool, also right for demanding home projects.",
		care: "Clean vents after use; store in the case; charge batteries at room temperature."}
	g.products(tools,
		v{sku: "DRL-18V", name: "Cordless drill driver 18 V, 2 × 2.0 Ah", net: 8900, specs: "Torque: 60 Nm; Chuck: 13 mm; Weight: 1.4 kg"},
		v{sku: "HDR-800", name: "Hammer drill 800 W", net: 6900, specs: "Power: 800 W; Chuck: 13 mm; Impact rate: 48,000 bpm"},
		v{sku: "RH-SDS-26", name: "Rotary hammer SDS-plus 26 mm", net: 14900, specs: "Power: 850 W; Impact energy: 3 J; Drilling in concrete: 26 mm"},
		v{sku: "AGR-125", name: "Angle grinder 125 mm", net: 6900, specs: "Power: 1100 W; Disc: 125 mm"},
		v{sku: "AGR-230", name: "Angle grinder 230 mm", net: 11900, specs: "Power: 2400 W; Disc: 230 mm"},
		v{sku: "CSW-190", name: "Circular saw 190 mm", net: 12900, specs: "Power: 1400 W; Cutting depth: 66 mm"},
		v{sku: "JSW-650", name: "Jigsaw 650 W", net: 8900, specs: "Power: 650 W; Cutting depth in wood: 90 mm"},
		v{sku: "SND-ORB", name: "Random orbit sander 125 mm", net: 6900, specs: "Power: 350 W; Orbit: 2.5 mm"},
		v{sku: "LVL-LASER", name: "Cross-line laser level with tripod", net: 15900, specs: "Range: 30 m; Accuracy: ±0.3 mm/m"},
		v{sku: "MXR-1600", name: "Paddle mixer 1600 W", net: 13900, specs: "Power: 1600 W; Paddle: 140 mm; Speeds: 2"},
		v{sku: "TIL-CUT-600", name: "Manual tile cutter 600 mm", net: 9900, specs: "Cutting length: 600 mm; Tile thickness: up to 16 mm"},
		v{sku: "HG-2000", name: "Heat gun 2000 W", net: 3900, specs: "Temperature: 50–600 °C"},
		v{sku: "MTR-SAW-254", name: "Sliding mitre saw 254 mm", net: 24900, specs: "Power: 1800 W; Blade: 254 mm; Cutting width: 305 mm"})
	hand := tools
	hand.brand, hand.warranty, hand.qb = "Handwerk", 24, [2]int{2, 40}
	hand.desc, hand.care = "Hand tool for builders and home renovators.", "Keep dry; oil moving parts now and then."
	g.products(hand,
		v{sku: "HMR-500G", name: "Claw hammer 500 g", net: 1490},
		v{sku: "TRW-SET", name: "Trowel set, 4 pieces", net: 2290},
		v{sku: "LVL-80CM", name: "Spirit level 80 cm", net: 1990, specs: "Accuracy: 0.5 mm/m"},
		v{sku: "TAPE-8M", name: "Tape measure 8 m", net: 990},
		v{sku: "KNF-UTIL", name: "Utility knife with 10 blades", net: 690},
		v{sku: "SAW-HAND", name: "Hand saw 500 mm", net: 1790},
		v{sku: "SCRD-SET", name: "Screwdriver set, 12 pieces", net: 2490},
		v{sku: "PLR-SET", name: "Pliers set, 3 pieces", net: 2990})
	gift := hand
	gift.ch, gift.desc = b2cOnly, "A gift box for the home handyman: everything for the first shelf and picture."
	g.products(gift,
		v{sku: "DIY-STARTER-KIT", name: "DIY starter tool kit, gift box", net: 4990, specs: "Pieces: 38"},
		v{sku: "HOME-TOOLKIT-42", name: "Home tool kit in a case, 42 pieces", net: 3490, specs: "Pieces: 42"})
	g.products(fam{cat: "tools", brand: "Voltmaster", ch: b2bOnly, qb: [2]int{1, 6}, warranty: 24,
		desc: "Pneumatic framing nailer for timber frame crews.", care: "Oil daily; drain the compressor tank."},
		v{sku: "NAIL-GUN-PN", name: "Pneumatic framing nailer 50–90 mm", net: 32900, specs: "Nails: 50–90 mm, 21° strip; Pressure: 5–8 bar"})

	heavy := fam{cat: "heavy-equipment", brand: "Stroymash", ch: b2bOnly, qb: [2]int{1, 3}, warranty: 24,
		desc: "Site equipment for construction companies; delivery and commissioning by our service team.",
		care: "Service every 250 operating hours; see the maintenance plan."}
	g.products(heavy,
		v{sku: "CMX-350", name: "Concrete mixer 350 l, 400 V", net: 129000, specs: "Drum: 350 l; Motor: 1.5 kW, 400 V; Output per batch: 240 l"},
		v{sku: "CMX-500", name: "Concrete mixer 500 l, 400 V", net: 189000, specs: "Drum: 500 l; Motor: 2.2 kW, 400 V; Output per batch: 350 l"},
		v{sku: "SCF-SET-100", name: "Frame scaffolding set, 100 m²", net: 349000, specs: "Working height: 10 m; Load class: 3 (200 kg/m²); Standard: EN 12810"},
		v{sku: "SCF-TOWER-6", name: "Mobile scaffold tower, 6 m", net: 159000, specs: "Working height: 6 m; Platform: 2.0 × 0.75 m; Standard: EN 1004"},
		v{sku: "GEN-10KVA", name: "Diesel generator 10 kVA", net: 229000, specs: "Output: 10 kVA, 400/230 V; Tank: 25 l; Noise: 68 dB(A) at 7 m"},
		v{sku: "GEN-30KVA", name: "Diesel generator 30 kVA, canopy", net: 689000, specs: "Output: 30 kVA, 400/230 V; Tank: 90 l; Noise: 65 dB(A) at 7 m"},
		v{sku: "PCMP-90", name: "Plate compactor 90 kg", net: 149000, specs: "Centrifugal force: 18 kN; Plate: 500 × 580 mm; Engine: petrol 4 kW"},
		v{sku: "DMH-30", name: "Demolition hammer 30 kg", net: 119000, specs: "Impact energy: 65 J; Power: 2000 W"},
		v{sku: "CVB-50", name: "Internal concrete vibrator, 50 mm poker", net: 59000, specs: "Poker: 50 mm × 6 m; Frequency: 12,000 vpm"},
		v{sku: "HOIST-500", name: "Building hoist 500 kg", net: 419000, specs: "Load: 500 kg; Lift height: up to 30 m"},
		v{sku: "WLD-INV-250", name: "Welding inverter MMA/TIG 250 A", net: 79000, specs: "Current: 10–250 A; Duty cycle: 60 % at 250 A"},
		v{sku: "DHM-IND", name: "Industrial dehumidifier 90 l/day", net: 99000, specs: "Extraction: 90 l/day; Room: up to 300 m²"})
}

func (g *gen) officeEquipment() {
	furn := fam{cat: "office-furniture", brand: "Deskform", qc: [2]int{1, 2}, qb: [2]int{2, 40}, warranty: 60,
		desc: "Office furniture built for daily use; assembly service available.", care: "Wipe with a damp cloth; no abrasive cleaners."}
	g.variants(furn,
		v{sku: "DESK-120-WHT", name: "Office desk 120×80, white", net: 14900, attrs: "Width: 120 cm; Top: white", specs: "Height: 74 cm; Top thickness: 25 mm melamine"},
		v{sku: "DESK-140-WHT", name: "Office desk 140×80, white", net: 16900, attrs: "Width: 140 cm; Top: white", specs: "Height: 74 cm; Top thickness: 25 mm melamine"},
		v{sku: "DESK-160-WHT", name: "Office desk 160×80, white", net: 18900, attrs: "Width: 160 cm; Top: white", specs: "Height: 74 cm; Top thickness: 25 mm melamine"},
		v{sku: "DESK-120-OAK", name: "Office desk 120×80, oak", net: 16400, attrs: "Width: 120 cm; Top: oak", specs: "Height: 74 cm; Top thickness: 25 mm melamine"},
		v{sku: "DESK-140-OAK", name: "Office desk 140×80, oak", net: 18600, attrs: "Width: 140 cm; Top: oak", specs: "Height: 74 cm; Top thickness: 25 mm melamine"},
		v{sku: "DESK-160-OAK", name: "Office desk 160×80, oak", net: 20800, attrs: "Width: 160 cm; Top: oak", specs: "Height: 74 cm; Top thickness: 25 mm melamine"})
	g.variants(furn,
		v{sku: "CHAIR-ERG-BLK", name: "Ergonomic office chair, black", net: 22900, attrs: "Colour: black", specs: "Mechanism: synchro; Lumbar support: adjustable; Load: 120 kg; Standard: EN 1335"},
		v{sku: "CHAIR-ERG-GRY", name: "Ergonomic office chair, grey", net: 22900, attrs: "Colour: grey", specs: "Mechanism: synchro; Lumbar support: adjustable; Load: 120 kg; Standard: EN 1335"},
		v{sku: "CHAIR-ERG-BLU", name: "Ergonomic office chair, blue", net: 22900, attrs: "Colour: blue", specs: "Mechanism: synchro; Lumbar support: adjustable; Load: 120 kg; Standard: EN 1335"})
	g.products(furn,
		v{sku: "DESK-SIT-STAND", name: "Electric sit-stand desk 160×80", net: 39900, specs: "Height: 62–127 cm; Motors: 2; Memory positions: 4"},
		v{sku: "CHAIR-EXEC", name: "Executive leather chair", net: 44900, specs: "Upholstery: leather; Load: 150 kg"},
		v{sku: "CHAIR-VISITOR", name: "Stackable visitor chair", net: 6900, specs: "Frame: chrome steel; Stackable: 6"},
		v{sku: "CAB-2-DRW", name: "Mobile pedestal, 2 drawers + file", net: 12900, specs: "Lock: central"},
		v{sku: "CAB-4-DRW", name: "Filing cabinet, 4 drawers", net: 21900, specs: "Drawers: 4 × A4 hanging files; Lock: central"},
		v{sku: "SHELF-80", name: "Office shelving 80×190", net: 8900, specs: "Shelves: 5; Load per shelf: 30 kg"},
		v{sku: "SHELF-100", name: "Office shelving 100×190", net: 10900, specs: "Shelves: 5; Load per shelf: 30 kg"},
		v{sku: "MEETTBL-6", name: "Meeting table for 6", net: 49900, specs: "Size: 200 × 100 cm; Cable port: yes", ch: b2bOnly},
		v{sku: "MEETTBL-10", name: "Boardroom table for 10", net: 89900, specs: "Size: 320 × 120 cm; Cable ports: 2", ch: b2bOnly},
		v{sku: "LOCKER-6", name: "Staff locker, 6 doors", net: 34900, specs: "Steel: 0.7 mm; Locks: cylinder", ch: b2bOnly},
		v{sku: "HOME-DESK-COMPACT", name: "Compact home desk 100×50", net: 9900, specs: "Size: 100 × 50 cm", ch: b2cOnly})

	pc := fam{cat: "computers", brand: "Compulink", qc: [2]int{1, 1}, qb: [2]int{2, 30}, warranty: 36,
		desc: "Business-grade device with next-business-day warranty service.", care: "Keep vents free; update firmware through the vendor tool."}
	g.variants(pc,
		v{sku: "LAP-14-I5-16", name: "Business laptop 14\", Core i5, 16 GB, 512 GB SSD", net: 79900, attrs: "CPU: Core i5; RAM: 16 GB", specs: "Display: 14\" 1920×1200 IPS; Storage: 512 GB NVMe; Weight: 1.4 kg; OS: Windows 11 Pro"},
		v{sku: "LAP-14-I7-32", name: "Business laptop 14\", Core i7, 32 GB, 1 TB SSD", net: 109900, attrs: "CPU: Core i7; RAM: 32 GB", specs: "Display: 14\" 1920×1200 IPS; Storage: 1 TB NVMe; Weight: 1.4 kg; OS: Windows 11 Pro"})
	g.variants(pc,
		v{sku: "LAP-15-I5-16", name: "Laptop 15.6\", Core i5, 16 GB, 512 GB SSD", net: 74900, attrs: "CPU: Core i5; RAM: 16 GB", specs: "Display: 15.6\" 1920×1080 IPS; Storage: 512 GB NVMe; Weight: 1.7 kg"},
		v{sku: "LAP-15-I7-32", name: "Laptop 15.6\", Core i7, 32 GB, 1 TB SSD", net: 104900, attrs: "CPU: Core i7; RAM: 32 GB", specs: "Display: 15.6\" 1920×1080 IPS; Storage: 1 TB NVMe; Weight: 1.7 kg"})
	g.variants(pc,
		v{sku: "DSK-SFF-I5", name: "Small form factor PC, Core i5", net: 64900, attrs: "CPU: Core i5", specs: "RAM: 16 GB; Storage: 512 GB NVMe; OS: Windows 11 Pro"},
		v{sku: "DSK-SFF-I7", name: "Small form factor PC, Core i7", net: 84900, attrs: "CPU: Core i7", specs: "RAM: 32 GB; Storage: 1 TB NVMe; OS: Windows 11 Pro"})
	g.products(pc,
		v{sku: "LAP-13-ULTRA", name: "Ultrabook 13\", Core Ultra 7, 32 GB", net: 129900, specs: "Display: 13.3\" 2880×1800 OLED; Weight: 1.1 kg"},
		v{sku: "WKS-CAD", name: "CAD workstation, Xeon, 64 GB, RTX A4000", net: 239900, specs: "CPU: Xeon W-2245; RAM: 64 GB ECC; GPU: RTX A4000 16 GB; Certified for: CAD and BIM", ch: b2bOnly},
		v{sku: "MON-24", name: "Monitor 24\" IPS, height adjustable", net: 15900, specs: "Resolution: 1920×1080; Inputs: HDMI, DP, USB-C"},
		v{sku: "MON-27", name: "Monitor 27\" QHD, USB-C 65 W", net: 22900, specs: "Resolution: 2560×1440; Inputs: HDMI, DP, USB-C 65 W"},
		v{sku: "MON-27-4K", name: "Monitor 27\" 4K, colour calibrated", net: 34900, specs: "Resolution: 3840×2160; Colour: 99 % sRGB, factory calibrated"},
		v{sku: "MON-32-CURVED", name: "Curved monitor 32\" QHD", net: 39900, specs: "Resolution: 2560×1440; Curvature: 1500R"},
		v{sku: "DOCK-USBC", name: "USB-C docking station, 100 W", net: 14900, specs: "Ports: 2 × DP, HDMI, 3 × USB-A, LAN; Power: 100 W"},
		v{sku: "KBD-MS-SET", name: "Wireless keyboard and mouse set", net: 4990, specs: "Layout: US international"},
		v{sku: "HEADSET-PRO", name: "Noise-cancelling headset, USB", net: 8990, specs: "Certified for: Teams, Zoom"},
		v{sku: "WEBCAM-HD", name: "Full HD webcam with privacy shutter", net: 5990, specs: "Resolution: 1080p30"},
		v{sku: "TAB-11", name: "Tablet 11\", 128 GB", net: 39900, specs: "Display: 11\" 2560×1600", ch: b2cOnly},
		v{sku: "LAP-GAMING-16", name: "Gaming laptop 16\", RTX 4070", net: 149900, specs: "Display: 16\" 240 Hz; GPU: RTX 4070 8 GB", ch: b2cOnly})

	prn := fam{cat: "printers-copiers", brand: "Printex", qc: [2]int{1, 1}, qb: [2]int{1, 10}, warranty: 24,
		desc: "Printer for office workgroups; maintenance contracts available.", care: "Use original supplies; keep paper dry."}
	g.products(prn,
		v{sku: "PRN-MONO-S", name: "Mono laser printer, 30 ppm", net: 14900, specs: "Speed: 30 ppm; Duplex: yes; Monthly volume: up to 2,000 pages"},
		v{sku: "PRN-MONO-M", name: "Mono laser printer, 45 ppm, network", net: 34900, specs: "Speed: 45 ppm; Duplex: yes; Network: LAN, Wi-Fi; Monthly volume: up to 10,000 pages"},
		v{sku: "PRN-COLOR-M", name: "Colour laser printer, 35 ppm", net: 49900, specs: "Speed: 35 ppm; Duplex: yes; Network: LAN"},
		v{sku: "MFP-A4-MONO", name: "Mono laser MFP A4, print/scan/copy", net: 39900, specs: "Speed: 40 ppm; Scanner: duplex ADF 50 sheets"},
		v{sku: "MFP-A4-COLOR", name: "Colour laser MFP A4, print/scan/copy/fax", net: 69900, specs: "Speed: 33 ppm; Scanner: duplex ADF 50 sheets"},
		v{sku: "MFP-A3-COLOR", name: "Colour MFP A3, 30 ppm", net: 249900, specs: "Speed: 30 ppm A4; Paper: A6–SRA3; Monthly volume: up to 50,000 pages", ch: b2bOnly},
		v{sku: "COPIER-A3-HV", name: "High-volume A3 copier, 60 ppm, finisher", net: 689000, specs: "Speed: 60 ppm; Finisher: staple, punch; Monthly volume: up to 200,000 pages", ch: b2bOnly},
		v{sku: "PLOTTER-A0", name: "Large-format plotter A0, 36\"", net: 399000, specs: "Width: 914 mm; Resolution: 2400 × 1200 dpi; For: CAD drawings", ch: b2bOnly},
		v{sku: "SCAN-DOC-A4", name: "Document scanner A4, 60 ppm", net: 44900, specs: "Speed: 60 ppm duplex; ADF: 80 sheets"},
		v{sku: "PRN-INKJET-HOME", name: "Home inkjet printer, colour, Wi-Fi", net: 7990, specs: "Speed: 10 ppm; Wi-Fi: yes", ch: b2cOnly})
	supplies := prn
	supplies.warranty, supplies.qc, supplies.qb, supplies.desc = 0, [2]int{1, 3}, [2]int{2, 60}, "Original supplies."
	g.products(supplies,
		v{sku: "TON-BLK-S", name: "Toner cartridge, black, 3,000 pages", net: 6990},
		v{sku: "TON-BLK-M", name: "Toner cartridge, black, 10,000 pages", net: 11900},
		v{sku: "TON-CMY-SET", name: "Toner set cyan/magenta/yellow", net: 24900},
		v{sku: "DRUM-M", name: "Drum unit, 30,000 pages", net: 14900},
		v{sku: "INK-HOME-BLK", name: "Ink cartridge, black", net: 1990, ch: b2cOnly},
		v{sku: "INK-HOME-COL", name: "Ink cartridge, tri-colour", net: 2490, ch: b2cOnly})

	paper := fam{cat: "office-supplies", brand: "Paperline", unit: "pack", qc: [2]int{1, 5}, qb: [2]int{10, 400},
		desc: "Everyday office supplies, delivered with your next order."}
	g.products(paper,
		v{sku: "PAPER-A4-80", name: "Copy paper A4, 80 g/m², 500 sheets", net: 549, specs: "Whiteness: CIE 161"},
		v{sku: "PAPER-A4-BOX", name: "Copy paper A4, 80 g/m², box of 5 reams", net: 2490, specs: "Sheets: 2,500"},
		v{sku: "PAPER-A3-80", name: "Copy paper A3, 80 g/m², 500 sheets", net: 1090},
		v{sku: "PAPER-A4-100", name: "Premium paper A4, 100 g/m², 500 sheets", net: 890},
		v{sku: "PENS-BLU-50", name: "Ballpoint pens, blue, 50 pcs", net: 990},
		v{sku: "MARKERS-4", name: "Whiteboard markers, 4 colours", net: 349},
		v{sku: "BINDER-RING-10", name: "Ring binders A4, 10 pcs", net: 1490},
		v{sku: "NOTEPAD-A5-10", name: "Notepads A5, 10 pcs", net: 1290},
		v{sku: "STAPLES-24-6", name: "Staples 24/6, 5,000 pcs", net: 190})
	desk := paper
	desk.unit, desk.qc, desk.qb, desk.warranty = "pcs", [2]int{1, 2}, [2]int{2, 40}, 24
	g.products(desk,
		v{sku: "FOLDER-LEVER-75", name: "Lever arch file A4, 75 mm", net: 290, specs: "Spine: 75 mm"},
		v{sku: "STAPLER-30", name: "Desk stapler, 30 sheets", net: 890},
		v{sku: "SHREDDER-P4", name: "Paper shredder, security level P-4", net: 19900, specs: "Security level: P-4 (DIN 66399); Sheets: 12"},
		v{sku: "LAMINATOR-A3", name: "Laminator A3", net: 5990},
		v{sku: "WB-120", name: "Magnetic whiteboard 120×90", net: 7990},
		v{sku: "WB-180", name: "Magnetic whiteboard 180×120", net: 12900},
		v{sku: "FLIPCHART", name: "Mobile flipchart", net: 12900},
		v{sku: "LAMP-LED-DESK", name: "LED desk lamp, dimmable", net: 3990, specs: "Colour temperature: 2700–6500 K"},
		v{sku: "PLANNER-WEEKLY", name: "Weekly planner, linen cover", net: 1290, ch: b2cOnly},
		v{sku: "HOME-ORGANIZER-SET", name: "Home office organizer set, bamboo", net: 2490, ch: b2cOnly})

	net := fam{cat: "networking", brand: "Netvia", qc: [2]int{1, 1}, qb: [2]int{1, 12}, warranty: 36,
		desc: "Network and power equipment for offices; installation by our technicians on request.", care: "Keep firmware up to date."}
	g.products(net,
		v{sku: "SW-8P", name: "Unmanaged switch, 8 × 1 Gb", net: 3990},
		v{sku: "SW-24P", name: "Smart managed switch, 24 × 1 Gb + 4 SFP", net: 19900, specs: "VLAN: 802.1Q; Rack mount: 1U"},
		v{sku: "SW-48P-POE", name: "Managed PoE+ switch, 48 ports", net: 89900, specs: "PoE budget: 740 W; Uplinks: 4 × 10 Gb SFP+; Rack mount: 1U", ch: b2bOnly},
		v{sku: "RTR-SMB", name: "Business router, dual WAN, VPN", net: 29900, specs: "WAN: 2 × 1 Gb; VPN: IPsec, WireGuard"},
		v{sku: "AP-WIFI6-IN", name: "Wi-Fi 6 access point, ceiling", net: 17900, specs: "Standard: 802.11ax; Power: PoE"},
		v{sku: "AP-WIFI6-OUT", name: "Wi-Fi 6 access point, outdoor", net: 27900, specs: "Standard: 802.11ax; Protection: IP67"},
		v{sku: "NAS-2BAY", name: "NAS, 2 bays", net: 32900},
		v{sku: "NAS-4BAY", name: "NAS, 4 bays, 10 GbE", net: 64900},
		v{sku: "UPS-1000", name: "UPS 1000 VA, line-interactive", net: 24900, specs: "Output: 1000 VA / 600 W"},
		v{sku: "UPS-3000", name: "UPS 3000 VA, online, rack", net: 119000, specs: "Output: 3000 VA / 2700 W; Rack: 2U", ch: b2bOnly},
		v{sku: "PATCH-1M", name: "Patch cable Cat 6, 1 m", net: 290},
		v{sku: "PATCH-3M", name: "Patch cable Cat 6, 3 m", net: 490},
		v{sku: "RACK-12U", name: "Wall rack 12U", net: 29900},
		v{sku: "RACK-42U", name: "Server rack 42U", net: 99000, ch: b2bOnly},
		v{sku: "FW-SMB", name: "Next-generation firewall for 50 users", net: 79900, ch: b2bOnly},
		v{sku: "MESH-HOME-3", name: "Home mesh Wi-Fi, 3 units", net: 24900, ch: b2cOnly})
	cable := net
	cable.unit, cable.qc, cable.qb, cable.warranty = "m", [2]int{5, 50}, [2]int{100, 3000}, 0
	g.products(cable, v{sku: "CAB-CAT6", name: "Installation cable Cat 6 U/UTP, by the metre", net: 89, specs: "Conductor: solid copper AWG23; Jacket: LSZH"})
}

func (g *gen) software() {
	lic := fam{kind: catalog.Licence, unit: "seat", qc: [2]int{1, 3}, qb: [2]int{5, 120},
		desc:  "Licence per user; the price states exactly what is included — installation, training and support are separate, listed services.",
		specs: "Delivery: electronic key; Updates: included during the term"}
	office := lic
	office.cat, office.brand = "office-software", "Officium"
	g.products(office,
		v{sku: "OFC-STD-1Y", name: "Office suite Standard, 1 year", net: 9900, specs: "Term: 12 months; Apps: word processor, spreadsheet, presentations, mail"},
		v{sku: "OFC-PRO-1Y", name: "Office suite Professional, 1 year", net: 17900, specs: "Term: 12 months; Apps: Standard + database, publisher; Cloud storage: 1 TB"},
		v{sku: "OFC-HOME-1Y", name: "Office suite Home, 1 year", net: 8300, specs: "Term: 12 months; Users: household", ch: b2cOnly},
		v{sku: "PDF-PRO", name: "PDF editor Pro, perpetual", net: 12900, specs: "Term: perpetual; Updates: minor versions"},
		v{sku: "PM-CLOUD-1Y", name: "Project management cloud, 1 year", net: 8400, specs: "Term: 12 months; Hosting: EU"},
		v{sku: "OS-PRO-UPG", name: "Operating system Pro upgrade", net: 9900, specs: "Term: perpetual"})
	design := lic
	design.cat, design.brand = "design-software", "Draftwise"
	g.products(design,
		v{sku: "CAD-PRO-1Y", name: "CAD Professional, 1 year", net: 189000, specs: "Term: 12 months; Platforms: Windows; 2D and 3D", ch: b2bOnly, qb: [2]int{1, 8}},
		v{sku: "CAD-LT-1Y", name: "CAD LT 2D, 1 year", net: 49000, specs: "Term: 12 months; Platforms: Windows, macOS; 2D drafting", qb: [2]int{1, 12}},
		v{sku: "BIM-SUITE-1Y", name: "BIM design suite, 1 year", net: 289000, specs: "Term: 12 months; Formats: IFC, DWG, RVT", ch: b2bOnly, qb: [2]int{1, 6}},
		v{sku: "EST-CONSTR-1Y", name: "Construction estimating software, 1 year", net: 69000, specs: "Term: 12 months; Price databases: quarterly updates", ch: b2bOnly, qb: [2]int{1, 5}})
	sec := lic
	sec.cat, sec.brand = "security-software", "Sentinex"
	g.variants(sec,
		v{sku: "AV-HOME-1Y", name: "Antivirus Home, 1 year", net: 3990, attrs: "Term: 1 year", specs: "Devices per seat: 3", ch: b2cOnly},
		v{sku: "AV-HOME-3Y", name: "Antivirus Home, 3 years", net: 8990, attrs: "Term: 3 years", specs: "Devices per seat: 3", ch: b2cOnly})
	g.products(sec,
		v{sku: "AV-BIZ-1Y", name: "Endpoint protection Business, 1 year", net: 3200, specs: "Term: 12 months; Management: cloud console", ch: b2bOnly},
		v{sku: "EDR-1Y", name: "Endpoint detection and response, 1 year", net: 5900, specs: "Term: 12 months; Retention: 30 days", ch: b2bOnly},
		v{sku: "VPN-1Y", name: "Private VPN, 1 year", net: 4990, specs: "Term: 12 months; Devices: 5", ch: b2cOnly},
		v{sku: "PWD-MGR-1Y", name: "Password manager, 1 year", net: 3600, specs: "Term: 12 months"},
		v{sku: "BKP-CLOUD-1TB-1Y", name: "Cloud backup 1 TB, 1 year", net: 9900, specs: "Term: 12 months; Storage: 1 TB; Hosting: EU"})
	biz := lic
	biz.cat, biz.brand, biz.ch = "business-software", "Ledgerly", b2bOnly
	g.products(biz,
		v{sku: "ACC-SMB-1Y", name: "Accounting for small business, 1 year", net: 39000, specs: "Term: 12 months; E-invoicing: yes", qb: [2]int{1, 6}},
		v{sku: "ERP-SEAT-1Y", name: "ERP named user, 1 year", net: 89000, specs: "Term: 12 months; Modules: finance, purchasing, inventory, sales", qb: [2]int{3, 30}},
		v{sku: "CRM-1Y", name: "CRM named user, 1 year", net: 54000, specs: "Term: 12 months; Hosting: EU", qb: [2]int{2, 25}})
}

func (g *gen) services() {
	svc := fam{kind: catalog.Service, qc: [2]int{1, 1}, qb: [2]int{1, 2}, brand: "b2x Service",
		desc: "Performed by our own staff; the price is fixed and shown before you order."}
	dlv := svc
	dlv.cat = "delivery"
	g.products(dlv,
		v{sku: "SVC-DLV-CITY", name: "Delivery within the city", net: 3900, specs: "Vehicle: van or 3.5 t truck; Unloading: to the kerb"},
		v{sku: "SVC-DLV-REGION", name: "Regional delivery, up to 100 km", net: 8900, specs: "Vehicle: 3.5–12 t truck; Unloading: to the kerb"},
		v{sku: "SVC-DLV-EXPRESS", name: "Express delivery within 4 hours", net: 2900, ch: b2cOnly},
		v{sku: "SVC-DLV-CRANE", name: "Crane truck unloading on site", net: 14900, specs: "Crane: up to 2 t at 8 m", ch: b2bOnly},
		// S3: for customers without their own vehicles.
		v{sku: "SVC-DLV-SITE-DOCS", name: "Delivery to site, documents signed and payment taken at your office", net: 12900,
			specs: "Includes: delivery to the site; signing of delivery documents at the customer's office; payment taken at the office", ch: b2bOnly})
	ins := svc
	ins.cat, ins.unit, ins.qc, ins.qb, ins.step = "installation", "m2", [2]int{10, 80}, [2]int{100, 2000}, qty.Units(1)
	g.products(ins,
		v{sku: "SVC-INS-DRYWALL", name: "Drywall installation, per m²", net: 1800},
		v{sku: "SVC-INS-TILE", name: "Tile laying, per m²", net: 2900},
		v{sku: "SVC-INS-ROOF", name: "Roof covering installation, per m²", net: 1600},
		v{sku: "SVC-INS-INSUL", name: "Insulation installation, per m²", net: 900})
	hourly := svc
	hourly.cat, hourly.unit, hourly.qc, hourly.qb, hourly.step = "installation", "h", [2]int{1, 4}, [2]int{4, 40}, qty.Units(1)/2
	g.products(hourly,
		v{sku: "SVC-INS-FURN", name: "Furniture assembly, per hour", net: 3500},
		v{sku: "SVC-INS-NET", name: "Office network installation, per hour", net: 6500, ch: b2bOnly})
	per := svc
	per.cat, per.qb = "installation", [2]int{1, 20}
	g.products(per,
		v{sku: "SVC-INS-PRINTER", name: "Printer installation and network set-up", net: 7900},
		v{sku: "SVC-INS-PC-SETUP", name: "Computer set-up and data transfer", net: 4900})
	trn := svc
	trn.cat, trn.unit, trn.qb, trn.step = "training", "h", [2]int{4, 32}, qty.Units(1)
	g.products(trn,
		v{sku: "SVC-TRN-OFFICE", name: "Office software training for groups, per hour", net: 9500, specs: "Group: up to 12; Where: on site or online", ch: b2bOnly},
		v{sku: "SVC-TRN-ERP", name: "ERP key-user training, per hour", net: 11900, ch: b2bOnly})
	course := svc
	course.cat, course.unit, course.qb = "training", "seat", [2]int{1, 12}
	g.products(course,
		v{sku: "SVC-TRN-CAD-COURSE", name: "CAD course, 5 days, per participant", net: 49000, specs: "Duration: 5 days; Certificate: yes"},
		v{sku: "SVC-TRN-SAFETY", name: "Site safety training, per participant", net: 12900, specs: "Duration: 1 day", ch: b2bOnly})
	mnt := svc
	mnt.cat, mnt.ch = "maintenance", b2bOnly
	mnt.qb = [2]int{1, 10}
	g.products(mnt,
		v{sku: "SVC-MNT-PRINTER-1Y", name: "Printer maintenance contract, per device, 1 year", net: 19900, specs: "Response: next business day; Includes: parts and labour, not toner"},
		v{sku: "SVC-MNT-IT-MONTH", name: "Managed IT support, per month", net: 49000, specs: "Includes: helpdesk, patching, monitoring for up to 25 users"})
	mntSeat := mnt
	mntSeat.unit, mntSeat.qb = "seat", [2]int{5, 120}
	g.products(mntSeat, v{sku: "SVC-MNT-SW-1Y", name: "Software updates and support, per seat, 1 year", net: 2900, specs: "Response: 4 business hours"})
	mntHour := mnt
	mntHour.unit, mntHour.qb, mntHour.step = "h", [2]int{2, 16}, qty.Units(1)/2
	g.products(mntHour, v{sku: "SVC-MNT-EQUIP", name: "Construction equipment service, per hour", net: 6900})
	cns := svc
	cns.cat, cns.unit, cns.qc, cns.qb, cns.step = "consulting", "h", [2]int{1, 3}, [2]int{2, 24}, qty.Units(1)
	g.products(cns,
		v{sku: "SVC-CNS-IT", name: "IT consulting, per hour", net: 9900, ch: b2bOnly},
		v{sku: "SVC-CNS-ESTIMATE", name: "Construction cost estimate, per hour", net: 6900},
		v{sku: "SVC-CNS-DESIGN", name: "Interior colour and design consultation, per hour", net: 5900, ch: b2cOnly})
}
