// Package mimetree walks the MIME tree of a mail message and decodes its
// parts. Both readers of inbound mail use it: bounce (delivery reports,
// complaints, auto-replies) and campaign (an .eml draft to check). Each reads
// what a stranger wrote, so the walk is bounded in depth and in parts, and a
// part's body is decoded with a size limit.
package mimetree

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// Limits bound a walk.
type Limits struct {
	Depth int // nested multiparts
	Parts int // parts in all, containers included
}

// Part is one node of the tree. A container (a multipart) is visited before
// its children, with no body to decode.
type Part struct {
	Header    textproto.MIMEHeader
	MediaType string
	Params    map[string]string
	Container bool
	body      io.Reader
}

// Attachment says whether the part is marked to be saved rather than shown.
func (p Part) Attachment() bool {
	disp, _, err := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
	return err == nil && disp == "attachment"
}

// Walk visits every part of the message whose header is h and body is body,
// depth first. It does not descend into message/rfc822 parts: a visitor that
// wants one reads its body. The errors it returns explain the fault in a
// sentence; callers wrap them in their own kind.
func Walk(h textproto.MIMEHeader, body io.Reader, lim Limits, visit func(Part) error) error {
	w := walker{lim: lim, visit: visit}
	return w.walk(h, body, 0)
}

type walker struct {
	lim   Limits
	visit func(Part) error
	n     int
}

func (w *walker) walk(h textproto.MIMEHeader, body io.Reader, depth int) error {
	w.n++
	if w.n > w.lim.Parts {
		return fmt.Errorf("the message has more than %d MIME parts", w.lim.Parts)
	}
	ct := strings.TrimSpace(h.Get("Content-Type"))
	if ct == "" {
		ct = "text/plain; charset=us-ascii"
	}
	mediaType, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return fmt.Errorf("Content-Type %q cannot be read: %v", Trunc(ct, 60), err)
	}
	p := Part{Header: h, MediaType: mediaType, Params: params, body: body}
	if !strings.HasPrefix(mediaType, "multipart/") {
		return w.visit(p)
	}
	if depth >= w.lim.Depth {
		return fmt.Errorf("multipart parts nested more than %d deep", w.lim.Depth)
	}
	boundary := params["boundary"]
	if boundary == "" {
		return fmt.Errorf("a %s part without a boundary parameter", mediaType)
	}
	p.Container, p.body = true, nil
	if err := w.visit(p); err != nil {
		return err
	}
	mr := multipart.NewReader(body, boundary)
	for {
		sub, err := mr.NextRawPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("the %s body cannot be read: %v", mediaType, err)
		}
		if err := w.walk(sub.Header, sub, depth+1); err != nil {
			return err
		}
	}
}

// Body reads the part's body decoded from its transfer encoding, at most max
// bytes. Text is left in its charset; Text converts it.
func (p Part) Body(max int) ([]byte, error) {
	if p.Container {
		return nil, nil
	}
	r := p.body
	switch cte := strings.ToLower(strings.TrimSpace(p.Header.Get("Content-Transfer-Encoding"))); cte {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, &spaceless{r: r})
	case "", "7bit", "8bit", "binary":
	default:
		return nil, fmt.Errorf("unknown Content-Transfer-Encoding %q", Trunc(cte, 40))
	}
	data, err := io.ReadAll(io.LimitReader(r, int64(max)+1))
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("the message ends before the closing boundary of its multipart")
	}
	if err != nil {
		return nil, fmt.Errorf("the body cannot be decoded: %v", err)
	}
	if len(data) > max {
		return nil, fmt.Errorf("the part is larger than %d KiB", max>>10)
	}
	return data, nil
}

// Text reads the part's body as text: decoded from its transfer encoding and
// from its declared charset. The result may still hold invalid UTF-8 when the
// sender mislabelled it; the caller decides whether that is an error.
func (p Part) Text(max int) ([]byte, error) {
	data, err := p.Body(max)
	if err != nil {
		return nil, err
	}
	return ToUTF8(p.Params["charset"], data)
}

// ToUTF8 converts data from charset (as named in a Content-Type) to UTF-8.
func ToUTF8(charset string, data []byte) ([]byte, error) {
	cs := strings.ToLower(strings.TrimSpace(charset))
	switch cs {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		return data, nil
	}
	enc, err := htmlindex.Get(cs)
	if err != nil {
		return nil, fmt.Errorf("unsupported charset %q", Trunc(cs, 40))
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("the text is not valid %s: %v", cs, err)
	}
	return out, nil
}

// WordDecoder decodes RFC 2047 encoded words in any charset the WHATWG
// encoding index knows.
var WordDecoder = &mime.WordDecoder{CharsetReader: func(charset string, input io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(charset)
	if err != nil {
		return nil, fmt.Errorf("unsupported charset %q", charset)
	}
	return enc.NewDecoder().Reader(input), nil
}}

// spaceless drops the line breaks and spaces base64 bodies are wrapped with,
// which encoding/base64 otherwise only tolerates as CR and LF.
type spaceless struct{ r io.Reader }

func (s *spaceless) Read(p []byte) (int, error) {
	for {
		n, err := s.r.Read(p)
		j := 0
		for _, b := range p[:n] {
			if b != ' ' && b != '\t' && b != '\r' && b != '\n' {
				p[j] = b
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}

// Trunc shortens s to n characters for quoting in an error.
func Trunc(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// ValidUTF8 replaces invalid bytes, for text that is only read for hints.
func ValidUTF8(data []byte) []byte {
	if utf8.Valid(data) {
		return data
	}
	return bytes.ToValidUTF8(data, []byte("\uFFFD"))
}
