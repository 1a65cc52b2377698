package campaign

import (
	"strings"
	"testing"
)

// checkOne runs one rule on a draft.
func checkOne(t *testing.T, rule string, d Draft, cfg Config) []Finding {
	t.Helper()
	for _, r := range rules {
		if r.name == rule {
			return r.check(analyze(d), cfg.withDefaults())
		}
	}
	t.Fatalf("no rule %s", rule)
	return nil
}

// worst is the most severe finding's severity, "" for none.
func worst(fs []Finding) Severity {
	var w Severity
	rank := map[Severity]int{"": 0, Info: 1, Warning: 2, Error: 3}
	for _, f := range fs {
		if rank[f.Severity] > rank[w] {
			w = f.Severity
		}
	}
	return w
}

const okSubject = "Brick delivery to your site within 48 hours"

// body makes an HTML letter of paragraphs; a part starting with "<" is kept as it is.
func body(parts ...string) Draft {
	var b strings.Builder
	for _, p := range parts {
		if strings.HasPrefix(p, "<") {
			b.WriteString(p)
		} else {
			b.WriteString("<p>" + p + "</p>")
		}
		b.WriteString("\n")
	}
	return Draft{Subject: okSubject, HTML: b.String(), Text: "plain part"}
}

func subject(s string) Draft { return Draft{Subject: s, HTML: "<p>text</p>", Text: "text"} }

const (
	opening = "Acme Bricks makes fired clay bricks and delivers them to building sites within 48 hours."
	footer  = `<p>Acme Bricks<br>Anna Petrova, account manager<br>Phone: +44 20 7946 0958<br>` +
		`Email: <a href="mailto:anna@acme-bricks.example">anna@acme-bricks.example</a><br>` +
		`Telegram: <a href="https://t.me/acmebricks">t.me/acmebricks</a><br>12 Brick Street, London EC1A 1BB</p>`
	unsub = `<p><a href="https://acme-bricks.example/unsubscribe">Unsubscribe</a></p>`
)

func words(n int) string {
	return strings.TrimSpace(strings.Repeat("brick ", n))
}

type ruleCase struct {
	name  string
	draft Draft
	cfg   Config
	want  Severity // the worst finding of the rule; "" for none
}

func runRuleCases(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := c.cfg
			if cfg.StockPhrases == nil && cfg.Sender.Organization == "" && cfg.MaxWords == 0 {
				cfg = acmeCfg
			}
			fs := checkOne(t, rule, c.draft, cfg)
			if got := worst(fs); got != c.want {
				t.Errorf("%s: worst finding %q, want %q:%s", rule, got, c.want, dump(fs))
			}
			for _, f := range fs {
				if f.Rule != rule || f.Where == "" || !strings.HasPrefix(f.Why, "S13") {
					t.Errorf("badly formed finding %+v", f)
				}
			}
		})
	}
}

func TestRuleSubjectLength(t *testing.T) {
	runRuleCases(t, "subject-length", []ruleCase{
		{"short and specific", subject(okSubject), Config{}, ""},
		{"persian short", subject("تحویل آجر در محل پروژه ظرف ۴۸ ساعت"), Config{}, ""},
		{"over 50", subject("Brick delivery to your building site within 48 hours, unloading included"), Config{}, Warning},
		{"over 78", subject("Brick delivery to your building site within 48 hours, unloading included, pay in 30 days"), Config{}, Error},
		{"empty", subject("   "), Config{}, Error},
		{"one word", subject("Bricks"), Config{}, Warning},
	})
}

func TestRuleSubjectCaps(t *testing.T) {
	runRuleCases(t, "subject-caps", []ruleCase{
		{"sentence case", subject(okSubject), Config{}, ""},
		{"acronyms", subject("VAT-free B2B prices for your ERP"), Config{}, ""},
		{"persian has no case", subject("تحویل آجر ظرف ۴۸ ساعت"), Config{}, ""},
		{"all caps", subject("BRICK DELIVERY WITHIN 48 HOURS"), Config{}, Error},
		{"russian caps", subject("ДОСТАВКА КИРПИЧА ЗА 48 ЧАСОВ"), Config{}, Error},
		{"one shouting word", subject("Brick delivery TODAY within 48 hours"), Config{}, Warning},
	})
}

