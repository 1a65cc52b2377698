package admin

// routes is the back office's route table: every page and form, in one place.
// Pages behind s.staff need a staff session.
func (s *Server) routes() {
	s.mux.HandleFunc("GET /admin", s.bare)
	s.mux.HandleFunc("GET /admin/sign-in", s.public(s.signInForm))
	s.mux.HandleFunc("POST /admin/sign-in", s.public(s.signIn))
	s.mux.HandleFunc("POST /admin/sign-out", s.public(s.signOut))
	s.mux.HandleFunc("POST /admin/language", s.public(s.setLanguage))
	s.mux.HandleFunc("GET /admin/{$}", s.staff(s.dashboard))
	s.mux.HandleFunc("GET /admin/pipeline", s.staff(s.board))
	s.mux.HandleFunc("GET /admin/deals", s.staff(s.deals))
	s.mux.HandleFunc("GET /admin/deals/{id}", s.staff(s.deal))
	s.mux.HandleFunc("POST /admin/deals/{id}/move", s.staff(s.moveDeal))
	s.mux.HandleFunc("POST /admin/deals/{id}/activities", s.staff(s.logActivity))
	s.mux.HandleFunc("GET /admin/forecast", s.staff(s.forecast))
	s.mux.HandleFunc("GET /admin/workload", s.staff(s.workload))
	s.mux.HandleFunc("GET /admin/activities.ics", s.staff(s.calendar))
	s.mux.HandleFunc("GET /admin/tenders", s.staff(s.tenders))
	s.mux.HandleFunc("GET /admin/tenders/{id}", s.staff(s.tender))
	s.mux.HandleFunc("POST /admin/tenders/{id}/deal", s.staff(s.dealFromTender))
	s.mux.HandleFunc("GET /admin/customers/{id}", s.staff(s.customer))
	s.registerOps()
	s.registerCampaigns()
	s.mux.HandleFunc("/admin/", s.staff(notFound))
}
