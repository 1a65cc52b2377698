package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"b2x/crm"
	"b2x/ids"
	"b2x/money"
	"b2x/party"
	"b2x/staff"
)

// CRMSize says how much back-office history to generate.
type CRMSize struct {
	Managers      int // staff users who own deals and accounts (besides the fixed demo staff)
	Opportunities int
	Activities    int
	Tenders       int
	Months        int // how far back deals and activities reach
}

// CRMFull is the size of the demo's CRM data; the benchmark uses a larger one.
var CRMFull = CRMSize{Managers: 4, Opportunities: 200, Activities: 1000, Tenders: 12, Months: 12}

// WinningPoint is one entry of the demo's winning-points library (S10).
type WinningPoint struct {
	ID          string
	Title, Text string
	Tags        []string
}

// CRMData is the back office's data: staff users, deals with their histories,
// activities, account-manager assignments, tenders and winning points. Users come
// first; every other record refers to them.
type CRMData struct {
	// Organizations and Contacts are created first when set: the benchmark's own
	// customers (CRMCustomers). The demo's customers come from Generate.
	Organizations []party.Organization
	Contacts      []party.Contact
	Users         []staff.User
	Opportunities []crm.Opportunity
	Activities    []crm.Activity
	Assignments   []crm.Assignment
	Tenders       []crm.Tender
	WinningPoints []WinningPoint
}

// GenerateCRM makes back-office data for the given organizations and their
// contacts: deals walked through the default pipeline with their history,
// activities around them (most done, some overdue), one account manager per
// organization (some reassigned), open tenders. Organizations are picked with a
// skew, so a few big accounts carry much of the history, as in real books. Pure and
// deterministic like Generate; its random stream is its own, so it does not change
// the rest of the demo data.
func GenerateCRM(seed uint64, now time.Time, size CRMSize, orgs []party.Organization, contacts []party.Contact) *CRMData {
	now = now.UTC().Truncate(time.Second)
	g := &crmGen{r: rand.New(rand.NewPCG(seed, 0x62327863726d)), now: now, d: &CRMData{}, // "b2xcrm"
		start: now.AddDate(0, -max(size.Months, 1), 0), p: crm.DefaultPipeline(), contacts: map[string][]string{}}
	for _, c := range contacts {
		g.contacts[c.OrganizationID] = append(g.contacts[c.OrganizationID], c.ID)
	}
	g.users(max(size.Managers, 1))
	if len(orgs) == 0 {
		return g.d
	}
	g.orgs = orgs
	g.assignments()
	g.opportunities(size.Opportunities)
	g.activities(size.Activities)
	g.tenders(size.Tenders)
	// In creation order, as they would have been written: time-ordered ids then
	// append to the indexes instead of landing all over them.
	slices.SortStableFunc(g.d.Opportunities, func(a, b crm.Opportunity) int { return a.CreatedAt.Compare(b.CreatedAt) })
	slices.SortStableFunc(g.d.Activities, func(a, b crm.Activity) int { return a.CreatedAt.Compare(b.CreatedAt) })
	for _, w := range demoWinningPoints {
		w.ID = g.id(g.start)
		g.d.WinningPoints = append(g.d.WinningPoints, w)
	}
	return g.d
}

type crmGen struct {
	r        *rand.Rand
	now      time.Time
	start    time.Time
	d        *CRMData
	p        crm.Pipeline
	orgs     []party.Organization
	contacts map[string][]string
	owners   []string // users who own deals and activities
	byOrg    map[string][]int
}

func (g *crmGen) id(t time.Time) string { return ids.AtFrom(t, randReader{g.r}) }

func (g *crmGen) timeIn(from, to time.Time) time.Time {
	if !to.After(from) {
		return from
	}
	return from.Add(time.Duration(g.r.Int64N(int64(to.Sub(from))))).Truncate(time.Second)
}

// org picks an organization index with a quadratic skew towards the first ones.
func (g *crmGen) org() int {
	x := g.r.Float64()
	return min(int(x*x*float64(len(g.orgs))), len(g.orgs)-1)
}

// The fixed demo staff: one user per role, so every screen can be tried.
var demoStaff = []struct {
	name string
	role staff.Role
}{
	{"Olga Owner", staff.Owner}, {"Sam Sales", staff.SalesManager}, {"Ada Account", staff.AccountManager},
	{"Walt Warehouse", staff.Warehouse}, {"Mia Marketing", staff.Marketing}, {"Sue Support", staff.Support},
}

