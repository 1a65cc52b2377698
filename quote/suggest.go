package quote

import (
	"b2x/catalog"
	"b2x/party"
)

// Suggestion is a service the sales manager could add to a quote, and why.
type Suggestion struct {
	ServiceKind ServiceKind
	Reason      string
}

// SuggestServices proposes services the buyer would otherwise pay a third party for
// (S3), from what the organization is known to lack and what the quote holds:
//
//   - no own transport and goods in the quote: delivery to the site;
//   - no own accounting: documents signed and payment taken at the customer's office;
//   - no IT department and licences in the quote: set-up and training;
//   - goods that need installation (needsInstallation, by SKU; the catalog has no
//     such flag yet, so the caller decides by SKU or category), unless the
//     organization is known to install itself: installation;
//   - licences and no maintenance line: maintenance for the licences' term.
//
// A capability the profile does not record is not a lack. Services the quote
// already has, charged or included, are not suggested again.
func SuggestServices(org party.Organization, lines []Line, needsInstallation func(sku string) bool) []Suggestion {
	var out []Suggestion
	suggest := func(k ServiceKind, reason string) {
		if !hasService(lines, k) {
			out = append(out, Suggestion{ServiceKind: k, Reason: reason})
		}
	}
	goods, licences := hasKind(lines, catalog.Goods), hasKind(lines, catalog.Licence)

	if goods && org.Lacks(party.OwnTransport) {
		suggest(Delivery, "has no own transport: deliver the goods to the site")
	}
	if org.Lacks(party.Accounting) {
		suggest(OnSitePaperwork, "has no own accounting: sign the documents and take payment at the customer's office")
	}
	if needsInstallation != nil && !org.Capabilities[party.Installation] {
		for _, l := range lines {
			if l.Kind == catalog.Goods && needsInstallation(l.SKU) {
				suggest(Installation, l.SKU+" needs installation")
				break
			}
		}
	}
	if licences && org.Lacks(party.IT) {
		suggest(Setup, "has no IT department: set up the licensed software")
		suggest(Training, "has no IT department: train the users of the licensed software")
	}
	if licences {
		suggest(Maintenance, "licences without maintenance: updates and support for the licence term")
	}
	return out
}
