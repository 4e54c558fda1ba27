package data_test

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

// TestEachPublicReport reads reports back through EachPublicReport: the
// public fields as stored, the Feature as Store.Feature writes it, in the
// order of the ids asked for, missing ids skipped, and nothing private in
// either.
func TestEachPublicReport(t *testing.T) {
	s, _ := datatest.NewStore(t)
	ctx := context.Background()
	acc, lvl := 12.5, 8
	full := datatest.Report(orb.Point{39.25678912, -6.81234567}, "security", t0.Add(1500*time.Millisecond))
	full.Description = "thieves <at> night"
	full.Reporter, full.RawText, full.IdempotencyKey = "+255712345678", "private raw text", "private-idem"
	full.AccuracyM = &acc
	full.Areas = []data.AreaRef{
		{OSMType: "relation", OSMID: 1, Name: "Dar es Salaam", Kind: "admin", AdminLevel: &lvl},
		{OSMType: "way", OSMID: 2, Name: "Tandale", Kind: "neighbourhood"},
	}
	full.Nearest = &data.FeatureRef{OSMType: "node", OSMID: 3, Name: "Kisima", Kind: "water", DistanceM: 42.5}
	full.NotInOSM = true
	full.Needs = []string{"water", "security"} // ranked: the main category need not come first
	bare := datatest.Report(orb.Point{39.3, -6.7}, "flood", t0)
	var ids []uint64
	for _, r := range []data.Report{full, bare} {
		res, err := s.Create(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.Report.ID)
	}

	type seen struct {
		r       data.PublicReport
		feature []byte
	}
	var got []seen
	ask := []uint64{ids[1], 999, ids[0]}
	err := s.EachPublicReport(ask, func(r *data.PublicReport, feature []byte) error {
		c := *r // copy the slices: they are valid during the call only
		for _, b := range []*[]byte{&c.Category, &c.Description, &c.Channel, &c.LocationSource, &c.AreaName, &c.NearestName} {
			*b = slices.Clone(*b)
		}
		c.Needs = nil
		for _, n := range r.Needs {
			c.Needs = append(c.Needs, slices.Clone(n))
		}
		got = append(got, seen{c, slices.Clone(feature)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].r.ID != ids[1] || got[1].r.ID != ids[0] {
		t.Fatalf("got %d reports (%+v), want ids %d then %d", len(got), got, ids[1], ids[0])
	}
	for _, g := range got {
		want, err := s.Feature(g.r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(g.feature, want) {
			t.Errorf("report %d: feature\n%s\nwant\n%s", g.r.ID, g.feature, want)
		}
		for _, private := range []string{full.Reporter, full.RawText, full.IdempotencyKey} {
			if bytes.Contains(g.feature, []byte(private)) {
				t.Errorf("report %d: feature holds %q", g.r.ID, private)
			}
		}
	}
	wantFull := data.PublicReport{
		ID: ids[0], Location: [2]float64{39.2567891, -6.8123457},
		Category: []byte("security"), Needs: [][]byte{[]byte("water"), []byte("security")}, Description: []byte(full.Description), Status: data.StatusNew,
		Channel: []byte("web"), LocationSource: []byte("gps"), AccuracyM: 12.5, HasAccuracy: true,
		ObservedAt: full.ObservedAt, ReceivedAt: full.ReceivedAt, AreaName: []byte("Tandale"),
		NearestName: []byte("Kisima"), NearestDistanceM: 42.5, HasNearest: true, NotInOSM: true,
	}
	if !reflect.DeepEqual(got[1].r, wantFull) {
		t.Errorf("full report:\n got %+v\nwant %+v", got[1].r, wantFull)
	}
	if b := got[0].r; len(b.Needs) != 1 || string(b.Needs[0]) != "flood" {
		t.Errorf("bare report: needs %q, want [flood]", b.Needs)
	}
	if b := got[0].r; b.HasAccuracy || b.HasNearest || len(b.AreaName) != 0 || b.NotInOSM {
		t.Errorf("bare report has optional fields: %+v", b)
	}

	stop := errors.New("stop")
	calls := 0
	err = s.EachPublicReport(ids, func(*data.PublicReport, []byte) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("an error from fn: got %v after %d calls, want it back after 1", err, calls)
	}
}
