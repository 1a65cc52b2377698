package app

import (
	"bufio"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/inventory"
	"b2x/money"
	"b2x/order"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
	"b2x/staff"
	"b2x/store"
)

// Quick order (S23: passive sales through wholesale online ordering): a buyer who
// knows what they need types or pastes SKUs and quantities, or uploads them as
// CSV, and every line is checked against the catalog before anything is placed.
// Problems are reported per line as field "line N" (N counts from 1, as a person
// numbers the lines of a file or a form).

// QuickOrderLine is one SKU and quantity of a quick order.
type QuickOrderLine struct {
	SKU      string
	Quantity qty.Quantity
	// Line is the line of the text the line came from (ParseQuickOrder), for
	// problems; zero for a form's lines, which are numbered by position.
	Line int
}

// QuickOrderInput is a quick order: Lines (a form), or CSV text when Lines is
// empty. Delivery and note are as for any order.
type QuickOrderInput struct {
	Lines           []QuickOrderLine
	CSV             string
	DeliveryMethod  order.DeliveryMethod
	DeliveryAddress string
	Note            string
}

// MaxQuickOrderText bounds the CSV text of a quick order; a file of the maximum
// number of order lines fits many times over.
const MaxQuickOrderText = 256 << 10

// ParseQuickOrder reads quick-order text: one line per SKU with the SKU and the
// quantity separated by a semicolon, a comma, a tab or spaces. Blank lines and a
// first line headed "sku" are skipped. With a semicolon or tab separator the
// quantity may use a decimal comma ("2,5"), as spreadsheets in much of Europe
// write it. Every bad line is reported as "line N".
func ParseQuickOrder(text string) ([]QuickOrderLine, error) {
	if len(text) > MaxQuickOrderText {
		return nil, errs.FieldKey("csv", "err.qo.csv_long", "is longer than {max} bytes", "max", MaxQuickOrderText)
	}
	if !utf8.ValidString(text) {
		return nil, errs.FieldKey("csv", "err.not_utf8", "is not valid UTF-8")
	}
	var out []QuickOrderLine
	var fs errs.Fields
	sc := bufio.NewScanner(strings.NewReader(strings.TrimPrefix(text, "\uFEFF")))
	sc.Buffer(make([]byte, 0, 4096), MaxQuickOrderText)
	for n := 1; sc.Scan(); n++ {
		raw := strings.TrimSpace(sc.Text())
		if raw == "" {
			continue
		}
		field := fmt.Sprintf("line %d", n)
		cells, decimalComma := splitQuickLine(raw)
		if len(out) == 0 && len(fs) == 0 && strings.EqualFold(strings.Trim(cells[0], `"`), "sku") {
			continue // a header
		}
		if len(cells) != 2 {
			fs.AddKey(field, "err.qo.line_shape", `write a SKU and a quantity, e.g. "BRK-RED;500"`)
			continue
		}
		sku, q := strings.Trim(cells[0], `" `), strings.Trim(cells[1], `" `)
		if decimalComma {
			q = strings.Replace(q, ",", ".", 1)
		}
		quantity, err := qty.Parse(q)
		switch {
		case !catalog.ValidSKU(sku):
			fs.AddKey(field, "err.qo.sku", `"{sku}" is not a valid SKU`, "sku", sku)
		case err != nil:
			fs.AddKey(field, "err.qo.quantity_nan", `quantity "{quantity}" is not a number`, "quantity", cells[1])
		default:
			out = append(out, QuickOrderLine{SKU: sku, Quantity: quantity, Line: n})
		}
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, errs.FieldKey("csv", "err.qo.empty", "has no lines; write one SKU and quantity per line")
	}
	return out, nil
}

// splitQuickLine splits a line at its separator and says whether a decimal comma
// may be used.
func splitQuickLine(s string) ([]string, bool) {
	for _, sep := range []string{";", "\t"} {
		if strings.Contains(s, sep) {
			return trimAll(strings.Split(s, sep)), true
		}
	}
	if strings.Contains(s, ",") {
		return trimAll(strings.Split(s, ",")), false
	}
	return strings.Fields(s), false
}

func trimAll(ss []string) []string {
	for i := range ss {
		ss[i] = strings.TrimSpace(ss[i])
	}
	// A trailing separator ("BRK;5;") leaves an empty last cell.
	for len(ss) > 2 && ss[len(ss)-1] == "" {
		ss = ss[:len(ss)-1]
	}
	return ss
}

