package sioproto

import (
	"strings"
	"testing"
)

func benchParse(b *testing.B, in string) {
	data := []byte(in)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		_, _, _ = Parse(data, 0)
	}
}

func BenchmarkParseEvent(b *testing.B) {
	benchParse(b, `2/leaderboard,12["rankings:update",{"userId":456,"userName":"John Doe","newRank":5}]`)
}

func BenchmarkParseBinaryEvent(b *testing.B) {
	benchParse(b, `52-["message",`+ph0+`,{"nested":[`+ph1+`]}]`)
}

// The B3 inputs: megabyte-long digit runs and strings must cost linear time.
func BenchmarkParseLongAckID(b *testing.B) { benchParse(b, `2`+strings.Repeat("9", 1e6)+`["x"]`) }

func BenchmarkParseLongString(b *testing.B) {
	benchParse(b, `2["x","`+strings.Repeat("a", 1e6)+`"]`)
}

func BenchmarkParseLongBinary(b *testing.B) {
	benchParse(b, `51-["x",`+ph0+`,"`+strings.Repeat("a", 1e6)+`"]`)
}

func BenchmarkEncodeEvent(b *testing.B) {
	p := &Packet{Type: Event, Namespace: "/leaderboard", Data: raw(`["rankings:update",{"userId":456,"newRank":5}]`)}
	buf := make([]byte, 0, 128)
	b.ReportAllocs()
	for b.Loop() {
		buf, _ = Append(buf[:0], p)
	}
}

func BenchmarkEventName(b *testing.B) {
	data := []byte(`["publish",{"room":"bench","pub":0,"seq":1234,"ts":1764130000000000000,"pad":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}]`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := EventName(data); err != nil {
			b.Fatal(err)
		}
	}
}
