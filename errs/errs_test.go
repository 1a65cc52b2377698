package errs

import (
	"errors"
	"fmt"
	"testing"
)

func TestFields(t *testing.T) {
	var fs Fields
	if fs.Err() != nil {
		t.Fatal("no fields, yet an error")
	}
	fs.Add("sku", "is required")
	fs.Wrap("lines[0]", Field("quantity", "must be positive"))
	fs.Wrap("", Field("name", "is too long"))
	fs.Wrap("note", errors.New("plain"))
	e, ok := As(fs.Err())
	if !ok || e.Code != Invalid {
		t.Fatal(fs.Err())
	}
	want := []string{"sku", "lines[0].quantity", "name", "note"}
	for i, f := range e.Fields {
		if f.Field != want[i] {
			t.Errorf("field %d = %q, want %q", i, f.Field, want[i])
		}
	}
	if CodeOf(fmt.Errorf("wrapped: %w", E(Conflict, "x"))) != Conflict || CodeOf(errors.New("x")) != Internal {
		t.Error("CodeOf")
	}
}
