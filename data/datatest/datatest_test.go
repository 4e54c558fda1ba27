package datatest_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data/datatest"
)

// TestDigestSeesWrites: on the engine MTAA_TEST_STORE names, the digest
// of a store stays the same while nothing is written, changes with a
// write, and the contents show a stored description in clear.
func TestDigestSeesWrites(t *testing.T) {
	s, dir := datatest.NewStore(t)
	before := datatest.Digest(t, dir)
	if again := datatest.Digest(t, dir); again != before {
		t.Fatal("the digest changed with nothing written")
	}
	r := datatest.Report(orb.Point{39.25, -6.8}, "flood", time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC))
	r.Description = "water at the clinic door"
	if _, err := s.Create(t.Context(), r); err != nil {
		t.Fatal(err)
	}
	if datatest.Digest(t, dir) == before {
		t.Error("the digest did not change with a report written")
	}
	if !bytes.Contains(datatest.Contents(t, dir), []byte("water at the clinic door")) {
		t.Error("the contents do not show the stored description")
	}
}
