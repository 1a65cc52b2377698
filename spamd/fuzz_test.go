package spamd

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzAnswer feeds the answer reader and the REPORT parser spamd's real answers
// and mutations of them: no panic, and every rule read has a rule's name.
func FuzzAnswer(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "answer_*.txt"))
	if len(names) == 0 {
		f.Fatal("no seed corpus")
	}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("SPAMD/1.5 0 PONG\r\n"))
	f.Add([]byte("SPAMD/1.0 76 Bad header line\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		status, h, body, err := readAnswer(bufio.NewReader(bytes.NewReader(data)))
		if err != nil {
			var se *Error
			if !errors.Is(err, ErrProtocol) && !errors.As(err, &se) {
				t.Fatalf("error %v is neither a protocol error nor spamd's refusal", err)
			}
			return
		}
		_ = status
		if _, err := spamHeader(h); err != nil && !errors.Is(err, ErrProtocol) {
			t.Fatal(err)
		}
		rules, err := parseReport(string(body))
		if err != nil && !errors.Is(err, ErrProtocol) {
			t.Fatal(err)
		}
		for _, r := range rules {
			if !ruleName(r.Name) {
				t.Fatalf("rule %+v", r)
			}
		}
	})
}
