package shop

import (
	"html"
	"html/template"

	"b2x/web/page"
)

// The layout's header and footer are written in Go for the reason
// fragments.go gives: every page rendered for a visitor (a first view, a
// visitor with a cart) pays for them, and as template actions they cost about
// a tenth of a millisecond. layout.html places them around the page's main
// template.

// LayoutTop is everything before the page's main content.
func (v view) LayoutTop() template.HTML {
	esc := html.EscapeString
	t := func(key string) string { return esc(v.P.T(key)) }
	title := t("shop.name")
	if v.Title != "" {
		title = esc(v.Title) + " — " + title
	}
	return template.HTML(`<!doctype html>
<html lang="` + esc(v.Lang.Code) + `" dir="` + esc(v.Lang.Dir) + `">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>` + title + `</title>
<link rel="stylesheet" href="/assets/` + esc(page.AssetName("site.css")) + `">
` + string(v.AlternateLinks()) + `</head>
<body>
<a class="skip" href="#main">` + t("nav.skip_to_content") + `</a>
<header class="top">
  <a class="brand" href="` + esc(v.Href("/")) + `">` + t("shop.name") + `</a>
  <form class="search" role="search" action="` + esc(v.Href("/search")) + `" method="get">
    <label for="q" class="visually-hidden">` + t("nav.search") + `</label>
    <input id="q" name="q" type="search" value="` + esc(v.Query) + `" placeholder="` + t("search.placeholder") + `" maxlength="200">
    <button type="submit">` + t("nav.search") + `</button>
  </form>
  <nav class="user" aria-label="` + t("nav.account") + `">
    ` + string(v.UserNav()) + `
  </nav>
</header>
<nav class="categories" aria-label="` + t("nav.catalog") + `">
  <ul>` + string(v.CategoryLinks()) + `</ul>
</nav>
<main id="main">`)
}

// LayoutBottom is everything after the page's main content.
func (v view) LayoutBottom() template.HTML {
	esc := html.EscapeString
	return template.HTML(`</main>
<footer class="bottom">
  <nav aria-label="` + esc(v.P.T("nav.language")) + `"><ul class="langs">
  ` + string(v.LanguageLinks()) + `
  </ul></nav>
  <p>` + esc(v.P.T("footer.copyright", "year", v.P.Digits(v.Year), "company", v.P.T("shop.name"))) + `</p>
</footer>
</body>
</html>`)
}