// QuickOrderCheckLine is one line of a checked quick order: the product, its
// price for the organization at that quantity, and the stock available now.
type QuickOrderCheckLine struct {
	Line      int   // the first input line (from 1) of this SKU
	Also      []int // the other input lines of the SKU, added up on this one
	Product   catalog.Product
	Quantity  qty.Quantity
	Price     pricing.Resolution
	Net       money.Amount
	Stocked   bool
	Available qty.Quantity // goods only
	// Short is how much of a goods line is not in stock now; the order is refused
	// while any line is short.
	Short qty.Quantity
}

// QuickOrderCheck is a quick order checked line by line, before placing it.
type QuickOrderCheck struct {
	Lines []QuickOrderCheckLine
	// Merged lists the SKUs named on more than one line; their quantities were
	// added up on the first.
	Merged []string
	Net    money.Amount
}

// CheckQuickOrder checks a quick order against the catalog, the organization's
// prices and the stock without placing it: every line's problem is reported as
// "line N", and a SKU named twice is counted once with the quantities added.
func (a *App) CheckQuickOrder(ctx context.Context, actor Actor, in QuickOrderInput) (QuickOrderCheck, error) {
	if !actor.Buyer() {
		return QuickOrderCheck{}, errs.E(errs.Forbidden, "quick order is a buyer's; staff use checkout")
	}
	var out QuickOrderCheck
	err := a.portalRead(ctx, actor, func(tx *store.Tx) (err error) {
		out, err = a.checkQuickOrder(ctx, tx, actor.OrganizationID, in)
		return err
	})
	return out, err
}

