package campaign

import (
	"bytes"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"b2x/errs"
)

// A campaign's letter is written once in Markdown and sent to many people: the
// Markdown is compiled once (Compile) into an HTML and a plain-text part that
// still hold the personal fields and marks for the links, and each recipient's
// copy is filled in (Template.Fill) by string replacement, which is cheap.
// Raw HTML in the Markdown is left out: what is sent is what the check read.

// Fields lists the personal fields a letter may use, as {{name}}.
var Fields = []string{"first_name", "name", "organization", "email"}

// UnsubscribeField is the merge tag a link destination uses for the recipient's
// unsubscribe page.
const UnsubscribeField = "unsubscribe_url"

// linkMark prefixes the stand-in destination of the i-th tracked link; no
// Markdown author writes it (Compile refuses a body that does).
const linkMark = "b2x-link:"

const unsubMark = linkMark + "u"

var fieldRe = regexp.MustCompile(`\{\{\s*([a-zA-Z_]+)\s*\}\}`)

// safeMD renders a campaign's Markdown without raw HTML.
var safeMD = goldmark.New(goldmark.WithRendererOptions(gmhtml.WithHardWraps()))

// Template is a compiled letter.
type Template struct {
	Subject, Preheader string
	// Links are the destinations of the tracked links (http and https), in order.
	Links []string
	html  string
	text  string
}

// Compile reads a letter's subject, preheader and Markdown body. It refuses
// unknown personal fields and the reserved link mark, naming the field.
func Compile(subject, preheader, body string) (*Template, error) {
	var fs errs.Fields
	for name, v := range map[string]string{"subject": subject, "preheader": preheader, "body": body} {
		for _, m := range fieldRe.FindAllStringSubmatch(v, -1) {
			if m[1] == UnsubscribeField && name == "body" {
				continue
			}
			if !known(m[1]) {
				fs.Add(name, "unknown personal field {{%s}}; use one of %s", m[1], strings.Join(Fields, ", "))
				break
			}
		}
	}
	if strings.Contains(body, linkMark) {
		fs.Add("body", "must not contain %q", linkMark)
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	src := []byte(body)
	doc := safeMD.Parser().Parse(text.NewReader(src))
	t := &Template{Subject: subject, Preheader: preheader}
	// Links are replaced by their marks before rendering, so the two parts
	// carry the same marks.
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := n.(type) {
		case *ast.Link:
			l.Destination = t.mark(string(l.Destination))
		case *ast.AutoLink:
			if l.AutoLinkType == ast.AutoLinkURL {
				url := string(l.URL(src))
				link := ast.NewLink()
				link.Destination = t.mark(url)
				link.AppendChild(link, ast.NewString([]byte(url)))
				l.Parent().ReplaceChild(l.Parent(), l, link)
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	if err := safeMD.Renderer().Render(&buf, src, doc); err != nil {
		return nil, errs.Field("body", "cannot be rendered: %v", err)
	}
	t.html = buf.String()
	t.text = plainText(doc, src)
	return t, nil
}

func known(field string) bool {
	for _, f := range Fields {
		if f == field {
			return true
		}
	}
	return false
}

// mark returns the stand-in for a link destination: the unsubscribe tag, or a
// numbered mark for an http(s) link; other links (mailto:, tel:) stay.
func (t *Template) mark(dest string) []byte {
	d := strings.TrimSpace(dest)
	if m := fieldRe.FindStringSubmatch(d); m != nil && m[0] == d && m[1] == UnsubscribeField {
		return []byte(unsubMark)
	}
	if lower := strings.ToLower(d); strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
		t.Links = append(t.Links, d)
		return []byte(linkMark + strconv.Itoa(len(t.Links)-1))
	}
	return []byte(d)
}

// Fill is one recipient's copy.
type Fill struct {
	Fields      map[string]string // first_name, name, organization, email
	Unsubscribe string            // the recipient's unsubscribe page
	// Link turns the i-th tracked link into what the copy carries (a signed
	// redirect); nil keeps the destination.
	Link func(i int, dest string) string
	// Pixel is an image URL added at the end of the HTML part to count opens;
	// empty adds none.
	Pixel string
}

// Filled is one recipient's copy of a letter.
type Filled struct {
	Subject, HTML, Text string
}

// Fill renders the copy for one recipient: personal fields are escaped in the
// HTML part and put in as they are in the subject and the text part (the mail
// package refuses a line break in a header).
func (t *Template) Fill(f Fill) Filled {
	links := make([]string, len(t.Links))
	for i, d := range t.Links {
		links[i] = d
		if f.Link != nil {
			links[i] = f.Link(i, d)
		}
	}
	htmlPairs := make([]string, 0, 2*(len(Fields)+len(links)+1))
	textPairs := make([]string, 0, cap(htmlPairs))
	for _, name := range Fields {
		v := f.Fields[name]
		htmlPairs = append(htmlPairs, "{{"+name+"}}", html.EscapeString(v))
		textPairs = append(textPairs, "{{"+name+"}}", v)
	}
	htmlPairs = append(htmlPairs, unsubMark, html.EscapeString(f.Unsubscribe))
	textPairs = append(textPairs, unsubMark, f.Unsubscribe)
	// Longer marks first, so b2x-link:1 does not take the start of b2x-link:12.
	for i := len(links) - 1; i >= 0; i-- {
		m := linkMark + strconv.Itoa(i)
		htmlPairs = append(htmlPairs, m, html.EscapeString(links[i]))
		textPairs = append(textPairs, m, links[i])
	}
	hr, tr := strings.NewReplacer(htmlPairs...), strings.NewReplacer(textPairs...)
	subject := fieldRe.ReplaceAllStringFunc(t.Subject, func(m string) string {
		return f.Fields[fieldRe.FindStringSubmatch(m)[1]]
	})
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
	b.WriteString(html.EscapeString(subject))
	b.WriteString("</title></head><body>\n")
	if t.Preheader != "" {
		b.WriteString(`<div style="display:none">`)
		b.WriteString(hr.Replace(html.EscapeString(t.Preheader)))
		b.WriteString("</div>\n")
	}
	b.WriteString(hr.Replace(t.html))
	if f.Pixel != "" {
		b.WriteString(`<img src="` + html.EscapeString(f.Pixel) + `" width="1" height="1" alt="">` + "\n")
	}
	b.WriteString("</body></html>\n")
	return Filled{Subject: subject, HTML: b.String(), Text: tr.Replace(t.text)}
}

// Draft is the letter as the quality check reads it: the links as written and
// the unsubscribe tag kept, personal fields unfilled.
func (t *Template) Draft() Draft {
	pairs := []string{unsubMark, "{{" + UnsubscribeField + "}}"}
	for i := len(t.Links) - 1; i >= 0; i-- {
		pairs = append(pairs, linkMark+strconv.Itoa(i), t.Links[i])
	}
	r := strings.NewReplacer(pairs...)
	return Draft{Subject: t.Subject, Preheader: t.Preheader, HTML: r.Replace(t.html), Text: r.Replace(t.text)}
}
