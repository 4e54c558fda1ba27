package data_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

func TestValidateNeeds(t *testing.T) {
	tax := data.DefaultTaxonomy()
	long := strings.Repeat("x", data.MaxSourceCategoryLen+1)
	tests := []struct {
		name      string
		category  string
		needs     []string
		sources   []string
		wantField string // "" for valid
		wantNeeds []string
	}{
		{name: "none", category: "water_supply"},
		{name: "just the category", category: "water_supply", needs: []string{"water_supply"}},
		{name: "several, category among them", category: "food", needs: []string{"water_supply", "food", "shelter"},
			wantNeeds: []string{"water_supply", "food", "shelter"}},
		{name: "category missing goes first", category: "food", needs: []string{"water_supply", "shelter"},
			wantNeeds: []string{"food", "water_supply", "shelter"}},
		{name: "unknown need", category: "water_supply", needs: []string{"water_supply", "unicorns"}, wantField: "properties.needs"},
		{name: "empty need", category: "water_supply", needs: []string{"water_supply", ""}, wantField: "properties.needs"},
		{name: "repeated need", category: "water_supply", needs: []string{"food", "water_supply", "food"}, wantField: "properties.needs"},
		{name: "too many", category: "water_supply", needs: tax.IDs()[:data.MaxNeeds+1], wantField: "properties.needs"},
		{name: "too many once the category is added", category: tax.IDs()[data.MaxNeeds],
			needs: tax.IDs()[:data.MaxNeeds], wantField: "properties.needs"},
		{name: "source labels", category: "food", sources: []string{"2a. Penurie d'aliments | Food Shortage", "Water shortage"}},
		{name: "empty source label", category: "food", sources: []string{""}, wantField: "properties.source_categories"},
		{name: "long source label", category: "food", sources: []string{long}, wantField: "properties.source_categories"},
		{name: "bad UTF-8 source label", category: "food", sources: []string{"bad \xff"}, wantField: "properties.source_categories"},
		{name: "too many source labels", category: "food", sources: make([]string, data.MaxSourceCategories+1),
			wantField: "properties.source_categories"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := datatest.Report(orb.Point{39.2, -6.8}, tt.category, t0)
			r.Needs, r.SourceCategories = slices.Clone(tt.needs), tt.sources
			err := r.Validate(tax, t0)
			var ve *data.ValidationError
			switch {
			case tt.wantField == "" && err != nil:
				t.Fatalf("valid report refused: %v", err)
			case tt.wantField != "" && (!errors.As(err, &ve) || ve.Field != tt.wantField):
				t.Fatalf("err %v, want a *ValidationError on %s", err, tt.wantField)
			case tt.wantField == "" && !slices.Equal(r.Needs, tt.wantNeeds):
				t.Fatalf("needs after Validate %q, want %q", r.Needs, tt.wantNeeds)
			}
		})
	}
}

// findIDs is the ids of every report of q.
func findIDs(s *data.Store, q data.Query) []uint64 {
	q.Limit = 1 << 20
	return s.Find(q).IDs
}

