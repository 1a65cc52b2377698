package campaign

import (
	"html"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// letter is a draft read once for all the rules: its body as paragraphs of visible
// text, with the links, images, bold runs and decoration found in it.
type letter struct {
	d         Draft
	fromText  bool // the body is Draft.Text (there was no HTML)
	subject   normText
	preheader normText

	blocks    []block
	links     []link
	images    []image
	bold      []string // the text of each bold run
	boldWords int
	words     int

	colours    []string // distinct chromatic colours, in order of appearance
	maxFontPx  float64
	maxFontSrc string // how the biggest font was asked for, e.g. "font-size: 32px"
	bgImages   int
	loud       []string // <blink>, <marquee>
	hidden     string   // the first hidden text: the preheader of an HTML letter
}

// block is one paragraph of visible text (p, li, td, h1, div…).
type block struct {
	text  string
	norm  normText
	words int
}

type link struct {
	href, text string
	block      int // the paragraph the link is in
}

type image struct {
	src, alt string
	hasAlt   bool
	pixel    bool // a 1×1 tracking image
	block    int
}

// maxDepth bounds how deep the HTML tree is walked, so hostile input cannot make
// the walk deep; what lies deeper is not read.
const maxDepth = 512

// analyze reads d's body (HTML, else plain text) into a letter.
func analyze(d Draft) *letter {
	l := &letter{d: d, subject: normalize(d.Subject), preheader: normalize(d.Preheader)}
	src := d.HTML
	if strings.TrimSpace(src) == "" {
		src = textToHTML(d.Text)
		l.fromText = true
	}
	root, err := xhtml.Parse(strings.NewReader(src))
	if err != nil { // only a failing reader makes Parse fail
		return l
	}
	w := &walker{l: l}
	w.walk(root, 0, false, false)
	w.flush()
	for _, b := range l.blocks {
		l.words += b.words
	}
	return l
}

type walker struct {
	l    *letter
	cur  strings.Builder
	seen map[string]bool // colours already counted
}

// flush ends the paragraph being read.
func (w *walker) flush() {
	text := strings.Join(strings.Fields(w.cur.String()), " ")
	w.cur.Reset()
	if text == "" {
		return
	}
	w.l.blocks = append(w.l.blocks, block{text: text, norm: normalize(text), words: countWords(text)})
}

// blockTags are the elements that start and end a paragraph.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Td: true,
	atom.Th: true, atom.Tr: true, atom.Table: true, atom.Blockquote: true, atom.Pre: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true,
	atom.Address: true, atom.Hr: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Center: true, atom.Body: true,
}

func (w *walker) walk(n *xhtml.Node, depth int, bold, hidden bool) {
	wasBold := bold
	if depth > maxDepth {
		return
	}
	switch n.Type {
	case xhtml.TextNode:
		if hidden {
			if w.l.hidden == "" {
				w.l.hidden = strings.Join(strings.Fields(n.Data), " ")
			}
			return
		}
		w.cur.WriteString(n.Data)
		return
	case xhtml.ElementNode:
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, depth+1, bold, hidden)
		}
		return
	}

	switch n.DataAtom {
	case atom.Script, atom.Title, atom.Template, atom.Noscript, atom.Object, atom.Iframe:
		return
	case atom.Style:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == xhtml.TextNode {
				w.css(c.Data)
			}
		}
		return
	case atom.Blink, atom.Marquee:
		w.l.loud = append(w.l.loud, "<"+n.Data+">")
	case atom.Br:
		w.cur.WriteByte('\n')
	case atom.Img:
		w.image(n)
	case atom.A:
		if href, ok := attr(n, "href"); ok {
			w.l.links = append(w.l.links, link{href: strings.TrimSpace(href), text: textOf(n), block: len(w.l.blocks)})
		}
	case atom.Font:
		if c, ok := attr(n, "color"); ok {
			w.colour(c)
		}
		if s, ok := attr(n, "size"); ok {
			w.font(fontTagPx(s), `<font size="`+s+`">`)
		}
	}
	if c, ok := attr(n, "bgcolor"); ok {
		w.colour(c)
	}
	if _, ok := attr(n, "background"); ok {
		w.l.bgImages++
	}
	if _, ok := attr(n, "hidden"); ok {
		hidden = true
	}
	if n.DataAtom == atom.Strong || n.DataAtom == atom.B {
		bold = true
	}
	if st, ok := attr(n, "style"); ok {
		decl := w.css(st)
		if boldWeight(decl["font-weight"]) {
			bold = true
		}
		if strings.Contains(decl["display"], "none") || strings.Contains(decl["mso-hide"], "all") ||
			strings.Contains(decl["visibility"], "hidden") {
			hidden = true
		}
	}

	isBlock := blockTags[n.DataAtom]
	if isBlock {
		w.flush()
	}
	if bold && !wasBold && !hidden {
		if t := textOf(n); t != "" {
			w.l.bold = append(w.l.bold, t)
			w.l.boldWords += countWords(t)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, depth+1, bold, hidden)
	}
	if isBlock {
		w.flush()
	}
}

