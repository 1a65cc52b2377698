package campaign

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Why each rule exists, citing the seed's requirement S13.
const (
	whySubject    = "S13: the subject is short, clear and precise; a long one is cut off in the inbox"
	whyCaps       = "S13: the subject is clear and precise; capitals read as shouting, and spam filters count them"
	whyExclaim    = "S13: the subject is clear and precise; \"!!!\" is hype, and spam filters count it"
	whyStock      = "S13: drop stock phrases such as \"special offer just for you\" or \"only with us! don't miss the chance\"; they say nothing and readers skip them"
	whyDecoration = "S13: no colourful decoration; it lands the letter in spam"
	whyLength     = "S13: no needless words; state your terms briefly"
	whyOpening    = "S13: say at the very beginning who you are and what you offer"
	whyBold       = "S13: put the key points in bold"
	whyFooter     = "S13: end with the organisation's contacts and the representative to call, give several ways to reach you (phone, email, messenger) and the physical address"
	whyUnsub      = "S13: the letter must not land in spam; a letter that cannot be unsubscribed from is reported as spam"
	whyLinks      = "S13: the letter must not land in spam; links to unknown hosts, plain http or scripts look like phishing"
	whyAlt        = "S13: images must not carry the message; where images are blocked only the alt text is seen"
	whyTextPart   = "S13: the letter must not land in spam; HTML without a plain-text part scores as spam"
)

func finding(rule string, sev Severity, where, why, format string, args ...any) Finding {
	return Finding{Rule: rule, Severity: sev, Where: where, Message: fmt.Sprintf(format, args...), Why: why}
}

// --- subject ---

func checkSubjectLength(l *letter, cfg Config) []Finding {
	const r = "subject-length"
	s := strings.TrimSpace(l.d.Subject)
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0:
		return []Finding{finding(r, Error, "subject", whySubject, "the subject is empty")}
	case n > cfg.MaxSubjectRunes:
		return []Finding{finding(r, Error, "subject", whySubject, "the subject has %d characters; keep it within %d (at most %d)", n, cfg.WarnSubjectRunes, cfg.MaxSubjectRunes)}
	case n > cfg.WarnSubjectRunes:
		return []Finding{finding(r, Warning, "subject", whySubject, "the subject has %d characters; keep it within %d", n, cfg.WarnSubjectRunes)}
	case countWords(s) < 2:
		return []Finding{finding(r, Warning, "subject", whySubject, "the subject is one word; say what the letter offers")}
	}
	return nil
}

func checkSubjectCaps(l *letter, _ Config) []Finding {
	const r = "subject-caps"
	cased, upper := 0, 0
	for _, c := range l.d.Subject {
		if unicode.IsUpper(c) {
			upper++
			cased++
		} else if unicode.IsLower(c) {
			cased++
		}
	}
	if cased >= 6 && float64(upper) >= 0.7*float64(cased) {
		return []Finding{finding(r, Error, "subject", whyCaps, "%d of the subject's %d letters are capitals", upper, cased)}
	}
	var shouting []string
	for _, w := range strings.FieldsFunc(l.d.Subject, func(c rune) bool { return !unicode.IsLetter(c) }) {
		if utf8.RuneCountInString(w) >= 5 && strings.ToUpper(w) == w && strings.ToLower(w) != w {
			shouting = append(shouting, w)
		}
	}
	if len(shouting) > 0 {
		return []Finding{finding(r, Warning, "subject", whyCaps, "words in capitals: %s", strings.Join(shouting, ", "))}
	}
	return nil
}

func checkSubjectExclaim(l *letter, _ Config) []Finding {
	const r = "subject-exclaim"
	s := strings.NewReplacer("！", "!", "‼", "!!", "⁉", "!?", "¡", "!").Replace(l.d.Subject)
	if strings.Contains(s, "!!") {
		return []Finding{finding(r, Error, "subject", whyExclaim, "the subject has a run of exclamation marks")}
	}
	if n := strings.Count(s, "!"); n > 1 {
		return []Finding{finding(r, Warning, "subject", whyExclaim, "the subject has %d exclamation marks", n)}
	}
	return nil
}

