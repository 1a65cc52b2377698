package app_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/contract"
	"b2x/csvimport"
	"b2x/inventory"
	"b2x/money"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
	"b2x/store/storetest"
)

// benchCatalog fills a fixture with n b2b products in 12 categories, each with
// stock, a base price, a group list price for every other SKU and a contract
// price with two tiers for every SKU, and returns a buyer of the organization.
func benchCatalog(b *testing.B, f *fixture, n int) app.Actor {
	b.Helper()
	for c := range 12 {
		f.must(f.app.UpsertCategory(f.ctx, staffActor, catalog.Category{Slug: fmt.Sprintf("cat-%d", c), Name: fmt.Sprintf("Category %d", c)}))
	}
	rows := make([]csvimport.ProductRow, n)
	stock := make([]csvimport.StockRow, n)
	for i := range n {
		sku := fmt.Sprintf("BENCH-%05d", i)
		rows[i] = csvimport.ProductRow{Row: i + 2, Product: catalog.Product{SKU: sku, Name: fmt.Sprintf("Bench product %d", i),
			Brand: fmt.Sprintf("Brand %d", i%40), Category: fmt.Sprintf("cat-%d", i%12), Kind: catalog.Goods, Unit: "pcs",
			Channels: catalog.Channels{catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000},
			Prices: map[catalog.Channel]money.Amount{catalog.B2B: money.MustNew(int64(100+i%5000), "EUR")}}
		stock[i] = csvimport.StockRow{Row: i + 2, SKU: sku, Kind: inventory.Receipt, Quantity: qty.Units(int64(100_000 + i%900))}
	}
	_, err := f.app.ImportProducts(f.ctx, staffActor, rows, nil)
	f.must(err)
	_, err = f.app.ImportStock(f.ctx, staffActor, stock, nil)
	f.must(err)
	org, err := f.app.CreateOrganization(f.ctx, staffActor, party.Organization{LegalName: "BuildCo", Group: "wholesale",
		PaymentTerms: party.Net30, CreditLimit: money.MustNew(100_000_000, "EUR")})
	f.must(err)
	var group, agreed []pricing.Entry
	for i := range n {
		sku := fmt.Sprintf("BENCH-%05d", i)
		base := int64(100 + i%5000)
		if i%2 == 0 {
			group = append(group, pricing.Entry{SKU: sku, Price: money.MustNew(base*95/100, "EUR")})
		}
		agreed = append(agreed, pricing.Entry{SKU: sku, MinQuantity: qty.Units(10), Price: money.MustNew(base*90/100, "EUR")},
			pricing.Entry{SKU: sku, MinQuantity: qty.Units(100), Price: money.MustNew(base*85/100, "EUR")})
	}
	_, err = f.app.CreatePriceList(f.ctx, staffActor, pricing.PriceList{Name: "Wholesale", Currency: "EUR", Group: "wholesale", Entries: group})
	f.must(err)
	now := time.Now().UTC()
	_, err = f.app.CreateContract(f.ctx, staffActor, contract.Contract{OrganizationID: org.ID, Name: "Frame", Currency: "EUR",
		Prices: agreed, StartsAt: now.Add(-time.Hour), EndsAt: now.AddDate(1, 0, 0)})
	f.must(err)
	c, err := f.app.CreateContact(f.ctx, staffActor, party.Contact{OrganizationID: org.ID, Name: "Bea Buyer"})
	f.must(err)
	return buyerOf(c)
}

// latencies collects one duration per operation from many goroutines, and the
// process's CPU time, which the machine's other load does not inflate the way
// it inflates wall time.
type latencies struct {
	mu  sync.Mutex
	d   []time.Duration
	cpu time.Duration
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (l *latencies) start() { l.cpu = cpuTime() }

func (l *latencies) add(d time.Duration) {
	l.mu.Lock()
	l.d = append(l.d, d)
	l.mu.Unlock()
}

func (l *latencies) report(b *testing.B) {
	slices.Sort(l.d)
	if len(l.d) == 0 {
		return
	}
	at := func(p float64) float64 { return float64(l.d[int(p*float64(len(l.d)-1))].Microseconds()) / 1000 }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
	b.ReportMetric(float64((cpuTime()-l.cpu).Microseconds())/float64(len(l.d)), "cpu-µs/op")
}

// BenchmarkPortalCatalog reads pages of 50 of a 10,000-SKU b2b catalog with the
// organization's contract (two tiers per SKU), group and base prices resolved
// and stock summed, from 16 goroutines, for three kinds of page: after a random
// cursor, the first page of one of 12 categories, and a search by brand (a
// substring scan of the whole catalog until the shop's full-text search lands).
func BenchmarkPortalCatalog(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			f := newFixture(b, storetest.Open(b, engine))
			buyer := benchCatalog(b, f, 10_000)
			for _, kind := range []string{"page", "category", "search"} {
				b.Run(kind, func(b *testing.B) {
					var lat latencies
					var seq atomic.Uint64
					b.SetParallelism(8) // 16 goroutines on 2 cores
					b.ReportAllocs()
					b.ResetTimer()
					lat.start()
					b.RunParallel(func(pb *testing.PB) {
						rng := rand.New(rand.NewPCG(seq.Add(1), 7))
						for pb.Next() {
							q := app.PortalCatalogQuery{Limit: 50}
							switch kind {
							case "page":
								q.After = fmt.Sprintf("BENCH-%05d", rng.IntN(9_900))
							case "category":
								q.Category = fmt.Sprintf("cat-%d", rng.IntN(12))
							default:
								q.Q = fmt.Sprintf("brand %d", rng.IntN(40))
							}
							start := time.Now()
							page, err := f.app.PortalCatalog(f.ctx, buyer, q)
							lat.add(time.Since(start))
							if err != nil || len(page) == 0 || len(page[0].Tiers) < 2 {
								panic(fmt.Sprint(err, len(page)))
							}
						}
					})
					b.StopTimer()
					lat.report(b)
				})
			}
		})
	}
}