func (g *crmGen) users(managers int) {
	at := g.start.Add(-24 * time.Hour)
	add := func(name string, role staff.Role, email string) string {
		u := staff.User{ID: g.id(at), Email: email, Name: name, Role: role,
			PasswordHash: "!", CreatedAt: at} // no password: an operator sets one or makes a token
		g.d.Users = append(g.d.Users, u)
		return u.ID
	}
	for _, s := range demoStaff {
		id := add(s.name, s.role, fmt.Sprintf("%s@demo.b2x.example", s.role))
		if s.role == staff.SalesManager || s.role == staff.AccountManager {
			g.owners = append(g.owners, id)
		}
	}
	for i := range managers {
		g.owners = append(g.owners, add(fmt.Sprintf("Account manager %d", i+1), staff.AccountManager,
			fmt.Sprintf("manager%d@demo.b2x.example", i+1)))
	}
}

func (g *crmGen) assignments() {
	for _, o := range g.orgs {
		from := g.timeIn(g.start, g.start.AddDate(0, 1, 0))
		a := crm.Assignment{OrganizationID: o.ID, Manager: g.owners[g.r.IntN(len(g.owners))], From: from, By: g.d.Users[1].ID}
		if g.r.IntN(5) == 0 { // a fifth changed hands once
			a.To = g.timeIn(from.Add(24*time.Hour), g.now.Add(-24*time.Hour))
			next := crm.Assignment{OrganizationID: o.ID, Manager: g.owners[g.r.IntN(len(g.owners))], From: a.To, By: g.d.Users[1].ID}
			if next.Manager == a.Manager {
				next.Manager = g.owners[(slices.Index(g.owners, a.Manager)+1)%len(g.owners)]
			}
			g.d.Assignments = append(g.d.Assignments, a, next)
			continue
		}
		g.d.Assignments = append(g.d.Assignments, a)
	}
}

var (
	dealWords   = []string{"Bricks", "Roof tiles", "Office chairs", "Printers", "ERP licences", "Kiln", "Insulation", "Laptops", "Maintenance contract", "Windows"}
	dealPlaces  = []string{"for the new depot", "for the head office", "phase 2", "for the school project", "renewal", "for the warehouse", "for 3 sites"}
	lostReasons = []string{"over budget", "chose a cheaper supplier", "project postponed", "no decision", "delivery time too long"}
)

// opportunities walks each deal from the first stage towards a target stage, one
// dated move at a time; older deals have more often ended won or lost.
func (g *crmGen) opportunities(n int) {
	open := []string{"lead", "qualified", "meeting", "proposal", "negotiation"}
	g.byOrg = map[string][]int{}
	for range n {
		created := g.timeIn(g.start, g.now.Add(-time.Hour))
		org := g.orgs[g.org()]
		o := crm.Opportunity{ID: g.id(created), OrganizationID: org.ID, CreatedAt: created,
			Title:  dealWords[g.r.IntN(len(dealWords))] + " " + dealPlaces[g.r.IntN(len(dealPlaces))],
			Amount: money.MustNew(int64(g.r.IntN(200)+1)*500_00, Currency), Stage: "lead",
			Owner: g.owners[g.r.IntN(len(g.owners))], Source: crm.Sources[g.r.IntN(len(crm.Sources))],
			ExpectedClose: created.AddDate(0, 0, 30+g.r.IntN(150))}
		// The path: through the open stages up to a random one, and for older deals
		// more often on to won or lost.
		path := open[1 : 1+g.r.IntN(len(open))]
		if g.now.Sub(created) > 60*24*time.Hour && g.r.IntN(3) > 0 {
			path = append(slices.Clone(path), []string{"won", "lost"}[g.r.IntN(2)])
		}
		at := created
		for _, s := range path {
			at = g.timeIn(at.Add(time.Hour), at.Add(g.now.Sub(at)/3))
			if !at.Before(g.now) {
				break
			}
			reason := ""
			if s == "lost" {
				reason = lostReasons[g.r.IntN(len(lostReasons))]
			}
			if err := g.p.Move(&o, s, at, o.Owner, reason); err != nil {
				panic(err) // the walk follows the pipeline's own rules
			}
		}
		if s, _ := g.p.Stage(o.Stage); s.Won && o.ExpectedClose.After(g.now) {
			o.ExpectedClose = o.History[len(o.History)-1].At // it closed when it was won
		}
		g.byOrg[org.ID] = append(g.byOrg[org.ID], len(g.d.Opportunities))
		g.d.Opportunities = append(g.d.Opportunities, o)
	}
}

var activitySubjects = map[crm.Kind][]string{
	crm.KindMeeting: {"Visit at the customer's site", "Presentation of the offer", "Meeting with the buying center"},
	crm.KindCall:    {"Call about the quote", "Follow-up call", "Clarify the delivery terms"},
	crm.KindEmail:   {"Send the specifications", "Thank them for the meeting", "Send the revised quote"},
	crm.KindNote:    {"Budget is approved for Q3", "CFO is sceptical about the price", "They lack their own transport"},
	crm.KindTask:    {"Prepare the quote", "Check stock for the order", "Book the installation crew"},
}

