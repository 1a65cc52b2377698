package app_test

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/loyalty"
	"b2x/store"
	"b2x/store/storetest"
)

var smsCodeRE = regexp.MustCompile(`\b(\d{6})\b`)

// sendCode asks for a code to phone and reads it from the text message sent.
func sendCode(t *testing.T, f *fixture, sms *smsRecorder, phone string) string {
	t.Helper()
	n := len(sms.all())
	if _, err := f.app.SendPhoneCode(f.ctx, phone); err != nil {
		t.Fatalf("send a code to %s: %v", phone, err)
	}
	all := sms.all()
	if len(all) != n+1 {
		t.Fatalf("%d messages sent, want %d", len(all), n+1)
	}
	m := smsCodeRE.FindStringSubmatch(all[n])
	if m == nil {
		t.Fatalf("no code in %q", all[n])
	}
	return m[1]
}

// sendCodeLater sends a code on an App whose clock is past the resend gap.
func sendCodeLater(t *testing.T, f *fixture, sms *smsRecorder, phone string) string {
	t.Helper()
	later := time.Now().Add(loyalty.CodeResendGap + time.Second)
	f.app = app.New(f.db, app.WithSMS(sms), app.WithClock(func() time.Time { return later }))
	return sendCode(t, f, sms, phone)
}

// clock is a test clock that concurrent use cases may read.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func codeFixture(t *testing.T, db *store.DB) (*fixture, *smsRecorder, *clock) {
	f := newFixture(t, db)
	sms := &smsRecorder{}
	clk := &clock{now: time.Now().UTC()}
	f.app = app.New(db, app.WithSMS(sms), app.WithClock(clk.Now))
	return f, sms, clk
}

// TestPhoneCodeSending: six digits by SMS in the request's language, stored only
// hashed, at most one a minute and five an hour per phone.
func TestPhoneCodeSending(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f, sms, clk := codeFixture(t, db)
		code := sendCode(t, f, sms, "8 916 123 45 67")
		if !strings.HasPrefix(sms.all()[0], "+79161234567: ") {
			t.Errorf("sent to %q", sms.all()[0])
		}
		f.must(db.Read(f.ctx, func(tx *store.Tx) error {
			pc, err := tx.LivePhoneCode(f.ctx, "+79161234567")
			if err == nil && (strings.Contains(pc.Hash, code) || pc.Hash == "" || pc.Tries != 0) {
				t.Errorf("stored code: %+v", pc)
			}
			return err
		}))
		_, err := f.app.SendPhoneCode(f.ctx, "+79161234567")
		e := mustErr(err)
		if e.Code != errs.TooManyRequests || e.Detail["retry_after_seconds"] != 60 || e.Key != "err.phone_code.wait" {
			t.Errorf("second code within a minute: %+v", e)
		}
		for i := 2; i <= loyalty.CodesPerHour; i++ {
			clk.Add(61 * time.Second)
			code = sendCode(t, f, sms, "+79161234567")
		}
		clk.Add(61 * time.Second)
		if _, err := f.app.SendPhoneCode(f.ctx, "+79161234567"); errs.CodeOf(err) != errs.TooManyRequests {
			t.Errorf("a sixth code in an hour: %v", err)
		}
		if _, err := f.app.SendPhoneCode(f.ctx, "+79031234567"); err != nil {
			t.Errorf("another phone is not held up: %v", err)
		}
		if _, err := f.app.SendPhoneCode(f.ctx, "12"); fieldOf(err) != "loyalty_phone" {
			t.Errorf("a bad phone: %v", err)
		}
		clk.Add(time.Hour)
		ru := sendCodeCtx(t, f, sms, app.WithLang(f.ctx, "ru"), "+79161234567")
		if !strings.Contains(ru, "код") {
			t.Errorf("the Russian text: %q", ru)
		}
		_ = code
		// the sweep forgets codes once the hourly limit no longer counts them
		clk.Add(2*time.Hour + time.Second)
		_, err = f.app.ExpireSessions(f.ctx)
		f.must(err)
		f.must(db.Read(f.ctx, func(tx *store.Tx) error {
			sent, err := tx.PhoneCodesSentSince(f.ctx, "+79161234567", time.Time{})
			if len(sent) != 0 {
				t.Errorf("%d codes left after the sweep", len(sent))
			}
			return err
		}))
	})
}

func sendCodeCtx(t *testing.T, f *fixture, sms *smsRecorder, ctx context.Context, phone string) string {
	t.Helper()
	if _, err := f.app.SendPhoneCode(ctx, phone); err != nil {
		t.Fatal(err)
	}
	all := sms.all()
	return all[len(all)-1]
}

