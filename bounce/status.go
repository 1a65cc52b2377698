package bounce

import (
	"regexp"
	"strings"
)

// enhancedCode matches an RFC 3463 enhanced status code, e.g. 5.1.1 or 5.1.10.
var enhancedCode = regexp.MustCompile(`(?:^|[^0-9.])([245])\.([0-9]{1,3})\.([0-9]{1,3})(?:[^0-9.]|\.(?:\s|$)|$)`)

// basicCode matches an SMTP reply code where servers write it: at the start of
// the text or after "said:", followed by a space or a dash (a multi-line reply).
var basicCode = regexp.MustCompile(`(?i)(?:^|said:\s*|\s)([245][0-9][0-9])(?:[ -]|$)`)

// fullMailbox matches answers that mean "full", whatever code came with them.
var fullMailbox = regexp.MustCompile(`(?i)mailbox (?:is )?full|over ?quota|quota exceeded|exceeded (?:the |its )?(?:storage )?quota|insufficient (?:system )?storage|mailbox size limit`)

// statusIn returns the first enhanced status code in s, or "".
func statusIn(s string) string {
	m := enhancedCode.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return m[1] + "." + m[2] + "." + m[3]
}

// basicIn returns the first SMTP reply code in s, or "".
func basicIn(s string) string {
	m := basicCode.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return ""
	}
	return m[1]
}

// classify decides one recipient's Kind from a DSN's action, status and
// diagnostic. It returns the kind and the reason in a few words.
//
// A permanent failure of the address (5.1.x addressing, 5.2.x mailbox other
// than full, 5.4.x routing, 5.5.x protocol, 5.0.0) is Hard. A permanent refusal
// about the message or the sender (5.2.2 mailbox full, 5.2.3 too long, 5.3.x
// system, 5.6.x content, 5.7.x policy — a blocklisted server must not cost the
// whole list) is Soft, as is every 4.x.x and every delay.
func classify(action, status, diag string) (Kind, string) {
	switch action {
	case "delivered", "relayed", "expanded":
		return None, "the notice says " + action
	case "delayed":
		return Soft, "delivery is delayed"
	}
	code := status
	if code == "" || strings.HasSuffix(code, ".0.0") {
		if c := statusIn(diag); c != "" && (code == "" || c[0] == code[0]) {
			code = c
		}
	}
	if code == "" {
		if b := basicIn(diag); b != "" {
			code = b[:1] + ".0.0"
		}
	}
	if fullMailbox.MatchString(diag) && (code == "" || code[0] != '2') {
		return Soft, "the mailbox is full"
	}
	if code == "" {
		if action == "failed" {
			return Hard, "the notice says failed, without a status"
		}
		return Soft, "no status code; not treated as permanent"
	}
	class, subject, detail := statusParts(code)
	switch class {
	case '2':
		return None, "status " + code + " is success"
	case '4':
		return Soft, "status " + code + " is temporary"
	}
	switch subject {
	case "2":
		if detail == "2" || detail == "3" {
			return Soft, "status " + code + ": the mailbox is full or the message too long"
		}
	case "3", "6":
		return Soft, "status " + code + " is about the message or the system, not the address"
	case "7":
		return Soft, "status " + code + " is a policy refusal of the message or the sender, not of the address"
	}
	return Hard, "status " + code + " is a permanent failure of the address"
}

func statusParts(code string) (class byte, subject, detail string) {
	parts := strings.SplitN(code, ".", 3)
	if len(parts) != 3 || parts[0] == "" {
		return 0, "", ""
	}
	return parts[0][0], parts[1], parts[2]
}
