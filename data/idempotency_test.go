package data_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data/datatest"
)

func TestKnownIdempotencyKeys(t *testing.T) {
	store, _ := datatest.NewStore(t)
	r := datatest.Report(orb.Point{39.25, -6.8}, "flood", time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC))
	r.IdempotencyKey = "import:ushahidi:haiti:17"
	if _, err := store.Create(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	got, err := store.KnownIdempotencyKeys([]string{"import:ushahidi:haiti:18", "import:ushahidi:haiti:17", ""})
	if err != nil {
		t.Fatal(err)
	}
	if want := []bool{false, true, false}; !slices.Equal(got, want) {
		t.Errorf("known = %v, want %v", got, want)
	}
}
