package crm

import (
	"strings"
	"unicode/utf8"

	"b2x/errs"
)

// Limits on what a person would write; larger values are mistakes.
const (
	MaxTitle  = 200
	MaxReason = 1000
	MaxNotes  = 10000
)

// checkText reports an invalid, blank (when required) or too long text field.
func checkText(fs *errs.Fields, field, s string, max int, required bool) {
	switch {
	case !utf8.ValidString(s):
		fs.Add(field, "is not valid UTF-8")
	case strings.TrimSpace(s) == "":
		if required {
			fs.Add(field, "is required")
		}
	case utf8.RuneCountInString(s) > max:
		fs.Add(field, "is longer than %d characters", max)
	}
}