// --- stock phrases ---

type phrase struct {
	text, lang string
	norm       normText
}

func compilePhrases(cfg Config) []phrase {
	langs := make([]string, 0, len(cfg.StockPhrases))
	for lang := range cfg.StockPhrases {
		langs = append(langs, lang)
	}
	sort.Strings(langs)
	var out []phrase
	for _, lang := range langs {
		for _, p := range cfg.StockPhrases[lang] {
			if n := normalize(p); n.s != "" {
				out = append(out, phrase{text: p, lang: lang, norm: n})
			}
		}
	}
	return out
}

// stockIn returns the phrases found in t; of overlapping matches the longest is kept.
func stockIn(t normText, ps []phrase) []phrase {
	type hit struct {
		lo, hi int
		p      phrase
	}
	var hits []hit
	for _, p := range ps {
		for _, at := range t.find(p.norm) {
			hits = append(hits, hit{at, at + len(p.norm.s), p})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].hi-hits[i].lo > hits[j].hi-hits[j].lo })
	var kept []hit
	var out []phrase
	for _, h := range hits {
		if slices.ContainsFunc(kept, func(k hit) bool { return h.lo < k.hi && h.hi > k.lo }) {
			continue
		}
		kept = append(kept, h)
		if !slices.ContainsFunc(out, func(p phrase) bool { return p.text == h.p.text && p.lang == h.p.lang }) {
			out = append(out, h.p)
		}
	}
	return out
}

func checkStockPhrases(l *letter, cfg Config) []Finding {
	const r = "stock-phrase"
	ps := compilePhrases(cfg)
	var out []Finding
	report := func(t normText, sev Severity, where string) {
		for _, p := range stockIn(t, ps) {
			out = append(out, finding(r, sev, where, whyStock, "stock phrase %q (%s); say plainly what is offered", p.text, p.lang))
		}
	}
	report(l.subject, Error, "subject")
	if strings.TrimSpace(l.d.Preheader) != "" {
		report(l.preheader, Error, "preheader")
	} else if l.hidden != "" {
		report(normalize(l.hidden), Error, "preheader")
	}
	for i, b := range l.blocks {
		report(b.norm, Warning, fmt.Sprintf("body: paragraph %d", i+1))
	}
	return out
}

// --- decoration and length ---

func checkDecoration(l *letter, cfg Config) []Finding {
	const r = "decoration"
	var out []Finding
	for _, t := range l.loud {
		out = append(out, finding(r, Error, "body", whyDecoration, "%s makes text move or blink", t))
	}
	if n := len(l.colours); n > cfg.MaxColours {
		out = append(out, finding(r, Error, "body", whyDecoration, "%d colours (%s); use at most %d, ideally none", n, strings.Join(l.colours, ", "), cfg.MaxColours))
	} else if n > 0 {
		out = append(out, finding(r, Warning, "body", whyDecoration, "coloured text or background (%s); plain black on white reads as business", strings.Join(l.colours, ", ")))
	}
	limit := float64(cfg.MaxFontPx)
	if l.maxFontPx > 2*limit {
		out = append(out, finding(r, Error, "body", whyDecoration, "a font of %.0fpx (%s); body text is 14–16px, at most %dpx", l.maxFontPx, l.maxFontSrc, cfg.MaxFontPx))
	} else if l.maxFontPx > limit {
		out = append(out, finding(r, Warning, "body", whyDecoration, "a font of %.0fpx (%s); keep fonts at most %dpx", l.maxFontPx, l.maxFontSrc, cfg.MaxFontPx))
	}
	images := l.bgImages
	for _, im := range l.images {
		if !im.pixel {
			images++
		}
	}
	switch {
	case images > 0 && images > len(l.blocks):
		out = append(out, finding(r, Error, "body", whyDecoration, "%d images but %d paragraphs of text; a letter of pictures lands in spam", images, len(l.blocks)))
	case images > 0 && l.words < images*cfg.MinWordsPerImage:
		out = append(out, finding(r, Warning, "body", whyDecoration, "%d words of text for %d images; give at least %d words per image", l.words, images, cfg.MinWordsPerImage))
	}
	return out
}

