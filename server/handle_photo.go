package server

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"hash"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
)

// MaxPhotoBytes is the largest photo upload accepted.
const MaxPhotoBytes = 2 << 20

// uploadTokenTTL is how long the upload token returned with a new report
// stays valid.
const uploadTokenTTL = 24 * time.Hour

// photoStore is what the server needs to keep report photos.
type photoStore interface {
	Put(id uint64, mediaType string, photo []byte) error
	Open(id uint64) (*data.Photo, error)
	Has(id uint64) (bool, error)
}

var (
	_ photoStore = (*data.PhotoStore)(nil)
	_ photoStore = (*data.StoredPhotos)(nil)
)

// uploadToken returns the token that lets its holder upload one photo for
// report id until it expires: "<expiry unix seconds>.<HMAC>" under the
// server's upload key. POST /api/v1/reports hands it to the reporter in
// X-Upload-Token; nobody else can make one.
func (s *Server) uploadToken(id uint64, now time.Time) string {
	exp := now.Add(uploadTokenTTL).Unix()
	var mac [sha256.Size]byte
	b := make([]byte, 0, 20+1+base64.RawURLEncoding.EncodedLen(uploadMACLen))
	b = strconv.AppendInt(b, exp, 10)
	b = append(b, '.')
	b = base64.RawURLEncoding.AppendEncode(b, s.uploadMAC(mac[:0], id, exp))
	return string(b)
}

// uploadMACLen is how many bytes of the HMAC a token carries (144 bits).
const uploadMACLen = 18

// uploadMAC appends to dst the MAC of an upload token for report id
// expiring at exp.
func (s *Server) uploadMAC(dst []byte, id uint64, exp int64) []byte {
	m := s.uploadMACs.Get().(hash.Hash)
	defer s.uploadMACs.Put(m)
	m.Reset()
	var msg [64]byte
	b := append(msg[:0], "mtaa photo upload\x00"...)
	b = strconv.AppendUint(b, id, 10)
	b = append(b, 0)
	b = strconv.AppendInt(b, exp, 10)
	m.Write(b)
	return m.Sum(dst)[:len(dst)+uploadMACLen]
}

// newUploadMACs pools HMAC-SHA256 states under key. A used HMAC resets
// from its saved keyed state: a token then hashes two SHA-256 blocks
// instead of four, and allocates nothing for the key.
func newUploadMACs(key []byte) *sync.Pool {
	return &sync.Pool{New: func() any { return hmac.New(sha256.New, key) }}
}

// validUploadToken reports whether token was issued for report id and has
// not expired.
func (s *Server) validUploadToken(id uint64, token string, now time.Time) bool {
	expS, macS, ok := strings.Cut(token, ".")
	if !ok {
		return false
	}
	exp, err := strconv.ParseInt(expS, 10, 64)
	if err != nil || now.Unix() > exp || exp > now.Add(uploadTokenTTL+time.Minute).Unix() {
		return false
	}
	mac, err := base64.RawURLEncoding.DecodeString(macS)
	var want [sha256.Size]byte
	return err == nil && hmac.Equal(mac, s.uploadMAC(want[:0], id, exp))
}

// uploadPhoto handles POST /api/v1/reports/{id}/photo: the body is the
// photo (image/jpeg, image/png or image/webp, at most 2 MiB and 1280 px on
// its long side), X-Upload-Token the token the report's POST returned.
// The photo is stored without its metadata (EXIF GPS position and the
// like), once: a second upload gets 409.
func (s *Server) uploadPhoto(c *gin.Context) error {
	// >> Args
	id, err := parseID(c.Param("id"))
	if err != nil {
		return err
	}
	token := c.GetHeader("X-Upload-Token")
	if token == "" {
		return &apiError{Status: http.StatusUnauthorized, Code: "unauthorized", Field: "X-Upload-Token",
			Message: "send the X-Upload-Token returned when the report was created"}
	}
	if !s.validUploadToken(id, token, s.now()) {
		return &apiError{Status: http.StatusForbidden, Code: "forbidden", Field: "X-Upload-Token",
			Message: "the upload token is not valid for this report or has expired"}
	}
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || (mt != "image/jpeg" && mt != "image/png" && mt != "image/webp") {
		return &apiError{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type", Field: "Content-Type",
			Message: "send the photo as image/jpeg, image/png or image/webp"}
	}
	tooBig := &apiError{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Field: "body",
		Message: "the photo is larger than " + strconv.Itoa(MaxPhotoBytes) + " bytes"}
	if c.Request.ContentLength > MaxPhotoBytes {
		return tooBig
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, MaxPhotoBytes))
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr):
		return tooBig
	case err != nil:
		return &apiError{Status: http.StatusBadRequest, Code: "invalid_body", Field: "body", Message: "could not read the request body"}
	}
	// Photo bytes per address: one client cannot fill the disk.
	if !s.limits.photoBytes.allowN(c.ClientIP(), s.now(), float64(len(body))) {
		return tooManyRequests(c, "ip")
	}
	clean, cfg, err := checkPhoto(body, mt)
	if err != nil {
		return err
	}
	// >> Operation
	if _, err := s.store.FeatureFor(id, data.AudiencePublic); err != nil {
		return err
	}
	if err := s.photos.Put(id, mt, clean); err != nil {
		switch {
		case errors.Is(err, data.ErrPhotoExists):
			return &apiError{Status: http.StatusConflict, Code: "photo_exists", Field: "id",
				Message: "this report already has a photo"}
		case errors.Is(err, data.ErrStorageFull):
			// The report is stored; only its photo is not (statusFor's
			// message is about reports).
			return &apiError{Status: http.StatusInsufficientStorage, Code: "storage_full", Field: "body",
				Message: "the server's disk is full: the photo was not stored (the report itself is stored); retry the photo later"}
		}
		return err
	}
	// >> Response
	c.Header("Location", s.baseURL(c)+"/api/v1/reports/"+strconv.FormatUint(id, 10)+"/photo")
	c.JSON(http.StatusCreated, gin.H{"report_id": id, "content_type": mt, "width": cfg.Width, "height": cfg.Height,
		"bytes": len(clean)})
	return nil
}

// getPhoto handles GET /api/v1/reports/{id}/photo, for moderators: a
// photo may show people, so it is never public and never cached.
func (s *Server) getPhoto(c *gin.Context) error {
	id, err := parseID(c.Param("id"))
	if err != nil {
		return err
	}
	p, err := s.photos.Open(id)
	if err != nil {
		return err
	}
	defer p.Close()
	h := c.Writer.Header()
	h.Set("Content-Type", p.MediaType)
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	http.ServeContent(c.Writer, c.Request, "", p.ModTime, p)
	return nil
}