// boldWeight reports whether a CSS font-weight is bold.
func boldWeight(v string) bool {
	if v == "bold" || v == "bolder" {
		return true
	}
	n, err := strconv.Atoi(v)
	return err == nil && n >= 600
}

func (w *walker) image(n *xhtml.Node) {
	src, _ := attr(n, "src")
	alt, hasAlt := attr(n, "alt")
	wd, _ := attr(n, "width")
	ht, _ := attr(n, "height")
	pixel := isPixel(wd) && isPixel(ht)
	w.l.images = append(w.l.images, image{src: strings.TrimSpace(src), alt: strings.TrimSpace(alt), hasAlt: hasAlt, pixel: pixel, block: len(w.l.blocks)})
}

func isPixel(v string) bool {
	v = strings.TrimSuffix(strings.TrimSpace(v), "px")
	n, err := strconv.Atoi(v)
	return err == nil && n <= 1
}

// css reads CSS declarations (a style attribute or a <style> sheet) for colours,
// font sizes and background images, and returns the last value of each property.
func (w *walker) css(src string) map[string]string {
	out := map[string]string{}
	if len(src) > 64<<10 {
		src = src[:64<<10]
	}
	for _, m := range declRe.FindAllStringSubmatch(src, 1024) {
		prop := strings.ToLower(m[1])
		v := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(m[2]), "!important")))
		out[prop] = v
		switch prop {
		case "color", "background-color", "border-color":
			w.colour(v)
		case "background":
			w.colour(v)
			if strings.Contains(v, "url(") {
				w.l.bgImages++
			}
		case "background-image":
			if strings.Contains(v, "url(") {
				w.l.bgImages++
			}
		case "font-size":
			w.font(cssPx(v), "font-size: "+v)
		case "font":
			for _, f := range strings.Fields(v) {
				if px := cssPx(strings.SplitN(f, "/", 2)[0]); px > 0 {
					w.font(px, "font: "+v)
					break
				}
			}
		}
	}
	return out
}

var declRe = regexp.MustCompile(`([a-zA-Z-]+)\s*:\s*([^;{}]*)`)

func (w *walker) font(px float64, how string) {
	if px > w.l.maxFontPx {
		w.l.maxFontPx, w.l.maxFontSrc = px, how
	}
}

// cssPx converts a CSS font size to pixels (16px to the em); 0 when unknown.
func cssPx(v string) float64 {
	v = strings.TrimSpace(strings.ToLower(v))
	switch v {
	case "large":
		return 18
	case "x-large":
		return 24
	case "xx-large":
		return 32
	case "xxx-large":
		return 48
	}
	units := []struct {
		suffix string
		factor float64
	}{{"px", 1}, {"pt", 4.0 / 3}, {"rem", 16}, {"em", 16}, {"%", 0.16}, {"vw", 0}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(v, u.suffix); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
				return 0
			}
			return f * u.factor
		}
	}
	return 0
}

// fontTagPx converts <font size="N"> (1–7, or +N/-N from 3) to pixels.
func fontTagPx(v string) float64 {
	v = strings.TrimSpace(v)
	base := 0
	if strings.HasPrefix(v, "+") || strings.HasPrefix(v, "-") {
		base = 3
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0
	}
	n += base
	sizes := []float64{10, 10, 13, 16, 18, 24, 32, 48}
	return sizes[max(0, min(n, 7))]
}

var urlRe2 = regexp.MustCompile(`url\([^)]*\)?`)

var colourRe = regexp.MustCompile(`#[0-9a-f]{3,8}\b|(?:rgba?|hsla?)\([^)]*\)|\b[a-z]+\b`)

// colour notes the chromatic colours in a CSS value or colour attribute; black,
// white and greys are not decoration.
func (w *walker) colour(v string) {
	v = urlRe2.ReplaceAllString(strings.ToLower(v), " ")
	for _, c := range colourRe.FindAllString(v, 16) {
		chroma, ok := chromatic(c)
		if !ok || !chroma {
			continue
		}
		if w.seen == nil {
			w.seen = map[string]bool{}
		}
		if !w.seen[c] {
			w.seen[c] = true
			w.l.colours = append(w.l.colours, c)
		}
	}
}

