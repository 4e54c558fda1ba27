package sms

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// TwilioMediaConfig configures fetching the media of inbound messages
// (WhatsApp photos) from Twilio.
type TwilioMediaConfig struct {
	AccountSID string
	AuthToken  string
	// APIBase replaces DefaultTwilioAPIBase (a local fake in tests): media
	// URLs are fetched only on its scheme and host.
	APIBase string
	// MaxBytes caps a media body; a larger one is ErrMediaTooLarge.
	MaxBytes int64
}

// TwilioMedia fetches a message's media (MediaUrl0 of a webhook) with the
// account's credentials. It fetches only URLs of the account's messages on
// Twilio's API host: a webhook cannot make mtaa fetch an address of its
// choice.
type TwilioMedia struct {
	cfg    TwilioMediaConfig
	base   *url.URL
	client *http.Client
}

// ErrMediaTooLarge is returned for media over TwilioMediaConfig.MaxBytes.
var ErrMediaTooLarge = errors.New("sms: media too large")

// ErrMediaURL is returned for a media URL that is not one of the account's
// messages on Twilio's API host.
var ErrMediaURL = errors.New("sms: not a Twilio media URL of this account")

// maxMediaRedirects bounds the redirects of one media fetch (Twilio
// answers with one, to its media storage).
const maxMediaRedirects = 3

// NewTwilioMedia builds a media fetcher; it makes no request.
func NewTwilioMedia(cfg TwilioMediaConfig) (*TwilioMedia, error) {
	if cfg.AccountSID == "" || cfg.AuthToken == "" {
		return nil, errors.New("twilio media: account SID and auth token are required")
	}
	if cfg.MaxBytes <= 0 {
		return nil, errors.New("twilio media: a size cap is required")
	}
	base, err := apiBase(cfg.APIBase, DefaultTwilioAPIBase)
	if err != nil {
		return nil, fmt.Errorf("twilio media: %w", err)
	}
	m := &TwilioMedia{cfg: cfg, base: base}
	m.client = &http.Client{Timeout: 10 * time.Second, CheckRedirect: m.checkRedirect}
	return m, nil
}

// checkRedirect follows Twilio's redirect to its media storage: over
// HTTPS (or to the API host itself), a few times at most, and without the
// account's credentials: the storage's URL carries its own authorisation.
func (m *TwilioMedia) checkRedirect(req *http.Request, via []*http.Request) error {
	req.Header.Del("Authorization")
	if len(via) > maxMediaRedirects {
		return fmt.Errorf("twilio media: more than %d redirects", maxMediaRedirects)
	}
	if req.URL.Scheme != "https" && !(req.URL.Scheme == m.base.Scheme && req.URL.Host == m.base.Host) {
		return fmt.Errorf("twilio media: redirect to %s: not HTTPS", req.URL.Redacted())
	}
	return nil
}

// CheckURL reports whether raw is the URL of a medium of one of the
// account's messages on the API host:
// {base}/2010-04-01/Accounts/{AccountSID}/Messages/{MessageSid}/Media/{MediaSid}.
func (m *TwilioMedia) CheckURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != m.base.Scheme || u.Host != m.base.Host || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return ErrMediaURL
	}
	rest, ok := strings.CutPrefix(u.EscapedPath(), "/2010-04-01/Accounts/"+m.cfg.AccountSID+"/Messages/")
	parts := strings.Split(rest, "/")
	if !ok || len(parts) != 3 || parts[1] != "Media" || !sid(parts[0]) || !sid(parts[2]) {
		return ErrMediaURL
	}
	return nil
}

// sid reports whether s looks like a Twilio SID: two letters and
// alphanumerics, nothing that changes a path.
func sid(s string) bool {
	if len(s) < 3 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// Fetch returns the body of the medium at mediaURL and its Content-Type,
// at most MaxBytes. The URL must pass CheckURL.
func (m *TwilioMedia) Fetch(ctx context.Context, mediaURL string) ([]byte, string, error) {
	if err := m.CheckURL(mediaURL); err != nil {
		return nil, "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, mediaURL, nil)
	if err != nil {
		return nil, "", fmt.Errorf("twilio media: %w", err)
	}
	req.SetBasicAuth(m.cfg.AccountSID, m.cfg.AuthToken)
	resp, err := m.client.Do(req)
	if err != nil {
		return nil, "", fmt.Errorf("twilio media: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, "", fmt.Errorf("twilio media: HTTP %d", resp.StatusCode)
	}
	if resp.ContentLength > m.cfg.MaxBytes {
		return nil, "", ErrMediaTooLarge
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, m.cfg.MaxBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("twilio media: read: %w", err)
	}
	if int64(len(body)) > m.cfg.MaxBytes {
		return nil, "", ErrMediaTooLarge
	}
	return body, resp.Header.Get("Content-Type"), nil
}
