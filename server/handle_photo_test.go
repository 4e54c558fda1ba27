package server_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "golang.org/x/image/webp"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
)

const photoAdminToken = "admin-secret-token"

// gpsMarker stands for the personal metadata a phone camera writes.
const gpsMarker = "GPSLatitude -1.3130 GPSLongitude 36.7880 SerialNumber 12345"

// newPhotoServer serves the API with photos under a temp dir, an admin
// token and a clock the test moves.
func newPhotoServer(t *testing.T) (*testServer, *time.Time) {
	t.Helper()
	st, dir := datatest.NewStore(t)
	photos, err := data.OpenPhotos(dir)
	if err != nil {
		t.Fatal(err)
	}
	clock := now
	srv := server.New(server.Config{PublicURL: "http://mtaa.test", AdminToken: photoAdminToken,
		UploadKey: []byte("0123456789abcdef0123456789abcdef")},
		server.Deps{Store: st, Photos: photos, Now: func() time.Time { return clock }})
	return &testServer{t: t, store: st, dir: dir, h: srv.Handler()}, &clock
}

func testImage(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 100, 255})
		}
	}
	return img
}

// jpegWithEXIF is a w×h JPEG carrying an EXIF segment with gpsMarker.
func jpegWithEXIF(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, testImage(w, h), nil); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	payload := append([]byte("Exif\x00\x00"), gpsMarker...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	seg = append(seg, payload...)
	return append(append(append([]byte{}, b[:2]...), seg...), b[2:]...)
}

// pngWithText is a w×h PNG carrying a tEXt chunk with gpsMarker.
func pngWithText(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, testImage(w, h)); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	body := append([]byte("tEXt"), "Comment\x00"+gpsMarker...)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(body)-4))
	chunk = append(chunk, body...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(body))
	at := 8 + 25 // after the signature and IHDR
	return append(append(append([]byte{}, b[:at]...), chunk...), b[at:]...)
}

// webpWithEXIF is a 1×1 lossless WebP in an extended (VP8X) container
// with an EXIF chunk holding gpsMarker.
func webpWithEXIF() []byte {
	vp8l := []byte("VP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00")
	vp8x := []byte("VP8X\x0a\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00") // EXIF flag, 1×1 canvas
	exif := []byte("EXIF")
	exif = binary.LittleEndian.AppendUint32(exif, uint32(len(gpsMarker)))
	exif = append(exif, gpsMarker...)
	if len(gpsMarker)%2 == 1 {
		exif = append(exif, 0)
	}
	body := append(append(append([]byte("WEBP"), vp8x...), vp8l...), exif...)
	out := binary.LittleEndian.AppendUint32([]byte("RIFF"), uint32(len(body)))
	return append(out, body...)
}

func (ts *testServer) newReport() (uint64, string) {
	ts.t.Helper()
	r := ts.post(`{"type":"Feature","geometry":{"type":"Point","coordinates":[36.788,-1.313]},"properties":{"category":"flood"}}`)
	if r.Status != http.StatusCreated {
		ts.t.Fatalf("POST report: %d %s", r.Status, r.Body)
	}
	var f struct{ Properties struct{ ID uint64 } }
	if err := json.Unmarshal(r.Body, &f); err != nil {
		ts.t.Fatal(err)
	}
	token := r.Header.Get("X-Upload-Token")
	if token == "" {
		ts.t.Fatal("POST /api/v1/reports returned no X-Upload-Token")
	}
	return f.Properties.ID, token
}

func photoPath(id uint64) string { return "/api/v1/reports/" + strconv.FormatUint(id, 10) + "/photo" }

