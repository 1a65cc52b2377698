package bounce

import (
	"fmt"
	"net/textproto"
	"strings"
)

// parseDSN reads a message/delivery-status part (RFC 3464 §2.1): per-message
// fields, then one block of fields per recipient, blocks separated by blank lines.
func parseDSN(p *part) (Report, error) {
	blocks := paragraphs(string(p.body))
	if len(blocks) == 0 {
		return Report{}, malformed("the %s part is empty", p.mediaType)
	}
	rep := Report{Format: FormatDSN}
	var reasons []string
	for i, b := range blocks {
		h := readHeaderBlock(b)
		final, original := h.Get("Final-Recipient"), h.Get("Original-Recipient")
		if final == "" && original == "" {
			if i == 0 {
				continue // the per-message fields (Reporting-MTA, Arrival-Date, …)
			}
			if len(h) == 0 {
				continue
			}
			return Report{}, malformed("%s block %d has no Final-Recipient field", p.mediaType, i+1)
		}
		if len(rep.Recipients) == maxRecipients {
			return Report{}, malformed("the %s part names more than %d recipients", p.mediaType, maxRecipients)
		}
		r, err := dsnRecipient(h, final, original)
		if err != nil {
			return Report{}, malformed("%s block %d: %v", p.mediaType, i+1, err)
		}
		var why string
		r.Kind, why = classify(r.Action, r.Status, r.Diagnostic)
		reasons = append(reasons, r.Email+": "+why)
		rep.Recipients = append(rep.Recipients, r)
	}
	if len(rep.Recipients) == 0 {
		return Report{}, malformed("the %s part has no per-recipient fields (Final-Recipient, Action, Status)", p.mediaType)
	}
	rep.Kind = overall(rep.Recipients)
	rep.Reason = strings.Join(reasons, "; ")
	return rep, nil
}

var dsnActions = map[string]bool{"failed": true, "delayed": true, "delivered": true, "relayed": true, "expanded": true}

func dsnRecipient(h textproto.MIMEHeader, final, original string) (Recipient, error) {
	var r Recipient
	addr := original
	if addr == "" {
		addr = final
	}
	email, err := typedAddress(addr)
	if err != nil {
		field := "Original-Recipient"
		if original == "" {
			field = "Final-Recipient"
		}
		return r, fmt.Errorf("%s %q: %v", field, trunc(addr, 80), err)
	}
	r.Email = email
	// Some MTAs add comments or a second word ("failed (bad destination)").
	if f := strings.Fields(strings.ToLower(h.Get("Action"))); len(f) > 0 {
		r.Action = f[0]
	}
	if r.Action != "" && !dsnActions[r.Action] {
		return r, fmt.Errorf("the Action %q is none of failed, delayed, delivered, relayed, expanded", trunc(h.Get("Action"), 40))
	}
	if s := strings.TrimSpace(h.Get("Status")); s != "" {
		if r.Status = statusIn(s); r.Status == "" {
			return r, fmt.Errorf("the Status %q is not a status code such as 5.1.1", trunc(s, 40))
		}
	}
	if r.Action == "" && r.Status == "" {
		return r, fmt.Errorf("neither Action nor Status is given")
	}
	r.Diagnostic = diagnostic(h.Get("Diagnostic-Code"))
	return r, nil
}

// typedAddress reads "rfc822; user@example.com" (the address type is
// optional in practice) and returns the address in lower case.
func typedAddress(v string) (string, error) {
	if typ, rest, ok := strings.Cut(v, ";"); ok && !strings.ContainsAny(strings.TrimSpace(typ), " @<") {
		v = rest
	}
	// A comment may follow the address: "user@example.com (Ivan)".
	if f := strings.Fields(v); len(f) > 0 {
		v = f[0]
	}
	v = strings.Trim(v, "<>")
	at := strings.LastIndexByte(v, '@')
	if at <= 0 || at == len(v)-1 || strings.ContainsAny(v, "<>,()") {
		return "", fmt.Errorf("not an email address")
	}
	return strings.ToLower(v), nil
}

// diagnostic drops the diagnostic type ("smtp; ", "X-Postfix; ") from a
// Diagnostic-Code and joins folded lines.
func diagnostic(v string) string {
	if typ, rest, ok := strings.Cut(v, ";"); ok && !strings.ContainsAny(strings.TrimSpace(typ), " ") {
		v = rest
	}
	return strings.Join(strings.Fields(v), " ")
}
