package staff

import "slices"

// Owner is the company's owner: the role stored as "admin", trusted with everything.
const Owner = Admin

// Permission is one action a staff user may be allowed to take. Use cases check the
// permission of their action, not the role, so a role's reach is read in one table
// (grants) and changed there.
type Permission string

const (
	CatalogEdit        Permission = "catalog.edit"         // products, prices on products, categories
	PromotionsRead     Permission = "promotions.read"      // coupons and automatic promotions
	PromotionsEdit     Permission = "promotions.edit"      // create coupons and promotions
	DeliveryEdit       Permission = "delivery.edit"        // delivery methods' fees and free-delivery thresholds
	StockRead          Permission = "stock.read"           // movements ledger
	StockMove          Permission = "stock.move"           // movements, reservations
	WarehousesEdit     Permission = "warehouses.edit"      // warehouses
	OrdersRead         Permission = "orders.read"          // orders list and detail
	OrdersTransition   Permission = "orders.transition"    // move an order through its statuses
	LoyaltyRead        Permission = "loyalty.read"         // loyalty cards and their ledgers
	LoyaltyEdit        Permission = "loyalty.edit"         // issue and link cards, correct balances
	CustomersRead      Permission = "customers.read"       // persons, organizations, contacts, customer view
	CustomersEdit      Permission = "customers.edit"       // create and change them, stances, referrers
	PricesRead         Permission = "prices.read"          // price lists
	PricesEdit         Permission = "prices.edit"          // create price lists
	ContractsRead      Permission = "contracts.read"       // organizations' contracts and their consumption
	ContractsEdit      Permission = "contracts.edit"       // agree and change contracts (they carry prices)
	QuotesRead         Permission = "quotes.read"          // quotes and their revisions
	QuotesEdit         Permission = "quotes.edit"          // create, revise, send, withdraw, accept for the buyer
	LicencesRead       Permission = "licences.read"        // licences, seat prices, renewals due
	LicencesEdit       Permission = "licences.edit"        // add seats mid-term (places an order)
	RecurringRead      Permission = "recurring.read"       // standing orders and their runs
	RecurringEdit      Permission = "recurring.edit"       // set up, change, pause standing orders
	CRMRead            Permission = "crm.read"             // pipeline, deals, activities, tenders, workload, forecast
	PipelineEdit       Permission = "pipeline.edit"        // the pipeline's stages
	OpportunitiesEdit  Permission = "opportunities.edit"   // deals and their moves
	ActivitiesEdit     Permission = "activities.edit"      // meetings, calls, emails, notes, tasks
	TendersEdit        Permission = "tenders.edit"         // tenders and deals made of them
	AccountsAssign     Permission = "accounts.assign"      // give an organization to an account manager
	WinningPointsEdit  Permission = "winning_points.edit"  // the library of winning points and their use
	NewsEdit           Permission = "news.edit"            // public news (S4 freshness)
	CampaignsEdit      Permission = "campaigns.edit"       // newsletters
	ImportRun          Permission = "import.run"           // CSV imports
	ExportRun          Permission = "export.run"           // CSV and JSON exports
	StaffManage        Permission = "staff.manage"         // staff users and their roles
	AuditRead          Permission = "audit.read"           // the audit log
	ReviewsModerate    Permission = "reviews.moderate"     // approve and reject reviews, see the queue
	PartnersEdit       Permission = "partners.edit"        // dealers and referrals to come
	StatisticsRead     Permission = "statistics.read"      // reports
	WinningPointsRead  Permission = "winning_points.read"  // read the library
	AccountManagerRead Permission = "account_manager.read" // assignments and workload
	WarrantyRead       Permission = "warranty.read"        // warranty registrations, claims (RMA) and defects
	WarrantyEdit       Permission = "warranty.edit"        // register warranties, move claims, record defects
)

