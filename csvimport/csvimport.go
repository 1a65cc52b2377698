// Package csvimport defines b2x's CSV file formats for products, customers and
// stock, and turns such files into validated domain values. It only parses and
// validates: nothing here touches the database (package app writes the rows, in
// one transaction, and adds the problems only the database can find, such as a
// SKU that already exists).
//
// # Files
//
// Every file is UTF-8 CSV (comma-separated, RFC 4180 quoting; a leading byte-order
// mark is ignored). The first record is the header: it names the columns, in any
// order, case-insensitively. A column the format does not know is an error, so is
// a required column that is missing, and so is a column named twice. Every record
// must have as many cells as the header. Records whose cells are all empty are
// skipped. Cells are trimmed of surrounding white space; an empty cell means "not
// given" (the default, where there is one).
//
// Lists inside one cell are separated by ';' and pairs are written key=value. In
// such cells a literal ';', '=' or '\' is written '\;', '\=' or '\\'.
//
// A cell that starts with an apostrophe followed by one of = + - @ TAB CR has the
// apostrophe removed: that is how an exported cell is protected from spreadsheet
// formula injection (see EscapeFormula), so exported files import back unchanged.
//
// # products
//
//	column             required  meaning
//	sku                yes       2–64 letters, digits, '.', '_', '-'; unique in the file
//	name               yes       up to 200 characters
//	kind                         goods (default), service, licence
//	unit               yes       pcs, pack, pallet, seat, m, m2, m3, kg, t, l, h
//	channels           yes       b2c, b2b or "b2c;b2b"
//	category                     slug of an existing category
//	brand                        up to 100 characters
//	description                  up to 20000 characters
//	status                       active (default), draft, discontinued
//	tax_rate           yes       VAT in percent, at most 2 decimals: "20", "9.5", "20%"
//	price_b2c                    retail price including tax, e.g. "12.50"
//	price_b2b                    net trade price
//	currency                     ISO 4217 code of the prices; required with a price
//	warranty_months              whole months, 0–240
//	care_instructions            up to 5000 characters
//	specs                        "key=value;key=value"
//	variant_of                   SKU of the parent product (in the file or the database)
//	variant_attrs                what sets the variant apart: "size=XL;colour=red"
//
// # customers
//
// One file holds both kinds of customer; the type column says which a row is.
// Cells of columns that belong to the other kind must be empty. Contacts of
// organizations are not imported.
//
//	column             for           meaning
//	type               both (req.)   person or organization
//	name               both (req.)   a person's full name, an organization's legal name
//	id                 both          optional UUID to keep (re-importing an export); new when empty
//	group              both          price-list group
//	email              person        unique in the file and the database
//	phone              person        digits, spaces and + - ( )
//	trade              person        true/false (yes/no, 1/0): buys for a business
//	tax_id             organization  unique in the file and the database
//	industry           organization
//	employees          organization  whole number
//	turnover_band      organization  micro, small, medium, large, enterprise
//	capabilities       organization  "own_transport=no;it=yes": departments it has or lacks
//	payment_terms      organization  prepaid, net30, net60
//	credit_limit       organization  amount, e.g. "5000.00"; needs currency
//	currency           organization  ISO 4217 code of the credit limit
//	website            organization
//	address            organization
//
// # stock
//
// Each row is one stock movement; all rows of one import share a reference.
//
//	column      required  meaning
//	sku         yes       an existing product of kind goods
//	quantity    yes       decimal, at most 3 decimals; whole for units sold whole
//	warehouse             warehouse code; empty: the first warehouse by priority
//	kind                  receipt (default; quantity > 0) or adjustment (quantity ≠ 0)
//	note                  up to 1000 characters
//
// # Problems
//
// Parsing never stops at the first problem: it reports every problem it finds as
// a Problem with the row (the line of the file where the record starts; the header
// is row 1), the column and a message, up to MaxProblems of them plus a count of
// the rest. A file with any problem yields no rows at all. Files larger than
// MaxBytes or with more than MaxRows data rows are refused.
package csvimport

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"b2x/errs"
)

// MaxBytes is the largest file accepted (50 MB).
const MaxBytes = 50 << 20

// MaxRows is the largest number of data rows accepted in one file.
const MaxRows = 200_000

// MaxProblems is how many problems a report lists; the rest are only counted.
const MaxProblems = 100

// The limits as variables, so tests can lower them.
var (
	maxBytes int64 = MaxBytes
	maxRows        = MaxRows
)

// Problem is one thing wrong with a file: where it is and what is wrong.
type Problem struct {
	Row     int    `json:"row"`              // line where the record starts; header = 1; 0 = the whole file
	Column  string `json:"column,omitempty"` // column name; empty when the whole row is wrong
	Message string `json:"message"`
}

