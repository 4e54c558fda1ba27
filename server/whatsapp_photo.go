package server

import (
	"context"
	"errors"
	"mime"
	"net/url"
	"strconv"
	"time"

	"github.com/mtaa-project/mtaa/data"
)

// mediaFetcher fetches the media of an inbound message from its gateway.
type mediaFetcher interface {
	Fetch(ctx context.Context, mediaURL string) (body []byte, contentType string, err error)
}

// MaxWhatsAppPhotoBytes is the largest WhatsApp photo fetched: WhatsApp's
// own limit for images. It is scaled down and stripped before it is
// stored (MaxPhotoBytes, MaxPhotoSide).
const MaxWhatsAppPhotoBytes = 5 << 20

// whatsAppPhotoTimeout bounds the fetch of a WhatsApp photo, inside the
// webhook's own time (Twilio waits 15 s for its answer).
const whatsAppPhotoTimeout = 5 * time.Second

// attachWhatsAppPhoto stores the photo of a WhatsApp message (Twilio's
// NumMedia, MediaUrl0, MediaContentType0) as the photo of report id, as a
// web photo is stored: scaled down if need be and stripped of its metadata
// (EXIF position included). The report stands whatever happens to its
// photo: failures are logged, not returned. It reports whether a photo
// was stored.
func (s *Server) attachWhatsAppPhoto(ctx context.Context, id uint64, form url.Values) bool {
	if n, _ := strconv.Atoi(form.Get("NumMedia")); n < 1 || form.Get("MediaUrl0") == "" {
		return false
	}
	if s.media == nil || s.photos == nil {
		s.log.Info("whatsapp photo not fetched: Twilio media or photo storage not configured", "report", id)
		return false
	}
	switch mt, _, _ := mime.ParseMediaType(form.Get("MediaContentType0")); mt {
	case "image/jpeg", "image/png", "image/webp":
	default:
		s.log.Info("whatsapp media not kept: not a photo", "report", id, "content_type", mt)
		return false
	}
	if has, err := s.photos.Has(id); err != nil || has {
		return false // a redelivery: the photo is there
	}
	ctx, cancel := context.WithTimeout(ctx, whatsAppPhotoTimeout)
	defer cancel()
	body, _, err := s.media.Fetch(ctx, form.Get("MediaUrl0"))
	if err != nil {
		s.log.Warn("whatsapp photo not fetched", "report", id, "err", err)
		return false
	}
	// The bytes decide what the photo is, not the header.
	fit, mt, err := fitPhoto(body)
	var clean []byte
	if err == nil {
		clean, _, err = checkPhoto(fit, mt)
	}
	if err == nil {
		err = s.photos.Put(id, mt, clean)
	}
	switch {
	case errors.Is(err, data.ErrPhotoExists):
		return false
	case err != nil:
		s.log.Warn("whatsapp photo not stored", "report", id, "err", err)
		return false
	}
	return true
}
