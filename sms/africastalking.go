package sms

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// DefaultAfricasTalkingAPIBase is Africa's Talking's live API; the sandbox
// is https://api.sandbox.africastalking.com.
const DefaultAfricasTalkingAPIBase = "https://api.africastalking.com"

// GatewayAfricasTalking names Africa's Talking in inbound message keys and
// in the outbox.
const GatewayAfricasTalking = "africastalking"

// AfricasTalkingConfig configures outbound SMS through Africa's Talking's
// messaging API.
type AfricasTalkingConfig struct {
	Username string
	APIKey   string
	// From is the short code or sender id messages are sent from; empty
	// means the account's default.
	From string
	// APIBase replaces DefaultAfricasTalkingAPIBase (the sandbox, or a
	// local fake in tests).
	APIBase string
}

// AfricasTalkingSender sends SMS with a plain HTTP client: POST
// {base}/version1/messaging, form encoded, the API key in the apiKey
// header.
type AfricasTalkingSender struct {
	cfg    AfricasTalkingConfig
	url    string
	client *http.Client
}

// NewAfricasTalkingSender builds a sender; it makes no request.
func NewAfricasTalkingSender(cfg AfricasTalkingConfig) (*AfricasTalkingSender, error) {
	if cfg.Username == "" || cfg.APIKey == "" {
		return nil, errors.New("africa's talking sender: username and API key are required")
	}
	base, err := apiBase(cfg.APIBase, DefaultAfricasTalkingAPIBase)
	if err != nil {
		return nil, fmt.Errorf("africa's talking sender: %w", err)
	}
	return &AfricasTalkingSender{cfg: cfg, url: strings.TrimRight(base.String(), "/") + "/version1/messaging",
		client: &http.Client{
			Timeout:       10 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}}, nil
}

// apiBase parses a gateway's API base URL, def when raw is empty: an
// absolute URL is required.
func apiBase(raw, def string) (*url.URL, error) {
	if raw == "" {
		raw = def
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("API base %q is not an absolute URL", raw)
	}
	return u, nil
}

// AfricasTalkingError is a send Africa's Talking refused or could not
// take: Status is the HTTP status, Code the recipient's statusCode (0 when
// the answer had none).
type AfricasTalkingError struct {
	Status  int
	Code    int
	Message string
}

func (e *AfricasTalkingError) Error() string {
	if e.Code != 0 {
		return fmt.Sprintf("africa's talking: recipient status %d: %s", e.Code, e.Message)
	}
	return fmt.Sprintf("africa's talking: HTTP %d: %s", e.Status, e.Message)
}

// Permanent reports whether retrying cannot help: the number is invalid,
// of a type that cannot take SMS, blacklisted by its owner (STOP at the
// operator) or on the do-not-disturb list, or the request itself was
// malformed (HTTP 400). Balance, sender-id, routing and server problems
// are for the operator or time to fix: transient.
func (e *AfricasTalkingError) Permanent() bool {
	switch e.Code {
	case 403, 404, 406, 409: // InvalidPhoneNumber, UnsupportedNumberType, UserInBlacklist, DoNotDisturbRejection
		return true
	case 0:
		return e.Status == http.StatusBadRequest
	}
	return false
}

// atAnswer is the messaging API's answer.
type atAnswer struct {
	SMSMessageData struct {
		Message    string `json:"Message"`
		Recipients []struct {
			StatusCode int    `json:"statusCode"`
			Number     string `json:"number"`
			Status     string `json:"status"`
			MessageID  string `json:"messageId"`
		} `json:"Recipients"`
	} `json:"SMSMessageData"`
}

var _ LinkedSender = (*AfricasTalkingSender)(nil)

// Send sends body to the number to and returns Africa's Talking's message
// id (the id its delivery reports carry).
func (s *AfricasTalkingSender) Send(ctx context.Context, to, body string) (string, error) {
	return s.SendLinked(ctx, to, body, "")
}

// SendLinked sends body to the number to as a reply to the inbound message
// whose linkId Africa's Talking gave (none when linkID is empty): an
// on-demand premium short code bills the reply to that message's session.
func (s *AfricasTalkingSender) SendLinked(ctx context.Context, to, body, linkID string) (string, error) {
	form := url.Values{"username": {s.cfg.Username}, "to": {to}, "message": {body}}
	if s.cfg.From != "" {
		form.Set("from", s.cfg.From)
	}
	if linkID != "" {
		form.Set("linkId", linkID)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("africa's talking send: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("apiKey", s.cfg.APIKey)
	// Once the whole request is written Africa's Talking may have taken
	// the message, whatever happens to its answer.
	var wrote atomic.Bool
	req = req.WithContext(httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		WroteRequest: func(i httptrace.WroteRequestInfo) { wrote.Store(i.Err == nil) },
	}))
	resp, err := s.client.Do(req)
	if err != nil {
		if wrote.Load() {
			return "", fmt.Errorf("africa's talking send: no answer: %w (%w)", ErrOutcomeUnknown, err)
		}
		return "", fmt.Errorf("africa's talking send: %w", err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
			return "", fmt.Errorf("africa's talking send: read answer: %w (%w)", ErrOutcomeUnknown, err)
		}
		return "", fmt.Errorf("africa's talking send: read answer: %w", err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", &AfricasTalkingError{Status: resp.StatusCode, Message: strings.TrimSpace(text.TruncateBytes(string(raw), 200))}
	}
	var a atAnswer
	if err := json.Unmarshal(raw, &a); err != nil {
		return "", &AfricasTalkingError{Status: resp.StatusCode, Message: "answer is not the messaging JSON: " + err.Error()}
	}
	if len(a.SMSMessageData.Recipients) == 0 {
		// No recipient: the API says why in Message (e.g. "InvalidSenderId").
		return "", &AfricasTalkingError{Status: resp.StatusCode, Message: "no recipient in answer: " + a.SMSMessageData.Message}
	}
	r := a.SMSMessageData.Recipients[0]
	switch r.StatusCode {
	case 100, 101, 102: // Processed, Sent, Queued
		if r.MessageID == "" {
			return "", &AfricasTalkingError{Status: resp.StatusCode, Message: "answer without a message id"}
		}
		return r.MessageID, nil
	}
	return "", &AfricasTalkingError{Status: resp.StatusCode, Code: r.StatusCode, Message: r.Status}
}

// DeliveryStatus maps a delivery-report status of Africa's Talking to
// the outbox: Success is delivered; Failed, Rejected, AbsentSubscriber and
// Expired are failed; any other (Sent, Submitted, Buffered) is an
// intermediate status, sent: Africa's Talking took the message.
func DeliveryStatus(status string) data.OutboundStatus {
	switch status {
	case "Success":
		return data.OutboundDelivered
	case "Failed", "Rejected", "AbsentSubscriber", "Expired":
		return data.OutboundFailed
	}
	return data.OutboundSent
}
