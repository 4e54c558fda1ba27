package data

import (
	"encoding/binary"
	"fmt"
	"mime"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// MediaRef is a medium of an inbound message kept at its gateway (the
// photo of a WhatsApp message, on Twilio): where to fetch it and its
// declared type. It names no phone; fetching it needs the gateway
// account's credentials. Drafts keep the references of their photos, not
// the photos: nothing of an unfinished report is stored as an image.
type MediaRef struct {
	URL         string `json:"url"`
	ContentType string `json:"content_type"`
}

// IsPhoto reports whether the medium is declared a photo of a type the
// photo stores keep (image/jpeg, image/png or image/webp; parameters
// allowed). The stored bytes are checked again when the photo is kept.
func (m MediaRef) IsPhoto() bool { return IsPhotoType(m.ContentType) }

// IsPhotoType reports whether mediaType (parameters allowed) is a photo
// type the photo stores keep.
func IsPhotoType(mediaType string) bool {
	mt, _, err := mime.ParseMediaType(mediaType)
	if err != nil {
		return false
	}
	_, ok := photoExt(mt)
	return ok
}

// recentReports remembers, per phone hash, the report the phone filed
// last for a short while (SMSOutcome.PhotosUntil), so that a photo sent
// right after the report joins it: phone hash → report id (8 bytes), 1
// when the report was given a photo already, else 0 (1 byte).
var recentReports = expiringBucket{name: []byte("sms_recent_reports"), byExpiry: []byte("sms_recent_reports_expiry")}

// RecentReport returns the report the phone filed last when it is still
// open to a photo at now (until the PhotosUntil of the last message that
// filed it or gave it a photo), and whether it was given a photo (its
// message or a later one had one); 0 when there is none.
func (s *Store) RecentReport(phoneHash string, now time.Time) (id uint64, hasPhoto bool, err error) {
	err = s.db.View(func(tx kv.Tx) error {
		if v := recentReports.get(tx, []byte(phoneHash), now); len(v) == 9 {
			id, hasPhoto = binary.BigEndian.Uint64(v), v[8] == 1
		}
		return nil
	})
	if err != nil {
		return 0, false, fmt.Errorf("sms recent report: %w", err)
	}
	return id, hasPhoto, nil
}

// putRecentReport records that the phone filed report id, or gave it a
// photo, at now (SMSOutcome.PhotosUntil).
func putRecentReport(tx kv.Tx, o SMSOutcome, id uint64, now time.Time) error {
	if o.PhotosUntil.IsZero() || o.PhoneHash == "" || id == 0 {
		return nil
	}
	v := binary.BigEndian.AppendUint64(nil, id)
	if len(o.Media) > 0 {
		v = append(v, 1)
	} else {
		v = append(v, 0)
	}
	return recentReports.put(tx, []byte(o.PhoneHash), v, o.PhotosUntil, now)
}
