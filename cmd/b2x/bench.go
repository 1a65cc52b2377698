package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/csvimport"
	"b2x/errs"
	"b2x/inventory"
	"b2x/money"
	"b2x/qty"
	"b2x/web"
)

// cmdBench measures whole-process throughput through the real HTTP API on the
// database given by --db. It writes benchmark data, so point it at an empty
// database made for the purpose.
//
//	b2x bench checkout --clients 8 --duration 10s   orders/s, beside the engine's single-row insert rate
//	b2x bench catalog --clients 16 --skus 10000      catalog listing latency: category pages, cursor pages, search
//	b2x bench shop --clients 16 --skus 10000         the shop's HTML pages: category, product, search (--pages search)
//	b2x bench crm --deals 10000 --activities 100000  back-office use-case latency (bench_crm.go)
//	b2x bench ops --orders 50000                     back-office order pages' server time (bench_ops.go)
func cmdBench(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "crm" {
		return cmdBenchCRM(ctx, e, args[1:]) // bench_crm.go
	}
	if len(args) > 0 && args[0] == "ops" {
		return cmdBenchOps(ctx, e, args[1:]) // bench_ops.go
	}
	if len(args) == 0 || (args[0] != "checkout" && args[0] != "catalog" && args[0] != "shop") {
		return fmt.Errorf("usage: b2x bench checkout|catalog|shop [--clients N] [--duration D] [--skus N]: %w", errUsage)
	}
	which := args[0]
	fs, dsn := flags("bench "+which, e)
	clients := fs.Int("clients", 8, "concurrent clients")
	duration := fs.Duration("duration", 10*time.Second, "how long each measurement runs")
	skus := fs.Int("skus", 100, "products to create before measuring")
	pages := fs.String("pages", "category,product,search", "bench shop: the kinds of page to measure")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the measurement to this file")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	a, closeDB, err := open(ctx, e, *dsn)
	if err != nil {
		return err
	}
	defer closeDB()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	start := time.Now()
	if err := benchCatalog(ctx, a, *skus); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "engine %s: %d products ready in %s\n", a.DB().Engine(), *skus, time.Since(start).Round(time.Millisecond))

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: web.Handler(a, quiet)}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *clients * 2}}

	if which == "shop" {
		return benchShop(ctx, e, client, base, *clients, *duration, *skus, strings.Split(*pages, ","))
	}
	if which == "catalog" {
		for _, kind := range []string{"category", "page", "search"} {
			r := runLoad(ctx, *clients, *duration, func(rng *rand.Rand) error {
				return get(client, base+catalogURL(kind, rng, *skus))
			})
			fmt.Fprintf(e.stdout, "catalog %s, %d clients: %s\n", kind, *clients, r)
		}
		return nil
	}
	var seq atomic.Int64
	r := runLoad(ctx, *clients, *duration, func(rng *rand.Rand) error {
		return postOrder(client, base, fmt.Sprintf("bench-%d", seq.Add(1)), rng, *skus)
	})
	fmt.Fprintf(e.stdout, "checkout through HTTP, %d clients: %s\n", *clients, r)
	ins, err := insertRate(ctx, a, *clients, *duration)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "engine single-row insert, %d clients: %s\n", *clients, ins)
	fmt.Fprintf(e.stdout, "checkout / insert rate: %.2f\n", r.rate()/ins.rate())
	return nil
}

