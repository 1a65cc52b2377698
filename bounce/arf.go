package bounce

import (
	"net/mail"
	"strings"
)

// parseARF reads a spam complaint (RFC 5965): the message/feedback-report part
// says the feedback type and, when the provider does not redact it, the
// recipient (Original-Rcpt-To); the returned letter carries our own headers,
// which identify the delivery when the recipient is redacted.
func parseARF(p *part, w *walker) (Report, error) {
	h := readHeaderBlock(string(p.body))
	ftype := strings.ToLower(strings.TrimSpace(h.Get("Feedback-Type")))
	if ftype == "" {
		return Report{}, malformed("the message/feedback-report part has no Feedback-Type field")
	}
	rep := Report{Format: FormatARF, Kind: Complaint, OriginalHeaders: returnedHeaders(w)}
	if ftype == "not-spam" {
		rep.Kind = None
	}
	var emails []string
	for _, v := range h.Values("Original-Rcpt-To") {
		if e, err := typedAddress(v); err == nil {
			emails = append(emails, e)
		}
	}
	if len(emails) == 0 {
		// Without Original-Rcpt-To the returned letter's To is the best we have.
		if list, err := mail.ParseAddressList(rep.OriginalHeaders["To"]); err == nil {
			for _, a := range list {
				emails = append(emails, strings.ToLower(a.Address))
			}
		}
	}
	for _, e := range emails {
		if len(rep.Recipients) == maxRecipients {
			break
		}
		rep.Recipients = append(rep.Recipients, Recipient{Email: e, Kind: rep.Kind})
	}
	rep.Reason = "feedback report: " + ftype
	if ua := h.Get("User-Agent"); ua != "" {
		rep.Reason += " from " + trunc(ua, 60)
	}
	if len(rep.Recipients) == 0 {
		rep.Reason += "; the recipient is redacted, match it by the returned headers"
	}
	return rep, nil
}
