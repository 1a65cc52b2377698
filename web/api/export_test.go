package api

// RouteInfo is one route of the table, for the tests outside the package.
type RouteInfo struct {
	Method, Pattern string
	Public, Staff   bool // who the table lets through before the use case looks
	BuyerOnly       bool
}

// RouteTable lists the API's routes as the mux registers them.
func RouteTable() []RouteInfo {
	var out []RouteInfo
	for _, rt := range (&Server{}).routes() {
		out = append(out, RouteInfo{Method: rt.Method, Pattern: rt.Pattern, Public: rt.Access == public,
			Staff: rt.Access == staffOnly, BuyerOnly: rt.Access == buyerOnly})
	}
	return out
}
