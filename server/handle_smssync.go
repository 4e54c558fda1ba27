package server

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/sms"
)

// phoneGateway is what the SMSSync routes need for outbound messages.
type phoneGateway interface {
	TakeForPhone(ctx context.Context, limit int) ([]sms.PhoneTask, error)
	ConfirmQueued(ctx context.Context, uuids []string) ([]string, error)
	AwaitingResult() ([]string, error)
	RecordResults(ctx context.Context, results []sms.PhoneResult) error
}

var _ phoneGateway = (*sms.Dispatcher)(nil)

// smssyncPayload is SMSSync's reply envelope.
type smssyncPayload struct {
	Success  bool            `json:"success"`
	Error    *string         `json:"error"`
	Task     string          `json:"task,omitempty"`
	Secret   string          `json:"secret,omitempty"`
	Messages []sms.PhoneTask `json:"messages,omitempty"`
}

func smssyncError(c *gin.Context, status int, msg string) {
	c.AbortWithStatusJSON(status, gin.H{"payload": smssyncPayload{Success: false, Error: &msg}})
}

// smssync handles the SMSSync protocol on /sms/smssync: an Android phone
// posts the messages it receives (instant replies in the answer), polls
// with task=send for messages to send, confirms them with task=sent and
// reports delivery with task=result. The shared secret is checked on
// every call.
func (s *Server) smssync(c *gin.Context) error {
	if s.cfg.SMSSyncSecret == "" || s.sms == nil {
		return errSMSNotConfigured("SMSSync")
	}
	task := c.Query("task")
	var body []byte
	if c.Request.Method == http.MethodPost && (task == "sent" || task == "result") {
		var err error
		if body, err = readAtMost(c, MaxBodyBytes); err != nil {
			return &apiError{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Field: "body", Message: "request body is too large"}
		}
	} else if err := readForm(c); err != nil {
		return err
	}
	secret := c.Request.FormValue("secret")
	if secret == "" {
		secret = c.Query("secret")
	}
	if subtle.ConstantTimeCompare([]byte(secret), []byte(s.cfg.SMSSyncSecret)) != 1 {
		s.log.Warn("smssync call with a wrong secret", "device", c.Request.FormValue("device_id"))
		smssyncError(c, http.StatusForbidden, "wrong secret")
		return nil
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), smsTimeout)
	defer cancel()
	switch {
	case task == "send" && c.Request.Method == http.MethodGet:
		tasks := []sms.PhoneTask{}
		if s.phone != nil {
			var err error
			if tasks, err = s.phone.TakeForPhone(ctx, 50); err != nil {
				return err
			}
		}
		c.JSON(http.StatusOK, gin.H{"payload": smssyncPayload{Success: true, Task: "send", Secret: s.cfg.SMSSyncSecret, Messages: tasks}})
	case task == "sent" && c.Request.Method == http.MethodPost:
		var req struct {
			QueuedMessages []string `json:"queued_messages"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			return &apiError{Status: http.StatusBadRequest, Code: "invalid_json", Field: "queued_messages", Message: "body must be {\"queued_messages\":[uuid,…]}"}
		}
		uuids := []string{}
		if s.phone != nil {
			var err error
			if uuids, err = s.phone.ConfirmQueued(ctx, req.QueuedMessages); err != nil {
				return err
			}
		}
		c.JSON(http.StatusOK, gin.H{"message_uuids": uuids})
	case task == "result" && c.Request.Method == http.MethodGet:
		uuids := []string{}
		if s.phone != nil {
			var err error
			if uuids, err = s.phone.AwaitingResult(); err != nil {
				return err
			}
		}
		c.JSON(http.StatusOK, gin.H{"message_uuids": uuids})
	case task == "result" && c.Request.Method == http.MethodPost:
		var req struct {
			MessageResult []sms.PhoneResult `json:"message_result"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			return &apiError{Status: http.StatusBadRequest, Code: "invalid_json", Field: "message_result", Message: "body must be {\"message_result\":[…]}"}
		}
		if s.phone != nil {
			if err := s.phone.RecordResults(ctx, req.MessageResult); err != nil {
				return err
			}
		}
		c.JSON(http.StatusOK, gin.H{"payload": smssyncPayload{Success: true}})
	case task == "" && c.Request.Method == http.MethodPost:
		return s.smssyncIncoming(ctx, c)
	default:
		return &apiError{Status: http.StatusBadRequest, Code: "invalid_parameter", Field: "task", Message: "task must be send, sent or result (or absent for an incoming message)"}
	}
	return nil
}

// smssyncIncoming handles one message the phone received.
func (s *Server) smssyncIncoming(ctx context.Context, c *gin.Context) error {
	in := sms.Inbound{Gateway: "smssync", MessageID: c.Request.PostForm.Get("message_id"),
		From: c.Request.PostForm.Get("from"), Body: c.Request.PostForm.Get("message")}
	// sent_timestamp is in milliseconds since 1970 (seconds in old
	// versions of SMSSync).
	if ts, err := strconv.ParseInt(c.Request.PostForm.Get("sent_timestamp"), 10, 64); err == nil && ts > 0 {
		if ts < 1e11 {
			ts *= 1000
		}
		in.SentAt = time.UnixMilli(ts)
	}
	if in.From == "" || sms.NormalizePhone(in.From) == "" {
		smssyncError(c, http.StatusBadRequest, "from is required")
		return nil
	}
	if in.MessageID == "" {
		smssyncError(c, http.StatusBadRequest, "message_id is required")
		return nil
	}
	reply, err := s.sms.Handle(ctx, in)
	if err != nil {
		return err
	}
	p := smssyncPayload{Success: true}
	if reply.Text != "" {
		// A redelivery gets the same reply under the same uuid, so the phone
		// can tell it already sent it.
		p.Messages = []sms.PhoneTask{{To: in.From, Message: reply.Text, UUID: "reply-" + in.MessageID}}
	}
	c.JSON(http.StatusOK, gin.H{"payload": p})
	return nil
}
