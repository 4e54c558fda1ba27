package sms

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"net/url"
	"sort"

	"github.com/twilio/twilio-go/client"
	"github.com/twilio/twilio-go/twiml"
)

// TwilioSignatureHeader is the header Twilio signs its webhooks in.
const TwilioSignatureHeader = "X-Twilio-Signature"

// TwilioSignatureValid reports whether signature is the one Twilio computes
// for a POST of form to webhookURL (the full URL configured in Twilio,
// query string included) with the account's auth token. Every parameter
// counts, including ones mtaa does not use; a parameter given twice makes
// the signature invalid.
func TwilioSignatureValid(authToken, webhookURL string, form url.Values, signature string) bool {
	if authToken == "" || signature == "" {
		return false
	}
	params := make(map[string]string, len(form))
	for k, vs := range form {
		// The validator signs one value per name: a name sent twice
		// would carry a value the signature does not cover (Twilio's
		// webhooks never repeat a name).
		if len(vs) != 1 {
			return false
		}
		params[k] = vs[0]
	}
	v := client.NewRequestValidator(authToken)
	return v.Validate(webhookURL, params, signature)
}

// TwiML renders a messaging response that replies with text; an empty text
// renders an empty response (no reply).
func TwiML(text string) (string, error) {
	var verbs []twiml.Element
	if text != "" {
		verbs = append(verbs, &twiml.MessagingMessage{Body: text})
	}
	out, err := twiml.Messages(verbs)
	if err != nil {
		return "", fmt.Errorf("render twiml: %w", err)
	}
	return out, nil
}

// TwilioSignature computes the X-Twilio-Signature Twilio sends with a form
// POST to webhookURL: HMAC-SHA1 with the auth token over the URL followed
// by every parameter name and its first value, sorted by name, base64. The
// server checks signatures with twilio-go's validator; this is for load
// tools and tests that play Twilio.
func TwilioSignature(authToken, webhookURL string, form url.Values) string {
	names := make([]string, 0, len(form))
	for name := range form {
		names = append(names, name)
	}
	sort.Strings(names)
	mac := hmac.New(sha1.New, []byte(authToken))
	mac.Write([]byte(webhookURL))
	for _, name := range names {
		mac.Write([]byte(name + form.Get(name)))
	}
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}
