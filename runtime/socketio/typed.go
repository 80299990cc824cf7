package socketio

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"reflect"

	"github.com/rtgen/rtgen/runtime/validate"
)

// Validator is implemented by payload types that check themselves after
// decoding (generated payload structs do). A non-nil error from Validate
// refuses the event with code bad_request; return an *Error to choose
// another code or add details.
type Validator interface {
	Validate() error
}

// HandleEvent registers h for a client event whose first argument decodes
// into T, and answers the client following the wire conventions:
//
//   - The first argument is decoded with encoding/json into a T (a struct,
//     int64, string, []byte for a binary argument, …). Struct fields whose
//     JSON tag lacks omitempty/omitzero are required: a missing key is
//     refused, with details naming each field. Then, if *T implements
//     Validator, its Validate method runs. T may be struct{} for events
//     without a payload; otherwise a missing or undecodable argument, a
//     missing required key or a failed validation is refused with code
//     bad_request and h is not called.
//   - An error returned by h that is a validate.Errors is sent as
//     bad_request with the field list as details.
//   - If the client asked for an acknowledgement, it receives exactly one
//     argument: {"ok":true} on success, or
//     {"ok":false,"error":{"code":…,"message":…[,"details":…]}} on failure.
//   - Without an acknowledgement, a failure is reported by emitting the
//     event "error" to the socket with {"code":…,"message":…,"event":<event>}.
//   - An *Error returned by h (or by Validate) is sent as is. Any other
//     error is logged and sent as code internal with the message
//     "internal error", so internal details never reach clients. A panic in
//     h is recovered, logged and reported the same way; the connection keeps
//     serving.
//
// h runs on the socket's goroutine: events of one socket are handled one at
// a time, in order. ctx is cancelled when the socket disconnects.
// HandleEvent panics if the event already has a handler (see Namespace.On).
func HandleEvent[T any](n *Namespace, event string, h func(ctx context.Context, s *Socket, p T) error) {
	decode := payloadDecoder[T]()
	n.On(event, func(ctx context.Context, s *Socket, args Args, ack AckFunc) {
		p, err := decode(args)
		if err == nil {
			err = h(ctx, s, p)
		} else {
			validationFailed(s, event, err)
		}
		if err != nil {
			ReportFailure(s, event, ack, err)
		} else if ack != nil {
			ack(ackEnvelope{OK: true})
		}
	})
}

// HandleEventAck is HandleEvent for events that return a result R: on
// success an acknowledging client receives {"ok":true,"data":<R>}. A client
// that emitted without an acknowledgement callback gets nothing on success
// (the result is dropped) and the `error` event on failure.
func HandleEventAck[T, R any](n *Namespace, event string, h func(ctx context.Context, s *Socket, p T) (R, error)) {
	decode := payloadDecoder[T]()
	n.On(event, func(ctx context.Context, s *Socket, args Args, ack AckFunc) {
		p, err := decode(args)
		var r R
		if err == nil {
			r, err = h(ctx, s, p)
		} else {
			validationFailed(s, event, err)
		}
		if err != nil {
			ReportFailure(s, event, ack, err)
		} else if ack != nil {
			ack(ackEnvelope{OK: true, Data: r})
		}
	})
}

// payloadDecoder returns the decoder of a T payload from args[0]: the
// JSON is decoded, required keys (struct fields without omitempty) are
// checked, then Validate runs when *T has it.
func payloadDecoder[T any]() func(Args) (T, error) {
	t := reflect.TypeFor[T]()
	noPayload := t.Kind() == reflect.Struct && t.NumField() == 0
	required := shapeOf(t)
	return func(args Args) (T, error) {
		var p T
		if !noPayload {
			if args.Len() == 0 {
				return p, &Error{Code: CodeBadRequest, Message: "missing payload"}
			}
			if err := args.Decode(0, &p); err != nil {
				return p, &Error{Code: CodeBadRequest, Message: "invalid payload: " + err.Error()}
			}
			if required != nil {
				if missing := required.missing(args.Raw(0), "", nil); len(missing) > 0 {
					return p, badRequest(missing)
				}
			}
		}
		if v, ok := any(&p).(Validator); ok {
			if err := v.Validate(); err != nil {
				return p, asError(err)
			}
		}
		return p, nil
	}
}

// validationFailed reports a refused payload to the observer, with the
// failing fields when the refusal names them.
func validationFailed(s *Socket, event string, err error) {
	o := s.nsp.srv.observer()
	if o == nil {
		return
	}
	var fields []string
	if e, ok := errors.AsType[*Error](err); ok {
		if errs, ok := e.Details.(validate.Errors); ok {
			for _, f := range errs {
				fields = append(fields, f.Field)
			}
		}
	}
	o.ValidationFailed(s, event, fields)
}

// badRequest reports failed field checks with code bad_request; the
// details list every field and what is wrong with it.
func badRequest(errs validate.Errors) *Error {
	return &Error{Code: CodeBadRequest, Message: "invalid payload: " + errs.Error(), Details: errs}
}

// asError returns err as the *Error a client is sent: an *Error as is,
// failed field checks as bad_request, anything else as bad_request with the
// error's text (validation errors are meant for the client).
func asError(err error) *Error {
	if e, ok := errors.AsType[*Error](err); ok {
		return e
	}
	if errs, ok := errors.AsType[validate.Errors](err); ok {
		return badRequest(errs)
	}
	return &Error{Code: CodeBadRequest, Message: err.Error()}
}

// ackEnvelope is the single acknowledgement argument sent by the typed
// helpers.
type ackEnvelope struct {
	OK    bool       `json:"ok"`
	Data  any        `json:"data,omitempty"`
	Error *wireError `json:"error,omitempty"`
}

type wireError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Details any    `json:"details,omitempty"`
}

// errorEventBody is the payload of the `error` event.
type errorEventBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Event   string `json:"event"`
	Details any    `json:"details,omitempty"`
}

func failure(e *Error) ackEnvelope {
	return ackEnvelope{Error: &wireError{Code: e.Code, Message: e.Message, Details: e.Details}}
}

func errorEvent(e *Error, event string) errorEventBody {
	return errorEventBody{Code: e.Code, Message: e.Message, Event: event, Details: e.Details}
}

// ReportFailure answers a client event that failed as HandleEvent does:
// through ack when the client asked for one, else with the `error` event;
// an error that is not an *Error is logged and sent as code internal. It
// lets handlers registered with Namespace.On, whose arguments the typed
// helpers cannot decode (several positional ones), follow the same wire
// conventions.
func ReportFailure(s *Socket, event string, ack AckFunc, err error) {
	e, ok := errors.AsType[*Error](err)
	if errs, isChecks := errors.AsType[validate.Errors](err); !ok && isChecks {
		e, ok = badRequest(errs), true
	}
	if !ok {
		s.log(slog.LevelError, fmt.Sprintf("Handler for %s failed: %v", event, err), "event", event, "error", err.Error())
		e = &Error{Code: CodeInternal, Message: "internal error"}
	}
	if ack != nil {
		ack(failure(e))
		return
	}
	s.Emit("error", errorEvent(e, event))
}
