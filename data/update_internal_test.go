package data

import (
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// TestVersion2RecordsStillRead: records written before accounts existed
// (version 2, no duplicate_of and submitted_by) decode with both zero.
func TestVersion2RecordsStillRead(t *testing.T) {
	r := Report{Category: "flood", Location: orb.Point{39.2, -6.8}, LocationSource: SourceGPS, Channel: ChannelWeb,
		Status: StatusVerified, ObservedAt: time.Unix(1e9, 0).UTC(), ReceivedAt: time.Unix(1e9, 0).UTC()}
	rec := encodeRecord(&r)
	old := append([]byte{recordVersionNoAccount}, rec[1:len(rec)-2]...) // two zero uvarints
	got, err := decodeRecord(5, old)
	if err != nil || got.Status != StatusVerified || got.SubmittedBy != 0 || got.DuplicateOf != 0 {
		t.Fatalf("%+v %v", got, err)
	}
	if _, err := summaryOfRecord(5, old); err != nil {
		t.Fatal(err)
	}
}
