package demo

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"b2x/inventory"
	"b2x/money"
	"b2x/party"
	"b2x/pricing"
)

func (g *gen) warehouses() {
	g.d.Warehouses = []inventory.Warehouse{
		{Code: "MAIN", Name: "Main warehouse, Riga", Priority: 0},
		{Code: "NORTH", Name: "North depot, Tallinn", Priority: 1},
	}
}

// Names: English names, Russian names in Latin letters, and Russian names in
// Cyrillic, as the company's customers write them.
var (
	enFirstM = []string{"James", "Oliver", "Thomas", "Daniel", "Michael", "David", "Mark", "Peter", "Andrew", "Robert", "Martin", "Simon", "Paul", "Chris", "Jonas", "Lukas", "Erik", "Henrik", "Matthew", "Samuel"}
	enFirstF = []string{"Emily", "Sarah", "Anna", "Laura", "Emma", "Sophie", "Kate", "Hannah", "Julia", "Linda", "Maria", "Eva", "Lisa", "Rachel", "Helen", "Grace", "Alice", "Ingrid", "Kristina", "Laila"}
	enLast   = []string{"Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clark", "Walker", "Wright", "Green", "Baker", "Hill", "Turner", "Parker", "Cooper", "Ward", "Fischer", "Berg", "Lindqvist", "Ozols", "Kalnins", "Tamm", "Saar", "Kazlauskas", "Jansons", "Miller", "Hughes", "Evans", "Young"}
)

// ru holds a Russian name in Latin and Cyrillic letters.
type ru struct{ lat, cyr string }

var (
	ruFirstM = []ru{{"Ivan", "Иван"}, {"Sergey", "Сергей"}, {"Alexey", "Алексей"}, {"Dmitry", "Дмитрий"}, {"Andrey", "Андрей"}, {"Mikhail", "Михаил"}, {"Nikolay", "Николай"}, {"Pavel", "Павел"}, {"Vladimir", "Владимир"}, {"Oleg", "Олег"}, {"Igor", "Игорь"}, {"Yuri", "Юрий"}, {"Artem", "Артём"}, {"Maxim", "Максим"}}
	ruFirstF = []ru{{"Anna", "Анна"}, {"Olga", "Ольга"}, {"Elena", "Елена"}, {"Natalia", "Наталья"}, {"Irina", "Ирина"}, {"Tatiana", "Татьяна"}, {"Svetlana", "Светлана"}, {"Maria", "Мария"}, {"Ekaterina", "Екатерина"}, {"Yulia", "Юлия"}, {"Daria", "Дарья"}, {"Ksenia", "Ксения"}}
	// Surnames in the masculine form; feminine adds "a" / "а".
	ruLast = []ru{{"Ivanov", "Иванов"}, {"Petrov", "Петров"}, {"Smirnov", "Смирнов"}, {"Kuznetsov", "Кузнецов"}, {"Popov", "Попов"}, {"Volkov", "Волков"}, {"Sokolov", "Соколов"}, {"Morozov", "Морозов"}, {"Novikov", "Новиков"}, {"Fedorov", "Фёдоров"}, {"Lebedev", "Лебедев"}, {"Kozlov", "Козлов"}, {"Orlov", "Орлов"}, {"Belov", "Белов"}, {"Vasiliev", "Васильев"}, {"Egorov", "Егоров"}}
)

// name is a person's display name and the Latin form used in email addresses.
type name struct{ display, first, last string }

func (g *gen) name() name {
	female := g.chance(50)
	switch n := g.r.IntN(100); {
	case n < 45:
		first := pick(g, enFirstM)
		if female {
			first = pick(g, enFirstF)
		}
		last := pick(g, enLast)
		return name{first + " " + last, first, last}
	default:
		first, last := pick(g, ruFirstM), pick(g, ruLast)
		if female {
			first = pick(g, ruFirstF)
			last = ru{last.lat + "a", last.cyr + "а"}
		}
		if n < 75 {
			return name{first.lat + " " + last.lat, first.lat, last.lat}
		}
		return name{first.cyr + " " + last.cyr, first.lat, last.lat}
	}
}

