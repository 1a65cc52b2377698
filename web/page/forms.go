package page

import (
	"errors"
	"net/http"
	"strings"

	"b2x/errs"
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
// returned for the error page.
func AsFormErrors(err error) (FormErrors, error) {
	e, ok := errs.As(err)
	if !ok || (e.Code != errs.Invalid && e.Code != errs.Conflict && e.Code != errs.Unauthorized &&
		e.Code != errs.Forbidden && e.Code != errs.TooManyRequests) {
		return FormErrors{}, err
	}
	fe := FormErrors{Fields: map[string]string{}}
	for _, f := range e.Fields {
		fe.Fields[f.Field] = f.Message
	}
	if len(e.Fields) == 0 {
		fe.Message = e.Message
	}
	return fe, nil
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
			return errs.E(errs.Invalid, "the form is larger than %d KB", MaxFormBytes>>10)
		}
		return errs.E(errs.Invalid, "the form could not be read")
	}
	return nil
}

// Field is a trimmed form value.
func Field(r *http.Request, name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
