package api

import (
	"b2x/app"
	"b2x/order"
	"b2x/party"
)

// The functions below give other writers of b2x JSON (b2x export) the API's own
// documents, so that a product, an order or a customer has one JSON form wherever
// it appears.

// ProductDocument is a product as staff see it in the API, with every base price.
func ProductDocument(v app.ProductView) any { return productOut(v, "", true) }

// OrderDocument is an order with its lines and transitions.
func OrderDocument(o order.Order) any { return orderOut(o) }

// PersonDocument is a person.
func PersonDocument(p party.Person) any { return personOut(p) }

// OrganizationDocument is an organization with its contacts.
func OrganizationDocument(o party.Organization, contacts []party.Contact) any {
	out := organizationOut(o)
	for _, c := range contacts {
		out.Contacts = append(out.Contacts, contactOut(c))
	}
	return out
}
