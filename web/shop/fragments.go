package shop

import (
	"html"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"b2x/app"
	"b2x/catalog"
	"b2x/review"
	"b2x/search"
	"b2x/web/page"
)

// The category menu, the product cards, the filter checkboxes and the reviews
// are written here in Go rather
// than in the templates: html/template evaluates every action through
// reflection (about a microsecond each, with its escaper), and a category page
// has a thousand of them in these places alone — most of its CPU. Every
// value is escaped with html.EscapeString, which is safe in text and in
// double-quoted attributes; links are built from path-escaped SKUs.

// CategoryLinks are the items of the category menu every page has.
func (v view) CategoryLinks() template.HTML {
	var b strings.Builder
	for _, c := range v.Nav {
		b.WriteString(`<li><a href="` + html.EscapeString(v.Href("/c/"+url.PathEscape(c.Slug))) + `">` + html.EscapeString(c.Name) + "</a></li>")
	}
	return template.HTML(b.String())
}

// UserNav is the header's account and cart links, the one part of a page kept
// rendered that differs between visitors who are not signed in: it is put in
// for each of them (pagecache.go).
func (v view) UserNav() template.HTML {
	var b strings.Builder
	if v.Actor.PersonID != "" {
		b.WriteString(`<a href="` + html.EscapeString(v.Href("/account")) + `">` + html.EscapeString(v.P.T("nav.account")) + "</a>")
	} else {
		b.WriteString(`<a href="` + html.EscapeString(v.Href("/account/sign-in")) + `">` + html.EscapeString(v.P.T("nav.sign_in")) + "</a>")
	}
	b.WriteString("\n    " + `<a href="` + html.EscapeString(v.Href("/cart")) + `">` + html.EscapeString(v.P.T("nav.cart")))
	if v.CartCount > 0 {
		b.WriteString(` <span class="badge">` + html.EscapeString(v.P.Number(v.CartCount)) + "</span>")
	}
	b.WriteString("</a>")
	return template.HTML(b.String())
}

// AlternateLinks name the page in every language, for search engines.
func (v view) AlternateLinks() template.HTML {
	var b strings.Builder
	for _, l := range v.Locales {
		b.WriteString(`<link rel="alternate" hreflang="` + html.EscapeString(l.Code) + `" href="` + html.EscapeString(v.Switch(l)) + "\">\n")
	}
	return template.HTML(b.String())
}

// LanguageLinks are the footer's language switcher, each language named in
// itself.
func (v view) LanguageLinks() template.HTML {
	var b strings.Builder
	for _, l := range v.Locales {
		code := html.EscapeString(l.Code)
		b.WriteString(`<li><a href="` + html.EscapeString(v.Switch(l)) + `" hreflang="` + code + `" lang="` + code + `"`)
		if l.Code == v.Lang.Code {
			b.WriteString(` aria-current="true"`)
		}
		b.WriteString(">" + html.EscapeString(page.LangName(l.Code)) + "</a></li>")
	}
	return template.HTML(b.String())
}

// RatingChoices are the review form's five radio buttons, the chosen one
// checked.
func (v view) RatingChoices(chosen int) template.HTML {
	var b strings.Builder
	for n := 1; n <= 5; n++ {
		b.WriteString(`<label class="check"><input type="radio" name="rating" value="` + strconv.Itoa(n) + `" required`)
		if n == chosen {
			b.WriteString(" checked")
		}
		b.WriteString(`> <span aria-hidden="true">` + page.Stars(n) + `</span><span class="visually-hidden">` +
			html.EscapeString(v.P.T("review.rating", "rating", v.N(n))) + "</span></label> ")
	}
	return template.HTML(b.String())
}

// FamilyItems list a product page's variants, the one shown not linked.
func (v view) FamilyItems(family []app.FamilyMember) template.HTML {
	var b strings.Builder
	for _, m := range family {
		if m.Current {
			b.WriteString(`<li><strong aria-current="page">` + html.EscapeString(m.Name) + "</strong>")
		} else {
			b.WriteString(`<li><a href="` + html.EscapeString(v.Href("/p/"+url.PathEscape(m.SKU))) + `">` + html.EscapeString(m.Name) + "</a>")
		}
		b.WriteString("\n      ")
		for _, a := range m.Attrs {
			b.WriteString(" · " + html.EscapeString(a.Key) + ": " + html.EscapeString(a.Value))
		}
		if !m.InStock {
			b.WriteString(` — <span class="out-of-stock">` + html.EscapeString(v.P.T("product.out_of_stock")) + "</span>")
		}
		b.WriteString("</li>")
	}
	return template.HTML(b.String())
}

