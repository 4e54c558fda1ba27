package data_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/data/kv/kvtest"
)

// TestFlippedByteInRecordRefused: a byte flipped inside a stored report
// (which bbolt's own check cannot see) makes Open refuse the file, naming
// the report and ErrCorrupt, instead of serving wrong values.
func TestFlippedByteInRecordRefused(t *testing.T) {
	kvtest.BoltOnly(t, "flips a byte in the bbolt file")
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
	datatest.FlipLast(t, path, "flipme: water")
	_, err := data.Open(dir, data.Options{})
	if !errors.Is(err, data.ErrCorrupt) || !strings.Contains(err.Error(), "report 2") || !strings.Contains(err.Error(), "checksum") {
		t.Fatalf("open after a flipped byte: %v", err)
	}
}

// TestEmptyDatabaseFileRefused: an empty mtaa.db is refused as damaged
// (it used to open as a new database with no reports and no accounts); a
// missing one is a new database.
func TestEmptyDatabaseFileRefused(t *testing.T) {
	kvtest.BoltOnly(t, "an empty bbolt file")
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
