package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"b2x/errs"
	"b2x/mail"
	"b2x/mail/mailtest"
	"b2x/money"
)

func eur(minor int64) money.Amount { return money.Amount{Minor: minor, Currency: "EUR"} }

const evil = `Ann <script>alert("x")</script>`

func order(name string) mail.OrderConfirmation {
	return mail.OrderConfirmation{Recipient: mail.Recipient{Name: name}, Number: "B-000042",
		PlacedAt: time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC),
		Lines: []mail.OrderLine{{SKU: "BRK-RED", Name: "Red brick <b>", Quantity: "2.5", Unit: "m2", Total: eur(12345)},
			{SKU: "MRT-25", Name: "Mortar", Quantity: "1", Unit: "pcs", Total: eur(500)}},
		Adjustments: []mail.OrderAdjustment{{Label: "Coupon <SPRING>", Amount: eur(-500)}, {Label: "Carrier", Amount: eur(500)}},
		Net:         eur(10700), Tax: eur(2145), Total: eur(12845), Delivery: "carrier", Address: "1 Main St"}
}

func TestSMTPDeliversBothPartsEscaped(t *testing.T) {
	srv := mailtest.Start(t)
	s, err := mail.NewSMTP(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	m, err := mail.Render("en", order(evil))
	if err != nil {
		t.Fatal(err)
	}
	m.From = mail.Address{Name: "Brick Shop", Email: "shop@example.com"}
	m.To = []mail.Address{{Name: evil, Email: "ann@example.com"}}
	m.ReplyTo = &mail.Address{Name: "Support", Email: "help@example.com"}
	m.Headers = map[string]string{"List-Unsubscribe": "<https://shop.example/alerts/unsubscribe?token=abc>"}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got := srv.Wait(t, 1)[0]

	if got.From != "shop@example.com" || len(got.To) != 1 || got.To[0] != "ann@example.com" {
		t.Errorf("envelope %s → %v", got.From, got.To)
	}
	if got.Subject != "Your order B-000042" {
		t.Errorf("subject %q", got.Subject)
	}
	to, err := got.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Name != evil || to[0].Address != "ann@example.com" {
		t.Errorf("To %v (%v): want the name as written, encoded", to, err)
	}
	if rt, err := got.Header.AddressList("Reply-To"); err != nil || rt[0].Address != "help@example.com" {
		t.Errorf("Reply-To %v (%v)", rt, err)
	}
	if h := got.Header.Get("List-Unsubscribe"); h != "<https://shop.example/alerts/unsubscribe?token=abc>" {
		t.Errorf("List-Unsubscribe %q", h)
	}
	if got.Header.Get("Message-Id") == "" || got.Header.Get("Date") == "" {
		t.Error("no Message-ID or Date")
	}
	for _, want := range []string{"Hello " + evil + ",", "Red brick <b> (BRK-RED): 2.5 m2 — €123.45", "- Coupon <SPRING>: -€5.00",
		"- Carrier: €5.00", "Total: €128.45",
		"Delivery by carrier", "Delivery address: 1 Main St"} {
		if !strings.Contains(got.Text, want) {
			t.Errorf("text part lacks %q:\n%s", want, got.Text)
		}
	}
	for _, want := range []string{`<html lang="en" dir="ltr">`, "Hello Ann &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;,",
		"Red brick &lt;b&gt;", "€123.45", "Coupon &lt;SPRING&gt;", "<strong>€128.45</strong>"} {
		if !strings.Contains(got.HTML, want) {
			t.Errorf("HTML part lacks %q:\n%s", want, got.HTML)
		}
	}
	if strings.Contains(got.HTML, "<script>") || strings.Contains(got.HTML, "<b>") {
		t.Errorf("HTML part carries the customer's markup:\n%s", got.HTML)
	}
}

func TestRenderEveryLetterInEveryLanguage(t *testing.T) {
	letters := []mail.Letter{
		order("Ann"),
		mail.PasswordReset{Recipient: mail.Recipient{Name: "Ann"}, Link: "https://shop.example/reset?t=x"},
		mail.CareInstructions{Number: "B-1", Products: []mail.CareProduct{{SKU: "OAK-1", Name: "Oak table", Care: "Oil twice a year.\nKeep dry."}}},
		mail.BackInStock{Recipient: mail.Recipient{Unsubscribe: "https://shop.example/u?token=t"}, SKU: "BRK-RED", Product: "Red brick", Link: "https://shop.example/p/BRK-RED"},
		mail.NewArrivals{Recipient: mail.Recipient{Unsubscribe: "https://shop.example/u?token=t"}, Topic: "Bricks", Products: []mail.Arrival{{SKU: "BRK-BLU", Name: "Blue brick", Link: "https://shop.example/p/BRK-BLU"}}},
		mail.PortalLink{Recipient: mail.Recipient{Name: "Vera"}, Organization: "BuildCo", Link: "https://shop.example/portal/sign-in?token=t"},
		mail.RecurringNotice{Recipient: mail.Recipient{Name: "Vera"}, Schedule: "Weekly", RunOn: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC),
			Lines: []mail.NoticeLine{{SKU: "BRK-RED", Name: "Red brick", Quantity: "250", Unit: "pcs"}}, Link: "https://shop.example/portal/recurring/x"},
		mail.LicenceRenewal{Recipient: mail.Recipient{Name: "Vera"}, Product: "CAD suite", Seats: 12, Until: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC),
			Days: 22, Link: "https://shop.example/portal/licences/x"},
	}
	for _, lang := range []string{"en", "ru", "fa"} {
		for _, l := range letters {
			m, err := mail.Render(lang, l)
			if err != nil {
				t.Errorf("%s %T: %v", lang, l, err)
				continue
			}
			if m.Subject == "" || strings.ContainsAny(m.Subject, "\r\n") || m.Text == "" || m.HTML == "" {
				t.Errorf("%s %T: subject %q, %d bytes of text, %d of HTML", lang, l, m.Subject, len(m.Text), len(m.HTML))
			}
			if strings.Contains(m.Text, "⟦") || strings.Contains(m.HTML, "⟦") {
				t.Errorf("%s %T: untranslated key", lang, l)
			}
		}
	}
	fa, _ := mail.Render("fa", letters[3])
	if !strings.Contains(fa.HTML, `dir="rtl"`) || !strings.Contains(fa.Subject, "دوباره موجود است") {
		t.Errorf("fa letter is not Persian, right to left: %q\n%s", fa.Subject, fa.HTML)
	}
	ru, _ := mail.Render("ru", letters[0])
	if !strings.Contains(ru.Text, "Итого: 128,45\u00a0€") {
		t.Errorf("ru amounts are not formatted for ru:\n%s", ru.Text)
	}
	care, _ := mail.Render("en", letters[2])
	if !strings.Contains(care.Text, "Oil twice a year.\nKeep dry.") || !strings.Contains(care.HTML, "Oil twice a year.\nKeep dry.") {
		t.Errorf("care instructions lost their lines:\n%s\n%s", care.Text, care.HTML)
	}
	stock, _ := mail.Render("en", letters[3])
	if !strings.Contains(stock.Text, "To stop these alerts, open https://shop.example/u?token=t") ||
		!strings.Contains(stock.HTML, `<a href="https://shop.example/u?token=t">Unsubscribe from these alerts</a>`) {
		t.Errorf("no unsubscribe link:\n%s\n%s", stock.Text, stock.HTML)
	}
}

