package sioproto

import (
	"bytes"
	"encoding/json"
	"sync"
)

// AppendJSON appends v as compact JSON without HTML escaping, so `<`, `>`
// and `&` travel as themselves, as JSON.stringify writes them. The encoder
// writes into a pooled buffer: packets are encoded on every emit.
func AppendJSON(dst []byte, v any) ([]byte, error) {
	buf := bufferPool.Get().(*bytes.Buffer)
	defer putBuffer(buf)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return dst, err
	}
	return append(dst, bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})...), nil
}

var bufferPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putBuffer recycles b unless it grew large (one big emit must not pin
// memory in the pool).
func putBuffer(b *bytes.Buffer) {
	if b.Cap() > 64<<10 {
		return
	}
	b.Reset()
	bufferPool.Put(b)
}
