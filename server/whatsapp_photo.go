package server

import (
	"context"
	"errors"
	"net/url"
	"slices"
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

// whatsAppPhotoTimeout bounds the fetch of a report's WhatsApp photo
// (all tries), inside the webhook's own time (Twilio waits 15 s for its
// answer).
const whatsAppPhotoTimeout = 5 * time.Second

// maxInboundMedia is the most media of one message read from a webhook
// (Twilio sends at most 10).
const maxInboundMedia = 10

// inboundMedia returns the media of a Twilio message (NumMedia,
// MediaUrlN, MediaContentTypeN), in order. Photos are left out when the
// server cannot fetch and keep them (no Twilio media fetcher or photo
// storage): the engine then neither keeps nor promises them. Other media
// are always passed on, so that the resident hears they are not kept.
func (s *Server) inboundMedia(form url.Values) []data.MediaRef {
	n, _ := strconv.Atoi(form.Get("NumMedia"))
	var out []data.MediaRef
	dropped := 0
	for i := range min(max(n, 0), maxInboundMedia) {
		m := data.MediaRef{URL: form.Get("MediaUrl" + strconv.Itoa(i)), ContentType: form.Get("MediaContentType" + strconv.Itoa(i))}
		switch {
		case m.URL == "":
		case m.IsPhoto() && (s.media == nil || s.photos == nil):
			dropped++
		default:
			out = append(out, m)
		}
	}
	if dropped > 0 {
		s.log.Info("whatsapp photos not kept: Twilio media or photo storage not configured", "photos", dropped)
	}
	return out
}

// attachPhoto keeps the first of media that is a photo and can be
// fetched, decoded and stripped as the photo of report id, as a web photo
// is stored: scaled down if need be and stripped of its metadata (EXIF
// position included). A report keeps one photo: nothing is done when it
// has one (a redelivery, or a photo sent after it). The report stands
// whatever happens to its photo: failures are logged, not returned. It
// reports whether a photo was stored.
func (s *Server) attachPhoto(ctx context.Context, id uint64, media []data.MediaRef) bool {
	if id == 0 || !slices.ContainsFunc(media, data.MediaRef.IsPhoto) {
		return false
	}
	if s.media == nil || s.photos == nil {
		s.log.Info("whatsapp photo not fetched: Twilio media or photo storage not configured", "report", id)
		return false
	}
	if has, err := s.photos.Has(id); err != nil || has {
		return false
	}
	ctx, cancel := context.WithTimeout(ctx, whatsAppPhotoTimeout)
	defer cancel()
	for _, m := range media {
		if !m.IsPhoto() {
			continue
		}
		stored, err := s.storeMedium(ctx, id, m.URL)
		switch {
		case stored:
			return true
		case errors.Is(err, data.ErrPhotoExists):
			return false
		case ctx.Err() != nil:
			s.log.Warn("whatsapp photo not fetched in time", "report", id, "err", err)
			return false
		}
		s.log.Warn("whatsapp photo not kept", "report", id, "err", err)
	}
	return false
}

// storeMedium fetches the medium at mediaURL and stores it, scaled and
// stripped, as report id's photo.
func (s *Server) storeMedium(ctx context.Context, id uint64, mediaURL string) (bool, error) {
	body, _, err := s.media.Fetch(ctx, mediaURL)
	if err != nil {
		return false, err
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
	return err == nil, err
}
