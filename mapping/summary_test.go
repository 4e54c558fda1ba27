package mapping_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
)

// The small world's areas: the ward (way/100) covers everything, the
// neighbourhood (way/101) its western half, with the settlement Bondeni and
// its 66 buildings in the high-risk cell r1c1, the clinic (r1c0, low) and
// the drinking-water point (r1c1). The eastern half has the 3 buildings of
// r3c3 (low), the assembly point and the school.
func TestAreaSummariesSmallWorld(t *testing.T) {
	ix := riskWorld(t)
	store := storeWith(t, worldReports())
	clk := &clock{t: worldT}
	r, err := mapping.NewRisk(ix, store, mapping.RiskOptions{Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	sum := mapping.NewAreaSummaries(r, mapping.SummaryOptions{Debounce: -1})
	var ids []string
	sum.Features(orb.Bound{}, func(f *geojson.Feature) bool { ids = append(ids, f.ID.(string)); return true })
	if len(ids) != 2 || ids[0] != "admin-way-100" || ids[1] != "neighbourhood-way-101" {
		t.Fatalf("summaries %v, want [admin-way-100 neighbourhood-way-101]", ids)
	}
	ward := want{"name": "Kata ya Mfano", "kind": "admin", "admin_level": 8, "buildings": 69, "buildings_high": 66,
		"buildings_very_high": 0, "facilities": 4, "facilities_high": 1, "facilities_very_high": 0,
		"water_at_risk": 1, "health_at_risk": 0, "education_at_risk": 0, "safety_at_risk": 0, "community_at_risk": 0,
		"settlements_affected": 1, "settlement_names": "Bondeni", "open_hazard_reports": 2}
	checkProps(t, feature(t, sum, "admin-way-100"), ward)
	checkProps(t, feature(t, sum, "neighbourhood-way-101"), want{"name": "Mtaa Magharibi", "kind": "neighbourhood",
		"admin_level": nil, "buildings": 66, "buildings_high": 66, "facilities": 2, "facilities_high": 1,
		"water_at_risk": 1, "settlements_affected": 1, "settlement_names": "Bondeni", "open_hazard_reports": 2})
	if _, ok := sum.Feature("admin-way-999"); ok {
		t.Error("unknown area found")
	}
	// A box in the eastern half meets the ward only.
	var east []string
	sum.Features(orb.Bound{Min: orb.Point{39.207, -6.803}, Max: orb.Point{39.209, -6.801}}, func(f *geojson.Feature) bool {
		east = append(east, f.ID.(string))
		return true
	})
	if len(east) != 1 || east[0] != "admin-way-100" {
		t.Errorf("summaries in the eastern box = %v, want [admin-way-100]", east)
	}

	t.Run("refreshed when risk changes", func(t *testing.T) {
		// A new open flood report in the eastern half, applied as Follow would.
		rep := datatest.Report(orb.Point{39.2080, -6.8019}, "flood", worldT)
		res, err := store.Create(context.Background(), rep)
		if err != nil {
			t.Fatal(err)
		}
		r.Apply(res.Report)
		checkProps(t, feature(t, sum, "admin-way-100"), want{"open_hazard_reports": 3})
		checkProps(t, feature(t, sum, "neighbourhood-way-101"), want{"open_hazard_reports": 2})
		rep = res.Report
		rep.Status = data.StatusRejected // as a moderator's update would announce it
		r.Apply(rep)
		checkProps(t, feature(t, sum, "admin-way-100"), want{"open_hazard_reports": 2})
	})

	t.Run("drawn settlements count", func(t *testing.T) {
		// A settlement drawn by mappers around r3c3's buildings makes them
		// informal. r3c3 stays low, so the drawn settlement is not among
		// the affected ones.
		drawn := orb.MultiPolygon{{{{39.2070, -6.8030}, {39.2090, -6.8030}, {39.2090, -6.8010}, {39.2070, -6.8010}, {39.2070, -6.8030}}}}
		r2, err := mapping.NewRisk(ix, store, mapping.RiskOptions{Now: clk.now,
			Settlements: func() []orb.MultiPolygon { return []orb.MultiPolygon{drawn} }})
		if err != nil {
			t.Fatal(err)
		}
		checkProps(t, feature(t, r2, "r3c3"), want{"informal_buildings": 3, "informal_share": 1.0})
		s2 := mapping.NewAreaSummaries(r2, mapping.SummaryOptions{Debounce: -1})
		checkProps(t, feature(t, s2, "admin-way-100"), want{"settlements_affected": 1, "settlement_names": "Bondeni"})
	})
}

func TestRiskLayersGeoJSONHint(t *testing.T) {
	ix := riskWorld(t)
	store := storeWith(t, worldReports())
	r, err := mapping.NewRisk(ix, store, mapping.RiskOptions{Now: func() time.Time { return worldT }})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	riskPath, sumPath := filepath.Join(dir, "risk.geojson"), filepath.Join(dir, "area-summaries.geojson")
	if n := writeCollection(t, r, riskPath); n != len(worldCells) {
		t.Errorf("risk collection has %d features, want %d", n, len(worldCells))
	}
	if n := writeCollection(t, mapping.NewAreaSummaries(r, mapping.SummaryOptions{}), sumPath); n != 2 {
		t.Errorf("area-summaries collection has %d features, want 2", n)
	}
	geojsonHint(t, riskPath, sumPath)
}

// TestAreaSummariesAgreeWithRisk uses 100 m cells and 40 fresh fires on the
// settlement, so that some cells are very high, and checks the ward's
// counts against the risk layer's own cells.
func TestAreaSummariesAgreeWithRisk(t *testing.T) {
	ix := riskWorld(t)
	var reps []data.Report
	for i := 0; i < 40; i++ {
		p := orb.Point{39.20285 + float64(i%8)*0.00015, -6.80715 + float64(i/8)*0.00015}
		reps = append(reps, datatest.Report(p, "fire", worldT))
	}
	store := storeWith(t, reps)
	r, err := mapping.NewRisk(ix, store, mapping.RiskOptions{CellM: 100, Now: func() time.Time { return worldT }})
	if err != nil {
		t.Fatal(err)
	}
	byClass := map[string]int{}
	cellsByClass := map[string]int{}
	r.Features(orb.Bound{}, func(f *geojson.Feature) bool {
		byClass[f.Properties["class"].(string)] += f.Properties["buildings"].(int)
		cellsByClass[f.Properties["class"].(string)]++
		return true
	})
	if cellsByClass["very_high"] == 0 || cellsByClass["high"] == 0 {
		t.Fatalf("cells by class %v: want high and very high ones", cellsByClass)
	}
	sum := mapping.NewAreaSummaries(r, mapping.SummaryOptions{Debounce: -1})
	checkProps(t, feature(t, sum, "admin-way-100"), want{"buildings": 69, "buildings_high": byClass["high"],
		"buildings_very_high": byClass["very_high"], "open_hazard_reports": 40, "settlements_affected": 1})
	t.Logf("buildings by class %v, cells by class %v", byClass, cellsByClass)
}
