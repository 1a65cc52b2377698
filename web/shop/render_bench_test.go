package shop_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
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
		{"search", "/en/search?q=bricks"},
		{"signin", "/en/account/sign-in"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			// CPU time, not only wall time: on a shared machine the wall time
			// mostly measures the wait for a core.
			start := cpuTime()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, bc.url, nil))
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
