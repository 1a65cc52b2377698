package shop_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"b2x/web"
)

// BenchmarkPages measures the CPU one shop page costs in the process (no
// network): routing, the use cases over the demo data, the template.
func BenchmarkPages(b *testing.B) {
	t := &testing.T{}
	a := newDemoApp(t)
	h := web.Handler(a, slog.New(slog.DiscardHandler))
	for _, bc := range []struct{ name, url string }{
		{"category", "/en/c/building-materials?sort=price_asc"},
		{"product", "/en/p/BRK-FACE-RED"},
		// A page no one has asked for yet: each request's own query string
		// makes the page cache miss, so this is the whole rendering.
		{"product-first-view", "/en/p/BRK-FACE-RED?v=%d"},
		{"search", "/en/search?q=bricks"},
		{"signin", "/en/account/sign-in"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			// CPU time, not only wall time: on a shared machine the wall time
			// mostly measures the wait for a core.
			start := cpuTime()
			n := 0
			for b.Loop() {
				u := bc.url
				if strings.Contains(u, "%d") {
					n++
					u = fmt.Sprintf(u, n)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, u, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", bc.url, rec.Code)
				}
			}
			b.ReportMetric(float64((cpuTime()-start).Microseconds())/float64(b.N), "cpu-µs/op")
		})
	}
}

// cpuTime is the user and system time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
