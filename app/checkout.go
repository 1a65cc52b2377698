package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/inventory"
	"b2x/order"
	"b2x/pricing"
	"b2x/qty"
	"b2x/store"
)

// CheckoutLine is one line the customer asks for.
type CheckoutLine struct {
	SKU      string       `json:"sku"`
	Quantity qty.Quantity `json:"quantity"`
}

// CheckoutInput is an order as the customer places it. Prices are never taken from
// the customer: Checkout resolves them.
type CheckoutInput struct {
	Channel         catalog.Channel      `json:"channel"`
	Guest           *order.Guest         `json:"guest,omitempty"`
	PersonID        string               `json:"person_id,omitempty"`
	OrganizationID  string               `json:"organization_id,omitempty"`
	ContactID       string               `json:"contact_id,omitempty"`
	Lines           []CheckoutLine       `json:"lines"`
	DeliveryMethod  order.DeliveryMethod `json:"delivery_method,omitempty"`
	DeliveryAddress string               `json:"delivery_address,omitempty"`
	Note            string               `json:"note,omitempty"`
}

// MaxIdempotencyKey bounds the Idempotency-Key a client may send.
const MaxIdempotencyKey = 200

// CheckIdempotencyKey validates a client's Idempotency-Key.
func CheckIdempotencyKey(key string) error {
	if key == "" {
		return errs.Field("Idempotency-Key", "is required so that a retried order is never placed twice")
	}
	if len(key) > MaxIdempotencyKey {
		return errs.Field("Idempotency-Key", "is longer than %d characters", MaxIdempotencyKey)
	}
	for _, r := range key {
		if r < 0x21 || r > 0x7e {
			return errs.Field("Idempotency-Key", "may hold only visible ASCII characters")
		}
	}
	return nil
}

