package crm

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"
)

// EventDuration is how long a meeting or call is shown in a calendar: activities
// record only when they start.
const EventDuration = time.Hour

const icalTime = "20060102T150405Z"

// ICalendar renders activities as an RFC 5545 calendar a manager can subscribe to:
// a VEVENT per meeting or call with a due time (EventDuration long) and a VTODO per
// task. Emails and notes are left out. UIDs are the activity id + "@b2x", so a
// re-import updates events instead of duplicating them; now is the DTSTAMP. Times
// are written in UTC, which needs no VTIMEZONE.
func ICalendar(activities []Activity, calendarName string, now time.Time) []byte {
	var w icalWriter
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:-//b2x//crm//EN")
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:PUBLISH")
	w.line("X-WR-CALNAME:" + escapeText(calendarName))
	stamp := now.UTC().Format(icalTime)
	for _, a := range activities {
		switch {
		case (a.Kind == KindMeeting || a.Kind == KindCall) && !a.Due.IsZero():
			w.line("BEGIN:VEVENT")
			w.common(a, stamp)
			w.line("DTSTART:" + a.Due.UTC().Format(icalTime))
			w.line("DTEND:" + a.Due.Add(EventDuration).UTC().Format(icalTime))
			w.line("END:VEVENT")
		case a.Kind == KindTask:
			w.line("BEGIN:VTODO")
			w.common(a, stamp)
			if !a.Due.IsZero() {
				w.line("DUE:" + a.Due.UTC().Format(icalTime))
			}
			if a.Done() {
				w.line("STATUS:COMPLETED")
				w.line("COMPLETED:" + a.DoneAt.UTC().Format(icalTime))
			} else {
				w.line("STATUS:NEEDS-ACTION")
			}
			w.line("END:VTODO")
		}
	}
	w.line("END:VCALENDAR")
	return w.buf.Bytes()
}

type icalWriter struct{ buf bytes.Buffer }

func (w *icalWriter) common(a Activity, stamp string) {
	w.line("UID:" + escapeText(a.ID) + "@b2x")
	w.line("DTSTAMP:" + stamp)
	w.line("SUMMARY:" + escapeText(a.Subject))
	if a.Notes != "" {
		w.line("DESCRIPTION:" + escapeText(a.Notes))
	}
}

// line writes one content line folded at 75 octets (RFC 5545 §3.1): each
// continuation starts with a space, which counts toward its 75, and a UTF-8
// character is never split across lines.
func (w *icalWriter) line(s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.buf.WriteString(s[:cut])
		w.buf.WriteString("\r\n ")
		s = s[cut:]
		limit = 74
	}
	w.buf.WriteString(s)
	w.buf.WriteString("\r\n")
}

// escapeText escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma
// get a backslash, any line break becomes \n, and other control characters, which
// TEXT may not hold, are dropped. Invalid UTF-8 becomes U+FFFD.
func escapeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
