package campaign

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/text/encoding/htmlindex"
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
	subject, err := wordDecoder.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return d, malformed("the Subject header cannot be decoded: %v", err)
	}
	if !utf8.ValidString(subject) {
		return d, malformed("the Subject header is not valid UTF-8")
	}
	d.Subject = strings.Join(strings.Fields(subject), " ")
	p := &emlParser{d: &d}
	h := textproto.MIMEHeader(msg.Header)
	if err := p.part(h, msg.Body, 0); err != nil {
		return d, err
	}
	if d.HTML == "" && d.Text == "" && !p.sawText {
		return d, malformed("the message has no text/plain or text/html part")
	}
	if d.HTML != "" {
		d.Preheader = analyze(Draft{HTML: d.HTML}).hidden
	}
	return d, nil
}

var wordDecoder = &mime.WordDecoder{CharsetReader: charsetReader}

func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(charset)
	if err != nil {
		return nil, fmt.Errorf("unsupported charset %q", charset)
	}
	return enc.NewDecoder().Reader(input), nil
}

type emlParser struct {
	d       *Draft
	parts   int
	sawText bool
}

func (p *emlParser) part(h textproto.MIMEHeader, body io.Reader, depth int) error {
	p.parts++
	if p.parts > maxEMLParts {
		return malformed("the message has more than %d parts", maxEMLParts)
	}
	ct := h.Get("Content-Type")
	if strings.TrimSpace(ct) == "" {
		ct = "text/plain; charset=us-ascii"
	}
	mediaType, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return malformed("Content-Type %q cannot be read: %v", trunc(ct, 60), err)
	}
	if disp, _, err := mime.ParseMediaType(h.Get("Content-Disposition")); err == nil && disp == "attachment" {
		return nil
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		if depth >= maxEMLDepth {
			return malformed("multipart parts nested more than %d deep", maxEMLDepth)
		}
		boundary := params["boundary"]
		if boundary == "" {
			return malformed("a %s part without a boundary", mediaType)
		}
		mr := multipart.NewReader(body, boundary)
		for {
			sub, err := mr.NextRawPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return malformed("the %s body cannot be read: %v", mediaType, err)
			}
			if err := p.part(sub.Header, sub, depth+1); err != nil {
				return err
			}
		}
	}
	if mediaType != "text/html" && mediaType != "text/plain" {
		return nil
	}
	p.sawText = true
	if (mediaType == "text/html" && p.d.HTML != "") || (mediaType == "text/plain" && p.d.Text != "") {
		return nil // the first of each kind is the letter
	}
	var r io.Reader = body
	switch cte := strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding"))); cte {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r)
	case "", "7bit", "8bit", "binary":
	default:
		return malformed("unknown Content-Transfer-Encoding %q", trunc(cte, 40))
	}
	if cs := strings.ToLower(strings.TrimSpace(params["charset"])); cs != "" && cs != "utf-8" && cs != "utf8" && cs != "us-ascii" {
		if r, err = charsetReader(cs, r); err != nil {
			return malformed("the %s part: %v", mediaType, err)
		}
	}
	data, err := io.ReadAll(io.LimitReader(r, maxEMLPart+1))
	if err != nil {
		return malformed("the %s part cannot be decoded: %v", mediaType, err)
	}
	if len(data) > maxEMLPart {
		return malformed("the %s part is larger than %d MiB", mediaType, maxEMLPart>>20)
	}
	if !utf8.Valid(data) {
		return malformed("the %s part is not valid UTF-8 (is its charset declared?)", mediaType)
	}
	if mediaType == "text/html" {
		p.d.HTML = string(data)
	} else {
		p.d.Text = strings.ReplaceAll(string(data), "\r\n", "\n")
	}
	return nil
}