// email makes a unique address at a domain reserved for examples (RFC 2606), so
// that demo campaigns can never reach a real person.
func (g *gen) email(n name, domain string, seen map[string]int) string {
	local := strings.ToLower(n.first + "." + n.last)
	switch g.r.IntN(3) {
	case 1:
		local = strings.ToLower(n.first[:1] + n.last)
	case 2:
		local = strings.ToLower(n.first + n.last[:1])
	}
	addr := local + "@" + domain
	if k := seen[addr]; k > 0 {
		addr = fmt.Sprintf("%s%d@%s", local, k+1, domain)
	}
	seen[local+"@"+domain]++
	return addr
}

// country is where a customer lives: the company sells around the Baltic Sea.
type country struct {
	code, vat  string
	cities     []string
	streets    []string
	mobile     func(g *gen) string
	taxDigits  int
	legalForms []string
}

var countries = []country{
	{code: "LV", vat: "LV", taxDigits: 11, legalForms: []string{"SIA", "AS"},
		cities:  []string{"Riga", "Jurmala", "Daugavpils", "Jelgava", "Liepaja", "Ventspils", "Valmiera"},
		streets: []string{"Brivibas iela", "Krasta iela", "Maskavas iela", "Kr. Valdemara iela", "Dzirnavu iela", "Lacplesa iela", "Ganibu dambis"},
		mobile:  func(g *gen) string { return fmt.Sprintf("+371 2%03d %04d", g.r.IntN(1000), g.r.IntN(10000)) }},
	{code: "EE", vat: "EE", taxDigits: 9, legalForms: []string{"OÜ", "AS"},
		cities:  []string{"Tallinn", "Tartu", "Narva", "Parnu", "Maardu"},
		streets: []string{"Parnu mnt", "Narva mnt", "Tartu mnt", "Peterburi tee", "Laki", "Suur-Sojamae"},
		mobile:  func(g *gen) string { return fmt.Sprintf("+372 5%03d %04d", g.r.IntN(1000), g.r.IntN(10000)) }},
	{code: "LT", vat: "LT", taxDigits: 9, legalForms: []string{"UAB"},
		cities:  []string{"Vilnius", "Kaunas", "Klaipeda", "Siauliai"},
		streets: []string{"Gedimino pr.", "Savanoriu pr.", "Ukmerges g.", "Kalvariju g.", "Laisves al."},
		mobile:  func(g *gen) string { return fmt.Sprintf("+370 6%02d %05d", g.r.IntN(100), g.r.IntN(100000)) }},
	{code: "FI", vat: "FI", taxDigits: 8, legalForms: []string{"Oy"},
		cities:  []string{"Helsinki", "Espoo", "Vantaa", "Turku"},
		streets: []string{"Mannerheimintie", "Hameentie", "Itamerenkatu", "Tekniikantie"},
		mobile:  func(g *gen) string { return fmt.Sprintf("+358 40 %03d %04d", g.r.IntN(1000), g.r.IntN(10000)) }},
}

// country picks where a customer is: mostly Latvia, then Estonia, Lithuania, Finland.
func (g *gen) country() *country { return &countries[weighted(g, []int{55, 25, 12, 8})] }

func (g *gen) address(c *country) string {
	return fmt.Sprintf("%s %d-%d, %s-%04d %s", pick(g, c.streets), g.between(1, 120), g.between(1, 60),
		c.code, g.between(1001, 9999), pick(g, c.cities))
}

