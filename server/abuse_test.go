package server_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
)

// TestBadTokensSlowDown: wrong bearer tokens on a GET route use up the
// address's allowance; then even a valid token from that address waits
// (429 before it is looked at), another address is not affected, and the
// allowance comes back with time.
func TestBadTokensSlowDown(t *testing.T) {
	w := newAccountWorld(t, server.Config{RateLimits: server.RateLimits{BadTokensPerIP: server.Rate{PerMinute: 3, Burst: 3}}}, nil)
	id := w.storeReport([2]float64{39.2, -6.8}, data.StatusVerified)
	path := fmt.Sprintf("/api/v1/reports/%d", id)
	for i := range 3 {
		if r := w.do(http.MethodGet, path, "", nil, "Authorization", "Bearer guess-"+fmt.Sprint(i)); r.Status != http.StatusUnauthorized {
			t.Fatalf("guess %d: %d %s", i, r.Status, r.Body)
		}
	}
	valid := "Bearer " + w.tokens[data.RoleViewer]
	if r := w.do(http.MethodGet, path, "", nil, "Authorization", valid); r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" {
		t.Fatalf("after 3 bad tokens: %d %s", r.Status, r.Body)
	}
	if r := w.do(http.MethodGet, path, "", nil); r.Status != http.StatusOK {
		t.Errorf("without a token: %d (the public is not slowed down)", r.Status)
	}
	// Open311's api_key (checked by its handler) shares the allowance.
	if r := w.do(http.MethodPost, "/open311/v2/requests.json", "application/x-www-form-urlencoded",
		strings.NewReader("api_key="+w.tokens[data.RoleMapper]+"&service_code=flood&lat=-6.8&long=39.2")); r.Status != http.StatusTooManyRequests {
		t.Errorf("Open311 POST after the bad tokens: %d %s", r.Status, r.Body)
	}
	*w.clock = w.clock.Add(time.Minute)
	if r := w.do(http.MethodGet, path, "", nil, "Authorization", valid); r.Status != http.StatusOK {
		t.Errorf("a minute later: %d %s", r.Status, r.Body)
	}
}

// TestPhotoBytesPerAddress: photo uploads from one address are bounded in
// bytes per minute: past the allowance an upload is 429 and nothing is
// stored.
func TestPhotoBytesPerAddress(t *testing.T) {
	st, dir := datatest.NewStore(t)
	photos, err := data.OpenPhotos(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(server.Config{UploadKey: []byte("0123456789abcdef0123456789abcdef"),
		RateLimits: server.RateLimits{PhotoBytesPerIP: server.Rate{PerMinute: 40 << 10, Burst: 40 << 10}}},
		server.Deps{Store: st, Photos: photos, Now: func() time.Time { return now }})
	ts := &testServer{t: t, store: st, dir: dir, h: srv.Handler()}
	photo := noisePNG(t, 90, 60) // about 22 KB: one fits in 40 KiB, two do not
	id1, tok1 := ts.newReport()
	if r := ts.do(http.MethodPost, photoPath(id1), "image/png", bytes.NewReader(photo), "X-Upload-Token", tok1); r.Status != http.StatusCreated {
		t.Fatalf("first photo (%d bytes): %d %s", len(photo), r.Status, r.Body)
	}
	id2, tok2 := ts.newReport()
	r := ts.do(http.MethodPost, photoPath(id2), "image/png", bytes.NewReader(photo), "X-Upload-Token", tok2)
	if r.Status != http.StatusTooManyRequests {
		t.Fatalf("second photo: %d %s", r.Status, r.Body)
	}
	if has, _ := photos.Has(id2); has {
		t.Error("the refused photo was stored")
	}
}

// noisePNG is a w×h PNG of random pixels (it does not compress).
func noisePNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = byte(rng.Uint32())
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fullDisk is a photo store on a disk that is full: every Put fails as
// data.PhotoStore's does on ENOSPC. (Filling a real disk needs a tmpfs
// mount: cmd/mtaa's TestDiskFull does that for reports.)
type fullDisk struct{ *data.PhotoStore }

func (fullDisk) Put(uint64, string, []byte) error {
	return fmt.Errorf("write photo: %w", data.ErrStorageFull)
}

// TestPhotoOnFullDiskSaysReportStored: a photo refused for a full disk is
// 507 storage_full with a message that says the report itself is stored
// (the generic one says the report was not).
func TestPhotoOnFullDiskSaysReportStored(t *testing.T) {
	st, dir := datatest.NewStore(t)
	photos, err := data.OpenPhotos(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(server.Config{UploadKey: []byte("0123456789abcdef0123456789abcdef")},
		server.Deps{Store: st, Photos: fullDisk{photos}, Now: func() time.Time { return now }})
	ts := &testServer{t: t, store: st, dir: dir, h: srv.Handler()}
	id, tok := ts.newReport()
	r := ts.do(http.MethodPost, photoPath(id), "image/png", bytes.NewReader(pngWithText(t, 8, 8)), "X-Upload-Token", tok)
	msg := decode[apiErr](t, r.Body).Error.Message
	if r.Status != http.StatusInsufficientStorage || !strings.Contains(msg, "report itself is stored") || strings.Contains(msg, "report was not stored") {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	if _, err := st.Get(id); err != nil {
		t.Fatalf("the report: %v", err)
	}
}