func TestRuleSubjectExclaim(t *testing.T) {
	runRuleCases(t, "subject-exclaim", []ruleCase{
		{"none", subject(okSubject), Config{}, ""},
		{"one", subject("New brick prices from March!"), Config{}, ""},
		{"run", subject("New brick prices!!!"), Config{}, Error},
		{"full-width run", subject("New brick prices！！"), Config{}, Error},
		{"double mark", subject("New brick prices‼"), Config{}, Error},
		{"scattered", subject("New! Brick prices!"), Config{}, Warning},
	})
}

func TestRuleStockPhrase(t *testing.T) {
	custom := DefaultConfig()
	custom.StockPhrases = map[string][]string{"en": {"synergy"}}
	none := DefaultConfig()
	none.StockPhrases = map[string][]string{}
	runRuleCases(t, "stock-phrase", []ruleCase{
		{"plain", body(opening, "From March a brick costs 0.80 EUR."), Config{}, ""},
		{"in the subject", Draft{Subject: "Bricks: Only   WITH us!", HTML: "<p>x</p>"}, Config{}, Error},
		{"in the preheader", Draft{Subject: okSubject, Preheader: "Don't miss the chance", HTML: "<p>x</p>"}, Config{}, Error},
		{"in the hidden preheader", body(`<span style="display:none">Special offer just for you</span>`, opening), Config{}, Error},
		{"in the body", body(opening, "Only with us you get bricks."), Config{}, Warning},
		{"look-alike letters", body(opening, "\u043enly with us"), Config{}, Warning},
		{"russian", body("Не упустите шанс купить кирпич."), Config{}, Warning},
		{"russian with ё", body("Специальное предложение только для вас!"), Config{}, Warning},
		{"persian with arabic letters", body("پيشنهاد ويژه فقط براي شما"), Config{}, Warning},
		{"persian with zwnj", body("ما به رشد کسب\u200cوکار شما کمک می\u200cکنیم"), Config{}, Warning},
		{"configured phrase", body("Real synergy!"), custom, Warning},
		{"no phrases configured", body("Only with us!"), none, ""},
	})
	// the longest of overlapping phrases is reported, once
	fs := checkOne(t, "stock-phrase", body("Специальное предложение только для вас"), DefaultConfig())
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "специальное предложение только для вас") {
		t.Errorf("overlapping phrases:%s", dump(fs))
	}
	if fs[0].Where != "body: paragraph 1" {
		t.Errorf("where %q", fs[0].Where)
	}
}

func TestRuleDecoration(t *testing.T) {
	text := words(120)
	runRuleCases(t, "decoration", []ruleCase{
		{"plain", body(text), Config{}, ""},
		{"greys are not colour", body(`<p style="color:#333;background-color:#f4f4f4">`+text+`</p>`, `<p style="color:rgb(120,120,120)">x</p>`), Config{}, ""},
		{"one colour", body(`<p style="color:#0055aa">` + text + `</p>`), Config{}, Warning},
		{"font colour", body(`<p><font color="red">` + text + `</font></p>`), Config{}, Warning},
		{"many colours", body(`<p style="color:red">`+text+`</p>`, `<p style="color:green;background:yellow">x</p>`), Config{}, Error},
		{"colours in a style sheet", body(`<style>h1{color:red} p{color:#00ff00} a{color:blue}</style>`, text), Config{}, Error},
		{"colour word in an image url is no colour", body(`<p style="background:url(red.png)">` + text + `</p>`), Config{}, ""},
		{"big font", body(`<p style="font-size:24px">` + text + `</p>`), Config{}, Warning},
		{"huge font", body(`<p style="font-size:36pt">` + text + `</p>`), Config{}, Error},
		{"font tag", body(`<p><font size="7">` + text + `</font></p>`), Config{}, Error},
		{"marquee", body(`<marquee>` + text + `</marquee>`), Config{}, Error},
		{"one image with text", body(`<p><img src="https://acme-bricks.example/logo.png" alt="Acme"></p>`, text), Config{}, ""},
		{"tracking pixel", body(text, `<img src="https://acme-bricks.example/o.gif" width="1" height="1">`), Config{}, ""},
		{"image-heavy", body(`<img src="a.png" alt="a"><img src="b.png" alt="b">`, "Buy bricks."), Config{}, Error},
		{"little text per image", body(`<img src="a.png" alt="a">`, "Buy bricks now.", "From Acme."), Config{}, Warning},
	})
}

