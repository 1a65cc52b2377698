// Package document renders business documents as PDF with go-pdf/fpdf: first the
// quote (S5, S7, S8, S10), with the supplier's details, every line and what it
// costs, the services charged and included, validity, terms, the winning points
// and where the buying center's approval stands.
//
// Text is set in DejaVu Sans, embedded in the binary (see fonts/LICENSE), which
// covers Latin, Greek and Cyrillic. Right-to-left scripts are printed without
// shaping or reordering, so Persian and Arabic text is not readable yet: that
// needs a shaping engine fpdf does not have, and is out of scope for now.
//
// The package is pure apart from writing to the io.Writer it is given.
package document

import (
	_ "embed"
	"strings"
	"unicode"
)

var (
	//go:embed fonts/DejaVuSans.ttf
	sansRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	sansBold []byte
)

const family = "dejavu"

// printable keeps what the font can hold: fpdf's UTF-8 fonts index widths by
// rune up to U+FFFF, so anything above (emoji) becomes "?", and control
// characters other than newlines become spaces.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r > 0xFFFF || r == unicode.ReplacementChar:
			return '?'
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
}
