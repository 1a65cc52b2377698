package app_test

import (
	"context"
	"sync/atomic"
	"time"

	"b2x/mail"
)

// probeSender times the sends of the sender it wraps, so the benchmark can say
// how long the SMTP conversation took beside the whole pipeline.
type probeSender struct {
	s     mail.Sender
	n, ns atomic.Int64
}

func (p *probeSender) Send(ctx context.Context, m mail.Message) error {
	t0 := time.Now()
	err := p.s.Send(ctx, m)
	p.n.Add(1)
	p.ns.Add(int64(time.Since(t0)))
	return err
}
