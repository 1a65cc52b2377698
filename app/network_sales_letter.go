package app

import (
	"fmt"
	"strings"
	"time"

	"b2x/catalog"
	"b2x/locale"
	"b2x/money"
	"b2x/store"
)

// changes is what one list's announcement of a category lists.
type changes struct {
	added, gone []store.CatalogEvent
	prices      []priceChange
}

// priceChange is a product's base price in one channel before and after the
// period's changes.
type priceChange struct {
	store.CatalogEvent
	from, to money.Amount
}

func (c changes) empty() bool { return len(c.added)+len(c.gone)+len(c.prices) == 0 }

// summarize reads one category's events for a list whose letters show the
// prices of channel. A product added and discontinued in one period was never
// on offer to announce: it is left out of both lists. A product new or gone
// has no price change to tell; a price changed back and forth is no change.
func summarize(evs []store.CatalogEvent, channel catalog.Channel) changes {
	last := map[string]store.CatalogEvent{}
	wasNew := map[string]bool{}
	first := map[string]store.CatalogEvent{}
	lastPrice := map[string]store.CatalogEvent{}
	var priced []string
	for _, e := range evs {
		if e.Kind == store.CatalogPrice {
			if e.Channel != string(channel) {
				continue
			}
			if _, ok := first[e.SKU]; !ok {
				first[e.SKU] = e
				priced = append(priced, e.SKU)
			}
			lastPrice[e.SKU] = e
			continue
		}
		last[e.SKU] = e
		wasNew[e.SKU] = wasNew[e.SKU] || e.Kind == store.CatalogNew
	}
	var c changes
	for _, e := range evs {
		switch l, ok := last[e.SKU]; {
		case !ok || l.ID != e.ID:
		case e.Kind == store.CatalogNew:
			c.added = append(c.added, e)
		case !wasNew[e.SKU]:
			c.gone = append(c.gone, e)
		}
	}
	for _, sku := range priced {
		f, l := first[sku], lastPrice[sku]
		if _, listed := last[sku]; listed || wasNew[sku] || f.Currency != l.Currency || f.Old == l.New {
			continue
		}
		c.prices = append(c.prices, priceChange{CatalogEvent: l,
			from: money.Amount{Minor: f.Old, Currency: f.Currency}, to: money.Amount{Minor: l.New, Currency: l.Currency}})
	}
	return c
}

// announcement is the draft of one category's changes in language lang: who
// we are and what changed first, the products in bold with links to the
// shop, new prices with the old, then the sender and representative's
// contacts and the unsubscribe link.
func (a *App) announcement(lang, category string, c changes) CampaignInput {
	p := locale.NewPrinter(locale.Match(lang, "", ""), nil)
	s := a.lintConfig().Sender
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", md(p.T("netsales.opening", "org", s.Organization, "category", category)))
	if len(c.added) > 0 {
		fmt.Fprintf(&b, "%s\n\n", md(p.Plural("netsales.new", len(c.added))))
		for _, e := range c.added {
			fmt.Fprintf(&b, "- **[%s](%s)** (%s)\n", md(e.Name), a.productLink(lang, e.SKU), md(e.SKU))
		}
		b.WriteString("\n")
	}
	if len(c.prices) > 0 {
		fmt.Fprintf(&b, "%s\n\n", md(p.Plural("netsales.prices", len(c.prices))))
		for _, e := range c.prices {
			fmt.Fprintf(&b, "- **[%s](%s)** (%s): %s\n", md(e.Name), a.productLink(lang, e.SKU), md(e.SKU),
				md(p.T("netsales.price_change", "old", p.Money(e.from), "new", p.Money(e.to))))
		}
		b.WriteString("\n")
	}
	if len(c.gone) > 0 {
		fmt.Fprintf(&b, "%s\n\n", md(p.Plural("netsales.discontinued", len(c.gone))))
		for _, e := range c.gone {
			fmt.Fprintf(&b, "- **%s** (%s)\n", md(e.Name), md(e.SKU))
		}
		b.WriteString("\n")
	}
	if s.Representative != "" {
		fmt.Fprintf(&b, "%s\n\n", md(p.T("netsales.representative", "name", s.Representative)))
	}
	var foot []string
	for _, v := range append([]string{s.Organization, s.Representative}, s.Phones...) {
		if v != "" {
			foot = append(foot, md(v))
		}
	}
	for _, v := range s.Emails {
		foot = append(foot, md(v))
	}
	for _, v := range s.Messengers {
		u := v
		if !strings.Contains(u, "://") {
			u = "https://" + u
		}
		foot = append(foot, "["+md(stripURLScheme(v))+"]("+u+")")
	}
	if s.Address != "" {
		foot = append(foot, md(s.Address))
	}
	b.WriteString(strings.Join(foot, "  \n"))
	fmt.Fprintf(&b, "\n\n[%s]({{unsubscribe_url}})\n", md(p.T("netsales.unsubscribe")))
	day := a.clock().Format(time.DateOnly)
	pre := flat(p.T("netsales.preheader", "new", p.Number(int64(len(c.added))), "gone", p.Number(int64(len(c.gone)))))
	if len(c.prices) > 0 {
		pre = flat(p.T("netsales.preheader_prices", "new", p.Number(int64(len(c.added))), "gone", p.Number(int64(len(c.gone))),
			"prices", p.Number(int64(len(c.prices)))))
	}
	return CampaignInput{
		Name:      p.T("netsales.name", "category", category, "date", day),
		List:      NetworkSalesList,
		Subject:   flat(p.T("netsales.subject", "category", category)),
		Preheader: pre,
		Body:      b.String(),
		Lang:      lang,
	}
}
