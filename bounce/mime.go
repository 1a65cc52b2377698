package bounce

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

// Limits on what Parse reads, so that a hostile message cannot exhaust memory.
const (
	maxMessage    = 16 << 20 // bytes of the whole message
	maxDepth      = 8        // nested multiparts
	maxParts      = 64       // parts in all
	maxRecipients = 1000     // per-recipient blocks of one report
)

// part is one leaf of a message's MIME tree, decoded from its transfer encoding.
// Text parts are also decoded from their charset to UTF-8.
type part struct {
	mediaType string
	params    map[string]string
	body      []byte
}

// walker flattens a MIME tree into its leaves. It does not descend into
// message/rfc822 parts: those are the returned message, read only for headers.
type walker struct {
	parts []part
	n     int
}

func (w *walker) walk(h textproto.MIMEHeader, body io.Reader, depth int) error {
	w.n++
	if w.n > maxParts {
		return malformed("the message has more than %d MIME parts", maxParts)
	}
	ct := strings.TrimSpace(h.Get("Content-Type"))
	if ct == "" {
		ct = "text/plain; charset=us-ascii"
	}
	mediaType, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return malformed("Content-Type %q cannot be read: %v", trunc(ct, 60), err)
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		if depth >= maxDepth {
			return malformed("multipart parts nested more than %d deep", maxDepth)
		}
		boundary := params["boundary"]
		if boundary == "" {
			return malformed("a %s part without a boundary parameter", mediaType)
		}
		// The container is recorded too, so that the report type is known.
		w.parts = append(w.parts, part{mediaType: mediaType, params: params})
		mr := multipart.NewReader(body, boundary)
		for {
			sub, err := mr.NextRawPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return malformed("the %s body cannot be read: %v", mediaType, err)
			}
			if err := w.walk(sub.Header, sub, depth+1); err != nil {
				return err
			}
		}
	}
	data, err := decodeBody(h, body)
	if err != nil {
		return malformed("the %s part: %v", mediaType, err)
	}
	if strings.HasPrefix(mediaType, "text/") || mediaType == "message/delivery-status" || mediaType == "message/feedback-report" {
		if data, err = toUTF8(params["charset"], data); err != nil {
			return malformed("the %s part: %v", mediaType, err)
		}
	}
	w.parts = append(w.parts, part{mediaType: mediaType, params: params, body: data})
	return nil
}

func decodeBody(h textproto.MIMEHeader, body io.Reader) ([]byte, error) {
	r := body
	switch cte := strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding"))); cte {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, &spaceless{r: r})
	case "", "7bit", "8bit", "binary":
	default:
		return nil, fmt.Errorf("unknown Content-Transfer-Encoding %q", trunc(cte, 40))
	}
	data, err := io.ReadAll(r)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("the message ends before the closing boundary of its multipart")
	}
	if err != nil {
		return nil, fmt.Errorf("the body cannot be decoded: %v", err)
	}
	return data, nil
}

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

// toUTF8 converts text from its declared charset. Undeclared 8-bit text that is
// not UTF-8 is kept with the invalid bytes replaced: a bounce is still a bounce
// when a foreign MTA mislabels its explanation.
func toUTF8(charset string, data []byte) ([]byte, error) {
	cs := strings.ToLower(strings.TrimSpace(charset))
	switch cs {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
	default:
		enc, err := htmlindex.Get(cs)
		if err != nil {
			return nil, fmt.Errorf("unsupported charset %q", trunc(cs, 40))
		}
		if data, err = enc.NewDecoder().Bytes(data); err != nil {
			return nil, fmt.Errorf("the text is not valid %s: %v", cs, err)
		}
	}
	if !utf8.Valid(data) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	return data, nil
}

var wordDecoder = &mime.WordDecoder{CharsetReader: func(charset string, input io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(charset)
	if err != nil {
		return nil, fmt.Errorf("unsupported charset %q", charset)
	}
	return enc.NewDecoder().Reader(input), nil
}}

// decodeHeader decodes RFC 2047 words; a value that cannot be decoded is kept
// as written, since a header is only a hint here.
func decodeHeader(v string) string {
	if d, err := wordDecoder.DecodeHeader(v); err == nil {
		v = d
	}
	return strings.Join(strings.Fields(strings.ToValidUTF8(v, "\uFFFD")), " ")
}

// readHeaderBlock reads one block of header fields up to a blank line or the
// end, unfolding continuation lines. It is lenient: it is used on the returned
// headers and on per-recipient DSN fields, which MTAs do not always write well.
// Lines that are not fields are skipped.
func readHeaderBlock(s string) textproto.MIMEHeader {
	h := textproto.MIMEHeader{}
	var key string
	for line := range strings.Lines(s) {
		line = strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(line) == "" {
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			if key != "" {
				vs := h[key]
				vs[len(vs)-1] += " " + strings.TrimSpace(line)
			}
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok || k == "" || strings.ContainsAny(k, " \t") {
			key = ""
			continue
		}
		key = textproto.CanonicalMIMEHeaderKey(k)
		h[key] = append(h[key], strings.TrimSpace(v))
	}
	return h
}

// paragraphs splits text into blocks separated by blank (or white) lines.
func paragraphs(s string) []string {
	var out []string
	var b strings.Builder
	for line := range strings.Lines(s) {
		if strings.TrimSpace(line) == "" {
			if b.Len() > 0 {
				out = append(out, b.String())
				b.Reset()
			}
			continue
		}
		b.WriteString(line)
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

func trunc(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
