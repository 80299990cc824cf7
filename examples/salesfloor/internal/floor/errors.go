package floor

import (
	"errors"
	"fmt"
)

var (
	// ErrNotSeller reports a sale or contest entry for a user whose role does not sell.
	ErrNotSeller = errors.New("user does not sell")
	// ErrForbidden reports an action on something that belongs to another user.
	ErrForbidden = errors.New("forbidden")
	// ErrConflict reports an action the current state does not allow (a finished roleplay, a reply
	// still being prepared).
	ErrConflict = errors.New("conflict")
)

// ValidationError reports one invalid input field.
type ValidationError struct {
	Field   string
	Message string
}

func (e *ValidationError) Error() string { return fmt.Sprintf("%s: %s", e.Field, e.Message) }

func invalid(field, format string, args ...any) error {
	return &ValidationError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// conflict wraps ErrConflict with a reason.
func conflict(reason string) error { return fmt.Errorf("%w: %s", ErrConflict, reason) }
