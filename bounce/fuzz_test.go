package bounce

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds Parse the samples and mutations of them: it must never panic,
// every error must say the message is malformed, and every report must be
// consistent with its recipients.
func FuzzParse(f *testing.F) {
	names, err := filepath.Glob(filepath.Join("testdata", "*.eml"))
	if err != nil || len(names) == 0 {
		f.Fatalf("no seed corpus: %v", err)
	}
	for _, n := range names {
		src, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("From: MAILER-DAEMON@x\nSubject: failure notice\n\n<a@b.c>:\n550 5.1.1 no\n"))
	f.Add([]byte("Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: message/delivery-status\n\nFinal-Recipient: a@b\nStatus: 5.1.1\n--b--"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrMalformed) || err.Error() == ErrMalformed.Error() {
				t.Fatalf("error %q does not say what is malformed", err)
			}
			return
		}
		switch r.Kind {
		case Hard, Soft, Complaint, AutoReply, None:
		default:
			t.Fatalf("kind %q", r.Kind)
		}
		if r.Reason == "" {
			t.Fatal("no reason")
		}
		if len(r.Recipients) > maxRecipients {
			t.Fatalf("%d recipients", len(r.Recipients))
		}
		for _, x := range r.Recipients {
			if !strings.Contains(x.Email, "@") || x.Email != strings.ToLower(x.Email) {
				t.Fatalf("recipient %+v", x)
			}
		}
		if r.Format == FormatDSN || (r.Format == FormatText && len(r.Recipients) > 0) {
			if want := overall(r.Recipients); r.Kind != want {
				t.Fatalf("kind %q, recipients say %q", r.Kind, want)
			}
		}
	})
}
