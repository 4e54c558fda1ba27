package data_test

import (
	"context"
	"errors"
	"testing"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

// TestCreateRefusesUnknownStatus: a report that skipped validation with
// no or an unknown status is refused with a validation error naming the
// field, and nothing is stored (its record could not be read back).
func TestCreateRefusesUnknownStatus(t *testing.T) {
	st, _ := datatest.NewStore(t)
	ctx := context.Background()
	for _, status := range []data.Status{"", "archived"} {
		r := data.Report{Category: "flood", Status: status, Location: [2]float64{39.25, -6.8}}
		_, err := st.Create(ctx, r)
		var ve *data.ValidationError
		if !errors.As(err, &ve) || ve.Field != "properties.status" {
			t.Errorf("Create with status %q: %v, want a validation error on properties.status", status, err)
		}
		if _, err := st.CreateMany(ctx, []data.Report{r}); !errors.As(err, &ve) {
			t.Errorf("CreateMany with status %q: %v", status, err)
		}
	}
	if n := len(st.Find(data.Query{Limit: 10}).IDs); n != 0 {
		t.Errorf("%d reports stored", n)
	}
	if bad, _, err := st.CheckRecords(100); err != nil || len(bad) != 0 {
		t.Errorf("records after the refusals: bad %v, %v", bad, err)
	}
}