func TestRuleLength(t *testing.T) {
	runRuleCases(t, "length", []ruleCase{
		{"short", body(words(150)), Config{}, ""},
		{"too long", body(words(200), words(150)), Config{}, Warning},
		{"empty", body(`<img src="a.png" alt="a">`), Config{}, Error},
		{"plain text", Draft{Subject: okSubject, Text: words(100)}, Config{}, ""},
	})
}

func TestRuleOpening(t *testing.T) {
	unconfigured := DefaultConfig()
	runRuleCases(t, "opening", []ruleCase{
		{"names us first", body(opening, words(100)), Config{}, ""},
		{"after a greeting", body("Dear Mr Smith,", opening), Config{}, ""},
		{"in other letters", body("ACME BRICKS: delivery in 48 hours.", words(60)), Config{}, ""},
		{"only at the end", body("Dear friend, we have news for you.", words(60), "Acme Bricks"), Config{}, Error},
		{"not configured", body(words(10)), unconfigured, Info},
		{"russian", body("«Кирпичный двор» доставляет кирпич за 48 часов."), configFor(kirpich), ""},
		{"persian with arabic kaf", body("شركت آجر نوين آجر می\u200cفروشد."), configFor(ajor), ""},
	})
}

func TestRuleBold(t *testing.T) {
	runRuleCases(t, "bold", []ruleCase{
		{"strong", body(words(30), "<p>Price: <strong>0.80 EUR</strong></p>"), Config{}, ""},
		{"b", body(words(30), "<p>Price: <b>0.80 EUR</b></p>"), Config{}, ""},
		{"css weight", body(words(30), `<p>Price: <span style="font-weight:700">0.80 EUR</span></p>`), Config{}, ""},
		{"markdown", readMarkdown(t, "good_en.md"), Config{}, ""},
		{"none", body(words(30)), Config{}, Warning},
		{"plain text", Draft{Subject: okSubject, Text: words(30)}, Config{}, Warning},
		{"all bold", body("<p><b>" + words(40) + "</b></p>"), Config{}, Warning},
	})
}

func TestRuleContactsFooter(t *testing.T) {
	noRep := strings.Replace(footer, "Anna Petrova, account manager<br>", "", 1)
	noAddr := strings.Replace(footer, "12 Brick Street, London EC1A 1BB", "", 1)
	phoneOnly := `<p>Acme Bricks<br>Anna Petrova<br>Phone: +44 20 7946 0958<br>12 Brick Street, London EC1A 1BB</p>`
	otherPhone := strings.Replace(footer, "+44 20 7946 0958", "+44 20 1111 2222", 1)
	addrSplit := strings.Replace(footer, "12 Brick Street, London EC1A 1BB", "12, Brick Street<br>London<br>EC1A 1BB", 1)
	unconfigured := DefaultConfig()
	runRuleCases(t, "contacts-footer", []ruleCase{
		{"complete", body(opening, words(50), footer, unsub), Config{}, ""},
		{"address over lines", body(opening, words(50), addrSplit, unsub), Config{}, ""},
		{"no representative", body(opening, words(50), noRep, unsub), Config{}, Error},
		{"no address", body(opening, words(50), noAddr, unsub), Config{}, Error},
		{"one way to reach us", body(opening, words(50), phoneOnly, unsub), Config{}, Error},
		{"contacts only at the top", body(footer, words(50), words(50), words(50), words(50), unsub), Config{}, Error},
		{"another phone", body(opening, words(50), otherPhone, unsub), Config{}, Warning},
		{"not configured, address found", body(opening, footer, unsub), unconfigured, Info},
		{"not configured, no address", body(opening, noAddr, unsub), unconfigured, Warning},
		{"persian digits", body("آجر نوین", `<p>شرکت آجر نوین<br>سارا احمدی<br>تلفن: ۰۲۱-۸۸۷۷۶۶۵۵<br>ایمیل: sara@ajornovin.example<br>تهران، خیابان آزادی، پلاک ۱۲، طبقه ۳</p>`),
			configFor(Sender{Organization: ajor.Organization, Representative: ajor.Representative, Address: ajor.Address, Phones: ajor.Phones, Emails: ajor.Emails}), ""},
	})
}

