package app

import "net/url"

// ShopURL is an absolute link into the shop (the configured public address), for
// links that leave the site: letters, texts.
func (a *App) ShopURL(path string, query url.Values) string { return a.link(path, query) }
