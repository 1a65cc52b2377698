package shop

// routes is the shop's route table: every page and form, in one place.
func (s *Server) routes() {
	s.mux.HandleFunc("GET /{$}", s.root)
	s.mux.HandleFunc("GET /{lang}", s.bareLang)
	s.mux.HandleFunc("GET /{lang}/{$}", s.page(s.home))
	s.mux.HandleFunc("GET /{lang}/news/{slug}", s.page(s.newsPost))
	s.mux.HandleFunc("GET /{lang}/p/{sku}", s.page(s.product))
	s.mux.HandleFunc("POST /{lang}/p/{sku}/reviews", s.page(s.submitReview))
	s.mux.HandleFunc("GET /{lang}/account/sign-in", s.page(s.signInForm))
	s.mux.HandleFunc("POST /{lang}/account/sign-in", s.page(s.signIn))
	s.mux.HandleFunc("GET /{lang}/account/sign-up", s.page(s.signUpForm))
	s.mux.HandleFunc("POST /{lang}/account/sign-up", s.page(s.signUp))
	s.mux.HandleFunc("POST /{lang}/account/sign-out", s.page(s.signOut))
	s.mux.HandleFunc("GET /{lang}/account", s.page(signedIn(s.account)))
	s.mux.HandleFunc("POST /{lang}/account", s.page(signedIn(s.saveProfile)))
	s.mux.HandleFunc("GET /{lang}/account/orders", s.page(signedIn(s.myOrders)))
	s.mux.HandleFunc("GET /{lang}/account/orders/{id}", s.page(signedIn(s.myOrder)))
	s.mux.HandleFunc("GET /{lang}/account/addresses", s.page(signedIn(s.addresses)))
	s.mux.HandleFunc("POST /{lang}/account/addresses", s.page(signedIn(s.saveAddress)))
	s.mux.HandleFunc("POST /{lang}/account/addresses/{id}/delete", s.page(signedIn(s.deleteAddress)))
	s.mux.HandleFunc("GET /{lang}/account/password", s.page(signedIn(s.passwordForm)))
	s.mux.HandleFunc("POST /{lang}/account/password", s.page(signedIn(s.changePassword)))
	s.mux.HandleFunc("/", s.page(notFound))
}
