package app

import "sync/atomic"

// CountPasswordChecks makes a count the password hashes it computes from now on,
// so a test can prove a throttled sign-in computed none.
func CountPasswordChecks(a *App) *atomic.Int64 {
	var n atomic.Int64
	check := a.checkPassword
	a.checkPassword = func(hash, password string) bool {
		n.Add(1)
		return check(hash, password)
	}
	return &n
}

// SetPasswordCheck replaces how a compares a password with its hash, so a test
// of many failures need not pay for a real hash each.
func SetPasswordCheck(a *App, check func(hash, password string) bool) { a.checkPassword = check }