func (a *App) checkQuickOrder(ctx context.Context, tx *store.Tx, orgID string, in QuickOrderInput) (QuickOrderCheck, error) {
	lines := in.Lines
	if len(lines) == 0 {
		var err error
		if lines, err = ParseQuickOrder(in.CSV); err != nil {
			return QuickOrderCheck{}, err
		}
	}
	if len(lines) > 2*order.MaxLines {
		return QuickOrderCheck{}, errs.FieldKey("lines", "err.qo.too_many_lines", "a quick order has at most {max} lines", "max", order.MaxLines)
	}
	// Every line is checked, and all problems are reported together in line order:
	// first what can be seen in the line itself, then against the catalog.
	var fs errs.Fields
	var out QuickOrderCheck
	first := map[string]int{} // SKU → index in out.Lines
	for i, l := range lines {
		n := l.Line
		if n == 0 {
			n = i + 1
		}
		field := fmt.Sprintf("line %d", n)
		switch {
		case !catalog.ValidSKU(l.SKU):
			fs.AddKey(field, "err.qo.sku", `"{sku}" is not a valid SKU`, "sku", l.SKU)
			continue
		case l.Quantity <= 0:
			fs.AddKey(field, "err.qo.positive", "the quantity of {sku} must be more than 0", "sku", l.SKU)
			continue
		}
		if at, ok := first[l.SKU]; ok {
			out.Lines[at].Quantity += l.Quantity
			out.Lines[at].Also = append(out.Lines[at].Also, n)
			if !slices.Contains(out.Merged, l.SKU) {
				out.Merged = append(out.Merged, l.SKU)
			}
			continue
		}
		first[l.SKU] = len(out.Lines)
		out.Lines = append(out.Lines, QuickOrderCheckLine{Line: n, Product: catalog.Product{SKU: l.SKU}, Quantity: l.Quantity})
	}
	if len(out.Lines) > order.MaxLines {
		return QuickOrderCheck{}, errs.FieldKey("lines", "err.qo.too_many_skus", "a quick order has at most {max} different SKUs", "max", order.MaxLines)
	}
	if len(out.Lines) == 0 {
		return QuickOrderCheck{}, byLine(fs).Err()
	}
	skus := make([]string, len(out.Lines))
	for i, l := range out.Lines {
		skus[i] = l.SKU()
	}
	org, err := tx.Organization(ctx, orgID)
	if err != nil {
		return QuickOrderCheck{}, err
	}
	buyer := pricing.Buyer{OrganizationID: org.ID, Groups: org.Groups()}
	now := a.clock()
	products, err := tx.ProductsBySKU(ctx, skus)
	if err != nil {
		return QuickOrderCheck{}, err
	}
	base, err := tx.BasePrices(ctx, skus)
	if err != nil {
		return QuickOrderCheck{}, err
	}
	lists, err := tx.PriceListsFor(ctx, buyer, skus, now)
	if err != nil {
		return QuickOrderCheck{}, err
	}
	levels, err := tx.LevelsOf(ctx, skus)
	if err != nil {
		return QuickOrderCheck{}, err
	}
	for i := range out.Lines {
		l := &out.Lines[i]
		field := fmt.Sprintf("line %d", l.Line)
		// A SKU on several lines is checked once, added up, and says so.
		merged, rest := len(l.Also) > 0, strings.Trim(fmt.Sprint(l.Also), "[]")
		p, ok := products[l.SKU()]
		switch {
		case !ok || !p.VisibleIn(catalog.B2B):
			fs.AddKey(field, "err.qo.unknown", "no product {sku} in the catalog", "sku", l.SKU())
			continue
		case p.Status != catalog.Active:
			fs.AddKey(field, "err.qo.status", "{sku} ({name}) is {status} and cannot be ordered", "sku", p.SKU, "name", p.Name, "status", string(p.Status))
			continue
		}
		l.Product = p
		if l.Quantity > order.MaxLineQuantity {
			limit := order.MaxLineQuantity.String()
			if merged {
				fs.AddKey(field, "err.qo.max_merged", "the quantity of {sku} must be at most {max} (lines {first} and {rest} added up)",
					"sku", p.SKU, "max", limit, "first", l.Line, "rest", rest)
			} else {
				fs.AddKey(field, "err.qo.max", "the quantity of {sku} must be at most {max}", "sku", p.SKU, "max", limit)
			}
			continue
		}
		if u, _ := catalog.LookupUnit(p.Unit); !u.Fractional && !l.Quantity.IsWhole() {
			if merged {
				fs.AddKey(field, "err.qo.whole_merged", "{sku} is sold in whole {unit}, not {quantity} (lines {first} and {rest} added up)",
					"sku", p.SKU, "unit", p.Unit, "quantity", l.Quantity.String(), "first", l.Line, "rest", rest)
			} else {
				fs.AddKey(field, "err.qo.whole", "{sku} is sold in whole {unit}, not {quantity}", "sku", p.SKU, "unit", p.Unit,
					"quantity", l.Quantity.String())
			}
			continue
		}
		res, err := pricing.Resolve(pricing.Request{SKU: p.SKU, Quantity: l.Quantity, Buyer: buyer, Channel: catalog.B2B,
			At: now, TaxRateBP: p.TaxRateBP}, base[p.SKU], lists)
		if err != nil {
			fs.AddKey(field, "err.qo.no_price", "{sku} has no price; ask for a quote", "sku", p.SKU)
			continue
		}
		l.Price = res
		if l.Net, err = res.Unit.MulRat(int64(l.Quantity), qty.Scale); err != nil {
			fs.AddKey(field, "err.qo.total", "the total of {sku} is too large", "sku", p.SKU)
			continue
		}
		if out.Net.Currency == "" {
			out.Net = money.Zero(res.Unit.Currency)
		}
		if out.Net, err = out.Net.Add(l.Net); err != nil {
			fs.AddKey(field, "err.qo.currency", "{sku} is priced in {currency}, the order in {order_currency}; order it separately", "sku", p.SKU, "currency", l.Net.Currency, "order_currency", out.Net.Currency)
			continue
		}
		if l.Stocked = p.Kind.Stocked(); l.Stocked {
			l.Available = inventory.Sum(p.SKU, levels[p.SKU]).Available()
			l.Short = max(l.Quantity-l.Available, 0)
		}
	}
	if err := byLine(fs).Err(); err != nil {
		return QuickOrderCheck{}, err
	}
	return out, nil
}

// byLine sorts "line N" problems by N, keeping others first.
func byLine(fs errs.Fields) errs.Fields {
	num := func(f errs.FieldError) int {
		n, _ := strconv.Atoi(strings.TrimPrefix(f.Field, "line "))
		return n
	}
	slices.SortStableFunc(fs, func(a, b errs.FieldError) int { return num(a) - num(b) })
	return fs
}

// SKU is the line's SKU.
func (l QuickOrderCheckLine) SKU() string { return l.Product.SKU }

// QuickOrder checks a quick order (CheckQuickOrder) and places it for the
// signed-in buyer's organization (PlaceCompanyOrder): a line that is not in
// stock is refused by the placement with the SKU and what is available.
func (a *App) QuickOrder(ctx context.Context, actor Actor, key string, in QuickOrderInput) (order.Order, bool, error) {
	check, err := a.CheckQuickOrder(ctx, actor, in)
	if err != nil {
		return order.Order{}, false, err
	}
	lines := make([]CheckoutLine, len(check.Lines))
	for i, l := range check.Lines {
		lines[i] = CheckoutLine{SKU: l.SKU(), Quantity: l.Quantity}
	}
	return a.PlaceCompanyOrder(ctx, actor, key, CompanyOrderInput{Lines: lines, DeliveryMethod: in.DeliveryMethod,
		DeliveryAddress: in.DeliveryAddress, Note: in.Note})
}