// customer is a person or an organization as the order generator sees it.
type customer struct {
	created   time.Time
	person    *party.Person
	org       *party.Organization
	contacts  []party.Contact
	country   *country
	address   string
	theme     string
	weight    int  // how often the customer orders, relative to others
	mult      int  // how much bigger than usual its quantities get
	transport bool // has its own vehicles
	staff     int  // an organization's employees: it buys no more licence seats than that
	resale    bool // a dealer or wholesaler, who buys goods to sell them on
	buyer     pricing.Buyer
	lists     []pricing.PriceList // the price lists that may apply to it
}

// creation spreads creation times: share percent before the history starts (the
// customers the company already had), the rest during it.
func (g *gen) creation(share int) time.Time {
	if g.chance(share) {
		return g.d.Start.AddDate(0, 0, -g.between(1, 700)).Add(g.seconds(7*time.Hour, 21*time.Hour))
	}
	return g.timeIn(g.d.Start, g.now.Add(-48*time.Hour))
}

func (g *gen) persons(n int) {
	times := make([]time.Time, n)
	for i := range times {
		times[i] = g.creation(40)
	}
	slices.SortFunc(times, time.Time.Compare)
	seen := map[string]int{}
	domains := []string{"example.com", "example.net", "example.org"}
	var cs []*customer
	for _, t := range times {
		nm := g.name()
		c := g.country()
		p := party.Person{ID: g.id(t), Name: nm.display, CreatedAt: t, UpdatedAt: t}
		if !g.chance(6) {
			p.Email = g.email(nm, pick(g, domains), seen)
		}
		if !g.chance(10) || p.Email == "" {
			p.Phone = c.mobile(g)
		}
		cu := &customer{created: t, country: c, address: g.address(c)}
		switch n := g.r.IntN(100); {
		case n < 14: // a repair contractor buying for work (S2)
			p.Trade = true
			cu.theme, cu.weight, cu.mult = "contractor", g.between(6, 10), 3
		case n < 70:
			cu.theme, cu.weight, cu.mult = "renovation", pick(g, []int{1, 1, 1, 2, 3, 5}), 1
		default:
			cu.theme, cu.weight, cu.mult = "homeoffice", pick(g, []int{1, 1, 1, 2, 3, 5}), 1
		}
		if p.Trade && g.chance(20) {
			p.UpdatedAt = g.timeIn(t, g.now.Add(-time.Hour)) // flagged as trade later
		}
		g.d.Persons = append(g.d.Persons, p)
		cu.buyer = pricing.Buyer{Groups: p.Groups()}
		cs = append(cs, cu)
	}
	for i, cu := range cs {
		cu.person = &g.d.Persons[i]
	}
	g.people = cs
}

// orgSpec is one business customer: its name, industry, the theme of what it buys
// and its price-list group.
type orgSpec struct {
	name, industry, theme, group string
	band                         party.TurnoverBand
}

