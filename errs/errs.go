// Package errs is b2x's one error type. Business code returns *errs.Error with a
// code; each surface maps the code to its own status in one place (web/api for HTTP,
// cmd/b2x for exit codes). Messages are written for the user; internal details are
// logged by the caller, never put in Message.
package errs

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Code classifies an error for the surfaces.
type Code string

const (
	Invalid      Code = "invalid"      // the input breaks a rule; Fields says which
	NotFound     Code = "not_found"    // the thing asked for does not exist (or is not the caller's)
	Conflict     Code = "conflict"     // the request is valid but the current state refuses it
	Forbidden    Code = "forbidden"    // the caller is known but may not do this
	Unauthorized Code = "unauthorized" // the caller is not known
	Internal     Code = "internal"     // a fault of ours
	// TooManyRequests says the caller must wait before trying again (sign-in
	// throttling); Detail["retry_after_seconds"] says how long.
	TooManyRequests Code = "too_many_requests"
)

// FieldError names one input field and what is wrong with it. Message is
// English, for the API and the logs; a message meant for shoppers also names
// its catalog key and the values of its {name} placeholders, so a page can show
// it in the page's language (web/page). Key and Params stay out of JSON: the
// API's problem documents keep their shape.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	Key     string `json:"-"`
	Params  []any  `json:"-"` // name/value pairs, as locale.Printer.T takes them
}

// Error is the error every b2x package returns to its callers.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	// Detail carries facts a client may act on, e.g. the available stock on a conflict.
	Detail map[string]any
	// Key and Params translate Message as they do a FieldError's (EKey).
	Key    string
	Params []any
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, strings.Join(parts, "; "))
}

// E makes an error with a code and a formatted message.
func E(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Field makes an invalid-input error for one field.
func Field(field, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	return &Error{Code: Invalid, Message: field + ": " + msg, Fields: []FieldError{{Field: field, Message: msg}}}
}

// EKey makes an error whose message a page can translate: key names it in the
// catalogs, english is the catalog's English text with {name} placeholders, and
// params are name/value pairs filling them (in Message too).
func EKey(code Code, key, english string, params ...any) *Error {
	return &Error{Code: code, Message: Fill(english, params), Key: key, Params: params}
}

// FieldKey is Field with a translatable message (see EKey).
func FieldKey(field, key, english string, params ...any) *Error {
	msg := Fill(english, params)
	return &Error{Code: Invalid, Message: field + ": " + msg,
		Fields: []FieldError{{Field: field, Message: msg, Key: key, Params: params}}}
}

// Fill replaces each {name} in s by the value of name in params (name/value
// pairs), printed with fmt.Sprint; a placeholder without a value stays as
// written. It is the English side of locale.Printer.T.
func Fill(s string, params []any) string {
	if len(params) < 2 || !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		j := strings.IndexByte(s[max(i, 0):], '}')
		if i < 0 || j < 0 {
			break
		}
		j += i
		b.WriteString(s[:i])
		name, found := s[i+1:j], false
		for k := 0; k+1 < len(params); k += 2 {
			if n, ok := params[k].(string); ok && n == name {
				b.WriteString(fmt.Sprint(params[k+1]))
				found = true
				break
			}
		}
		if !found {
			b.WriteString(s[i : j+1])
		}
		s = s[j+1:]
	}
	b.WriteString(s)
	return b.String()
}

// Date is a calendar date among a message's parameters: English in Message
// ("2 January 2006"), the page's own date format when a page translates it.
type Date time.Time

func (d Date) String() string { return time.Time(d).Format("2 January 2006") }

// CodeOf returns the code of err, Internal for errors that are not *Error.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// As returns err as *Error when it is one.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Fields gathers field errors so a validator can report all of them at once.
type Fields []FieldError

// Add records a problem with a field.
func (fs *Fields) Add(field, format string, args ...any) {
	*fs = append(*fs, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// AddKey records a problem with a field in a translatable message (see EKey).
func (fs *Fields) AddKey(field, key, english string, params ...any) {
	*fs = append(*fs, FieldError{Field: field, Message: Fill(english, params), Key: key, Params: params})
}

// Wrap records err under field: the fields of an invalid *Error are nested under the
// prefix (kept as they are when field is empty), any other error becomes the
// field's message.
func (fs *Fields) Wrap(field string, err error) {
	if err == nil {
		return
	}
	if e, ok := As(err); ok && e.Code == Invalid && len(e.Fields) > 0 {
		for _, f := range e.Fields {
			name := f.Field
			if field != "" {
				name = field + "." + f.Field
			}
			*fs = append(*fs, FieldError{Field: name, Message: f.Message, Key: f.Key, Params: f.Params})
		}
		return
	}
	if e, ok := As(err); ok && e.Key != "" {
		*fs = append(*fs, FieldError{Field: field, Message: e.Message, Key: e.Key, Params: e.Params})
		return
	}
	*fs = append(*fs, FieldError{Field: field, Message: err.Error()})
}

// Err returns nil when no field failed, else one invalid error listing them all.
func (fs Fields) Err() error {
	if len(fs) == 0 {
		return nil
	}
	msgs := make([]string, len(fs))
	for i, f := range fs {
		msgs[i] = f.Field + ": " + f.Message
	}
	return &Error{Code: Invalid, Message: strings.Join(msgs, "; "), Fields: fs}
}
