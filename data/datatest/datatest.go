// Package datatest provides helpers for tests that need a real store: a
// bbolt file in a temporary directory, closed when the test ends.
package datatest

import (
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// NewStore opens a store in a fresh temporary directory and closes it when
// the test ends. It returns the store and its directory.
func NewStore(t testing.TB) (*data.Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := data.Open(dir, data.Options{})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return s, dir
}

// Report returns a valid web report at p with the given category, observed
// and received at t.
func Report(p orb.Point, category string, t time.Time) data.Report {
	return data.Report{
		Category:       category,
		Description:    "test report",
		Location:       p,
		LocationSource: data.SourceGPS,
		ObservedAt:     t.UTC(),
		ReceivedAt:     t.UTC(),
		Channel:        data.ChannelWeb,
		Status:         data.StatusNew,
	}
}
