package server

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	_ "image/jpeg" // DecodeConfig for JPEG
	_ "image/png"  // DecodeConfig for PNG
	"net/http"
	"strconv"

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

// checkPhoto verifies that body is an image of mediaType (magic bytes and
// header) no larger than MaxPhotoSide on its long side, and returns it
// without its metadata (EXIF, with GPS position and camera serial, XMP,
// IPTC, comments, text chunks): the pixels are not touched.
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
	return clean, cfg, nil
}

// stripJPEG copies a JPEG without its APP1 (EXIF, XMP), APP3–APP13 (IPTC
// and vendors' blocks), APP15 and comment segments; JFIF (APP0), the ICC
// profile (APP2) and Adobe's colour transform (APP14) stay. Everything
// from the first scan on is copied as is.
func stripJPEG(b []byte) ([]byte, error) {
	out := make([]byte, 0, len(b))
	out = append(out, 0xFF, 0xD8)
	i := 2
	for i < len(b) {
		if b[i] != 0xFF {
			return nil, errMalformed
		}
		start := i
		for i < len(b) && b[i] == 0xFF {
			i++
		}
		if i >= len(b) {
			return nil, errMalformed
		}
		marker := b[i]
		i++
		switch {
		case marker == 0xD9: // end of image
			return append(out, 0xFF, 0xD9), nil
		case marker == 0xDA: // start of scan: the rest is image data
			return append(out, b[start:]...), nil
		case marker >= 0xD0 && marker <= 0xD7 || marker == 0x01:
			out = append(out, 0xFF, marker)
			continue
		}
		if i+2 > len(b) {
			return nil, errMalformed
		}
		n := int(binary.BigEndian.Uint16(b[i:]))
		if n < 2 || i+n > len(b) {
			return nil, errMalformed
		}
		drop := marker == 0xE1 || (marker >= 0xE3 && marker <= 0xED) || marker == 0xEF || marker == 0xFE
		if !drop {
			out = append(out, 0xFF, marker)
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return nil, errMalformed
}

// stripPNG copies a PNG without its eXIf, tEXt, zTXt, iTXt and tIME
// chunks, up to IEND.
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
		switch typ {
		case "eXIf", "tEXt", "zTXt", "iTXt", "tIME":
		default:
			out = append(out, b[i:end]...)
		}
		i = end
		if typ == "IEND" {
			return out, nil
		}
	}
	return nil, errMalformed
}

// stripWebP copies a WebP without its EXIF and XMP chunks, clearing their
// flags in the VP8X header and fixing the RIFF size.
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
		switch fourCC {
		case "EXIF", "XMP ":
		case "VP8X":
			if n < 1 {
				return nil, errMalformed
			}
			at := len(out)
			out = append(out, chunk...)
			out[at+8] &^= 0x08 | 0x04 // EXIF and XMP present flags
		default:
			out = append(out, chunk...)
		}
		i += 8 + padded
	}
	binary.LittleEndian.PutUint32(out[4:8], uint32(len(out)-8))
	return out, nil
}
