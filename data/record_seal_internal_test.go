package data

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"
)

// TestRecordSeal: a sealed record opens to itself, every single flipped
// bit of it (mark, sum or record) is ErrCorrupt or a legacy value that then
// fails to decode as the original, and a record written before checksums
// (no envelope) still reads.
func TestRecordSeal(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		r := randomReport(rng)
		rec := encodeRecord(&r)
		sealed := sealRecord(rec)
		if got, err := openRecord(r.ID, sealed); err != nil || !bytes.Equal(got, rec) {
			t.Fatalf("open: %v", err)
		}
		if got, err := openRecord(r.ID, rec); err != nil || !bytes.Equal(got, rec) {
			t.Fatalf("legacy record: %v", err)
		}
		for i := range sealed {
			bad := bytes.Clone(sealed)
			bad[i] ^= 1 << rng.IntN(8)
			got, err := openRecord(r.ID, bad)
			if err == nil && i > 0 {
				t.Fatalf("flipped byte %d of %d accepted", i, len(sealed))
			}
			if err == nil && bytes.Equal(got, rec) {
				t.Fatalf("flipped mark read as the record")
			}
			if err != nil && !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v is not ErrCorrupt", err)
			}
		}
		if _, err := openRecord(r.ID, sealed[:3]); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("truncated envelope: %v", err)
		}
	}
}