var orgSpecs = []orgSpec{
	{"Northbridge Construction", "Construction", "construction", "", party.TurnoverLarge},
	{"Baltic Build Group", "Construction", "construction", "wholesale", party.TurnoverEnterprise},
	{"Stroymontazh", "Construction", "construction", "", party.TurnoverMedium},
	{"Daugava Housing", "Real estate development", "construction", "", party.TurnoverLarge},
	{"Kalnu Renovation", "Renovation and finishing", "finishing", "", party.TurnoverSmall},
	{"Petrov & Sons Repairs", "Renovation and finishing", "finishing", "", party.TurnoverMicro},
	{"Amber Roofing", "Roofing", "construction", "", party.TurnoverSmall},
	{"Monolit Beton", "Construction", "construction", "", party.TurnoverMedium},
	{"Nordic Timber Homes", "Timber frame houses", "construction", "", party.TurnoverMedium},
	{"Granite Civil Works", "Civil engineering", "construction", "", party.TurnoverLarge},
	{"Kvartal Development", "Real estate development", "construction", "", party.TurnoverMedium},
	{"FixIt Home Services", "Renovation and finishing", "finishing", "", party.TurnoverMicro},
	{"Stroy-Dom Market", "Building materials retail", "resale-build", "dealer", party.TurnoverMedium},
	{"BuildPoint Stores", "Building materials retail", "resale-build", "dealer", party.TurnoverLarge},
	{"Ozols Hardware", "Building materials retail", "resale-build", "dealer", party.TurnoverSmall},
	{"Baltic Materials Wholesale", "Wholesale distribution", "resale-build", "wholesale", party.TurnoverEnterprise},
	{"Tamm Trade", "Wholesale distribution", "resale-build", "wholesale", party.TurnoverMedium},
	{"OfficeLine Dealers", "Office equipment retail", "resale-office", "dealer", party.TurnoverMedium},
	{"PaperPlus Distribution", "Wholesale distribution", "resale-office", "wholesale", party.TurnoverLarge},
	{"Kazlauskas Architects", "Architecture", "design", "", party.TurnoverSmall},
	{"Linea Design Studio", "Architecture", "design", "", party.TurnoverMicro},
	{"Struktura Engineering", "Structural engineering", "design", "", party.TurnoverMedium},
	{"Bitwise IT Services", "IT services", "it", "", party.TurnoverSmall},
	{"CloudNorth", "IT services", "it", "", party.TurnoverMedium},
	{"Datalink Systems", "IT services", "it", "dealer", party.TurnoverMedium},
	{"Saar & Partners Accounting", "Accounting", "office", "", party.TurnoverSmall},
	{"Jansons Law Office", "Legal services", "office", "", party.TurnoverSmall},
	{"Riverside Logistics", "Logistics", "office", "", party.TurnoverLarge},
	{"Vega Insurance Brokers", "Insurance", "office", "", party.TurnoverMedium},
	{"Riga International School", "Education", "office", "", party.TurnoverMedium},
	{"Tartu Vocational College", "Education", "office", "", party.TurnoverMedium},
	{"Medica Family Clinic", "Healthcare", "office", "", party.TurnoverSmall},
	{"Hotel Jurmala Pines", "Hospitality", "finishing", "", party.TurnoverMedium},
	{"Old Town Hostels", "Hospitality", "finishing", "", party.TurnoverSmall},
	{"Baltic Foods Production", "Food manufacturing", "office", "", party.TurnoverLarge},
	{"Metalform Works", "Metal manufacturing", "construction", "", party.TurnoverMedium},
	{"City of Valmiera Facilities", "Public administration", "office", "", party.TurnoverLarge},
	{"Parnu Port Services", "Transport", "office", "", party.TurnoverLarge},
	{"GreenLeaf Retail", "Retail chain", "office", "", party.TurnoverLarge},
	{"Helsinki Fit-Out", "Renovation and finishing", "finishing", "", party.TurnoverMedium},
	{"Kaunas Print Center", "Printing", "office", "", party.TurnoverSmall},
	{"Nova Energy", "Energy", "office", "", party.TurnoverEnterprise},
	{"Volkov Electric", "Electrical contracting", "construction", "", party.TurnoverSmall},
	{"Smart Office Riga", "Coworking", "office", "", party.TurnoverSmall},
	{"Lindqvist Consulting", "Management consulting", "office", "", party.TurnoverMicro},
	{"Eko Properties", "Property management", "finishing", "", party.TurnoverMedium},
}

