package data

import (
	"reflect"
	"testing"
)

var fastSeeds = []string{
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2,-6.8]},"properties":{"category":"flood"}}`,
	` { "properties" : { "description" : "maji 水", "category" : "flood", "accuracy_m" : 12.5e0 } , "geometry" : { "coordinates" : [ -0 , 1E-3 , 7 ] , "type" : "Point" } , "type" : "Feature" } `,
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2,-6.8]},"properties":{"category":null,"description":null,"location_source":"gps","channel":"web","status":"new","idempotency_key":"k1","reporter":"r","accuracy_m":null,"observed_at":"2026-02-28T10:00:00+03:00"}}`,
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2,-6.8]},"properties":{"observed_at":""}}`,
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2,-6.8]},"properties":{}}`,
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2,-6.8,1,2]},"properties":{}}`,
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2]},"properties":{}}`,
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[01,2]},"properties":{}}`,
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[1e400,2]},"properties":{}}`,
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"category":"a","category":"b"}}`,
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"category":"a\"b"}}`,
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"category":"bad \xff"}}`,
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"category":1}}`,
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"observed_at":"yesterday"}}`,
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"id":7}}`,
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{}} x`,
	`{"Type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{}}`,
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}`,
	`{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{},"bbox":[1,2,3,4]}`,
	`{}`, `[]`, `null`, ``,
}

// FuzzParseReportFast checks the fast decoder against the general one:
// whatever the fast one accepts, the general one must accept and decode to
// the same Report.
func FuzzParseReportFast(f *testing.F) {
	for _, s := range fastSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		fast, ok := parseReportFast(body)
		if !ok {
			return
		}
		general, err := parseReportGeneral(body)
		if err != nil {
			t.Fatalf("fast decoder accepts what the general one refuses (%v):\n%s", err, body)
		}
		if !reflect.DeepEqual(fast, general) {
			t.Fatalf("decoders disagree on\n%s\nfast    %+v\ngeneral %+v", body, fast, general)
		}
	})
}

func TestParseReportFastTakesTheCommonShape(t *testing.T) {
	for _, s := range fastSeeds[:5] {
		if _, ok := parseReportFast([]byte(s)); !ok {
			t.Errorf("fast decoder refuses a common body:\n%s", s)
		}
	}
	for _, s := range fastSeeds[5:] {
		if _, ok := parseReportFast([]byte(s)); ok {
			t.Errorf("fast decoder takes an unusual body:\n%s", s)
		}
	}
}
