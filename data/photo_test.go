package data_test

import (
	"bytes"
	"errors"
	"io"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

// photos is what both photo stores offer.
type photos interface {
	Put(id uint64, mediaType string, photo []byte) error
	Open(id uint64) (*data.Photo, error)
	Has(id uint64) (bool, error)
}

// TestPhotoStores runs the same checks on photos in files (one server)
// and in the database (servers sharing it).
func TestPhotoStores(t *testing.T) {
	stores := []struct {
		name string
		open func(t *testing.T) photos
	}{
		{"files", func(t *testing.T) photos {
			p, err := data.OpenPhotos(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			return p
		}},
		{"database", func(t *testing.T) photos {
			s, _ := datatest.NewStore(t)
			return s.Photos()
		}},
	}
	img := bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 1000)
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			p := st.open(t)
			if has, err := p.Has(7); err != nil || has {
				t.Fatalf("Has before Put: %v, %v", has, err)
			}
			if _, err := p.Open(7); !errors.Is(err, data.ErrNotFound) {
				t.Fatalf("Open before Put: %v, want ErrNotFound", err)
			}
			if err := p.Put(7, "image/gif", img); err == nil {
				t.Fatal("a GIF was stored")
			}
			var ok atomic.Int32
			var wg sync.WaitGroup
			for range 8 { // one upload wins, the others are told it exists
				wg.Go(func() {
					err := p.Put(7, "image/png", img)
					switch {
					case err == nil:
						ok.Add(1)
					case !errors.Is(err, data.ErrPhotoExists):
						t.Errorf("Put: %v", err)
					}
				})
			}
			wg.Wait()
			if ok.Load() != 1 {
				t.Fatalf("%d concurrent uploads stored, want 1", ok.Load())
			}
			ph, err := p.Open(7)
			if err != nil {
				t.Fatal(err)
			}
			defer ph.Close()
			got, _ := io.ReadAll(ph)
			if !bytes.Equal(got, img) || ph.MediaType != "image/png" || ph.Size != int64(len(img)) || ph.ModTime.IsZero() {
				t.Fatalf("Open: %d bytes, %s, size %d, at %v", len(got), ph.MediaType, ph.Size, ph.ModTime)
			}
			if _, err := ph.Seek(4, io.SeekStart); err != nil {
				t.Fatalf("Seek: %v", err)
			}
			if has, err := p.Has(7); err != nil || !has {
				t.Fatalf("Has after Put: %v, %v", has, err)
			}
		})
	}
}
