// Package funnel is the B2C conversion funnel (S21): the steps a shopper takes
// from looking at a product to placing an order, the events that record them, and
// the report of how many sessions reached each step. Pure: app records the events
// in batches and the store counts them.
package funnel

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"time"
)

// Step is one step of the funnel.
type Step string

const (
	ProductView     Step = "product_view"
	AddToCart       Step = "add_to_cart"
	CheckoutStarted Step = "checkout_started"
	OrderPlaced     Step = "order_placed"
)

// Steps lists the steps in funnel order.
var Steps = []Step{ProductView, AddToCart, CheckoutStarted, OrderPlaced}

// Valid reports whether s is a known step.
func (s Step) Valid() bool { return slices.Contains(Steps, s) }

// MaxSessionKey bounds the session key an event may carry; a longer one is not a
// key the shop made.
const MaxSessionKey = 256

// Event is one step taken by one session. Session is the hash of the shop's
// session key (HashSession), never the key itself, so the table cannot be used to
// take over a session.
type Event struct {
	Step     Step
	SKU      string // optional: the product viewed or added
	Session  string
	PersonID string // optional: a signed-in consumer
	At       time.Time
}

// HashSession turns an opaque session key into what is stored: 128 bits of its
// SHA-256, enough to tell sessions apart and useless for signing in.
func HashSession(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:16])
}

// StepCount is what the store counts for one step in a period.
type StepCount struct {
	Step     Step
	Sessions int // distinct sessions that took the step
	Events   int
}

// Row is one step of a report.
type Row struct {
	Step     Step
	Sessions int
	Events   int
	// FromPrevious is Sessions over the previous step's sessions (0 when that is
	// 0); FromStart is over the first step's. Both are fractions, 0.25 = 25 %.
	FromPrevious float64
	FromStart    float64
}

// Report is the funnel over [From, To).
type Report struct {
	From, To time.Time
	Steps    []Row // one per step, in funnel order, steps nobody took included
	// Conversion is the share of viewing sessions that placed an order.
	Conversion float64
}

// Build makes the report from the store's counts. Sessions are counted per step
// on their own, so a session that ordered without a recorded view still counts at
// the order step; a rate can therefore exceed 1.
func Build(from, to time.Time, counts []StepCount) Report {
	by := map[Step]StepCount{}
	for _, c := range counts {
		by[c.Step] = c
	}
	r := Report{From: from, To: to}
	for i, s := range Steps {
		c := by[s]
		row := Row{Step: s, Sessions: c.Sessions, Events: c.Events}
		if i > 0 {
			row.FromPrevious = ratio(c.Sessions, r.Steps[i-1].Sessions)
			row.FromStart = ratio(c.Sessions, r.Steps[0].Sessions)
		} else if c.Sessions > 0 {
			row.FromPrevious, row.FromStart = 1, 1
		}
		r.Steps = append(r.Steps, row)
	}
	r.Conversion = r.Steps[len(r.Steps)-1].FromStart
	return r
}

// ratio is n/d to four decimals (a hundredth of a percent), 0 when d is 0.
func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64((int64(n)*20000+int64(d))/(2*int64(d))) / 10000
}