// TestPhoneCodeLocksAfterFiveWrongTries: twenty wrong codes at once are
// compared five times at most; then even the right code is refused, it expires
// after ten minutes, and a new code ends the old one.
func TestPhoneCodeLocksAfterFiveWrongTries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f, sms, clk := codeFixture(t, db)
		ann, err := f.app.CreatePerson(f.ctx, staffActor, partyPerson("Ann"))
		f.must(err)
		annActor := app.Actor{PersonID: ann.ID}
		code := sendCode(t, f, sms, "+79161234567")
		wrongCode := "000000"
		if code == wrongCode {
			wrongCode = "111111"
		}
		keys := make(chan string, 20)
		var wg sync.WaitGroup
		for range 20 {
			wg.Go(func() {
				_, err := f.app.LinkLoyaltyCard(f.ctx, annActor, "+79161234567", wrongCode)
				e := mustErr(err)
				if len(e.Fields) == 1 {
					keys <- e.Fields[0].Key
				} else {
					keys <- err.Error()
				}
			})
		}
		wg.Wait()
		close(keys)
		count := map[string]int{}
		for k := range keys {
			count[k]++
		}
		if count["err.phone_code.wrong"] != loyalty.MaxCodeTries || count["err.phone_code.locked"] != 20-loyalty.MaxCodeTries {
			t.Errorf("20 wrong tries at once: %v", count)
		}
		if _, err := f.app.LinkLoyaltyCard(f.ctx, annActor, "+79161234567", code); mustErr(err).Fields[0].Key != "err.phone_code.locked" {
			t.Errorf("the right code after the lock: %v", err)
		}
		if _, err := f.app.LinkLoyaltyCard(f.ctx, annActor, "+79161234567", "12345"); mustErr(err).Fields[0].Key != "err.phone_code.syntax" {
			t.Errorf("five digits: %v", err)
		}
		// a new code ends the locked one; it expires after ten minutes
		clk.Add(loyalty.CodeResendGap)
		code = sendCode(t, f, sms, "+79161234567")
		clk.Add(loyalty.CodeTTL)
		if _, err := f.app.LinkLoyaltyCard(f.ctx, annActor, "+79161234567", code); mustErr(err).Fields[0].Key != "err.phone_code.none" {
			t.Errorf("an expired code: %v", err)
		}
		code = sendCode(t, f, sms, "+79161234567")
		clk.Add(loyalty.CodeTTL - time.Second)
		for range loyalty.MaxCodeTries - 1 {
			if _, err := f.app.LinkLoyaltyCard(f.ctx, annActor, "+79161234567", wrongCode); mustErr(err).Fields[0].Key != "err.phone_code.wrong" {
				t.Fatalf("a wrong code: %v", err)
			}
		}
		if card, err := f.app.LinkLoyaltyCard(f.ctx, annActor, "+79161234567", code); err != nil || card.PersonID != ann.ID {
			t.Errorf("the right code after four wrong ones: %+v %v", card, err)
		}
	})
}

// TestPhoneCodeProvesOnce: a guest spends a card's points only with the code
// sent to its phone, and two orders racing with one code spend it once.
func TestPhoneCodeProvesOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f, sms, _ := codeFixture(t, db)
		f.product("BRK", 100)
		const phone = "+79161234567"
		_, err := f.app.IssueLoyaltyCard(f.ctx, staffActor, phone, "")
		f.must(err)
		_, err = f.app.AdjustLoyaltyPoints(f.ctx, staffActor, phone, 100, "gift")
		f.must(err)
		spend := func(key, code string) error {
			in := shopGuest("guest@example.com", line("BRK", 50))
			in.LoyaltyPhone, in.Points, in.LoyaltyCode = phone, 40, code
			_, _, err := f.app.Checkout(f.ctx, app.Actor{}, key, in)
			return err
		}
		if err := spend("k0", ""); fieldOf(err) != "points" {
			t.Errorf("points without a code: %v", err)
		}
		if err := spend("k0", "123456"); fieldOf(err) != "loyalty_code" {
			t.Errorf("points with a code never sent: %v", err)
		}
		code := sendCode(t, f, sms, phone)
		results := make(chan error, 2)
		var wg sync.WaitGroup
		for _, key := range []string{"k1", "k2"} {
			wg.Go(func() { results <- spend(key, code) })
		}
		wg.Wait()
		close(results)
		ok, used := 0, 0
		for err := range results {
			switch {
			case err == nil:
				ok++
			case fieldOf(err) == "loyalty_code":
				used++
			default:
				t.Errorf("unexpected: %v", err)
			}
		}
		if ok != 1 || used != 1 {
			t.Errorf("two orders with one code: %d placed, %d refused", ok, used)
		}
		v, err := f.app.LoyaltyCard(f.ctx, staffActor, phone)
		f.must(err)
		if v.Card.Points != 60 {
			t.Errorf("balance %d, want 60", v.Card.Points)
		}
		f.shopBalanced()
	})
}
