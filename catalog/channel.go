package catalog

import "slices"

// Channel is a way of selling: to consumers (b2c) or to businesses (b2b).
type Channel string

const (
	B2C Channel = "b2c"
	B2B Channel = "b2b"
)

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { return c == B2C || c == B2B }

// Channels is the set of channels a product is visible in.
type Channels []Channel

// Has reports whether c is in the set.
func (cs Channels) Has(c Channel) bool { return slices.Contains(cs, c) }

// Normalize returns the set sorted and without duplicates, so it stores and compares stably.
func (cs Channels) Normalize() Channels {
	out := slices.Clone(cs)
	slices.Sort(out)
	return slices.Compact(out)
}
