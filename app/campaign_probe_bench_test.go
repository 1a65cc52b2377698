package app_test

import (
	"bufio"
	"database/sql"
	"encoding/binary"
	"io"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// What BenchmarkCampaignSend measures besides the wall clock, which a loaded
// machine makes noisy: the CPU this process spent (the send, the SMTP server
// in the test, SQLite), the CPU of the PostgreSQL backends serving the
// benchmark's database, and (B2X_BENCH_ROUNDTRIPS=1) the round trips to
// PostgreSQL, counted by a proxy between the two.

// processCPU is the CPU time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// backendCPU sums the CPU time of the PostgreSQL backends connected to the
// database dsn names, by process id (the server runs on this machine).
func backendCPU(tb testing.TB, dsn string) map[int]time.Duration {
	tb.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	out := map[int]time.Duration{}
	for rows.Next() {
		var pid int
		if err := rows.Scan(&pid); err != nil {
			tb.Fatal(err)
		}
		b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			continue // not on this machine
		}
		f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
		ut, _ := strconv.Atoi(f[11])
		st, _ := strconv.Atoi(f[12])
		out[pid] = time.Duration(ut+st) * (time.Second / 100) // USER_HZ
	}
	return out
}

// backendDelta is the CPU the backends spent between two readings; a backend
// that connected meanwhile counts whole.
func backendDelta(before, after map[int]time.Duration) time.Duration {
	var d time.Duration
	for pid, t := range after {
		d += t - before[pid]
	}
	return d
}

// pgCounter forwards connections to a PostgreSQL server and counts the client's
// round trips: a Sync ends each extended-protocol exchange, and a simple Query
// is one by itself.
type pgCounter struct {
	ln     net.Listener
	target string
	n      atomic.Int64
}

// countRoundTrips starts a counter in front of dsn's server and returns a DSN
// that goes through it.
func countRoundTrips(tb testing.TB, dsn string) (*pgCounter, string) {
	tb.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		tb.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	p := &pgCounter{ln: ln, target: u.Host}
	go p.serve()
	tb.Cleanup(func() { ln.Close() })
	u.Host = ln.Addr().String()
	return p, u.String()
}

func (p *pgCounter) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		s, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		go func() { io.Copy(c, s); c.Close() }()
		go func() { p.forward(c, s); s.Close() }()
	}
}

// forward copies the client's messages to the server, counting as it goes.
func (p *pgCounter) forward(c io.Reader, s io.Writer) {
	r := bufio.NewReaderSize(c, 64<<10)
	var hdr [5]byte
	if _, err := io.ReadFull(r, hdr[:4]); err != nil { // the startup message has no type
		return
	}
	if _, err := s.Write(hdr[:4]); err != nil {
		return
	}
	if _, err := io.CopyN(s, r, int64(binary.BigEndian.Uint32(hdr[:4]))-4); err != nil {
		return
	}
	for {
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return
		}
		if hdr[0] == 'S' || hdr[0] == 'Q' {
			p.n.Add(1)
		}
		if _, err := s.Write(hdr[:]); err != nil {
			return
		}
		if _, err := io.CopyN(s, r, int64(binary.BigEndian.Uint32(hdr[1:]))-4); err != nil {
			return
		}
	}
}
