package staff

import (
	"slices"
	"testing"
)

func TestCan(t *testing.T) {
	tests := []struct {
		role Role
		perm Permission
		want bool
	}{
		{Owner, StaffManage, true},
		{Owner, AuditRead, true},
		{Owner, "made.up", false},
		{SalesManager, PricesEdit, true},
		{SalesManager, StaffManage, false},
		{SalesManager, AuditRead, false},
		{AccountManager, OpportunitiesEdit, true},
		{AccountManager, PricesEdit, false},
		{AccountManager, TendersEdit, false},
		{Warehouse, StockMove, true},
		{Warehouse, CustomersRead, false},
		{Warehouse, CatalogEdit, false},
		{Marketing, CampaignsEdit, true},
		{Marketing, StockMove, false},
		{Support, ActivitiesEdit, true},
		{Support, OpportunitiesEdit, false},
		{SalesManager, ContractsEdit, true},
		{AccountManager, ContractsEdit, false}, // a contract carries prices
		{AccountManager, ContractsRead, true},
		{AccountManager, RecurringEdit, true},
		{AccountManager, LicencesEdit, true},
		{Marketing, PromotionsEdit, true},
		{Support, PromotionsEdit, false},
		{Support, LoyaltyEdit, true},
		{Warehouse, LoyaltyRead, false},
		{Marketing, DeliveryEdit, false},
		{"", CRMRead, false},
		{"intern", CRMRead, false},
	}
	for _, tt := range tests {
		if got := Can(tt.role, tt.perm); got != tt.want {
			t.Errorf("Can(%q, %q) = %v, want %v", tt.role, tt.perm, got, tt.want)
		}
	}
}

// TestGrantsKnown keeps the matrix honest: every granted permission is a known
// one, listed once, and only the owner may manage staff or read the audit log.
func TestGrantsKnown(t *testing.T) {
	seen := map[Permission]bool{}
	for _, p := range Permissions {
		if seen[p] {
			t.Errorf("%s listed twice", p)
		}
		seen[p] = true
	}
	for role, ps := range grants {
		if !role.Valid() || role == Owner {
			t.Errorf("grants holds role %q", role)
		}
		for i, p := range ps {
			if !seen[p] {
				t.Errorf("%s is granted unknown %q", role, p)
			}
			if slices.Index(ps, p) != i {
				t.Errorf("%s is granted %s twice", role, p)
			}
		}
		if slices.Contains(ps, StaffManage) || slices.Contains(ps, AuditRead) {
			t.Errorf("%s may manage staff or read the audit log", role)
		}
	}
	if got := Grants(Owner); len(got) != len(Permissions) {
		t.Errorf("the owner has %d of %d permissions", len(got), len(Permissions))
	}
	if got := Grants(Warehouse); !slices.Equal(got, []Permission{StockRead, StockMove, WarehousesEdit, OrdersRead, OrdersTransition, WarrantyRead}) {
		t.Errorf("Grants(warehouse) = %v", got)
	}
}
