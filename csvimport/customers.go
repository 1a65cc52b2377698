package csvimport

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"b2x/errs"
	"b2x/ids"
	"b2x/money"
	"b2x/party"
)

// CustomerColumns are the columns of a customers file, in the order export writes them.
var CustomerColumns = []string{"type", "id", "name", "email", "phone", "trade", "group", "tax_id", "industry",
	"employees", "turnover_band", "capabilities", "payment_terms", "credit_limit", "currency", "website", "address"}

var customerFormat = format{columns: CustomerColumns, required: []string{"type", "name"}}

// The columns only one kind of customer has.
var (
	personOnly       = []string{"email", "phone", "trade"}
	organizationOnly = []string{"tax_id", "industry", "employees", "turnover_band", "capabilities", "payment_terms",
		"credit_limit", "currency", "website", "address"}
)

// Customer types, as the type column writes them.
const (
	TypePerson       = "person"
	TypeOrganization = "organization"
)

// MaxEmployees bounds the employees column, as party.Organization.Validate does.
const MaxEmployees = 10_000_000

// CustomerRow is one customer of a file: exactly one of Person and Organization is
// set. Its ID is the file's id cell, empty when the file gives none.
type CustomerRow struct {
	Row          int
	Person       *party.Person
	Organization *party.Organization
}

// CustomerColumn names the column that holds a field of party.Person or
// party.Organization (as named by their Validate).
func CustomerColumn(field string) string {
	if field == "legal_name" {
		return "name"
	}
	return field
}

