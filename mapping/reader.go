package mapping

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"
	"github.com/paulmach/osm/osmxml"
)

// Format is the encoding of an OSM file.
type Format int

// The formats Open reads.
const (
	FormatPBF Format = iota + 1
	FormatXML
	FormatXMLBzip2
	FormatXMLGzip
)

// String names the format.
func (f Format) String() string {
	switch f {
	case FormatPBF:
		return "pbf"
	case FormatXML:
		return "xml"
	case FormatXMLBzip2:
		return "xml+bzip2"
	case FormatXMLGzip:
		return "xml+gzip"
	}
	return "unknown"
}

// FormatOf returns the format that path's extension names, or
// ErrUnknownFormat.
func FormatOf(path string) (Format, error) {
	name := strings.ToLower(filepath.Base(path))
	switch {
	case strings.HasSuffix(name, ".pbf"):
		return FormatPBF, nil
	case strings.HasSuffix(name, ".osm"), strings.HasSuffix(name, ".xml"):
		return FormatXML, nil
	case strings.HasSuffix(name, ".osm.bz2"), strings.HasSuffix(name, ".xml.bz2"):
		return FormatXMLBzip2, nil
	case strings.HasSuffix(name, ".osm.gz"), strings.HasSuffix(name, ".xml.gz"):
		return FormatXMLGzip, nil
	}
	return 0, ErrUnknownFormat
}

// Source is an open OSM file being scanned.
type Source struct {
	Path   string
	Format Format
	Size   int64
	MTime  int64 // unix nanoseconds

	file    *os.File
	read    atomic.Int64
	hash    hash.Hash
	scanner osm.Scanner
	stop    func()
}

// Open opens the OSM file at path for streaming, checking its extension and
// magic bytes. procs is the number of PBF decoding goroutines. Errors are
// *InputError wrapping ErrUnknownFormat, ErrEmpty, ErrNotOSM or an I/O error.
func Open(ctx context.Context, path string, procs int) (*Source, error) {
	format, err := FormatOf(path)
	if err != nil {
		return nil, &InputError{Path: path, Err: err}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &InputError{Path: path, Err: err}
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &InputError{Path: path, Err: err}
	}
	if st.IsDir() {
		f.Close()
		return nil, &InputError{Path: path, Err: fmt.Errorf("%w: is a directory", ErrNotOSM)}
	}
	if st.Size() == 0 {
		f.Close()
		return nil, &InputError{Path: path, Err: ErrEmpty}
	}
	s := &Source{Path: path, Format: format, Size: st.Size(), MTime: st.ModTime().UnixNano(),
		file: f, hash: sha256.New()}
	if err := s.start(ctx, procs); err != nil {
		f.Close()
		return nil, &InputError{Path: path, Err: err}
	}
	return s, nil
}

// countingReader counts and hashes the raw bytes read from the file.
type countingReader struct {
	r io.Reader
	s *Source
}

// Read reads from the file, counting and hashing what it returns.
func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.s.hash.Write(p[:n])
		c.s.read.Add(int64(n))
	}
	return n, err
}

func (s *Source) start(ctx context.Context, procs int) error {
	raw := bufio.NewReaderSize(countingReader{r: s.file, s: s}, 256<<10)
	head, _ := raw.Peek(16)
	switch s.Format {
	case FormatPBF:
		if !isPBF(head) {
			return fmt.Errorf("%w: no OSMHeader block at the start of a .pbf file", ErrNotOSM)
		}
		if procs <= 0 {
			procs = 2
		}
		s.scanner = osmpbf.New(ctx, raw, procs)
		return nil
	case FormatXMLBzip2:
		if !bytes.HasPrefix(head, []byte("BZh")) {
			return fmt.Errorf("%w: not bzip2 data", ErrNotOSM)
		}
		return s.startXML(ctx, s.decompress(bzip2.NewReader(raw)))
	case FormatXMLGzip:
		if !bytes.HasPrefix(head, []byte{0x1f, 0x8b}) {
			return fmt.Errorf("%w: not gzip data", ErrNotOSM)
		}
		zr, err := gzip.NewReader(raw)
		if err != nil {
			return fmt.Errorf("%w: gzip: %w", ErrCorrupt, err)
		}
		return s.startXML(ctx, s.decompress(zr))
	}
	return s.startXML(ctx, raw)
}

