package app_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/csvimport"
	"b2x/inventory"
	"b2x/money"
	"b2x/qty"
	"b2x/search"
	"b2x/store/storetest"
)

// BenchmarkBrowse measures the Browse use case as a shop's pages call it: 16
// goroutines at once, each call timed, p50 and p99 reported beside ns/op. Run
// a fixed count so that every engine and size does the same work:
//
//	go test ./app -run '^$' -bench Browse -benchtime 4000x
//	B2X_BENCH_SKUS=10000,100000 B2X_TEST_POSTGRES=… go test ./app -run '^$' -bench Browse -benchtime 4000x -timeout 60m
//
// "search" is a full-text search with facets (a word, two words, a brand, a
// prefix, an exact SKU, in English and Russian; a colour filter one time in
// four); "category" a category page (top or leaf category, one of four orders,
// pages 1–3, in stock only one time in four). "cold" runs without the listing
// cache, so every call reads its rows from the database; "cached" runs as the
// shop does, after a warm-up of b.N/4 calls that are not measured.
func BenchmarkBrowse(b *testing.B) {
	sizes := []int{10_000}
	if env := os.Getenv("B2X_BENCH_SKUS"); env != "" {
		sizes = nil
		for _, s := range strings.Split(env, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				b.Fatalf("B2X_BENCH_SKUS: %v", err)
			}
			sizes = append(sizes, n)
		}
	}
	for _, engine := range storetest.Engines() {
		for _, n := range sizes {
			b.Run(fmt.Sprintf("%s/%d", engine, n), func(b *testing.B) {
				db := storetest.Open(b, engine)
				ctx := context.Background()
				start := time.Now()
				if err := seedBrowseCatalog(ctx, app.New(db), n); err != nil {
					b.Fatal(err)
				}
				b.Logf("%s: %d SKUs seeded in %s", engine, n, time.Since(start).Round(time.Millisecond))
				cached, cold := app.New(db), app.New(db, app.WithListingTTL(0))
				kinds := []string{"search", "category"}
				if n > 10_000 {
					kinds = kinds[:1] // category pages are measured at 10,000 SKUs
				}
				for _, kind := range kinds {
					for _, c := range []struct {
						name string
						app  *app.App
					}{{"cached", cached}, {"cold", cold}} {
						b.Run(kind+"/"+c.name, func(b *testing.B) {
							query := func(rng *rand.Rand) app.BrowseQuery { return browseQuery(kind, rng, n) }
							if c.name == "cached" {
								warm(c.app, query, b.N/4)
							}
							browseLoad(b, 16, query, c.app)
						})
					}
				}
			})
		}
	}
}

// warm makes n calls from 16 goroutines, as the measurement will.
func warm(a *app.App, query func(*rand.Rand) app.BrowseQuery, n int) {
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w)+100, 7))
			for range n / 16 {
				if _, err := a.Browse(context.Background(), app.Actor{}, query(rng)); err != nil {
					panic(err)
				}
			}
		})
	}
	wg.Wait()
}

