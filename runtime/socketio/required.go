package socketio

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"sync"

	"github.com/rtgen/rtgen/runtime/validate"
)

// A shape describes where a decoded type has required object keys: a struct
// field whose JSON tag has no omitempty/omitzero is required, which is how
// generated payload structs mark required fields. encoding/json cannot tell
// a missing key from a zero value, so typed handlers check the raw JSON
// against the shape before decoding.
type shape struct {
	kind   reflect.Kind // Struct, Slice (also arrays) or Map; nil shapes need no check
	fields []shapeField // for structs
	elem   *shape       // for slices and maps
}

type shapeField struct {
	key      string
	required bool
	shape    *shape // nil when the value holds nothing to check
}

var shapes sync.Map // reflect.Type → *shape

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// shapeOf returns the shape of t, or nil when values of t hold no required
// key anywhere.
func shapeOf(t reflect.Type) *shape {
	if s, ok := shapes.Load(t); ok {
		return s.(*shape)
	}
	s := buildShape(t, map[reflect.Type]bool{})
	shapes.Store(t, s)
	return s
}

func buildShape(t reflect.Type, visiting map[reflect.Type]bool) *shape {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	// Types that decode themselves (time.Time, …) are leaves.
	if reflect.PointerTo(t).Implements(unmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return nil
	}
	if visiting[t] {
		return nil // recursive types are checked down to their first repetition
	}
	visiting[t] = true
	defer delete(visiting, t)
	switch t.Kind() {
	case reflect.Struct:
		s := &shape{kind: reflect.Struct}
		useful := false
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			key, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if key == "-" && opts == "" {
				continue
			}
			if key == "" {
				key = f.Name
			}
			optional := strings.Contains(","+opts+",", ",omitempty,") || strings.Contains(","+opts+",", ",omitzero,")
			sf := shapeField{key: key, required: !optional, shape: buildShape(f.Type, visiting)}
			useful = useful || sf.required || sf.shape != nil
			s.fields = append(s.fields, sf)
		}
		if !useful {
			return nil
		}
		return s
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil // []byte: base64 or a binary attachment
		}
		if elem := buildShape(t.Elem(), visiting); elem != nil {
			return &shape{kind: reflect.Slice, elem: elem}
		}
	case reflect.Map:
		if elem := buildShape(t.Elem(), visiting); elem != nil {
			return &shape{kind: reflect.Map, elem: elem}
		}
	}
	return nil
}

// missing appends a FieldError for every required key absent (or null)
// from raw, walking nested objects, lists and maps. Values of the wrong
// JSON kind are left to the decoder to report.
func (s *shape) missing(raw json.RawMessage, path string, errs validate.Errors) validate.Errors {
	switch s.kind {
	case reflect.Struct:
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil || obj == nil {
			return errs
		}
		for _, f := range s.fields {
			v, ok := obj[f.key]
			present := ok && string(v) != "null"
			if f.required && !present {
				errs = append(errs, validate.FieldError{Field: join(path, f.key), Message: "is required"})
			}
			if present && f.shape != nil {
				errs = f.shape.missing(v, join(path, f.key), errs)
			}
		}
	case reflect.Slice:
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) != nil {
			return errs
		}
		for i, v := range list {
			errs = s.elem.missing(v, validate.Index(path, i), errs)
		}
	case reflect.Map:
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return errs
		}
		for k, v := range obj {
			errs = s.elem.missing(v, validate.Key(path, k), errs)
		}
	}
	return errs
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
