package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"b2x/errs"
)

// status maps an error code to its HTTP status; this is the only place that does.
func status(e *errs.Error) int {
	switch e.Code {
	case errs.Invalid:
		return http.StatusUnprocessableEntity
	case errs.NotFound:
		return http.StatusNotFound
	case errs.Conflict:
		return http.StatusConflict
	case errs.Forbidden:
		return http.StatusForbidden
	case errs.Unauthorized:
		return http.StatusUnauthorized
	case errs.TooManyRequests:
		return http.StatusTooManyRequests
	default:
		return http.StatusInternalServerError
	}
}

// problem is an RFC 9457 problem document with b2x's extensions.
type problem struct {
	Type     string            `json:"type"`
	Title    string            `json:"title"`
	Status   int               `json:"status"`
	Detail   string            `json:"detail,omitempty"`
	Instance string            `json:"instance,omitempty"`
	Code     errs.Code         `json:"code"`
	Errors   []errs.FieldError `json:"errors,omitempty"`
	Facts    map[string]any    `json:"facts,omitempty"`
}

// httpError is an error of the HTTP layer itself (bad content type, body too
// large, malformed JSON) that carries its own status.
type httpError struct {
	status int
	err    *errs.Error
}

func (e *httpError) Error() string { return e.err.Error() }

func badRequest(status int, field, format string, args ...any) error {
	e := errs.Field(field, format, args...)
	return &httpError{status: status, err: e}
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var e *errs.Error
	code := 0
	if he, ok := err.(*httpError); ok {
		e, code = he.err, he.status
	} else if ae, ok := errs.As(err); ok {
		e, code = ae, status(ae)
	} else {
		s.log.Error("api: internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		e = errs.E(errs.Internal, "something went wrong on our side; it has been logged")
		code = http.StatusInternalServerError
	}
	if code == http.StatusInternalServerError && e.Code == errs.Internal && err != e {
		e = errs.E(errs.Internal, "something went wrong on our side; it has been logged")
	}
	instance := r.URL.Path
	if code == http.StatusNotFound && actorOf(r).Buyer() {
		// A buyer is told the same about another organization's record as about one
		// that does not exist, and nothing of what they asked for is echoed back.
		e, instance = errs.E(errs.NotFound, "nothing here is visible to this token"), ""
	}
	p := problem{
		Type: "https://b2x.dev/problems/" + string(e.Code), Title: http.StatusText(code), Status: code,
		Detail: e.Message, Instance: instance, Code: e.Code, Errors: e.Fields, Facts: e.Detail,
	}
	if secs, ok := e.Detail["retry_after_seconds"].(int); ok && code == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", strconv.Itoa(secs))
	}
	if code == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="b2x"`)
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(p)
}