// ParseCustomers reads a customers file. It returns every row, or no rows and an
// invalid *errs.Error listing the problems (see ProblemsOf); other errors are
// failures to read r.
func ParseCustomers(r io.Reader) ([]CustomerRow, error) {
	var ps Problems
	var rows []CustomerRow
	firstID, firstEmail, firstTaxID := map[string]int{}, map[string]int{}, map[string]int{}
	once := func(seen map[string]int, key string, row int, column, what string) bool {
		if key == "" {
			return true
		}
		if at, dup := seen[key]; dup {
			ps.Add(row, column, "%s appears twice in the file (first on row %d)", what, at)
			return false
		}
		seen[key] = row
		return true
	}
	err := read(r, customerFormat, &ps, func(rec *record) {
		before := ps.Len()
		cr, bad := parseCustomer(rec, &ps)
		if len(bad) > 0 && cr.Person == nil && cr.Organization == nil {
			return
		}
		var id string
		switch {
		case cr.Person != nil:
			id = cr.Person.ID
			if !once(firstEmail, strings.ToLower(cr.Person.Email), rec.row, "email", "the email "+clip(cr.Person.Email)) {
				bad["email"] = true
			}
		case cr.Organization != nil:
			id = cr.Organization.ID
			if !once(firstTaxID, NormalizeTaxID(cr.Organization.TaxID), rec.row, "tax_id", "the tax id "+clip(cr.Organization.TaxID)) {
				bad["tax_id"] = true
			}
		}
		if !once(firstID, id, rec.row, "id", "the id "+id) {
			bad["id"] = true
		}
		var vs Problems
		vs.AddError(rec.row, ValidateCustomer(&cr), CustomerColumn)
		for _, p := range vs.list {
			if !bad[p.Column] {
				ps.Add(p.Row, p.Column, "%s", p.Message)
			}
		}
		if ps.Len() == before {
			rows = append(rows, cr)
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

// NormalizeTaxID is the form tax ids are compared in: lower case, without spaces.
func NormalizeTaxID(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), ""))
}

func parseCustomer(rec *record, ps *Problems) (CustomerRow, map[string]bool) {
	bad := map[string]bool{}
	fail := func(column string, err error) {
		ps.Add(rec.row, column, "%s", err.Error())
		bad[column] = true
	}
	cr := CustomerRow{Row: rec.row}
	id := strings.ToLower(rec.get("id"))
	if id != "" && !ids.Valid(id) {
		fail("id", fmt.Errorf("%q is not a UUID", clip(id)))
		id = ""
	}
	typ := strings.ToLower(rec.get("type"))
	var others []string
	switch typ {
	case TypePerson:
		others = organizationOnly
		p := &party.Person{ID: id, Name: rec.get("name"), Email: rec.get("email"), Phone: rec.get("phone"), Group: rec.get("group")}
		trade, err := parseBool(rec.get("trade"))
		if err != nil {
			fail("trade", err)
		}
		p.Trade = trade
		cr.Person = p
	case TypeOrganization:
		others = personOnly
		o := &party.Organization{ID: id, LegalName: rec.get("name"), TaxID: rec.get("tax_id"), Industry: rec.get("industry"),
			TurnoverBand: party.TurnoverBand(strings.ToLower(rec.get("turnover_band"))), Group: rec.get("group"),
			PaymentTerms: party.PaymentTerms(strings.ToLower(rec.get("payment_terms"))),
			Website:      rec.get("website"), Address: rec.get("address")}
		if s := rec.get("employees"); s != "" {
			if n, err := parseWhole(s, MaxEmployees); err != nil {
				fail("employees", err)
			} else {
				o.Employees = n
			}
		}
		if err := parseCapabilities(rec.get("capabilities"), o); err != nil {
			fail("capabilities", err)
		}
		cur := strings.ToUpper(rec.get("currency"))
		if s := rec.get("credit_limit"); s != "" {
			if cur == "" {
				fail("currency", fmt.Errorf("is required with a credit limit"))
			} else if _, ok := money.Digits(cur); !ok {
				fail("currency", fmt.Errorf("unknown currency %q", clip(cur)))
			} else if amt, err := parseMoney(s, cur); err != nil {
				fail("credit_limit", err)
			} else if amt.Minor != 0 {
				o.CreditLimit = amt // zero means no credit, stored without a currency
			}
		}
		cr.Organization = o
	case "":
		fail("type", fmt.Errorf("is required: person or organization"))
		return cr, bad
	default:
		fail("type", fmt.Errorf("%q is not person or organization", clip(typ)))
		return cr, bad
	}
	for _, c := range others {
		if rec.get(c) != "" {
			fail(c, fmt.Errorf("is only for %s rows; leave it empty for a %s", otherType(typ), typ))
		}
	}
	return cr, bad
}

func otherType(typ string) string {
	if typ == TypePerson {
		return TypeOrganization
	}
	return TypePerson
}

// parseCapabilities reads "own_transport=no;it=yes" into o.Capabilities.
func parseCapabilities(s string, o *party.Organization) error {
	pairs, item := parsePairs(s)
	if item != "" {
		return fmt.Errorf("%q is not capability=yes or capability=no", clip(item))
	}
	for _, kv := range pairs {
		c := party.Capability(strings.ToLower(kv.Key))
		if kv.Value == "" {
			return fmt.Errorf("%s needs yes or no", clip(kv.Key))
		}
		has, err := parseBool(kv.Value)
		if err != nil {
			return fmt.Errorf("%s: %v", clip(kv.Key), err)
		}
		if o.Capabilities == nil {
			o.Capabilities = map[party.Capability]bool{}
		}
		if _, dup := o.Capabilities[c]; dup {
			return fmt.Errorf("%s appears twice", clip(kv.Key))
		}
		o.Capabilities[c] = has
	}
	return nil
}

// ValidateCustomer checks a row's person or organization with the party rules,
// plus what the database needs of an organization (a known credit currency,
// website and address of at most 1000 characters). Field names are those of
// party's Validate; CustomerColumn maps them to columns.
func ValidateCustomer(cr *CustomerRow) error {
	var fs errs.Fields
	switch {
	case (cr.Person == nil) == (cr.Organization == nil):
		fs.Add("type", "a row is either a person or an organization")
	case cr.Person != nil:
		fs.Wrap("", cr.Person.Validate())
		checkID(&fs, cr.Person.ID)
	default:
		o := cr.Organization
		fs.Wrap("", o.Validate())
		checkID(&fs, o.ID)
		if o.CreditLimit.Minor != 0 {
			if _, ok := money.Digits(o.CreditLimit.Currency); !ok {
				fs.Add("credit_limit", "needs a known currency, got %q", o.CreditLimit.Currency)
			} else if o.CreditLimit.Minor > money.MaxMinor {
				fs.Add("credit_limit", "is too large")
			}
		}
		for _, f := range []struct{ name, v string }{{"website", o.Website}, {"address", o.Address}} {
			if !utf8.ValidString(f.v) {
				fs.Add(f.name, "is not valid UTF-8")
			} else if utf8.RuneCountInString(f.v) > 1000 {
				fs.Add(f.name, "is longer than 1000 characters")
			}
		}
		for _, f := range []struct{ name, v string }{{"tax_id", o.TaxID}, {"industry", o.Industry}, {"group", o.Group}} {
			if !utf8.ValidString(f.v) {
				fs.Add(f.name, "is not valid UTF-8")
			}
		}
	}
	return fs.Err()
}

func checkID(fs *errs.Fields, id string) {
	if id != "" && !ids.Valid(id) {
		fs.Add("id", "is not a UUID")
	}
}

// PersonRecord is a person as one row of a customers file (CustomerColumns).
func PersonRecord(p *party.Person) []string {
	return customerRecord(map[string]string{
		"type": TypePerson, "id": p.ID, "name": p.Name, "email": p.Email, "phone": p.Phone,
		"trade": fmt.Sprint(p.Trade), "group": p.Group,
	})
}

// OrganizationRecord is an organization as one row of a customers file (CustomerColumns).
func OrganizationRecord(o *party.Organization) []string {
	cells := map[string]string{
		"type": TypeOrganization, "id": o.ID, "name": o.LegalName, "group": o.Group, "tax_id": o.TaxID,
		"industry": o.Industry, "turnover_band": string(o.TurnoverBand), "payment_terms": string(o.PaymentTerms),
		"website": o.Website, "address": o.Address,
	}
	if o.Employees != 0 {
		cells["employees"] = fmt.Sprint(o.Employees)
	}
	if len(o.Capabilities) > 0 {
		keys := make([]string, 0, len(o.Capabilities))
		for c := range o.Capabilities {
			keys = append(keys, string(c))
		}
		slices.Sort(keys)
		pairs := make([]Pair, len(keys))
		for i, k := range keys {
			v := "no"
			if o.Capabilities[party.Capability(k)] {
				v = "yes"
			}
			pairs[i] = Pair{Key: k, Value: v}
		}
		cells["capabilities"] = joinPairs(pairs)
	}
	if o.CreditLimit.Minor != 0 {
		cells["credit_limit"], cells["currency"] = o.CreditLimit.String(), o.CreditLimit.Currency
	}
	return customerRecord(cells)
}

func customerRecord(cells map[string]string) []string {
	out := make([]string, len(CustomerColumns))
	for i, c := range CustomerColumns {
		out[i] = cells[c]
	}
	return out
}
