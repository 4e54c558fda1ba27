package data_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

// flipIn flips one byte of every copy of marker in the file at path and
// reports how many it changed.
func flipIn(t *testing.T, path, marker string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	for off := 0; ; {
		i := bytes.Index(b[off:], []byte(marker))
		if i < 0 {
			break
		}
		at := off + i + len(marker) - 1
		if _, err := f.WriteAt([]byte{b[at] ^ 0x20}, int64(at)); err != nil {
			t.Fatal(err)
		}
		n++
		off = at + 1
	}
	return n
}

// TestFlippedByteInRecordRefused: a byte flipped inside a stored report
// (which bbolt's own check cannot see) makes Open refuse the file, naming
// the report and ErrCorrupt, instead of serving wrong values.
func TestFlippedByteInRecordRefused(t *testing.T) {
	s, dir := datatest.NewStore(t)
	for i, desc := range []string{"an ordinary report", "flipme: water since monday", "another one"} {
		r := datatest.Report(orb.Point{39.2 + float64(i)/100, -6.8}, "flood", t0)
		r.Description = desc
		if _, err := s.Create(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
	if bad, n, err := s.CheckRecords(10); err != nil || len(bad) != 0 || n != 3 {
		t.Fatalf("intact store: %v %d %v", bad, n, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, data.FileName)
	if n := flipIn(t, path, "flipme: water"); n == 0 {
		t.Fatal("the record is not in the file")
	}
	_, err := data.Open(dir, data.Options{})
	if !errors.Is(err, data.ErrCorrupt) || !strings.Contains(err.Error(), "report 2") || !strings.Contains(err.Error(), "checksum") {
		t.Fatalf("open after a flipped byte: %v", err)
	}
}

// TestEmptyDatabaseFileRefused: an empty mtaa.db is refused as damaged
// (it used to open as a new database with no reports and no accounts); a
// missing one is a new database.
func TestEmptyDatabaseFileRefused(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, data.FileName), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := data.Open(dir, data.Options{}); !errors.Is(err, data.ErrCorrupt) || !strings.Contains(err.Error(), "empty") {
		t.Fatalf("empty file: %v", err)
	}
	s, err := data.Open(t.TempDir(), data.Options{})
	if err != nil {
		t.Fatalf("no file: %v", err)
	}
	s.Close()
}
