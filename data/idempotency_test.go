package data_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data/datatest"
)

func TestIdempotencyKeyIDs(t *testing.T) {
	store, _ := datatest.NewStore(t)
	at := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	for _, key := range []string{"", "import:ushahidi:haiti:17"} {
		r := datatest.Report(orb.Point{39.25, -6.8}, "flood", at)
		r.IdempotencyKey = key
		if _, err := store.Create(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := store.IdempotencyKeyIDs([]string{"import:ushahidi:haiti:18", "import:ushahidi:haiti:17", ""})
	if err != nil {
		t.Fatal(err)
	}
	if want := []uint64{0, 2, 0}; !slices.Equal(got, want) {
		t.Errorf("ids = %v, want %v", got, want)
	}
}
