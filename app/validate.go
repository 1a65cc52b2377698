package app

import (
	"net/mail"
	"strconv"
)

func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && len(s) <= 254
}

func itoa(i int) string { return strconv.Itoa(i) }