func TestPhotoUploadAndModeratorDownload(t *testing.T) {
	for _, tc := range []struct {
		name, mediaType string
		photo           func(t *testing.T) []byte
		w, h            int
	}{
		{name: "jpeg", mediaType: "image/jpeg", photo: func(t *testing.T) []byte { return jpegWithEXIF(t, 1280, 720) }, w: 1280, h: 720},
		{name: "png", mediaType: "image/png", photo: func(t *testing.T) []byte { return pngWithText(t, 64, 48) }, w: 64, h: 48},
		{name: "webp", mediaType: "image/webp", photo: func(*testing.T) []byte { return webpWithEXIF() }, w: 1, h: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts, _ := newPhotoServer(t)
			id, token := ts.newReport()
			// The moderators' view of a report says whether it has a photo.
			hasPhoto := func(auth ...string) any {
				r := ts.do(http.MethodGet, "/api/v1/reports/"+strconv.FormatUint(id, 10), "", nil, auth...)
				var f struct{ Properties map[string]any }
				if r.Status != http.StatusOK || json.Unmarshal(r.Body, &f) != nil {
					t.Fatalf("GET report: %d %s", r.Status, r.Body)
				}
				return f.Properties["has_photo"]
			}
			admin := []string{"Authorization", "Bearer " + photoAdminToken}
			if got := hasPhoto(admin...); got != false {
				t.Errorf("moderator view before the upload: has_photo %v", got)
			}
			photo := tc.photo(t)
			if !bytes.Contains(photo, []byte(gpsMarker)) {
				t.Fatal("test photo lacks its metadata")
			}
			up := ts.do(http.MethodPost, photoPath(id), tc.mediaType, bytes.NewReader(photo), "X-Upload-Token", token)
			if up.Status != http.StatusCreated {
				t.Fatalf("upload: %d %s", up.Status, up.Body)
			}
			var info struct {
				ReportID      uint64 `json:"report_id"`
				Width, Height int
				ContentType   string `json:"content_type"`
			}
			if err := json.Unmarshal(up.Body, &info); err != nil || info.ReportID != id || info.Width != tc.w || info.Height != tc.h || info.ContentType != tc.mediaType {
				t.Errorf("upload answer %s", up.Body)
			}

			if r := ts.do(http.MethodGet, photoPath(id), "", nil); r.Status != http.StatusUnauthorized {
				t.Errorf("GET photo without token: %d", r.Status)
			}
			if r := ts.do(http.MethodGet, photoPath(id), "", nil, "Authorization", "Bearer "+token); r.Status != http.StatusUnauthorized {
				t.Errorf("GET photo with the upload token: %d", r.Status)
			}
			got := ts.do(http.MethodGet, photoPath(id), "", nil, "Authorization", "Bearer "+photoAdminToken)
			if got.Status != http.StatusOK || got.Header.Get("Content-Type") != tc.mediaType || got.Header.Get("Cache-Control") != "private, no-store" {
				t.Fatalf("GET photo: %d %v", got.Status, got.Header)
			}
			if bytes.Contains(got.Body, []byte(gpsMarker)) || bytes.Contains(got.Body, []byte("GPSLatitude")) {
				t.Error("the stored photo still holds its metadata")
			}
			img, format, err := image.Decode(bytes.NewReader(got.Body))
			if err != nil || "image/"+format != tc.mediaType || img.Bounds().Dx() != tc.w || img.Bounds().Dy() != tc.h {
				t.Fatalf("stored photo decodes as %v %s: %v", img.Bounds(), format, err)
			}

			if got := hasPhoto(admin...); got != true {
				t.Errorf("moderator view after the upload: has_photo %v", got)
			}
			again := ts.do(http.MethodPost, photoPath(id), tc.mediaType, bytes.NewReader(photo), "X-Upload-Token", token)
			if again.Status != http.StatusConflict || errorCode(t, again.Body) != "photo_exists/id" {
				t.Errorf("second upload: %d %s", again.Status, again.Body)
			}
		})
	}
}

