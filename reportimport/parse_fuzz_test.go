package reportimport_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/reportimport"
)

// FuzzParse feeds arbitrary files to the parser: it must never panic, a
// failure must be a *FileError, every accepted row must be a valid report
// with a unique idempotency key, and every row read is either accepted or
// rejected.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"ushahidi_haiti.csv", "kobo_tandale.geojson", "odk_tandale.geojson"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("#,INCIDENT DATE,CATEGORY,LATITUDE,LONGITUDE\n1,01/14/2010 9:15 PM,\"a | b, 2a. c\",18.5,-72.3\n"))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","id":7,"geometry":{"type":"Point","coordinates":[39.2,-6.8]},"properties":{"category":["fire"],"start":"2026-10-01"}}]}`))
	f.Add([]byte(ushahidiV5))
	f.Add([]byte(koboCSV))
	f.Add([]byte(odkCSV))
	f.Add([]byte(floodedStreets))
	f.Add([]byte("id,date,category,gps\n1,1263470400000,fire,-6.8 39.2 0 5\n2,28/06/2010 23:06,fire,-6.8 39.2\n"))
	tax := data.DefaultTaxonomy()
	m, err := reportimport.ParseMapping(strings.NewReader(`{"geometry": "point_on_surface", "fields": {"observed_at": "flooded_at"},
		"defaults": {"category": "flood", "observed_at": "2026-10-01"}}`), tax)
	if err != nil {
		f.Fatal(err)
	}
	parser := reportimport.NewParser(reportimport.Options{Taxonomy: tax, Mapping: m, Now: now})
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := parser.Parse(src)
		if err != nil {
			var fe *reportimport.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a *FileError", err)
			}
			return
		}
		if len(p.Rows)+len(p.Rejected) != p.Read {
			t.Fatalf("%d rows read, %d accepted, %d rejected", p.Read, len(p.Rows), len(p.Rejected))
		}
		keys := map[string]bool{}
		for _, r := range p.Rows {
			if err := r.Report.Validate(tax, now); err != nil {
				t.Fatalf("%s: accepted an invalid report: %v", r.Where(), err)
			}
			if keys[r.Report.IdempotencyKey] {
				t.Fatalf("%s: idempotency key %q twice", r.Where(), r.Report.IdempotencyKey)
			}
			keys[r.Report.IdempotencyKey] = true
		}
		for _, rj := range p.Rejected {
			if rj.Code == "" || rj.Reason == "" || rj.Line < 1 {
				t.Fatalf("rejection without code, reason or line: %+v", rj)
			}
		}
	})
}
