package data

import (
	"errors"
	"fmt"
)

// ErrNotFound is returned when a requested record does not exist.
var ErrNotFound = errors.New("data: not found")

// ErrClosed is returned by operations on a store that has been closed.
var ErrClosed = errors.New("data: store closed")

// ErrStorageFull is returned when a write fails because the disk is full.
var ErrStorageFull = errors.New("data: storage full")

// ErrReadOnly is returned when a write fails because the data file or its
// directory cannot be written.
var ErrReadOnly = errors.New("data: storage read-only")

// ErrLocked is returned by Open when another process (usually a running
// mtaa serve) holds the database.
var ErrLocked = errors.New("data: database in use by another process")

// ErrNoFile is returned by Backup and WriteTo on a store whose engine
// keeps no database file (PostgreSQL).
var ErrNoFile = errors.New("data: storage engine keeps no database file")

// ErrNotEmpty is returned when a store is copied (mtaa migrate) into a
// database that already holds data.
var ErrNotEmpty = errors.New("data: target database is not empty")

// ErrIdempotencyReused is returned by Create when a report's idempotency
// key was first used with another request (Report.RequestHash differs):
// the key is not a retry of that request.
var ErrIdempotencyReused = errors.New("data: idempotency key reused with another request")

// ErrCorrupt is returned when stored bytes cannot be decoded.
var ErrCorrupt = errors.New("data: corrupt record")

// ErrSchema is returned by Open for a database file written with another
// layout than this mtaa's, which it refuses rather than misread.
var ErrSchema = errors.New("data: database file has another layout version")

// Validation error codes, stable on the wire.
const (
	CodeInvalid  = "invalid_field"
	CodeMissing  = "missing_field"
	CodeUnknown  = "unknown_field"
	CodeTooLarge = "too_large"
	CodeSyntax   = "invalid_json"
)

// ValidationError reports a problem with one field of an input. Field is a
// dotted path such as "geometry.coordinates" or "properties.category".
type ValidationError struct {
	Code    string
	Field   string
	Message string
}

func (e *ValidationError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	return fmt.Sprintf("%s: %s: %s", e.Code, e.Field, e.Message)
}

func invalid(field, format string, args ...any) *ValidationError {
	return &ValidationError{Code: CodeInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrExists is returned when creating something whose unique key (an
// account's e-mail) is taken.
var ErrExists = errors.New("data: already exists")

// ErrBadCredentials is returned for a wrong e-mail or password, an unknown,
// expired or revoked token or session, and a disabled account: callers
// cannot tell which, and neither can an attacker.
var ErrBadCredentials = errors.New("data: bad credentials")

// ErrAccountLocked is returned by Authenticate while an account is locked
// after too many wrong passwords.
var ErrAccountLocked = errors.New("data: account temporarily locked")

// ErrPasswordExpired is returned by Authenticate for the right one-time
// password (from user add or reset-password) after OneTimePasswordTTL:
// an administrator must hand out a new one.
var ErrPasswordExpired = errors.New("data: one-time password expired")

// ErrConflict is returned when a change is not allowed from the current
// state of a record (a status transition the workflow forbids).
var ErrConflict = errors.New("data: conflicting change")
