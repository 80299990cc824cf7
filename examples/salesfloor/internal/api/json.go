package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/rtgen/rtgen/examples/salesfloor/internal/auth"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/coach"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/floor"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/quiz"
	"github.com/rtgen/rtgen/examples/salesfloor/internal/store"
)

// maxBody is the largest request body accepted.
const maxBody = 64 << 10

// errorBody is the JSON shape of every error.
type errorBody struct {
	Error apiError `json:"error"`
}

type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	// The status is sent; an encoding failure here can only be a client gone away.
	_ = enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, code, message, field string) {
	writeJSON(w, status, errorBody{Error: apiError{Code: code, Message: message, Field: field}})
}

// badRequest is an invalid request detected by the API itself.
type badRequest struct {
	field   string
	message string
}

func (e *badRequest) Error() string { return e.message }

func invalidField(field, format string, args ...any) error {
	return &badRequest{field: field, message: fmt.Sprintf(format, args...)}
}

// decode reads a JSON body into v: Content-Type application/json, at most maxBody bytes, no unknown
// fields, exactly one value.
func decode(r *http.Request, v any) error {
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || ct != "application/json" {
		return &unsupportedMedia{}
	}
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		var ute *json.UnmarshalTypeError
		var se *json.SyntaxError
		switch {
		case errors.As(err, &mbe):
			return &badRequest{message: fmt.Sprintf("request body over %d bytes", maxBody)}
		case errors.As(err, &ute):
			return &badRequest{field: ute.Field, message: fmt.Sprintf("%s must be a %s", ute.Field, ute.Type)}
		case errors.As(err, &se), errors.Is(err, io.ErrUnexpectedEOF):
			return &badRequest{message: "malformed JSON"}
		case errors.Is(err, io.EOF):
			return &badRequest{message: "request body is empty"}
		default:
			// Unknown fields and the like: encoding/json's message names the field.
			return &badRequest{message: err.Error()}
		}
	}
	if dec.More() {
		return &badRequest{message: "request body has more than one JSON value"}
	}
	return nil
}

type unsupportedMedia struct{}

func (*unsupportedMedia) Error() string { return "Content-Type must be application/json" }

// pathID reads a positive integer path parameter.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, invalidField(name, "%s must be a positive integer", name)
	}
	return id, nil
}

// fail answers with the HTTP status and code an error stands for; unexpected errors are logged and
// answered without details.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var (
		bad *badRequest
		ve  *floor.ValidationError
		ae  *quiz.AnswersError
		um  *unsupportedMedia
	)
	switch {
	case errors.As(err, &bad):
		writeError(w, http.StatusBadRequest, "invalid", bad.message, bad.field)
	case errors.As(err, &ve):
		writeError(w, http.StatusBadRequest, "invalid", ve.Error(), ve.Field)
	case errors.As(err, &ae):
		writeError(w, http.StatusBadRequest, "invalid", ae.Error(), "answers")
	case errors.As(err, &um):
		writeError(w, http.StatusUnsupportedMediaType, "unsupported_media_type", um.Error(), "")
	case errors.Is(err, auth.ErrInvalidCredentials):
		writeError(w, http.StatusUnauthorized, "invalid_credentials", err.Error(), "")
	case errors.Is(err, auth.ErrNoSession):
		writeError(w, http.StatusUnauthorized, "unauthorized", "log in first", "")
	case errors.Is(err, floor.ErrForbidden):
		writeError(w, http.StatusForbidden, "forbidden", "that belongs to someone else", "")
	case errors.Is(err, store.ErrNotFound), errors.Is(err, quiz.ErrUnknownQuiz), errors.Is(err, coach.ErrUnknownScenario):
		writeError(w, http.StatusNotFound, "not_found", err.Error(), "")
	case errors.Is(err, floor.ErrNotSeller):
		writeError(w, http.StatusUnprocessableEntity, "not_seller", err.Error(), "")
	case errors.Is(err, floor.ErrConflict):
		writeError(w, http.StatusConflict, "conflict", err.Error(), "")
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		// The client left; nobody reads the answer.
		writeError(w, http.StatusServiceUnavailable, "canceled", "request canceled", "")
	default:
		s.Logger.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "something went wrong; try again", "")
	}
}

// logPanic is used by the recoverer.
func (s *Server) logPanic(r *http.Request, v any) {
	s.Logger.ErrorContext(r.Context(), "handler panic", "method", r.Method, "path", r.URL.Path, "panic", v)
}
