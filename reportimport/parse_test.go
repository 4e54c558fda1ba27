package reportimport_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/reportimport"
)

// now is the clock of every parse test: after the fixtures' dates.
var now = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// portAuPrince is a deployment area around the Haiti fixture.
var portAuPrince = orb.Bound{Min: orb.Point{-72.5, 18.4}, Max: orb.Point{-72.2, 18.7}}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func loadMapping(t *testing.T, name string) *reportimport.Mapping {
	t.Helper()
	m, err := reportimport.LoadMapping(filepath.Join("testdata", name), nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// accepted is what a test expects of an accepted row.
type accepted struct {
	line     int
	id       string
	category string
	status   data.Status
	observed string // RFC 3339, UTC
	key      string
}

// rejected is what a test expects of a rejected row.
type rejected struct {
	line  int
	code  string
	field string
}

func TestParseFixtures(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		mapping  string
		area     orb.Bound
		format   reportimport.Format
		read     int
		accepted []accepted
		rejected []rejected
	}{
		{
			// The file mixes orders (line 9 is day first, lines 3 and 14
			// month first): only a date_order reads it.
			name: "Ushahidi export, date order only", file: "ushahidi_haiti.csv", mapping: `{"date_order": "MDY"}`,
			format: reportimport.FormatUshahidi, read: 14,
			accepted: []accepted{
				// "2. Lignes vitales | Vital Lines" resolves to nothing and is
				// ignored; the food side of the bilingual label wins.
				{2, "1", "food", data.StatusVerified, "2010-01-14T12:00:00Z", "import:ushahidi:1"},
				{3, "2", "building_collapse", data.StatusNew, "2010-01-14T16:30:00Z", "import:ushahidi:2"},
				// A quoted description over two lines: the row starts at 4.
				{4, "3", "water_supply", data.StatusNew, "2010-01-15T08:00:00Z", "import:ushahidi:3"},
				// "Services Available" is an offer of help, a known family.
				{7, "5", "service_available", data.StatusVerified, "2010-01-15T10:00:00Z", "import:ushahidi:5"},
				{14, "12", "fire", data.StatusVerified, "2010-01-16T21:15:00Z", "import:ushahidi:12"},
			},
			rejected: []rejected{
				{6, reportimport.CodeBadCoordinates, "LATITUDE"},
				{8, reportimport.CodeBadDate, "INCIDENT DATE"},
				{9, reportimport.CodeBadDate, "INCIDENT DATE"},
				{10, reportimport.CodeNotApproved, "APPROVED"},
				{11, reportimport.CodeDuplicateID, ""},
				// Without a deployment area, the swapped coordinates are far
				// from the bulk of the file.
				{12, reportimport.CodeOutlier, "LATITUDE,LONGITUDE"},
				{13, reportimport.CodeMissingField, "LATITUDE"},
				{15, reportimport.CodeMissingField, "CATEGORY"},
				{16, reportimport.CodeBadDate, "INCIDENT DATE"},
			},
		},
		{
			name: "Ushahidi export with mapping file and deployment area", file: "ushahidi_haiti.csv", mapping: "haiti_mapping.json",
			area: portAuPrince, format: reportimport.FormatUshahidi, read: 14,
			accepted: []accepted{
				// Port-au-Prince was at UTC-5 in January 2010.
				{2, "1", "food", data.StatusVerified, "2010-01-14T17:00:00Z", "import:ushahidi:haiti-2010:1"},
				{3, "2", "building_collapse", data.StatusNew, "2010-01-14T21:30:00Z", "import:ushahidi:haiti-2010:2"},
				{4, "3", "water_supply", data.StatusNew, "2010-01-15T13:00:00Z", "import:ushahidi:haiti-2010:3"},
				{7, "5", "other", data.StatusVerified, "2010-01-15T15:00:00Z", "import:ushahidi:haiti-2010:5"},
				// Unapproved rows are imported as new when the mapping says so;
				// "Personnes piégées" is mapped by one side of its label.
				{10, "8", "people_trapped", data.StatusNew, "2010-01-16T12:00:00Z", "import:ushahidi:haiti-2010:8"},
				{14, "12", "fire", data.StatusVerified, "2010-01-17T02:15:00Z", "import:ushahidi:haiti-2010:12"},
			},
			rejected: []rejected{
				{6, reportimport.CodeBadCoordinates, "LATITUDE"},
				{8, reportimport.CodeBadDate, "INCIDENT DATE"},
				{9, reportimport.CodeBadDate, "INCIDENT DATE"},
				{11, reportimport.CodeDuplicateID, ""},
				{12, reportimport.CodeOutsideArea, "LATITUDE,LONGITUDE"},
				{13, reportimport.CodeMissingField, "LATITUDE"},
				{15, reportimport.CodeMissingField, "CATEGORY"},
				{16, reportimport.CodeBadDate, "INCIDENT DATE"},
			},
		},
		{
			name: "KoboToolbox export, default field names", file: "kobo_tandale.geojson", format: reportimport.FormatGeoJSON, read: 9,
			accepted: []accepted{
				{3, "5f1c2a9e-1b7d-4c55-9d21-0a1e3f6b7c01", "blocked_drain", data.StatusNew, "2026-10-02T05:12:30.123Z",
					"import:geojson:5f1c2a9e-1b7d-4c55-9d21-0a1e3f6b7c01"},
				// The Swahili label of the flood category.
				{4, "5f1c2a9e-1b7d-4c55-9d21-0a1e3f6b7c02", "flood", data.StatusNew, "2026-10-02T06:00:00Z",
					"import:geojson:5f1c2a9e-1b7d-4c55-9d21-0a1e3f6b7c02"},
				// No id: the key is a hash of the content; no start: the
				// submission time.
				{9, "", "solid_waste", data.StatusNew, "2026-10-03T07:45:00Z", "import:geojson:sha256:"},
				// select_multiple: the most severe category.
				{11, "5f1c2a9e-1b7d-4c55-9d21-0a1e3f6b7c09", "fire", data.StatusNew, "2026-10-03T14:00:00Z",
					"import:geojson:5f1c2a9e-1b7d-4c55-9d21-0a1e3f6b7c09"},
			},
			rejected: []rejected{
				{5, reportimport.CodeMissingField, "geometry"},
				{6, reportimport.CodeBadCoordinates, "geometry.type"},
				{7, reportimport.CodeUnknownCategory, "properties.group_report/category"},
				{8, reportimport.CodeDuplicateID, ""},
				{10, reportimport.CodeBadCoordinates, "geometry.coordinates"},
			},
		},
		{
			name: "ODK export with field mapping and unmapped as other", file: "odk_tandale.geojson", mapping: "odk_mapping.json",
			format: reportimport.FormatGeoJSON, read: 3,
			accepted: []accepted{
				{4, "uuid:0b7e0d7c-64f0-4cb4-8c1a-2f1f9d0e0001", "blocked_drain", data.StatusNew, "2026-11-01T07:30:00Z",
					"import:geojson:tandale-odk:uuid:0b7e0d7c-64f0-4cb4-8c1a-2f1f9d0e0001"},
				{10, "uuid:0b7e0d7c-64f0-4cb4-8c1a-2f1f9d0e0002", "other", data.StatusNew, "2026-11-01T16:05:00Z",
					"import:geojson:tandale-odk:uuid:0b7e0d7c-64f0-4cb4-8c1a-2f1f9d0e0002"},
			},
			rejected: []rejected{
				{16, reportimport.CodeMissingField, "properties.seen_at"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := reportimport.Options{Area: tt.area, Now: now}
			switch {
			case strings.HasPrefix(tt.mapping, "{"):
				m, err := reportimport.ParseMapping(strings.NewReader(tt.mapping), nil)
				if err != nil {
					t.Fatal(err)
				}
				opts.Mapping = m
			case tt.mapping != "":
				opts.Mapping = loadMapping(t, tt.mapping)
			}
			p, err := reportimport.Parse(readFixture(t, tt.file), opts)
			if err != nil {
				t.Fatal(err)
			}
			if p.Format != tt.format || p.Read != tt.read {
				t.Errorf("format %s, %d rows read; want %s, %d", p.Format, p.Read, tt.format, tt.read)
			}
			if len(p.Rows) != len(tt.accepted) {
				t.Errorf("%d rows accepted, want %d", len(p.Rows), len(tt.accepted))
			}
			for i := 0; i < min(len(p.Rows), len(tt.accepted)); i++ {
				got, want := p.Rows[i], tt.accepted[i]
				r := got.Report
				if got.Line != want.line || got.SourceID != want.id || r.Category != want.category || r.Status != want.status ||
					r.ObservedAt.Format(time.RFC3339Nano) != want.observed || !strings.HasPrefix(r.IdempotencyKey, want.key) {
					t.Errorf("row %d = line %d id %q %s %s %s key %q;\nwant line %d id %q %s %s %s key %q…", i,
						got.Line, got.SourceID, r.Category, r.Status, r.ObservedAt.Format(time.RFC3339Nano), r.IdempotencyKey,
						want.line, want.id, want.category, want.status, want.observed, want.key)
				}
				if r.Channel != data.ChannelImport || r.LocationSource != data.SourceImport || !r.ReceivedAt.Equal(now) {
					t.Errorf("row %d: channel %s, location source %s, received %s", i, r.Channel, r.LocationSource, r.ReceivedAt)
				}
				if err := r.Validate(data.DefaultTaxonomy(), now); err != nil {
					t.Errorf("row %d does not validate: %v", i, err)
				}
			}
			if len(p.Rejected) != len(tt.rejected) {
				t.Errorf("%d rows rejected, want %d: %+v", len(p.Rejected), len(tt.rejected), p.Rejected)
			}
			for i := 0; i < min(len(p.Rejected), len(tt.rejected)); i++ {
				got, want := p.Rejected[i], tt.rejected[i]
				if got.Line != want.line || got.Code != want.code || got.Field != want.field || got.Reason == "" {
					t.Errorf("rejection %d = line %d %s field %q (%s); want line %d %s field %q",
						i, got.Line, got.Code, got.Field, got.Reason, want.line, want.code, want.field)
				}
				if (tt.format == reportimport.FormatGeoJSON) != (got.Feature != nil) {
					t.Errorf("rejection %d: feature index %v for a %s file", i, got.Feature, tt.format)
				}
			}
		})
	}
}

func TestParseKeepsNoPersonalData(t *testing.T) {
	p, err := reportimport.Parse(readFixture(t, "kobo_tandale.geojson"), reportimport.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range p.Rows {
		if strings.Contains(r.Report.Description, "+255") || r.Report.Reporter != "" || r.Report.RawText != "" {
			t.Errorf("feature %d carries personal data: %+v", r.Feature, r.Report)
		}
	}
}

func TestParseRejectionReasons(t *testing.T) {
	p, err := reportimport.Parse(readFixture(t, "ushahidi_haiti.csv"),
		reportimport.Options{Now: now, Area: portAuPrince, Mapping: loadMapping(t, "haiti_mapping.json")})
	if err != nil {
		t.Fatal(err)
	}
	byLine := map[int]reportimport.Rejection{}
	for _, r := range p.Rejected {
		byLine[r.Line] = r
	}
	// The reasons are for people: check that each names what is wrong.
	for line, words := range map[int][]string{
		6:  {`"18.5x"`, "not a number"},
		9:  {"month 14", "day first", `date_order "mdy"`},
		11: {"same id", "line 2"},
		12: {"outside the deployment area", "swapped it would be inside"},
		16: {"future"},
	} {
		for _, w := range words {
			if !strings.Contains(byLine[line].Reason, w) {
				t.Errorf("line %d: reason %q does not say %q", line, byLine[line].Reason, w)
			}
		}
	}
}

func TestParseFileErrors(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		line    int
		element string
	}{
		{"empty", "  \n", 0, ""},
		{"not UTF-8", "#,INCIDENT DATE\n1,\xff\xfe\n", 2, ""},
		{"CSV without coordinates", "name,x,y\nwell,-6.8,39.2\n", 1, "header"},
		{"dates in both orders", "#,INCIDENT DATE,CATEGORY,LATITUDE,LONGITUDE\n1,14/01/2010,fire,18.5,-72.3\n2,01/15/2010,fire,18.5,-72.3\n", 0, "dates"},
		{"dates in no telling order", "#,INCIDENT DATE,CATEGORY,LATITUDE,LONGITUDE\n1,01/02/2010,fire,18.5,-72.3\n2,03/04/2010,fire,18.5,-72.3\n", 0, "dates"},
		{"JSON array", `[{"type":"Feature"}]`, 1, ""},
		{"not a FeatureCollection", `{"type":"Feature","geometry":null,"properties":{}}`, 1, "type"},
		{"no features", `{"type":"FeatureCollection"}`, 0, "features"},
		{"features not an array", `{"type":"FeatureCollection","features":{}}`, 1, "features"},
		{"broken feature", "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\"},\n{\"type\":\"Feature\",,}\n]}", 3, "features[1]"},
		{"truncated", "{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\"", 2, "features[0]"},
		{"trailing data", `{"type":"FeatureCollection","features":[]} {}`, 1, ""},
		{"CSV quote error", "#,INCIDENT DATE,CATEGORY,LATITUDE,LONGITUDE\n1,2010-01-14,fire,18.5,-72.3\n2,\"2010-01-14\"x,fire,18.5,-72.3\n", 3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := reportimport.Parse([]byte(tt.src), reportimport.Options{Now: now})
			var fe *reportimport.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a *FileError", err)
			}
			if fe.Line != tt.line || fe.Element != tt.element || fe.Message == "" {
				t.Errorf("FileError = line %d element %q (%s); want line %d element %q", fe.Line, fe.Element, fe.Message, tt.line, tt.element)
			}
		})
	}
}

func TestParseDetectsFormatFromContent(t *testing.T) {
	// A byte-order mark and leading blank lines, as spreadsheet tools
	// write them; semicolons instead of commas.
	src := "\xef\xbb\xbf#;INCIDENT TITLE;INCIDENT DATE;CATEGORY;LATITUDE;LONGITUDE;APPROVED;VERIFIED\n" +
		"7;Moto Tandale;2026-10-01 08:00:00;Fire;-6.8000;39.2500;YES;NO\n"
	p, err := reportimport.Parse([]byte(src), reportimport.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if p.Format != reportimport.FormatUshahidi || len(p.Rows) != 1 || p.Rows[0].Report.Category != "fire" {
		t.Fatalf("parsed %s, rows %+v, rejected %+v", p.Format, p.Rows, p.Rejected)
	}
	p, err = reportimport.Parse([]byte("\n\n  "+`{"features":[],"type":"FeatureCollection"}`), reportimport.Options{Now: now})
	if err != nil || p.Format != reportimport.FormatGeoJSON || p.Read != 0 {
		t.Fatalf("GeoJSON with features first: %v %+v", err, p)
	}
}