// BenchmarkQuickOrder checks and places a 200-line quick order pasted as CSV, one
// at a time: parse, check every line against the catalog, prices and stock,
// place the order with credit checked.
func BenchmarkQuickOrder(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			f := newFixture(b, storetest.Open(b, engine))
			buyer := benchCatalog(b, f, 1_000)
			var csv strings.Builder
			csv.WriteString("sku;quantity\n")
			for i := range 200 {
				fmt.Fprintf(&csv, "BENCH-%05d;%d\n", i*5, 1+i%3)
			}
			text := csv.String()
			b.ReportAllocs()
			b.ResetTimer()
			cpu, n := cpuTime(), 0
			for ; b.Loop(); n++ {
				o, _, err := f.app.QuickOrder(f.ctx, buyer, fmt.Sprintf("quick-%d", n), app.QuickOrderInput{CSV: text})
				if err != nil || len(o.Lines) != 200 {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(n)/1000, "cpu-ms/op")
		})
	}
}

// BenchmarkQuotePDFUseCase renders a 50-line quote through the use case: the
// reads and the PDF.
func BenchmarkQuotePDFUseCase(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			f := &b2bFixture{&quoteFixture{fixture: newFixture(b, storetest.Open(b, engine))}}
			buyer := benchCatalog(b, f.fixture, 50)
			lines := make([]app.QuoteLineInput, 50)
			for i := range lines {
				lines[i] = app.QuoteLineInput{SKU: fmt.Sprintf("BENCH-%05d", i), Quantity: qty.Units(int64(10 + i))}
			}
			q, err := f.app.CreateQuote(f.ctx, staffActor, app.NewQuote{OrganizationID: buyer.OrganizationID, Lines: lines,
				ValidUntil: time.Now().Add(24 * time.Hour), WinningPoints: []string{"Next-day delivery"}})
			f.must(err)
			_, err = f.app.SendQuote(f.ctx, staffActor, q.ID)
			f.must(err)
			var buf bytes.Buffer
			b.ReportAllocs()
			b.ResetTimer()
			cpu, n := cpuTime(), 0
			for ; b.Loop(); n++ {
				buf.Reset()
				if err := f.app.QuotePDF(f.ctx, buyer, q.ID, &buf); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(n)/1000, "cpu-ms/op")
			b.ReportMetric(float64(buf.Len()), "bytes")
		})
	}
}
