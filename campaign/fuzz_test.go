package campaign

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func seedFiles(f *testing.F, ext string) {
	names, err := filepath.Glob(filepath.Join("testdata", "*"+ext))
	if err != nil {
		f.Fatal(err)
	}
	for _, n := range names {
		src, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
}

// checkFindings is what every Lint result must satisfy, whatever the input.
func checkFindings(t *testing.T, fs []Finding) {
	t.Helper()
	names := RuleNames()
	for _, f := range fs {
		if !slices.Contains(names, f.Rule) {
			t.Fatalf("unknown rule %q", f.Rule)
		}
		if f.Severity != Error && f.Severity != Warning && f.Severity != Info {
			t.Fatalf("severity %q", f.Severity)
		}
		if f.Where == "" || f.Message == "" || !strings.HasPrefix(f.Why, "S13") {
			t.Fatalf("unexplained finding %+v", f)
		}
	}
}

func FuzzParseMarkdown(f *testing.F) {
	seedFiles(f, ".md")
	for _, s := range []string{"", "Subject: x", "Subject: x\n\n", "Subject: x\nPreheader: y\n\n**b** <img src=a>",
		"Subject: a\n\n[u](javascript:x) ![i](http://h/i.png) <font size=+9 color=#f00>", "Subject:\xff\n\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := ParseMarkdown(src)
		if err != nil {
			return
		}
		if !utf8.ValidString(d.Subject) || !utf8.ValidString(d.HTML) {
			t.Fatalf("invalid UTF-8 out of valid input")
		}
		checkFindings(t, Lint(d, acmeCfg))
	})
}

func FuzzParseEML(f *testing.F) {
	seedFiles(f, ".eml")
	for _, s := range []string{
		"Subject: x\r\n\r\nbody",
		"Subject: =?utf-8?b?0JTQvtGB?=\r\nContent-Type: text/html; charset=windows-1251\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>=E4=EE</p>",
		"Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--\r\n--a--\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := ParseEML(bytes.NewReader(src))
		if err != nil {
			return
		}
		if !utf8.ValidString(d.HTML) || !utf8.ValidString(d.Text) || !utf8.ValidString(d.Subject) {
			t.Fatalf("invalid UTF-8 out of ParseEML")
		}
		checkFindings(t, Lint(d, acmeCfg))
	})
}

func FuzzLint(f *testing.F) {
	good := readMarkdown(f, "good_en.md")
	f.Add(good.Subject, good.Preheader, good.HTML, good.Text)
	bad := readEML(f, "bad.eml")
	f.Add(bad.Subject, bad.Preheader, bad.HTML, bad.Text)
	f.Add("", "", "", "")
	f.Add("!!", "\u200c", "<p style='font:bold 99px/1 x;color:rgb(1,2)'><a href='http://[::1'>x</a><img width=1>", "www. @ +1 (2")
	f.Add("ОНLY", "", strings.Repeat("<div>", 2000), "")
	f.Fuzz(func(t *testing.T, subject, preheader, html, text string) {
		fs := Lint(Draft{Subject: subject, Preheader: preheader, HTML: html, Text: text}, acmeCfg)
		checkFindings(t, fs)
		if !slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == Error }) && strings.TrimSpace(subject) == "" {
			t.Fatal("an empty subject must be an error")
		}
	})
}
