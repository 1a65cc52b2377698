// Package bounce reads what comes back after a letter is sent and says what it
// means for the address: delivery status notifications (RFC 3464), spam
// complaints (ARF, RFC 5965), automatic replies (RFC 3834 and the usual
// out-of-office markers, which are not bounces), and the plain-text bounces of
// MTAs that do not write RFC 3464 (best effort).
//
// A hard bounce says the address does not work and should be suppressed at once;
// a soft one is temporary or about the message rather than the address (a full
// mailbox, a delay, a policy refusal of our letter or our server) and is counted.
// Guesses are never hard: a plain-text bounce without a permanent status code or
// an explicit "permanent error" is soft.
//
// The package is pure: Parse reads one message; ReadMaildir feeds a Maildir's new
// messages through Parse.
package bounce

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"net/textproto"
	"strings"
)

// Kind is what a message means for the addresses it names.
type Kind string

const (
	Hard      Kind = "hard"       // the address does not work: suppress it now
	Soft      Kind = "soft"       // temporary, or about the message: count; suppress after N
	Complaint Kind = "complaint"  // the recipient reported the letter as spam: suppress now
	AutoReply Kind = "auto_reply" // an out-of-office or other automatic answer: not a bounce
	None      Kind = "none"       // not a bounce: a delivered/relayed notice, a human reply, …
)

// Format names the kind of message Parse recognised.
const (
	FormatDSN       = "rfc3464"    // multipart/report; report-type=delivery-status
	FormatARF       = "arf"        // multipart/report; report-type=feedback-report
	FormatText      = "text"       // an MTA's plain-text bounce, read by heuristics
	FormatAutoReply = "auto-reply" // RFC 3834 headers or an out-of-office subject
)

// Recipient is one address a report is about.
type Recipient struct {
	// Email is the address as we sent to it: the DSN's Original-Recipient when
	// given, else its Final-Recipient; ARF's Original-Rcpt-To.
	Email      string `json:"email"`
	Action     string `json:"action,omitempty"`     // failed, delayed, delivered, relayed, expanded (lower case)
	Status     string `json:"status,omitempty"`     // the enhanced status code, e.g. "5.1.1"
	Diagnostic string `json:"diagnostic,omitempty"` // the remote server's answer, e.g. "550 5.1.1 … User unknown"
	Kind       Kind   `json:"kind"`
}

// Report is what Parse found in one message.
type Report struct {
	// Kind is the message's verdict: Hard if any recipient is hard, else Soft if
	// any is soft; Complaint, AutoReply or None for the whole message.
	Kind       Kind        `json:"kind"`
	Format     string      `json:"format,omitempty"` // one of the Format constants; "" for an ordinary message
	Recipients []Recipient `json:"recipients,omitempty"`
	// OriginalMessageID is the Message-ID (without angle brackets) of our letter
	// the report is about: from the returned headers, or an auto-reply's
	// In-Reply-To.
	OriginalMessageID string `json:"original_message_id,omitempty"`
	// OriginalHeaders are the header fields of our letter as the report returned
	// them (a text/rfc822-headers or message/rfc822 part, or the copy under a
	// plain-text bounce), first value of each, keys in canonical MIME form
	// ("X-B2x-Delivery"); use Header to look one up by any spelling.
	OriginalHeaders map[string]string `json:"original_headers,omitempty"`
	Reason          string            `json:"reason"` // one line: why this Kind
}

// Header returns the returned header field name of our letter, "" when absent.
func (r Report) Header(name string) string {
	return r.OriginalHeaders[textproto.CanonicalMIMEHeaderKey(name)]
}

// ErrMalformed is wrapped by every error of Parse: the message cannot be read.
var ErrMalformed = errors.New("malformed message")

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, args...))
}

// Parse reads one raw RFC 5322 message and classifies it. A message that is
// readable but not a bounce is not an error: its Kind is None (or AutoReply).
// Errors wrap ErrMalformed and name what cannot be read.
func Parse(r io.Reader) (Report, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxMessage+1))
	if err != nil {
		return Report{}, fmt.Errorf("reading the message: %w", err)
	}
	if len(data) > maxMessage {
		return Report{}, malformed("the message is larger than %d MiB", maxMessage>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Report{}, malformed("the message is empty")
	}
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return Report{}, malformed("the message headers cannot be read: %v", err)
	}
	h := textproto.MIMEHeader(msg.Header)
	w := &walker{}
	if err := w.walk(h, msg.Body); err != nil {
		return Report{}, err
	}

	var rep Report
	reportType := ""
	if len(w.parts) > 0 && w.parts[0].mediaType == "multipart/report" {
		reportType = strings.ToLower(w.parts[0].params["report-type"])
	}
	status, feedback := w.find("message/delivery-status", "message/global-delivery-status"), w.find("message/feedback-report")
	switch {
	case feedback != nil:
		rep, err = parseARF(feedback, w)
	case status != nil:
		rep, err = parseDSN(status)
	case reportType == "delivery-status" || reportType == "feedback-report":
		return Report{}, malformed("multipart/report; report-type=%s has no message/%s part", reportType, reportType)
	default:
		rep = classifyOther(h, w)
	}
	if err != nil {
		return Report{}, err
	}
	if rep.OriginalHeaders == nil {
		rep.OriginalHeaders = returnedHeaders(w)
	}
	if rep.OriginalMessageID == "" {
		rep.OriginalMessageID = messageID(rep.OriginalHeaders["Message-Id"])
	}
	if rep.Kind == AutoReply && rep.OriginalMessageID == "" {
		rep.OriginalMessageID = messageID(h.Get("In-Reply-To"))
	}
	return rep, nil
}

// find returns the first leaf of one of the media types.
func (w *walker) find(mediaTypes ...string) *part {
	for i := range w.parts {
		for _, mt := range mediaTypes {
			if w.parts[i].mediaType == mt {
				return &w.parts[i]
			}
		}
	}
	return nil
}

// text returns the first text/plain part, else the first text/html one with its
// tags removed, else "".
func (w *walker) text() string {
	if p := w.find("text/plain"); p != nil {
		return string(p.body)
	}
	if p := w.find("text/html"); p != nil {
		return htmlText(string(p.body))
	}
	return ""
}

// returnedHeaders reads the header fields of the returned letter.
func returnedHeaders(w *walker) map[string]string {
	p := w.find("text/rfc822-headers", "message/rfc822-headers", "message/global-headers", "message/rfc822", "message/global")
	if p == nil {
		return nil
	}
	return headerMap(readHeaderBlock(string(p.body)))
}

func headerMap(h textproto.MIMEHeader) map[string]string {
	if len(h) == 0 {
		return nil
	}
	m := make(map[string]string, len(h))
	for k, vs := range h {
		m[k] = decodeHeader(vs[0])
	}
	return m
}

// messageID returns the first message id of a Message-ID or In-Reply-To value
// without its angle brackets.
func messageID(v string) string {
	v = strings.TrimSpace(v)
	if i := strings.IndexByte(v, '<'); i >= 0 {
		if j := strings.IndexByte(v[i:], '>'); j > 0 {
			return v[i+1 : i+j]
		}
	}
	if f := strings.Fields(v); len(f) > 0 {
		return f[0]
	}
	return ""
}

// overall is the verdict of a report from its recipients' kinds.
func overall(rs []Recipient) Kind {
	k := None
	for _, r := range rs {
		switch r.Kind {
		case Hard:
			return Hard
		case Soft:
			k = Soft
		}
	}
	return k
}
