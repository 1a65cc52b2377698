// Package app holds b2x's use cases: the operations that cross domain packages
// inside one transaction (Checkout, RecordMovement, TransitionOrder …). Handlers,
// the CLI and jobs call app; only app writes through the store.
package app

import (
	"context"
	"log/slog"
	"time"

	"b2x/loyalty"
	"b2x/payment"
	"b2x/staff"
	"b2x/store"
	"b2x/supplier"
)

// App runs use cases against one database.
type App struct {
	db      *store.DB
	now     func() time.Time
	log     *slog.Logger
	catalog *catalogCache
	// checkPassword compares a password with its argon2id hash; tests count its
	// calls to prove a throttled sign-in computes no hash.
	checkPassword func(hash, password string) bool
	funnel        *funnelRecorder // see Start, Close and RecordEvent
	// loyalty and payments configure the shop's checkout (WithLoyaltyProgram,
	// WithPaymentProvider); shop caches what every checkout reads.
	loyalty  loyalty.Program
	payments payment.Provider
	shop     *shopCache
	// supplier is printed on quotes; zero means supplier.Demo (see WithSupplier).
	supplier supplier.Details
	browse   *browseCache // shop listings (browse_cache.go)
	notify   *notifier    // the job queue and the senders of letters and alerts (mail.go)
	// campaigns configures email campaigns and holds their process-wide send
	// limits (campaigns.go).
	campaigns *campaigns
}

// Option configures an App.
type Option func(*App)

// WithClock makes the App read time from now, for tests and historical imports.
func WithClock(now func() time.Time) Option { return func(a *App) { a.now = now } }

// WithLogger sets the logger.
func WithLogger(l *slog.Logger) Option { return func(a *App) { a.log = l } }

// New makes an App on an open, migrated database.
func New(db *store.DB, opts ...Option) *App {
	a := &App{db: db, now: time.Now, log: slog.Default(), catalog: newCatalogCache(), checkPassword: staff.CheckPassword,
		funnel:  newFunnelRecorder(db, DefaultFunnelBuffer, DefaultFunnelBatch, DefaultFunnelInterval),
		loyalty: loyalty.DefaultProgram(), payments: payment.NewTestProvider(), shop: &shopCache{}, browse: newBrowseCache(listingTTL),
		notify: &notifier{}}
	for _, o := range opts {
		o(a)
	}
	a.funnel.log = a.log.Error
	if a.campaigns == nil {
		a.campaigns = newCampaigns(CampaignConfig{})
	}
	a.setUpNotifier()
	return a
}

// DB exposes the database to the surfaces' read paths and to tests.
func (a *App) DB() *store.DB { return a.db }

// Actor is who performs a use case: a staff user, a buyer, or the public.
type Actor struct {
	UserID string
	Role   string // staff role; empty for the public
	// ContactID and OrganizationID are set for a buyer: a contact signed in with a
	// contact token (see buyers.go). A buyer is not staff.
	ContactID      string
	OrganizationID string
	// PersonID is set for a consumer signed in to the shop with a customer account.
	PersonID string
}

// Staff reports whether the actor is a signed-in staff user.
func (a Actor) Staff() bool { return a.UserID != "" }

// Label names the actor in ledgers and transitions.
func (a Actor) Label() string {
	switch {
	case a.UserID != "":
		return a.UserID
	case a.ContactID != "":
		return "contact:" + a.ContactID
	case a.PersonID != "":
		return "person:" + a.PersonID
	}
	return "public"
}

func (a *App) read(ctx context.Context, fn func(*store.Tx) error) error { return a.db.Read(ctx, fn) }

func (a *App) write(ctx context.Context, fn func(*store.Tx) error) error { return a.db.Write(ctx, fn) }

// clock is the current time as the store keeps it: UTC, to the microsecond, so a
// value handed back before and after a round trip through either engine is equal.
func (a *App) clock() time.Time { return a.now().UTC().Truncate(time.Microsecond) }
