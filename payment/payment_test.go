package payment

import (
	"context"
	"errors"
	"testing"

	"b2x/money"
)

func TestCardDigits(t *testing.T) {
	for _, ok := range []string{TestCardOK, "4242 4242 4242 4242", "4000-0000-0000-0002", TestCardInsufficientFunds, "378282246310005"} {
		if _, valid := CardDigits(ok); !valid {
			t.Errorf("%s refused", ok)
		}
	}
	for _, bad := range []string{"", "4242424242424241", "4242", "42424242424242424242", "4242x42424242424", "０４２４２"} {
		if _, valid := CardDigits(bad); valid {
			t.Errorf("%q accepted", bad)
		}
	}
	if Last4("4242424242424242") != "4242" || Last4("12") != "" {
		t.Error("last4")
	}
}

func TestTestProvider(t *testing.T) {
	ctx := context.Background()
	p := NewTestProvider()
	eur := func(m int64) money.Amount { return money.MustNew(m, "EUR") }

	a, err := p.Authorize(ctx, AuthorizeRequest{Amount: eur(1000), CardNumber: TestCardOK, IdempotencyKey: "k1"})
	if err != nil || a.Last4 != "4242" || a.Reference == "" {
		t.Fatal(a, err)
	}
	again, err := p.Authorize(ctx, AuthorizeRequest{Amount: eur(1000), CardNumber: TestCardOK, IdempotencyKey: "k1"})
	if err != nil || again.Reference != a.Reference {
		t.Errorf("a retried authorization made another: %v %v", again, err)
	}
	if _, err := p.Authorize(ctx, AuthorizeRequest{Amount: eur(999), CardNumber: TestCardOK, IdempotencyKey: "k1"}); !errors.Is(err, ErrProvider) {
		t.Errorf("key reused for another amount: %v", err)
	}
	if err := p.Capture(ctx, a.Reference, eur(1001)); err == nil {
		t.Error("captured more than authorized")
	}
	if err := p.Refund(ctx, a.Reference, eur(1000)); err == nil {
		t.Error("refunded before capture")
	}
	for range 2 { // idempotent
		if err := p.Capture(ctx, a.Reference, eur(1000)); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Void(ctx, a.Reference); err == nil {
		t.Error("voided a capture")
	}
	for range 2 {
		if err := p.Refund(ctx, a.Reference, eur(1000)); err != nil {
			t.Fatal(err)
		}
	}
	if st, captured, refunded, _ := p.State(a.Reference); st != Refunded || captured != eur(1000) || refunded != eur(1000) {
		t.Errorf("state %s %s %s", st, captured, refunded)
	}

	for card, code := range map[string]string{TestCardDeclined: "card_declined", TestCardInsufficientFunds: "insufficient_funds",
		"4111111111111111": "card_declined", "4242424242424241": "invalid_number"} {
		_, err := p.Authorize(ctx, AuthorizeRequest{Amount: eur(1000), CardNumber: card})
		var d *Declined
		if !errors.As(err, &d) || d.Code != code {
			t.Errorf("%s: %v, want decline %s", card, err, code)
		}
	}
	if _, err := p.Authorize(ctx, AuthorizeRequest{Amount: eur(1000), CardNumber: TestCardProcessingError}); !errors.Is(err, ErrProvider) {
		t.Errorf("processing error: %v", err)
	}
	tok, err := p.Authorize(ctx, AuthorizeRequest{Amount: eur(500), Token: "tok_visa"})
	if err != nil || tok.Last4 != "4242" {
		t.Errorf("token: %v %v", tok, err)
	}
	if err := p.Void(ctx, tok.Reference); err != nil {
		t.Fatal(err)
	}
	if err := p.Capture(ctx, tok.Reference, eur(500)); err == nil {
		t.Error("captured a voided authorization")
	}
	cf, err := p.Authorize(ctx, AuthorizeRequest{Amount: eur(500), CardNumber: TestCardCaptureFails})
	if err != nil {
		t.Fatal(err)
	}
	var d *Declined
	if err := p.Capture(ctx, cf.Reference, eur(500)); !errors.As(err, &d) {
		t.Errorf("capture of %s: %v", TestCardCaptureFails, err)
	}
	if st, _, _, _ := p.State(cf.Reference); st != Authorized {
		t.Errorf("a refused capture moved the authorization to %s", st)
	}
}

func TestSettle(t *testing.T) {
	tests := []struct {
		m    Method
		s    Status
		e    Event
		to   Status
		act  Action
		move bool
	}{
		{Card, Authorized, Ship, Captured, CaptureCall, true},
		{Card, Authorized, Deliver, Captured, CaptureCall, true},
		{Card, Captured, Deliver, Captured, NoAction, false},
		{Card, Authorized, Cancel, Voided, VoidCall, true},
		{Card, Captured, Return, Refunded, RefundCall, true},
		{CashOnDelivery, Pending, Ship, Pending, NoAction, false},
		{CashOnDelivery, Pending, Deliver, Captured, NoAction, true},
		{CashOnDelivery, Pending, Cancel, Voided, NoAction, true},
		{CashOnDelivery, Pending, Return, Voided, NoAction, true},
		{CashOnDelivery, Captured, Return, Refunded, NoAction, true},
		{Card, Voided, Ship, Voided, NoAction, false},
	}
	for _, tt := range tests {
		to, act, move := Settle(tt.m, tt.s, tt.e)
		if to != tt.to || act != tt.act || move != tt.move {
			t.Errorf("%s %s on %s: %s %q %v", tt.m, tt.s, tt.e, to, act, move)
		}
	}
}
