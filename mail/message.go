// Package mail composes and sends b2x's email: a Message with a text and an HTML
// part, a Sender that delivers it (SMTP through github.com/wneessen/go-mail, or
// the log when no server is configured), and the transactional letters rendered
// from templates in the customer's language (templates.go).
//
// Header injection is refused, not repaired: a line break in any header value —
// a name, an address, the subject, an extra header — makes Validate fail, so a
// message is sent as composed or not at all. HTML parts are rendered with
// html/template, so a customer's name is text, never markup.
package mail

import (
	"context"
	"net/mail"
	"strconv"
	"strings"

	"b2x/errs"
)

// Address is a mailbox: an optional display name and an email address.
type Address struct {
	Name  string
	Email string
}

// String formats the address for a header, encoding the name as RFC 2047 needs.
func (a Address) String() string {
	return (&mail.Address{Name: a.Name, Address: a.Email}).String()
}

// Message is one email.
type Message struct {
	From    Address
	To      []Address
	ReplyTo *Address
	Subject string
	Text    string // the text/plain part
	HTML    string // the text/html alternative; may be empty
	// Headers are extra header fields, e.g. List-Unsubscribe. They may not
	// replace the fields above or the MIME structure.
	Headers map[string]string
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// MaxRecipients bounds To: transactional mail goes to one person, a campaign
// sends one message per recipient.
const MaxRecipients = 50

// reserved are the fields a message sets itself; Headers may not set them.
var reserved = map[string]bool{
	"from": true, "to": true, "cc": true, "bcc": true, "reply-to": true, "subject": true, "sender": true,
	"date": true, "message-id": true, "mime-version": true, "content-type": true,
	"content-transfer-encoding": true, "return-path": true,
}

// Validate checks the message before it is sent and names every field at fault.
func (m *Message) Validate() error {
	var fs errs.Fields
	checkAddress(&fs, "from", m.From)
	switch {
	case len(m.To) == 0:
		fs.Add("to", "a message needs a recipient")
	case len(m.To) > MaxRecipients:
		fs.Add("to", "at most %d recipients", MaxRecipients)
	}
	for i, a := range m.To {
		checkAddress(&fs, "to["+strconv.Itoa(i)+"]", a)
	}
	if m.ReplyTo != nil {
		checkAddress(&fs, "reply_to", *m.ReplyTo)
	}
	switch {
	case breaksLine(m.Subject):
		fs.Add("subject", "contains a line break")
	case strings.TrimSpace(m.Subject) == "":
		fs.Add("subject", "is required")
	case len(m.Subject) > 998:
		fs.Add("subject", "is longer than a header line may be")
	}
	if strings.TrimSpace(m.Text) == "" {
		fs.Add("text", "a message needs a text part")
	}
	for name, value := range m.Headers {
		f := "headers." + name
		switch {
		case !fieldName(name):
			fs.Add(f, "is not a header field name")
		case reserved[strings.ToLower(name)]:
			fs.Add(f, "is set by the message itself")
		case breaksLine(value):
			fs.Add(f, "contains a line break")
		}
	}
	return fs.Err()
}

func checkAddress(fs *errs.Fields, field string, a Address) {
	if breaksLine(a.Name) {
		fs.Add(field+".name", "contains a line break")
	}
	if breaksLine(a.Email) {
		fs.Add(field+".email", "contains a line break")
		return
	}
	p, err := mail.ParseAddress(a.Email)
	if err != nil || p.Address != a.Email || p.Name != "" {
		fs.Add(field+".email", "is not an email address")
	}
}

// breaksLine reports a CR or LF (or another character that ends a line for some
// mail software: NUL, vertical tab, form feed, NEL, line and paragraph
// separators).
func breaksLine(s string) bool {
	return strings.ContainsAny(s, "\r\n\x00\v\f\u0085\u2028\u2029")
}

// fieldName reports an RFC 5322 field name: printable ASCII except the colon.
func fieldName(s string) bool {
	if s == "" || len(s) > 76 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 33 || s[i] > 126 || s[i] == ':' {
			return false
		}
	}
	return true
}
