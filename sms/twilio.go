package sms

import (
	"fmt"
	"net/url"

	"github.com/twilio/twilio-go/client"
	"github.com/twilio/twilio-go/twiml"
)

// TwilioSignatureHeader is the header Twilio signs its webhooks in.
const TwilioSignatureHeader = "X-Twilio-Signature"

// TwilioSignatureValid reports whether signature is the one Twilio computes
// for a POST of form to webhookURL (the full URL configured in Twilio,
// query string included) with the account's auth token. Every parameter
// counts, including ones mtaa does not use.
func TwilioSignatureValid(authToken, webhookURL string, form url.Values, signature string) bool {
	if authToken == "" || signature == "" {
		return false
	}
	params := make(map[string]string, len(form))
	for k, vs := range form {
		if len(vs) > 0 {
			params[k] = vs[0]
		}
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
