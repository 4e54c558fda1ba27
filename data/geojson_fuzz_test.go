package data_test

import (
	"errors"
	"testing"

	"github.com/mtaa-project/mtaa/data"
)

// FuzzParseReportFeature feeds arbitrary bodies to the report decoder: it
// must never panic, must fail only with a *ValidationError, and whatever it
// accepts and validates must encode to a feature that parses back.
func FuzzParseReportFeature(f *testing.F) {
	f.Add([]byte(`{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2,-6.8]},"properties":{"category":"flood"}}`))
	f.Add([]byte(`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{}}`))
	f.Add([]byte(`{"type":"Feature","geometry":null,"properties":null}`))
	f.Add([]byte(`{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2,-6.8]},"properties":{"category":"food","needs":["water_supply","food"],"source_categories":["x"]}}`))
	f.Add([]byte(`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`))
	f.Add([]byte(`{"type":"Feature","geometry":{"type":"Point","coordinates":["39",-6.8]},"properties":{"category":"flood","accuracy_m":"5"}}`))
	f.Add([]byte(`{"type":"Feature","geometry":{"type":"Point","coordinates":[1e309,-6.8]},"properties":{"category":"flood","observed_at":"2026-13-01"}}`))
	tax := data.DefaultTaxonomy()
	f.Fuzz(func(t *testing.T, body []byte) {
		r, err := data.ParseReportFeature(body)
		if err != nil {
			var ve *data.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error is not a ValidationError: %T %v", err, err)
			}
			return
		}
		if r.Status == "" {
			r.Status = data.StatusNew
		}
		if r.Channel == "" {
			r.Channel = data.ChannelWeb
		}
		if r.LocationSource == "" {
			r.LocationSource = data.SourceManual
		}
		if r.ObservedAt.IsZero() {
			r.ObservedAt = t0
		}
		if r.Validate(tax, t0) != nil {
			return
		}
		if _, err := data.ParseReportFeature(r.PublicFeature()); err != nil {
			t.Fatalf("valid report's feature does not parse back: %v\n%s", err, r.PublicFeature())
		}
	})
}