// SpecRows are the rows of a product's specifications table.
func (v view) SpecRows(specs []catalog.Spec) template.HTML {
	var b strings.Builder
	for _, s := range specs {
		b.WriteString(`<tr><th scope="row">` + html.EscapeString(s.Key) + "</th><td>" + html.EscapeString(s.Value) + "</td></tr>")
	}
	return template.HTML(b.String())
}

// Cards are the product cards of a grid (home, listings, product page).
func (v view) Cards(items []app.BrowseItem) template.HTML {
	var b strings.Builder
	b.Grow(len(items) * 400)
	for _, it := range items {
		p := it.Product
		b.WriteString(`<li class="card">` + "\n" + `<h3><a href="`)
		b.WriteString(html.EscapeString(v.Href("/p/" + url.PathEscape(p.SKU))))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(p.Name))
		b.WriteString("</a></h3>\n")
		if p.Brand != "" {
			b.WriteString(`<span class="brandname">` + html.EscapeString(p.Brand) + "</span>\n")
		}
		b.WriteString(`<span class="price">`)
		price := v.P.Money(it.Price)
		if it.From {
			price = v.P.T("product.price_from", "price", price)
		}
		b.WriteString(html.EscapeString(price))
		if it.Was != nil {
			b.WriteString(`<span class="was">` + html.EscapeString(v.P.Money(*it.Was)) + "</span>")
		}
		b.WriteString("</span>\n")
		if !it.InStock {
			b.WriteString(`<span class="out-of-stock">` + html.EscapeString(v.P.T("product.out_of_stock")) + "</span>\n")
		} else if it.Stocked {
			b.WriteString(`<span class="in-stock">` + html.EscapeString(v.P.T("product.in_stock")) + "</span>\n")
		}
		b.WriteString("</li>")
	}
	return template.HTML(b.String())
}

// BrandFilter and AttrFilters are the checkbox groups of a listing's form: the
// brands, and each specification, with the count of matching products and the
// visitor's choices checked.
func (v view) BrandFilter(f search.Facets, chosen url.Values) template.HTML {
	var b strings.Builder
	if len(f.Brands) > 0 {
		v.filterGroup(&b, v.P.T("listing.brand"), "brand", f.Brands, chosen["brand"])
	}
	return template.HTML(b.String())
}

func (v view) AttrFilters(f search.Facets, chosen url.Values) template.HTML {
	var b strings.Builder
	for _, a := range f.Attrs {
		v.filterGroup(&b, a.Key, attrParam+a.Key, a.Values, chosen[attrParam+a.Key])
	}
	return template.HTML(b.String())
}

func (v view) filterGroup(b *strings.Builder, legend, name string, values []search.Count, chosen []string) {
	name = html.EscapeString(name)
	b.WriteString("<fieldset><legend>" + html.EscapeString(legend) + "</legend>\n")
	for _, c := range values {
		value := html.EscapeString(c.Value)
		b.WriteString(`<label><input type="checkbox" name="` + name + `" value="` + value + `"`)
		if slices.Contains(chosen, c.Value) {
			b.WriteString(" checked")
		}
		b.WriteString("> " + value + ` <span class="muted">(` + html.EscapeString(v.P.Number(int64(c.Count))) + ")</span></label>")
	}
	b.WriteString("</fieldset>")
}

// Reviews are a product page's reviews, newest first.
func (v view) Reviews(rs []review.Review) template.HTML {
	var b strings.Builder
	b.Grow(len(rs) * 600)
	for _, r := range rs {
		b.WriteString(`<article class="review">` + "\n" + `  <h3><span class="stars" role="img" aria-label="`)
		b.WriteString(html.EscapeString(v.P.T("review.rating", "rating", v.N(r.Rating))))
		b.WriteString(`">` + page.Stars(r.Rating) + "</span> " + html.EscapeString(r.Title) + "</h3>\n")
		b.WriteString(`  <p class="muted">` + html.EscapeString(r.AuthorName) + ` · <time datetime="` + r.CreatedAt.Format("2006-01-02") + `">`)
		b.WriteString(html.EscapeString(v.P.Date(r.CreatedAt)) + "</time>")
		if r.Verified {
			b.WriteString(" · " + html.EscapeString(v.P.T("review.verified")))
		}
		b.WriteString("</p>\n  <p>" + html.EscapeString(r.Body) + "</p>\n</article>")
	}
	return template.HTML(b.String())
}