// chromatic reports whether c is a colour (ok) and a non-grey one (chroma).
func chromatic(c string) (chroma, ok bool) {
	if strings.HasPrefix(c, "#") {
		hex := c[1:]
		if len(hex) == 3 || len(hex) == 4 {
			hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
		}
		if len(hex) != 6 && len(hex) != 8 {
			return false, false
		}
		var rgb [3]int
		for i := range rgb {
			v, err := strconv.ParseUint(hex[2*i:2*i+2], 16, 8)
			if err != nil {
				return false, false
			}
			rgb[i] = int(v)
		}
		return spread(rgb[:]) > 24, true
	}
	if strings.HasPrefix(c, "rgb") {
		inner := c[strings.IndexByte(c, '(')+1 : len(c)-1]
		parts := strings.FieldsFunc(inner, func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
		if len(parts) < 3 {
			return false, false
		}
		var rgb [3]int
		for i := range rgb {
			p := strings.TrimSpace(parts[i])
			if pct, ok := strings.CutSuffix(p, "%"); ok {
				f, err := strconv.ParseFloat(pct, 64)
				if err != nil {
					return false, false
				}
				rgb[i] = int(f * 2.55)
				continue
			}
			f, err := strconv.ParseFloat(p, 64)
			if err != nil {
				return false, false
			}
			rgb[i] = int(f)
		}
		return spread(rgb[:]) > 24, true
	}
	if strings.HasPrefix(c, "hsl") {
		inner := c[strings.IndexByte(c, '(')+1 : len(c)-1]
		parts := strings.FieldsFunc(inner, func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
		if len(parts) < 2 {
			return false, false
		}
		s, err := strconv.ParseFloat(strings.TrimSuffix(parts[1], "%"), 64)
		return err == nil && s > 10, err == nil
	}
	if neutralNames[c] {
		return false, true
	}
	return colourNames[c], colourNames[c]
}

func spread(rgb []int) int {
	return max(rgb[0], rgb[1], rgb[2]) - min(rgb[0], rgb[1], rgb[2])
}

var neutralNames = map[string]bool{
	"black": true, "white": true, "gray": true, "grey": true, "silver": true, "gainsboro": true,
	"whitesmoke": true, "dimgray": true, "dimgrey": true, "darkgray": true, "darkgrey": true,
	"lightgray": true, "lightgrey": true, "transparent": true, "inherit": true, "initial": true,
	"currentcolor": true, "snow": true, "ivory": true,
}

// colourNames are the CSS colour names that are colourful.
var colourNames = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`red green blue yellow orange purple pink magenta fuchsia cyan aqua lime
		maroon navy olive teal violet indigo gold crimson coral tomato salmon orchid plum turquoise
		chartreuse firebrick darkred darkgreen darkblue darkorange darkviolet deeppink hotpink
		lightblue lightgreen lightpink lawngreen limegreen orangered royalblue skyblue springgreen
		steelblue tan brown khaki lavender beige mintcream seagreen slateblue yellowgreen`) {
		m[n] = true
	}
	return m
}()

// attr returns the value of n's attribute key.
func attr(n *xhtml.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// textOf returns the visible text inside n, whitespace collapsed.
func textOf(n *xhtml.Node) string {
	var b strings.Builder
	var rec func(*xhtml.Node, int)
	rec = func(n *xhtml.Node, depth int) {
		if depth > maxDepth || b.Len() > 4096 {
			return
		}
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
			return
		}
		if n.DataAtom == atom.Script || n.DataAtom == atom.Style {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c, depth+1)
		}
	}
	rec(n, 0)
	return strings.Join(strings.Fields(b.String()), " ")
}

// countWords counts runs of letters and digits (a ZWNJ joins a Persian word).
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\u200c' || r == '\'' || r == '’' {
			if !in {
				n++
				in = true
			}
			continue
		}
		in = false
	}
	return n
}

var (
	urlRe   = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"']+`)
	emailRe = regexp.MustCompile(`(?i)[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}`)
)

// textToHTML makes HTML of a plain-text body: paragraphs at blank lines, lines
// kept, URLs and email addresses as links (as mail clients show them).
func textToHTML(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var b strings.Builder
	for para := range strings.SplitSeq(text, "\n\n") {
		if strings.TrimSpace(para) == "" {
			continue
		}
		b.WriteString("<p>")
		for i, line := range strings.Split(strings.Trim(para, "\n"), "\n") {
			if i > 0 {
				b.WriteString("<br>")
			}
			b.WriteString(linkify(line))
		}
		b.WriteString("</p>\n")
	}
	return b.String()
}

func linkify(line string) string {
	var b strings.Builder
	last := 0
	type span struct {
		lo, hi int
		href   string
	}
	var spans []span
	for _, m := range urlRe.FindAllStringIndex(line, -1) {
		u := strings.TrimRight(line[m[0]:m[1]], ".,;:!?)»")
		href := u
		if strings.HasPrefix(strings.ToLower(u), "www.") {
			href = "http://" + u
		}
		spans = append(spans, span{m[0], m[0] + len(u), href})
	}
	for _, m := range emailRe.FindAllStringIndex(line, -1) {
		inside := false
		for _, s := range spans {
			if m[0] < s.hi && m[1] > s.lo {
				inside = true
			}
		}
		if !inside {
			spans = append(spans, span{m[0], m[1], "mailto:" + line[m[0]:m[1]]})
		}
	}
	// in order of position
	for i := 1; i < len(spans); i++ {
		for j := i; j > 0 && spans[j].lo < spans[j-1].lo; j-- {
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
	for _, s := range spans {
		b.WriteString(html.EscapeString(line[last:s.lo]))
		b.WriteString(`<a href="` + html.EscapeString(s.href) + `">` + html.EscapeString(line[s.lo:s.hi]) + `</a>`)
		last = s.hi
	}
	b.WriteString(html.EscapeString(line[last:]))
	return b.String()
}
