package sms

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/twilio/twilio-go"
	"github.com/twilio/twilio-go/client"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// DefaultTwilioAPIBase is Twilio's REST API.
const DefaultTwilioAPIBase = "https://api.twilio.com"

// TwilioSenderConfig configures outbound SMS through Twilio's REST API.
type TwilioSenderConfig struct {
	AccountSID string
	AuthToken  string
	// From is the sending number (E.164) or a Messaging Service SID (MG…).
	From string
	// APIBase replaces https://api.twilio.com, e.g. for a local fake of the
	// API in tests; empty means Twilio.
	APIBase string
}

// TwilioSender sends SMS with twilio-go's REST client.
type TwilioSender struct {
	api  *openapi.ApiService
	from string
	// For LookupSent, which reads the Messages list itself (with a
	// context and exact paging): the client rebased like api's, and the
	// account.
	http       *http.Client
	accountSID string
	authToken  string
}

// NewTwilioSender builds a sender; it makes no request.
func NewTwilioSender(cfg TwilioSenderConfig) (*TwilioSender, error) {
	if cfg.AccountSID == "" || cfg.AuthToken == "" || cfg.From == "" {
		return nil, errors.New("twilio sender: account SID, auth token and from number are required")
	}
	httpClient := &http.Client{
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	if cfg.APIBase != "" && strings.TrimRight(cfg.APIBase, "/") != DefaultTwilioAPIBase {
		base, err := url.Parse(cfg.APIBase)
		if err != nil || base.Scheme == "" || base.Host == "" {
			return nil, fmt.Errorf("twilio sender: API base %q is not an absolute URL", cfg.APIBase)
		}
		httpClient.Transport = &rebaseTransport{base: base, next: http.DefaultTransport}
	}
	c := &client.Client{Credentials: client.NewCredentials(cfg.AccountSID, cfg.AuthToken), HTTPClient: httpClient}
	c.SetAccountSid(cfg.AccountSID)
	rest := twilio.NewRestClientWithParams(twilio.ClientParams{Client: c})
	return &TwilioSender{api: rest.Api, from: cfg.From, http: httpClient, accountSID: cfg.AccountSID, authToken: cfg.AuthToken}, nil
}

// Send sends body to the number to and returns Twilio's message SID.
func (t *TwilioSender) Send(ctx context.Context, to, body string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	p := (&openapi.CreateMessageParams{}).SetTo(to).SetBody(body)
	if strings.HasPrefix(t.from, "MG") {
		p.SetMessagingServiceSid(t.from)
	} else {
		p.SetFrom(t.from)
	}
	msg, err := t.api.CreateMessage(p)
	if err != nil {
		return "", fmt.Errorf("twilio send: %w", err)
	}
	if msg.Sid == nil {
		return "", errors.New("twilio send: answer without a message SID")
	}
	return *msg.Sid, nil
}

// rebaseTransport sends twilio-go's requests for api.twilio.com to another
// base URL, keeping the path and query.
type rebaseTransport struct {
	base *url.URL
	next http.RoundTripper
}

func (r *rebaseTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.URL.Scheme, out.URL.Host = r.base.Scheme, r.base.Host
	out.URL.Path = strings.TrimRight(r.base.Path, "/") + req.URL.Path
	out.Host = r.base.Host
	return r.next.RoundTrip(out)
}

// Permanent reports whether a send failed for a reason retrying cannot
// fix: Twilio refused the message itself (HTTP 400, e.g. error 21211, an
// invalid number). Server errors, rate limits, timeouts, network failures
// and credential or account problems (401, 403, 404, which the operator
// can fix) are transient. An error with its own Permanent method (an
// AfricasTalkingError) decides for itself.
func Permanent(err error) bool {
	var own interface{ Permanent() bool }
	if errors.As(err, &own) {
		return own.Permanent()
	}
	var rest *client.TwilioRestError
	if !errors.As(err, &rest) {
		return false
	}
	switch rest.Code {
	case 21222, 21224: // malformed credentials, checked by twilio-go itself
		return false
	}
	return rest.Status == http.StatusBadRequest
}
