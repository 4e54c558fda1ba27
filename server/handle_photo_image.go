package server

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/jpeg"
	_ "image/png" // DecodeConfig for PNG
	"net/http"
	"strconv"

	"golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // DecodeConfig for WebP
)

// MaxPhotoSide is the longest side in pixels a report photo may have; the
// web app downscales photos before sending them.
const MaxPhotoSide = 1280

// errMalformed is a structural problem found while stripping metadata.
var errMalformed = errors.New("malformed image")

func invalidImage(msg string) *apiError {
	return &apiError{Status: http.StatusBadRequest, Code: "invalid_image", Field: "body", Message: msg}
}

// sniffPhoto names the format of b from its magic bytes: image/jpeg,
// image/png, image/webp, or "".
func sniffPhoto(b []byte) string {
	switch {
	case len(b) >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF:
		return "image/jpeg"
	case len(b) >= 8 && string(b[:8]) == "\x89PNG\r\n\x1a\n":
		return "image/png"
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "image/webp"
	}
	return ""
}

// maxFitPixels is the most pixels a photo fitPhoto scales down may have
// (a 24-megapixel camera's): decoding one takes about 100 MB.
const maxFitPixels = 24_000_000

// fitPhoto returns a photo whose long side is over MaxPhotoSide scaled
// down to it and encoded as JPEG (quality 85), for photos that come from a
// gateway rather than the web app, which downscales its own; a photo that
// fits is returned as it is. Scaling decodes the pixels, so nothing of the
// original file but the picture is kept. The result still goes through
// checkPhoto.
func fitPhoto(body []byte) ([]byte, string, error) {
	mt := sniffPhoto(body)
	if mt == "" {
		return nil, "", invalidImage("the body is not a JPEG, PNG or WebP image")
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(body))
	if err != nil {
		return nil, "", invalidImage("the image header cannot be read: " + err.Error())
	}
	long := max(cfg.Width, cfg.Height)
	if long <= MaxPhotoSide {
		return body, mt, nil
	}
	if cfg.Width*cfg.Height > maxFitPixels {
		return nil, "", invalidImage("the photo is " + strconv.Itoa(cfg.Width) + "×" + strconv.Itoa(cfg.Height) + " px: too large to scale down")
	}
	src, _, err := image.Decode(bytes.NewReader(body))
	if err != nil {
		return nil, "", invalidImage("the image cannot be decoded: " + err.Error())
	}
	w, h := max(1, cfg.Width*MaxPhotoSide/long), max(1, cfg.Height*MaxPhotoSide/long)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: 85}); err != nil {
		return nil, "", err
	}
	return out.Bytes(), "image/jpeg", nil
}

// checkPhoto verifies that body is an image of mediaType (magic bytes and
// header) no larger than MaxPhotoSide on its long side, and returns it
// re-emitted with only what a viewer needs to show it (a whitelist of JPEG
// segments, PNG chunks and WebP chunks), ending at the image's end: no
// EXIF (GPS position, camera serial), XMP, IPTC, comments, text or private
// chunks, thumbnails or a second image appended after the first. The
// pixels are not touched. A file much larger than its pixels can need
// (maxPhotoBytesFor) is refused: padding is not stored.
func checkPhoto(body []byte, mediaType string) (clean []byte, cfg image.Config, err error) {
	got := sniffPhoto(body)
	if got == "" {
		return nil, cfg, invalidImage("the body is not a JPEG, PNG or WebP image")
	}
	if got != mediaType {
		return nil, cfg, invalidImage("the body is " + got + " but Content-Type says " + mediaType)
	}
	cfg, _, err = image.DecodeConfig(bytes.NewReader(body))
	if err != nil {
		return nil, cfg, invalidImage("the image header cannot be read: " + err.Error())
	}
	if cfg.Width < 1 || cfg.Height < 1 || max(cfg.Width, cfg.Height) > MaxPhotoSide {
		return nil, cfg, invalidImage("the photo is " + strconv.Itoa(cfg.Width) + "×" + strconv.Itoa(cfg.Height) +
			" px; its long side must be at most " + strconv.Itoa(MaxPhotoSide) + " px (downscale it first)")
	}
	switch mediaType {
	case "image/jpeg":
		clean, err = stripJPEG(body)
	case "image/png":
		clean, err = stripPNG(body)
	default:
		clean, err = stripWebP(body)
	}
	if err != nil {
		return nil, cfg, invalidImage("the image is truncated or malformed")
	}
	if limit := maxPhotoBytesFor(cfg); len(clean) > limit {
		return nil, cfg, invalidImage("the photo is " + strconv.Itoa(len(clean)) + " bytes, far more than a " +
			strconv.Itoa(cfg.Width) + "×" + strconv.Itoa(cfg.Height) + " px image needs (at most " + strconv.Itoa(limit) + ")")
	}
	return clean, cfg, nil
}

