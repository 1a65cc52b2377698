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

func TestKeyedMessages(t *testing.T) {
	var fs Fields
	fs.AddKey("points", "err.points_max", "must be at most {max}", "max", 500)
	fs.Wrap("guest", FieldKey("phone", "err.phone", "is not a phone number like {example}", "example", "+7 912"))
	e, _ := As(fs.Err())
	if e.Fields[0].Message != "must be at most 500" || e.Fields[0].Key != "err.points_max" {
		t.Errorf("field 0 = %+v", e.Fields[0])
	}
	f := e.Fields[1]
	if f.Field != "guest.phone" || f.Key != "err.phone" || f.Message != "is not a phone number like +7 912" || len(f.Params) != 2 {
		t.Errorf("wrapped = %+v", f)
	}
	if got := Fill("{a} and {b} and {a}", []any{"a", 1}); got != "1 and {b} and 1" {
		t.Errorf("Fill = %q", got)
	}
	if got := Fill("a } b { c", []any{"x", 1}); got != "a } b { c" {
		t.Errorf("Fill of stray braces = %q", got)
	}
	if m := EKey(Unauthorized, "err.x", "no {who}", "who", "one"); m.Message != "no one" || m.Key != "err.x" {
		t.Errorf("EKey = %+v", m)
	}
}
