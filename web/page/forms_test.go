package page

import (
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"b2x/errs"
	"b2x/locale"
	"b2x/qty"
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

// A date among a refusal's parameters is English in the message and in the
// page's date format on a page; a quantity is in the page's digits.
func TestFormErrorDatesAndQuantities(t *testing.T) {
	until := time.Date(2026, time.January, 31, 10, 0, 0, 0, time.UTC)
	err := errs.EKey(errs.Conflict, "err.warranty.ended", "the warranty of {sku} serial {serial} ended on {until}; a claim is no longer possible",
		"sku", "DRL", "serial", "S1", "until", errs.Date(until))
	if want := "the warranty of DRL serial S1 ended on 31 January 2026; a claim is no longer possible"; err.Message != want {
		t.Errorf("English = %q, want %q", err.Message, want)
	}
	ru, _ := locale.Get("ru")
	fe, _ := AsFormErrorsIn(NewPrinter(ru, slog.New(slog.DiscardHandler)), err)
	if !strings.Contains(fe.Message, "закончилась 31 января 2026\u00a0г.") {
		t.Errorf("ru = %q", fe.Message)
	}
	fa, _ := locale.Get("fa")
	short := errs.EKey(errs.Conflict, "err.stock.short", "not enough stock of {sku}: requested {requested}, available {available}",
		"sku", "BRK", "requested", qty.Units(12), "available", qty.Units(2)+qty.Units(1)/2)
	fe, _ = AsFormErrorsIn(NewPrinter(fa, slog.New(slog.DiscardHandler)), short)
	if !strings.Contains(fe.Message, "درخواستی ۱۲، موجود ۲٫۵") {
		t.Errorf("fa = %q", fe.Message)
	}
}
