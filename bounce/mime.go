package bounce

import (
	"fmt"
	"io"
	"net/textproto"
	"strings"

	"b2x/mimetree"
)

// Limits on what Parse reads, so that a hostile message cannot exhaust memory.
const (
	maxMessage    = 16 << 20 // bytes of the whole message
	maxDepth      = 8        // nested multiparts
	maxParts      = 64       // parts in all
	maxRecipients = 1000     // per-recipient blocks of one report
)

// part is one node of a message's MIME tree, decoded from its transfer
// encoding; text parts are also decoded from their charset to UTF-8. A
// multipart container is kept too (without a body), so that the report type
// is known.
type part struct {
	mediaType string
	params    map[string]string
	body      []byte
}

// walker flattens a MIME tree into its parts. It does not descend into
// message/rfc822 parts: those are the returned message, read only for headers.
type walker struct {
	parts []part
}

func (w *walker) walk(h textproto.MIMEHeader, body io.Reader) error {
	err := mimetree.Walk(h, body, mimetree.Limits{Depth: maxDepth, Parts: maxParts}, func(p mimetree.Part) error {
		if p.Container {
			w.parts = append(w.parts, part{mediaType: p.MediaType, params: p.Params})
			return nil
		}
		data, err := p.Body(maxMessage)
		if err == nil && (strings.HasPrefix(p.MediaType, "text/") || p.MediaType == "message/delivery-status" || p.MediaType == "message/feedback-report") {
			// A foreign MTA that mislabels its explanation still sent a
			// bounce: invalid bytes are replaced, not refused.
			data, err = mimetree.ToUTF8(p.Params["charset"], data)
			data = mimetree.ValidUTF8(data)
		}
		if err != nil {
			return fmt.Errorf("the %s part: %v", p.MediaType, err)
		}
		w.parts = append(w.parts, part{mediaType: p.MediaType, params: p.Params, body: data})
		return nil
	})
	if err != nil {
		return malformed("%v", err)
	}
	return nil
}

// decodeHeader decodes RFC 2047 words; a value that cannot be decoded is kept
// as written, since a header is only a hint here.
func decodeHeader(v string) string {
	if d, err := mimetree.WordDecoder.DecodeHeader(v); err == nil {
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

func trunc(s string, n int) string { return mimetree.Trunc(s, n) }
