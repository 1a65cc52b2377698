package api

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"b2x/errs"
)

// A throttled request is a 429 with Retry-After, so clients wait before trying again.
func TestTooManyRequests(t *testing.T) {
	s := &Server{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	e := errs.E(errs.TooManyRequests, "too many attempts; try again in 41 seconds")
	e.Detail = map[string]any{"retry_after_seconds": 41}
	w := httptest.NewRecorder()
	s.writeError(w, httptest.NewRequest(http.MethodPost, "/api/v1/x", nil), e)
	var p problem
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") != "41" || p.Code != errs.TooManyRequests {
		t.Errorf("status %d, Retry-After %q, problem %+v", w.Code, w.Header().Get("Retry-After"), p)
	}
}
