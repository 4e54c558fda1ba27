package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
)

// decodeStrict reads a request's JSON body into v, refusing unknown
// fields: 400 invalid_json on field "body", saying it must be shape.
func decodeStrict(c *gin.Context, v any, shape string) error {
	body, err := readJSONBody(c)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return &apiError{Status: http.StatusBadRequest, Code: "invalid_json", Field: "body", Message: "body must be " + shape + ": " + err.Error()}
	}
	return nil
}

// decodeValue decodes exactly one JSON value of body into v, refusing
// unknown fields; errors are *data.ValidationError on field "body" (a
// syntax code for broken JSON or a second value, else want and the
// decoder's reason).
func decodeValue(body []byte, v any, want string) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return &data.ValidationError{Code: data.CodeSyntax, Field: "body", Message: "body is not valid JSON: " + err.Error()}
		}
		return &data.ValidationError{Code: data.CodeInvalid, Field: "body", Message: want + ": " + err.Error()}
	}
	if dec.More() {
		return &data.ValidationError{Code: data.CodeSyntax, Field: "body", Message: "body holds more than one JSON value"}
	}
	return nil
}
