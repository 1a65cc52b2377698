package app

import (
	"net/mail"
	"strconv"

	"b2x/errs"
)

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && len(s) <= 254
}

func itoa(i int) string { return strconv.Itoa(i) }

// checkLimit checks a listing's page size. A caller may ask for one row more than
// MaxPageSize: that is how the API learns whether another page follows.
func checkLimit(fs *errs.Fields, limit int) {
	if limit < 1 || limit > MaxPageSize+1 {
		fs.Add("limit", "must be between 1 and %d", MaxPageSize)
	}
}
