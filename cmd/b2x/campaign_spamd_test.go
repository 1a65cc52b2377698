package main

import (
	"bytes"
	"encoding/json"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"b2x/campaign"
)

// A Markdown draft becomes a message that reads back as the same letter.
func TestDraftMessageReadsBack(t *testing.T) {
	src, err := os.ReadFile(campaignFile(t, "good_ru.md"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := campaign.ParseMarkdown(src)
	if err != nil {
		t.Fatal(err)
	}
	raw := draftMessage(d, campaign.Sender{Organization: "Кирпичный двор", Emails: []string{"anna@kirpich.example"}}, time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC))
	for i, line := range strings.Split(string(raw[:bytes.Index(raw, []byte("\r\n\r\n"))]), "\r\n") {
		for _, c := range []byte(line) {
			if c >= 0x80 {
				t.Fatalf("header line %d is not ASCII: %q", i, line)
			}
		}
	}
	back, err := campaign.ParseEML(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if back.Subject != d.Subject || back.Preheader != d.Preheader {
		t.Errorf("read back %q %q, want %q %q", back.Subject, back.Preheader, d.Subject, d.Preheader)
	}
	if back.Text != d.Text {
		t.Errorf("text read back\n%q\nwant\n%q", back.Text, d.Text)
	}
	// RFC 5322 lines end in CRLF; ParseEML keeps them in HTML.
	if !strings.Contains(strings.ReplaceAll(back.HTML, "\r\n", "\n"), d.HTML) {
		t.Errorf("HTML read back\n%s\nwant it to contain\n%s", back.HTML, d.HTML)
	}
	if !bytes.Contains(raw, []byte("@kirpich.example>\r\n")) || !bytes.Contains(raw, []byte("Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n")) {
		t.Errorf("headers:\n%s", raw[:400])
	}
	// Injected line breaks in the subject stay inside one header.
	d.Subject = "Prices\r\nBcc: victim@example.com"
	if raw := draftMessage(d, campaign.Sender{}, time.Now()); bytes.Contains(raw, []byte("\r\nBcc:")) {
		t.Errorf("subject broke the header:\n%s", raw[:300])
	}
}

// closedAddr is a loopback address nobody listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// When spamd cannot be reached the check says so and its own verdict decides.
func TestCLICampaignLintSpamdUnreachable(t *testing.T) {
	addr := closedAddr(t)
	out, errOut, code := campaignCmd(t, "", "lint", campaignFile(t, "good_en.md"), "--spamd", addr)
	if code != 0 || !strings.Contains(out, "SPAMASSASSIN not scored: spamd at "+addr) {
		t.Errorf("good letter: exit %d\n%s%s", code, out, errOut)
	}
	t.Setenv("B2X_SPAMD", addr)
	out, _, code = campaignCmd(t, "", "lint", campaignFile(t, "bad.md"), "--json")
	if code != 1 {
		t.Fatalf("bad letter: exit %d", code)
	}
	var got struct {
		Errors int
		Spam   *spamReport `json:"spamassassin"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Errors == 0 || got.Spam == nil || got.Spam.Addr != addr || !strings.Contains(got.Spam.Error, "connect") {
		t.Errorf("%+v", got)
	}
}

// A real spamd (the one .ci/run starts) scores the letters; the exit status is
// still our own check's.
func TestCLICampaignLintRealSpamd(t *testing.T) {
	addr := os.Getenv("B2X_TEST_SPAMD")
	if addr == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("B2X_TEST_SPAMD is not set; .ci/run starts spamd and sets it")
		}
		t.Skip("B2X_TEST_SPAMD is not set (host:port of a running spamd)")
	}
	out, errOut, code := campaignCmd(t, "", "lint", campaignFile(t, "good_en.md"), "--spamd", addr)
	if code != 0 || !strings.Contains(out, "SPAMASSASSIN score ") || !strings.Contains(out, "(spamd at "+addr+")") {
		t.Fatalf("good letter: exit %d\n%s%s", code, out, errOut)
	}
	scores := map[string]*spamReport{}
	for _, name := range []string{"good_en.md", "bad.md", "good_ru.eml"} {
		t.Setenv("B2X_SPAMD", addr)
		out, _, code := campaignCmd(t, "", "lint", campaignFile(t, name), "--json")
		var got struct {
			Ready bool
			Spam  *spamReport `json:"spamassassin"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if got.Spam == nil || got.Spam.Error != "" || got.Spam.Threshold <= 0 || len(got.Spam.Rules) == 0 {
			t.Fatalf("%s: %+v", name, got.Spam)
		}
		if want := map[bool]int{true: 0, false: 1}[got.Ready]; code != want {
			t.Errorf("%s: exit %d with ready %v", name, code, got.Ready)
		}
		scores[name] = got.Spam
		t.Logf("%s: %.1f/%.1f %v", name, got.Spam.Score, got.Spam.Threshold, got.Spam.Rules)
	}
	if scores["bad.md"].Score <= scores["good_en.md"].Score {
		t.Errorf("the bad letter scored %.1f, the good one %.1f", scores["bad.md"].Score, scores["good_en.md"].Score)
	}
}
