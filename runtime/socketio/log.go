package socketio

import (
	"context"
	"log/slog"
	"strings"
	"unicode"
)

// labelHandler prefixes every record's message with "[Label] ", so that
// anything logged through a namespace's or a socket's Logger reads like
// "[Leaderboard] Client connected: abc123".
type labelHandler struct {
	prefix string
	next   slog.Handler
}

func (h *labelHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

func (h *labelHandler) Handle(ctx context.Context, r slog.Record) error {
	r.Message = h.prefix + r.Message
	return h.next.Handle(ctx, r)
}

func (h *labelHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &labelHandler{prefix: h.prefix, next: h.next.WithAttrs(attrs)}
}

func (h *labelHandler) WithGroup(name string) slog.Handler {
	return &labelHandler{prefix: h.prefix, next: h.next.WithGroup(name)}
}

// namespaceLogger returns base with the label prefix and the namespace
// attribute.
func namespaceLogger(base *slog.Logger, label, name string) *slog.Logger {
	return slog.New(&labelHandler{prefix: "[" + label + "] ", next: base.Handler()}).With("namespace", name)
}

// defaultLabel derives a log label from a namespace name: "/" → "Main",
// "/leaderboard" → "Leaderboard", "/field-chat" → "FieldChat".
func defaultLabel(name string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(name, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		rs := []rune(part)
		b.WriteRune(unicode.ToUpper(rs[0]))
		b.WriteString(string(rs[1:]))
	}
	if b.Len() == 0 {
		return "Main"
	}
	return b.String()
}
