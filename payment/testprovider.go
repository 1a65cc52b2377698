package payment

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"

	"b2x/money"
)

// Test card numbers. TestProvider runs a real authorization, capture, void and
// refund for each, in memory; the outcome is chosen by the number, as with the
// big providers' test modes.
const (
	TestCardOK                = "4242424242424242" // authorized, captured, refunded as asked
	TestCardDeclined          = "4000000000000002" // declined: card_declined
	TestCardInsufficientFunds = "4000000000009995" // declined: insufficient_funds
	TestCardCaptureFails      = "4000000000000341" // authorized, but every capture is declined
	TestCardProcessingError   = "4000000000000119" // the provider fails (not a decline)
)

// Test tokens stand for cards a client tokenized with the provider.
var testTokens = map[string]string{
	"tok_visa":                            TestCardOK,
	"tok_chargeDeclined":                  TestCardDeclined,
	"tok_chargeDeclinedInsufficientFunds": TestCardInsufficientFunds,
}

// ErrProvider is a provider failure that is not a decline: the request may be
// retried later.
var ErrProvider = errors.New("payment provider error")

// TestProvider is an in-memory Provider for the demo and the tests. Any Luhn-valid
// number that is not one of the test cards is declined, so a real card typed
// into a demo shop never looks paid. Its state lives in the process.
type TestProvider struct {
	mu    sync.Mutex
	auths map[string]*testAuth // by reference
	keys  map[string]string    // idempotency key → reference
}

type testAuth struct {
	card      string
	amount    money.Amount
	status    Status
	captured  money.Amount
	refunded  money.Amount
	requested money.Amount
}

var _ Provider = (*TestProvider)(nil)

// NewTestProvider makes an empty test provider.
func NewTestProvider() *TestProvider {
	return &TestProvider{auths: map[string]*testAuth{}, keys: map[string]string{}}
}

// Name implements Provider.
func (p *TestProvider) Name() string { return "test" }

// Authorize implements Provider.
func (p *TestProvider) Authorize(ctx context.Context, r AuthorizeRequest) (Authorization, error) {
	if err := ctx.Err(); err != nil {
		return Authorization{}, err
	}
	card := r.CardNumber
	if r.Token != "" {
		var ok bool
		if card, ok = testTokens[r.Token]; !ok {
			return Authorization{}, &Declined{Code: "invalid_token", Message: "the test provider does not know this token"}
		}
	}
	digits, ok := CardDigits(card)
	if !ok {
		return Authorization{}, &Declined{Code: "invalid_number", Message: "the card number is not valid"}
	}
	if r.Amount.Minor <= 0 {
		return Authorization{}, fmt.Errorf("%w: authorize a positive amount", ErrProvider)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if ref, ok := p.keys[r.IdempotencyKey]; ok && r.IdempotencyKey != "" {
		a := p.auths[ref]
		if a.requested != r.Amount || a.card != digits {
			return Authorization{}, fmt.Errorf("%w: idempotency key reused for another request", ErrProvider)
		}
		if a.status == Failed {
			return Authorization{}, declineFor(digits)
		}
		return Authorization{Reference: ref, Amount: a.amount, Last4: Last4(digits)}, nil
	}
	ref := newReference()
	a := &testAuth{card: digits, amount: r.Amount, requested: r.Amount, status: Authorized}
	var err error
	switch digits {
	case TestCardOK, TestCardCaptureFails:
	case TestCardProcessingError:
		return Authorization{}, fmt.Errorf("%w: the test provider is failing on purpose", ErrProvider)
	default:
		a.status, err = Failed, declineFor(digits)
	}
	p.auths[ref] = a
	if r.IdempotencyKey != "" {
		p.keys[r.IdempotencyKey] = ref
	}
	if err != nil {
		return Authorization{}, err
	}
	return Authorization{Reference: ref, Amount: r.Amount, Last4: Last4(digits)}, nil
}

func declineFor(digits string) error {
	switch digits {
	case TestCardInsufficientFunds:
		return &Declined{Code: "insufficient_funds", Message: "the card has insufficient funds"}
	case TestCardDeclined:
		return &Declined{Code: "card_declined", Message: "the card was declined"}
	}
	return &Declined{Code: "card_declined", Message: "the test provider accepts only its test cards"}
}

// Capture implements Provider.
func (p *TestProvider) Capture(ctx context.Context, reference string, amount money.Amount) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	a, err := p.auth(reference)
	if err != nil {
		return err
	}
	switch {
	case a.status == Captured && a.captured == amount:
		return nil
	case a.status != Authorized:
		return fmt.Errorf("%w: cannot capture a %s authorization", ErrProvider, a.status)
	case amount.Currency != a.amount.Currency || amount.Minor <= 0 || amount.Minor > a.amount.Minor:
		return fmt.Errorf("%w: capture %s %s of an authorization of %s %s", ErrProvider, amount, amount.Currency, a.amount, a.amount.Currency)
	case a.card == TestCardCaptureFails:
		return &Declined{Code: "capture_declined", Message: "the bank refused the capture"}
	}
	a.status, a.captured = Captured, amount
	return nil
}

// Void implements Provider.
func (p *TestProvider) Void(ctx context.Context, reference string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	a, err := p.auth(reference)
	if err != nil {
		return err
	}
	switch a.status {
	case Voided:
		return nil
	case Authorized:
		a.status = Voided
		return nil
	}
	return fmt.Errorf("%w: cannot void a %s authorization", ErrProvider, a.status)
}

// Refund implements Provider.
func (p *TestProvider) Refund(ctx context.Context, reference string, amount money.Amount) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	a, err := p.auth(reference)
	if err != nil {
		return err
	}
	switch {
	case a.status == Refunded && a.refunded == amount:
		return nil
	case a.status != Captured:
		return fmt.Errorf("%w: cannot refund a %s authorization", ErrProvider, a.status)
	case amount.Currency != a.captured.Currency || amount.Minor <= 0 || amount.Minor > a.captured.Minor:
		return fmt.Errorf("%w: refund %s %s of a capture of %s", ErrProvider, amount, amount.Currency, a.captured)
	}
	a.status, a.refunded = Refunded, amount
	return nil
}

func (p *TestProvider) auth(reference string) (*testAuth, error) {
	a, ok := p.auths[reference]
	if !ok {
		return nil, fmt.Errorf("%w: no authorization %q", ErrProvider, reference)
	}
	return a, nil
}

// State reports what the provider holds for a reference, for tests and the demo:
// the status and the amounts captured and refunded.
func (p *TestProvider) State(reference string) (status Status, captured, refunded money.Amount, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	a, ok := p.auths[reference]
	if !ok {
		return "", money.Amount{}, money.Amount{}, false
	}
	return a.status, a.captured, a.refunded, true
}

// Authorizations counts the authorizations by status, for tests.
func (p *TestProvider) Authorizations() map[Status]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[Status]int{}
	for _, a := range p.auths {
		out[a.status]++
	}
	return out
}

func newReference() string {
	var b [12]byte
	rand.Read(b[:])
	return "test_auth_" + hex.EncodeToString(b[:])
}