func (g *gen) organizations(n int) {
	specs := make([]orgSpec, n)
	times := make([]time.Time, n)
	for i := range n {
		specs[i] = orgSpecs[i%len(orgSpecs)]
		if i >= len(orgSpecs) {
			specs[i].name += fmt.Sprintf(" %d", i/len(orgSpecs)+1)
		}
		times[i] = g.creation(75)
	}
	// Write them in creation order, so that their ids sort by time; which company
	// came when is part of the shuffle.
	g.r.Shuffle(n, func(i, j int) { specs[i], specs[j] = specs[j], specs[i] })
	slices.SortFunc(times, time.Time.Compare)
	seen := map[string]int{}
	var orgCustomers []*customer
	for i, s := range specs {
		t := times[i]
		c := g.country()
		form := pick(g, c.legalForms)
		legal := form + " " + s.name
		if form == "Oy" {
			legal = s.name + " Oy"
		}
		o := party.Organization{ID: g.id(t), LegalName: legal, TaxID: c.vat + digits(g, c.taxDigits), Industry: s.industry,
			TurnoverBand: s.band, Group: s.group, Website: "https://" + slug(s.name) + ".example",
			Address: g.address(c), CreatedAt: t, UpdatedAt: t}
		staff := map[party.TurnoverBand][2]int{
			party.TurnoverMicro: {2, 9}, party.TurnoverSmall: {10, 49}, party.TurnoverMedium: {50, 249},
			party.TurnoverLarge: {250, 999}, party.TurnoverEnterprise: {1000, 4800}}[s.band]
		o.Employees = g.between(staff[0], staff[1])
		o.Capabilities = g.capabilities(s)
		switch s.band {
		case party.TurnoverMicro:
			o.PaymentTerms = party.Prepaid
		case party.TurnoverSmall:
			o.PaymentTerms = pick(g, []party.PaymentTerms{party.Prepaid, party.Net30})
		default:
			o.PaymentTerms = pick(g, []party.PaymentTerms{party.Net30, party.Net30, party.Net60})
		}
		switch o.PaymentTerms {
		case party.Net30:
			o.CreditLimit = money.Amount{Minor: int64(g.between(5, 50)) * 1000_00, Currency: Currency}
		case party.Net60:
			o.CreditLimit = money.Amount{Minor: int64(g.between(50, 250)) * 1000_00, Currency: Currency}
		}
		g.d.Organizations = append(g.d.Organizations, o)
		weight := map[party.TurnoverBand]int{party.TurnoverMicro: 2, party.TurnoverSmall: 4, party.TurnoverMedium: 6,
			party.TurnoverLarge: 9, party.TurnoverEnterprise: 12}[s.band]
		mult := 1
		switch {
		case s.group == "wholesale":
			weight, mult = weight+4, 4
		case s.group == "dealer":
			weight, mult = weight+3, 3
		case s.band == party.TurnoverLarge || s.band == party.TurnoverEnterprise:
			mult = 2
		}
		cu := &customer{created: t, country: c, address: o.Address, theme: s.theme, weight: weight, mult: mult,
			transport: !o.Lacks(party.OwnTransport), staff: o.Employees}
		if s.group != "" {
			cu.staff, cu.resale = 0, true
		}
		cu.contacts = g.contacts(&o, s, c, seen)
		g.d.Contacts = append(g.d.Contacts, cu.contacts...)
		orgCustomers = append(orgCustomers, cu)
	}
	for i, cu := range orgCustomers {
		cu.org = &g.d.Organizations[i]
		cu.buyer = pricing.Buyer{OrganizationID: cu.org.ID, Groups: cu.org.Groups()}
	}
	g.companies = orgCustomers
}

// capabilities records what an organization has or lacks (S1). Small firms lack
// most non-core departments; some lack their own transport and get delivery to
// the site offered (S3).
func (g *gen) capabilities(s orgSpec) map[party.Capability]bool {
	big := s.band == party.TurnoverLarge || s.band == party.TurnoverEnterprise
	small := s.band == party.TurnoverMicro || s.band == party.TurnoverSmall
	caps := map[party.Capability]bool{}
	transport := 50
	switch {
	case s.theme == "resale-build" || s.group == "wholesale":
		transport = 85
	case small:
		transport = 25
	case big:
		transport = 75
	}
	caps[party.OwnTransport] = g.chance(transport)
	caps[party.Accounting] = !small || g.chance(40)
	if s.theme == "it" {
		caps[party.IT] = true
	} else if g.chance(70) {
		caps[party.IT] = big || (!small && g.chance(50))
	}
	if g.chance(60) {
		caps[party.Legal] = big
	}
	if s.theme == "construction" || s.theme == "finishing" {
		caps[party.Installation] = !small || g.chance(50)
		if g.chance(70) {
			caps[party.Maintenance] = big
		}
	}
	if s.theme == "resale-build" || s.theme == "resale-office" {
		caps[party.Warehousing] = true
	} else if g.chance(40) {
		caps[party.Warehousing] = big
	}
	return caps
}