// maxPhotoBytesFor is the most bytes an image of cfg's size may take once
// stripped: 8 bytes a pixel (16-bit RGBA, uncompressed, the most a PNG
// holds; JPEG and WebP need far less) plus 256 KiB for headers, tables and
// a colour profile. A 64×48 image padded to 2 MiB is refused; no real
// photo comes near it.
func maxPhotoBytesFor(cfg image.Config) int {
	return 8*cfg.Width*cfg.Height + 256<<10
}

// keepJPEG says which JPEG marker segments a viewer needs: frame headers
// (SOF0–SOF15 but DHT, JPG and DAC, which are tables), Huffman and
// arithmetic tables (DHT, DAC), quantisation tables (DQT), the restart
// interval (DRI), JFIF (APP0, rewritten without its thumbnail), the ICC
// colour profile (APP2) and Adobe's colour transform (APP14). Everything
// else (EXIF and XMP in APP1, IPTC and vendors' blocks, comments,
// unknown markers) is dropped.
func keepJPEG(marker byte) bool {
	switch {
	case marker >= 0xC0 && marker <= 0xCF: // SOFn, DHT, JPG, DAC
		return marker != 0xC8
	case marker == 0xDB, marker == 0xDD, marker == 0xE0, marker == 0xE2, marker == 0xEE:
		return true
	}
	return false
}

// stripJPEG re-emits a JPEG with the segments keepJPEG allows, every scan
// (start of scan and its entropy-coded data, restart markers included),
// and the end of image; whatever follows the end of image (a second JPEG
// with the original's metadata, say) is dropped. A JPEG without an end of
// image is refused.
func stripJPEG(b []byte) ([]byte, error) {
	out := make([]byte, 0, len(b))
	out = append(out, 0xFF, 0xD8)
	i := 2
	for i < len(b) {
		if b[i] != 0xFF {
			return nil, errMalformed
		}
		for i < len(b) && b[i] == 0xFF { // fill bytes
			i++
		}
		if i >= len(b) {
			return nil, errMalformed
		}
		marker := b[i]
		i++
		switch {
		case marker == 0xD9: // end of image: nothing after it is kept
			return append(out, 0xFF, 0xD9), nil
		case marker >= 0xD0 && marker <= 0xD7 || marker == 0x01 || marker == 0x00 || marker == 0xD8:
			return nil, errMalformed // outside a scan, or a second start of image
		}
		if i+2 > len(b) {
			return nil, errMalformed
		}
		n := int(binary.BigEndian.Uint16(b[i:]))
		if n < 2 || i+n > len(b) {
			return nil, errMalformed
		}
		seg := b[i : i+n]
		i += n
		switch {
		case marker == 0xDA: // start of scan: the header, then the entropy-coded data
			out = append(out, 0xFF, 0xDA)
			out = append(out, seg...)
			end, ok := scanEnd(b, i)
			if !ok {
				return nil, errMalformed
			}
			out = append(out, b[i:end]...)
			i = end
		case marker == 0xE0:
			out = appendJFIF(out, seg)
		case keepJPEG(marker):
			out = append(out, 0xFF, marker)
			out = append(out, seg...)
		}
	}
	return nil, errMalformed
}

