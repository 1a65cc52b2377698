package campaign

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The senders of the test letters in testdata.
var (
	acme = Sender{Organization: "Acme Bricks", Representative: "Anna Petrova", Address: "12 Brick Street, London EC1A 1BB",
		Phones: []string{"+44 20 7946 0958"}, Emails: []string{"anna@acme-bricks.example"}, Messengers: []string{"https://t.me/acmebricks"}}
	kirpich = Sender{Organization: "Кирпичный двор", Representative: "Анна Петрова", Address: "Москва, ул. Кирпичная, д. 12, офис 3",
		Phones: []string{"+7 (495) 123-45-67"}, Emails: []string{"anna@kirpich.example"}, Messengers: []string{"wa.me/74951234567"}}
	ajor = Sender{Organization: "آجر نوین", Representative: "سارا احمدی", Address: "تهران، خیابان آزادی، پلاک ۱۲، طبقه ۳",
		Phones: []string{"021 8877 6655"}, Emails: []string{"sara@ajornovin.example"}, Messengers: []string{"https://t.me/ajornovin"}}
)

func configFor(s Sender, hosts ...string) Config {
	c := DefaultConfig()
	c.Sender = s
	c.AllowedHosts = hosts
	return c
}

var acmeCfg = configFor(acme, "acme-bricks.example")

func readMarkdown(t testing.TB, name string) Draft {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParseMarkdown(src)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return d
}

func readEML(t testing.TB, name string) Draft {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := ParseEML(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return d
}

func dump(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\n  " + string(f.Severity) + " " + f.Rule + " " + f.Where + ": " + f.Message)
	}
	return b.String()
}

func TestGoodLettersPass(t *testing.T) {
	cases := []struct {
		name  string
		draft Draft
		cfg   Config
	}{
		{"en markdown", readMarkdown(t, "good_en.md"), acmeCfg},
		{"ru markdown", readMarkdown(t, "good_ru.md"), configFor(kirpich, "kirpich.example")},
		{"fa markdown", readMarkdown(t, "good_fa.md"), configFor(ajor, "ajornovin.example")},
		{"ru eml", readEML(t, "good_ru.eml"), configFor(kirpich, "kirpich.example")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := Lint(c.draft, c.cfg)
			if HasErrors(fs) {
				t.Fatalf("errors in a good letter:%s", dump(fs))
			}
			if len(fs) > 0 {
				t.Errorf("a good letter should have no findings at all:%s", dump(fs))
			}
		})
	}
}

func TestBadLetterHitsEveryRule(t *testing.T) {
	d := readEML(t, "bad.eml")
	fs := Lint(d, acmeCfg)
	if !HasErrors(fs) {
		t.Fatal("the bad letter has no errors")
	}
	for _, rule := range RuleNames() {
		if !slices.ContainsFunc(fs, func(f Finding) bool { return f.Rule == rule }) {
			t.Errorf("rule %s did not fire:%s", rule, dump(fs))
		}
	}
	for _, f := range fs {
		if f.Where == "" || f.Message == "" || !strings.Contains(f.Why, "S13") {
			t.Errorf("finding not explained: %+v", f)
		}
	}
	// the Markdown bad letter is refused too, with the subject's stock phrases as errors
	md := Lint(readMarkdown(t, "bad.md"), acmeCfg)
	for _, want := range []string{"special offer just for you", "only with us", "don't miss the chance"} {
		if !slices.ContainsFunc(md, func(f Finding) bool {
			return f.Rule == "stock-phrase" && f.Where == "subject" && f.Severity == Error && strings.Contains(f.Message, want)
		}) {
			t.Errorf("subject stock phrase %q not found:%s", want, dump(md))
		}
	}
	if !slices.ContainsFunc(md, func(f Finding) bool {
		return f.Rule == "stock-phrase" && f.Where == "preheader" && f.Severity == Error
	}) {
		t.Errorf("preheader stock phrase not found:%s", dump(md))
	}
}

