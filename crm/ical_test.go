package crm

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{`a\b`, `a\\b`},
		{"a;b,c", `a\;b\,c`},
		{"one\ntwo\r\nthree\rfour", `one\ntwo\nthree\nfour`},
		{"tab\tbell\a", "tab\tbell"},
		{"Встреча; обсуждение, цены", `Встреча\; обсуждение\, цены`},
		{"bad\xffbyte", "bad\uFFFDbyte"},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFolding(t *testing.T) {
	tests := []struct{ name, in string }{
		{"short", "SUMMARY:hello"},
		{"exactly 75", "SUMMARY:" + strings.Repeat("a", 67)},
		{"ascii long", "DESCRIPTION:" + strings.Repeat("abcdefghij", 30)},
		{"cyrillic", "SUMMARY:" + strings.Repeat("Обсудить поставку кирпича. ", 10)},
		{"persian", "DESCRIPTION:" + strings.Repeat("جلسه با مدیر خرید درباره قیمت\u200cها ", 10)},
		{"mixed width", "SUMMARY:" + strings.Repeat("a€ж😀", 40)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w icalWriter
			w.line(tt.in)
			out := w.buf.String()
			if !strings.HasSuffix(out, "\r\n") {
				t.Fatal("no CRLF at the end")
			}
			lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
			for i, l := range lines {
				if len(l) > 75 {
					t.Errorf("line %d has %d octets", i, len(l))
				}
				if !utf8.ValidString(l) {
					t.Errorf("line %d splits a character: %q", i, l)
				}
				if i > 0 && !strings.HasPrefix(l, " ") {
					t.Errorf("continuation %d does not start with a space", i)
				}
				if strings.ContainsAny(l, "\r\n") {
					t.Errorf("bare line break in line %d", i)
				}
			}
			if len(tt.in) > 75 && len(lines) < 2 {
				t.Error("a long line was not folded")
			}
			if got := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""); got != tt.in {
				t.Errorf("unfolded %q, want %q", got, tt.in)
			}
		})
	}
}

func TestICalendar(t *testing.T) {
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	tehran := time.FixedZone("IRST", 3*3600+1800)
	meeting := Activity{ID: "m1", Kind: KindMeeting, Subject: "Встреча с закупками; цены, сроки",
		Notes: "Повестка:\n1. Цены\n2. Сроки\\доставка", Due: time.Date(2026, 3, 3, 14, 30, 0, 0, tehran), Owner: "anna"}
	call := Activity{ID: "c1", Kind: KindCall, Subject: "تماس با مدیر خرید", Due: time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)}
	task := Activity{ID: "t1", Kind: KindTask, Subject: "Send offer", Due: time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)}
	doneTask := Activity{ID: "t2", Kind: KindTask, Subject: "Call back", DoneAt: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	note := Activity{ID: "n1", Kind: KindNote, Subject: "secret note"}
	email := Activity{ID: "e1", Kind: KindEmail, Subject: "an email", Due: now}
	undated := Activity{ID: "m2", Kind: KindMeeting, Subject: "undated"}

	out := string(ICalendar([]Activity{meeting, call, task, doneTask, note, email, undated}, "Anna, sales", now))

	if strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") || !strings.HasSuffix(out, "END:VCALENDAR\r\n") {
		t.Fatal("lines must end in CRLF")
	}
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//b2x//crm//EN\r\n",
		"X-WR-CALNAME:Anna\\, sales\r\n",
		"BEGIN:VEVENT\r\nUID:m1@b2x\r\nDTSTAMP:20260302T080000Z\r\n",
		"SUMMARY:Встреча с закупками\\; цены\\, сроки\r\n",
		"DESCRIPTION:Повестка:\\n1. Цены\\n2. Сроки\\\\доставка\r\n",
		"DTSTART:20260303T110000Z\r\nDTEND:20260303T120000Z\r\nEND:VEVENT\r\n",
		"UID:c1@b2x\r\n", "SUMMARY:تماس با مدیر خرید\r\n", "DTSTART:20260304T100000Z\r\n",
		"BEGIN:VTODO\r\nUID:t1@b2x\r\n", "DUE:20260305T090000Z\r\nSTATUS:NEEDS-ACTION\r\nEND:VTODO\r\n",
		"UID:t2@b2x\r\n", "STATUS:COMPLETED\r\nCOMPLETED:20260301T120000Z\r\n",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("missing %q in\n%s", want, unfolded)
		}
	}
	for _, absent := range []string{"secret note", "an email", "undated"} {
		if strings.Contains(unfolded, absent) {
			t.Errorf("%q should not be exported", absent)
		}
	}
	if n := strings.Count(out, "BEGIN:VEVENT"); n != 2 {
		t.Errorf("%d events, want 2", n)
	}
	if n := strings.Count(out, "BEGIN:VTODO"); n != 2 {
		t.Errorf("%d todos, want 2", n)
	}
	for i, l := range strings.Split(out, "\r\n") {
		if len(l) > 75 || !utf8.ValidString(l) {
			t.Errorf("line %d: %d octets, %q", i, len(l), l)
		}
	}
	if again := string(ICalendar([]Activity{meeting, call, task, doneTask}, "Anna, sales", now)); again != out {
		t.Error("the export is not deterministic")
	}
}