// TestFindBySecondaryNeed: category= matches any need of a report, from
// the index built as reports are stored, after an update, and from the
// index loaded when the file is opened again.
func TestFindBySecondaryNeed(t *testing.T) {
	s, dir := datatest.NewStore(t)
	ctx := context.Background()
	mk := func(cat string, needs ...string) uint64 {
		r := datatest.Report(orb.Point{39.2, -6.8}, cat, t0)
		r.Needs = needs
		if err := r.Validate(data.DefaultTaxonomy(), t0); err != nil {
			t.Fatal(err)
		}
		res, err := s.Create(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		return res.Report.ID
	}
	water := mk("water_supply")
	multi := mk("food", "water_supply", "food", "shelter")
	fire := mk("fire")
	imported := datatest.Report(orb.Point{39.21, -6.81}, "shelter", t0)
	imported.Needs, imported.SourceCategories = []string{"food", "shelter"}, []string{"IDP concentration", "Food Shortage"}
	res, err := s.CreateMany(ctx, []data.Report{imported})
	if err != nil {
		t.Fatal(err)
	}
	bulk := res[0].Report.ID

	check := func(when string) {
		t.Helper()
		for _, c := range []struct {
			cats []string
			want []uint64
		}{
			{[]string{"water_supply"}, []uint64{water, multi}},
			{[]string{"food"}, []uint64{multi, bulk}},
			{[]string{"shelter"}, []uint64{multi, bulk}},
			{[]string{"fire", "shelter"}, []uint64{multi, fire, bulk}},
			{[]string{"flood"}, nil},
		} {
			box := orb.Bound{Min: orb.Point{39.1, -6.9}, Max: orb.Point{39.3, -6.7}}
			for _, q := range []data.Query{{Categories: c.cats}, {Categories: c.cats, BBox: &box}} {
				got := findIDs(s, q)
				if !slices.Equal(got, c.want) {
					t.Errorf("%s: category=%v (bbox %v): %v, want %v", when, c.cats, q.BBox != nil, got, c.want)
				}
				if n := s.Find(data.Query{Categories: c.cats, BBox: q.BBox}).Matched; n != len(c.want) {
					t.Errorf("%s: category=%v matched %d, want %d", when, c.cats, n, len(c.want))
				}
			}
		}
	}
	check("stored")
	if got := findIDs(s, data.Query{Categories: []string{"water_supply", "shelter"}, MainCategoryOnly: true}); !slices.Equal(got, []uint64{water, bulk}) {
		t.Errorf("main category only: %v, want [%d %d]", got, water, bulk)
	}

	got, err := s.Get(multi)
	if err != nil {
		t.Fatal(err)
	}
	if got.Category != "food" || !slices.Equal(got.Needs, []string{"water_supply", "food", "shelter"}) || got.SourceCategories != nil {
		t.Fatalf("stored multi-need report: category %q needs %q sources %q", got.Category, got.Needs, got.SourceCategories)
	}
	if got, _ := s.Get(water); got.Needs != nil || !slices.Equal(got.AllNeeds(), []string{"water_supply"}) {
		t.Fatalf("one-need report: needs %q, AllNeeds %q", got.Needs, got.AllNeeds())
	}
	if got, _ := s.Get(bulk); !slices.Equal(got.SourceCategories, imported.SourceCategories) || !slices.Equal(got.Needs, []string{"food", "shelter"}) {
		t.Fatalf("imported report: needs %q sources %q", got.Needs, got.SourceCategories)
	}

	// A moderator drops shelter from the multi-need report and makes water
	// the main need of the one-need fire report.
	_, after, err := s.UpdateReport(ctx, multi, data.ReportUpdate{Actor: data.Actor{Name: "test"}, At: t0,
		Change: func(r *data.Report) error { r.Needs = []string{"water_supply", "food"}; return nil }})
	if err != nil || !slices.Equal(after.Needs, []string{"water_supply", "food"}) {
		t.Fatalf("update: %v, needs %q", err, after.Needs)
	}
	if _, _, err := s.UpdateReport(ctx, water, data.ReportUpdate{Actor: data.Actor{Name: "test"}, At: t0,
		Change: func(r *data.Report) error { r.Needs = []string{"fire"}; return nil }}); err != nil {
		t.Fatal(err)
	}
	if got := findIDs(s, data.Query{Categories: []string{"shelter"}}); !slices.Equal(got, []uint64{bulk}) {
		t.Errorf("after dropping shelter: category=shelter %v, want [%d]", got, bulk)
	}
	if got := findIDs(s, data.Query{Categories: []string{"fire"}}); !slices.Equal(got, []uint64{water, fire}) {
		t.Errorf("after adding fire: category=fire %v, want [%d %d]", got, water, fire)
	}
	if got, _ := s.Get(water); !slices.Equal(got.Needs, []string{"water_supply", "fire"}) {
		t.Errorf("need added to a one-need report: %q, want the category put first", got.Needs)
	}

	// Too many needs or a repeat: refused, nothing written.
	_, _, err = s.UpdateReport(ctx, fire, data.ReportUpdate{Actor: data.Actor{Name: "test"}, At: t0,
		Change: func(r *data.Report) error { r.Needs = []string{"fire", "food", "fire"}; return nil }})
	var ve *data.ValidationError
	if !errors.As(err, &ve) || ve.Field != "needs" {
		t.Fatalf("repeated need: %v, want a *ValidationError on needs", err)
	}

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = datatest.Open(t, dir, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// The index loaded from the records answers as the live one did.
	if got := findIDs(s, data.Query{Categories: []string{"water_supply"}}); !slices.Equal(got, []uint64{water, multi}) {
		t.Errorf("reopened: category=water %v, want [%d %d]", got, water, multi)
	}
	if got := findIDs(s, data.Query{Categories: []string{"fire"}}); !slices.Equal(got, []uint64{water, fire}) {
		t.Errorf("reopened: category=fire %v, want [%d %d]", got, water, fire)
	}
	if got := findIDs(s, data.Query{Categories: []string{"shelter"}}); !slices.Equal(got, []uint64{bulk}) {
		t.Errorf("reopened: category=shelter %v, want [%d]", got, bulk)
	}
}

// TestUpdateAuditsNeeds: a change of needs is in the audit entry's before
// and after states.
func TestUpdateAuditsNeeds(t *testing.T) {
	s, _ := datatest.NewStore(t)
	ctx := context.Background()
	res, err := s.Create(ctx, datatest.Report(orb.Point{39.2, -6.8}, "water_supply", t0))
	if err != nil {
		t.Fatal(err)
	}
	id := res.Report.ID
	_, _, err = s.UpdateReport(ctx, id, data.ReportUpdate{Actor: data.Actor{Name: "mod"}, At: t0.Add(time.Hour), Reason: "two needs",
		Change: func(r *data.Report) error { r.Category, r.Needs = "food", []string{"food", "water_supply"}; return nil }})
	if err != nil {
		t.Fatal(err)
	}
	entries, err := s.ReportAudit(id)
	if err != nil || len(entries) != 1 {
		t.Fatalf("audit: %v, %d entries", err, len(entries))
	}
	before, err := data.AuditState(entries[0].Before)
	if err != nil {
		t.Fatal(err)
	}
	after, err := data.AuditState(entries[0].After)
	if err != nil {
		t.Fatal(err)
	}
	if before.Category != "water_supply" || !slices.Equal(before.Needs, []string{"water_supply"}) ||
		after.Category != "food" || !slices.Equal(after.Needs, []string{"food", "water_supply"}) {
		t.Errorf("audit before %+v after %+v", before, after)
	}
}
