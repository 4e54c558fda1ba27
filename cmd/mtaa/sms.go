package main

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/mtaa-project/mtaa/sms"
)

// smsCommand runs mtaa sms SUBCOMMAND: tools for the SMS channel. Each
// subcommand is one case of the switch.
func smsCommand(args []string, stdout, stderr io.Writer) error {
	const want = "want send, parse or replies"
	if len(args) == 0 {
		fmt.Fprintln(stderr, "sms: "+want)
		return errUsage
	}
	switch args[0] {
	case "send":
		return smsSend(args[1:], stdout, stderr)
	case "parse":
		return smsParseCommand(args[1:], os.Stdin, stdout, stderr)
	case "replies":
		return smsRepliesCommand(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "sms: unknown subcommand %q; %s\n", args[0], want)
	return errUsage
}

// smsSend plays Twilio for a server of one's own: it posts TEXT as an
// incoming message to URL/sms/twilio with the X-Twilio-Signature Twilio
// would compute for it, and prints the reply the resident would get.
func smsSend(args []string, stdout, stderr io.Writer) error {
	fs := newEnvFlags("sms send", stderr)
	local := fs.String("local", "", "URL of the mtaa server to post to, e.g. http://127.0.0.1:8080")
	signedURL := fs.String("signed-url", "", "base URL the server checks signatures against (its --public-url; default: --local)")
	token := fs.String("auth-token", "", "the server's --twilio-auth-token")
	from := fs.String("from", "", "the resident's number, E.164 (e.g. +15555550100)")
	sid := fs.String("message-sid", "", "Twilio's message id (default: a new SM… id); resending one id is answered with the first reply")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: mtaa sms send --local URL --auth-token T --from +1555… TEXT")
		fs.PrintDefaults()
	}
	text, err := fs.parseOneArg(args, "TEXT (quote it)")
	if err != nil {
		return err
	}
	for _, req := range []struct{ name, v string }{{"local", *local}, {"auth-token", *token}, {"from", *from}} {
		if req.v == "" {
			fmt.Fprintf(stderr, "sms send: --%s is required\n", req.name)
			return errUsage
		}
	}
	if *sid == "" {
		*sid = "SMlocal" + strconv.FormatInt(time.Now().UnixNano(), 16)
	}
	if *signedURL == "" {
		*signedURL = *local
	}
	reply, err := postTwilioSMS(context.Background(), *local, *signedURL, *token, url.Values{
		"MessageSid": {*sid}, "From": {*from}, "To": {"+15555550199"}, "Body": {text}, "NumMedia": {"0"},
	})
	if err != nil {
		return fmt.Errorf("sms send: %w", err)
	}
	if reply == "" {
		reply = "(no reply)"
	}
	fmt.Fprintln(stdout, reply)
	return nil
}

// twilioPath is the server's Twilio webhook route.
const twilioPath = "/sms/twilio"

// postTwilioSMS posts form to local's Twilio webhook, signed over the URL
// signedBase+twilioPath with token by sms.TwilioSignature, and returns the
// text of the TwiML reply ("" when the server sends none).
func postTwilioSMS(ctx context.Context, local, signedBase, token string, form url.Values) (string, error) {
	target := strings.TrimRight(local, "/") + twilioPath
	signed := strings.TrimRight(signedBase, "/") + twilioPath
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set(sms.TwilioSignatureHeader, sms.TwilioSignature(token, signed, form))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return "", fmt.Errorf("read the answer of %s: %w", target, err)
	}
	if resp.StatusCode != http.StatusOK {
		hint := ""
		if resp.StatusCode == http.StatusForbidden {
			hint = " (is --auth-token the server's --twilio-auth-token, and --signed-url its --public-url?)"
		}
		return "", fmt.Errorf("%s answered %s: %s%s", target, resp.Status, strings.TrimSpace(string(body)), hint)
	}
	var twiml struct {
		Messages []string `xml:"Message"`
	}
	if err := xml.Unmarshal(body, &twiml); err != nil {
		return "", fmt.Errorf("the answer of %s is not TwiML: %w", target, err)
	}
	return strings.Join(twiml.Messages, "\n"), nil
}