// scanEnd returns where the entropy-coded data starting at b[i] ends: at
// the first marker that is not a stuffed zero (FF 00) or a restart marker
// (FF D0–D7).
func scanEnd(b []byte, i int) (int, bool) {
	for i < len(b) {
		j := bytes.IndexByte(b[i:], 0xFF)
		if j < 0 {
			return 0, false
		}
		i += j
		if i+1 >= len(b) {
			return 0, false
		}
		if m := b[i+1]; m == 0x00 || m >= 0xD0 && m <= 0xD7 {
			i += 2
			continue
		}
		return i, true
	}
	return 0, false
}

// appendJFIF appends a JFIF APP0 segment from seg (its length and body)
// with the density kept and the thumbnail left out; other APP0 segments
// (JFXX thumbnails) are dropped.
func appendJFIF(out, seg []byte) []byte {
	if len(seg) < 16 || string(seg[2:7]) != "JFIF\x00" {
		return out
	}
	out = append(out, 0xFF, 0xE0, 0, 16)
	out = append(out, seg[2:14]...) // identifier, version, units, densities
	return append(out, 0, 0)        // no thumbnail
}

// keepPNG lists the PNG chunks a viewer needs: the critical ones and those
// that set colour and transparency. Text, EXIF, time, private and unknown
// chunks (and animation: the first frame is the IDAT image) are dropped.
var keepPNG = map[string]bool{
	"IHDR": true, "PLTE": true, "IDAT": true, "IEND": true,
	"tRNS": true, "gAMA": true, "cHRM": true, "sRGB": true, "iCCP": true, "sBIT": true,
}

// stripPNG re-emits a PNG with the chunks keepPNG allows, up to IEND;
// whatever follows IEND is dropped.
func stripPNG(b []byte) ([]byte, error) {
	out := make([]byte, 0, len(b))
	out = append(out, b[:8]...)
	i := 8
	for i+12 <= len(b) {
		n := int(binary.BigEndian.Uint32(b[i:]))
		if n < 0 || n > len(b)-i-12 {
			return nil, errMalformed
		}
		typ := string(b[i+4 : i+8])
		end := i + 12 + n
		if keepPNG[typ] {
			out = append(out, b[i:end]...)
		}
		i = end
		if typ == "IEND" {
			return out, nil
		}
	}
	return nil, errMalformed
}

// keepWebP lists the WebP chunks a viewer needs: the image (VP8, VP8L,
// ALPH), the extended header, the colour profile and animation frames.
// EXIF, XMP and unknown chunks are dropped.
var keepWebP = map[string]bool{"VP8 ": true, "VP8L": true, "VP8X": true, "ALPH": true, "ICCP": true, "ANIM": true, "ANMF": true}

// stripWebP re-emits a WebP with the chunks keepWebP allows, clearing the
// EXIF and XMP flags in the VP8X header and fixing the RIFF size; bytes
// after the RIFF container are dropped.
func stripWebP(b []byte) ([]byte, error) {
	size := int(binary.LittleEndian.Uint32(b[4:8]))
	if size < 4 || size > len(b)-8 {
		return nil, errMalformed
	}
	b = b[:8+size]
	out := make([]byte, 0, len(b))
	out = append(out, b[:12]...)
	i := 12
	for i < len(b) {
		if i+8 > len(b) {
			return nil, errMalformed
		}
		n := int(binary.LittleEndian.Uint32(b[i+4:]))
		padded := n + n&1
		if n < 0 || padded > len(b)-i-8 {
			return nil, errMalformed
		}
		fourCC := string(b[i : i+4])
		chunk := b[i : i+8+padded]
		switch {
		case fourCC == "VP8X":
			if n < 1 {
				return nil, errMalformed
			}
			at := len(out)
			out = append(out, chunk...)
			out[at+8] &^= 0x08 | 0x04 // EXIF and XMP present flags
		case keepWebP[fourCC]:
			out = append(out, chunk...)
		}
		i += 8 + padded
	}
	binary.LittleEndian.PutUint32(out[4:8], uint32(len(out)-8))
	return out, nil
}
