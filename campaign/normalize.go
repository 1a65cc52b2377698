package campaign

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// defaultStockPhrases are the stock phrases S13 tells to drop ("special offer just
// for you", "we will help you develop your business", "only with us! don't miss the
// chance") and their kin, in the three languages of the seed.
var defaultStockPhrases = map[string][]string{
	"en": {
		"special offer just for you",
		"special offer for you",
		"exclusive offer just for you",
		"we will help you develop your business",
		"we will help your business grow",
		"we will take your business to the next level",
		"only with us",
		"don't miss the chance",
		"don't miss your chance",
		"don't miss out",
		"limited time offer",
		"act now",
		"once in a lifetime",
		"unique offer",
		"best price guaranteed",
		"you won't believe",
		"click here",
	},
	"ru": {
		"специальное предложение только для вас",
		"специальное предложение для вас",
		"эксклюзивное предложение для вас",
		"поможем развить ваш бизнес",
		"поможем вашему бизнесу расти",
		"выведем ваш бизнес на новый уровень",
		"только у нас",
		"только для вас",
		"не упустите шанс",
		"не упустите свой шанс",
		"не упустите возможность",
		"уникальное предложение",
		"предложение ограничено",
		"успейте купить",
		"спешите",
		"лучшая цена гарантирована",
		"нажмите здесь",
	},
	"fa": {
		"پیشنهاد ویژه فقط برای شما",
		"پیشنهاد ویژه برای شما",
		"به رشد کسب و کار شما کمک می کنیم",
		"کسب و کار شما را متحول می کنیم",
		"فقط با ما",
		"فقط نزد ما",
		"فقط برای شما",
		"فرصت را از دست ندهید",
		"این فرصت را از دست ندهید",
		"پیشنهاد استثنایی",
		"فرصت محدود",
		"عجله کنید",
		"بهترین قیمت تضمینی",
		"اینجا کلیک کنید",
	},
}

// normText is a text prepared for phrase matching: its normalised words run
// together, with marks for where each word starts and ends, so that "only with
// us", "Only   WITH us!", "onlywithus" and "only-with-us" all match the phrase
// "only with us" while "commonly with usage" does not.
type normText struct {
	s          string // the normalised words, concatenated
	start, end []bool // start[i]: a word starts at byte i of s; end[i]: a word ends there
	words      []string
}

// normalize folds s for matching: compatibility decomposition with the marks
// dropped (ё→е, й→и, آ→ا, presentation forms → letters, full-width → ASCII), lower
// case, look-alike letters folded to one skeleton (Cyrillic and Greek letters that
// look Latin, Arabic ي ى ك ة to Persian ی ی ک ه), native digits to ASCII, and every
// run of other characters (space, punctuation, ZWNJ) as a word break.
func normalize(s string) normText {
	var t normText
	var b strings.Builder
	inWord := false
	wordStart := 0
	endWord := func() {
		if inWord {
			t.words = append(t.words, b.String()[wordStart:])
			inWord = false
		}
	}
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == 'ـ' || r == '\u200d' || r == '\u00ad' {
			continue // marks, tatweel, ZWJ and soft hyphens are not letters of their own
		}
		r = fold(unicode.ToLower(r))
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			endWord()
			continue
		}
		if !inWord {
			inWord = true
			wordStart = b.Len()
		}
		b.WriteRune(r)
	}
	endWord()
	t.s = b.String()
	t.start = make([]bool, len(t.s)+1)
	t.end = make([]bool, len(t.s)+1)
	pos := 0
	for _, w := range t.words {
		t.start[pos] = true
		pos += len(w)
		t.end[pos] = true
	}
	return t
}

// fold maps a lower-case rune to its skeleton.
func fold(r rune) rune {
	switch {
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	}
	if f, ok := lookAlike[r]; ok {
		return f
	}
	return r
}

// lookAlike folds letters that look alike, lower case, to one form. Russian words
// fold too (только → тoлькo), which is harmless: phrases and text fold alike.
var lookAlike = map[rune]rune{
	// Cyrillic that looks Latin (in either case, hence н→h and т→t)
	'а': 'a', 'в': 'b', 'е': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p',
	'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's', 'һ': 'h',
	'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ү': 'y', 'ӏ': 'l',
	// Greek that looks Latin
	'α': 'a', 'β': 'b', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p',
	'τ': 't', 'υ': 'u', 'χ': 'x',
	// Arabic letters written for Persian ones, and Persian variants
	'ي': 'ی', 'ى': 'ی', 'ئ': 'ی', 'ك': 'ک', 'ة': 'ه', 'ە': 'ه', 'ۀ': 'ه', 'ٱ': 'ا',
	// dotless i, long s
	'ı': 'i', 'ſ': 's',
}

// find returns the byte offsets in t.s where the phrase p (normalised) occurs
// starting and ending on word boundaries.
func (t normText) find(p normText) []int {
	if p.s == "" || len(p.s) > len(t.s) {
		return nil
	}
	var at []int
	for i := 0; i+len(p.s) <= len(t.s); {
		j := strings.Index(t.s[i:], p.s)
		if j < 0 {
			break
		}
		j += i
		if t.start[j] && t.end[j+len(p.s)] {
			at = append(at, j)
		}
		i = j + 1
	}
	return at
}

// contains reports whether the phrase p occurs in t on word boundaries.
func (t normText) contains(p normText) bool {
	return len(t.find(p)) > 0
}

// coverage returns the share of p's words (longer than one letter, or digits)
// that occur among t's words: how much of an address is in a footer.
func (t normText) coverage(p normText) float64 {
	have := make(map[string]bool, len(t.words))
	for _, w := range t.words {
		have[w] = true
	}
	n, found := 0, 0
	for _, w := range p.words {
		if len([]rune(w)) < 2 && !isDigits(w) {
			continue
		}
		n++
		if have[w] {
			found++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(found) / float64(n)
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
