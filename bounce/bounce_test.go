package bounce

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func parseFileT(t *testing.T, name string) Report {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

func TestParseSamples(t *testing.T) {
	type rcpt struct {
		email, action, status string
		kind                  Kind
	}
	tests := []struct {
		file       string
		kind       Kind
		format     string
		rcpts      []rcpt
		msgID      string
		delivery   string // X-B2X-Delivery of the returned headers
		diagPrefix string // of the first recipient
		reason     string // a part of Reason
	}{
		{"postfix_user_unknown.eml", Hard, FormatDSN, []rcpt{
			{"ivan.sidorov@buildco.example", "failed", "5.1.1", Hard},
			{"olga@buildco.example", "failed", "5.2.2", Soft},
		}, "campaign-7.0193a1b2@acme-bricks.example", "0193a1b2-7c4d-7e00-9f00-00000000002a",
			"550 5.1.1 <ivan.sidorov@buildco.example>: Recipient address rejected: User unknown in local recipient table", "mailbox is full"},
		{"postfix_delayed.eml", Soft, FormatDSN, []rcpt{{"buyer@slowmail.example", "delayed", "4.4.1", Soft}},
			"campaign-7.0193a1b3@acme-bricks.example", "0193a1b3-0000-7000-8000-00000000002b", "connect to mx.slowmail.example", "delayed"},
		{"gmail_dsn.eml", Hard, FormatDSN, []rcpt{{"nosuch.buyer@gmail.com", "failed", "5.1.1", Hard}},
			"campaign-7.0193a1b6@acme-bricks.example", "0193a1b6-0000-7000-8000-00000000002e", "550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1", "permanent failure of the address"},
		{"exchange_dsn.eml", Hard, FormatDSN, []rcpt{{"m.kuznetsova@contoso-build.example", "failed", "5.1.10", Hard}},
			"campaign-7.0193a1b7@acme-bricks.example", "0193a1b7-0000-7000-8000-00000000002f", "550 5.1.10 RESOLVER.ADR.RecipientNotFound", "5.1.10"},
		{"policy_block.eml", Soft, FormatDSN, []rcpt{
			{"buyer@strict.example", "failed", "5.7.1", Soft},
			{"other@strict.example", "delivered", "2.0.0", None},
		}, "", "", "554 5.7.1 Service unavailable; Client host", "policy refusal"},
		{"exim_text.eml", Hard, FormatText, []rcpt{{"p.ivanov@steelworks.example", "failed", "5.1.1", Hard}},
			"campaign-7.0193a1b4@acme-bricks.example", "0193a1b4-0000-7000-8000-00000000002c", "550 5.1.1 <p.ivanov@steelworks.example>", "5.1.1"},
		{"exim_delayed.eml", Soft, FormatText, []rcpt{{"m.orlova@steelworks.example", "delayed", "4.7.1", Soft}},
			"", "", "451 4.7.1 Greylisting", "delayed"},
		{"qmail_text.eml", Hard, FormatText, []rcpt{
			{"sales@oldhost.example", "failed", "5.1.1", Hard},
			{"info@oldhost.example", "failed", "5.1.1", Hard},
		}, "campaign-7.0193a1b5@acme-bricks.example", "0193a1b5-0000-7000-8000-00000000002d", "550 5.1.1 <sales@oldhost.example>... User unknown", ""},
		{"arf_complaint.eml", Complaint, FormatARF, []rcpt{{"d.volkov@mail.ru", "", "", Complaint}},
			"campaign-7.0193a1b8@acme-bricks.example", "0193a1b8-0000-7000-8000-000000000030", "", "feedback report: abuse from Mail.ru FBL/1.0"},
		{"arf_redacted.eml", Complaint, FormatARF, nil,
			"campaign-7.0193a1b9@acme-bricks.example", "0193a1b9-0000-7000-8000-000000000031", "", "redacted"},
		{"ooo_en.eml", AutoReply, FormatAutoReply, nil, "campaign-7.0193a1ba@acme-bricks.example", "", "", "Auto-Submitted: auto-generated"},
		{"autoreply_ru.eml", AutoReply, FormatAutoReply, nil, "campaign-7.0193a1bb@acme-bricks.example", "", "", "Автоответ: Кирпич"},
		{"autoreply_fa.eml", AutoReply, FormatAutoReply, nil, "campaign-7.0193a1bc@acme-bricks.example", "", "", "پاسخ خودکار"},
		{"vacation_header.eml", AutoReply, FormatAutoReply, nil, "campaign-7.0193a1bd@acme-bricks.example", "", "", "X-Autoreply"},
		{"human_reply.eml", None, "", nil, "", "", "", "neither"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := parseFileT(t, tt.file)
			if r.Kind != tt.kind || r.Format != tt.format {
				t.Errorf("kind %q format %q, want %q %q (%s)", r.Kind, r.Format, tt.kind, tt.format, r.Reason)
			}
			var got []rcpt
			for _, x := range r.Recipients {
				got = append(got, rcpt{x.Email, x.Action, x.Status, x.Kind})
			}
			if !slices.Equal(got, tt.rcpts) {
				t.Errorf("recipients\n got %+v\nwant %+v", got, tt.rcpts)
			}
			if r.OriginalMessageID != tt.msgID {
				t.Errorf("original message id %q, want %q", r.OriginalMessageID, tt.msgID)
			}
			if d := r.Header("X-B2X-Delivery"); d != tt.delivery {
				t.Errorf("X-B2X-Delivery %q, want %q", d, tt.delivery)
			}
			if tt.diagPrefix != "" && (len(r.Recipients) == 0 || !strings.HasPrefix(r.Recipients[0].Diagnostic, tt.diagPrefix)) {
				t.Errorf("diagnostic %+v, want prefix %q", r.Recipients, tt.diagPrefix)
			}
			if !strings.Contains(r.Reason, tt.reason) {
				t.Errorf("reason %q, want it to contain %q", r.Reason, tt.reason)
			}
		})
	}
}