func checkLength(l *letter, cfg Config) []Finding {
	const r = "length"
	switch {
	case l.words == 0:
		return []Finding{finding(r, Error, "body", whyLength, "the body has no text")}
	case l.words > cfg.MaxWords:
		return []Finding{finding(r, Warning, "body", whyLength, "the body has %d words; say it in at most %d", l.words, cfg.MaxWords)}
	}
	return nil
}

// --- opening and bold ---

// firstWords returns the beginning of s up to and including its n-th word.
func firstWords(s string, n int) string {
	count, in := 0, false
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\u200c' || r == '\'' || r == '’'
		if word && !in {
			count++
			if count > n {
				return s[:i]
			}
		}
		in = word
	}
	return s
}

func (l *letter) text(from int) string {
	var parts []string
	for _, b := range l.blocks[from:] {
		parts = append(parts, b.text)
	}
	return strings.Join(parts, "\n")
}

func checkOpening(l *letter, cfg Config) []Finding {
	const r = "opening"
	if len(l.blocks) == 0 {
		return nil // checkLength reports the empty body
	}
	org := strings.TrimSpace(cfg.Sender.Organization)
	if org == "" {
		return []Finding{finding(r, Info, "body: opening", whyOpening, "no sender organisation configured, so the opening was not checked for it")}
	}
	opening := firstWords(l.text(0), cfg.OpeningWords)
	if !normalize(opening).contains(normalize(org)) {
		return []Finding{finding(r, Error, "body: opening", whyOpening, "the first %d words do not name %s; open with who you are and what you offer", cfg.OpeningWords, org)}
	}
	return nil
}

func checkBold(l *letter, _ Config) []Finding {
	const r = "bold"
	if l.words == 0 {
		return nil
	}
	if len(l.bold) == 0 {
		msg := "no key point is in bold"
		if l.fromText {
			msg = "a plain-text letter has no bold; send HTML (or Markdown) with the key points in bold"
		}
		return []Finding{finding(r, Warning, "body", whyBold, "%s", msg)}
	}
	if l.words >= 20 && l.boldWords*2 > l.words {
		return []Finding{finding(r, Warning, "body", whyBold, "%d of %d words are bold; when everything is bold nothing is key", l.boldWords, l.words)}
	}
	return nil
}

// --- footer ---

var (
	phoneRe       = regexp.MustCompile(`\+?\d[\d\s().\-]{5,}\d`)
	messengerHost = []string{"t.me", "telegram.me", "telegram.dog", "wa.me", "whatsapp.com", "m.me", "messenger.com",
		"signal.me", "viber.com", "vk.me", "icq.im", "line.me", "eitaa.com", "ble.ir", "bale.ai", "rubika.ir", "splus.ir", "igap.net"}
	messengerScheme = []string{"tg", "viber", "skype", "whatsapp", "sgnl", "signal"}
	addressWords    = func() map[string]bool {
		m := map[string]bool{}
		for _, w := range strings.Fields(`street st str avenue ave road rd boulevard blvd lane suite floor plaza
			улица ул проспект пр пр-т переулок пер дом д офис шоссе наб набережная площадь пл корп корпус стр бульвар
			خیابان کوچه پلاک طبقه بلوار میدان واحد ساختمان`) {
			for _, t := range normalize(w).words {
				m[t] = true
			}
		}
		return m
	}()
)

// asciiDigits writes Persian and Arabic-Indic digits as ASCII ones.
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		}
		return r
	}, s)
}

func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, asciiDigits(s))
}

// samePhone compares two phone numbers by their last nine digits.
func samePhone(a, b string) bool {
	if len(a) < 7 || len(b) < 7 {
		return false
	}
	tail := func(s string) string { return s[max(0, len(s)-9):] }
	return tail(a) == tail(b)
}

// stripScheme makes "https://t.me/acme/" and "t.me/acme" compare equal.
func stripScheme(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	} else if i := strings.IndexByte(s, ':'); i > 0 && !strings.Contains(s[:i], ".") {
		s = s[i+1:]
	}
	return strings.TrimPrefix(strings.TrimRight(s, "/"), "www.")
}

