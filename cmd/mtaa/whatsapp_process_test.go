package main

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
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
	dir := t.TempDir()
	if out, err := exec.Command(mtaaBinary(t), "import", "--quiet", "--data", dir,
		filepath.Join("..", "..", "mapping", "testdata", "informal.osm")).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
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
