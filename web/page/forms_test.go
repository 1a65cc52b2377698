package page

import (
	"errors"
	"log/slog"
	"strings"
	"testing"

	"b2x/errs"
	"b2x/locale"
)

// A refusal with a key is shown in the page's language, its numbers in the
// page's digits; one without a key, and any refusal without a printer, stays
// as the use case wrote it.
func TestFormErrorsInThePagesLanguage(t *testing.T) {
	var fs errs.Fields
	fs.AddKey("points", "err.points.max", "must be at most {max}", "max", 1000)
	fs.Add("lines", "an order needs at least one line")
	err := fs.Err()
	fa, _ := locale.Get("fa")
	p := NewPrinter(fa, slog.New(slog.DiscardHandler))
	fe, other := AsFormErrorsIn(p, err)
	if other != nil {
		t.Fatal(other)
	}
	if got, want := fe.For("points"), "حداکثر "+p.Number(1000)+" است"; got != want || !strings.Contains(got, "۱") {
		t.Errorf("fa points = %q, want %q", got, want)
	}
	if got := fe.For("lines"); got != "an order needs at least one line" {
		t.Errorf("a message without a key = %q", got)
	}
	en, _ := AsFormErrors(err)
	if got := en.For("points"); got != "must be at most 1000" {
		t.Errorf("without a printer = %q", got)
	}
	ru, _ := locale.Get("ru")
	fe, _ = AsFormErrorsIn(NewPrinter(ru, slog.New(slog.DiscardHandler)), errs.EKey(errs.Unauthorized, "err.credentials", "the email or password is wrong"))
	if fe.Message != "неверная почта или пароль" {
		t.Errorf("a whole-form message in ru = %q", fe.Message)
	}
	if _, other := AsFormErrorsIn(nil, errors.New("boom")); other == nil {
		t.Error("an internal error became a form error")
	}
}
