package bounce

import (
	"html"
	"net/mail"
	"net/textproto"
	"regexp"
	"strings"
)

// classifyOther reads a message that is not a report: an MTA's plain-text
// bounce, an automatic reply, or an ordinary message.
func classifyOther(h textproto.MIMEHeader, w *walker) Report {
	subject := decodeHeader(h.Get("Subject"))
	failed := h.Values("X-Failed-Recipients") // Exim's list of the addresses that failed
	if fromDaemon(h.Get("From")) || bounceSubject.MatchString(subject) || len(failed) > 0 {
		return parseText(w.text(), subject, failed)
	}
	if why := autoReply(h, subject); why != "" {
		return Report{Kind: AutoReply, Format: FormatAutoReply, Reason: why}
	}
	return Report{Kind: None, Reason: "neither a delivery report, a complaint nor an automatic reply"}
}

// fromDaemon tells whether From is a mail system's own address.
func fromDaemon(from string) bool {
	addr := from
	if a, err := mail.ParseAddress(from); err == nil {
		addr = a.Address
	}
	local, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(addr)), "@")
	local = strings.Trim(local, "<>\" ")
	return daemonLocal[local]
}

var daemonLocal = map[string]bool{"mailer-daemon": true, "mailer_daemon": true, "mail-daemon": true, "postmaster": true, "mailerdaemon": true}

// bounceSubject matches the subjects MTAs give their bounces (Postfix, Exim,
// qmail, Sendmail, Exchange, Gmail, Yandex, Mail.ru).
var bounceSubject = regexp.MustCompile(`(?i)^(?:` +
	`undeliver(?:ed|able)|undelivered mail returned to sender|delivery status notification|mail delivery (?:failed|failure|system)|` +
	`failure notice|returned mail|delivery (?:has )?failed|delivery failure|warning: message .* delayed|delayed mail|` +
	`mail could not be delivered|message (?:not )?delivered|nondeliverable|delivery notification|` +
	`недоставленное сообщение|не удалось доставить|сообщение не доставлено|уведомление о (?:состоянии )?доставк)`)

// autoReply returns why the message is an automatic reply, or "".
func autoReply(h textproto.MIMEHeader, subject string) string {
	if v := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted"))); v != "" && !strings.HasPrefix(v, "no") {
		return "Auto-Submitted: " + trunc(v, 40)
	}
	for _, k := range []string{"X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Autoreply-From", "X-Mail-Autoreply", "X-Vacation"} {
		if h.Get(k) != "" {
			return k + " header"
		}
	}
	if p := strings.ToLower(strings.TrimSpace(h.Get("Precedence"))); p == "auto_reply" || p == "auto-reply" {
		return "Precedence: " + p
	}
	if strings.EqualFold(strings.TrimSpace(h.Get("X-Auto-Response-Suppress")), "all") && autoSubject.MatchString(subject) {
		return "an out-of-office subject from Exchange"
	}
	if autoSubject.MatchString(subject) {
		return "an out-of-office subject: " + trunc(subject, 60)
	}
	return ""
}

// autoSubject matches out-of-office and auto-reply subjects in English, Russian
// and Persian, anywhere in the subject (clients prefix or suffix them).
var autoSubject = regexp.MustCompile(`(?i)` +
	`auto(?:matic)?[ -]?(?:reply|response|respond|antwort)|^auto:|out of (?:the )?office|away from (?:the )?office|on vacation|on holiday|on leave|vacation reply|` +
	`автоответ|автоматический ответ|нет на месте|вне офиса|в отпуске|отсутству|` +
	`پاسخ خودکار|پاسخ اتوماتیک|خارج از دفتر|در مرخصی|عدم حضور|خارج از محل کار`)

// copyMarker matches the line under which a plain-text bounce copies the
// returned letter (Exim, qmail, Sendmail, Exchange, Postfix's text form).
var copyMarker = regexp.MustCompile(`(?i)^\s*-*\s*(?:this is a copy of the message|below this line is a copy of the message|original message(?: headers)?|the header of the original message|returned message|undelivered message|message headers follow|headers of the returned message)`)

var emailRe = regexp.MustCompile(`[A-Za-z0-9.!#$%&'*+/=?^_{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+`)

// permanentText and temporaryText say what a bounce without a status code means.
var (
	permanentText = regexp.MustCompile(`(?i)permanent (?:fatal )?error|permanently|i'm not going to try again|i've given up|giving up|user unknown|unknown user|no such (?:user|mailbox|recipient)|does not exist|doesn't exist|address rejected|mailbox unavailable|unrouteable address`)
	temporaryText = regexp.MustCompile(`(?i)not yet been delivered|delayed|will (?:retry|continue|keep trying)|still trying|temporar|try again later`)
)

