package server_test

import (
	"bytes"
	"encoding/xml"
	"image"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/sms/smstest"
)

// newWhatsAppPhotoServer is the SMS server with photo storage and Twilio
// media fetched from a local fake of Twilio's API (account AC0123, as
// twilioForm posts).
func newWhatsAppPhotoServer(t *testing.T) (*smsServer, *smstest.FakeTwilio) {
	t.Helper()
	st, dir := datatest.NewStore(t)
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	engine, err := sms.NewEngine(sms.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault, Now: func() time.Time { return now }}, st)
	if err != nil {
		t.Fatal(err)
	}
	photos, err := data.OpenPhotos(dir)
	if err != nil {
		t.Fatal(err)
	}
	fake := smstest.NewFakeTwilio(t, "AC0123", twilioToken)
	media, err := sms.NewTwilioMedia(sms.TwilioMediaConfig{AccountSID: "AC0123", AuthToken: twilioToken, APIBase: fake.URL,
		MaxBytes: server.MaxWhatsAppPhotoBytes})
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(server.Config{PublicURL: "https://mtaa.example.org", TwilioAuthToken: twilioToken, AdminToken: photoAdminToken,
		UploadKey: []byte("0123456789abcdef0123456789abcdef")},
		server.Deps{Store: st, SMS: engine, Photos: photos, TwilioMedia: media, Now: func() time.Time { return now }})
	return &smsServer{&testServer{t: t, store: st, dir: dir, h: srv.Handler()}}, fake
}

// whatsAppPhoto posts a signed WhatsApp message with one medium.
func (ss *smsServer) whatsAppPhoto(sid, from, body, mediaURL, contentType string) response {
	ss.t.Helper()
	form := twilioForm(sid, "whatsapp:"+from, body)
	form.Set("NumMedia", "1")
	form.Set("MediaUrl0", mediaURL)
	form.Set("MediaContentType0", contentType)
	return ss.twilio(form, twilioSign(ss.t, twilioToken, "https://mtaa.example.org/sms/twilio", form))
}

// reportOf returns the report number of a TwiML reply.
func reportOf(t *testing.T, r response) string {
	t.Helper()
	var tw twimlResponse
	if err := xml.Unmarshal(r.Body, &tw); r.Status != 200 || err != nil || len(tw.Messages) != 1 {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	m := regexp.MustCompile(`#(\d+)`).FindStringSubmatch(tw.Messages[0])
	if m == nil {
		t.Fatalf("reply %q has no #id", tw.Messages[0])
	}
	return m[1]
}

// TestWhatsAppPhotoFetchedStrippedAndStored: the photo of a WhatsApp
// report is fetched from (the fake) Twilio with the account's credentials,
// following its redirect to the media storage without them, scaled down to
// MaxPhotoSide, stripped of its EXIF position and kept as the report's
// photo for moderators; a redelivery fetches nothing more.
func TestWhatsAppPhotoFetchedStrippedAndStored(t *testing.T) {
	ss, fake := newWhatsAppPhotoServer(t)
	cases := []struct {
		name       string
		w, h       int
		wantW      int
		wantH      int
		sid, media string
	}{
		{name: "large photo scaled down", w: 1600, h: 1200, wantW: server.MaxPhotoSide, wantH: 960, sid: "SMwp1", media: "ME1"},
		{name: "small photo kept as it is", w: 640, h: 480, wantW: 640, wantH: 480, sid: "SMwp2", media: "ME2"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			url := fake.AddMedia(c.sid, c.media, "image/jpeg", jpegWithEXIF(t, c.w, c.h))
			r := ss.whatsAppPhoto(c.sid, "+25571234560"+string(rune('0'+i)), "moto -6.8123, 39.2567", url, "image/jpeg")
			id := reportOf(t, r)
			got := ss.do(http.MethodGet, "/api/v1/reports/"+id+"/photo", "", nil, "Authorization", "Bearer "+photoAdminToken)
			if got.Status != 200 || got.Header.Get("Content-Type") != "image/jpeg" {
				t.Fatalf("photo of #%s: %d %s", id, got.Status, got.Header)
			}
			if bytes.Contains(got.Body, []byte("GPSLatitude")) {
				t.Fatal("the stored photo still holds the EXIF position")
			}
			cfg, _, err := image.DecodeConfig(bytes.NewReader(got.Body))
			if err != nil || cfg.Width != c.wantW || cfg.Height != c.wantH {
				t.Fatalf("stored %dx%d (%v), want %dx%d", cfg.Width, cfg.Height, err, c.wantW, c.wantH)
			}
			if pub := ss.do(http.MethodGet, "/api/v1/reports/"+id+"/photo", "", nil); pub.Status == 200 {
				t.Fatal("the photo is public")
			}
			// Twilio redelivers the message: nothing is fetched again.
			before := fake.MediaFetches()
			if again := ss.whatsAppPhoto(c.sid, "+25571234560"+string(rune('0'+i)), "moto -6.8123, 39.2567", url, "image/jpeg"); reportOf(t, again) != id {
				t.Fatalf("redelivery answered %s", again.Body)
			}
			if n := fake.MediaFetches(); n != before {
				t.Fatalf("redelivery fetched the photo again (%d fetches, was %d)", n, before)
			}
		})
	}
}

// TestWhatsAppPhotoNeverFetchedElsewhere: a MediaUrl0 that is not one of
// the account's media on Twilio's API host is never requested (the webhook
// cannot make mtaa fetch an address of its choice), nor is a medium over
// the size cap or one that is not a photo stored; the report stands in
// every case.
func TestWhatsAppPhotoNeverFetchedElsewhere(t *testing.T) {
	ss, fake := newWhatsAppPhotoServer(t)
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write(jpegWithEXIF(t, 32, 32))
	}))
	defer other.Close()
	good := fake.AddMedia("SMx", "ME9", "image/jpeg", jpegWithEXIF(t, 32, 32))
	huge := fake.AddMedia("SMbig", "MEbig", "image/jpeg", append(jpegWithEXIF(t, 32, 32), make([]byte, server.MaxWhatsAppPhotoBytes)...))
	for i, c := range []struct{ name, url, contentType string }{
		{"another host", other.URL + "/2010-04-01/Accounts/AC0123/Messages/SMx/Media/ME9", "image/jpeg"},
		{"another account", strings.Replace(good, "AC0123", "AC9999", 1), "image/jpeg"},
		{"a path that climbs", strings.Replace(good, "/Media/ME9", "/Media/../../../ME9", 1), "image/jpeg"},
		{"credentials in the URL", strings.Replace(good, "http://", "http://u:p@", 1), "image/jpeg"},
		{"cloud metadata", "http://169.254.169.254/latest/meta-data/", "image/jpeg"},
		{"over the size cap", huge, "image/jpeg"},
		{"not a photo", good, "video/mp4"},
	} {
		t.Run(c.name, func(t *testing.T) {
			id := reportOf(t, ss.whatsAppPhoto("SMbad"+string(rune('a'+i)), "+255712345699", "moto -6.8123, 39.2567", c.url, c.contentType))
			if got := ss.do(http.MethodGet, "/api/v1/reports/"+id+"/photo", "", nil, "Authorization", "Bearer "+photoAdminToken); got.Status != http.StatusNotFound {
				t.Fatalf("photo of #%s: %d, want none", id, got.Status)
			}
		})
	}
	if n := elsewhere.Load(); n != 0 {
		t.Fatalf("%d requests to another host", n)
	}
}
