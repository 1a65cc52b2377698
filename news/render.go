package news

import (
	"bytes"
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// md renders posts. Without html.WithUnsafe goldmark leaves raw HTML out (a
// comment takes its place) and drops javascript:, vbscript:, file: and non-image
// data: links, so a post cannot carry a script onto the shop's pages.
var md = goldmark.New(goldmark.WithExtensions(extension.Linkify, extension.Table, extension.Strikethrough))

// Render turns a post's Markdown into HTML that is safe to put in a page as is.
func Render(markdown string) template.HTML {
	var b bytes.Buffer
	if err := md.Convert([]byte(markdown), &b); err != nil {
		// goldmark fails only when the writer does, and a bytes.Buffer does not;
		// show the text escaped rather than nothing.
		return template.HTML("<p>" + template.HTMLEscapeString(markdown) + "</p>")
	}
	return template.HTML(b.String())
}