func TestParseEML(t *testing.T) {
	d := readEML(t, "good_ru.eml")
	if d.Subject != "Доставка кирпича на объект за 48 часов" {
		t.Errorf("subject %q", d.Subject)
	}
	if d.Preheader != "Оптовые цены для подрядчиков до июня" {
		t.Errorf("preheader %q", d.Preheader)
	}
	if !strings.Contains(d.Text, "«Кирпичный двор» производит") || !strings.Contains(d.Text, "закреплённые") {
		t.Errorf("windows-1251 quoted-printable text part not decoded: %q", d.Text[:min(80, len(d.Text))])
	}
	if !strings.Contains(d.HTML, "<strong>доставка на объект") {
		t.Errorf("base64 HTML part not decoded")
	}

	plain := "From: a@b.example\r\nSubject: =?UTF-8?Q?Caf=C3=A9_prices?=\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nHello =E2=80=94 world=\r\n!\r\n"
	d, err := ParseEML(strings.NewReader(plain))
	if err != nil {
		t.Fatal(err)
	}
	if d.Subject != "Café prices" || d.Text != "Hello — world!\n" || d.HTML != "" {
		t.Errorf("got %+v", d)
	}

	bad := []struct{ name, src string }{
		{"no headers", "this is not a message"},
		{"bad content type", "Subject: x\r\nContent-Type: text/\r\n\r\nbody"},
		{"multipart without boundary", "Subject: x\r\nContent-Type: multipart/alternative\r\n\r\nbody"},
		{"broken multipart", "Subject: x\r\nContent-Type: multipart/alternative; boundary=zz\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\nunfinished"},
		{"bad base64", "Subject: x\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!notbase64!!!"},
		{"unknown charset", "Subject: x\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\nbody"},
		{"invalid utf-8", "Subject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\xff\xfe body"},
		{"no text part", "Subject: x\r\nContent-Type: image/png\r\n\r\nPNG"},
		{"unknown transfer encoding", "Subject: x\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: x-uue\r\n\r\nbody"},
	}
	for _, c := range bad {
		if _, err := ParseEML(strings.NewReader(c.src)); err == nil {
			t.Errorf("%s: no error", c.name)
		} else if !strings.Contains(err.Error(), "malformed draft") {
			t.Errorf("%s: %v does not wrap ErrMalformed", c.name, err)
		}
	}
}

