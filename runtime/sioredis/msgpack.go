package sioredis

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/vmihailenco/msgpack/v5"
	"github.com/vmihailenco/msgpack/v5/msgpcode"

	"github.com/rtgen/rtgen/runtime/internal/sioproto"
)

// The Node adapter speaks MessagePack wherever a value may hold binary
// data, and Socket.IO packets carry binary as attachments referenced by
// placeholders. These two functions translate between the two: JSON with
// placeholders plus attachments on our side, MessagePack with bin values
// on the wire. Key order and number forms are kept.

// jsonToMsgpack encodes the JSON value data as MessagePack, each attachment
// placeholder {"_placeholder":true,"num":N} becoming atts[N] as bin.
func jsonToMsgpack(data []byte, atts [][]byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := readJSON(dec)
	if err != nil {
		return nil, fmt.Errorf("sioredis: encoding MessagePack: %w", err)
	}
	var buf bytes.Buffer
	enc := msgpack.NewEncoder(&buf)
	if err := writeMsgpack(enc, v, atts); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// jsonObject is a JSON object with its keys in order.
type jsonObject struct {
	keys []string
	vals []any
}

// readJSON reads one JSON value as nil, bool, string, json.Number, []any or
// *jsonObject.
func readJSON(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok := tok.(type) {
	case json.Delim:
		switch tok {
		case '[':
			arr := []any{}
			for dec.More() {
				v, err := readJSON(dec)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			_, err := dec.Token()
			return arr, err
		case '{':
			obj := &jsonObject{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := readJSON(dec)
				if err != nil {
					return nil, err
				}
				obj.keys = append(obj.keys, k.(string))
				obj.vals = append(obj.vals, v)
			}
			_, err := dec.Token()
			return obj, err
		}
		return nil, fmt.Errorf("unexpected %v", tok)
	default:
		return tok, nil
	}
}

// placeholderNum returns N when obj is exactly {"_placeholder":true,"num":N}.
func placeholderNum(obj *jsonObject) (int, bool) {
	if len(obj.keys) != 2 {
		return 0, false
	}
	flag, num := false, -1
	for i, k := range obj.keys {
		switch k {
		case "_placeholder":
			flag = obj.vals[i] == true
		case "num":
			if n, ok := obj.vals[i].(json.Number); ok {
				if v, err := n.Int64(); err == nil && v >= 0 && v <= math.MaxInt32 {
					num = int(v)
				}
			}
		}
	}
	return num, flag && num >= 0
}

func writeMsgpack(enc *msgpack.Encoder, v any, atts [][]byte) error {
	switch v := v.(type) {
	case nil:
		return enc.EncodeNil()
	case bool:
		return enc.EncodeBool(v)
	case string:
		return enc.EncodeString(v)
	case json.Number:
		if n, err := v.Int64(); err == nil {
			return enc.EncodeInt(n)
		}
		f, err := v.Float64()
		if err != nil {
			return err
		}
		return enc.EncodeFloat64(f)
	case []any:
		if err := enc.EncodeArrayLen(len(v)); err != nil {
			return err
		}
		for _, e := range v {
			if err := writeMsgpack(enc, e, atts); err != nil {
				return err
			}
		}
		return nil
	case *jsonObject:
		if n, ok := placeholderNum(v); ok {
			if n >= len(atts) {
				return fmt.Errorf("sioredis: placeholder %d without attachment", n)
			}
			return enc.EncodeBytes(atts[n])
		}
		if err := enc.EncodeMapLen(len(v.keys)); err != nil {
			return err
		}
		for i, k := range v.keys {
			if err := enc.EncodeString(k); err != nil {
				return err
			}
			if err := writeMsgpack(enc, v.vals[i], atts); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("sioredis: cannot encode %T", v)
}

// msgpackToJSON decodes one MessagePack value as JSON, each bin value
// becoming an attachment placeholder numbered in document order.
func msgpackToJSON(data []byte) (json.RawMessage, [][]byte, error) {
	c := msgpackReader{dec: msgpack.NewDecoder(bytes.NewReader(data))}
	out, err := c.value(nil, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("sioredis: decoding MessagePack: %w", err)
	}
	return out, c.atts, nil
}

type msgpackReader struct {
	dec  *msgpack.Decoder
	atts [][]byte
}

// maxDepth bounds nesting, as encoding/json does.
const maxDepth = 10000

func (c *msgpackReader) value(dst []byte, depth int) ([]byte, error) {
	if depth > maxDepth {
		return dst, errors.New("nested too deeply")
	}
	code, err := c.dec.PeekCode()
	if err != nil {
		return dst, err
	}
	switch {
	case code == msgpcode.Nil:
		return append(dst, "null"...), c.dec.DecodeNil()
	case code == msgpcode.False || code == msgpcode.True:
		b, err := c.dec.DecodeBool()
		return strconv.AppendBool(dst, b), err
	case msgpcode.IsString(code):
		s, err := c.dec.DecodeString()
		if err != nil {
			return dst, err
		}
		return appendString(dst, s), nil
	case msgpcode.IsBin(code):
		b, err := c.dec.DecodeBytes()
		if err != nil {
			return dst, err
		}
		dst = sioproto.AppendPlaceholder(dst, len(c.atts))
		c.atts = append(c.atts, b)
		return dst, nil
	case msgpcode.IsFixedArray(code) || code == msgpcode.Array16 || code == msgpcode.Array32:
		n, err := c.dec.DecodeArrayLen()
		if err != nil {
			return dst, err
		}
		dst = append(dst, '[')
		for i := range n {
			if i > 0 {
				dst = append(dst, ',')
			}
			if dst, err = c.value(dst, depth+1); err != nil {
				return dst, err
			}
		}
		return append(dst, ']'), nil
	case msgpcode.IsFixedMap(code) || code == msgpcode.Map16 || code == msgpcode.Map32:
		n, err := c.dec.DecodeMapLen()
		if err != nil {
			return dst, err
		}
		dst = append(dst, '{')
		for i := range n {
			if i > 0 {
				dst = append(dst, ',')
			}
			k, err := c.dec.DecodeInterface()
			if err != nil {
				return dst, err
			}
			key, ok := k.(string)
			if !ok {
				key = fmt.Sprint(k) // JavaScript keys are strings
			}
			dst = append(appendString(dst, key), ':')
			if dst, err = c.value(dst, depth+1); err != nil {
				return dst, err
			}
		}
		return append(dst, '}'), nil
	case code == msgpcode.Float || code == msgpcode.Double:
		f, err := c.dec.DecodeFloat64()
		if err != nil {
			return dst, err
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return append(dst, "null"...), nil // as JSON.stringify writes them
		}
		return sioproto.AppendJSON(dst, f) // the shortest form, as JavaScript writes numbers
	default: // integers, timestamps and other extensions
		v, err := c.dec.DecodeInterface()
		if err != nil {
			return dst, err
		}
		return sioproto.AppendJSON(dst, v)
	}
}

// appendString appends s as a JSON string.
func appendString(dst []byte, s string) []byte {
	out, _ := sioproto.AppendJSON(dst, s) // a string always encodes
	return out
}

// marshalJSON is json.Marshal without HTML escaping, as JSON.stringify
// writes: `<`, `>` and `&` travel as themselves.
func marshalJSON(v any) ([]byte, error) { return sioproto.AppendJSON(nil, v) }
