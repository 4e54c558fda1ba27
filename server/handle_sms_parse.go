package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/sms"
)

// maxParseMessages is how many messages one POST /api/v1/sms/parse reads.
const maxParseMessages = 500

// parseRequest is the body of POST /api/v1/sms/parse: one text, or a list
// of messages, each a string or {"id":…,"text":…}.
type parseRequest struct {
	Text     *string           `json:"text"`
	Messages []json.RawMessage `json:"messages"`
	Lang     string            `json:"lang"`
}

// parseSMS handles POST /api/v1/sms/parse (moderators): what the SMS
// channel understands of messages, as mtaa sms parse prints it, storing
// nothing. {"text": …} gives one result; {"messages": […]} gives
// {"results": […]} in order.
func (s *Server) parseSMS(c *gin.Context) error {
	// >> Args
	if s.sms == nil {
		return errSMSNotConfigured("the SMS channel")
	}
	var req parseRequest
	if err := decodeStrict(c, &req, `{"text": …} or {"messages": [ … ]}`); err != nil {
		return err
	}
	type input struct {
		id   json.RawMessage
		text string
	}
	var inputs []input
	switch {
	case req.Text != nil && req.Messages != nil:
		return &apiError{Status: http.StatusBadRequest, Code: "invalid_field", Field: "messages", Message: "give text or messages, not both"}
	case req.Text != nil:
		inputs = append(inputs, input{text: *req.Text})
	case len(req.Messages) == 0:
		return &apiError{Status: http.StatusBadRequest, Code: "missing_field", Field: "text", Message: `text (a message) or messages (a list) is required`}
	case len(req.Messages) > maxParseMessages:
		return &apiError{Status: http.StatusBadRequest, Code: "too_large", Field: "messages", Message: fmt.Sprintf("at most %d messages per request", maxParseMessages)}
	}
	for i, raw := range req.Messages {
		field := fmt.Sprintf("messages[%d]", i)
		var text string
		if err := json.Unmarshal(raw, &text); err == nil {
			inputs = append(inputs, input{id: json.RawMessage(fmt.Sprint(i + 1)), text: text})
			continue
		}
		var m struct {
			ID   json.RawMessage `json:"id"`
			Text *string         `json:"text"`
		}
		if err := json.Unmarshal(raw, &m); err != nil || !strings.HasPrefix(strings.TrimSpace(string(raw)), "{") {
			return &apiError{Status: http.StatusBadRequest, Code: "invalid_field", Field: field, Message: `each message is a string or {"id": …, "text": …}`}
		}
		if m.Text == nil {
			return &apiError{Status: http.StatusBadRequest, Code: "missing_field", Field: field + ".text", Message: "text is required (a string)"}
		}
		if len(m.ID) == 0 || string(m.ID) == "null" {
			m.ID = json.RawMessage(fmt.Sprint(i + 1))
		}
		inputs = append(inputs, input{id: m.ID, text: *m.Text})
	}

	// >> Operation
	results := make([]sms.ParsedMessage, 0, len(inputs))
	for _, in := range inputs {
		u, err := s.sms.Parse(in.text, req.Lang)
		var unknown *sms.UnknownLanguageError
		if errors.As(err, &unknown) {
			return &apiError{Status: http.StatusBadRequest, Code: "invalid_field", Field: "lang", Message: unknown.Error()}
		}
		if err != nil {
			return err
		}
		results = append(results, u.Message(in.id))
	}

	// >> Response
	if req.Text != nil {
		c.JSON(http.StatusOK, results[0])
		return nil
	}
	c.JSON(http.StatusOK, gin.H{"results": results})
	return nil
}
