// Package supplier holds the selling company's own details as printed on quotes
// and invoices: name, address, VAT id, how to reach it and where to pay. They come
// from the environment (B2X_SUPPLIER_*) and fall back to the demo company, so a
// fresh install prints something sensible and an operator sets the real values
// once, without a database migration.
package supplier

import "strings"

// Details are the supplier's printed details.
type Details struct {
	Name    string
	Address string // may hold several lines, separated by "\n"
	VATID   string
	Email   string
	Phone   string
	Website string
	IBAN    string
	// Terms is the standard small print every quote carries.
	Terms string
}

// Demo is the demo company b2x runs as until configured.
func Demo() Details {
	return Details{
		Name:    "B2X Building Supplies GmbH",
		Address: "Industriestraße 12\n10115 Berlin\nGermany",
		VATID:   "DE123456789",
		Email:   "sales@b2x.example",
		Phone:   "+49 30 1234567",
		Website: "https://b2x.example",
		IBAN:    "DE89 3704 0044 0532 0130 00",
		Terms:   "Prices are net; VAT is added at the rate shown. Goods remain our property until paid in full.",
	}
}

// Variables lists the environment variables FromEnv reads, by field.
var Variables = map[string]string{
	"name": "B2X_SUPPLIER_NAME", "address": "B2X_SUPPLIER_ADDRESS", "vat_id": "B2X_SUPPLIER_VAT_ID",
	"email": "B2X_SUPPLIER_EMAIL", "phone": "B2X_SUPPLIER_PHONE", "website": "B2X_SUPPLIER_WEBSITE",
	"iban": "B2X_SUPPLIER_IBAN", "terms": "B2X_SUPPLIER_TERMS",
}

// FromEnv reads the details through getenv (os.Getenv in the binary); a variable
// that is unset or blank keeps the demo value. In B2X_SUPPLIER_ADDRESS a literal
// "\n" or "|" separates lines, so it fits on one line of a service file.
func FromEnv(getenv func(string) string) Details {
	d := Demo()
	for field, dst := range map[string]*string{
		"name": &d.Name, "address": &d.Address, "vat_id": &d.VATID, "email": &d.Email, "phone": &d.Phone,
		"website": &d.Website, "iban": &d.IBAN, "terms": &d.Terms,
	} {
		if v := strings.TrimSpace(getenv(Variables[field])); v != "" {
			*dst = v
		}
	}
	d.Address = strings.NewReplacer(`\n`, "\n", "|", "\n").Replace(d.Address)
	return d
}