func TestParseMarkdown(t *testing.T) {
	d, err := ParseMarkdown([]byte("\uFEFFSubject:  Brick prices \r\nPreheader: until June\r\n\r\nHello **key** [site](https://a.example)\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Subject != "Brick prices" || d.Preheader != "until June" {
		t.Errorf("headers %+v", d)
	}
	if !strings.Contains(d.HTML, "<strong>key</strong>") || !strings.Contains(d.HTML, `href="https://a.example"`) {
		t.Errorf("html %q", d.HTML)
	}
	if d, err := ParseMarkdown([]byte("subject: only a subject")); err != nil || d.Subject != "only a subject" {
		t.Errorf("subject only: %+v %v", d, err)
	}
	// raw HTML is kept so that its decoration is checked
	if d, _ := ParseMarkdown([]byte("Subject: s\n\n<font color=red>hi</font>")); !strings.Contains(d.HTML, "<font color=red>") {
		t.Errorf("raw HTML dropped: %q", d.HTML)
	}
	bad := []string{
		"",
		"\n\n",
		"Hello\n\nbody",
		"Preheader: p\nSubject: s\n\nbody",
		"Subject: a\nSubject: b\n\nbody",
		"Subject: a\nPreheader: b\nPreheader: c\n\nbody",
		"Subject: a\nbody right after",
		"Subject: \xff\n\nbody",
		"Subject: a\n\nbody\x00",
	}
	for _, src := range bad {
		if _, err := ParseMarkdown([]byte(src)); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
}

func TestNormalizeMatches(t *testing.T) {
	cases := []struct {
		phrase, text string
		want         bool
	}{
		{"only with us", "Only   WITH us!", true},
		{"only with us", "only with us", true},
		{"only with us", "\u043enly with us", true},           // Cyrillic о
		{"only with us", "\u041eNLY WI\u0422\u041d US", true}, // Cyrillic О, Т and Н
		{"only with us", "only-with-us", true},
		{"only with us", "onlywithus", true},
		{"only with us", "ｏｎｌｙ　ｗｉｔｈ　ｕｓ", true}, // full-width
		{"only with us", "commonly with usage", false},
		{"only with us", "only with user", false},
		{"don't miss the chance", "Dont miss the chance", true},
		{"don't miss the chance", "DON’T MISS THE CHANCE!!!", true},
		{"не упустите шанс", "НЕ   УПУСТИТЕ ШАНС!", true},
		{"не упустите шанс", "нe yпустите шaнс", true}, // Latin e, y, a inside Russian
		{"поможем развить ваш бизнес", "Мы поможем развить Ваш бизнес.", true},
		{"закреплённые цены", "закрепленные цены", true}, // ё→е
		{"только у нас", "только у насос", false},
		{"پیشنهاد ویژه فقط برای شما", "پيشنهاد ويژه فقط براي شما", true},                        // Arabic ي
		{"به رشد کسب و کار شما کمک می کنیم", "به رشد کسب\u200cوکار شما كمك مي\u200cكنيم", true}, // ZWNJ, Arabic ك ي
		{"فرصت را از دست ندهید", "فرصت را از دست ندهید!", true},
		{"فقط با ما", "فقط باما", true},
		{"فقط با ما", "فقط با مادر", false},
		{"۴۸ ساعت", "48 ساعت", true},
	}
	for _, c := range cases {
		if got := normalize(c.text).contains(normalize(c.phrase)); got != c.want {
			t.Errorf("%q in %q: got %v, want %v", c.phrase, c.text, got, c.want)
		}
	}
}

func TestDefaultConfigHasPhrasesInThreeLanguages(t *testing.T) {
	cfg := DefaultConfig()
	for _, lang := range []string{"en", "ru", "fa"} {
		if len(cfg.StockPhrases[lang]) < 4 {
			t.Errorf("%s: %d phrases", lang, len(cfg.StockPhrases[lang]))
		}
	}
	// DefaultConfig hands out copies
	cfg.StockPhrases["en"][0] = "changed"
	if DefaultConfig().StockPhrases["en"][0] == "changed" {
		t.Error("DefaultConfig shares its phrase lists")
	}
}

func TestWithDefaults(t *testing.T) {
	// a zero Config still checks with the default limits
	fs := Lint(Draft{Subject: strings.Repeat("word ", 20), HTML: "<p>hi</p>"}, Config{})
	if !slices.ContainsFunc(fs, func(f Finding) bool { return f.Rule == "subject-length" && f.Severity == Error }) {
		t.Errorf("zero config did not use the default subject limit:%s", dump(fs))
	}
}

func TestCount(t *testing.T) {
	fs := []Finding{{Severity: Error}, {Severity: Warning}, {Severity: Warning}, {Severity: Info}}
	if e, w, i := Count(fs); e != 1 || w != 2 || i != 1 {
		t.Errorf("Count = %d %d %d", e, w, i)
	}
	if HasErrors(fs[1:]) || !HasErrors(fs) {
		t.Error("HasErrors")
	}
}

func BenchmarkLint(b *testing.B) {
	d := readMarkdown(b, "good_en.md")
	for b.Loop() {
		Lint(d, acmeCfg)
	}
}

func BenchmarkParseAndLint(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "good_en.md"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		d, err := ParseMarkdown(src)
		if err != nil {
			b.Fatal(err)
		}
		Lint(d, acmeCfg)
	}
}

func BenchmarkParseEMLAndLint(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "good_ru.eml"))
	if err != nil {
		b.Fatal(err)
	}
	cfg := configFor(kirpich, "kirpich.example")
	for b.Loop() {
		d, err := ParseEML(bytes.NewReader(src))
		if err != nil {
			b.Fatal(err)
		}
		Lint(d, cfg)
	}
}

func TestSegmentCardHolders(t *testing.T) {
	s := Segment{Audience: AudienceConsumers, CardHolders: true}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if !s.Match(Profile{Person: true, LoyaltyTier: "basic"}) || s.Match(Profile{Person: true}) {
		t.Error("card_holders must match holders only")
	}
	if err := (Segment{Audience: AudienceB2B, CardHolders: true}).Validate(); err == nil || !strings.Contains(err.Error(), "card_holders") {
		t.Errorf("b2b card holders: %v", err)
	}
}
