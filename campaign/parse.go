package campaign

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"net/textproto"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"

	"b2x/mimetree"
)

// ErrMalformed is wrapped by every error of ParseMarkdown and ParseEML: the draft
// cannot be read, so it cannot be checked.
var ErrMalformed = errors.New("malformed draft")

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, args...))
}

// md renders Markdown as mail clients would get it: raw HTML is kept (so that
// decoration written as HTML is checked too) and bare URLs and addresses are links.
var md = goldmark.New(
	goldmark.WithExtensions(extension.Linkify, extension.Table, extension.Strikethrough),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe()),
)

// ParseMarkdown reads a Markdown draft: a first line "Subject: …", optionally a
// line "Preheader: …", then a blank line and the body in Markdown. The body becomes
// Draft.HTML, and its source Draft.Text.
func ParseMarkdown(src []byte) (Draft, error) {
	var d Draft
	if !utf8.Valid(src) {
		return d, malformed("the draft is not valid UTF-8")
	}
	if bytes.IndexByte(src, 0) >= 0 {
		return d, malformed("the draft contains a NUL byte")
	}
	s := strings.TrimPrefix(string(src), "\uFEFF")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var haveSubject, havePreheader bool
	lineNo := 0
	for {
		lineNo++
		line, rest, found := strings.Cut(s, "\n")
		if strings.TrimSpace(line) == "" {
			if !haveSubject {
				if !found {
					return d, malformed("the draft is empty; it starts with a line \"Subject: …\"")
				}
				s = rest
				continue // blank lines before the headers
			}
			s = rest
			break
		}
		key, value, ok := strings.Cut(line, ":")
		key = strings.ToLower(strings.TrimSpace(key))
		switch {
		case !ok || (key != "subject" && key != "preheader"):
			if !haveSubject {
				return d, malformed("line %d: a draft starts with a line \"Subject: …\"", lineNo)
			}
			return d, malformed("line %d: after the Subject and Preheader lines comes a blank line, then the body", lineNo)
		case key == "subject":
			if haveSubject {
				return d, malformed("line %d: a second Subject line", lineNo)
			}
			haveSubject, d.Subject = true, strings.TrimSpace(value)
		case key == "preheader":
			if !haveSubject {
				return d, malformed("line %d: the Subject line comes first", lineNo)
			}
			if havePreheader {
				return d, malformed("line %d: a second Preheader line", lineNo)
			}
			havePreheader, d.Preheader = true, strings.TrimSpace(value)
		}
		s = rest
		if !found {
			break
		}
	}
	d.Text = s
	var buf bytes.Buffer
	if err := md.Convert([]byte(s), &buf); err != nil {
		return d, malformed("the Markdown body cannot be rendered: %v", err)
	}
	d.HTML = buf.String()
	return d, nil
}

// Limits on what ParseEML reads, so that a hostile message cannot exhaust memory.
const (
	maxEMLPart  = 4 << 20 // decoded bytes of one text part
	maxEMLDepth = 8       // nested multiparts
	maxEMLParts = 64      // parts in all
)

// ParseEML reads an RFC 5322 message (an .eml file): the subject (RFC 2047 words
// decoded) and the first text/html and text/plain parts, decoded from
// quoted-printable or base64 and from their charset to UTF-8. An HTML letter's
// preheader is its first hidden text.
func ParseEML(r io.Reader) (Draft, error) {
	var d Draft
	msg, err := mail.ReadMessage(bufio.NewReader(r))
	if err != nil {
		return d, malformed("the message headers cannot be read: %v", err)
	}
	subject, err := mimetree.WordDecoder.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return d, malformed("the Subject header cannot be decoded: %v", err)
	}
	if !utf8.ValidString(subject) {
		return d, malformed("the Subject header is not valid UTF-8")
	}
	d.Subject = strings.Join(strings.Fields(subject), " ")
	p := &emlParser{d: &d}
	lim := mimetree.Limits{Depth: maxEMLDepth, Parts: maxEMLParts}
	if err := mimetree.Walk(textproto.MIMEHeader(msg.Header), msg.Body, lim, p.part); err != nil {
		return d, malformed("%v", err)
	}
	if d.HTML == "" && d.Text == "" && !p.sawText {
		return d, malformed("the message has no text/plain or text/html part")
	}
	if d.HTML != "" {
		d.Preheader = analyze(Draft{HTML: d.HTML}).hidden
	}
	return d, nil
}

type emlParser struct {
	d       *Draft
	sawText bool
}

func (p *emlParser) part(part mimetree.Part) error {
	if part.Attachment() || part.Container || (part.MediaType != "text/html" && part.MediaType != "text/plain") {
		return nil
	}
	p.sawText = true
	if (part.MediaType == "text/html" && p.d.HTML != "") || (part.MediaType == "text/plain" && p.d.Text != "") {
		return nil // the first of each kind is the letter
	}
	data, err := part.Text(maxEMLPart)
	if err != nil {
		return fmt.Errorf("the %s part: %v", part.MediaType, err)
	}
	if !utf8.Valid(data) {
		return fmt.Errorf("the %s part is not valid UTF-8 (is its charset declared?)", part.MediaType)
	}
	if part.MediaType == "text/html" {
		p.d.HTML = string(data)
	} else {
		p.d.Text = strings.ReplaceAll(string(data), "\r\n", "\n")
	}
	return nil
}
