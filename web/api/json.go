package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"b2x/errs"
	"b2x/money"
)

// MaxBody is the largest request body the API reads.
const MaxBody = 1 << 20

// decode reads one JSON object into v: the body must be application/json, at most
// MaxBody bytes, well-formed, without unknown fields and without trailing data.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return badRequest(http.StatusUnsupportedMediaType, "Content-Type", "must be application/json")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		return jsonError(err)
	}
	// Neither engine takes NUL in text (PostgreSQL refuses it, SQLite cuts strings
	// at it), and no person types one: refuse it before anything reads the body.
	if bytes.Contains(body, []byte(`\u0000`)) {
		return badRequest(http.StatusUnprocessableEntity, "body", "must not contain the NUL character (\\u0000)")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return badRequest(http.StatusBadRequest, "body", "must hold one JSON object and nothing after it")
	}
	return nil
}

// jsonError turns a decoding error into a 4xx naming the field when it can.
func jsonError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return badRequest(http.StatusRequestEntityTooLarge, "body", "is larger than %d bytes", MaxBody)
	case errors.As(err, &syntax):
		return badRequest(http.StatusBadRequest, "body", "is not valid JSON (at byte %d)", syntax.Offset)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "body"
		}
		return badRequest(http.StatusUnprocessableEntity, field, "must be a JSON %s", jsonKind(typ.Type.Kind().String()))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest(http.StatusBadRequest, "body", "is empty or cut short")
	}
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		return badRequest(http.StatusUnprocessableEntity, strings.Trim(f, `"`), "is not a known field")
	}
	return badRequest(http.StatusUnprocessableEntity, "body", "%s", msg)
}

func jsonKind(k string) string {
	switch k {
	case "string":
		return "string"
	case "bool":
		return "boolean"
	case "slice", "array":
		return "array"
	case "map", "struct":
		return "object"
	default:
		return "number"
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json")
	// Text that customers wrote (reviews) comes back in JSON; nosniff stops a
	// browser from ever taking a response for HTML.
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v)
}

// checkText refuses query and path values that no engine would store as text:
// invalid UTF-8 and NUL (PostgreSQL fails on both, which would be a 500).
func checkText(field, v string) error {
	if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
		return badRequest(http.StatusBadRequest, field, "must be UTF-8 text without NUL characters")
	}
	return nil
}

// checkRequestText applies checkText to the path and every query parameter.
func checkRequestText(r *http.Request) error {
	if err := checkText("path", r.URL.Path); err != nil {
		return err
	}
	for k, vs := range r.URL.Query() {
		for _, v := range vs {
			if err := checkText(k, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// moneyField reads a {"amount","currency"} object, naming the field on error
// (errors from a type's own UnmarshalJSON carry no field name in encoding/json).
func moneyField(field string, raw json.RawMessage) (money.Amount, error) {
	var a money.Amount
	if err := json.Unmarshal(raw, &a); err != nil {
		return a, errs.Field(field, "%s", err)
	}
	return a, nil
}

// timeField reads an RFC 3339 time, naming the field on error.
func timeField(field string, raw json.RawMessage) (time.Time, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return time.Time{}, errs.Field(field, "must be a time as a string, e.g. \"2026-01-31T00:00:00Z\"")
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, errs.Field(field, "must be an RFC 3339 time, e.g. \"2026-01-31T00:00:00Z\"")
	}
	return t.UTC(), nil
}