func TestRuleUnsubscribe(t *testing.T) {
	runRuleCases(t, "unsubscribe", []ruleCase{
		{"link text", body(opening, unsub), Config{}, ""},
		{"url", body(opening, `<p><a href="https://acme-bricks.example/unsubscribe?u=1">Stop these letters</a></p>`), Config{}, ""},
		{"opt-out url", body(opening, `<p><a href="https://acme-bricks.example/opt-out">Stop</a></p>`), Config{}, ""},
		{"merge tag", body(opening, `<p><a href="{{unsubscribe_url}}">Stop these letters</a></p>`), Config{}, ""},
		{"merge tag in markdown", readMarkdown(t, "good_en.md"), Config{}, ""},
		{"mailchimp tag", body(opening, `<p><a href="*|UNSUB|*">Stop</a></p>`), Config{}, ""},
		{"russian", body(opening, `<p><a href="https://kirpich.example/x">Отписаться</a></p>`), Config{}, ""},
		{"persian", body(opening, `<p><a href="https://ajornovin.example/x">لغو اشتراک</a></p>`), Config{}, ""},
		{"none", body(opening, footer), Config{}, Error},
		{"said but not linked", body(opening, "To unsubscribe, write to us."), Config{}, Error},
	})
}

func TestRuleLinkHosts(t *testing.T) {
	a := func(href, text string) Draft { return body(opening, `<p><a href="`+href+`">`+text+`</a></p>`) }
	runRuleCases(t, "link-hosts", []ruleCase{
		{"allowed", a("https://acme-bricks.example/specs", "specs"), Config{}, ""},
		{"subdomain", a("https://shop.acme-bricks.example/", "shop"), Config{}, ""},
		{"messenger of the sender", a("https://t.me/acmebricks", "Telegram"), Config{}, ""},
		{"mailto and tel", body(`<p><a href="mailto:a@b.example">mail</a> <a href="tel:+44207">call</a></p>`), Config{}, ""},
		{"merge tag", a("{{unsubscribe_url}}", "unsubscribe"), Config{}, ""},
		{"text shows the same host", a("https://acme-bricks.example/specs", "www.acme-bricks.example/specs"), Config{}, ""},
		{"other host", a("https://bit.example/x", "specs"), Config{}, Error},
		{"look-alike host", a("https://acme-bricks.example.evil.example/", "specs"), Config{}, Error},
		{"plain http", a("http://acme-bricks.example/specs", "specs"), Config{}, Warning},
		{"javascript", a("javascript:alert(1)", "specs"), Config{}, Error},
		{"javascript in capitals", a("JavaScript:alert(1)", "specs"), Config{}, Error},
		{"relative", a("/specs", "specs"), Config{}, Error},
		{"nowhere", a("#", "specs"), Config{}, Error},
		{"user info trick", a("https://acme-bricks.example@evil.example/", "specs"), Config{}, Error},
		{"text shows another host", a("https://acme-bricks.example/x", "paypal.example"), Config{}, Error},
		{"image from another host", body(opening, `<img src="https://cdn.other.example/a.png" alt="a">`), Config{}, Error},
		{"cid image", body(opening, `<img src="cid:logo@acme" alt="a">`), Config{}, ""},
		{"hosts not configured", a("https://bit.example/x", "specs"), configFor(acme), Info},
	})
}

func TestRuleImageAlt(t *testing.T) {
	runRuleCases(t, "image-alt", []ruleCase{
		{"alt", body(`<img src="https://acme-bricks.example/a.png" alt="Red brick, 240×115×71 mm">`), Config{}, ""},
		{"no images", body(opening), Config{}, ""},
		{"tracking pixel", body(`<img src="https://acme-bricks.example/o.gif" width="1" height="1">`), Config{}, ""},
		{"no alt", body(`<img src="https://acme-bricks.example/a.png">`), Config{}, Error},
		{"empty alt", body(`<img src="https://acme-bricks.example/a.png" alt="  ">`), Config{}, Error},
	})
}

func TestRuleTextPart(t *testing.T) {
	runRuleCases(t, "text-part", []ruleCase{
		{"html and text", body(opening), Config{}, ""},
		{"text only", Draft{Subject: okSubject, Text: opening}, Config{}, ""},
		{"html only", Draft{Subject: okSubject, HTML: "<p>" + opening + "</p>"}, Config{}, Info},
	})
}

func TestEveryRuleHasATable(t *testing.T) {
	// a guard: a new rule needs its table test above
	want := []string{"subject-length", "subject-caps", "subject-exclaim", "stock-phrase", "decoration", "length",
		"opening", "bold", "contacts-footer", "unsubscribe", "link-hosts", "image-alt", "text-part"}
	if got := strings.Join(RuleNames(), ","); got != strings.Join(want, ",") {
		t.Errorf("rules %s", got)
	}
}
