package app

import (
	"context"
	"strings"
	"time"

	"b2x/catalog"
	"b2x/csvimport"
	"b2x/errs"
	"b2x/ids"
	"b2x/inventory"
	"b2x/order"
	"b2x/party"
	"b2x/staff"
	"b2x/store"
)

// Import and export of whole files (the CLI's b2x import and b2x export).
//
// An import writes all its rows in one transaction: the rows are validated
// again, then checked against the database (SKUs that exist, unknown categories,
// parents and warehouses …) before anything is written, and any problem rolls back
// everything. Problems come back as one invalid *errs.Error made by
// csvimport.Problems.Err: each field is "row R, column C" with its message, and
// csvimport.ProblemsOf gives the []csvimport.Problem back.
//
// Exports read page by page and hand each item to a callback, so memory stays flat
// however large the database. Pages are read one after another, not as one
// snapshot: rows written meanwhile may or may not appear.

// Progress is told how many of total rows an import has written. It may be called
// again from zero when PostgreSQL retries the transaction.
type Progress func(done, total int)

// exportPage is how many rows an export reads at a time.
const exportPage = 500

// ImportProducts adds the products of a file with their base prices. Parents are
// written before their variants, whatever the order of the file. It returns how
// many products it added: all rows, or none and the problems.
func (a *App) ImportProducts(ctx context.Context, actor Actor, rows []csvimport.ProductRow, progress Progress) (int, error) {
	if err := require(actor, staff.ImportRun); err != nil {
		return 0, err
	}
	defer a.catalog.changed()
	progress = orNoProgress(progress)
	now := a.clock()
	var ps csvimport.Problems
	products := make([]catalog.Product, len(rows))
	first := map[string]int{}
	for i, r := range rows {
		p := r.Product
		p.ID, p.CreatedAt, p.UpdatedAt = ids.New(), now, now
		if p.Status == "" {
			p.Status = catalog.Active
		}
		p.Channels = p.Channels.Normalize()
		products[i] = p
		ps.AddError(r.Row, validateProduct(&p, r.Prices), csvimport.ProductColumn)
		if at, dup := first[p.SKU]; dup {
			ps.Add(r.Row, "sku", "SKU %s appears twice in the file (first on row %d)", p.SKU, at)
		} else {
			first[p.SKU] = r.Row
		}
	}
	sequence, cyclic := csvimport.VariantOrder(rows)
	for _, i := range cyclic {
		ps.Add(rows[i].Row, "variant_of", "%s and its parents form a cycle", rows[i].Product.SKU)
	}
	if err := ps.Err(); err != nil {
		return 0, err
	}

	err := a.write(ctx, func(tx *store.Tx) error {
		var ps csvimport.Problems
		// Every SKU the file names, as a product or as a parent.
		var skus []string
		for _, p := range products {
			skus = append(skus, p.SKU)
			if p.VariantOf != "" {
				skus = append(skus, p.VariantOf)
			}
		}
		existing, err := productsBySKU(ctx, tx, skus)
		if err != nil {
			return err
		}
		cats, err := tx.Categories(ctx)
		if err != nil {
			return err
		}
		known := make(map[string]bool, len(cats))
		for _, c := range cats {
			known[c.Slug] = true
		}
		for i, p := range products {
			row := rows[i].Row
			if _, ok := existing[p.SKU]; ok {
				ps.Add(row, "sku", "a product with SKU %s already exists", p.SKU)
			}
			if p.Category != "" && !known[p.Category] {
				ps.Add(row, "category", "no category %q", p.Category)
			}
			if p.VariantOf != "" {
				if _, inFile := first[p.VariantOf]; !inFile {
					if _, inDB := existing[p.VariantOf]; !inDB {
						ps.Add(row, "variant_of", "no product %s in the file or the database", p.VariantOf)
					}
				}
			}
		}
		if err := ps.Err(); err != nil {
			return err
		}
		for done, i := range sequence {
			p := &products[i]
			if err := tx.InsertProduct(ctx, p); err != nil {
				return rowError(rows[i].Row, "sku", err)
			}
			if err := setPrices(ctx, tx, p.SKU, rows[i].Prices); err != nil {
				return err
			}
			progress(done+1, len(sequence))
		}
		added := make([]string, len(products))
		for i, p := range products {
			added[i] = p.SKU
		}
		if err := a.noteNewProducts(ctx, tx, added...); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "import.products", "import", "products", map[string]int{"rows": len(rows)})
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}

// ImportCustomers adds the persons and organizations of a file. A row's id, when
// given, is kept; one that exists already is a problem, and so is a person's email
// or an organization's tax id that another customer already has.
func (a *App) ImportCustomers(ctx context.Context, actor Actor, rows []csvimport.CustomerRow, progress Progress) (int, error) {
	if err := require(actor, staff.ImportRun); err != nil {
		return 0, err
	}
	progress = orNoProgress(progress)
	now := a.clock()
	var ps csvimport.Problems
	persons := make([]*party.Person, len(rows))
	orgs := make([]*party.Organization, len(rows))
	var idList, emails, taxIDs []string
	seen := map[string]int{}
	for i, r := range rows {
		if err := csvimport.ValidateCustomer(&r); err != nil {
			ps.AddError(r.Row, err, csvimport.CustomerColumn)
			continue
		}
		var id string
		if r.Person != nil {
			p := *r.Person
			p.CreatedAt, p.UpdatedAt = now, now
			persons[i], id = &p, p.ID
			if p.Email != "" {
				emails = append(emails, strings.ToLower(p.Email))
			}
		} else {
			o := *r.Organization
			o.CreatedAt, o.UpdatedAt = now, now
			ps.AddError(r.Row, validateOrganization(&o), csvimport.CustomerColumn)
			orgs[i], id = &o, o.ID
			if o.TaxID != "" {
				taxIDs = append(taxIDs, csvimport.NormalizeTaxID(o.TaxID))
			}
		}
		if id == "" {
			continue
		}
		if at, dup := seen[id]; dup {
			ps.Add(r.Row, "id", "the id %s appears twice in the file (first on row %d)", id, at)
		} else {
			seen[id] = r.Row
			idList = append(idList, id)
		}
	}
	if err := ps.Err(); err != nil {
		return 0, err
	}

	err := a.write(ctx, func(tx *store.Tx) error {
		var ps csvimport.Problems
		takenIDs, err := tx.PartyIDsTaken(ctx, idList)
		if err != nil {
			return err
		}
		takenEmails, err := tx.PersonEmailsTaken(ctx, emails)
		if err != nil {
			return err
		}
		takenTaxIDs, err := tx.OrganizationTaxIDsTaken(ctx, taxIDs)
		if err != nil {
			return err
		}
		for i, r := range rows {
			if p := persons[i]; p != nil {
				if p.ID != "" && takenIDs[p.ID] {
					ps.Add(r.Row, "id", "a customer with id %s already exists", p.ID)
				}
				if p.Email != "" && takenEmails[strings.ToLower(p.Email)] {
					ps.Add(r.Row, "email", "a person with the email %s already exists", p.Email)
				}
			} else if o := orgs[i]; o != nil {
				if o.ID != "" && takenIDs[o.ID] {
					ps.Add(r.Row, "id", "a customer with id %s already exists", o.ID)
				}
				if o.TaxID != "" && takenTaxIDs[csvimport.NormalizeTaxID(o.TaxID)] {
					ps.Add(r.Row, "tax_id", "an organization with the tax id %s already exists", o.TaxID)
				}
			}
		}
		if err := ps.Err(); err != nil {
			return err
		}
		for i, r := range rows {
			if p := persons[i]; p != nil {
				q := *p // a retried transaction starts from the file's ids again
				if q.ID == "" {
					q.ID = ids.New()
				}
				if err := tx.InsertPerson(ctx, &q); err != nil {
					return rowError(r.Row, "", err)
				}
			} else {
				o := *orgs[i]
				if o.ID == "" {
					o.ID = ids.New()
				}
				if err := tx.InsertOrganization(ctx, &o); err != nil {
					return rowError(r.Row, "", err)
				}
			}
			progress(i+1, len(rows))
		}
		return a.audit(ctx, tx, actor, "import.customers", "import", "customers", map[string]int{"rows": len(rows)})
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}

// ImportStock records the movements of a stock file, all under one reference
// ("import:" and a new id) so they can be found together in the ledger. A row
// without a warehouse goes to the first warehouse by priority. Negative
// adjustments that find too little stock are problems of their rows.
func (a *App) ImportStock(ctx context.Context, actor Actor, rows []csvimport.StockRow, progress Progress) (int, error) {
	if err := require(actor, staff.ImportRun); err != nil {
		return 0, err
	}
	progress = orNoProgress(progress)
	var ps csvimport.Problems
	skus := make([]string, len(rows))
	for i, r := range rows {
		ps.AddError(r.Row, csvimport.ValidateStock(&r), csvimport.StockColumn)
		skus[i] = r.SKU
	}
	if err := ps.Err(); err != nil {
		return 0, err
	}
	now := a.clock()
	reference := "import:" + ids.New()

	err := a.write(ctx, func(tx *store.Tx) error {
		var ps csvimport.Problems
		products, err := productsBySKU(ctx, tx, skus)
		if err != nil {
			return err
		}
		ws, err := tx.Warehouses(ctx)
		if err != nil {
			return err
		}
		known := make(map[string]bool, len(ws))
		for _, w := range ws {
			known[w.Code] = true
		}
		noWarehouse := false
		for _, r := range rows {
			p, ok := products[r.SKU]
			switch {
			case !ok:
				ps.Add(r.Row, "sku", "no product %s", r.SKU)
			case !p.Kind.Stocked():
				ps.Add(r.Row, "sku", "%s is a %s and has no stock", r.SKU, p.Kind)
			default:
				ps.AddError(r.Row, checkUnit(p, r.Quantity, "quantity"), nil)
			}
			switch {
			case r.Warehouse == "" && len(ws) == 0:
				if !noWarehouse { // once is enough
					ps.Add(r.Row, "warehouse", "no warehouse exists yet; add one before importing stock")
					noWarehouse = true
				}
			case r.Warehouse != "" && !known[r.Warehouse]:
				ps.Add(r.Row, "warehouse", "no warehouse %q", r.Warehouse)
			}
		}
		if err := ps.Err(); err != nil {
			return err
		}
		for i, r := range rows {
			wh := r.Warehouse
			if wh == "" {
				wh = ws[0].Code
			}
			m := inventory.Movement{ID: ids.New(), SKU: r.SKU, Warehouse: wh, Kind: r.Kind, Quantity: r.Quantity,
				Reference: reference, Note: r.Note, By: actor.Label(), At: now}
			err := tx.RecordMovement(ctx, m)
			if errs.CodeOf(err) == errs.Conflict {
				// Too little stock: the statement changed nothing, so the transaction
				// can go on and report the other rows too.
				ps.AddError(r.Row, errs.Field("quantity", "%s", conflictMessage(err)), nil)
				continue
			}
			if err != nil {
				return err
			}
			progress(i+1, len(rows))
		}
		if err := ps.Err(); err != nil {
			return err
		}
		if err := a.noteRestock(ctx, tx, stockRowsRise(rows)); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "import.stock", "import", "stock", map[string]int{"rows": len(rows)})
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}

func orNoProgress(p Progress) Progress {
	if p == nil {
		return func(int, int) {}
	}
	return p
}

// productsBySKU loads the products named, in batches the database accepts.
func productsBySKU(ctx context.Context, tx *store.Tx, skus []string) (map[string]catalog.Product, error) {
	out := make(map[string]catalog.Product, len(skus))
	for len(skus) > 0 {
		n := min(len(skus), exportPage)
		part, err := tx.ProductsBySKU(ctx, skus[:n])
		if err != nil {
			return nil, err
		}
		for k, v := range part {
			out[k] = v
		}
		skus = skus[n:]
	}
	return out, nil
}

// rowError reports a refusal the database gave while writing a row (say, a SKU
// another import added meanwhile) as a problem of that row; other errors stay as
// they are.
func rowError(row int, column string, err error) error {
	e, ok := errs.As(err)
	if !ok || e.Code == errs.Internal {
		return err
	}
	var ps csvimport.Problems
	if e.Code == errs.Invalid {
		ps.AddError(row, err, nil)
	} else {
		ps.Add(row, column, "%s", e.Message)
	}
	return ps.Err()
}

func conflictMessage(err error) string {
	if e, ok := errs.As(err); ok {
		return e.Message
	}
	return err.Error()
}

// ExportProducts hands every product, with its base prices, to fn in SKU order.
// It stops at the first error fn returns and returns it.
func (a *App) ExportProducts(ctx context.Context, actor Actor, fn func(ProductView) error) error {
	if err := require(actor, staff.ExportRun); err != nil {
		return err
	}
	after := ""
	for {
		var page []ProductView
		err := a.read(ctx, func(tx *store.Tx) (err error) {
			page, err = listProductViews(ctx, tx, store.ProductFilter{After: after, Limit: exportPage})
			return err
		})
		if err != nil {
			return err
		}
		for _, v := range page {
			if err := fn(v); err != nil {
				return err
			}
		}
		if len(page) < exportPage {
			return nil
		}
		after = page[len(page)-1].SKU
	}
}

// ExportOrders hands every order, with its lines (not its transitions), to fn,
// newest first.
func (a *App) ExportOrders(ctx context.Context, actor Actor, fn func(order.Order) error) error {
	if err := require(actor, staff.ExportRun); err != nil {
		return err
	}
	var beforeAt time.Time
	var beforeID string
	for {
		var page []order.Order
		err := a.read(ctx, func(tx *store.Tx) (err error) {
			page, err = tx.ListOrders(ctx, store.OrderFilter{BeforeAt: beforeAt, BeforeID: beforeID, Limit: exportPage})
			if err != nil {
				return err
			}
			return tx.LoadOrderLines(ctx, page)
		})
		if err != nil {
			return err
		}
		for _, o := range page {
			if err := fn(o); err != nil {
				return err
			}
		}
		if len(page) < exportPage {
			return nil
		}
		last := page[len(page)-1]
		beforeAt, beforeID = last.PlacedAt, last.ID
	}
}

// CustomerView is one customer of an export: a person, or an organization with
// its contacts.
type CustomerView struct {
	Person       *party.Person
	Organization *party.Organization
	Contacts     []party.Contact // an organization's contacts, the most influential first
}

// ExportCustomers hands every customer to fn: first the persons, then the
// organizations with their contacts, each by id (that is, by creation time).
func (a *App) ExportCustomers(ctx context.Context, actor Actor, fn func(CustomerView) error) error {
	if err := require(actor, staff.ExportRun); err != nil {
		return err
	}
	after := ""
	for {
		var page []party.Person
		err := a.read(ctx, func(tx *store.Tx) (err error) {
			page, err = tx.ListPersons(ctx, store.PersonFilter{After: after, Limit: exportPage})
			return err
		})
		if err != nil {
			return err
		}
		for i := range page {
			if err := fn(CustomerView{Person: &page[i]}); err != nil {
				return err
			}
		}
		if len(page) < exportPage {
			break
		}
		after = page[len(page)-1].ID
	}
	after = ""
	for {
		var page []party.Organization
		var contacts [][]party.Contact
		err := a.read(ctx, func(tx *store.Tx) (err error) {
			page, err = tx.ListOrganizations(ctx, store.OrganizationFilter{After: after, Limit: exportPage})
			if err != nil {
				return err
			}
			contacts = make([][]party.Contact, len(page))
			for i, o := range page {
				if contacts[i], err = tx.Contacts(ctx, o.ID); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		for i := range page {
			if err := fn(CustomerView{Organization: &page[i], Contacts: contacts[i]}); err != nil {
				return err
			}
		}
		if len(page) < exportPage {
			return nil
		}
		after = page[len(page)-1].ID
	}
}