func TestPhotoRejected(t *testing.T) {
	ts, clock := newPhotoServer(t)
	id, token := ts.newReport()
	other, otherToken := ts.newReport()
	goodJPEG := jpegWithEXIF(t, 32, 32)
	var bigPNG bytes.Buffer
	if err := png.Encode(&bigPNG, testImage(1281, 10)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, mediaType, token string
		body                         []byte
		status                       int
		code                         string
		before                       func()
	}{
		{name: "no token", mediaType: "image/jpeg", body: goodJPEG, status: 401, code: "unauthorized/X-Upload-Token"},
		{name: "another report's token", mediaType: "image/jpeg", token: otherToken, body: goodJPEG, status: 403, code: "forbidden/X-Upload-Token"},
		{name: "forged token", mediaType: "image/jpeg", token: strings.Split(token, ".")[0] + ".AAAAAAAAAAAAAAAAAAAAAAAA", body: goodJPEG, status: 403, code: "forbidden/X-Upload-Token"},
		{name: "garbage token", mediaType: "image/jpeg", token: "x", body: goodJPEG, status: 403, code: "forbidden/X-Upload-Token"},
		{name: "expired token", mediaType: "image/jpeg", token: token, body: goodJPEG, status: 403, code: "forbidden/X-Upload-Token",
			before: func() { *clock = now.Add(25 * time.Hour) }},
		{name: "not an image type", mediaType: "text/plain", body: goodJPEG, status: 415, code: "unsupported_media_type/Content-Type"},
		{name: "gif", mediaType: "image/gif", body: []byte("GIF89a"), status: 415, code: "unsupported_media_type/Content-Type"},
		{name: "over 2 MiB", mediaType: "image/jpeg", body: append(goodJPEG, make([]byte, 2<<20)...), status: 413, code: "too_large/body"},
		{name: "png sent as jpeg", mediaType: "image/jpeg", body: pngWithText(t, 8, 8), status: 400, code: "invalid_image/body"},
		{name: "not an image", mediaType: "image/png", body: []byte("<html><script>alert(1)</script>"), status: 400, code: "invalid_image/body"},
		{name: "empty", mediaType: "image/jpeg", body: nil, status: 400, code: "invalid_image/body"},
		{name: "truncated header", mediaType: "image/jpeg", body: goodJPEG[:20], status: 400, code: "invalid_image/body"},
		{name: "long side over 1280", mediaType: "image/png", body: bigPNG.Bytes(), status: 400, code: "invalid_image/body"},
		{name: "no such report", path: photoPath(3), mediaType: "image/jpeg", body: goodJPEG, status: 404, code: "not_found/",
			before: func() {}},
		{name: "bad id", path: "/api/v1/reports/abc/photo", mediaType: "image/jpeg", body: goodJPEG, status: 400, code: "invalid_parameter/id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			*clock = now
			if tc.before != nil {
				tc.before()
			}
			path, tok := photoPath(id), tc.token
			if tc.path != "" {
				path = tc.path
			}
			if tc.name == "no such report" {
				tok = tokenFor(t, 3)
			}
			if tc.name == "no token" {
				tok = ""
			} else if tok == "" {
				tok = token
			}
			r := ts.do(http.MethodPost, path, tc.mediaType, bytes.NewReader(tc.body), "X-Upload-Token", tok)
			if r.Status != tc.status || errorCode(t, r.Body) != tc.code {
				t.Errorf("%d %s, want %d %s", r.Status, r.Body, tc.status, tc.code)
			}
		})
	}
	*clock = now
	for _, rid := range []uint64{id, other, 3} {
		if r := ts.do(http.MethodGet, photoPath(rid), "", nil, "Authorization", "Bearer "+photoAdminToken); r.Status != http.StatusNotFound {
			t.Errorf("report %d has a photo after rejected uploads: %d", rid, r.Status)
		}
	}
}

// tokenFor returns a valid upload token for report id, issued by another
// server with the same key whose store has that report.
func tokenFor(t *testing.T, id uint64) string {
	t.Helper()
	st, dir := datatest.NewStore(t)
	photos, err := data.OpenPhotos(dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(server.Config{UploadKey: []byte("0123456789abcdef0123456789abcdef")},
		server.Deps{Store: st, Photos: photos, Now: func() time.Time { return now }})
	other := &testServer{t: t, store: st, h: srv.Handler()}
	for {
		got, tok := other.newReport()
		if got == id {
			return tok
		}
		if got > id {
			t.Fatalf("no token for report %d", id)
		}
	}
}
