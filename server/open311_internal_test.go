package server

import (
	"reflect"
	"testing"

	"github.com/mtaa-project/mtaa/data"
)

// TestStatusesFor checks the intersection of the Open311 status filter
// with the visible statuses, the seam the accounts work narrows: a reader
// who may see only verified-or-later reports never gets "new" ones, and a
// filter that leaves nothing is empty (not "any").
func TestStatusesFor(t *testing.T) {
	public := []data.Status{data.StatusVerified, data.StatusInProgress, data.StatusResolved}
	tests := []struct {
		wanted  []string
		visible []data.Status
		want    []data.Status
	}{
		{nil, data.Statuses, data.Statuses},
		{[]string{"open"}, data.Statuses, []data.Status{data.StatusNew, data.StatusVerified, data.StatusInProgress, data.StatusReopened}},
		{[]string{"closed"}, data.Statuses, []data.Status{data.StatusRejected, data.StatusDuplicate, data.StatusResolved}},
		{[]string{"open", "closed"}, public, public},
		{[]string{"open"}, public, []data.Status{data.StatusVerified, data.StatusInProgress}},
		{[]string{"closed"}, []data.Status{data.StatusVerified}, nil},
	}
	for _, tt := range tests {
		if got := statusesFor(tt.wanted, tt.visible); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("statusesFor(%v, %v) = %v, want %v", tt.wanted, tt.visible, got, tt.want)
		}
	}
}
