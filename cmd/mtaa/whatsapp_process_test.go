package main

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/sms/smstest"
)

// TestWhatsAppPhotoProcess: mtaa serve with a Twilio account pointed at a
// local fake of Twilio's API takes a signed WhatsApp message with a photo
// (MediaUrl0): the report is filed with channel whatsapp and the photo,
// fetched with the account's credentials, scaled down and stripped, is
// the report's photo for moderators.
func TestWhatsAppPhotoProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("process-level test")
	}
	const (
		sid, token, admin = "AC0000000000000000000000000000cafe", "whatsapptoken0123456789", "wa-admin-token"
		public            = "https://mtaa.example.org"
	)
	dir := importedInformal(t)
	api := smstest.NewFakeTwilio(t, sid, token)
	p := startServe(t, dir, "--public-url", public, "--admin-token", admin,
		"--twilio-account-sid", sid, "--twilio-auth-token", token, "--twilio-from", "+254800000000", "--twilio-api-base", api.URL)

	img := image.NewRGBA(image.Rect(0, 0, 2000, 1500))
	for y := 0; y < 1500; y += 10 {
		for x := 0; x < 2000; x += 10 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var photo bytes.Buffer
	if err := jpeg.Encode(&photo, img, nil); err != nil {
		t.Fatal(err)
	}
	payload := []byte("Exif\x00\x00GPSLatitude -1.2555 GPSLongitude 36.8555")
	exif := binary.BigEndian.AppendUint16([]byte{0xFF, 0xE1}, uint16(len(payload)+2)) // APP1, its length
	withEXIF := slices.Concat(photo.Bytes()[:2], exif, payload, photo.Bytes()[2:])

	form := url.Values{"MessageSid": {"SMwaphoto01"}, "AccountSid": {sid}, "From": {"whatsapp:+254722000031"}, "To": {"whatsapp:+254800000000"},
		"Body": {"flooding at -1.2555, 36.8555 water in the houses"}, "NumMedia": {"1"},
		"MediaUrl0": {api.AddMedia("SMwaphoto01", "MEphoto01", "image/jpeg", withEXIF)}, "MediaContentType0": {"image/jpeg"}}
	req, _ := http.NewRequest(http.MethodPost, p.base+"/sms/twilio", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", sms.TwilioSignature(token, public+"/sms/twilio", form))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`#(\d+)`).FindSubmatch(body)
	if resp.StatusCode != 200 || m == nil {
		t.Fatalf("webhook: %d %s", resp.StatusCode, body)
	}
	req, _ = http.NewRequest(http.MethodGet, p.base+"/api/v1/reports/"+string(m[1])+"/photo", nil)
	req.Header.Set("Authorization", "Bearer "+admin)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || api.MediaFetches() != 1 {
		t.Fatalf("photo of #%s: %d, %d fetches\n%s", m[1], resp.StatusCode, api.MediaFetches(), p.stderr)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(got))
	if err != nil || format != "jpeg" || cfg.Width != 1280 || cfg.Height != 960 || bytes.Contains(got, []byte("GPSLatitude")) {
		t.Fatalf("stored photo: %s %dx%d %v, GPS kept %v; want a 1280x960 JPEG without it", format, cfg.Width, cfg.Height, err, bytes.Contains(got, []byte("GPSLatitude")))
	}
}

// TestWhatsAppPhotoBeforeReportProcess: through mtaa serve, signed
// WhatsApp messages and the fake Twilio API, a photo sent alone before the
// report is kept with the draft (moderators see that it has one, not where
// it is), becomes the report's stripped photo when the place comes two
// messages later, a second photo right after is not kept (the resident is
// told the first is), and a voice note is answered "only photos are kept"
// without being fetched. Nothing of the sender or the media reaches the
// public report.
func TestWhatsAppPhotoBeforeReportProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("process-level test")
	}
	const (
		sid, token, admin = "AC0000000000000000000000000000beef", "whatsapptoken9876543210", "wa-admin-token-2"
		public            = "https://mtaa.example.org"
		from              = "whatsapp:+254722000044"
	)
	dir := importedInformal(t)
	api := smstest.NewFakeTwilio(t, sid, token)
	p := startServe(t, dir, "--public-url", public, "--admin-token", admin,
		"--twilio-account-sid", sid, "--twilio-auth-token", token, "--twilio-from", "+254800000000", "--twilio-api-base", api.URL)
	n := 0
	send := func(body, contentType string, media ...[]byte) string {
		t.Helper()
		n++
		msid := fmt.Sprintf("SMwadraft%02d", n)
		form := url.Values{"MessageSid": {msid}, "AccountSid": {sid}, "From": {from}, "To": {"whatsapp:+254800000000"},
			"Body": {body}, "NumMedia": {fmt.Sprint(len(media))}}
		for i, medium := range media {
			form.Set(fmt.Sprintf("MediaUrl%d", i), api.AddMedia(msid, fmt.Sprintf("ME%02dx%d", n, i), contentType, medium))
			form.Set(fmt.Sprintf("MediaContentType%d", i), contentType)
		}
		req, _ := http.NewRequest(http.MethodPost, p.base+"/sms/twilio", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Twilio-Signature", sms.TwilioSignature(token, public+"/sms/twilio", form))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var tw struct {
			Messages []string `xml:"Message"`
		}
		if err := xml.Unmarshal(b, &tw); resp.StatusCode != 200 || err != nil || len(tw.Messages) != 1 {
			t.Fatalf("webhook: %d %s", resp.StatusCode, b)
		}
		return tw.Messages[0]
	}
	get := func(path string, auth bool) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, p.base+path, nil)
		if auth {
			req.Header.Set("Authorization", "Bearer "+admin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	photo := func(w, h int) []byte {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := 0; y < h; y += 4 {
			for x := 0; x < w; x += 4 {
				img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
			}
		}
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, nil); err != nil {
			t.Fatal(err)
		}
		payload := []byte("Exif\x00\x00GPSLatitude -1.2555 GPSLongitude 36.8555")
		exif := binary.BigEndian.AppendUint16([]byte{0xFF, 0xE1}, uint16(len(payload)+2))
		return slices.Concat(buf.Bytes()[:2], exif, payload, buf.Bytes()[2:])
	}

	reply := send("", "image/jpeg", photo(800, 600))
	if !strings.Contains(reply, "Photo received") || !strings.Contains(reply, "What is the problem?") {
		t.Fatalf("reply to a photo alone: %q", reply)
	}
	code, b := get("/api/v1/sms/drafts", true)
	if code != 200 || !strings.Contains(string(b), `"photos":1`) || strings.Contains(string(b), api.URL) || strings.Contains(string(b), "722000044") {
		t.Fatalf("drafts: %d %s", code, b)
	}
	if reply := send("flooding, water in the houses", ""); !strings.Contains(reply, ": where?") {
		t.Fatalf("reply to the problem: %q", reply)
	}
	reply = send("-1.2555, 36.8555", "")
	m := regexp.MustCompile(`#(\d+)`).FindStringSubmatch(reply)
	if m == nil {
		t.Fatalf("reply to the place: %q", reply)
	}
	id := m[1]
	code, got := get("/api/v1/reports/"+id+"/photo", true)
	cfg, _, err := image.DecodeConfig(bytes.NewReader(got))
	if code != 200 || err != nil || cfg.Width != 800 || bytes.Contains(got, []byte("GPSLatitude")) {
		t.Fatalf("photo of #%s: %d, %dx%d %v, GPS kept %v", id, code, cfg.Width, cfg.Height, err, bytes.Contains(got, []byte("GPSLatitude")))
	}

	if reply := send("", "image/jpeg", photo(200, 100)); reply != "Only one photo is kept per report: the first one." {
		t.Fatalf("reply to a second photo: %q", reply)
	}
	if _, again := get("/api/v1/reports/"+id+"/photo", true); !bytes.Equal(again, got) {
		t.Fatal("the report's photo changed")
	}
	fetches := api.MediaFetches()
	if reply := send("", "audio/ogg", []byte("OggS voice note")); !strings.HasPrefix(reply, "Only photos are kept") {
		t.Fatalf("reply to a voice note: %q", reply)
	}
	if api.MediaFetches() != fetches || fetches != 1 {
		t.Fatalf("%d media fetched, want the one photo kept", api.MediaFetches())
	}

	// Two photos in one message: the first is kept, and the reply says so.
	reply = send("fire at -1.2560, 36.8560", "image/jpeg", photo(640, 480), photo(320, 240))
	m2 := regexp.MustCompile(`#(\d+)`).FindStringSubmatch(reply)
	if m2 == nil || !strings.Contains(reply, "Only one photo is kept per report: the first one.") {
		t.Fatalf("reply to two photos: %q", reply)
	}
	_, two := get("/api/v1/reports/"+m2[1]+"/photo", true)
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(two)); err != nil || cfg.Width != 640 {
		t.Fatalf("photo of #%s: %dx%d %v, want the first (640 wide)", m2[1], cfg.Width, cfg.Height, err)
	}

	// A photo sent with a correction of the place joins the report
	// corrected (it was dropped).
	reply = send("we need water at -1.2560, 36.8560", "")
	m3 := regexp.MustCompile(`#(\d+)`).FindStringSubmatch(reply)
	if m3 == nil {
		t.Fatalf("reply to a report: %q", reply)
	}
	if reply := send("sorry, I meant -1.2565, 36.8565", "image/jpeg", photo(480, 360)); !strings.Contains(reply, "#"+m3[1]+" (Water supply) corrected") {
		t.Fatalf("reply to a correction with a photo: %q", reply)
	}
	code, three := get("/api/v1/reports/"+m3[1]+"/photo", true)
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(three)); code != 200 || err != nil || cfg.Width != 480 {
		t.Fatalf("photo of #%s: %d, %dx%d %v, want the correction's", m3[1], code, cfg.Width, cfg.Height, err)
	}

	code, pub := get("/api/v1/reports/"+id, false)
	if code != 200 {
		t.Fatalf("public report: %d %s", code, pub)
	}
	for _, secret := range []string{"722000044", "whatsapp:", api.URL, "/Media/", "water in the houses"} {
		if strings.Contains(string(pub), secret) {
			t.Fatalf("the public report shows %q: %s", secret, pub)
		}
	}
	if code, _ := get("/api/v1/reports/"+id+"/photo", false); code == 200 {
		t.Fatal("the photo is public")
	}
}
