package app_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/inventory"
	"b2x/jobs"
	"b2x/mail"
	"b2x/mail/mailtest"
	"b2x/money"
	"b2x/order"
	"b2x/store"
	"b2x/store/storetest"
)

// notifyFixture is a fixture whose App sends letters to a real SMTP server in
// the test and text messages to a recorder, with its job queue polling fast.
type notifyFixture struct {
	*fixture
	smtp *mailtest.Server
	sms  *smsRecorder
}

func newNotifyFixture(t *testing.T, db *store.DB, started bool) *notifyFixture {
	t.Helper()
	srv := mailtest.Start(t)
	sender, err := mail.NewSMTP(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	q := jobs.New(db, jobs.Config{Poll: 50 * time.Millisecond, Cooldown: 10 * time.Millisecond,
		Backoff: func(int) time.Duration { return 100 * time.Millisecond },
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil))})
	sms := &smsRecorder{}
	a := app.New(db, app.WithJobs(q), app.WithSMS(sms),
		app.WithMail(sender, app.MailConfig{From: mail.Address{Name: "Brick Shop", Email: "shop@example.com"}, BaseURL: "https://shop.example/"}))
	f := &fixture{t: t, ctx: context.Background(), app: a, db: db}
	f.must(a.UpsertWarehouse(f.ctx, staffActor, inventory.Warehouse{Code: "MAIN", Name: "Main warehouse", Priority: 1}))
	f.must(a.UpsertCategory(f.ctx, staffActor, catalog.Category{Slug: "bricks", Name: "Bricks"}))
	nf := &notifyFixture{fixture: f, smtp: srv, sms: sms}
	if started {
		nf.start()
	}
	return nf
}

func (f *notifyFixture) start() {
	f.t.Helper()
	f.must(f.app.Jobs().Start(f.ctx))
	f.t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		f.app.Jobs().Stop(ctx)
	})
}

// idle waits until no job is waiting or running, so that a test can say what
// did not happen.
func (f *notifyFixture) idle() {
	f.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		n, err := f.app.Jobs().Pending(f.ctx)
		f.must(err)
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("%d jobs still pending", n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// jobCount counts the jobs of a kind, in any state.
func (f *notifyFixture) jobCount(kind string) int {
	f.t.Helper()
	js, err := f.app.Jobs().List(f.ctx, kind, jobs.MaxList)
	f.must(err)
	return len(js)
}

type smsRecorder struct {
	mu   sync.Mutex
	sent []string // "to: text"
}

func (r *smsRecorder) SendSMS(_ context.Context, to, text string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, to+": "+text)
	return nil
}

func (r *smsRecorder) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.sent...)
}

func withSubject(ms []mailtest.Received, prefix string) []mailtest.Received {
	var out []mailtest.Received
	for _, m := range ms {
		if strings.HasPrefix(m.Subject, prefix) {
			out = append(out, m)
		}
	}
	return out
}

func TestOrderConfirmationIsMailedIffTheOrderCommits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newNotifyFixture(t, db, true)
		f.product("BRK", 3)
		in := guestOrder(line("BRK", 2))
		in.Guest.Name = `Ann <script>alert(1)</script>`
		in.DeliveryMethod, in.DeliveryAddress = order.Carrier, "ул. Ленина, 1"
		o, _, err := f.app.Checkout(app.WithLang(f.ctx, "ru"), app.Actor{}, "k1", in)
		f.must(err)

		// Refused orders enqueue nothing: bad input, and too little stock, which
		// fails inside the write transaction after the order row was written.
		before := f.jobCount("mail.order_confirmation")
		if _, _, err := f.app.Checkout(f.ctx, app.Actor{}, "k2", guestOrder(line("BRK", 5))); errs.CodeOf(err) != errs.Conflict {
			t.Fatalf("oversell: %v", err)
		}
		if _, _, err := f.app.Checkout(f.ctx, app.Actor{}, "k3", guestOrder()); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("no lines: %v", err)
		}
		if after := f.jobCount("mail.order_confirmation"); after != before || after != 1 {
			t.Fatalf("%d confirmation jobs after one order and two refusals", after)
		}
		// A replayed request is the same order: no second letter.
		if _, replayed, err := f.app.Checkout(app.WithLang(f.ctx, "ru"), app.Actor{}, "k1", in); err != nil || !replayed {
			t.Fatalf("replay: %v %v", replayed, err)
		}

		got := f.smtp.Wait(t, 1)
		f.idle()
		if len(f.smtp.Messages()) != 1 {
			t.Fatalf("%d letters, want 1", len(f.smtp.Messages()))
		}
		m := got[0]
		if m.To[0] != "ann@example.com" || m.Subject != "Ваш заказ "+o.Number {
			t.Errorf("letter to %v, subject %q", m.To, m.Subject)
		}
		if len(o.Adjustments) != 1 || o.Adjustments[0].Kind != order.DeliveryFee {
			t.Fatalf("adjustments %+v: want the carrier's fee", o.Adjustments)
		}
		fee := o.Adjustments[0]
		for _, want := range []string{"Здравствуйте, Ann <script>alert(1)</script>!", "Product BRK (BRK): 2 pcs — 2,40\u00a0€",
			"- " + fee.Label + ": " + fee.Gross.Format("ru"), "Итого: " + o.Total.Format("ru"),
			"Доставка транспортной компанией", "Адрес доставки: ул. Ленина, 1"} {
			if !strings.Contains(m.Text, want) {
				t.Errorf("text lacks %q:\n%s", want, m.Text)
			}
		}
		if strings.Contains(m.HTML, "<script>") || !strings.Contains(m.HTML, "Ann &lt;script&gt;") {
			t.Errorf("HTML does not escape the name:\n%s", m.HTML)
		}
	})
}

