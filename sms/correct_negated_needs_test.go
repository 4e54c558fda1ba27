package sms_test

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestNotAHazardCorrection (polar12): "no, it is water not fire" after a
// receipt names water only: the fire after "not" is no need of it. After
// a food receipt it corrects the report to water; after a water receipt
// the report stays water only and nothing asks about "Water supply and
// Fire": "no, it is water not fire" names the report's own needs and is
// answered that the report is water already, no draft (corr12; it was
// read as a new message, whose draft is water only); "it is water, not
// fire" and "water not fire", no correction of their own, still are.
func TestNotAHazardCorrection(t *testing.T) {
	for _, tt := range []struct {
		first, fix     string
		corrects, same bool
	}{
		{"we need food at Tandale market", "no, it is water not fire", true, false},
		{"we need water at Tandale market", "it is water, not fire", false, false},
		{"we need water at Tandale market", "no, it is water not fire", false, true},
		{"we need water at Tandale market", "water not fire", false, false},
	} {
		t.Run(tt.first+"/"+tt.fix, func(t *testing.T) {
			h := correctionHarness(t)
			filed := h.send(alice, tt.first)
			if filed.ReportID == 0 {
				t.Fatalf("%q: %+v, not filed", tt.first, filed)
			}
			h.now = h.now.Add(10 * time.Minute)
			got := h.send(alice, tt.fix)
			r := h.report(filed.ReportID)
			if !slices.Equal(r.AllNeeds(), []string{"water_supply"}) || strings.Contains(got.Text, "Fire") {
				t.Errorf("%q: %+v, needs %v, want report %d water supply only", tt.fix, got, r.AllNeeds(), filed.ReportID)
			}
			if tt.corrects && got.ReportID != filed.ReportID {
				t.Errorf("%q: %+v, want report %d corrected", tt.fix, got, filed.ReportID)
			}
			if c := h.conversation(); !tt.corrects && c != nil && !slices.Equal(c.Needs, []string{"water_supply"}) {
				t.Errorf("draft needs %v, want water supply only", c.Needs)
			}
			if c := h.conversation(); tt.same && (c != nil || !strings.HasPrefix(got.Text, "Report #1 is already Water supply")) {
				t.Errorf("%q: %+v, draft %+v, want the report's needs already, no draft", tt.fix, got, c)
			}
		})
	}
}