// browseLoad runs b.N calls from workers goroutines and reports latency
// percentiles.
func browseLoad(b *testing.B, workers int, query func(*rand.Rand) app.BrowseQuery, a *app.App) {
	ctx := context.Background()
	lat := make([][]time.Duration, workers)
	var wg sync.WaitGroup
	next := make(chan struct{}, b.N)
	for range b.N {
		next <- struct{}{}
	}
	close(next)
	b.ResetTimer()
	cpu := cpuTime()
	for w := range workers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			for range next {
				q := query(rng)
				t := time.Now()
				if _, err := a.Browse(ctx, app.Actor{}, q); err != nil {
					panic(fmt.Sprintf("%+v: %v", q, err))
				}
				lat[w] = append(lat[w], time.Since(t))
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	// The CPU of this process (with SQLite, the engine's too; PostgreSQL's
	// server is another process) varies less than latency on a shared machine.
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
	all := slices.Concat(lat...)
	slices.Sort(all)
	pct := func(p float64) float64 { return float64(all[int(p*float64(len(all)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

// The benchmark catalog: product names from a small vocabulary in English or
// Russian, so a word matches about one product in twenty, as a product type
// does in a real catalog.
var (
	benchNouns = [][2]string{{"drill", "дрель"}, {"brick", "кирпич"}, {"hammer", "молоток"}, {"saw", "пила"},
		{"tile", "плитка"}, {"paint", "краска"}, {"cable", "кабель"}, {"pipe", "труба"}, {"screw", "шуруп"}, {"glue", "клей"}}
	benchAdjectives = [][2]string{{"red", "красный"}, {"cordless", "аккумуляторный"}, {"heavy", "тяжёлый"},
		{"compact", "компактный"}, {"professional", "профессиональный"}}
	benchBrands = []string{"Bosch", "Makita", "DeWalt", "Metabo", "Hilti", "Ryobi", "Stanley", "Knauf", "Ceresit", "Tikkurila",
		"Wienerberger", "Rehau", "Grohe", "Legrand", "Schneider", "Fischer", "Wurth", "Festool", "Milwaukee", "Einhell",
		"Зубр", "Интерскол", "Калибр", "Кратон", "Вихрь", "Диолд", "Энкор", "Ставр", "Бирюса", "Кедр",
		"Vortek", "Maxpro", "Tekra", "Solido", "Brixa", "Kerama", "Plito", "Aquaris", "Voltra", "Stroyka"}
	benchColours   = []string{"red", "white", "black", "grey", "blue", "green", "yellow", "brown"}
	benchMaterials = []string{"steel", "aluminium", "plastic", "ceramic", "wood", "rubber"}
	benchSizes     = []string{"S", "M", "L", "XL"}
	benchTops      = []string{"tools", "building", "finishing", "electrical"}
)

func benchSKU(i int) string { return fmt.Sprintf("BR-%06d", i) }

// benchCategory is the leaf category of a noun: tools/drills-and-saws …
func benchCategory(noun int) string { return fmt.Sprintf("%s-%d", benchTops[noun%4], noun%3) }

// seedBrowseCatalog imports n products in batches, as b2x import would, with
// stock for two products in three.
func seedBrowseCatalog(ctx context.Context, a *app.App, n int) error {
	if err := a.UpsertWarehouse(ctx, staffActor, inventory.Warehouse{Code: "MAIN", Name: "Main"}); err != nil {
		return err
	}
	for _, top := range benchTops {
		if err := a.UpsertCategory(ctx, staffActor, catalog.Category{Slug: top, Name: top}); err != nil {
			return err
		}
		for leaf := range 3 {
			slug := fmt.Sprintf("%s-%d", top, leaf)
			if err := a.UpsertCategory(ctx, staffActor, catalog.Category{Slug: slug, Name: slug, Parent: top}); err != nil {
				return err
			}
		}
	}
	const batch = 5000
	for from := 0; from < n; from += batch {
		var rows []csvimport.ProductRow
		var stock []csvimport.StockRow
		for i := from; i < min(n, from+batch); i++ {
			noun, adj, lang := i%len(benchNouns), (i/7)%len(benchAdjectives), (i/len(benchNouns))%2
			brand := benchBrands[(i/3)%len(benchBrands)]
			name := fmt.Sprintf("%s %s %s %s-%d", benchAdjectives[adj][lang], benchNouns[noun][lang], brand,
				strings.ToUpper(benchNouns[noun][0][:2]), i%1000)
			specs := []catalog.Spec{{Key: "Colour", Value: benchColours[i%len(benchColours)]},
				{Key: "Material", Value: benchMaterials[(i/5)%len(benchMaterials)]},
				{Key: "Weight", Value: fmt.Sprintf("%d g", 100+(i*37)%900)}}
			if i%4 == 0 {
				specs = append(specs, catalog.Spec{Key: "Size", Value: benchSizes[(i/4)%len(benchSizes)]})
			}
			p := catalog.Product{SKU: benchSKU(i), Name: name, Brand: brand, Category: benchCategory(noun), Kind: catalog.Goods,
				Unit: "pcs", Channels: catalog.Channels{catalog.B2C, catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000,
				Specs: specs, Description: fmt.Sprintf("A %s %s for building work.", benchAdjectives[adj][0], benchNouns[noun][0])}
			rows = append(rows, csvimport.ProductRow{Row: i + 2, Product: p,
				Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(int64(100+(i*7919)%50000), "EUR")}})
			if i%3 != 0 {
				stock = append(stock, csvimport.StockRow{Row: i + 2, SKU: p.SKU, Warehouse: "MAIN", Kind: inventory.Receipt,
					Quantity: qty.Units(int64(1 + i%50))})
			}
		}
		if _, err := a.ImportProducts(ctx, staffActor, rows, nil); err != nil {
			return err
		}
		if _, err := a.ImportStock(ctx, staffActor, stock, nil); err != nil {
			return err
		}
	}
	return nil
}

// browseQuery is one shopper's request of a kind.
func browseQuery(kind string, rng *rand.Rand, n int) app.BrowseQuery {
	if kind == "category" {
		cat := benchTops[rng.IntN(len(benchTops))]
		if rng.IntN(2) == 0 {
			cat = fmt.Sprintf("%s-%d", cat, rng.IntN(3))
		}
		sorts := []search.Sort{search.Newest, search.PriceAsc, search.PriceDesc, search.Name}
		q := app.BrowseQuery{Category: cat, Sort: sorts[rng.IntN(len(sorts))], Page: 1 + rng.IntN(3)}
		if rng.IntN(4) == 0 {
			q.InStock = true
		}
		return q
	}
	noun, adj, lang := benchNouns[rng.IntN(len(benchNouns))], benchAdjectives[rng.IntN(len(benchAdjectives))], rng.IntN(2)
	texts := []string{
		noun[0] + "s",                           // "drills": stemmed
		noun[1],                                 // "дрель"
		adj[lang] + " " + noun[lang],            // two words
		benchBrands[rng.IntN(len(benchBrands))], // a brand
		noun[1][:len(noun[1])-2],                // a prefix: "дрел"
		benchSKU(rng.IntN(n)),                   // an exact SKU
	}
	q := app.BrowseQuery{Text: texts[rng.IntN(len(texts))]}
	if rng.IntN(4) == 0 {
		q.Attrs = map[string][]string{"Colour": {benchColours[rng.IntN(len(benchColours))]}}
	}
	return q
}
