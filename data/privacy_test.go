package data_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

// TestPublicTextReplacesDescription: a moderator's public text is what the
// public reads (one Feature, a listing, an export), the description stays
// as sent for staff, the text survives a reopen, and removing it brings
// back the redacted description.
func TestPublicTextReplacesDescription(t *testing.T) {
	s, dir := datatest.NewStore(t)
	ctx := t.Context()
	r := datatest.Report(orb.Point{39.25, -6.81}, "water", t0)
	r.Description = "Juma Hamisi, 0712 345 678: no water"
	res, err := s.Create(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	id := res.Report.ID
	if bytes.Contains(res.Feature, []byte("0712")) || !bytes.Contains(res.Feature, []byte("Juma Hamisi, [phone]: no water")) {
		t.Fatalf("created feature not redacted: %s", res.Feature)
	}
	text := "A resident: no water"
	_, after, err := s.UpdateReport(ctx, id, data.ReportUpdate{Actor: data.Actor{Name: "mod"}, At: t0, Reason: "name",
		Change: func(r *data.Report) error { r.PublicText = &text; return nil }})
	if err != nil {
		t.Fatal(err)
	}
	if after.PublicText == nil || *after.PublicText != text || after.Description != r.Description {
		t.Fatalf("after update: %+v", after)
	}
	check := func(wantPublic string) {
		t.Helper()
		f, err := s.Feature(id)
		if err != nil {
			t.Fatal(err)
		}
		list, _, err := s.AppendListFeatures(nil, []uint64{id}, data.AudiencePublic)
		if err != nil {
			t.Fatal(err)
		}
		var export []byte
		err = s.EachPublicReport([]uint64{id}, data.AudiencePublic, func(p *data.PublicReport, _ []byte) error {
			export = bytes.Clone(p.Description)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for name, got := range map[string][]byte{"feature": f, "list": list, "export": export} {
			if !bytes.Contains(got, []byte(wantPublic)) || bytes.Contains(got, []byte("Hamisi")) && !strings.Contains(wantPublic, "Hamisi") {
				t.Errorf("%s: %s, want public text %q", name, got, wantPublic)
			}
		}
		staff, err := s.FeatureFor(id, data.AudienceStaff)
		if err != nil {
			t.Fatal(err)
		}
		var sf struct{ Properties struct{ Description string } }
		if err := json.Unmarshal(staff, &sf); err != nil || sf.Properties.Description != r.Description {
			t.Errorf("staff reads %q (%v), want the description as sent", sf.Properties.Description, err)
		}
	}
	check(text)

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = datatest.Open(t, dir, data.Options{}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check(text)
	got, err := s.Get(id)
	if err != nil || got.PublicText == nil || *got.PublicText != text {
		t.Fatalf("Get after reopen: %+v, %v", got.PublicText, err)
	}

	_, _, err = s.UpdateReport(ctx, id, data.ReportUpdate{Actor: data.Actor{Name: "mod"}, At: t0, Reason: "undo",
		Change: func(r *data.Report) error { r.PublicText = nil; return nil }})
	if err != nil {
		t.Fatal(err)
	}
	check("Juma Hamisi, [phone]: no water")
}

// TestSensitiveReportGeneralised: with a taxonomy whose category is
// sensitive, the public Feature carries the cell's centre and no accuracy,
// confidence or nearest feature; staff read the exact point.
func TestSensitiveReportGeneralised(t *testing.T) {
	s, _ := datatest.NewStore(t) // default taxonomy: security is sensitive
	acc, conf := 5.0, 0.9
	r := datatest.Report(orb.Point{39.2567891, -6.8123457}, "security", t0)
	r.AccuracyM, r.LocationConfidence = &acc, &conf
	r.Nearest = &data.FeatureRef{OSMType: "node", OSMID: 9, Name: "Police Post", Kind: "police", DistanceM: 484}
	res, err := s.Create(t.Context(), r)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := s.Feature(res.Report.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := `"coordinates":[39.255,-6.815]`
	if !bytes.Contains(pub, []byte(want)) || !bytes.Contains(pub, []byte(`"location_generalised":true`)) {
		t.Errorf("public feature not generalised: %s", pub)
	}
	for _, leak := range []string{"39.2567891", "Police Post", "484", `"accuracy_m":5`, "0.9"} {
		if bytes.Contains(pub, []byte(leak)) {
			t.Errorf("public feature holds %q: %s", leak, pub)
		}
	}
	staff, err := s.FeatureFor(res.Report.ID, data.AudienceStaff)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(staff, []byte("39.2567891")) || !bytes.Contains(staff, []byte("Police Post")) {
		t.Errorf("staff feature not exact: %s", staff)
	}
	if p := data.GeneralisePoint(orb.Point{179.999, 89.999}); p != (orb.Point{179.995, 89.995}) {
		t.Errorf("GeneralisePoint at the edge = %v", p)
	}
}

// TestFindPublicPositions: a public bbox query matches a sensitive report
// by its generalised point, so a box around the exact point finds nothing
// (no bisection down to the exact position) and a box around the cell's
// centre finds it; an internal query matches the exact point.
func TestFindPublicPositions(t *testing.T) {
	s, _ := datatest.NewStore(t)
	exact := orb.Point{39.2512, -6.8188} // cell centre 39.255, -6.815
	for _, r := range []data.Report{datatest.Report(exact, "security", t0), datatest.Report(exact, "water", t0)} {
		if _, err := s.Create(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
	around := func(p orb.Point) *orb.Bound {
		b := orb.Bound{Min: p, Max: p}.Pad(0.0005)
		return &b
	}
	tests := []struct {
		name   string
		q      data.Query
		wanted []uint64
	}{
		{"public, exact box", data.Query{BBox: around(exact), PublicPositions: true, Limit: 10}, []uint64{2}},
		{"public, centre box", data.Query{BBox: around(orb.Point{39.255, -6.815}), PublicPositions: true, Limit: 10}, []uint64{1}},
		{"internal, exact box", data.Query{BBox: around(exact), Limit: 10}, []uint64{1, 2}},
		{"public, count only", data.Query{BBox: around(exact), PublicPositions: true}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := s.Find(tt.q)
			if !slices.Equal(page.IDs, tt.wanted) {
				t.Errorf("ids %v, want %v", page.IDs, tt.wanted)
			}
			if tt.q.Limit == 0 && page.Matched != 1 {
				t.Errorf("matched %d, want 1", page.Matched)
			}
		})
	}
}