// Where names the place of the problem: "row 12, column sku", "row 12" or "file".
func (p Problem) Where() string {
	switch {
	case p.Row <= 0:
		return "file"
	case p.Column == "":
		return fmt.Sprintf("row %d", p.Row)
	default:
		return fmt.Sprintf("row %d, column %s", p.Row, p.Column)
	}
}

// String is the problem as one line: "row 12, column sku: already exists".
func (p Problem) String() string { return p.Where() + ": " + p.Message }

// Problems collects the problems of one file: the first MaxProblems in full, the
// rest only counted. The zero value is ready to use.
type Problems struct {
	list []Problem
	more int
}

// Add records a problem.
func (ps *Problems) Add(row int, column, format string, args ...any) {
	if len(ps.list) >= MaxProblems {
		ps.more++
		return
	}
	ps.list = append(ps.list, Problem{Row: row, Column: column, Message: fmt.Sprintf(format, args...)})
}

// AddError records err as problems of a row. The fields of an invalid *errs.Error
// become one problem each, their names turned into columns by column (nil keeps
// them); any other *errs.Error or error becomes one problem of the row.
func (ps *Problems) AddError(row int, err error, column func(field string) string) {
	if err == nil {
		return
	}
	e, ok := errs.As(err)
	switch {
	case ok && e.Code == errs.Invalid && len(e.Fields) > 0:
		for _, f := range e.Fields {
			c := f.Field
			if column != nil {
				c = column(f.Field)
			}
			ps.Add(row, c, "%s", f.Message)
		}
	case ok:
		ps.Add(row, "", "%s", e.Message)
	default:
		ps.Add(row, "", "%s", err.Error())
	}
}

// Len is the number of problems, counted ones included.
func (ps *Problems) Len() int { return len(ps.list) + ps.more }

// List returns the problems kept, by row.
func (ps *Problems) List() []Problem {
	out := slices.Clone(ps.list)
	slices.SortStableFunc(out, func(a, b Problem) int { return cmp.Compare(a.Row, b.Row) })
	return out
}

// Omitted is the number of problems counted but not kept.
func (ps *Problems) Omitted() int { return ps.more }

// Err returns nil without problems, else an invalid *errs.Error: one field per
// problem kept, named by Problem.Where ("row 12, column sku"), and Detail
// "problems" ([]Problem) and "omitted" (int), which ProblemsOf reads back.
func (ps *Problems) Err() error {
	if ps.Len() == 0 {
		return nil
	}
	list := ps.List()
	fields := make([]errs.FieldError, len(list))
	for i, p := range list {
		fields[i] = errs.FieldError{Field: p.Where(), Message: p.Message}
	}
	msg := fmt.Sprintf("%d problems in the file; nothing was imported", ps.Len())
	if ps.Len() == 1 {
		msg = "1 problem in the file; nothing was imported"
	}
	return &errs.Error{Code: errs.Invalid, Message: msg, Fields: fields,
		Detail: map[string]any{"problems": list, "omitted": ps.more}}
}

// ProblemsOf returns the problems carried by an error from Problems.Err, and how
// many more were counted; ok is false for any other error.
func ProblemsOf(err error) (list []Problem, omitted int, ok bool) {
	e, isErr := errs.As(err)
	if !isErr || e.Code != errs.Invalid || e.Detail == nil {
		return nil, 0, false
	}
	list, ok = e.Detail["problems"].([]Problem)
	omitted, _ = e.Detail["omitted"].(int)
	return list, omitted, ok
}

// format describes one kind of file.
type format struct {
	columns  []string
	required []string
}

// record is one data row of a file, its cells addressed by column name.
type record struct {
	row   int
	cells []string
	index map[string]int
}

// get returns the trimmed, unescaped cell of a column, "" when the file lacks it.
func (r *record) get(column string) string {
	i, ok := r.index[column]
	if !ok {
		return ""
	}
	return r.cells[i]
}

// errTooLarge stops reading a file over maxBytes.
var errTooLarge = errors.New("csvimport: file too large")

// capped reads at most n bytes and then fails with errTooLarge.
type capped struct {
	r io.Reader
	n int64
}