// hash fingerprints the input so a retry with the same key can be told apart from
// a different request that reuses it.
func (in *CheckoutInput) hash() string {
	b, _ := json.Marshal(in)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func (in *CheckoutInput) validate() error {
	var fs errs.Fields
	if !in.Channel.Valid() {
		fs.Add("channel", "must be b2c or b2b")
	}
	who := 0
	for _, set := range []bool{in.Guest != nil, in.PersonID != "", in.OrganizationID != ""} {
		if set {
			who++
		}
	}
	if who != 1 {
		fs.Add("guest", "give exactly one of guest, person_id, organization_id")
	}
	if in.Guest != nil {
		g := in.Guest
		if strings.TrimSpace(g.Name) == "" || len(g.Name) > 200 {
			fs.Add("guest.name", "is required and at most 200 characters")
		}
		if !validEmail(g.Email) {
			fs.Add("guest.email", "is not an email address")
		}
		if len(g.Phone) > 40 {
			fs.Add("guest.phone", "is longer than 40 characters")
		}
		if in.Channel == catalog.B2B {
			fs.Add("channel", "guests order in the b2c channel; b2b orders need an organization")
		}
	}
	for f, id := range map[string]string{"person_id": in.PersonID, "organization_id": in.OrganizationID, "contact_id": in.ContactID} {
		if id != "" && !ids.Valid(id) {
			fs.Add(f, "is not an id")
		}
	}
	if in.ContactID != "" && in.OrganizationID == "" {
		fs.Add("contact_id", "a contact orders for an organization")
	}
	switch {
	case len(in.Lines) == 0:
		fs.Add("lines", "an order needs at least one line")
	case len(in.Lines) > order.MaxLines:
		fs.Add("lines", "an order has at most %d lines", order.MaxLines)
	}
	seen := map[string]bool{}
	for i, l := range in.Lines {
		f := fmt.Sprintf("lines[%d]", i)
		if !catalog.ValidSKU(l.SKU) {
			fs.Add(f+".sku", "is not a valid SKU")
		} else if seen[l.SKU] {
			fs.Add(f+".sku", "%s appears on two lines; put the quantity on one", l.SKU)
		}
		seen[l.SKU] = true
		switch {
		case l.Quantity <= 0:
			fs.Add(f+".quantity", "must be positive")
		case l.Quantity > order.MaxLineQuantity:
			fs.Add(f+".quantity", "must be at most %s", order.MaxLineQuantity)
		}
	}
	if in.DeliveryMethod != "" && !in.DeliveryMethod.Valid() {
		fs.Add("delivery_method", "must be one of pickup, own_delivery, carrier")
	}
	if len(in.DeliveryAddress) > 1000 || len(in.Note) > 2000 {
		fs.Add("delivery_address", "address at most 1000 and note at most 2000 characters")
	}
	return fs.Err()
}

var (
	// errKeyTaken stops a transaction whose Idempotency-Key another request holds.
	errKeyTaken = errors.New("idempotency key taken")
	// errKeyUnknown tells replay found no finished request for the key.
	errKeyUnknown = errors.New("idempotency key unknown")
	// errStalePlan says stock planned from a snapshot was gone by the time of the write.
	errStalePlan = errors.New("stock plan is stale")
)

// Checkout places an order: it resolves every price, takes the stock and writes
// the order in one transaction, so an order either exists whole with its stock
// taken, or not at all. With an idempotency key, a retry of the same request
// returns the first order (replayed is true) and a different request with the
// same key is refused.
func (a *App) Checkout(ctx context.Context, actor Actor, key string, in CheckoutInput) (o order.Order, replayed bool, err error) {
	if key != "" {
		if err := CheckIdempotencyKey(key); err != nil {
			return o, false, err
		}
	}
	if err := in.validate(); err != nil {
		return o, false, err
	}
	if (in.PersonID != "" || in.OrganizationID != "") && !actor.Staff() {
		return o, false, errs.E(errs.Unauthorized, "ordering for a customer account needs a signed-in user")
	}
	if in.DeliveryMethod == "" {
		in.DeliveryMethod = order.Pickup
	}
	hash := in.hash()
	now := a.clock()
	o = order.Order{ID: ids.At(now), Channel: in.Channel, Status: order.Placed, PricesIncludeTax: in.Channel == catalog.B2C,
		DeliveryMethod: in.DeliveryMethod, DeliveryAddress: in.DeliveryAddress, Note: in.Note, PlacedAt: now, UpdatedAt: now,
		Customer:    order.Customer{PersonID: in.PersonID, OrganizationID: in.OrganizationID, ContactID: in.ContactID, Guest: in.Guest},
		Transitions: []order.Transition{{To: order.Placed, At: now, By: actor.Label()}}}

	// Pricing and planning where the stock comes from only read, so they run on the
	// read pool, in parallel with other checkouts; the write transaction then only
	// claims the key, writes the order and takes the planned stock.
	var plans map[string][]inventory.Take
	err = a.read(ctx, func(tx *store.Tx) (err error) {
		plans, err = a.priceOrder(ctx, tx, &in, &o)
		return err
	})
	if err != nil {
		if key != "" {
			// A retry of a request that succeeded gets its order even when it could
			// not be priced again now (a product discontinued since, stock gone).
			if first, replayed, rerr := a.replay(ctx, "order", key, hash, "for a different order"); replayed || errs.CodeOf(rerr) == errs.Invalid {
				return first, replayed, rerr
			}
		}
		return o, false, err
	}
	for attempt := 0; ; attempt++ {
		err = a.write(ctx, func(tx *store.Tx) error {
			if key != "" {
				// On PostgreSQL a concurrent claim of the same key waits here until
				// the first transaction ends, and then finds the key taken.
				ok, err := tx.ClaimIdempotencyKey(ctx, "order", key, store.IdempotentResult{RequestHash: hash, ResultID: o.ID}, now)
				if err != nil {
					return err
				}
				if !ok {
					return errKeyTaken
				}
			}
			if err := tx.InsertOrder(ctx, &o); err != nil {
				return err
			}
			return takeStock(ctx, tx, &o, actor, plans)
		})
		if errors.Is(err, errStalePlan) && attempt == 0 {
			plans = nil // someone took stock since the plan was made: allocate inside the transaction
			continue
		}
		break
	}
	if errors.Is(err, errKeyTaken) {
		return a.replay(ctx, "order", key, hash, "for a different order")
	}
	return o, false, err
}

// replay answers a retried request with the order its first attempt made. scope
// names the kind of request ("order", "quote-accept"); reused says what a key used
// with another body was used for.
func (a *App) replay(ctx context.Context, scope, key, hash, reused string) (o order.Order, replayed bool, err error) {
	err = a.read(ctx, func(tx *store.Tx) error {
		r, err := tx.IdempotentResultFor(ctx, scope, key)
		if err != nil {
			return err
		}
		if r == nil {
			return errKeyUnknown
		}
		if r.RequestHash != hash {
			return errs.Field("Idempotency-Key", "was already used %s; use a new key", reused)
		}
		o, err = tx.Order(ctx, r.ResultID)
		return err
	})
	if errors.Is(err, errKeyUnknown) {
		// The key's first request took it and then rolled back, or is still running.
		return o, false, errs.E(errs.Conflict, "a request with this Idempotency-Key is still in progress; retry shortly")
	}
	return o, err == nil, err
}

// priceOrder fills the order's lines with resolved prices and totals, and plans
// which warehouses each goods line takes from, from the stock as it is now.
func (a *App) priceOrder(ctx context.Context, tx *store.Tx, in *CheckoutInput, o *order.Order) (map[string][]inventory.Take, error) {
	buyer, err := a.buyer(ctx, tx, in)
	if err != nil {
		return nil, err
	}
	skus := make([]string, len(in.Lines))
	for i, l := range in.Lines {
		skus[i] = l.SKU
	}
	products, err := tx.ProductsBySKU(ctx, skus)
	if err != nil {
		return nil, err
	}
	base, err := tx.BasePrices(ctx, skus)
	if err != nil {
		return nil, err
	}
	lists, err := tx.PriceListsFor(ctx, buyer, skus, o.PlacedAt)
	if err != nil {
		return nil, err
	}
	var fs errs.Fields
	for i, l := range in.Lines {
		f := fmt.Sprintf("lines[%d]", i)
		p, ok := products[l.SKU]
		switch {
		case !ok:
			fs.Add(f+".sku", "no product %s", l.SKU)
			continue
		case !p.Sellable(in.Channel):
			fs.Add(f+".sku", "%s is not sold in the %s channel", l.SKU, in.Channel)
			continue
		}
		fs.Wrap("", checkUnit(p, l.Quantity, f+".quantity"))
		res, err := pricing.Resolve(pricing.Request{SKU: l.SKU, Quantity: l.Quantity, Buyer: buyer, Channel: in.Channel,
			At: o.PlacedAt, TaxRateBP: p.TaxRateBP}, base[l.SKU], lists)
		if err != nil {
			fs.Add(f+".sku", "%s has no price", l.SKU)
			continue
		}
		line := order.Line{No: i + 1, SKU: p.SKU, Name: p.Name, Kind: p.Kind, Unit: p.Unit, Quantity: l.Quantity,
			UnitPrice: res.Unit, TaxRateBP: p.TaxRateBP, PriceRule: res.Rule}
		if err := order.PriceLine(&line, o.PricesIncludeTax); err != nil {
			fs.Wrap(f, err)
			continue
		}
		if o.Currency == "" {
			o.Currency = res.Unit.Currency
		} else if o.Currency != res.Unit.Currency {
			fs.Add(f+".sku", "%s is priced in %s, the order in %s; place separate orders", l.SKU, res.Unit.Currency, o.Currency)
		}
		o.Lines = append(o.Lines, line)
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	if err := o.Sum(); err != nil {
		return nil, err
	}
	var stocked []string
	for _, l := range o.Lines {
		if l.Kind.Stocked() {
			stocked = append(stocked, l.SKU)
		}
	}
	levels, err := tx.LevelsOf(ctx, stocked)
	if err != nil {
		return nil, err
	}
	plans := map[string][]inventory.Take{}
	for _, l := range o.Lines {
		if !l.Kind.Stocked() {
			continue
		}
		if plans[l.SKU], err = inventory.Allocate(l.SKU, levels[l.SKU], l.Quantity); err != nil {
			return nil, err
		}
	}
	return plans, nil
}

// takeStock takes the goods of every line, in SKU order so that two orders never
// wait on each other's rows in opposite orders. With plans, each line takes what
// its plan says, and a take that finds the stock gone (errStalePlan) sends the
// caller round again without plans; without plans, it allocates from the levels
// it reads in the transaction.
func takeStock(ctx context.Context, tx *store.Tx, o *order.Order, actor Actor, plans map[string][]inventory.Take) error {
	lines := slices.Clone(o.Lines)
	slices.SortFunc(lines, func(x, y order.Line) int { return strings.Compare(x.SKU, y.SKU) })
	var ms []inventory.Movement
	for _, l := range lines {
		if !l.Kind.Stocked() {
			continue
		}
		takes, planned := plans[l.SKU]
		if !planned {
			levels, err := tx.LockLevels(ctx, l.SKU)
			if err != nil {
				return err
			}
			if takes, err = inventory.Allocate(l.SKU, levels, l.Quantity); err != nil {
				return err
			}
		}
		for _, t := range takes {
			ms = append(ms, inventory.Movement{ID: ids.New(), SKU: l.SKU, Warehouse: t.Warehouse, Kind: inventory.Sale,
				Quantity: -t.Quantity, Reference: o.ID, By: actor.Label(), At: o.PlacedAt})
		}
	}
	err := tx.RecordMovements(ctx, ms)
	if plans != nil && errs.CodeOf(err) == errs.Conflict {
		return errStalePlan
	}
	return err
}

// buyer loads who is buying, for prices; unknown ids are invalid input.
func (a *App) buyer(ctx context.Context, tx *store.Tx, in *CheckoutInput) (pricing.Buyer, error) {
	switch {
	case in.PersonID != "":
		p, err := tx.Person(ctx, in.PersonID)
		if errs.CodeOf(err) == errs.NotFound {
			return pricing.Buyer{}, errs.Field("person_id", "no person %s", in.PersonID)
		}
		return pricing.Buyer{Groups: p.Groups()}, err
	case in.OrganizationID != "":
		org, err := tx.Organization(ctx, in.OrganizationID)
		if errs.CodeOf(err) == errs.NotFound {
			return pricing.Buyer{}, errs.Field("organization_id", "no organization %s", in.OrganizationID)
		}
		if err != nil {
			return pricing.Buyer{}, err
		}
		if in.ContactID != "" {
			c, err := tx.Contact(ctx, in.ContactID)
			if errs.CodeOf(err) == errs.NotFound || (err == nil && c.OrganizationID != org.ID) {
				return pricing.Buyer{}, errs.Field("contact_id", "no contact %s at this organization", in.ContactID)
			}
			if err != nil {
				return pricing.Buyer{}, err
			}
		}
		return pricing.Buyer{OrganizationID: org.ID, Groups: org.Groups()}, nil
	}
	return pricing.Buyer{}, nil
}