// seat is one chair of a buying center (S6).
type seat struct {
	role      party.Role
	sphere    party.Sphere
	influence [2]int
	required  bool
	titles    []string // job titles for builders, then for offices
	officeT   []string
}

var (
	decider = seat{party.DecisionMaker, party.Quality, [2]int{5, 5}, true,
		[]string{"Managing Director", "Owner", "CEO"}, []string{"CEO", "Managing Director", "Director"}}
	financier = seat{party.FinancialApprover, party.Budget, [2]int{4, 5}, true,
		[]string{"CFO", "Chief Accountant"}, []string{"CFO", "Finance Director", "Chief Accountant"}}
	others = []seat{
		{party.TechnicalEvaluator, party.Technical, [2]int{3, 4}, false, []string{"Chief Engineer", "Technical Director"}, []string{"Head of IT", "IT Manager"}},
		{party.Initiator, party.Operations, [2]int{2, 3}, false, []string{"Procurement Manager", "Site Manager"}, []string{"Procurement Manager", "Operations Manager"}},
		{party.User, party.Operations, [2]int{1, 2}, false, []string{"Site Foreman", "Project Manager"}, []string{"Office Manager", "Team Lead"}},
		{party.Influencer, party.Marketing, [2]int{2, 4}, false, []string{"Head of Sales", "Chief Architect"}, []string{"Head of Marketing", "Head of Sales"}},
		{party.Gatekeeper, party.Operations, [2]int{1, 2}, false, []string{"Purchasing Assistant", "Assistant to the Director"}, []string{"Executive Assistant", "Receptionist"}},
	}
)

// contacts makes an organization's 2–6 contacts: always the one who decides, in
// most firms the one who holds the budget, and a few more of the buying center.
func (g *gen) contacts(o *party.Organization, s orgSpec, c *country, seen map[string]int) []party.Contact {
	n := map[party.TurnoverBand][2]int{party.TurnoverMicro: {2, 3}, party.TurnoverSmall: {2, 4}, party.TurnoverMedium: {3, 5},
		party.TurnoverLarge: {4, 6}, party.TurnoverEnterprise: {5, 6}}[s.band]
	count := g.between(n[0], n[1])
	seats := []seat{decider, financier}
	rest := slices.Clone(others)
	g.r.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	seats = append(seats, rest[:count-2]...)
	if s.band == party.TurnoverMicro && g.chance(50) {
		// In the smallest firms the owner holds the budget; the second contact is
		// a bookkeeper who does not approve.
		seats[1] = seat{party.Gatekeeper, party.Budget, [2]int{1, 2}, false, []string{"Bookkeeper"}, []string{"Bookkeeper"}}
	}
	builder := s.theme == "construction" || s.theme == "finishing" || s.theme == "resale-build"
	domain := slug(s.name) + ".example"
	var out []party.Contact
	for i, st := range seats {
		nm := g.name()
		titles := st.officeT
		if builder {
			titles = st.titles
		}
		t := o.CreatedAt.Add(time.Duration(i) * time.Minute)
		out = append(out, party.Contact{ID: g.id(t), OrganizationID: o.ID, Name: nm.display,
			Email: g.email(nm, domain, seen), Phone: c.mobile(g), JobTitle: pick(g, titles), Role: st.role,
			Influence: g.between(st.influence[0], st.influence[1]), Sphere: st.sphere, RequiredApprover: st.required,
			CreatedAt: t, UpdatedAt: t})
	}
	return out
}

func digits(g *gen, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}

// slug turns a company name into a host name.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
