package mapping

import (
	"errors"
	"fmt"
)

// Input errors, matched with errors.Is. They are wrapped in an *InputError
// that names the file (and the OSM element, when one is known).
var (
	// ErrUnknownFormat means the file name has no extension mtaa reads.
	ErrUnknownFormat = errors.New("mapping: unknown file format (want .osm.pbf, .osm, .osm.bz2 or .osm.gz)")
	// ErrEmpty means the file (or its decompressed content) is empty.
	ErrEmpty = errors.New("mapping: empty file")
	// ErrNotOSM means the file's content is not what its name says, or not OSM data.
	ErrNotOSM = errors.New("mapping: not OSM data")
	// ErrCorrupt means the file is truncated or malformed part-way through.
	ErrCorrupt = errors.New("mapping: corrupt or truncated OSM data")
)

// InputError is an error reading an OSM file. Path is the file; Element is
// the OSM element involved ("way/42"), or the last one read successfully
// when the error is a parse error ("after node/7"), or "" when none.
type InputError struct {
	Path    string
	Element string
	Err     error
}

// Error returns "<path>: [<element>: ]<error>".
func (e *InputError) Error() string {
	if e.Element == "" {
		return fmt.Sprintf("%s: %v", e.Path, e.Err)
	}
	return fmt.Sprintf("%s: %s: %v", e.Path, e.Element, e.Err)
}

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }
