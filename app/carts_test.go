package app_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"b2x/account"
	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/money"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
)

var guest = app.Actor{}

type cartLine struct {
	sku string
	q   int64
}

func linesOf(v app.CartView) []cartLine {
	var out []cartLine
	for _, l := range v.Lines {
		out = append(out, cartLine{l.SKU, int64(l.Quantity / qty.Scale)})
	}
	return out
}

func (f *accountFixture) setLine(actor app.Actor, token, sku string, units int64) app.CartView {
	f.t.Helper()
	v, err := f.app.SetCartLine(f.ctx, actor, token, sku, qty.Units(units))
	f.must(err)
	return v
}

func (f *accountFixture) cart(actor app.Actor, token string) app.CartView {
	f.t.Helper()
	v, err := f.app.Cart(f.ctx, actor, token)
	f.must(err)
	return v
}

// seedProducts adds shop products P000… in one transaction: a cart's bound needs
// a hundred of them, and the use case for each would be slow on a busy server.
func (f *accountFixture) seedProducts(n int) {
	f.t.Helper()
	f.must(f.db.Write(f.ctx, func(tx *store.Tx) error {
		for i := range n {
			p := catalog.Product{ID: ids.New(), SKU: fmt.Sprintf("P%03d", i), Name: "Product", Category: "bricks", Kind: catalog.Goods,
				Unit: "pcs", Channels: catalog.Channels{catalog.B2C}, Status: catalog.Active, TaxRateBP: 2000,
				CreatedAt: accountStart, UpdatedAt: accountStart}
			if err := tx.InsertProduct(f.ctx, &p); err != nil {
				return err
			}
		}
		return nil
	}))
}

// seedLines puts one of each of P001…P(n-1) into a cart after its existing lines,
// in one transaction.
func (f *accountFixture) seedLines(cartID string, n int) {
	f.t.Helper()
	f.must(f.db.Write(f.ctx, func(tx *store.Tx) error {
		for i := 1; i < n; i++ {
			if err := tx.SetCartLine(f.ctx, cartID, fmt.Sprintf("P%03d", i), qty.Units(1)); err != nil {
				return err
			}
		}
		return nil
	}))
}

func TestGuestCart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		f.product("BRK", 0)
		f.product("MORTAR", 0)
		_, err := f.app.CreateProduct(f.ctx, staffActor, app.NewProduct{
			Product: catalog.Product{SKU: "PRO-ONLY", Name: "Trade pallet", Category: "bricks", Kind: catalog.Goods, Unit: "pcs",
				Channels: catalog.Channels{catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000},
			Prices: map[catalog.Channel]money.Amount{catalog.B2B: money.MustNew(900, "EUR")}})
		f.must(err)

		if v := f.cart(guest, ""); len(v.Lines) != 0 || !v.UpdatedAt.IsZero() {
			t.Fatalf("no cookie yet: %+v", v)
		}
		v := f.setLine(guest, "", "BRK", 2)
		token := v.Token
		if !account.WellFormed(token) || !slices.Equal(linesOf(v), []cartLine{{"BRK", 2}}) || v.Lines[0].Name != "Product BRK" || !v.Lines[0].Available {
			t.Fatalf("first line %+v", v)
		}
		f.advance(time.Minute)
		v = f.setLine(guest, token, "MORTAR", 1)
		v = f.setLine(guest, token, "BRK", 5)
		if v.Token != "" || !slices.Equal(linesOf(v), []cartLine{{"BRK", 5}, {"MORTAR", 1}}) {
			t.Fatalf("cart %+v", v)
		}
		if got := f.cart(guest, token); !slices.Equal(linesOf(got), linesOf(v)) || !got.UpdatedAt.Equal(accountStart.Add(time.Minute)) {
			t.Errorf("read back %+v", got)
		}
		// Another visitor sees nothing of it; a made-up token gets a cart of its own.
		if other := f.cart(guest, "x"); len(other.Lines) != 0 {
			t.Errorf("another cart leaked: %+v", other)
		}
		made, _, _ := account.NewToken()
		if v := f.setLine(guest, made, "BRK", 1); v.Token == "" || v.Token == made || len(v.Lines) != 1 {
			t.Errorf("an unknown token must get a new server-made cart: %+v", v)
		}

		before := f.accountCounts()
		for _, tc := range []struct {
			sku    string
			q      qty.Quantity
			fields []string
		}{
			{"NOPE", qty.Units(1), []string{"sku"}},
			{"PRO-ONLY", qty.Units(1), []string{"sku"}},
			{"bad sku!", qty.Units(1), []string{"sku"}},
			{"BRK", qty.Units(1) / 2, []string{"quantity"}}, // pieces are whole
			{"BRK", -1, []string{"quantity"}},
			{"BRK", account.MaxCartQuantity + 1, []string{"quantity"}},
		} {
			wantFields(t, errOf(f.app.SetCartLine(f.ctx, guest, token, tc.sku, tc.q)), tc.fields...)
		}
		if after := f.accountCounts(); !mapsEqual(before, after) {
			t.Errorf("refused changes wrote: %v → %v", before, after)
		}

		// A product withdrawn from the shop stays in the cart, marked, and can be removed.
		disc := catalog.Discontinued
		_, err = f.app.UpdateProduct(f.ctx, staffActor, "MORTAR", app.ProductPatch{Status: &disc})
		f.must(err)
		if v := f.cart(guest, token); v.Lines[1].SKU != "MORTAR" || v.Lines[1].Available {
			t.Errorf("withdrawn line %+v", v.Lines)
		}
		wantFields(t, errOf(f.app.SetCartLine(f.ctx, guest, token, "MORTAR", qty.Units(2))), "sku")
		if v := f.setLine(guest, token, "MORTAR", 0); !slices.Equal(linesOf(v), []cartLine{{"BRK", 5}}) {
			t.Errorf("after removal %+v", v)
		}
		// Removing from no cart makes none.
		if v := f.setLine(guest, "", "BRK", 0); v.Token != "" || len(v.Lines) != 0 {
			t.Errorf("removal without a cart: %+v", v)
		}
	})
}

func TestCartLineLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		f.seedProducts(account.MaxCartLines + 1)
		token := f.setLine(guest, "", "P000", 1).Token
		var c store.CartRecord
		f.must(db.Read(f.ctx, func(tx *store.Tx) (err error) { c, err = tx.GuestCart(f.ctx, account.HashToken(token)); return err }))
		f.seedLines(c.ID, account.MaxCartLines)
		wantFields(t, errOf(f.app.SetCartLine(f.ctx, guest, token, fmt.Sprintf("P%03d", account.MaxCartLines), qty.Units(1))), "sku")
		if v := f.setLine(guest, token, "P000", 7); len(v.Lines) != account.MaxCartLines || v.Lines[0].Quantity != qty.Units(7) {
			t.Errorf("a full cart's lines must still change: %d lines", len(v.Lines))
		}
	})
}

// A signed-in person has one cart on every device; signing in merges the guest
// cart into it (quantities summed) and deletes the guest cart.
func TestCartMergeAtSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		for _, sku := range []string{"BRK", "MORTAR", "TROWEL"} {
			f.product(sku, 0)
		}
		ann := f.signUp("Ann", "ann@example.com")
		f.setLine(ann.Actor, "", "BRK", 3)
		f.setLine(ann.Actor, "", "TROWEL", 1)

		g := f.setLine(guest, "", "MORTAR", 2)
		f.setLine(guest, g.Token, "BRK", 4)
		if n, err := f.app.CartLines(f.ctx, guest, g.Token); err != nil || n != 2 {
			t.Errorf("the guest cart's badge: %d, %v", n, err)
		}
		in, err := f.app.SignIn(f.ctx, app.Credentials{Email: "ann@example.com", Password: annPassword, CartToken: g.Token})
		f.must(err)
		want := []cartLine{{"BRK", 7}, {"TROWEL", 1}, {"MORTAR", 2}}
		if got := f.cart(in.Actor, g.Token); !slices.Equal(linesOf(got), want) {
			t.Errorf("merged %v, want %v", linesOf(got), want)
		}
		if got := f.cart(guest, g.Token); len(got.Lines) != 0 {
			t.Errorf("the guest cart outlived the merge: %+v", got)
		}
		if c := f.accountCounts(); c["carts"] != 1 || c["cart_lines"] != 3 {
			t.Errorf("counts %v", c)
		}
		// The badge: the signed-in cart's lines; none for the merged guest cart,
		// a token that names no cart, or no token.
		for _, c := range []struct {
			actor app.Actor
			token string
			want  int
		}{{in.Actor, "", 3}, {guest, g.Token, 0}, {guest, "not-a-token", 0}, {guest, "", 0}} {
			if n, err := f.app.CartLines(f.ctx, c.actor, c.token); err != nil || n != c.want {
				t.Errorf("CartLines(%q, %q) = %d, %v; want %d", c.actor.PersonID, c.token, n, err, c.want)
			}
		}
		// The token of a merged cart merges nothing a second time.
		v, err := f.app.MergeCartIntoAccount(f.ctx, in.Actor, g.Token)
		f.must(err)
		if !slices.Equal(linesOf(v), want) {
			t.Errorf("second merge %v", linesOf(v))
		}

		// A sign-up merges too, and a guest may not merge into anyone.
		g2 := f.setLine(guest, "", "BRK", 1)
		bob, err := f.app.SignUp(f.ctx, app.SignUpInput{Name: "Bob", Email: "bob@example.com", Password: annPassword, CartToken: g2.Token})
		f.must(err)
		if got := f.cart(bob.Actor, ""); !slices.Equal(linesOf(got), []cartLine{{"BRK", 1}}) {
			t.Errorf("bob's cart %v", linesOf(got))
		}
		wantCode(t, errOf(f.app.MergeCartIntoAccount(f.ctx, guest, g.Token)), errs.Unauthorized)
		if got := f.cart(in.Actor, ""); !slices.Equal(linesOf(got), want) {
			t.Errorf("ann's cart changed by bob's sign-up: %v", linesOf(got))
		}
	})
}

