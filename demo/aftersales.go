package demo

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"b2x/catalog"
	"b2x/ids"
	"b2x/news"
	"b2x/order"
	"b2x/review"
)

// afterSales adds approved reviews of the most bought products by people who
// bought them, and news posts with recent dates (S4). It draws from its own
// random stream, so the rest of the data set is the same with or without it.
func (g *gen) afterSales() {
	r := rand.New(rand.NewPCG(g.d.Seed, 0x7265766965777321)) // "reviews!"
	g.reviews(r)
	g.news(r)
}

// reviewTexts are the reviews customers write, by rating (1–5 stars).
var reviewTexts = [5][]struct{ title, body string }{
	{{"Broke within a week", "It stopped working after a few days. Support was polite, but I expected more."}},
	{{"Not what I hoped", "Does the job, barely. The finish is rough and the instructions are thin."},
		{"Так себе", "Работает, но качество сборки слабое."}},
	{{"Fine for the price", "Nothing special, nothing wrong. Delivery was on time."},
		{"Average", "Does what it says. I would compare prices next time."}},
	{{"Good value", "Solid and well packed. Would buy again."},
		{"Хорошая покупка", "Всё пришло вовремя, качество хорошее."},
		{"Does the job well", "Exactly as described; the care instructions were useful."}},
	{{"Excellent", "Great quality, fast delivery, and the staff answered every question."},
		{"Highly recommend", "Second time buying this. My neighbour ordered one after seeing mine."},
		{"Отлично", "Лучшее соотношение цены и качества. Рекомендую друзьям."},
		{"Just right", "Exactly what the job needed. **Five stars.**"}},
}

// reviews writes up to 8 reviews on each of the 12 products most often bought by
// signed-in consumers, by some of those buyers, a few days after their order.
func (g *gen) reviews(r *rand.Rand) {
	type purchase struct {
		person string
		at     time.Time
	}
	buyers := map[string][]purchase{}
	for _, o := range g.d.Orders {
		if o.Channel != catalog.B2C || o.Customer.PersonID == "" || o.Status == order.Cancelled {
			continue
		}
		for _, l := range o.Lines {
			if it := g.bySKU[l.SKU]; it != nil && it.Kind == catalog.Goods {
				root := cmp.Or(it.VariantOf, it.SKU)
				buyers[root] = append(buyers[root], purchase{o.Customer.PersonID, o.PlacedAt})
			}
		}
	}
	skus := make([]string, 0, len(buyers))
	for sku := range buyers {
		skus = append(skus, sku)
	}
	slices.SortFunc(skus, func(a, b string) int { return cmp.Or(cmp.Compare(len(buyers[b]), len(buyers[a])), cmp.Compare(a, b)) })
	names := map[string]string{}
	for _, p := range g.d.Persons {
		names[p.ID] = p.Name
	}
	for _, sku := range skus[:min(12, len(skus))] {
		seen := map[string]bool{}
		for _, p := range buyers[sku] {
			if seen[p.person] || len(seen) == 8 || r.IntN(100) >= 40 {
				continue
			}
			seen[p.person] = true
			rating := []int{5, 5, 5, 4, 4, 4, 3, 2, 1}[r.IntN(9)]
			text := reviewTexts[rating-1][r.IntN(len(reviewTexts[rating-1]))]
			at := p.at.Add(time.Duration(24+r.IntN(24*14)) * time.Hour)
			if at.After(g.now) {
				at = g.now.Add(-time.Hour)
			}
			rv := review.Review{ID: ids.AtFrom(at, randReader{r}), SKU: sku, PersonID: p.person,
				AuthorName: reviewName(names[p.person]), Rating: rating, Title: text.title, Body: text.body,
				Verified: true, Status: review.Approved, CreatedAt: at, ModeratedBy: By, ModeratedAt: at.Add(3 * time.Hour)}
			if rv.ModeratedAt.After(g.now) {
				rv.Status, rv.ModeratedBy, rv.ModeratedAt = review.Pending, "", time.Time{}
			}
			g.d.Reviews = append(g.d.Reviews, rv)
		}
	}
	slices.SortFunc(g.d.Reviews, func(a, b review.Review) int { return a.CreatedAt.Compare(b.CreatedAt) })
}

// reviewName is "Ann S." for "Ann Smith", as the shop shows it.
func reviewName(full string) string {
	f := strings.Fields(full)
	switch len(f) {
	case 0:
		return "Customer"
	case 1:
		return f[0]
	}
	return f[0] + " " + string([]rune(f[len(f)-1])[:1]) + "."
}

// news is a handful of posts in the three languages, the newest two days old,
// and one draft.
func (g *gen) news(r *rand.Rand) {
	posts := []struct {
		slug, lang, title, body string
		daysAgo                 int // -1: a draft
	}{
		{"spring-bricks-in-stock", "en", "Spring delivery: red bricks back in stock",
			"The **red facing brick** is back in all three warehouses.\n\nTrade customers: your price list applies as usual.", 2},
		{"novye-akkumulyatornye-dreli", "ru", "Новые аккумуляторные дрели",
			"В каталоге появились новые дрели с гарантией **24 месяца**. Зарегистрируйте покупку, чтобы получить гарантийное обслуживание.", 6},
		{"warranty-registration-online", "en", "Register your warranty online",
			"Bought a tool from us? Register its serial number and we will handle any claim quickly.\n\n- keep your receipt\n- note the serial number", 13},
		{"takhfif-zemestani", "fa", "تخفیف\u200cهای زمستانی",
			"تخفیف ویژه برای **مشتریان وفادار** تا پایان ماه.", 27},
		{"opening-hours-holidays", "en", "Opening hours over the holidays",
			"Our pickup points close early on the 24th and 31st.", 58},
		{"summer-catalogue-draft", "en", "Summer catalogue (draft)", "To be written.", -1},
	}
	for i, p := range posts {
		created := g.now.AddDate(0, 0, -max(p.daysAgo, 0)-1).Add(time.Duration(i) * time.Minute)
		np := news.Post{ID: ids.AtFrom(created, randReader{r}), Slug: p.slug,
			Lang: p.lang, Title: p.title, Body: p.body, CreatedBy: By, CreatedAt: created, UpdatedAt: created}
		if p.daysAgo >= 0 {
			np.PublishedAt = g.now.AddDate(0, 0, -p.daysAgo).Add(-9 * time.Hour)
		}
		g.d.News = append(g.d.News, np)
	}
	banners := []struct{ lang, title, text, link string }{
		{"", "Free delivery to building sites from €500", "Orders placed by 14:00 leave the same day.", ""},
		{"en", "Cordless drills with a 24-month warranty", "Register your drill online after delivery.", "/en/c/tools"},
		{"ru", "Аккумуляторные дрели с гарантией 24 месяца", "Зарегистрируйте дрель на сайте после доставки.", "/ru/c/tools"},
		{"fa", "دریل\u200cهای شارژی با ۲۴ ماه ضمانت", "پس از تحویل، دریل خود را در سایت ثبت کنید.", "/fa/c/tools"},
	}
	for i, b := range banners {
		at := g.now.AddDate(0, 0, -3).Add(time.Duration(i) * time.Minute)
		g.d.Banners = append(g.d.Banners, news.Banner{ID: ids.AtFrom(at, randReader{r}), Lang: b.lang, Title: b.title,
			Text: b.text, Link: b.link, StartsAt: at, EndsAt: g.now.AddDate(0, 1, 0), Position: i, CreatedBy: By,
			CreatedAt: at, UpdatedAt: at})
	}
}