func (c *capped) Read(p []byte) (int, error) {
	if c.n <= 0 {
		// One more byte tells a file of exactly n bytes from a larger one.
		var one [1]byte
		k, err := c.r.Read(one[:])
		if k > 0 {
			return 0, errTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	k, err := c.r.Read(p)
	c.n -= int64(k)
	return k, err
}

// read reads a whole file of format f, calling fn with every data record whose
// cells are well-formed. Problems go to ps; the error is only for failures to
// read src.
func read(src io.Reader, f format, ps *Problems, fn func(r *record)) error {
	cr := csv.NewReader(&capped{r: src, n: maxBytes})
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		ps.Add(1, "", "the file is empty; it needs a header row naming the columns (%s)", strings.Join(f.required, ", "))
		return nil
	}
	if err != nil {
		return readError(err, ps)
	}
	headerRow, _ := cr.FieldPos(0)
	index, ok := readHeader(header, headerRow, f, ps)
	if !ok {
		return nil
	}
	rows := 0
	for {
		cells, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return readError(err, ps)
		}
		row, _ := cr.FieldPos(0)
		if allEmpty(cells) {
			continue
		}
		if rows++; rows > maxRows {
			ps.Add(row, "", "the file has more than %d rows; split it into smaller files", maxRows)
			return nil
		}
		if len(cells) != len(header) {
			ps.Add(row, "", "has %d cells, the header has %d", len(cells), len(header))
			continue
		}
		good := true
		for i, c := range cells {
			if msg := checkCell(c); msg != "" {
				ps.Add(row, header[i], "%s", msg)
				good = false
				continue
			}
			cells[i] = unescape(strings.TrimSpace(c))
		}
		if good {
			fn(&record{row: row, cells: cells, index: index})
		}
	}
}

// readError turns a CSV syntax error or an oversized file into a problem; other
// errors are failures to read and returned.
func readError(err error, ps *Problems) error {
	var pe *csv.ParseError
	switch {
	case errors.Is(err, errTooLarge):
		ps.Add(0, "", "the file is larger than %d MB; split it into smaller files", maxBytes>>20)
	case errors.As(err, &pe):
		ps.Add(pe.StartLine, "", "malformed CSV at line %d, character %d: %v", pe.Line, pe.Column, pe.Err)
	default:
		return err
	}
	return nil
}

// readHeader maps column names to positions and reports unknown, repeated and
// missing columns.
func readHeader(header []string, row int, f format, ps *Problems) (map[string]int, bool) {
	before := ps.Len()
	index := make(map[string]int, len(header))
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		if msg := checkCell(h); msg != "" {
			ps.Add(row, "", "column %d: name %s", i+1, msg)
			continue
		}
		name := strings.ToLower(strings.TrimSpace(h))
		header[i] = name
		switch {
		case name == "":
			ps.Add(row, "", "column %d has no name", i+1)
		case !slices.Contains(f.columns, name):
			ps.Add(row, clip(name), "unknown column; the columns are %s", strings.Join(f.columns, ", "))
		default:
			if _, dup := index[name]; dup {
				ps.Add(row, name, "appears twice in the header")
			}
			index[name] = i
		}
	}
	for _, c := range f.required {
		if _, ok := index[c]; !ok {
			ps.Add(row, c, "required column is missing")
		}
	}
	return index, ps.Len() == before
}

// checkCell reports what makes a raw cell unacceptable, "" when nothing does.
func checkCell(s string) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f {
			return fmt.Sprintf("contains the control character U+%04X", r)
		}
	}
	return ""
}

func allEmpty(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// clip shortens untrusted text for a message.
func clip(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "…"
}

// formulaStart lists the characters that make a spreadsheet read a cell as a
// formula (OWASP "CSV injection").
const formulaStart = "=+-@\t\r"

// EscapeFormula protects a cell for spreadsheets: a cell starting with = + - @,
// TAB or CR gets a leading apostrophe, so a spreadsheet shows it as text instead
// of running it as a formula. Plain decimal numbers ("-5", "-12.50") are left as
// they are: a spreadsheet reads them as numbers, and they cannot hold a formula.
// A cell whose apostrophes are followed by such a character gets one more
// apostrophe, so that the import (which removes one) gives back the original text.
func EscapeFormula(s string) string {
	if formulaAfterQuotes(s) && !isDecimal(s) {
		return "'" + s
	}
	return s
}

// unescape undoes EscapeFormula on a cell.
func unescape(s string) string {
	if len(s) > 1 && s[0] == '\'' && formulaAfterQuotes(s) {
		return s[1:]
	}
	return s
}

// formulaAfterQuotes reports whether s, after any leading apostrophes, starts
// with a character that makes a spreadsheet read a formula.
func formulaAfterQuotes(s string) bool {
	i := 0
	for i < len(s) && s[i] == '\'' {
		i++
	}
	return i < len(s) && strings.IndexByte(formulaStart, s[i]) >= 0
}

// isDecimal reports whether s is a plain decimal number: -?digits(.digits)?.
func isDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	return allDigits(whole) && (!dot || allDigits(frac))
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
