package app

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"time"

	"b2x/money"
)

// auditValue turns v into plain JSON values (maps, slices, strings, numbers) the
// way encoding/json would show it, except that a value whose own MarshalJSON
// refuses it — a zero money.Amount has no currency — is shown as null instead of
// failing the change it records.
func auditValue(v any) any {
	return plain(reflect.ValueOf(v))
}

var (
	amountType = reflect.TypeFor[money.Amount]()
	timeType   = reflect.TypeFor[time.Time]()
)

func plain(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return plain(v.Elem())
	}
	switch v.Type() {
	case amountType:
		if a := v.Interface().(money.Amount); a.Currency != "" {
			return a
		}
		return nil
	case timeType:
		return v.Interface()
	}
	if m, ok := v.Interface().(json.Marshaler); ok && v.Kind() != reflect.Struct {
		if b, err := m.MarshalJSON(); err == nil {
			return json.RawMessage(b)
		}
		return nil
	}
	switch v.Kind() {
	case reflect.Struct:
		out := map[string]any{}
		addFields(out, v)
		return out
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return v.Interface()
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = plain(v.Index(i))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return nil
		}
		out := map[string]any{}
		for it := v.MapRange(); it.Next(); {
			k := it.Key()
			var key string
			if tm, ok := k.Interface().(encoding.TextMarshaler); ok {
				b, _ := tm.MarshalText()
				key = string(b)
			} else {
				key = reflect.ValueOf(k.Interface()).Convert(reflect.TypeFor[string]()).String()
			}
			out[key] = plain(it.Value())
		}
		return out
	}
	return v.Interface()
}

// addFields adds a struct's exported fields under their JSON names, flattening
// embedded structs as encoding/json does.
func addFields(out map[string]any, v reflect.Value) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" && opts == "" {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			addFields(out, v.Field(i))
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = plain(v.Field(i))
	}
}
