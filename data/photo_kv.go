package data

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// bucketPhotos keeps report photos in the database, for servers sharing
// one (Store.Photos): id → media type index (1 byte), upload time (Unix
// nanoseconds, 8 bytes), the image.
var bucketPhotos = []byte("photos")

// StoredPhotos keeps one photo per report in the store's database, where
// every server sharing it finds it (a PhotoStore's files are on one
// machine). It has PhotoStore's methods and guarantees.
type StoredPhotos struct{ s *Store }

// Photos returns the store's photos kept in its database.
func (s *Store) Photos() *StoredPhotos { return &StoredPhotos{s: s} }

// Put stores photo as report id's photo of the given media type
// (image/jpeg, image/png or image/webp). It returns ErrPhotoExists when
// the report has one already.
func (p *StoredPhotos) Put(id uint64, mediaType string, photo []byte) error {
	t := -1
	for i, pt := range photoTypes {
		if pt.mediaType == mediaType {
			t = i
		}
	}
	if t < 0 {
		return fmt.Errorf("store photo %d: unsupported media type %q", id, mediaType)
	}
	v := make([]byte, 9, 9+len(photo))
	v[0] = byte(t)
	binary.BigEndian.PutUint64(v[1:], uint64(time.Now().UnixNano()))
	v = append(v, photo...)
	err := p.s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketPhotos)
		if err != nil {
			return err
		}
		if b.Get(idKey(id)) != nil {
			return ErrPhotoExists
		}
		return b.Put(idKey(id), v)
	}})
	if err != nil {
		return fmt.Errorf("store photo %d: %w", id, err)
	}
	return nil
}

// Has reports whether report id has a photo.
func (p *StoredPhotos) Has(id uint64) (bool, error) {
	has := false
	err := p.s.db.View(func(tx kv.Tx) error {
		if b := tx.Bucket(bucketPhotos); b != nil {
			has = b.Get(idKey(id)) != nil
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("photo %d: %w", id, err)
	}
	return has, nil
}

// Open returns report id's photo, or ErrNotFound.
func (p *StoredPhotos) Open(id uint64) (*Photo, error) {
	var v []byte
	err := p.s.db.View(func(tx kv.Tx) error {
		if b := tx.Bucket(bucketPhotos); b != nil {
			v = bytes.Clone(b.Get(idKey(id)))
		}
		return nil
	})
	switch {
	case err != nil:
		return nil, fmt.Errorf("open photo %d: %w", id, err)
	case v == nil:
		return nil, fmt.Errorf("photo %d: %w", id, ErrNotFound)
	case len(v) < 9 || int(v[0]) >= len(photoTypes):
		return nil, fmt.Errorf("photo %d: %w", id, ErrCorrupt)
	}
	img := v[9:]
	return &Photo{ReadSeeker: bytes.NewReader(img), MediaType: photoTypes[v[0]].mediaType,
		ModTime: time.Unix(0, int64(binary.BigEndian.Uint64(v[1:]))).UTC(), Size: int64(len(img))}, nil
}