// parseText reads a plain-text bounce. It walks the explanation line by line:
// a line that is only an address starts a recipient; a status code on a line is
// that line's address's, else the current recipient's.
//
// Addresses of an X-Failed-Recipients header stand in when the text names none.
func parseText(text, subject string, failed []string) Report {
	rep := Report{Format: FormatText}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	cut := len(lines)
	for i, l := range lines {
		if copyMarker.MatchString(l) {
			cut = i
			break
		}
	}
	if cut < len(lines) {
		rest := strings.Join(lines[cut+1:], "\n")
		rest = strings.TrimLeft(rest, " \t\n-")
		rep.OriginalHeaders = headerMap(readHeaderBlock(rest))
	}
	explanation := strings.Join(lines[:cut], "\n")

	index := map[string]int{}
	var orphan string // a status line before any address
	current := -1
	add := func(email string) int {
		if i, ok := index[email]; ok {
			return i
		}
		if len(rep.Recipients) == maxRecipients {
			return -1
		}
		rep.Recipients = append(rep.Recipients, Recipient{Email: email})
		index[email] = len(rep.Recipients) - 1
		return index[email]
	}
	for _, l := range lines[:cut] {
		addrs := recipientsIn(l)
		code := statusIn(l)
		if code == "" {
			if b := basicIn(l); b != "" && (strings.HasPrefix(strings.TrimSpace(l), b) || strings.Contains(strings.ToLower(l), "said:")) {
				code = b[:1] + ".0.0"
			}
		}
		if code == "" {
			if len(addrs) == 1 && onlyAddress(l, addrs[0]) {
				current = add(addrs[0])
			}
			continue
		}
		target := current
		if len(addrs) > 0 {
			target = add(addrs[len(addrs)-1])
		}
		if target < 0 {
			if orphan == "" {
				orphan = l
			}
			continue
		}
		if r := &rep.Recipients[target]; r.Status == "" {
			r.Status, r.Diagnostic = code, smtpAnswer(l)
		}
	}
	if orphan != "" && len(rep.Recipients) == 1 && rep.Recipients[0].Status == "" {
		rep.Recipients[0].Status, rep.Recipients[0].Diagnostic = statusIn(orphan), smtpAnswer(orphan)
	}
	if len(rep.Recipients) == 0 {
		for _, v := range failed {
			for a := range strings.SplitSeq(v, ",") {
				if e, err := typedAddress(a); err == nil {
					add(e)
				}
			}
		}
	}
	if len(rep.Recipients) == 0 {
		rep.Kind = None
		rep.Reason = "looks like a bounce (" + trunc(subject, 60) + ") but names no failed address"
		return rep
	}
	var reasons []string
	for i := range rep.Recipients {
		r := &rep.Recipients[i]
		var why string
		switch {
		case r.Status != "":
			r.Action = "failed"
			if r.Status[0] == '4' {
				r.Action = "delayed"
			}
			r.Kind, why = classify(r.Action, r.Status, r.Diagnostic)
		case temporaryText.MatchString(explanation) || temporaryText.MatchString(subject):
			r.Action, r.Kind, why = "delayed", Soft, "the text says the delivery is delayed"
		case permanentText.MatchString(explanation):
			r.Action, r.Kind, why = "failed", Hard, "the text says the failure is permanent"
		default:
			r.Action, r.Kind, why = "failed", Soft, "no status code and no word of permanence; not treated as permanent"
		}
		reasons = append(reasons, r.Email+": "+why)
	}
	rep.Kind = overall(rep.Recipients)
	rep.Reason = strings.Join(reasons, "; ")
	return rep
}

// recipientsIn returns the addresses of a line, in lower case, leaving out the
// mail system's own.
func recipientsIn(line string) []string {
	var out []string
	for _, a := range emailRe.FindAllString(line, -1) {
		a = strings.ToLower(strings.TrimRight(a, "."))
		local, _, _ := strings.Cut(a, "@")
		if !daemonLocal[local] {
			out = append(out, a)
		}
	}
	return out
}

// onlyAddress tells whether a line is an address alone ("  user@example.com",
// "<user@example.com>:", qmail's form), as bounces list failed recipients.
func onlyAddress(line, addr string) bool {
	rest := strings.ToLower(line)
	rest = strings.Replace(rest, addr, "", 1)
	return strings.Trim(rest, " \t<>:\"'()[],;-") == ""
}

// smtpAnswer returns the SMTP answer of a line: from its reply code on, else the
// whole line, trimmed.
func smtpAnswer(line string) string {
	line = strings.TrimSpace(line)
	if m := basicCode.FindStringSubmatchIndex(line); m != nil {
		line = line[m[2]:]
	}
	return strings.Join(strings.Fields(line), " ")
}

var tagRe = regexp.MustCompile(`(?s)<(?:style|script)[^>]*>.*?</(?:style|script)>|<br\s*/?>|</(?:p|div|tr|li|h[1-6])>|<[^>]*>`)

// htmlText is the text of an HTML bounce, one block per line; enough to find
// addresses and status codes.
func htmlText(s string) string {
	s = tagRe.ReplaceAllStringFunc(s, func(t string) string {
		lt := strings.ToLower(t)
		if strings.HasPrefix(lt, "<br") || strings.HasPrefix(lt, "</") {
			return "\n"
		}
		return " "
	})
	return html.UnescapeString(s)
}
