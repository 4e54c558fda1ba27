package data

import (
	"io"

	"github.com/mtaa-project/mtaa/data/kv"
)

// fileDB is what the store uses, beyond kv.DB, of an engine that keeps
// the database in one local file (boltkv).
type fileDB interface {
	kv.DB
	// Path is the database file's path.
	Path() string
}

// fileTx is what Backup, WriteTo, Open and Check use, beyond kv.Tx, of a
// read transaction on a database in one file.
type fileTx interface {
	kv.Tx
	// Size is the file's size as the transaction sees it.
	Size() int64
	// WriteTo writes the file as the transaction sees it.
	WriteTo(w io.Writer) (int64, error)
	// Check runs the engine's consistency check over the file, sending
	// each problem found and closing the channel at the end.
	Check() <-chan error
}

// fillPercenter is a bucket whose page fill the engine lets the store
// tune (bbolt's FillPercent).
type fillPercenter interface {
	SetFillPercent(f float64)
}

// appendInOrder tells the engine, when it cares, that b's keys are
// appended in order, so that it fills its pages fuller.
func appendInOrder(b kv.Bucket) {
	if f, ok := b.(fillPercenter); ok {
		f.SetFillPercent(0.9) // full pages waste less
	}
}