// ReorderLines returns the SKUs and quantities of one of the buyer's
// organization's past orders, to fill a quick order.
func (a *App) ReorderLines(ctx context.Context, actor Actor, orderID string) ([]QuickOrderLine, error) {
	if !actor.Buyer() {
		return nil, errs.E(errs.Forbidden, "reordering is a buyer's; staff use checkout")
	}
	var out []QuickOrderLine
	err := a.portalRead(ctx, actor, func(tx *store.Tx) error {
		o, err := visibleOrder(ctx, tx, actor, orderID)
		if err != nil {
			return err
		}
		for _, l := range o.Lines {
			out = append(out, QuickOrderLine{SKU: l.SKU, Quantity: l.Quantity})
		}
		return nil
	})
	return out, err
}

// Reorder places a past order of the buyer's organization again, at today's
// prices and stock, as a quick order.
func (a *App) Reorder(ctx context.Context, actor Actor, orderID, key string) (order.Order, bool, error) {
	lines, err := a.ReorderLines(ctx, actor, orderID)
	if err != nil {
		return order.Order{}, false, err
	}
	return a.QuickOrder(ctx, actor, key, QuickOrderInput{Lines: lines, Note: "reorder of " + orderID})
}

// SavedListInput is a saved list to create (no ID) or replace (its ID).
type SavedListInput struct {
	ID             string
	OrganizationID string // staff only; a buyer's list is their organization's
	Name           string
	Lines          []QuickOrderLine
	// Shared makes a buyer's new list the whole organization's; otherwise it
	// is the buyer's own, which no other contact sees. Staff's lists are
	// shared. A replacement keeps the list's sharing.
	Shared bool
}

// SaveList creates or replaces one of an organization's saved lists; a buyer
// needs the order permission, and changes the shared lists and their own.
func (a *App) SaveList(ctx context.Context, actor Actor, in SavedListInput) (store.SavedList, error) {
	if err := requireBuyerOr(actor, staff.CustomersEdit); err != nil {
		return store.SavedList{}, err
	}
	org, err := organizationOf(actor, in.OrganizationID, true)
	if err != nil {
		return store.SavedList{}, err
	}
	var fs errs.Fields
	name := strings.TrimSpace(in.Name)
	switch {
	case name == "" || !utf8.ValidString(name):
		fs.AddKey("name", "err.required", "is required")
	case utf8.RuneCountInString(name) > 200:
		fs.AddKey("name", "err.too_long", "is longer than {max} characters", "max", 200)
	}
	if in.ID != "" && !ids.Valid(in.ID) {
		fs.Add("id", "is not an id")
	}
	switch {
	case len(in.Lines) == 0:
		fs.AddKey("lines", "err.list.empty", "a list needs at least one line")
	case len(in.Lines) > order.MaxLines:
		fs.AddKey("lines", "err.list.too_many", "a list has at most {max} lines", "max", order.MaxLines)
	}
	seen := map[string]bool{}
	l := store.SavedList{ID: in.ID, OrganizationID: org, Name: name, CreatedBy: actor.Label()}
	if actor.Buyer() && !in.Shared {
		l.ContactID = actor.ContactID
	}
	for i, x := range in.Lines {
		field := fmt.Sprintf("line %d", i+1)
		switch {
		case !catalog.ValidSKU(x.SKU):
			fs.AddKey(field, "err.qo.sku", `"{sku}" is not a valid SKU`, "sku", x.SKU)
		case seen[x.SKU]:
			fs.AddKey(field, "err.list.twice", "{sku} is already on the list", "sku", x.SKU)
		case x.Quantity <= 0 || x.Quantity > order.MaxLineQuantity:
			fs.AddKey(field, "err.list.quantity", "the quantity of {sku} must be more than 0 and at most {max}", "sku", x.SKU,
				"max", order.MaxLineQuantity.String())
		}
		seen[x.SKU] = true
		l.Lines = append(l.Lines, store.SavedListLine{SKU: x.SKU, Quantity: x.Quantity})
	}
	if err := fs.Err(); err != nil {
		return store.SavedList{}, err
	}
	now := a.clock()
	err = a.write(ctx, func(tx *store.Tx) error {
		if actor.Buyer() {
			if _, err := buyerContact(ctx, tx, actor, party.Order); err != nil {
				return err
			}
		} else if _, err := tx.Organization(ctx, org); errs.CodeOf(err) == errs.NotFound {
			return errs.Field("organization_id", "no organization %s", org)
		}
		l.UpdatedAt = now
		if l.ID == "" {
			l.ID, l.CreatedAt = ids.At(now), now
			if err := tx.InsertSavedList(ctx, &l); err != nil {
				return err
			}
			return a.audit(ctx, tx, actor, "saved_list.create", "saved_list", l.ID, map[string]any{"name": l.Name, "lines": len(l.Lines)})
		}
		old, err := visibleSavedList(ctx, tx, actor, l.ID)
		if err != nil {
			return err
		}
		if old.OrganizationID != org {
			return errs.E(errs.NotFound, "no saved list %s", l.ID)
		}
		// Who sees a list is chosen when it is made: a replacement by staff
		// or by a colleague must not take a private list from its owner or a
		// shared one from the organization.
		l.CreatedAt, l.CreatedBy, l.ContactID = old.CreatedAt, old.CreatedBy, old.ContactID
		if err := tx.UpdateSavedList(ctx, &l); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "saved_list.replace", "saved_list", l.ID, map[string]any{"name": l.Name, "lines": len(l.Lines)})
	})
	return l, err
}