// benchCatalog creates products BENCH-00000… in 12 categories with a large stock,
// through the bulk import in chunks, by 4 writers at once; a chunk an earlier run
// made (wholly or in part) is made product by product, keeping what exists.
func benchCatalog(ctx context.Context, a *app.App, n int) error {
	if err := a.UpsertWarehouse(ctx, operator, inventory.Warehouse{Code: "MAIN", Name: "Main warehouse"}); err != nil {
		return err
	}
	for c := range 12 {
		if err := a.UpsertCategory(ctx, operator, catalog.Category{Slug: fmt.Sprintf("bench-%d", c), Name: fmt.Sprintf("Bench %d", c)}); err != nil {
			return err
		}
	}
	const chunk = 1000
	var wg sync.WaitGroup
	errc := make(chan error, 4)
	for w := range 4 {
		wg.Go(func() {
			for from := w * chunk; from < n; from += 4 * chunk {
				if err := benchChunk(ctx, a, from, min(from+chunk, n)); err != nil {
					errc <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errc)
	return <-errc
}

func benchProduct(i int) app.NewProduct {
	return app.NewProduct{
		Product: catalog.Product{SKU: fmt.Sprintf("BENCH-%05d", i), Name: fmt.Sprintf("Bench product %d", i), Brand: fmt.Sprintf("Brand %d", i%40),
			Category: fmt.Sprintf("bench-%d", i%12), Kind: catalog.Goods, Unit: "pcs",
			Channels: catalog.Channels{catalog.B2C, catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000,
			Specs: []catalog.Spec{{Key: "Weight", Value: fmt.Sprintf("%d g", 100+i%900)}}},
		Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(int64(100+i%5000), "EUR")},
	}
}

func benchChunk(ctx context.Context, a *app.App, from, to int) error {
	// An earlier run made the chunk if it made its last product (chunks are
	// imported all or nothing): trying again would only leave rolled-back rows
	// behind, which a database without autovacuum keeps.
	if _, err := a.Product(ctx, operator, benchProduct(to-1).Product.SKU); err == nil {
		return nil
	} else if errs.CodeOf(err) != errs.NotFound {
		return err
	}
	var products []csvimport.ProductRow
	var stock []csvimport.StockRow
	for i := from; i < to; i++ {
		p := benchProduct(i)
		products = append(products, csvimport.ProductRow{Row: i - from + 1, Product: p.Product, Prices: p.Prices})
		stock = append(stock, csvimport.StockRow{Row: i - from + 1, SKU: p.Product.SKU, Warehouse: "MAIN",
			Kind: inventory.Receipt, Quantity: qty.Units(1_000_000)})
	}
	if _, err := a.ImportProducts(ctx, operator, products, nil); err == nil {
		_, err = a.ImportStock(ctx, operator, stock, nil)
		return err
	}
	for i := from; i < to; i++ {
		p := benchProduct(i)
		_, err := a.CreateProduct(ctx, operator, p)
		if errs.CodeOf(err) == errs.Conflict {
			continue // made by an earlier run on the same database
		}
		if err == nil {
			_, err = a.RecordMovement(ctx, operator, app.MovementInput{SKU: p.Product.SKU, Kind: inventory.Receipt, Quantity: qty.Units(1_000_000)})
		}
		if err != nil {
			return fmt.Errorf("create %s: %w", p.Product.SKU, err)
		}
	}
	return nil
}

// catalogURL is one public catalog request of a kind: the first page of a
// category, a page further on through a cursor, or a search by brand.
func catalogURL(kind string, rng *rand.Rand, skus int) string {
	switch kind {
	case "category":
		return fmt.Sprintf("/api/v1/products?limit=50&category=bench-%d", rng.IntN(12))
	case "page":
		after := fmt.Sprintf("BENCH-%05d", rng.IntN(skus))
		return "/api/v1/products?limit=50&cursor=" + base64.RawURLEncoding.EncodeToString([]byte(after))
	default:
		return fmt.Sprintf("/api/v1/products?limit=50&q=brand+%d", rng.IntN(40))
	}
}

func get(c *http.Client, url string) error {
	res, err := c.Get(url)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, res.Status)
	}
	return nil
}

func postOrder(c *http.Client, base, key string, rng *rand.Rand, skus int) error {
	var body bytes.Buffer
	body.WriteString(`{"channel":"b2c","guest":{"name":"Bench Buyer","email":"bench@example.com"},"lines":[`)
	first := rng.IntN(skus)
	lines := 1 + rng.IntN(3)
	for l := range lines {
		if l > 0 {
			body.WriteByte(',')
		}
		fmt.Fprintf(&body, `{"sku":"BENCH-%05d","quantity":%d}`, (first+l*7)%skus, 1+rng.IntN(3))
	}
	body.WriteString(`]}`)
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/orders", &body)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", key)
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	msg, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		return fmt.Errorf("POST order: %s %s", res.Status, msg)
	}
	return nil
}

// insertRate measures the engine's own single-row commit rate with the same
// clients and duration: one INSERT per transaction into a scratch table.
func insertRate(ctx context.Context, a *app.App, clients int, d time.Duration) (loadResult, error) {
	db := a.DB()
	if err := db.ExecRaw(ctx, `CREATE TABLE bench_inserts (id TEXT PRIMARY KEY, v BIGINT NOT NULL, at TIMESTAMP NOT NULL)`); err != nil {
		return loadResult{}, err
	}
	defer db.ExecRaw(context.Background(), `DROP TABLE bench_inserts`)
	var seq atomic.Int64
	return runLoad(ctx, clients, d, func(rng *rand.Rand) error {
		n := seq.Add(1)
		return db.ExecRaw(ctx, `INSERT INTO bench_inserts (id, v, at) VALUES ($1, $2, $3)`, fmt.Sprintf("row-%d", n), n, time.Now().UTC())
	}), nil
}

type loadResult struct {
	ok, failed int
	elapsed    time.Duration
	latencies  []time.Duration
	firstErr   error
}

func (r loadResult) rate() float64 { return float64(r.ok) / r.elapsed.Seconds() }

func (r loadResult) String() string {
	p := func(q float64) time.Duration {
		if len(r.latencies) == 0 {
			return 0
		}
		return r.latencies[int(q*float64(len(r.latencies)-1))]
	}
	s := fmt.Sprintf("%d ok in %s = %.0f/s, latency p50 %s p99 %s max %s", r.ok, r.elapsed.Round(time.Millisecond),
		r.rate(), p(0.50).Round(time.Microsecond), p(0.99).Round(time.Microsecond), p(1).Round(time.Microsecond))
	if r.failed > 0 {
		s += fmt.Sprintf("; %d failed, first: %v", r.failed, r.firstErr)
	}
	return s
}

// runLoad calls op from n goroutines for d and gathers every call's latency.
func runLoad(ctx context.Context, n int, d time.Duration, op func(*rand.Rand) error) loadResult {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var mu sync.Mutex
	var r loadResult
	start := time.Now()
	var wg sync.WaitGroup
	for w := range n {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			var lat []time.Duration
			ok, failed := 0, 0
			var firstErr error
			for ctx.Err() == nil {
				t := time.Now()
				err := op(rng)
				if err != nil {
					failed++
					if firstErr == nil {
						firstErr = err
					}
					continue
				}
				ok++
				lat = append(lat, time.Since(t))
			}
			mu.Lock()
			r.ok, r.failed = r.ok+ok, r.failed+failed
			r.latencies = append(r.latencies, lat...)
			if r.firstErr == nil {
				r.firstErr = firstErr
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	r.elapsed = time.Since(start)
	slices.Sort(r.latencies)
	return r
}