func TestSubjectsAreOneLine(t *testing.T) {
	m, err := mail.Render("en", mail.BackInStock{SKU: "X-1", Product: "Brick\r\nBcc: victim@example.com", Link: "https://x"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Subject != "Brick Bcc: victim@example.com is back in stock" {
		t.Errorf("subject %q", m.Subject)
	}
}

func valid() mail.Message {
	return mail.Message{From: mail.Address{Name: "Shop", Email: "shop@example.com"},
		To: []mail.Address{{Name: "Ann", Email: "ann@example.com"}}, Subject: "Hello", Text: "Hi"}
}

func TestHeaderInjectionIsRefused(t *testing.T) {
	srv := mailtest.Start(t)
	s, err := mail.NewSMTP(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		field  string
		change func(*mail.Message)
	}{
		{"subject", func(m *mail.Message) { m.Subject = "Hi\r\nBcc: victim@example.com" }},
		{"subject", func(m *mail.Message) { m.Subject = "Hi\nBcc: victim@example.com" }},
		{"to[0].name", func(m *mail.Message) { m.To[0].Name = "Ann\r\nBcc: victim@example.com" }},
		{"to[0].email", func(m *mail.Message) { m.To[0].Email = "ann@example.com\r\nBcc: victim@example.com" }},
		{"from.name", func(m *mail.Message) { m.From.Name = "Shop\nX: y" }},
		{"reply_to.name", func(m *mail.Message) { m.ReplyTo = &mail.Address{Name: "A\rB", Email: "a@example.com"} }},
		{"headers.X-Campaign", func(m *mail.Message) { m.Headers = map[string]string{"X-Campaign": "a\r\nBcc: victim@example.com"} }},
		{"headers.Bcc", func(m *mail.Message) { m.Headers = map[string]string{"Bcc": "victim@example.com"} }},
		{"headers.X Bad", func(m *mail.Message) { m.Headers = map[string]string{"X Bad": "v"} }},
		{"to[0].email", func(m *mail.Message) { m.To[0].Email = "Ann <ann@example.com>" }},
		{"to", func(m *mail.Message) { m.To = nil }},
		{"text", func(m *mail.Message) { m.Text = " " }},
	}
	for _, c := range cases {
		m := valid()
		c.change(&m)
		err := s.Send(context.Background(), m)
		e, ok := errs.As(err)
		if !ok || e.Code != errs.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != c.field {
			t.Errorf("%s: got %v, want an invalid error naming only %s", c.field, err, c.field)
		}
		if err := (mail.Log{}).Send(context.Background(), m); err == nil {
			t.Errorf("%s: the log sender accepted it", c.field)
		}
	}
	if n := len(srv.Messages()); n != 0 {
		t.Fatalf("%d refused messages reached the server", n)
	}
	if err := s.Send(context.Background(), valid()); err != nil {
		t.Fatalf("a valid message: %v", err)
	}
	srv.Wait(t, 1)
}

func TestRefusalsArePermanentOrNot(t *testing.T) {
	srv := mailtest.Start(t)
	srv.Refuse("gone@example.com", 550)
	srv.Refuse("busy@example.com", 450)
	s, err := mail.NewSMTP(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	for addr, permanent := range map[string]bool{"gone@example.com": true, "busy@example.com": false} {
		m := valid()
		m.To[0].Email = addr
		err := s.Send(context.Background(), m)
		if err == nil {
			t.Fatalf("%s: accepted", addr)
		}
		if mail.Permanent(err) != permanent {
			t.Errorf("%s: Permanent(%v) = %v, want %v", addr, err, !permanent, permanent)
		}
	}
}

func TestSMTPConfiguration(t *testing.T) {
	srv := mailtest.Start(t)
	bad := srv.URL()
	bad = strings.Replace(bad, srv.Password, "wrong", 1)
	s, err := mail.NewSMTP(bad)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), valid()); err == nil {
		t.Error("sent with a wrong password")
	}
	// The server offers no STARTTLS: with TLS required nothing is sent.
	s, err = mail.NewSMTP(srv.URL() + "?tls=mandatory")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), valid()); err == nil {
		t.Error("sent without TLS although TLS was required")
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("%d messages arrived", n)
	}
	for _, u := range []string{"http://example.com", "smtp://", "smtp://host:port", "smtp://host?tls=maybe", "::"} {
		if _, err := mail.NewSMTP(u); err == nil {
			t.Errorf("NewSMTP(%q) accepted", u)
		}
	}
	if s, err := mail.Open("", nil); err != nil {
		t.Errorf("Open without a URL: %v", err)
	} else if _, ok := s.(mail.Log); !ok {
		t.Errorf("Open without a URL gave %T, want the log sender", s)
	}
}

func TestQuotesInNamesAddNoRecipient(t *testing.T) {
	srv := mailtest.Start(t)
	s, err := mail.NewSMTP(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	m := valid()
	m.To[0].Name = `Ann" <victim@example.com>, "Bob`
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got := srv.Wait(t, 1)[0]
	to, err := got.Header.AddressList("To")
	if len(got.To) != 1 || err != nil || len(to) != 1 || to[0].Address != "ann@example.com" || to[0].Name != m.To[0].Name {
		t.Fatalf("envelope %v, To header %v (%v): want Ann alone, her name as written", got.To, to, err)
	}
}
