package admin

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