// Permissions lists every permission, in the order the role × permission matrix of
// ARCHITECTURE.md shows them.
var Permissions = []Permission{
	CatalogEdit, PromotionsRead, PromotionsEdit, DeliveryEdit, StockRead, StockMove, WarehousesEdit, OrdersRead,
	OrdersTransition, LoyaltyRead, LoyaltyEdit, CustomersRead, CustomersEdit, PricesRead, PricesEdit, ContractsRead,
	ContractsEdit, QuotesRead, QuotesEdit, LicencesRead, LicencesEdit, RecurringRead, RecurringEdit, CRMRead, PipelineEdit, OpportunitiesEdit, ActivitiesEdit,
	TendersEdit, AccountsAssign, AccountManagerRead, WinningPointsRead, WinningPointsEdit, NewsEdit, CampaignsEdit,
	ReviewsModerate, PartnersEdit, StatisticsRead, ImportRun, ExportRun, StaffManage, AuditRead, WarrantyRead,
	WarrantyEdit,
}

// grants is the role × permission matrix. The owner may do everything and is not
// listed. A sales manager runs the pipeline and the prices (price lists,
// contracts, delivery fees, promotions); an account manager works their accounts
// (deals, activities, quotes, standing orders, licence seats) but sets no prices,
// so reads contracts without agreeing them; the warehouse moves stock and ships
// orders; marketing owns the catalog's words, news, campaigns, winning points,
// promotions and the loyalty programme; support answers customers (reads most
// things, edits customers and activities, moves orders, e.g. to cancel, issues
// loyalty cards and corrects their points).
var grants = map[Role][]Permission{
	SalesManager: {CatalogEdit, PromotionsRead, PromotionsEdit, DeliveryEdit, StockRead, OrdersRead, OrdersTransition,
		LoyaltyRead, CustomersRead, CustomersEdit, PricesRead, PricesEdit, ContractsRead, ContractsEdit, QuotesRead,
		QuotesEdit, LicencesRead, LicencesEdit, RecurringRead, RecurringEdit, CRMRead, PipelineEdit, OpportunitiesEdit,
		ActivitiesEdit, TendersEdit, AccountsAssign, AccountManagerRead, WinningPointsRead, WinningPointsEdit,
		PartnersEdit, StatisticsRead, ExportRun, WarrantyRead},
	AccountManager: {PromotionsRead, StockRead, OrdersRead, LoyaltyRead, CustomersRead, CustomersEdit, PricesRead,
		ContractsRead, QuotesRead, QuotesEdit, LicencesRead, LicencesEdit, RecurringRead, RecurringEdit, CRMRead,
		OpportunitiesEdit, ActivitiesEdit, AccountManagerRead, WinningPointsRead, StatisticsRead},
	Warehouse: {StockRead, StockMove, WarehousesEdit, OrdersRead, OrdersTransition, WarrantyRead},
	Marketing: {CatalogEdit, PromotionsRead, PromotionsEdit, LoyaltyRead, LoyaltyEdit, CustomersRead, CRMRead,
		WinningPointsRead, WinningPointsEdit, NewsEdit, CampaignsEdit, ReviewsModerate, StatisticsRead},
	Support: {PromotionsRead, StockRead, OrdersRead, OrdersTransition, LoyaltyRead, LoyaltyEdit, CustomersRead,
		CustomersEdit, ContractsRead, QuotesRead, LicencesRead, RecurringRead, CRMRead, ActivitiesEdit,
		AccountManagerRead, ReviewsModerate, WarrantyRead, WarrantyEdit},
}

// Can reports whether a user with role may take the action p. Unknown roles may do
// nothing, and so may anyone asking for an unknown permission.
func Can(role Role, p Permission) bool {
	if !slices.Contains(Permissions, p) {
		return false
	}
	if role == Owner {
		return true
	}
	return slices.Contains(grants[role], p)
}

// Grants lists the permissions of role, in Permissions order.
func Grants(role Role) []Permission {
	var out []Permission
	for _, p := range Permissions {
		if Can(role, p) {
			out = append(out, p)
		}
	}
	return out
}
