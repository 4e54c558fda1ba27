package data

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// PhotoDirName is the directory of report photos inside the data
// directory.
const PhotoDirName = "photos"

// ErrPhotoExists is returned by PhotoStore.Put when the report already
// has a photo: a photo is uploaded once and never replaced.
var ErrPhotoExists = errors.New("data: the report already has a photo")

// photoTypes maps the accepted media types to file extensions.
var photoTypes = [...]struct{ mediaType, ext string }{
	{"image/jpeg", ".jpg"}, {"image/png", ".png"}, {"image/webp", ".webp"},
}

// PhotoStore keeps one photo per report as a file DIR/photos/<id>.<ext>,
// outside the report database: photos are large and read rarely, and the
// database stays small, fast to open and to back up. Files are written
// to a temporary name, synced and linked into place, so a crash never
// leaves a partial photo. It is safe for concurrent use.
type PhotoStore struct {
	dir string
	mu  sync.Mutex // serialises Put's exists check and link
}

// OpenPhotos returns the photo store under the data directory dir,
// creating its directory.
func OpenPhotos(dir string) (*PhotoStore, error) {
	p := filepath.Join(dir, PhotoDirName)
	if err := os.MkdirAll(p, 0o750); err != nil {
		return nil, fmt.Errorf("open photos %s: %w", p, storageError(err))
	}
	return &PhotoStore{dir: p}, nil
}

// Dir returns the directory holding the photo files.
func (p *PhotoStore) Dir() string { return p.dir }

func photoExt(mediaType string) (string, bool) {
	for _, t := range photoTypes {
		if t.mediaType == mediaType {
			return t.ext, true
		}
	}
	return "", false
}

// Put stores photo as report id's photo of the given media type
// (image/jpeg, image/png or image/webp). It returns ErrPhotoExists when
// the report has one already.
func (p *PhotoStore) Put(id uint64, mediaType string, photo []byte) error {
	ext, ok := photoExt(mediaType)
	if !ok {
		return fmt.Errorf("store photo %d: unsupported media type %q", id, mediaType)
	}
	f, err := os.CreateTemp(p.dir, ".photo-*.tmp")
	if err != nil {
		return fmt.Errorf("store photo %d: %w", id, storageError(err))
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	_, werr := f.Write(photo)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		return fmt.Errorf("store photo %d: %w", id, storageError(err))
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, _, err := p.find(id); err == nil {
		return fmt.Errorf("store photo %d: %w", id, ErrPhotoExists)
	}
	final := filepath.Join(p.dir, strconv.FormatUint(id, 10)+ext)
	if err := os.Link(tmp, final); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("store photo %d: %w", id, ErrPhotoExists)
		}
		return fmt.Errorf("store photo %d: %w", id, storageError(err))
	}
	if err := syncDir(p.dir); err != nil {
		return fmt.Errorf("store photo %d: %w", id, storageError(err))
	}
	return nil
}

// find returns the path and media type of report id's photo, or
// ErrNotFound.
func (p *PhotoStore) find(id uint64) (path, mediaType string, err error) {
	base := filepath.Join(p.dir, strconv.FormatUint(id, 10))
	for _, t := range photoTypes {
		if _, err := os.Stat(base + t.ext); err == nil {
			return base + t.ext, t.mediaType, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", "", fmt.Errorf("photo %d: %w", id, err)
		}
	}
	return "", "", fmt.Errorf("photo %d: %w", id, ErrNotFound)
}

// Has reports whether report id has a photo.
func (p *PhotoStore) Has(id uint64) (bool, error) {
	_, _, err := p.find(id)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// Photo is one stored photo, open for reading; Close it.
type Photo struct {
	io.ReadSeeker
	closer    io.Closer // nil: nothing to close
	MediaType string
	ModTime   time.Time
	Size      int64
}

// Close releases the photo.
func (p *Photo) Close() error {
	if p.closer == nil {
		return nil
	}
	return p.closer.Close()
}

// Open opens report id's photo, or returns ErrNotFound.
func (p *PhotoStore) Open(id uint64) (*Photo, error) {
	path, mt, err := p.find(id)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open photo %d: %w", id, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open photo %d: %w", id, err)
	}
	return &Photo{ReadSeeker: f, closer: f, MediaType: mt, ModTime: st.ModTime(), Size: st.Size()}, nil
}
