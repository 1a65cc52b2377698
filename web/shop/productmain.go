package shop

import (
	"html"
	"html/template"
	"net/url"
	"strings"

	"b2x/web/page"
)

// ProductMain is a product page's main element. It is written in Go for the
// reason fragments.go gives: every first view of a SKU renders it, and its
// template's actions (some seventy, through reflection over the embedded
// product structs) cost as much as the page's reads.
func (v view) ProductMain() template.HTML {
	d := v.Data.(productPage)
	var b strings.Builder
	b.Grow(8 << 10)
	w := b.WriteString
	esc := html.EscapeString
	t := func(key string, args ...any) string { return esc(v.P.T(key, args...)) }
	href := func(path string) string { return esc(v.Href(path)) }
	fieldError := func(msg string) {
		if msg != "" {
			w(`<span class="field-error">` + esc(msg) + "</span>")
		}
	}
	ratingLine := func() {
		w(`<span class="stars" aria-hidden="true">` + page.Stars(d.Rounded()) + "</span> " +
			t("review.average", "average", d.AverageText(v.P)) + " · " + esc(v.P.Plural("review.count", d.Rating.Count)))
	}
	sku := url.PathEscape(d.SKU)

	w("\n" + `<nav aria-label="` + t("nav.breadcrumbs") + `"><a href="` + href("/") + `">` + t("nav.home") + "</a>")
	if d.Category != "" {
		w(` › <a href="` + href("/c/"+url.PathEscape(d.Category)) + `">` + esc(d.CategoryName) + "</a>")
	}
	w("</nav>\n<article class=\"product\">\n  <div>\n    <h1>" + esc(d.Name) + "</h1>\n    ")
	if d.Brand != "" {
		w(`<p class="brandname">` + esc(d.Brand) + "</p>")
	}
	w("\n    ")
	if d.Rating.Count > 0 {
		w(`<p><a href="#reviews">`)
		ratingLine()
		w("</a></p>")
	}
	w("\n    " + `<p class="muted">` + t("product.sku", "sku", d.SKU) + "</p>\n    ")
	if d.Description != "" {
		w("<p>" + esc(d.Description) + "</p>")
	}
	w("\n  </div>\n  <div>\n    " + `<p class="price">` + esc(v.P.Money(d.Price)))
	if d.ListPrice.Currency != "" {
		w(`<span class="was">` + esc(v.P.Money(d.ListPrice)) + "</span>")
	}
	w("</p>\n    ")
	if d.Promotion != nil {
		w(`<p class="promo"><strong>` + t("product.promotion") + ": " + esc(d.Promotion.Name) + "</strong> — " + esc(v.P.Money(d.PromoPrice)) + "</p>")
	}
	w("\n    " + `<p class="muted">` + t("checkout.tax_included") + "</p>\n    ")
	if d.InStock {
		if d.Kind.Stocked() {
			w(`<p class="in-stock">` + t("product.in_stock") + "</p>")
		}
		w("\n    " + `<form method="post" action="` + href("/cart") + `">` + "\n      " +
			`<input type="hidden" name="sku" value="` + esc(d.SKU) + `">` + "\n      " +
			"<label>" + t("cart.quantity") + ` <input name="quantity" type="number" min="1" step="1" value="1" inputmode="numeric" required></label>` + "\n      " +
			`<button type="submit">` + t("cart.add") + "</button>\n    </form>\n    ")
	} else {
		w(`<p class="out-of-stock">` + t("product.out_of_stock") + "</p>\n    ")
		if d.Notified {
			w(`<p class="notice" role="status">` + t("alerts.subscribed") + "</p>")
		} else {
			w("\n    " + `<form class="stack" method="post" action="` + href("/p/"+sku+"/notify") + `" id="notify">` + "\n      ")
			if d.NotifyErrors.Message != "" {
				w(`<p class="error" role="alert">` + esc(d.NotifyErrors.Message) + "</p>")
			}
			w("\n      <label>" + t("account.email") + ` <input name="email" type="email" maxlength="254" value="` + esc(d.NotifyEmail) + `">`)
			fieldError(d.NotifyErrors.For("email"))
			w("</label>\n      <label>" + t("alerts.or_phone") + ` <input name="phone" type="tel" maxlength="40">`)
			fieldError(d.NotifyErrors.For("phone"))
			w("</label>\n      " + `<button type="submit">` + t("product.notify_me") + "</button>\n    </form>")
		}
	}
	w("\n    ")
	if len(d.Family) > 0 {
		w("<section><h2>" + t("product.variants") + "</h2><ul>\n    " + string(v.FamilyItems(d.Family)) + "\n    </ul></section>")
	}
	w("\n  </div>\n</article>\n")
	if len(d.Specs) > 0 {
		w("<section><h2>" + t("product.specifications") + "</h2>\n" + `<table class="specs"><tbody>` + string(v.SpecRows(d.Specs)) + "</tbody></table></section>")
	}
	w("\n")
	if d.CareInstructions != "" {
		w("<section><h2>" + t("product.care") + "</h2><p>" + esc(d.CareInstructions) + "</p></section>")
	}
	w("\n")
	if d.WarrantyMonths != 0 {
		w("<section><h2>" + t("product.warranty") + "</h2><p>" + esc(v.P.Plural("product.warranty_months", d.WarrantyMonths)) + "</p></section>")
	}
	w("\n")
	if len(d.Cheaper) > 0 {
		w(`<section aria-labelledby="cheaper-title"><h2 id="cheaper-title">` + t("product.cheaper") + "</h2>\n" +
			`<ul class="grid">` + string(v.Cards(d.Cheaper)) + "</ul></section>")
	}
	w("\n")
	if len(d.Related) > 0 {
		w(`<section aria-labelledby="related-title"><h2 id="related-title">` + t("product.related") + "</h2>\n" +
			`<ul class="grid">` + string(v.Cards(d.Related)) + "</ul></section>")
	}
	w("\n" + `<section id="reviews" aria-labelledby="reviews-title">` + "\n" + `<h2 id="reviews-title">` + t("review.title") + "</h2>\n")
	if d.Reviewed {
		w(`<p class="notice" role="status">` + t("review.thanks") + "</p>")
	}
	w("\n")
	if d.Rating.Count > 0 {
		w("<p>")
		ratingLine()
		w("</p>")
	} else {
		w("<p>" + t("review.none") + "</p>")
	}
	w("\n" + string(v.Reviews(d.LatestReviews)) + "\n<h3>" + t("review.write") + "</h3>\n")
	if d.Errors.Message != "" {
		w(`<p class="error" role="alert">` + esc(d.Errors.Message) + "</p>")
	}
	w("\n" + `<form class="stack" method="post" action="` + href("/p/"+sku+"/reviews") + `">` + "\n  <fieldset><legend>" + t("review.your_rating") + "</legend>\n  " +
		string(v.RatingChoices(d.ReviewForm.Rating)) + "\n  ")
	fieldError(d.Errors.For("rating"))
	w("</fieldset>\n  <label>" + t("review.title_field") + ` <input name="title" maxlength="120" required value="` + esc(d.ReviewForm.Title) + `">`)
	fieldError(d.Errors.For("title"))
	w("</label>\n  <label>" + t("review.body") + ` <textarea name="body" rows="4" maxlength="4000" required>` + esc(d.ReviewForm.Body) + "</textarea>")
	fieldError(d.Errors.For("body"))
	w("</label>\n  <label>" + t("review.name") + ` <input name="name" maxlength="80" value="` + esc(d.ReviewForm.Name) + `">`)
	fieldError(d.Errors.For("name"))
	w("</label>\n  ")
	if !d.SignedIn {
		w(`<p class="muted">` + t("review.guest_proof") + "</p>\n  <label>" + t("account.email") +
			` <input name="email" type="email" maxlength="254" value="` + esc(d.ReviewForm.Email) + `">`)
		fieldError(d.Errors.For("email"))
		w("</label>\n  <label>" + t("review.order_number") + ` <input name="order_number" maxlength="40" value="` + esc(d.ReviewForm.OrderNumber) + `">`)
		fieldError(d.Errors.For("order_number"))
		w("</label>")
	}
	w("\n  " + `<button type="submit">` + t("review.submit") + "</button>\n</form>\n</section>\n")
	return template.HTML(b.String())
}
