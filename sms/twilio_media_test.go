package sms_test

import (
	"context"
	"errors"
	"testing"

	"github.com/mtaa-project/mtaa/sms"
)

// TestTwilioMediaChecksURL: only the account's media on Twilio's API host
// are fetched; anything else is ErrMediaURL before any request.
func TestTwilioMediaChecksURL(t *testing.T) {
	m, err := sms.NewTwilioMedia(sms.TwilioMediaConfig{AccountSID: "AC0123", AuthToken: "tok", MaxBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	const good = "https://api.twilio.com/2010-04-01/Accounts/AC0123/Messages/MM0001/Media/ME0001"
	if err := m.CheckURL(good); err != nil {
		t.Fatalf("%s: %v", good, err)
	}
	for _, bad := range []string{
		"http://api.twilio.com/2010-04-01/Accounts/AC0123/Messages/MM0001/Media/ME0001", // not HTTPS
		"https://api.twilio.com.evil.example/2010-04-01/Accounts/AC0123/Messages/MM0001/Media/ME0001",
		"https://evil.example/2010-04-01/Accounts/AC0123/Messages/MM0001/Media/ME0001",
		"https://api.twilio.com/2010-04-01/Accounts/AC9999/Messages/MM0001/Media/ME0001", // another account
		"https://api.twilio.com/2010-04-01/Accounts/AC0123/Messages/MM0001/Media/ME0001/extra",
		"https://api.twilio.com/2010-04-01/Accounts/AC0123/Messages/MM0001/Media/..%2F..%2FCalls",
		"https://api.twilio.com/2010-04-01/Accounts/AC0123/Messages/../Media/ME0001",
		"https://api.twilio.com/2010-04-01/Accounts/AC0123/Messages/MM0001/Media/ME0001?redirect=https://evil.example",
		"https://user:pass@api.twilio.com/2010-04-01/Accounts/AC0123/Messages/MM0001/Media/ME0001",
		"https://api.twilio.com/2010-04-01/Accounts/AC0123/Calls.json",
		"http://169.254.169.254/latest/meta-data/",
		"file:///etc/passwd",
		"",
	} {
		if err := m.CheckURL(bad); !errors.Is(err, sms.ErrMediaURL) {
			t.Errorf("%q: %v, want ErrMediaURL", bad, err)
		}
		if _, _, err := m.Fetch(context.Background(), bad); !errors.Is(err, sms.ErrMediaURL) {
			t.Errorf("Fetch %q: %v, want ErrMediaURL", bad, err)
		}
	}
	if _, err := sms.NewTwilioMedia(sms.TwilioMediaConfig{AccountSID: "AC0123", AuthToken: "tok"}); err == nil {
		t.Error("no size cap accepted")
	}
}
