package campaign

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// plainText writes a Markdown document as the text/plain part: paragraphs
// apart by a blank line, list items with their marker, links as "text (url)",
// images as their alt text, raw HTML left out.
func plainText(doc ast.Node, src []byte) string {
	var b strings.Builder
	writeBlocks(&b, doc, src, "")
	return strings.TrimSpace(b.String()) + "\n"
}

func writeBlocks(b *strings.Builder, parent ast.Node, src []byte, indent string) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch v := n.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			b.WriteString(indent)
			b.WriteString(strings.ReplaceAll(inline(n, src), "\n", "\n"+indent))
			if _, tight := n.(*ast.TextBlock); !tight {
				b.WriteString("\n\n")
			} else {
				b.WriteString("\n")
			}
		case *ast.List:
			i := v.Start
			for item := v.FirstChild(); item != nil; item = item.NextSibling() {
				marker := "- "
				if v.IsOrdered() {
					marker = strconv.Itoa(i) + ". "
					i++
				}
				var ib strings.Builder
				writeBlocks(&ib, item, src, "")
				body := strings.TrimRight(ib.String(), "\n")
				b.WriteString(indent + marker + strings.ReplaceAll(body, "\n", "\n"+indent+"  ") + "\n")
			}
			b.WriteString("\n")
		case *ast.Blockquote:
			var qb strings.Builder
			writeBlocks(&qb, v, src, "")
			for _, line := range strings.Split(strings.TrimRight(qb.String(), "\n"), "\n") {
				b.WriteString(indent + "> " + line + "\n")
			}
			b.WriteString("\n")
		case *ast.ThematicBreak:
			b.WriteString(indent + "----\n\n")
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				s := lines.At(i)
				b.WriteString(indent + "    " + string(s.Value(src)))
			}
			b.WriteString("\n")
		case *ast.HTMLBlock:
			// raw HTML is not sent
		default:
			writeBlocks(b, n, src, indent)
		}
	}
}

// inline is the text of a block's inline content.
func inline(parent ast.Node, src []byte) string {
	var b strings.Builder
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch v := n.(type) {
		case *ast.Text:
			b.Write(v.Segment.Value(src))
			switch {
			case v.HardLineBreak():
				b.WriteString("\n")
			case v.SoftLineBreak():
				b.WriteString("\n")
			}
		case *ast.String:
			b.Write(v.Value)
		case *ast.CodeSpan:
			b.WriteString(inline(v, src))
		case *ast.Link:
			label := inline(v, src)
			dest := string(v.Destination)
			if label == "" || label == dest {
				b.WriteString(dest)
			} else {
				b.WriteString(label + " (" + dest + ")")
			}
		case *ast.Image:
			b.WriteString(inline(v, src))
		case *ast.AutoLink:
			b.Write(v.URL(src))
		case *ast.RawHTML:
		default:
			b.WriteString(inline(n, src))
		}
	}
	return b.String()
}
