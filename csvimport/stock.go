package csvimport

import (
	"io"
	"strings"
	"unicode/utf8"

	"b2x/catalog"
	"b2x/errs"
	"b2x/inventory"
	"b2x/qty"
)

// StockColumns are the columns of a stock file.
var StockColumns = []string{"sku", "warehouse", "quantity", "kind", "note"}

var stockFormat = format{columns: StockColumns, required: []string{"sku", "quantity"}}

// MaxNote bounds the note of a stock movement, as app.RecordMovement does.
const MaxNote = 1000

// StockRow is one stock movement of a file. Warehouse is empty when the file
// leaves it to the first warehouse by priority.
type StockRow struct {
	Row       int
	SKU       string
	Warehouse string
	Kind      inventory.MovementKind
	Quantity  qty.Quantity
	Note      string
}

// StockColumn names the column that holds a field of a stock movement (as named
// by inventory.CheckManual and inventory.Warehouse.Validate).
func StockColumn(field string) string {
	if field == "code" {
		return "warehouse"
	}
	return field
}

// ParseStock reads a stock file. It returns every row, or no rows and an invalid
// *errs.Error listing the problems (see ProblemsOf); other errors are failures to
// read r. A SKU may appear on many rows: each row is one movement.
func ParseStock(r io.Reader) ([]StockRow, error) {
	var ps Problems
	var rows []StockRow
	err := read(r, stockFormat, &ps, func(rec *record) {
		before := ps.Len()
		sr := StockRow{Row: rec.row, SKU: rec.get("sku"), Warehouse: strings.ToUpper(rec.get("warehouse")),
			Kind: inventory.MovementKind(strings.ToLower(rec.get("kind"))), Note: rec.get("note")}
		if sr.Kind == "" {
			sr.Kind = inventory.Receipt
		}
		bad := map[string]bool{}
		if s := rec.get("quantity"); s == "" {
			ps.Add(rec.row, "quantity", "is required")
			bad["quantity"] = true
		} else if q, err := qty.Parse(s); err != nil {
			ps.Add(rec.row, "quantity", "%s", strings.TrimPrefix(err.Error(), "qty: "))
			bad["quantity"] = true
		} else {
			sr.Quantity = q
		}
		var vs Problems
		vs.AddError(rec.row, ValidateStock(&sr), StockColumn)
		for _, p := range vs.list {
			if !bad[p.Column] {
				ps.Add(p.Row, p.Column, "%s", p.Message)
			}
		}
		if ps.Len() == before {
			rows = append(rows, sr)
		}
	})
	if err != nil {
		return nil, err
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	return rows, nil
}

// ValidateStock checks a stock row: a well-formed SKU and warehouse code, a
// receipt or adjustment whose quantity has the right sign, and a short note.
// Whether a fraction is allowed depends on the product's unit, which only the
// database knows; app checks it.
func ValidateStock(sr *StockRow) error {
	var fs errs.Fields
	if !catalog.ValidSKU(sr.SKU) {
		fs.Add("sku", "must be 2–64 letters, digits, '.', '_' or '-', starting with a letter or digit")
	}
	if sr.Warehouse != "" {
		w := inventory.Warehouse{Code: sr.Warehouse, Name: sr.Warehouse}
		if err := w.Validate(); err != nil {
			fs.Add("warehouse", "must be a warehouse code: 1–32 upper-case letters, digits, '_' or '-'")
		}
	}
	switch sr.Kind {
	case inventory.Receipt, inventory.Adjustment:
		fs.Wrap("", inventory.CheckManual(sr.Kind, sr.Quantity))
	default:
		fs.Add("kind", "must be receipt or adjustment")
	}
	if !utf8.ValidString(sr.Note) {
		fs.Add("note", "is not valid UTF-8")
	} else if utf8.RuneCountInString(sr.Note) > MaxNote {
		fs.Add("note", "is longer than %d characters", MaxNote)
	}
	return fs.Err()
}
