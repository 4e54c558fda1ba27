package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
)

// apiError is an error with an HTTP status and a stable code, rendered as
// {"error":{"code":…,"field":…,"message":…}}.
type apiError struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func badParam(field, message string) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: "invalid_parameter", Field: field, Message: message}
}

// statusFor maps an error from any layer onto the response to send. 5xx
// messages stay generic; the details go to the log.
func statusFor(err error) *apiError {
	var ae *apiError
	var ve *data.ValidationError
	var tc *data.TaskConflictError
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &ve):
		return &apiError{Status: http.StatusBadRequest, Code: ve.Code, Field: ve.Field, Message: ve.Message}
	case errors.As(err, &tc):
		return &apiError{Status: http.StatusConflict, Code: tc.Code, Message: tc.Message}
	case errors.Is(err, data.ErrNotFound):
		return &apiError{Status: http.StatusNotFound, Code: "not_found", Message: "no such resource"}
	case errors.Is(err, data.ErrStorageFull):
		return &apiError{Status: http.StatusInsufficientStorage, Code: "storage_full",
			Message: "the server's disk is full; the report was not stored, please retry later"}
	case errors.Is(err, data.ErrReadOnly):
		return &apiError{Status: http.StatusServiceUnavailable, Code: "storage_read_only",
			Message: "the server cannot write to its data directory; the report was not stored"}
	case errors.Is(err, data.ErrClosed), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return &apiError{Status: http.StatusServiceUnavailable, Code: "unavailable", Message: "the server is shutting down or overloaded; retry"}
	}
	return &apiError{Status: http.StatusInternalServerError, Code: "internal", Message: "internal error"}
}

type errorBody struct {
	Error *apiError `json:"error"`
}

// handle adapts a handler that returns an error into a gin.HandlerFunc; it
// is the one place where errors become responses.
func (s *Server) handle(fn func(c *gin.Context) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := fn(c); err != nil {
			s.abort(c, err)
		}
	}
}

func (s *Server) abort(c *gin.Context, err error) {
	ae := statusFor(err)
	if ae.Status >= 500 {
		s.log.Error("request failed", "route", c.FullPath(), "status", ae.Status, "err", err)
	}
	c.AbortWithStatusJSON(ae.Status, errorBody{Error: ae})
}

func (s *Server) recovery(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic in handler", "route", c.FullPath(), "panic", v, slog.String("path", c.Request.URL.Path))
			c.AbortWithStatusJSON(http.StatusInternalServerError, errorBody{Error: &apiError{Code: "internal", Message: "internal error"}})
		}
	}()
	c.Next()
}
