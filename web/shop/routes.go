package shop

// routes is the shop's route table: every page and form, in one place.
func (s *Server) routes() {
	s.mux.HandleFunc("GET /{$}", s.root)
	s.mux.HandleFunc("GET /{lang}", s.bareLang)
	s.mux.HandleFunc("GET /{lang}/{$}", s.page(s.home))
	s.mux.HandleFunc("GET /{lang}/p/{sku}", s.page(s.product))
	s.mux.HandleFunc("/", s.page(notFound))
}