// Merging a guest cart into a full person's cart keeps the bound and says what
// was left out; quantities are capped.
func TestCartMergeBounds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		f.seedProducts(account.MaxCartLines + 2)
		ann := f.signUp("Ann", "ann@example.com")
		_, err := f.app.SetCartLine(f.ctx, ann.Actor, "", "P000", account.MaxCartQuantity)
		f.must(err)
		var c store.CartRecord
		f.must(db.Read(f.ctx, func(tx *store.Tx) (err error) { c, err = tx.PersonCart(f.ctx, ann.Actor.PersonID); return err }))
		f.seedLines(c.ID, account.MaxCartLines)
		g := f.setLine(guest, "", "P000", 5)
		f.setLine(guest, g.Token, "P100", 1)
		f.setLine(guest, g.Token, "P101", 1)
		v, err := f.app.MergeCartIntoAccount(f.ctx, ann.Actor, g.Token)
		f.must(err)
		if len(v.Lines) != account.MaxCartLines || v.Lines[0].Quantity != account.MaxCartQuantity ||
			!slices.Equal(v.Dropped, []string{"P100", "P101"}) {
			t.Errorf("%d lines, first %v, dropped %v", len(v.Lines), v.Lines[0].Quantity, v.Dropped)
		}
	})
}

// Concurrent adds to one person's first cart end in one cart with every line.
func TestPersonCartConcurrent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		const n = 8
		for i := range n {
			f.product(fmt.Sprintf("P%d", i), 0)
		}
		ann := f.signUp("Ann", "ann@example.com")
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				_, err := f.app.SetCartLine(f.ctx, ann.Actor, "", fmt.Sprintf("P%d", i), qty.Units(1))
				if err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if c := f.accountCounts(); c["carts"] != 1 || c["cart_lines"] != n {
			t.Errorf("counts %v", c)
		}
	})
}

func TestExpireCarts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		f.product("BRK", 0)
		old := f.setLine(guest, "", "BRK", 1)
		ann := f.signUp("Ann", "ann@example.com")
		f.setLine(ann.Actor, "", "BRK", 1)
		f.advance(account.GuestCartTTL - time.Hour)
		fresh := f.setLine(guest, "", "BRK", 2)
		f.advance(2 * time.Hour)
		n, err := f.app.ExpireCarts(f.ctx)
		if err != nil || n != 1 {
			t.Fatalf("expired %d carts, %v", n, err)
		}
		if len(f.cart(guest, old.Token).Lines) != 0 || len(f.cart(guest, fresh.Token).Lines) != 1 || len(f.cart(ann.Actor, "").Lines) != 1 {
			t.Error("the wrong carts expired")
		}
		if c := f.accountCounts(); c["carts"] != 2 || c["cart_lines"] != 2 {
			t.Errorf("counts %v", c)
		}
	})
}
