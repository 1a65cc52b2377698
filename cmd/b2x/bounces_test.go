package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBouncesRead reads a Maildir of a Postfix hard bounce, an out-of-office
// answer, three soft bounces of one address and a letter to the unsubscribe
// address without a valid token, then reads it again.
func TestBouncesRead(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "Maildir")
	for _, d := range []string{"new", "cur", "tmp"} {
		if err := os.MkdirAll(filepath.Join(md, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	put := func(name string, src []byte) {
		if err := os.WriteFile(filepath.Join(md, "new", name), src, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "..", "bounce", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	put("1.hard", read("postfix_user_unknown.eml"))
	put("2.ooo", read("ooo_en.eml"))
	for _, n := range []string{"3.soft", "4.soft", "5.soft"} {
		put(n, read("postfix_delayed.eml"))
	}
	put("6.unsub", []byte("From: someone@client.example\r\nTo: unsubscribe@acme-bricks.example\r\nSubject: unsubscribe 0193.forged\r\n\r\n\r\n"))

	db := "sqlite:" + filepath.Join(dir, "b2x.db")
	t.Setenv("B2X_CAMPAIGN_SECRET", "a test secret of enough bytes")
	runBounces := func(args ...string) (string, error) {
		var out, errb bytes.Buffer
		e := &env{stdout: &out, stderr: &errb, log: slog.New(slog.NewTextHandler(&errb, nil))}
		err := cmdBounces(context.Background(), e, append([]string{"read", "--db", db}, args...))
		return out.String(), err
	}
	out, err := runBounces("--maildir", md)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// hard: ivan suppressed, olga's full mailbox counted; three soft bounces of
	// one address suppress it at the third.
	if !strings.Contains(out, "6 messages: 5 bounces recorded, 2 addresses suppressed, 0 unsubscribed, 1 ignored, 1 flagged") {
		t.Fatalf("summary:\n%s", out)
	}
	if !strings.Contains(out, "2.ooo: ignored (auto_reply)") || !strings.Contains(out, "6.unsub: flagged") {
		t.Fatalf("lines:\n%s", out)
	}
	// Every message is marked seen (the forged unsubscribe flagged); a second
	// run finds nothing new.
	cur, _ := filepath.Glob(filepath.Join(md, "cur", "*"))
	if len(cur) != 6 {
		t.Fatalf("cur: %v", cur)
	}
	if _, err := os.Stat(filepath.Join(md, "cur", "6.unsub:2,FS")); err != nil {
		t.Fatal(err)
	}
	out, err = runBounces("--maildir", md)
	if err != nil || !strings.Contains(out, "0 messages") {
		t.Fatalf("second run: %v\n%s", err, out)
	}
	if _, err := runBounces(); err == nil || exitCode(err) != 2 {
		t.Fatalf("no maildir: %v", err)
	}
}
