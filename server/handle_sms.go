package server

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
)

// smsEngine is what the SMS routes need from the conversation engine.
type smsEngine interface {
	Handle(ctx context.Context, in sms.Inbound) (sms.Reply, error)
	// Parse says what a message would be understood as, storing nothing.
	Parse(text, lang string) (sms.Understanding, error)
	// Drafts lists the open conversations; FileDraft files one as a
	// report.
	Drafts() ([]sms.Draft, error)
	FileDraft(ctx context.Context, id uint64, d sms.DraftDecision) (sms.FiledDraft, error)
}

var _ smsEngine = (*sms.Engine)(nil)

// smsTimeout bounds the handling of one inbound message: Twilio gives up
// after 15 s, so mtaa answers well before.
const smsTimeout = 10 * time.Second

// readForm parses a form body of at most MaxBodyBytes.
func readForm(c *gin.Context) error {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, MaxBodyBytes)
	var err error = &http.MaxBytesError{Limit: MaxBodyBytes}
	if c.Request.ContentLength <= MaxBodyBytes { // else refused at once, unread
		err = c.Request.ParseForm()
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return &apiError{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Field: "body", Message: "request body is too large"}
		}
		return &apiError{Status: http.StatusBadRequest, Code: "invalid_body", Field: "body", Message: "body must be application/x-www-form-urlencoded"}
	}
	return nil
}

func errSMSNotConfigured(gateway string) error {
	return &apiError{Status: http.StatusServiceUnavailable, Code: "sms_not_configured",
		Message: gateway + " is not configured on this server"}
}

// whatsAppPrefix marks the numbers of WhatsApp senders in Twilio's From.
const whatsAppPrefix = "whatsapp:"

// whatsAppLocation returns the position of a WhatsApp location message
// (Twilio's Latitude and Longitude parameters) as coordinates the engine
// reads from the text, "" when the message has none: labelled ("lat … lon
// …"), so that neither the order nor a whole degree is left to guessing,
// with every digit Twilio sent.
func whatsAppLocation(form url.Values) (string, error) {
	latS, lonS := form.Get("Latitude"), form.Get("Longitude")
	if latS == "" && lonS == "" {
		return "", nil
	}
	lat, err1 := strconv.ParseFloat(latS, 64)
	lon, err2 := strconv.ParseFloat(lonS, 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return "", &apiError{Status: http.StatusBadRequest, Code: "invalid_field", Field: "Latitude",
			Message: "Latitude and Longitude must be WGS84 degrees"}
	}
	return "lat " + strconv.FormatFloat(lat, 'f', -1, 64) + " lon " + strconv.FormatFloat(lon, 'f', -1, 64), nil
}

// twilioInbound handles POST /sms/twilio, Twilio's incoming-message
// webhook: the signature is checked against the configured public URL, the
// message is handled exactly once per MessageSid, and the reply is TwiML.
// WhatsApp messages come the same way (From "whatsapp:+…"): their reports
// have channel whatsapp, a location message is placed at its Latitude and
// Longitude, and photos go to the engine with the message: one sent
// before the report is complete stays with the draft, one sent right
// after joins the report, and the first photo of a report is fetched from
// Twilio and kept as its photo when it is filed.
func (s *Server) twilioInbound(c *gin.Context) error {
	// >> Args
	if s.sms == nil || s.cfg.TwilioAuthToken == "" {
		return errSMSNotConfigured("Twilio")
	}
	if err := readForm(c); err != nil {
		return err
	}
	form := c.Request.PostForm
	webhookURL := s.baseURL(c) + c.Request.URL.RequestURI()
	if !sms.TwilioSignatureValid(s.cfg.TwilioAuthToken, webhookURL, form, c.GetHeader(sms.TwilioSignatureHeader)) {
		s.log.Warn("twilio webhook with a missing or wrong signature", "url", webhookURL)
		return &apiError{Status: http.StatusForbidden, Code: "bad_signature", Field: sms.TwilioSignatureHeader,
			Message: "missing or invalid Twilio signature"}
	}
	in := sms.Inbound{Gateway: "twilio", MessageID: form.Get("MessageSid"), From: form.Get("From"), Body: form.Get("Body")}
	if from, ok := strings.CutPrefix(in.From, whatsAppPrefix); ok {
		in.From, in.Channel = from, data.ChannelWhatsApp
		in.Media = s.inboundMedia(form)
		where, err := whatsAppLocation(form)
		if err != nil {
			return err
		}
		if where != "" { // after the words, as residents write "flood -6.79, 39.21"
			in.Body = strings.TrimSpace(in.Body + " " + where)
		}
	}
	if in.MessageID == "" {
		return &apiError{Status: http.StatusBadRequest, Code: "missing_field", Field: "MessageSid", Message: "MessageSid is required"}
	}
	if in.From == "" || sms.NormalizePhone(in.From) == "" {
		return &apiError{Status: http.StatusBadRequest, Code: "missing_field", Field: "From", Message: "From is required"}
	}

	// >> Operation
	ctx, cancel := context.WithTimeout(c.Request.Context(), smsTimeout)
	defer cancel()
	reply, err := s.sms.Handle(ctx, in)
	if err != nil {
		return err
	}
	s.attachPhoto(ctx, reply.ReportID, reply.Media) // also on a redelivery: the first may have stopped before it

	// >> Response
	doc, err := sms.TwiML(reply.Text)
	if err != nil {
		return err
	}
	c.Data(http.StatusOK, "text/xml; charset=utf-8", []byte(doc))
	return nil
}
