package main

import (
	"bufio"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/inventory"
	"b2x/mail/mailtest"
	"b2x/money"
	"b2x/qty"
	"b2x/store"
)

// TestServeRunsJobsAndStopsGracefully: b2x serve works the jobs other processes
// enqueued (an alert), runs the reservation sweep when it starts, and returns
// cleanly when its context ends (SIGTERM).
func TestServeRunsJobsAndStopsGracefully(t *testing.T) {
	dsn := transferDB(t)
	srv := mailtest.Start(t)
	ctx := context.Background()

	// Another process (an operator's import, say) restocks a product someone
	// waits for, and reserves stock that expires before serve starts.
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(db)
	_, err = a.CreateProduct(ctx, operator, app.NewProduct{Product: catalog.Product{SKU: "BRK", Name: "Red brick", Category: "bricks",
		Kind: catalog.Goods, Unit: "pcs", Channels: catalog.Channels{catalog.B2C}, TaxRateBP: 2000},
		Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(120, "EUR")}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.SubscribeBackInStock(ctx, app.Actor{}, app.BackInStockInput{SKU: "BRK", Email: "ann@example.com"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.RecordMovement(ctx, operator, app.MovementInput{SKU: "BRK", Kind: inventory.Receipt, Quantity: qty.Units(5)}); err != nil {
		t.Fatal(err)
	}
	if err := a.Reserve(ctx, operator, app.ReserveInput{SKU: "BRK", Quantity: qty.Units(2), Reference: "cart-1",
		ExpiresAt: time.Now().Add(300 * time.Millisecond)}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	time.Sleep(400 * time.Millisecond)

	serveCtx, stop := context.WithCancel(ctx)
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(serveCtx, []string{"serve", "--db", dsn, "--addr", "127.0.0.1:0", "--smtp", srv.URL(),
			"--mail-from", "Brick Shop <shop@example.com>", "--public-url", "https://shop.example"}, strings.NewReader(""), w, io.Discard)
		w.Close()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "b2x serving on http://127.0.0.1:") {
		t.Fatalf("serve printed %q (%v)", line, err)
	}
	go io.Copy(io.Discard, out)

	m := srv.Wait(t, 1)[0]
	if m.To[0] != "ann@example.com" || m.Header.Get("From") != `"Brick Shop" <shop@example.com>` ||
		!strings.Contains(m.Text, "https://shop.example/en/p/BRK") {
		t.Errorf("alert from %q to %v:\n%s", m.Header.Get("From"), m.To, m.Text)
	}

	db, err = store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		st, _, err := app.New(db).Stock(ctx, operator, "BRK")
		if err != nil {
			t.Fatal(err)
		}
		if st.Reserved == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the expired reservation was not released: %+v", st)
		}
		time.Sleep(20 * time.Millisecond)
	}

	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}
