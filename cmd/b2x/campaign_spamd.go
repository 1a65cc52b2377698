package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"

	"b2x/campaign"
	"b2x/spamd"
)

// spamdTimeout bounds the scan during campaign lint; a first scan after spamd
// starts can take seconds on a small machine.
const spamdTimeout = 30 * time.Second

// spamReport is what campaign lint shows of SpamAssassin's verdict: the score and
// the rules hit, or why there is none. It never changes the exit status.
type spamReport struct {
	Addr      string       `json:"addr"`
	Score     float64      `json:"score"`
	Threshold float64      `json:"threshold"`
	Spam      bool         `json:"spam"`
	Rules     []spamd.Rule `json:"rules"`
	Error     string       `json:"error,omitempty"`
}

// scoreDraft asks spamd at addr about the letter: an .eml draft as written, a
// Markdown one as the message it would be sent as.
func scoreDraft(ctx context.Context, addr string, src []byte, eml bool, d campaign.Draft, from campaign.Sender) *spamReport {
	rep := &spamReport{Addr: addr, Rules: []spamd.Rule{}}
	raw := src
	if !eml {
		raw = draftMessage(d, from, time.Now())
	}
	res, err := spamd.Client{Addr: addr, Timeout: spamdTimeout}.Check(ctx, raw)
	if err != nil {
		rep.Error = err.Error()
		return rep
	}
	rep.Score, rep.Threshold, rep.Spam = res.Score, res.Threshold, res.Spam
	if res.Rules != nil {
		rep.Rules = res.Rules
	}
	return rep
}

func (r *spamReport) print(w io.Writer) {
	if r.Error != "" {
		fmt.Fprintf(w, "SPAMASSASSIN not scored: %s (the check's verdict stands without it)\n", r.Error)
		return
	}
	verdict := "below"
	if r.Spam {
		verdict = "at or above"
	}
	fmt.Fprintf(w, "SPAMASSASSIN score %.1f, %s the threshold %.1f (spamd at %s)\n", r.Score, verdict, r.Threshold, r.Addr)
	for _, rule := range r.Rules {
		fmt.Fprintf(w, "SPAMASSASSIN %+.1f %s: %s\n", rule.Score, rule.Name, rule.Description)
	}
}

// draftMessage renders a Markdown draft as a minimal RFC 5322 message, as a
// campaign would send it: multipart/alternative with the Markdown source as the
// plain-text part and its HTML (with the preheader as hidden preview text), the
// sender's first email as From, quoted-printable UTF-8 bodies.
func draftMessage(d campaign.Draft, from campaign.Sender, now time.Time) []byte {
	fromAddr := mail.Address{Name: from.Organization, Address: "campaign@localhost"}
	if len(from.Emails) > 0 && strings.Contains(from.Emails[0], "@") {
		fromAddr.Address = from.Emails[0]
	}
	_, domain, _ := strings.Cut(fromAddr.Address, "@")
	var id [12]byte
	_, _ = rand.Read(id[:])

	var b bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	header("From", fromAddr.String())
	header("To", "Recipient <recipient@example.com>")
	header("Subject", mime.QEncoding.Encode("utf-8", oneLine(d.Subject)))
	header("Date", now.UTC().Format(time.RFC1123Z))
	header("Message-ID", "<"+hex.EncodeToString(id[:])+"@"+domain+">")
	header("MIME-Version", "1.0")
	mw := multipart.NewWriter(&b)
	header("Content-Type", "multipart/alternative; boundary=\""+mw.Boundary()+"\"")
	b.WriteString("\r\n")

	html := d.HTML
	if d.Preheader != "" {
		html = `<div style="display:none">` + escapeText(d.Preheader) + "</div>\n" + html
	}
	for _, p := range []struct{ ctype, body string }{
		{"text/plain; charset=utf-8", d.Text},
		{"text/html; charset=utf-8", "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" + html + "</body></html>\n"},
	} {
		pw, _ := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {p.ctype}, "Content-Transfer-Encoding": {"quoted-printable"}})
		qw := quotedprintable.NewWriter(pw)
		_, _ = io.WriteString(qw, strings.ReplaceAll(p.body, "\n", "\r\n"))
		_ = qw.Close()
	}
	_ = mw.Close()
	return b.Bytes()
}

// oneLine keeps a header value on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func escapeText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