// decompress runs the decompressor in its own goroutine, so that
// decompression and XML parsing use two cores.
func (s *Source) decompress(r io.Reader) io.Reader {
	pr, pw := io.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		w := bufio.NewWriterSize(pw, 256<<10)
		_, err := io.Copy(w, r)
		if err == nil {
			err = w.Flush()
		}
		if err != nil {
			err = fmt.Errorf("%w: decompress: %w", ErrCorrupt, err)
		}
		pw.CloseWithError(err)
	}()
	s.stop = func() {
		pr.CloseWithError(errStopped)
		<-done
	}
	return pr
}

var errStopped = fmt.Errorf("import stopped")

func (s *Source) startXML(ctx context.Context, r io.Reader) error {
	br := bufio.NewReaderSize(r, 256<<10)
	head, err := br.Peek(4096)
	if len(head) == 0 {
		if err != nil && err != io.EOF {
			return err
		}
		return ErrEmpty
	}
	if !isOSMXML(head) {
		return fmt.Errorf("%w: no <osm> element at the start of the XML", ErrNotOSM)
	}
	s.scanner = osmxml.New(ctx, br)
	return nil
}

// isPBF checks for a first BlobHeader of type "OSMHeader": a 4-byte
// big-endian length, then protobuf field 1 (type) = "OSMHeader".
func isPBF(head []byte) bool {
	if len(head) < 15 {
		return false
	}
	n := binary.BigEndian.Uint32(head)
	return n > 0 && n < 64<<10 && head[4] == 0x0a && head[5] == 9 && string(head[6:15]) == "OSMHeader"
}

// isOSMXML checks that the XML starts (after a BOM, blanks, an XML
// declaration and comments) with an <osm element.
func isOSMXML(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for {
		head = bytes.TrimLeft(head, " \t\r\n")
		switch {
		case bytes.HasPrefix(head, []byte("<?")):
			i := bytes.Index(head, []byte("?>"))
			if i < 0 {
				return false
			}
			head = head[i+2:]
		case bytes.HasPrefix(head, []byte("<!--")):
			i := bytes.Index(head, []byte("-->"))
			if i < 0 {
				return false
			}
			head = head[i+3:]
		default:
			return bytes.HasPrefix(head, []byte("<osm")) &&
				(len(head) == 4 || bytes.ContainsAny(head[4:5], " \t\r\n>/"))
		}
	}
}

// nodeHint estimates the number of nodes in the file from its size, to
// size the node index up front: a PBF holds roughly 10 bytes a node, OSM
// XML 100 and compressed XML 10.
func (s *Source) nodeHint() int {
	if s.Format == FormatXML {
		return int(s.Size / 100)
	}
	return int(s.Size / 10)
}

// Scan advances to the next OSM object. See Object and Err.
func (s *Source) Scan() bool { return s.scanner.Scan() }

// Object returns the object read by the last Scan.
func (s *Source) Object() osm.Object { return s.scanner.Object() }

// Err returns the scan error, if any, as an *InputError wrapping ErrCorrupt
// (or the context's error when it was cancelled). last is the last element
// read successfully ("node/7"), "" for none.
func (s *Source) Err(ctx context.Context, last string) error {
	err := s.scanner.Err()
	if err == nil {
		return nil
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	ie := &InputError{Path: s.Path, Err: fmt.Errorf("%w: %w", ErrCorrupt, err)}
	if last != "" {
		ie.Element = "after " + last
	} else {
		ie.Element = "before the first element"
	}
	return ie
}

// BytesRead is how many bytes of the file have been read so far.
func (s *Source) BytesRead() int64 { return s.read.Load() }

// SHA256 returns the hex digest of the bytes read so far: of the whole file
// once the scan has finished.
func (s *Source) SHA256() string {
	// Read any tail the scanner did not need (padding after the last block).
	_, _ = io.Copy(io.Discard, countingReader{r: s.file, s: s})
	return fmt.Sprintf("%x", s.hash.Sum(nil))
}

// Close stops the scan and closes the file.
func (s *Source) Close() error {
	if s.scanner != nil {
		s.scanner.Close()
	}
	if s.stop != nil {
		s.stop()
	}
	return s.file.Close()
}