func TestParseDecodesReturnedHeaders(t *testing.T) {
	r := parseFileT(t, "postfix_user_unknown.eml")
	if got := r.Header("subject"); got != "Fired clay bricks: new prices from December" {
		t.Errorf("subject %q", got)
	}
	if got := r.OriginalHeaders["List-Unsubscribe"]; got != "<https://acme-bricks.example/u/abc>" {
		t.Errorf("List-Unsubscribe %q", got)
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		action, status, diag string
		want                 Kind
	}{
		{"failed", "5.1.1", "", Hard},
		{"failed", "5.1.2", "", Hard},
		{"failed", "5.2.1", "mailbox disabled", Hard},
		{"failed", "5.2.2", "", Soft},
		{"failed", "5.3.4", "message too big", Soft},
		{"failed", "5.7.1", "blocked using zen.spamhaus.org", Soft},
		{"failed", "5.0.0", "550 5.1.1 no such user", Hard},
		{"failed", "5.0.0", "552 5.2.2 over quota", Soft},
		{"failed", "5.0.0", "550 Mailbox full", Soft},
		{"failed", "5.5.0", "mailbox unavailable", Hard},
		{"failed", "4.2.2", "", Soft},
		{"failed", "", "", Hard},
		{"failed", "", "550 No such user here", Hard},
		{"failed", "", "451 try later", Soft},
		{"delayed", "5.1.1", "", Soft},
		{"delivered", "2.0.0", "", None},
		{"relayed", "", "", None},
		{"expanded", "2.0.0", "", None},
		{"", "4.4.7", "", Soft},
		{"", "", "", Soft},
	}
	for _, tt := range tests {
		if got, why := classify(tt.action, tt.status, tt.diag); got != tt.want || why == "" {
			t.Errorf("classify(%q, %q, %q) = %q (%s), want %q", tt.action, tt.status, tt.diag, got, why, tt.want)
		}
	}
}

