package admin

import "b2x/staff"

// RouteInfo is one line of the route table, for the generated permission test.
type RouteInfo struct {
	Method, Pattern string
	Public          bool
	Perm            staff.Permission
}

// RouteTable returns the route table without its handlers.
func RouteTable() []RouteInfo {
	s := &Server{}
	var out []RouteInfo
	for _, rt := range s.routes() {
		out = append(out, RouteInfo{Method: rt.Method, Pattern: rt.Pattern, Public: rt.Access == public, Perm: rt.Perm})
	}
	return out
}

// OpsRoute is an operations route as the permission test sees it.
type OpsRoute struct{ Method, Pattern, Perm string }

// OpsRoutes lists the operations routes of the table, for the permission test.
func OpsRoutes() []OpsRoute {
	var out []OpsRoute
	for _, r := range (&Server{}).opsRoutes() {
		out = append(out, OpsRoute{r.Method, r.Pattern, string(r.Perm)})
	}
	return out
}

// CampaignRoutes lists the campaign routes of the table, for the permission test.
func CampaignRoutes() []OpsRoute {
	var out []OpsRoute
	for _, r := range (&Server{}).campaignRoutes() {
		out = append(out, OpsRoute{r.Method, r.Pattern, string(r.Perm)})
	}
	return out
}
