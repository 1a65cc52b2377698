package shop_test

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"b2x/catalog"
)

// TestShopErrorsInTheShoppersLanguage: a Russian or Persian shopper's mistakes
// (a bad quantity, a bad card number, more than is in stock, a second review
// of a product, a badly typed date) come back in the page's language, with
// the page's digits, and never in the API's English.
func TestShopErrorsInTheShoppersLanguage(t *testing.T) {
	srv, a := newEmptyServer(t)
	addProduct(t, a, catalog.Product{SKU: "ERR-1", Name: "Tape measure"}, 1000, 3)
	english := []string{"is not a quantity", "is not a valid card number", "not enough stock", "already reviewed",
		"is not a date", "must be a whole number of stars"}
	for _, tc := range []struct {
		lang                                 string
		quantity, card, stock, rating, twice string
		date                                 string
	}{
		{lang: "ru", quantity: "это не количество", card: "неверный номер карты",
			stock:  "ERR-1 недостаточно на складе: запрошено 5, доступно 3",
			rating: "оценка — целое число звёзд от 1 до 5",
			twice:  "вы уже оставили отзыв о ERR-1; на один товар — один отзыв",
			date:   "это не дата (ГГГГ-ММ-ДД)"},
		{lang: "fa", quantity: "تعداد معتبری نیست", card: "شمارهٔ کارت معتبر نیست",
			stock:  "موجودی ERR-1 کافی نیست: درخواستی ۵، موجود ۳",
			rating: "امتیاز باید عددی صحیح از ۱ تا ۵ ستاره باشد",
			twice:  "شما پیش\u200cتر برای ERR-1 نظر داده\u200cاید؛ برای هر کالا یک نظر",
			date:   "تاریخ معتبر نیست"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			base := srv.URL + "/" + tc.lang
			c := signUpClient(t, srv.URL, tc.lang, tc.lang+"@example.com")
			check := func(what string, res *http.Response, body string, want string) {
				t.Helper()
				body = html.UnescapeString(body)
				if res.StatusCode != http.StatusUnprocessableEntity {
					t.Errorf("%s: status %d, want 422", what, res.StatusCode)
				}
				if !strings.Contains(body, want) {
					t.Errorf("%s: the page lacks %q", what, want)
				}
				for _, e := range english {
					if strings.Contains(body, e) {
						t.Errorf("%s: the page shows the English %q", what, e)
					}
				}
			}

			res, body := postForm(t, c, base+"/cart", url.Values{"sku": {"ERR-1"}, "quantity": {"abc"}})
			check("a quantity of abc", res, body, tc.quantity)

			if res, body := postForm(t, c, base+"/cart", url.Values{"sku": {"ERR-1"}, "quantity": {"5"}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("add to cart: %d %s", res.StatusCode, body)
			}
			_, body = getWith(t, c, base+"/checkout")
			m := keyField.FindStringSubmatch(body)
			if m == nil {
				t.Fatal("the checkout form has no key")
			}
			form := url.Values{"key": {m[1]}, "delivery": {"pickup"}, "payment": {"card"}, "card_number": {"4111 1111 1111 1112"},
				"action": {"place"}}
			res, body = postForm(t, c, base+"/checkout", form)
			check("a card number failing the check digit", res, body, tc.card)

			form.Set("payment", "cash_on_delivery")
			form.Del("card_number")
			res, body = postForm(t, c, base+"/checkout", form)
			check("5 of 3 in stock", res, body, tc.stock)

			res, body = postForm(t, c, base+"/p/ERR-1/reviews", url.Values{"rating": {"9"}, "title": {"x"}, "body": {"y"}})
			check("a rating of 9", res, body, tc.rating)
			review := url.Values{"rating": {"4"}, "title": {"Fine"}, "body": {"Measures well"}}
			if res, body := postForm(t, c, base+"/p/ERR-1/reviews", review); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("first review: %d %s", res.StatusCode, body)
			}
			res, body = postForm(t, c, base+"/p/ERR-1/reviews", review)
			check("a second review", res, body, tc.twice)

			res, body = postForm(t, c, base+"/account/warranty", url.Values{"sku": {"ERR-1"}, "serial": {"SN-1"}, "purchased": {"1.2.2024"}})
			check("a purchase date of 1.2.2024", res, body, tc.date)
		})
	}
}