func hostOf(href string) string {
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
}

// underHost reports whether host is h or a subdomain of h.
func underHost(host, h string) bool {
	h = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(h)), ".")
	return h != "" && (host == h || strings.HasSuffix(host, "."+h))
}

func checkFooter(l *letter, cfg Config) []Finding {
	const r = "contacts-footer"
	n := len(l.blocks)
	if n == 0 {
		return []Finding{finding(r, Error, "body: footer", whyFooter, "the letter has no text, so no contacts")}
	}
	start := max(0, n-max(cfg.FooterBlocks, (n+2)/3))
	where := fmt.Sprintf("body: footer (paragraphs %d–%d)", start+1, n)
	if start+1 == n {
		where = fmt.Sprintf("body: footer (paragraph %d)", n)
	}
	text := asciiDigits(l.text(start))
	norm := normalize(text)
	var hrefs []string
	for _, k := range l.links {
		if k.block >= start {
			hrefs = append(hrefs, strings.ToLower(k.href))
		}
	}
	s := cfg.Sender
	var out []Finding

	if org := strings.TrimSpace(s.Organization); org != "" && !norm.contains(normalize(org)) {
		out = append(out, finding(r, Error, where, whyFooter, "the footer does not name the organisation (%s)", org))
	}
	if rep := strings.TrimSpace(s.Representative); rep != "" && !norm.contains(normalize(rep)) {
		out = append(out, finding(r, Error, where, whyFooter, "the footer does not name the representative to call (%s)", rep))
	}
	if addr := strings.TrimSpace(s.Address); addr != "" {
		if norm.coverage(normalize(addr)) < 0.8 {
			out = append(out, finding(r, Error, where, whyFooter, "the footer lacks the physical address (%s)", addr))
		}
	} else if !addressLike(norm) {
		out = append(out, finding(r, Warning, where, whyFooter, "no postal address found in the footer (configure sender.address to check it exactly)"))
	}

	// ways to reach us, found by their form
	var phones []string
	for _, m := range phoneRe.FindAllString(text, -1) {
		if d := digitsOf(m); len(d) >= 7 && len(d) <= 15 {
			phones = append(phones, d)
		}
	}
	emails := emailRe.FindAllString(text, -1)
	var messengers []string
	for _, h := range hrefs {
		switch {
		case strings.HasPrefix(h, "tel:"):
			phones = append(phones, digitsOf(h))
		case strings.HasPrefix(h, "mailto:"):
			emails = append(emails, strings.TrimPrefix(h, "mailto:"))
		default:
			host := hostOf(h)
			scheme, _, _ := strings.Cut(h, ":")
			if slices.ContainsFunc(messengerHost, func(m string) bool { return underHost(host, m) }) || slices.Contains(messengerScheme, scheme) {
				messengers = append(messengers, h)
			}
		}
	}
	for _, m := range urlRe.FindAllString(text, -1) {
		if host := hostOf("https://" + stripScheme(m)); slices.ContainsFunc(messengerHost, func(h string) bool { return underHost(host, h) }) {
			messengers = append(messengers, m)
		}
	}
	var ways []string
	if len(phones) > 0 {
		ways = append(ways, "phone")
	}
	if len(emails) > 0 {
		ways = append(ways, "email")
	}
	if len(messengers) > 0 {
		ways = append(ways, "messenger")
	}
	if len(ways) < 2 {
		found := "none"
		if len(ways) > 0 {
			found = "only " + strings.Join(ways, ", ")
		}
		out = append(out, finding(r, Error, where, whyFooter, "the footer gives %s; give at least two ways to reach us among phone, email and messenger", found))
	}

	// the sender's own contacts, when configured
	if len(s.Phones) > 0 && !slices.ContainsFunc(s.Phones, func(p string) bool {
		return slices.ContainsFunc(phones, func(f string) bool { return samePhone(digitsOf(p), f) })
	}) {
		out = append(out, finding(r, Warning, where, whyFooter, "the footer shows none of the sender's phones (%s)", strings.Join(s.Phones, ", ")))
	}
	if len(s.Emails) > 0 && !slices.ContainsFunc(s.Emails, func(e string) bool {
		return slices.ContainsFunc(emails, func(f string) bool { return strings.EqualFold(strings.TrimSpace(e), strings.TrimSpace(f)) })
	}) {
		out = append(out, finding(r, Warning, where, whyFooter, "the footer shows none of the sender's emails (%s)", strings.Join(s.Emails, ", ")))
	}
	if len(s.Messengers) > 0 && !slices.ContainsFunc(s.Messengers, func(m string) bool {
		m = stripScheme(m)
		return m != "" && (strings.Contains(strings.ToLower(text), m) ||
			slices.ContainsFunc(hrefs, func(h string) bool { return strings.Contains(stripScheme(h), m) }))
	}) {
		out = append(out, finding(r, Warning, where, whyFooter, "the footer shows none of the sender's messengers (%s)", strings.Join(s.Messengers, ", ")))
	}
	if strings.TrimSpace(s.Organization) == "" || strings.TrimSpace(s.Representative) == "" {
		out = append(out, finding(r, Info, where, whyFooter, "no sender organisation or representative configured, so the footer was not checked for them"))
	}
	return out
}

