package server

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

const secretMeta = "GPSLatitude -1.3130 GPSLongitude 36.7880 SerialNumber 12345"

func stripTestImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 7), uint8(y * 5), 90, 255})
		}
	}
	return img
}

func encodeJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, stripTestImage(w, h), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodePNG(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, stripTestImage(w, h)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// jpegSegment is a marker segment with payload.
func jpegSegment(marker byte, payload string) []byte {
	seg := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...)
}

// pngChunk is a chunk of type typ with data and its CRC.
func pngChunk(typ, data string) []byte {
	body := []byte(typ + data)
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(c, body...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(body))
}

// insertBeforeEnd puts extra just before the image's last n bytes (EOI,
// or IEND's chunk).
func insertBeforeEnd(img, extra []byte, n int) []byte {
	out := append([]byte{}, img[:len(img)-n]...)
	out = append(out, extra...)
	return append(out, img[len(img)-n:]...)
}

// pixelsEqual decodes both images and compares every pixel.
func pixelsEqual(t *testing.T, a, b []byte) {
	t.Helper()
	ia, _, err := image.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	ib, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("stripped image does not decode: %v", err)
	}
	if ia.Bounds() != ib.Bounds() {
		t.Fatalf("bounds %v, want %v", ib.Bounds(), ia.Bounds())
	}
	for y := ia.Bounds().Min.Y; y < ia.Bounds().Max.Y; y++ {
		for x := ia.Bounds().Min.X; x < ia.Bounds().Max.X; x++ {
			if ia.At(x, y) != ib.At(x, y) {
				t.Fatalf("pixel %d,%d changed", x, y)
			}
		}
	}
}

// TestStripCraftedPhotos: metadata where phones put it (EXIF before the
// frame, EXIF after the scan data, a second JPEG with its own EXIF after
// the first's end, a JFIF thumbnail, comments) and PNG private, text and
// EXIF chunks and bytes after IEND are gone, the pixels are unchanged.
func TestStripCraftedPhotos(t *testing.T) {
	j := encodeJPEG(t, 40, 30)
	exif := jpegSegment(0xE1, "Exif\x00\x00"+secretMeta)
	jfifThumb := jpegSegment(0xE0, "JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x01\x01"+"\x11\x22\x33"+secretMeta[:0]) // 1×1 RGB thumbnail
	second := append(append([]byte{0xFF, 0xD8}, exif...), encodeJPEG(t, 8, 8)[2:]...)
	p := encodePNG(t, 40, 30)
	ihdrEnd := 8 + 25
	tests := []struct {
		name, mediaType string
		original        []byte
		body            []byte
	}{
		{"jpeg: EXIF before the frame", "image/jpeg", j, append(append([]byte{0xFF, 0xD8}, exif...), j[2:]...)},
		{"jpeg: EXIF after the scan data", "image/jpeg", j, insertBeforeEnd(j, exif, 2)},
		{"jpeg: second JPEG appended", "image/jpeg", j, append(append([]byte{}, j...), second...)},
		{"jpeg: comment and XMP", "image/jpeg", j, insertBeforeEnd(j, append(jpegSegment(0xFE, secretMeta), jpegSegment(0xE1, "http://ns.adobe.com/xap/1.0/\x00"+secretMeta)...), 2)},
		{"jpeg: JFIF with a thumbnail", "image/jpeg", j, append(append([]byte{0xFF, 0xD8}, jfifThumb...), j[2:]...)},
		{"png: private chunk", "image/png", p, append(append(append([]byte{}, p[:ihdrEnd]...), pngChunk("prVt", secretMeta)...), p[ihdrEnd:]...)},
		{"png: text and EXIF after the image data", "image/png", p, insertBeforeEnd(p, append(pngChunk("tEXt", "Comment\x00"+secretMeta), pngChunk("eXIf", secretMeta)...), 12)},
		{"png: bytes after IEND", "image/png", p, append(append([]byte{}, p...), []byte(secretMeta)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !bytes.Contains(tt.body, []byte(secretMeta)) && tt.name != "jpeg: JFIF with a thumbnail" {
				t.Fatal("fixture lacks the metadata")
			}
			clean, _, err := checkPhoto(tt.body, tt.mediaType)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(clean, []byte("GPSLatitude")) || bytes.Contains(clean, []byte("Exif")) || bytes.Contains(clean, []byte("\x11\x22\x33")) {
				t.Errorf("metadata survived: %q", clean)
			}
			if bytes.Count(clean, []byte{0xFF, 0xD8, 0xFF}) > 1 {
				t.Error("a second JPEG survived")
			}
			pixelsEqual(t, tt.original, clean)
			if again, _, err := checkPhoto(clean, tt.mediaType); err != nil || !bytes.Equal(again, clean) {
				t.Errorf("stripping twice changes the image (%v)", err)
			}
		})
	}
}

// TestPaddedPhotoRefused: a small image padded far beyond what its pixels
// need (zeros inside the JPEG scan data, a huge ancillary chunk the
// whitelist keeps) is refused; a real photo near the limits is not.
func TestPaddedPhotoRefused(t *testing.T) {
	j := encodeJPEG(t, 64, 48)
	padded := insertBeforeEnd(j, make([]byte, 1900<<10), 2) // zeros are valid entropy-coded bytes
	if _, _, err := checkPhoto(padded, "image/jpeg"); err == nil {
		t.Error("64×48 JPEG padded to 1.9 MB accepted")
	}
	p := encodePNG(t, 64, 48)
	ihdrEnd := 8 + 25
	iccp := pngChunk("iCCP", "x\x00\x00"+string(make([]byte, 1<<20)))
	if _, _, err := checkPhoto(append(append(append([]byte{}, p[:ihdrEnd]...), iccp...), p[ihdrEnd:]...), "image/png"); err == nil {
		t.Error("64×48 PNG with a 1 MB colour profile accepted")
	}
	big := encodePNG(t, 1280, 960)
	if _, _, err := checkPhoto(big, "image/png"); err != nil {
		t.Errorf("a 1280×960 PNG refused: %v", err)
	}
}