// SavedLists returns an organization's saved lists: for a buyer the shared
// ones and their own.
func (a *App) SavedLists(ctx context.Context, actor Actor, organizationID string) ([]store.SavedList, error) {
	if err := requireBuyerOr(actor, staff.CustomersRead); err != nil {
		return nil, err
	}
	org, err := organizationOf(actor, organizationID, true)
	if err != nil {
		return nil, err
	}
	var out []store.SavedList
	err = a.portalRead(ctx, actor, func(tx *store.Tx) (err error) {
		if actor.Buyer() {
			out, err = tx.SavedListsFor(ctx, org, actor.ContactID)
		} else {
			out, err = tx.SavedLists(ctx, org)
		}
		return err
	})
	return out, err
}

// SavedList returns one saved list; another organization's is not found.
func (a *App) SavedList(ctx context.Context, actor Actor, id string) (store.SavedList, error) {
	if err := requireBuyerOr(actor, staff.CustomersRead); err != nil {
		return store.SavedList{}, err
	}
	var out store.SavedList
	err := a.portalRead(ctx, actor, func(tx *store.Tx) (err error) {
		out, err = visibleSavedList(ctx, tx, actor, id)
		return err
	})
	return out, err
}

func visibleSavedList(ctx context.Context, tx *store.Tx, actor Actor, id string) (store.SavedList, error) {
	if !ids.Valid(id) {
		return store.SavedList{}, errs.E(errs.NotFound, "no saved list %s", id)
	}
	if actor.Buyer() {
		return tx.SavedListFor(ctx, actor.OrganizationID, actor.ContactID, id)
	}
	lists, err := tx.SavedListByID(ctx, id)
	return lists, err
}

// DeleteSavedList removes a saved list (a buyer needs the order permission).
func (a *App) DeleteSavedList(ctx context.Context, actor Actor, id string) error {
	if err := requireBuyerOr(actor, staff.CustomersEdit); err != nil {
		return err
	}
	return a.write(ctx, func(tx *store.Tx) error {
		if actor.Buyer() {
			if _, err := buyerContact(ctx, tx, actor, party.Order); err != nil {
				return err
			}
		}
		l, err := visibleSavedList(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if err := tx.DeleteSavedList(ctx, l.OrganizationID, l.ID); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "saved_list.delete", "saved_list", l.ID, map[string]any{"name": l.Name})
	})
}

// OrderSavedList places a saved list as a quick order.
func (a *App) OrderSavedList(ctx context.Context, actor Actor, id, key string) (order.Order, bool, error) {
	l, err := a.SavedList(ctx, actor, id)
	if err != nil {
		return order.Order{}, false, err
	}
	lines := make([]QuickOrderLine, len(l.Lines))
	for i, x := range l.Lines {
		lines[i] = QuickOrderLine{SKU: x.SKU, Quantity: x.Quantity}
	}
	return a.QuickOrder(ctx, actor, key, QuickOrderInput{Lines: lines, Note: "saved list " + l.Name})
}