// addressLike reports whether a text has a street-address word next to a number
// (at most two words apart): "12 Brick Street", "ул. Кирпичная, д. 12", "پلاک ۱۲".
func addressLike(t normText) bool {
	for i, w := range t.words {
		if !addressWords[w] {
			continue
		}
		for j := max(0, i-2); j <= min(len(t.words)-1, i+2); j++ {
			if isDigits(t.words[j]) {
				return true
			}
		}
	}
	return false
}

// --- unsubscribe ---

var (
	unsubWords = func() []normText {
		var out []normText
		for _, w := range []string{"unsubscribe", "unsub", "opt out", "отписаться", "отписка", "отписки",
			"отказаться от рассылки", "لغو اشتراک", "لغو عضویت", "انصراف از دریافت"} {
			out = append(out, normalize(w))
		}
		return out
	}()
	unsubPlaceholder = regexp.MustCompile(`(?i)\{\{\s*unsub[a-z_]*\s*\}\}|\*\|unsub\|\*|%unsub[a-z_]*%|\[unsub[a-z_]*\]|\$\{?unsub[a-z_]*\}?`)
)

func mentionsUnsub(s string) bool {
	if unsubPlaceholder.MatchString(s) {
		return true
	}
	n := normalize(s)
	return slices.ContainsFunc(unsubWords, n.contains)
}

func checkUnsubscribe(l *letter, _ Config) []Finding {
	const r = "unsubscribe"
	for _, k := range l.links {
		href, err := url.PathUnescape(k.href)
		if err != nil {
			href = k.href
		}
		if mentionsUnsub(href) || mentionsUnsub(k.text) {
			return nil
		}
	}
	for _, b := range l.blocks {
		if unsubPlaceholder.MatchString(b.text) {
			return nil // a merge tag the sending system turns into the link
		}
	}
	for i, b := range l.blocks {
		if mentionsUnsub(b.text) {
			return []Finding{finding(r, Error, fmt.Sprintf("body: paragraph %d", i+1), whyUnsub, "unsubscribing is mentioned but there is no unsubscribe link")}
		}
	}
	return []Finding{finding(r, Error, "body", whyUnsub, "no unsubscribe link (a link saying unsubscribe, or {{unsubscribe_url}})")}
}

// --- links and images ---

func isPlaceholder(href string) bool {
	return strings.Contains(href, "{{") || strings.Contains(strings.ToLower(href), "%7b%7b") ||
		strings.Contains(href, "*|") || strings.HasPrefix(href, "%") || strings.HasPrefix(href, "$")
}