// activities scatters activities over the history: meetings and calls before
// emails (S11), most past ones done, a few left overdue.
func (g *crmGen) activities(n int) {
	kinds := []crm.Kind{crm.KindMeeting, crm.KindCall, crm.KindCall, crm.KindEmail, crm.KindEmail, crm.KindNote, crm.KindTask, crm.KindTask}
	for range n {
		created := g.timeIn(g.start, g.now.Add(-time.Hour))
		org := g.orgs[g.org()]
		k := kinds[g.r.IntN(len(kinds))]
		subjects := activitySubjects[k]
		a := crm.Activity{ID: g.id(created), Kind: k, Subject: subjects[g.r.IntN(len(subjects))], OrganizationID: org.ID,
			Owner: g.owners[g.r.IntN(len(g.owners))], CreatedAt: created}
		if k != crm.KindNote {
			a.Due = created.Add(time.Duration(g.r.IntN(14*24)) * time.Hour)
			if a.Due.Before(g.now) && g.r.IntN(10) > 0 {
				a.DoneAt = a.Due.Add(time.Duration(g.r.IntN(48)) * time.Hour)
				if a.DoneAt.After(g.now) {
					a.DoneAt = g.now
				}
			}
		}
		if cs := g.contacts[org.ID]; len(cs) > 0 && g.r.IntN(2) == 0 {
			a.ContactIDs = []string{cs[g.r.IntN(len(cs))]}
		}
		if deals := g.byOrg[org.ID]; len(deals) > 0 && g.r.IntN(3) > 0 {
			a.OpportunityID = g.d.Opportunities[deals[g.r.IntN(len(deals))]].ID
		}
		g.d.Activities = append(g.d.Activities, a)
	}
}

func (g *crmGen) tenders(n int) {
	titles := []string{"Supply of building materials for the municipal school", "Office equipment framework contract",
		"ERP licences and maintenance, 3 years", "Insulation works, housing block 7"}
	for i := range n {
		published := g.timeIn(g.now.AddDate(0, -2, 0), g.now.AddDate(0, 0, -1))
		t := crm.Tender{ID: g.id(published), OrganizationID: g.orgs[g.org()].ID, Title: titles[i%len(titles)],
			PublishedAt: published, Deadline: g.now.AddDate(0, 0, g.r.IntN(40)-5).Add(12 * time.Hour),
			Requirements: []crm.Requirement{{Text: "ISO 9001 certificate", Met: true}, {Text: "Delivery within 30 days", Met: g.r.IntN(2) == 0},
				{Text: "Three references from similar projects"}},
			Decision: crm.Undecided, Outcome: crm.OutcomePending}
		switch g.r.IntN(3) {
		case 1:
			t.Decision = crm.Bid
		case 2:
			t.Decision, t.DecisionReason = crm.NoBid, "the required delivery time is shorter than we can promise"
		}
		if !t.Deadline.After(t.PublishedAt) {
			t.Deadline = t.PublishedAt.Add(7 * 24 * time.Hour)
		}
		g.d.Tenders = append(g.d.Tenders, t)
	}
}

var demoWinningPoints = []WinningPoint{
	{"", "Delivered to the site and signed there", "We deliver to the building site with our own trucks, the driver brings the documents, and payment can be taken at your office.", []string{"service", "terms"}},
	{"", "Installed and commissioned in one day", "Our crew installs and commissions equipment in one working day, including the training of your staff.", []string{"service", "uniqueness"}},
	{"", "Every cost on the quote", "Set-up, updates and training are on the quote from the start: no surprise invoices later.", []string{"terms", "quality"}},
	{"", "Stock you can see", "What the quote promises is in our warehouses now; the portal shows the stock live.", []string{"quality"}},
}

// CRMCustomers makes n plain organizations, each with a decision maker, a
// financial approver and a buyer, for GenerateCRM at benchmark sizes.
func CRMCustomers(seed uint64, now time.Time, n int) ([]party.Organization, []party.Contact) {
	g := &crmGen{r: rand.New(rand.NewPCG(seed, 0x62327863757374))} // "b2xcust"
	at := now.UTC().Truncate(time.Second).AddDate(-2, 0, 0)
	var orgs []party.Organization
	var contacts []party.Contact
	people := []struct {
		name string
		role party.Role
		inf  int
	}{{"Chief Executive", party.DecisionMaker, 5}, {"Finance Director", party.FinancialApprover, 4}, {"Buyer", party.User, 2}}
	for i := range n {
		o := party.Organization{ID: g.id(at), LegalName: fmt.Sprintf("Customer %05d GmbH", i+1), CreatedAt: at, UpdatedAt: at}
		orgs = append(orgs, o)
		for _, p := range people {
			contacts = append(contacts, party.Contact{ID: g.id(at), OrganizationID: o.ID, Name: p.name + " " + o.LegalName[9:14],
				Role: p.role, Influence: p.inf, CreatedAt: at, UpdatedAt: at})
		}
	}
	return orgs, contacts
}
