package page

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"b2x/errs"
	"b2x/locale"
	"b2x/qty"
)

// FormErrors is what a form shows after a refused submission: a message per
// field and one for the whole form.
type FormErrors struct {
	Fields  map[string]string
	Message string
}

// For returns the message for a field, for the template.
func (f FormErrors) For(field string) string { return f.Fields[field] }

// Any reports whether there is anything to show.
func (f FormErrors) Any() bool { return f.Message != "" || len(f.Fields) > 0 }

// AsFormErrors turns a use case's refusal into form errors; other errors are
// returned for the error page. Messages are the use case's English; a page in
// another language uses AsFormErrorsIn.
func AsFormErrors(err error) (FormErrors, error) { return AsFormErrorsIn(nil, err) }

// AsFormErrorsIn is AsFormErrors with every message that names a catalog key
// shown in p's language (English when p is nil or the message has no key).
// Whole numbers and quantities among the parameters are written in p's
// digits, dates in its date format.
func AsFormErrorsIn(p *locale.Printer, err error) (FormErrors, error) {
	e, ok := errs.As(err)
	if !ok || (e.Code != errs.Invalid && e.Code != errs.Conflict && e.Code != errs.Unauthorized &&
		e.Code != errs.Forbidden && e.Code != errs.TooManyRequests) {
		return FormErrors{}, err
	}
	fe := FormErrors{Fields: map[string]string{}}
	for _, f := range e.Fields {
		fe.Fields[f.Field] = translate(p, f.Message, f.Key, f.Params)
	}
	if len(e.Fields) == 0 {
		fe.Message = translate(p, e.Message, e.Key, e.Params)
	}
	return fe, nil
}

// ErrorMessage is err's message for a page in p's language: translated when it
// names a catalog key, else as the use case wrote it.
func ErrorMessage(p *locale.Printer, err error) string {
	e, ok := errs.As(err)
	if !ok {
		return err.Error()
	}
	return translate(p, e.Message, e.Key, e.Params)
}

func translate(p *locale.Printer, english, key string, params []any) string {
	if p == nil || key == "" {
		return english
	}
	args := make([]any, len(params))
	copy(args, params)
	for i := 1; i < len(args); i += 2 {
		switch n := args[i].(type) {
		case int:
			args[i] = p.Number(int64(n))
		case int64:
			args[i] = p.Number(n)
		case qty.Quantity:
			args[i] = p.Decimal(n.String())
		case errs.Date:
			args[i] = p.Date(time.Time(n))
		}
	}
	return p.T(key, args...)
}

// FormStatus is the status of a page that shows a refused form again.
func FormStatus(err error) int {
	if errs.CodeOf(err) == errs.TooManyRequests {
		return http.StatusTooManyRequests
	}
	return http.StatusUnprocessableEntity
}

// MaxFormBytes bounds a form body: the largest form is the shop's checkout.
const MaxFormBytes = 64 << 10

// ParseForm reads a posted form, refusing bodies over MaxFormBytes.
func ParseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxFormBytes)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return errs.EKey(errs.Invalid, "err.form.too_large", "the form is larger than {kb} KB", "kb", MaxFormBytes>>10)
		}
		return errs.EKey(errs.Invalid, "err.form.unreadable", "the form could not be read")
	}
	return nil
}

// Field is a trimmed form value.
func Field(r *http.Request, name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
