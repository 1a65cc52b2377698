package shop

import (
	"errors"
	"net/http"
	"strings"

	"b2x/errs"
)

// formErrors is what a form shows after a refused submission: a message per
// field and one for the whole form.
type formErrors struct {
	Fields  map[string]string
	Message string
}

// For returns the message for a field, for the template.
func (f formErrors) For(field string) string { return f.Fields[field] }

// Any reports whether there is anything to show.
func (f formErrors) Any() bool { return f.Message != "" || len(f.Fields) > 0 }

// asFormErrors turns a use case's refusal into form errors; other errors are
// returned for the error page.
func asFormErrors(err error) (formErrors, error) {
	e, ok := errs.As(err)
	if !ok || (e.Code != errs.Invalid && e.Code != errs.Conflict && e.Code != errs.Unauthorized &&
		e.Code != errs.Forbidden && e.Code != errs.TooManyRequests) {
		return formErrors{}, err
	}
	fe := formErrors{Fields: map[string]string{}}
	for _, f := range e.Fields {
		fe.Fields[f.Field] = f.Message
	}
	if len(e.Fields) == 0 {
		fe.Message = e.Message
	}
	return fe, nil
}

// formStatus is the status of a page that shows a refused form again.
func formStatus(err error) int {
	if errs.CodeOf(err) == errs.TooManyRequests {
		return http.StatusTooManyRequests
	}
	return http.StatusUnprocessableEntity
}

// maxFormBytes bounds a form body: the largest shop form is the checkout.
const maxFormBytes = 64 << 10

// parseForm reads a posted form, refusing bodies over maxFormBytes.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return errs.E(errs.Invalid, "the form is larger than %d KB", maxFormBytes>>10)
		}
		return errs.E(errs.Invalid, "the form could not be read")
	}
	return nil
}

// field is a trimmed form value.
func field(r *http.Request, name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