func TestCareInstructionsWhenDelivered(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newNotifyFixture(t, db, true)
		f.product("BRK", 5)
		_, err := f.app.CreateProduct(f.ctx, staffActor, app.NewProduct{
			Product: catalog.Product{SKU: "OAK", Name: "Oak table", Category: "bricks", Kind: catalog.Goods, Unit: "pcs",
				Channels: catalog.Channels{catalog.B2C}, TaxRateBP: 2000, CareInstructions: "Oil twice a year.\nKeep away from radiators."},
			Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(50000, "EUR")},
		})
		f.must(err)
		_, err = f.app.RecordMovement(f.ctx, staffActor, app.MovementInput{SKU: "OAK", Kind: inventory.Receipt, Quantity: 2000})
		f.must(err)

		deliver := func(key, lang string, lines ...app.CheckoutLine) order.Order {
			o, _, err := f.app.Checkout(app.WithLang(f.ctx, lang), app.Actor{}, key, guestOrder(lines...))
			f.must(err)
			for _, to := range []order.Status{order.Confirmed, order.Delivered} {
				_, err := f.app.TransitionOrder(f.ctx, staffActor, o.ID, to, "")
				f.must(err)
			}
			return o
		}
		deliver("plain", "en", line("BRK", 1)) // nothing to care for: no letter
		o := deliver("oak", "fa", line("BRK", 1), line("OAK", 1))

		f.smtp.Wait(t, 3) // two confirmations and one care letter
		f.idle()
		care := withSubject(f.smtp.Messages(), "راهنمای نگهداری")
		if len(care) != 1 || len(f.smtp.Messages()) != 3 {
			t.Fatalf("%d care letters among %d letters, want 1 among 3", len(care), len(f.smtp.Messages()))
		}
		m := care[0]
		if !strings.Contains(m.Subject, o.Number) || !strings.Contains(m.Text, "Oak table (OAK)\nOil twice a year.\nKeep away from radiators.") {
			t.Errorf("care letter %q:\n%s", m.Subject, m.Text)
		}
		if strings.Contains(m.Text, "Product BRK") || !strings.Contains(m.HTML, `dir="rtl"`) {
			t.Errorf("care letter lists a product without instructions, or is not right to left:\n%s", m.HTML)
		}
	})
}

func TestPasswordResetMail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newNotifyFixture(t, db, true)
		err := db.Write(f.ctx, func(tx *store.Tx) error {
			return f.app.MailPasswordReset(f.ctx, tx, mail.Address{Name: "Ann\r\nBcc: x@example.com", Email: "ann@example.com"},
				"https://shop.example/reset?token=abc", "en")
		})
		f.must(err)
		err = db.Write(f.ctx, func(tx *store.Tx) error {
			return f.app.MailPasswordReset(f.ctx, tx, mail.Address{Email: "not an address"}, "javascript:alert(1)", "en")
		})
		if e, ok := errs.As(err); !ok || !hasField(e, "email") || !hasField(e, "link") {
			t.Fatalf("bad reset: %v", err)
		}
		// After RequestPasswordReset: an unknown address gets nothing, an account
		// its link.
		none, err := f.app.RequestPasswordReset(f.ctx, "nobody@example.com")
		f.must(err)
		f.must(f.app.QueuePasswordResetMail(f.ctx, none, "https://shop.example/reset?token=", "en"))
		_, err = f.app.SignUp(f.ctx, app.SignUpInput{Name: "Bob", Email: "bob@example.com", Password: "a long enough password"})
		f.must(err)
		req, err := f.app.RequestPasswordReset(f.ctx, "bob@example.com")
		f.must(err)
		f.must(f.app.QueuePasswordResetMail(f.ctx, req, "https://shop.example/reset?token="+req.Token, "ru"))
		got := f.smtp.Wait(t, 2)
		f.idle()
		if len(f.smtp.Messages()) != 2 {
			t.Fatalf("%d letters, want 2", len(f.smtp.Messages()))
		}
		m := got[0]
		if got[1].To[0] == "ann@example.com" {
			m = got[1]
		}
		bob := got[0]
		if bob.To[0] != "bob@example.com" {
			bob = got[1]
		}
		if bob.To[0] != "bob@example.com" || bob.Subject != "Сброс пароля" || !strings.Contains(bob.Text, req.Token) {
			t.Errorf("Bob's letter %q to %v:\n%s", bob.Subject, bob.To, bob.Text)
		}
		to, _ := m.Header.AddressList("To")
		if m.Subject != "Reset your password" || len(to) != 1 || to[0].Name != "Ann Bcc: x@example.com" || len(m.To) != 1 {
			t.Errorf("reset letter %q to %v (%v)", m.Subject, to, m.To)
		}
		if !strings.Contains(m.Text, "https://shop.example/reset?token=abc") || !strings.Contains(m.HTML, `href="https://shop.example/reset?token=abc"`) {
			t.Errorf("no link:\n%s\n%s", m.Text, m.HTML)
		}
	})
}