func TestParseMalformed(t *testing.T) {
	dsn := func(status string) string {
		return "From: MAILER-DAEMON@x.example\nSubject: Undelivered Mail\nMIME-Version: 1.0\n" +
			"Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nfailed\n" +
			"--b\nContent-Type: message/delivery-status\n\n" + status + "\n--b--\n"
	}
	tests := []struct{ name, msg, want string }{
		{"empty", "", "the message is empty"},
		{"blank", "\r\n\r\n  \n", "the message is empty"},
		{"no header", "this is not a message at all", "the message headers cannot be read"},
		{"bad content type", "From: a@b.example\nContent-Type: multipart/report; ;;=\n\nx", "Content-Type"},
		{"no boundary", "From: a@b.example\nContent-Type: multipart/report; report-type=delivery-status\n\nx", "without a boundary parameter"},
		{"report without status part", "From: a@b.example\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: text/plain\n\nfailed\n--b--\n",
			"report-type=delivery-status has no message/delivery-status part"},
		{"truncated multipart", "From: a@b.example\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: text/plain\n\nfailed\n",
			"ends before the closing boundary"},
		{"no recipients", dsn("Reporting-MTA: dns; x.example\n"), "no per-recipient fields"},
		{"empty status part", dsn(""), "the message/delivery-status part is empty"},
		{"bad final recipient", dsn("Reporting-MTA: dns; x.example\n\nFinal-Recipient: rfc822; not an address\nAction: failed\nStatus: 5.1.1\n"), `Final-Recipient "rfc822; not an address": not an email address`},
		{"bad original recipient", dsn("Reporting-MTA: dns; x.example\n\nFinal-Recipient: rfc822; a@b.example\nOriginal-Recipient: rfc822; @b.example\nAction: failed\n"), `Original-Recipient "rfc822; @b.example": not an email address`},
		{"bad action", dsn("Reporting-MTA: dns; x.example\n\nFinal-Recipient: rfc822; a@b.example\nAction: exploded\nStatus: 5.1.1\n"), `Action "exploded"`},
		{"bad status", dsn("Reporting-MTA: dns; x.example\n\nFinal-Recipient: rfc822; a@b.example\nAction: failed\nStatus: bad\n"), `Status "bad" is not a status code`},
		{"no action nor status", dsn("Reporting-MTA: dns; x.example\n\nFinal-Recipient: rfc822; a@b.example\n"), "neither Action nor Status"},
		{"block without recipient", dsn("Reporting-MTA: dns; x.example\n\nAction: failed\nStatus: 5.1.1\n"), "block 2 has no Final-Recipient"},
		{"arf without type", "From: a@b.example\nContent-Type: multipart/report; report-type=feedback-report; boundary=b\n\n--b\nContent-Type: message/feedback-report\n\nUser-Agent: x\n--b--\n",
			"no Feedback-Type"},
		{"bad transfer encoding", "From: a@b.example\nContent-Type: text/plain\nContent-Transfer-Encoding: rot13\n\nx", "unknown Content-Transfer-Encoding"},
		{"bad base64", "From: a@b.example\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n!!!!", "cannot be decoded"},
		{"bad charset", "From: a@b.example\nContent-Type: text/plain; charset=x-klingon\n\nx", `unsupported charset "x-klingon"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.msg))
			if err == nil || !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want ErrMalformed containing %q", err, tt.want)
			}
		})
	}
}

func TestParseLimits(t *testing.T) {
	big := "From: a@b.example\n\n" + strings.Repeat("x", maxMessage)
	if _, err := Parse(strings.NewReader(big)); err == nil || !strings.Contains(err.Error(), "larger than 16 MiB") {
		t.Errorf("big message: %v", err)
	}
	var b strings.Builder
	b.WriteString("From: a@b.example\nContent-Type: multipart/mixed; boundary=b\n\n")
	for range maxParts + 1 {
		b.WriteString("--b\nContent-Type: text/plain\n\nx\n")
	}
	b.WriteString("--b--\n")
	if _, err := Parse(strings.NewReader(b.String())); err == nil || !strings.Contains(err.Error(), "more than 64 MIME parts") {
		t.Errorf("many parts: %v", err)
	}
	nested := "From: a@b.example\n"
	for i := range maxDepth + 1 {
		nested += "Content-Type: multipart/mixed; boundary=b" + string(rune('a'+i)) + "\n\n--b" + string(rune('a'+i)) + "\n"
	}
	if _, err := Parse(strings.NewReader(nested)); err == nil || !strings.Contains(err.Error(), "nested more than 8 deep") {
		t.Errorf("deep nesting: %v", err)
	}
}

// A plain-text bounce that names nobody is reported, not guessed at.
func TestParseTextBounceWithoutAddress(t *testing.T) {
	r, err := Parse(strings.NewReader("From: MAILER-DAEMON@x.example\nSubject: failure notice\n\nSomething went wrong with 550 5.1.1.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != None || len(r.Recipients) != 0 || !strings.Contains(r.Reason, "names no failed address") {
		t.Errorf("%+v", r)
	}
}

// Without a status code a plain-text bounce is hard only when it says permanent.
func TestParseTextBounceWithoutCode(t *testing.T) {
	for _, tt := range []struct {
		text string
		want Kind
	}{
		{"This is a permanent error. The following address(es) failed:\n\n  a@x.example\n    Unrouteable address\n", Hard},
		{"The following address(es) failed:\n\n  a@x.example\n    retry timeout exceeded\n", Soft},
	} {
		r, err := Parse(strings.NewReader("From: Mail Delivery System <Mailer-Daemon@x.example>\nSubject: Mail delivery failed: returning message to sender\n\n" + tt.text))
		if err != nil {
			t.Fatal(err)
		}
		if r.Kind != tt.want || len(r.Recipients) != 1 || r.Recipients[0].Email != "a@x.example" {
			t.Errorf("%q: %+v, want %s", tt.text, r, tt.want)
		}
	}
}

// Exim's X-Failed-Recipients names the address when the text does not.
func TestParseFailedRecipientsHeader(t *testing.T) {
	r, err := Parse(strings.NewReader("From: Mail Delivery System <noreply@x.example>\nSubject: Returned\n" +
		"X-Failed-Recipients: A@x.example, b@x.example\n\nThis is a permanent error. The recipients could not be reached.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != Hard || r.Format != FormatText || len(r.Recipients) != 2 || r.Recipients[0].Email != "a@x.example" || r.Recipients[1].Email != "b@x.example" {
		t.Errorf("%+v", r)
	}
}

func BenchmarkParse(b *testing.B) {
	for _, name := range []string{"postfix_user_unknown.eml", "exim_text.eml", "autoreply_ru.eml"} {
		src, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := Parse(strings.NewReader(string(src))); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestTypedAddress(t *testing.T) {
	for in, want := range map[string]string{
		"rfc822; Ivan@BuildCo.example":       "ivan@buildco.example",
		"rfc822;<a@b.example>":               "a@b.example",
		"a@b.example":                        "a@b.example",
		"rfc822; a@b.example (Ivan Sidorov)": "a@b.example",
		"utf-8; пользователь@пример.example": "пользователь@пример.example",
		"rfc822; a@":                         "",
		"rfc822; ":                           "",
		"rfc822; a@b.example,c@d.example":    "",
	} {
		got, err := typedAddress(in)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("typedAddress(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