func trunc(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

var bareHostRe = regexp.MustCompile(`(?i)^(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:[/:?#]\S*)?$`)

func checkLinkHosts(l *letter, cfg Config) []Finding {
	const r = "link-hosts"
	allowed := slices.Clone(cfg.AllowedHosts)
	for _, m := range cfg.Sender.Messengers {
		if h := hostOf("https://" + stripScheme(m)); h != "" {
			allowed = append(allowed, h)
		}
	}
	var out []Finding
	seen := map[string]bool{}
	add := func(f Finding) {
		key := f.Where + "\x00" + f.Message
		if !seen[key] {
			seen[key] = true
			out = append(out, f)
		}
	}
	check := func(href, text, where string, isImage bool) {
		if href == "" || href == "#" {
			add(finding(r, Error, where, whyLinks, "the link leads nowhere"))
			return
		}
		if isPlaceholder(href) {
			return
		}
		u, err := url.Parse(href)
		if err != nil {
			add(finding(r, Error, where, whyLinks, "the URL cannot be read"))
			return
		}
		scheme := strings.ToLower(u.Scheme)
		switch scheme {
		case "mailto", "tel", "sms", "cid":
			return
		case "javascript", "vbscript", "file":
			add(finding(r, Error, where, whyLinks, "a %s: URL; mail clients refuse it and filters flag it", scheme))
			return
		case "data":
			sev := Error
			if isImage {
				sev = Warning
			}
			add(finding(r, sev, where, whyLinks, "a data: URL; many mail clients do not show it"))
			return
		case "":
			add(finding(r, Error, where, whyLinks, "a relative link; it does not resolve in a mail client"))
			return
		case "http", "https":
		default:
			if slices.Contains(messengerScheme, scheme) {
				return
			}
			add(finding(r, Warning, where, whyLinks, "an unusual %s: link", scheme))
			return
		}
		host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
		if host == "" {
			add(finding(r, Error, where, whyLinks, "the URL has no host"))
			return
		}
		if u.User != nil {
			add(finding(r, Error, where, whyLinks, "the URL hides its host %s behind %q", host, u.User.Username()+"@"))
		}
		if scheme == "http" {
			add(finding(r, Warning, where, whyLinks, "plain http; use https"))
		}
		if len(cfg.AllowedHosts) > 0 && !slices.ContainsFunc(allowed, func(h string) bool { return underHost(host, h) }) {
			add(finding(r, Error, where, whyLinks, "host %s is not among the allowed hosts (%s)", host, strings.Join(cfg.AllowedHosts, ", ")))
		}
		if m := bareHostRe.FindStringSubmatch(strings.TrimSpace(text)); m != nil {
			shown := strings.TrimPrefix(strings.ToLower(m[1]), "www.")
			if goes := strings.TrimPrefix(host, "www."); !underHost(goes, shown) && !underHost(shown, goes) {
				add(finding(r, Error, where, whyLinks, "the link text shows %s but the link goes to %s", shown, host))
			}
		}
	}
	for _, k := range l.links {
		check(k.href, k.text, "link "+trunc(k.href, 80), false)
	}
	for i, im := range l.images {
		if im.src == "" {
			continue // image-alt and the mail client deal with an image without a source
		}
		check(im.src, "", fmt.Sprintf("image %d %s", i+1, trunc(im.src, 80)), true)
	}
	if len(cfg.AllowedHosts) == 0 && (len(l.links) > 0 || len(l.images) > 0) {
		out = append(out, finding(r, Info, "body", whyLinks, "no allowed hosts configured, so link hosts were not checked"))
	}
	return out
}

func checkImageAlt(l *letter, _ Config) []Finding {
	const r = "image-alt"
	var out []Finding
	for i, im := range l.images {
		if im.pixel {
			continue
		}
		where := fmt.Sprintf("image %d", i+1)
		if im.src != "" {
			where += " " + trunc(im.src, 80)
		}
		switch {
		case !im.hasAlt:
			out = append(out, finding(r, Error, where, whyAlt, "the image has no alt text"))
		case im.alt == "":
			out = append(out, finding(r, Error, where, whyAlt, "the image's alt text is empty"))
		}
	}
	return out
}

func checkTextPart(l *letter, _ Config) []Finding {
	if strings.TrimSpace(l.d.HTML) != "" && strings.TrimSpace(l.d.Text) == "" {
		return []Finding{finding("text-part", Info, "body", whyTextPart, "the letter has HTML but no plain-text part")}
	}
	return nil
}
