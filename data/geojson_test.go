package data_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

func TestParseReportFeature(t *testing.T) {
	body := `{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2567,-6.8123,12]},
		"properties":{"category":"flood","description":"Maji yamejaa","accuracy_m":7.5,
		"observed_at":"2026-03-01T15:04:05+03:00","location_source":"gps","id":77,"received_at":"x"}}`
	r, err := data.ParseReportFeature([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if r.Location != (orb.Point{39.2567, -6.8123}) || r.Category != "flood" || r.Description != "Maji yamejaa" ||
		*r.AccuracyM != 7.5 || !r.ObservedAt.Equal(time.Date(2026, 3, 1, 12, 4, 5, 0, time.UTC)) || r.ID != 0 {
		t.Fatalf("got %+v", r)
	}
}

func TestPublicFeatureRoundTrip(t *testing.T) {
	acc := 3.0
	r := data.Report{ID: 42, Category: "fire", Description: `quote " and <tag>`, Location: orb.Point{-75.123456789, 39.7},
		LocationSource: data.SourceGPS, AccuracyM: &acc, ObservedAt: t0, ReceivedAt: t0.Add(time.Minute),
		Channel: data.ChannelWeb, Status: data.StatusNew, Reporter: "secret", IdempotencyKey: "idem"}
	var f struct {
		Type     string
		ID       uint64
		Geometry struct {
			Type        string
			Coordinates []float64
		}
		Properties map[string]any
	}
	if err := json.Unmarshal(r.PublicFeature(), &f); err != nil {
		t.Fatal(err)
	}
	if f.Type != "Feature" || f.ID != 42 || f.Geometry.Type != "Point" || f.Geometry.Coordinates[0] != -75.1234568 {
		t.Fatalf("got %+v", f)
	}
	want := map[string]any{"id": 42.0, "category": "fire", "description": `quote " and <tag>`, "status": "new",
		"channel": "web", "location_source": "gps", "accuracy_m": 3.0,
		"observed_at": "2026-03-01T12:00:00Z", "received_at": "2026-03-01T12:01:00Z",
		"nearest": nil, "not_in_osm": false, "location_confidence": nil}
	if len(f.Properties) != len(want)+3 { // + areas and possible_duplicate_of, empty lists, and needs
		t.Errorf("properties %v, want exactly %v", f.Properties, want)
	}
	if needs, _ := f.Properties["needs"].([]any); len(needs) != 1 || needs[0] != "fire" {
		t.Errorf("properties.needs = %v, want [fire]", f.Properties["needs"])
	}
	for k, v := range want {
		if f.Properties[k] != v {
			t.Errorf("properties.%s = %v, want %v", k, f.Properties[k], v)
		}
	}
	back, err := data.ParseReportFeature(r.PublicFeature())
	if err != nil {
		t.Fatalf("a public feature must parse back: %v", err)
	}
	if back.Category != r.Category || back.Description != r.Description {
		t.Errorf("round trip lost fields: %+v", back)
	}
}

func TestValidate(t *testing.T) {
	tax := data.DefaultTaxonomy()
	nan := math.NaN()
	long := make([]rune, data.MaxDescriptionRunes+1)
	for i := range long {
		long[i] = 'ü'
	}
	tests := []struct {
		name  string
		edit  func(r *data.Report)
		field string
	}{
		{"valid", func(r *data.Report) {}, ""},
		{"lon 181", func(r *data.Report) { r.Location[0] = 181 }, "geometry.coordinates"},
		{"lat -91", func(r *data.Report) { r.Location[1] = -91 }, "geometry.coordinates"},
		{"NaN", func(r *data.Report) { r.Location[0] = nan }, "geometry.coordinates"},
		{"null island", func(r *data.Report) { r.Location = orb.Point{0, 0} }, "geometry.coordinates"},
		{"no category", func(r *data.Report) { r.Category = "" }, "properties.category"},
		{"unknown category", func(r *data.Report) { r.Category = "meteor" }, "properties.category"},
		{"long description", func(r *data.Report) { r.Description = string(long) }, "properties.description"},
		{"bad source", func(r *data.Report) { r.LocationSource = "telepathy" }, "properties.location_source"},
		{"negative accuracy", func(r *data.Report) { a := -1.0; r.AccuracyM = &a }, "properties.accuracy_m"},
		{"future", func(r *data.Report) { r.ObservedAt = t0.Add(48 * time.Hour) }, "properties.observed_at"},
		{"bad key", func(r *data.Report) { r.IdempotencyKey = "has space" }, "idempotency_key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validReport()
			tt.edit(&r)
			err := r.Validate(tax, t0)
			var ve *data.ValidationError
			switch {
			case tt.field == "" && err != nil:
				t.Fatalf("valid report rejected: %v", err)
			case tt.field != "" && !errors.As(err, &ve):
				t.Fatalf("got %v, want a ValidationError on %s", err, tt.field)
			case tt.field != "" && ve.Field != tt.field:
				t.Fatalf("error names %q, want %q", ve.Field, tt.field)
			}
		})
	}
}

func validReport() data.Report {
	return data.Report{Category: "flood", Location: orb.Point{39.2, -6.8}, LocationSource: data.SourceGPS,
		ObservedAt: t0, ReceivedAt: t0, Channel: data.ChannelWeb, Status: data.StatusNew}
}
