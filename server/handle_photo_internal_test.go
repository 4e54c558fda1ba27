package server

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strconv"
	"sync"
	"testing"
	"time"
)

// fuzzSeeds are small valid images of each format and broken variants.
func fuzzSeeds(t testing.TB) [][]byte {
	img := image.NewGray(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.Gray{200})
	var j, p bytes.Buffer
	if err := jpeg.Encode(&j, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(&p, img); err != nil {
		t.Fatal(err)
	}
	webp := []byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00")
	return [][]byte{j.Bytes(), p.Bytes(), webp, j.Bytes()[:30], p.Bytes()[:40], webp[:20],
		[]byte("RIFF\xff\xff\xff\xffWEBPVP8X"), []byte("\xff\xd8\xff\xe1\xff\xff")}
}

// FuzzCheckPhoto feeds arbitrary bytes, as each accepted type, to the
// upload check and its metadata stripper (scripts/fuzz.sh runs it with
// make fuzz): it must never panic, what it accepts must still be an image
// of the same size, and stripping it again must change nothing.
func FuzzCheckPhoto(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, mt := range []string{"image/jpeg", "image/png", "image/webp"} {
			clean, cfg, err := checkPhoto(b, mt)
			if err != nil {
				continue
			}
			got, _, err := image.DecodeConfig(bytes.NewReader(clean))
			if err != nil || got.Width != cfg.Width || got.Height != cfg.Height {
				t.Fatalf("%s accepted, but the stripped image reads as %v, %v", mt, got, err)
			}
			// The whitelist is a fixed point: what it let through passes
			// again unchanged (nothing it would drop is left).
			if again, _, err := checkPhoto(clean, mt); err != nil || !bytes.Equal(again, clean) {
				t.Fatalf("%s: stripping the stripped image changes it (%v)", mt, err)
			}
		}
	})
}

func TestStripWebPClearsMetadataFlags(t *testing.T) {
	vp8l := []byte("VP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00")
	vp8x := []byte("VP8X\x0a\x00\x00\x00\x0c\x00\x00\x00\x00\x00\x00\x00\x00\x00") // EXIF and XMP flags
	xmp := []byte("XMP \x03\x00\x00\x00abc\x00")
	body := append(append(append([]byte("WEBP"), vp8x...), vp8l...), xmp...)
	in := binary.LittleEndian.AppendUint32([]byte("RIFF"), uint32(len(body)))
	in = append(in, body...)
	out, err := stripWebP(in)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("XMP ")) || out[20]&0x0c != 0 {
		t.Errorf("stripped WebP still has XMP or its flags: %q", out)
	}
	if got := binary.LittleEndian.Uint32(out[4:8]); int(got) != len(out)-8 {
		t.Errorf("RIFF size %d, want %d", got, len(out)-8)
	}
}

// TestUploadMACMatchesHMAC: the pooled, reset HMAC states give the MAC a
// fresh hmac.New gives, for many ids at once from several goroutines (a
// state shared by mistake would mix messages and fail).
func TestUploadMACMatchesHMAC(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	s := &Server{cfg: Config{UploadKey: key}, uploadMACs: newUploadMACs(key)}
	const exp = int64(1795867725)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := uint64(g * 1000); id < uint64(g*1000+500); id++ {
				m := hmac.New(sha256.New, key)
				m.Write([]byte("mtaa photo upload\x00" + strconv.FormatUint(id, 10) + "\x00" + strconv.FormatInt(exp, 10)))
				want := m.Sum(nil)[:uploadMACLen]
				if got := s.uploadMAC([]byte("x"), id, exp); !bytes.Equal(got[1:], want) || got[0] != 'x' {
					t.Errorf("id %d: MAC %x, want %x after the prefix", id, got, want)
					return
				}
				tok := s.uploadToken(id, time.Unix(exp, 0).Add(-uploadTokenTTL))
				if tok != strconv.FormatInt(exp, 10)+"."+base64.RawURLEncoding.EncodeToString(want) {
					t.Errorf("id %d: token %q", id, tok)
					return
				}
				if !s.validUploadToken(id, tok, time.Unix(exp-10, 0)) || s.validUploadToken(id+1, tok, time.Unix(exp-10, 0)) {
					t.Errorf("id %d: token %q checked wrongly", id, tok)
					return
				}
			}
		}()
	}
	wg.Wait()
}
