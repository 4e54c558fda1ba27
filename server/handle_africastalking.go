package server

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/ussd"
)

// replyQueue is what the Africa's Talking routes need for outbound
// messages: its callbacks cannot carry a reply, so replies go through its
// messaging API from the outbox.
type replyQueue interface {
	QueueReply(ctx context.Context, to sms.ReplyTo, text string) error
	RecordReport(ctx context.Context, r sms.DeliveryReport) (bool, error)
}

var _ replyQueue = (*sms.Dispatcher)(nil)

// ussdMenu is what the USSD route needs from the menu.
type ussdMenu interface {
	Handle(ctx context.Context, s ussd.Session) (string, error)
	SessionEnded(ctx context.Context, sessionID string) error
}

var _ ussdMenu = (*ussd.Menu)(nil)

// checkAfricasTalkingSecret reads the callback's form and checks its
// ?secret= in constant time: Africa's Talking does not sign its callbacks.
func (s *Server) checkAfricasTalkingSecret(c *gin.Context) error {
	if err := readForm(c); err != nil {
		return err
	}
	if subtle.ConstantTimeCompare([]byte(c.Query("secret")), []byte(s.cfg.AfricasTalkingSecret)) != 1 {
		s.log.Warn("africa's talking callback with a wrong secret", "path", c.Request.URL.Path)
		return &apiError{Status: http.StatusForbidden, Code: "bad_secret", Field: "secret", Message: "missing or wrong secret"}
	}
	return nil
}

// checkAfricasTalking checks an SMS callback: its secret, and that the
// engine and the outbox are there.
func (s *Server) checkAfricasTalking(c *gin.Context) error {
	if err := s.checkAfricasTalkingSecret(c); err != nil {
		return err
	}
	if s.sms == nil || s.replies == nil {
		return errSMSNotConfigured("Africa's Talking")
	}
	return nil
}

// africasTalkingUSSD handles POST /ussd/africastalking, Africa's Talking's
// USSD callback (sessionId, serviceCode, phoneNumber, text): it answers
// the menu's next screen as text/plain, "CON …" or "END …".
func (s *Server) africasTalkingUSSD(c *gin.Context) error {
	if err := s.checkAfricasTalkingSecret(c); err != nil {
		return err
	}
	if s.ussd == nil {
		return errSMSNotConfigured("USSD")
	}
	form := c.Request.PostForm
	sess := ussd.Session{ID: form.Get("sessionId"), ServiceCode: form.Get("serviceCode"), Phone: form.Get("phoneNumber"), Text: form.Get("text")}
	if sess.ID == "" {
		return &apiError{Status: http.StatusBadRequest, Code: "missing_field", Field: "sessionId", Message: "sessionId is required"}
	}
	if sms.NormalizePhone(sess.Phone) == "" {
		return &apiError{Status: http.StatusBadRequest, Code: "missing_field", Field: "phoneNumber", Message: "phoneNumber must be the caller's number"}
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), smsTimeout)
	defer cancel()
	screen, err := s.ussd.Handle(ctx, sess)
	if err != nil {
		return err
	}
	c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte(screen))
	return nil
}

// africasTalkingUSSDEnded handles POST /ussd/africastalking/events, Africa's
// Talking's end-of-session notification (sessionId, phoneNumber, status
// Success, Incomplete or Failed, input, …): a report the session began
// and did not file is shown to moderators as a draft at once. Operators
// who do not configure it lose nothing: the draft shows after
// ussd.SessionTimeout.
func (s *Server) africasTalkingUSSDEnded(c *gin.Context) error {
	if err := s.checkAfricasTalkingSecret(c); err != nil {
		return err
	}
	if s.ussd == nil {
		return errSMSNotConfigured("USSD")
	}
	id := c.Request.PostForm.Get("sessionId")
	if id == "" {
		return &apiError{Status: http.StatusBadRequest, Code: "missing_field", Field: "sessionId", Message: "sessionId is required"}
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), smsTimeout)
	defer cancel()
	if err := s.ussd.SessionEnded(ctx, id); err != nil {
		return err
	}
	c.Status(http.StatusOK)
	return nil
}

// africasTalkingInbound handles POST /sms/africastalking, Africa's
// Talking's incoming-message callback (from, to, text, id, linkId, date):
// the message goes through the engine exactly once per id, and the reply
// is queued for its messaging API (once, however often the callback is
// repeated).
func (s *Server) africasTalkingInbound(c *gin.Context) error {
	// >> Args
	if err := s.checkAfricasTalking(c); err != nil {
		return err
	}
	form := c.Request.PostForm
	in := sms.Inbound{Gateway: sms.GatewayAfricasTalking, MessageID: form.Get("id"), From: form.Get("from"), Body: form.Get("text")}
	if in.MessageID == "" {
		return &apiError{Status: http.StatusBadRequest, Code: "missing_field", Field: "id", Message: "id is required"}
	}
	if in.From == "" || sms.NormalizePhone(in.From) == "" {
		return &apiError{Status: http.StatusBadRequest, Code: "missing_field", Field: "from", Message: "from must be the sender's number"}
	}

	// >> Operation
	ctx, cancel := context.WithTimeout(c.Request.Context(), smsTimeout)
	defer cancel()
	reply, err := s.sms.Handle(ctx, in)
	if err != nil {
		return err
	}
	// Also on a redelivery: the first delivery may have stopped between
	// handling the message and queueing its reply.
	to := sms.ReplyTo{Gateway: sms.GatewayAfricasTalking, MessageID: in.MessageID, From: in.From, LinkID: form.Get("linkId")}
	if err := s.replies.QueueReply(ctx, to, reply.Text); err != nil {
		return err
	}

	// >> Response
	c.Status(http.StatusOK)
	return nil
}

// africasTalkingDelivery handles POST /sms/africastalking/delivery,
// Africa's Talking's delivery reports (id, status, phoneNumber,
// failureReason, …): a final status marks the outbound message delivered
// or failed; any report on an id mtaa did not record may show that a
// message whose send outcome a crash left unknown was taken (see
// sms.Dispatcher.RecordReport), which is why the number is passed on.
func (s *Server) africasTalkingDelivery(c *gin.Context) error {
	if err := s.checkAfricasTalking(c); err != nil {
		return err
	}
	form := c.Request.PostForm
	id, status := form.Get("id"), form.Get("status")
	if id == "" {
		return &apiError{Status: http.StatusBadRequest, Code: "missing_field", Field: "id", Message: "id is required"}
	}
	if status == "" {
		return &apiError{Status: http.StatusBadRequest, Code: "missing_field", Field: "status", Message: "status is required"}
	}
	r := sms.DeliveryReport{Gateway: sms.GatewayAfricasTalking, ProviderID: id, Phone: form.Get("phoneNumber"), Status: sms.DeliveryStatus(status)}
	if r.Status == data.OutboundFailed {
		r.Reason = status
		if fr := form.Get("failureReason"); fr != "" {
			r.Reason += ": " + fr
		}
		if len(r.Reason) > 200 {
			r.Reason = strings.ToValidUTF8(r.Reason[:200], "")
		}
	}
	if _, err := s.replies.RecordReport(c.Request.Context(), r); err != nil {
		return err
	}
	c.Status(http.StatusOK)
	return nil
}
