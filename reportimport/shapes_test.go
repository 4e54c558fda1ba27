package reportimport_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/reportimport"
)

// writeFixture writes a fixture file into a temporary directory and
// returns its path and content.
func writeFixture(t *testing.T, name, content string) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, b
}

func mustMapping(t *testing.T, src string) *reportimport.Mapping {
	t.Helper()
	m, err := reportimport.ParseMapping(strings.NewReader(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// DayFirstUshahidi is an Ushahidi 2.x export as a Haitian deployment
// wrote it: day-first dates, bilingual numbered labels, several per row,
// parents next to children, offers of help next to needs.
const DayFirstUshahidi = `#,INCIDENT TITLE,INCIDENT DATE,LOCATION,DESCRIPTION,CATEGORY,LATITUDE,LONGITUDE,APPROVED,VERIFIED
101,Pa gen manje,28/06/2010 23:06,Carrefour,no food for three days,"2. Lignes vitales | Vital Lines, 2a. Penurie d'aliments | Food Shortage, 2b. Penurie d'eau | Water shortage,",18.5392,-72.4089,YES,YES
102,Pa gen dlo,12/01/2010 18:30,Delmas 33,no water then no food,"2b. Penurie d'eau | Water shortage, 2a. Penurie d'aliments | Food Shortage,",18.5530,-72.3050,YES,NO
103,NFI,13/01/2010 09:00,Champ de Mars,blankets and tarps,"7c. Point de distribution non alimentaire | Non-food aid distribution point,",18.5434,-72.3381,YES,YES
104,Klinik,14/01/2010 10:00,Turgeau,the clinic takes patients,"7d. Hopitaux/cliniques en service | Hospital/Clinics Operating,",18.5330,-72.3200,YES,NO
105,Manje ak distribisyon,15/01/2010 11:00,Bel Air,short of food; a distribution two streets away,"2a. Penurie d'aliments | Food Shortage, 7a. Point de distribution de nourriture | Food distribution point,",18.5520,-72.3360,YES,NO
106,Deblaiement,16/01/2010 12:00,Nazon,a team clears the street,"7h. Deblaiement | Rubble removal,",18.5400,-72.3200,YES,NO
107,Kay ap tonbe,17/01/2010 13:00,Pacot,cracked walls,"5b. Structure instable | Unstable Structure,",18.5380,-72.3300,YES,NO
108,Kan,18/01/2010 14:00,Petionville,families under sheets,"8a. Concentration de deplaces | IDP concentration,",18.5120,-72.2850,YES,NO
109,Moun disparet,19/01/2010 15:00,Martissant,looking for a brother,"8e. Nouvelles de personnes | Persons News, 8f. Personnes disparues | Missing Persons,",18.5280,-72.3590,YES,NO
110,Kadav,20/01/2010 16:00,Bourdon,bodies to collect,"7g. Gestion des restes humains | Human remains management,",18.5300,-72.3000,YES,NO
111,Kay tonbe,21/01/2010 17:00,Centre,house down and no food,"1. Urgences | Emergency, 2a. Penurie d'aliments | Food Shortage, 5a. Structure effondree | Collapsed structure,",18.5447,-72.3388,YES,YES
112,Pa apwouve,22/01/2010 18:00,Centre,never published,"2a. Penurie d'aliments | Food Shortage,",18.5447,-72.3388,NO,NO
`

func TestDayFirstUshahidiWithoutMapping(t *testing.T) {
	_, src := writeFixture(t, "haiti_dmy.csv", DayFirstUshahidi)
	p, err := reportimport.Parse(src, reportimport.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p.DateOrder, "day first") || !strings.Contains(p.DateOrder, "10 dates") {
		t.Errorf("date order %q", p.DateOrder)
	}
	want := map[string]struct {
		observed, category string
		needs              []string
	}{
		// Food and water are equally severe: the taxonomy's order decides,
		// whichever the row lists first.
		"101": {"2010-06-28T23:06:00Z", "food", []string{"food", "water_supply"}},
		"102": {"2010-01-12T18:30:00Z", "food", []string{"food", "water_supply"}},
		// Offers of help are not needs: a row with only offers is about
		// its offer; a row with a need is about the need alone.
		"103": {"2010-01-13T09:00:00Z", "aid_distribution", []string{"aid_distribution"}},
		"104": {"2010-01-14T10:00:00Z", "service_available", []string{"service_available"}},
		"105": {"2010-01-15T11:00:00Z", "food", []string{"food"}},
		"106": {"2010-01-16T12:00:00Z", "service_available", []string{"service_available"}},
		"107": {"2010-01-17T13:00:00Z", "building_collapse", []string{"building_collapse"}},
		"108": {"2010-01-18T14:00:00Z", "shelter", []string{"shelter"}},
		"109": {"2010-01-19T15:00:00Z", "missing_person", []string{"missing_person"}},
		"110": {"2010-01-20T16:00:00Z", "human_remains", []string{"human_remains"}},
		// The most severe need, listed last.
		"111": {"2010-01-21T17:00:00Z", "building_collapse", []string{"building_collapse", "food"}},
	}
	if len(p.Rows) != len(want) {
		t.Errorf("%d rows imported, want %d; rejected %+v", len(p.Rows), len(want), p.Rejected)
	}
	for _, r := range p.Rows {
		w := want[r.SourceID]
		got := r.Report.ObservedAt.Format(time.RFC3339)
		if got != w.observed || r.Report.Category != w.category || !slices.Equal(r.Report.AllNeeds(), w.needs) {
			t.Errorf("row %s: %s %s needs %v; want %s %s needs %v", r.SourceID, got, r.Report.Category, r.Report.AllNeeds(), w.observed, w.category, w.needs)
		}
		if len(r.Report.SourceCategories) == 0 {
			t.Errorf("row %s keeps no source labels", r.SourceID)
		}
	}
	for _, r := range p.Rows {
		if r.SourceID == "105" && len(r.Report.SourceCategories) != 2 {
			t.Errorf("row 105 keeps the offer's label: %q", r.Report.SourceCategories)
		}
		if r.SourceID == "101" && !slices.Equal(r.Report.SourceCategories, []string{"2. Lignes vitales | Vital Lines",
			"2a. Penurie d'aliments | Food Shortage", "2b. Penurie d'eau | Water shortage"}) {
			t.Errorf("row 101 source labels %q", r.Report.SourceCategories)
		}
	}
	if len(p.Rejected) != 1 || p.Rejected[0].Code != reportimport.CodeNotApproved || p.Rejected[0].SourceID != "112" {
		t.Errorf("rejected %+v", p.Rejected)
	}
	var unmapped []string
	for _, l := range p.Unmapped() {
		unmapped = append(unmapped, l.Label)
	}
	if !slices.Equal(unmapped, []string{"1. Urgences | Emergency", "2. Lignes vitales | Vital Lines"}) {
		t.Errorf("unmapped labels %q", unmapped)
	}
}

func TestDateOrderEvidence(t *testing.T) {
	head := "#,INCIDENT DATE,CATEGORY,LATITUDE,LONGITUDE\n"
	tests := []struct {
		name, rows string
		words      []string // in the refusal; none: accepted
	}{
		{"mixed orders", "1,28/06/2010 23:06,fire,18.5,-72.3\n2,01/14/2010 08:00,fire,18.5,-72.3\n3,29/06/2010 10:00,fire,18.5,-72.3\n",
			[]string{"disagree", "2 are day first", `line 2 "28/06/2010 23:06"`, "1 month first", `line 3 "01/14/2010 08:00"`, "date_order"}},
		{"never telling", "1,01/02/2010,fire,18.5,-72.3\n2,03/04/2010 10:00,fire,18.5,-72.3\n",
			[]string{"cannot be told", "2 dates", `line 2 "01/02/2010"`}},
		{"one telling date decides the rest", "1,01/02/2010,fire,18.5,-72.3\n2,13/04/2010 10:00,fire,18.5,-72.3\n", nil},
		{"ISO dates need no order", "1,2010-02-01,fire,18.5,-72.3\n2,1263470400000,fire,18.5,-72.3\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := reportimport.Parse([]byte(head+tt.rows), reportimport.Options{Now: now})
			if tt.words == nil {
				if err != nil || len(p.Rows) != 2 {
					t.Fatalf("err %v, parsed %+v", err, p)
				}
				return
			}
			var fe *reportimport.FileError
			if !errors.As(err, &fe) || fe.Element != "dates" {
				t.Fatalf("err = %v, want a FileError about the dates", err)
			}
			for _, w := range tt.words {
				if !strings.Contains(fe.Message, w) {
					t.Errorf("%q does not say %q", fe.Message, w)
				}
			}
		})
	}
	// "one telling date decides the rest": 01/02/2010 is 1 February.
	p, _ := reportimport.Parse([]byte(head+"1,01/02/2010,fire,18.5,-72.3\n2,13/04/2010 10:00,fire,18.5,-72.3\n"), reportimport.Options{Now: now})
	if got := p.Rows[0].Report.ObservedAt.Format(time.DateOnly); got != "2010-02-01" {
		t.Errorf("01/02/2010 in a day-first file read as %s", got)
	}
}

// floodedStreets is a published layer of flooded streets: lines and an
// area, epoch-millisecond times, and the road type in "type".
const floodedStreets = `{"type": "FeatureCollection", "features": [
{"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[39.240, -6.800], [39.244, -6.801], [39.248, -6.803]]},
 "properties": {"name": "Mtaa wa Tandale", "type": "residential", "flooded_at": 1759300000000, "depth_cm": 40}},
{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[39.25, -6.81], [39.26, -6.81], [39.26, -6.80], [39.25, -6.80], [39.25, -6.81]]]},
 "properties": {"name": "Uwanja", "type": "park", "flooded_at": 1759303600000}},
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [39.245, -6.805]}, "properties": {"name": "Kona", "type": "tertiary"}},
{"type": "Feature", "geometry": {"type": "MultiLineString", "coordinates": [[[39.241, -6.806], [39.242, -6.806]], [[39.243, -6.807], [39.243, -6.809], [39.243, -6.811]]]},
 "properties": {"name": "Mitaro", "type": "service", "flooded_at": 1759307200000}}
]}`

func TestLinesAndPolygons(t *testing.T) {
	_, src := writeFixture(t, "flooded_streets.geojson", floodedStreets)
	// Without a mapping: the lines are refused with the way out, and the
	// road type is not a category.
	p, err := reportimport.Parse(src, reportimport.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 0 || len(p.Rejected) != 4 {
		t.Fatalf("rows %+v rejected %+v", p.Rows, p.Rejected)
	}
	for _, rj := range p.Rejected {
		switch *rj.Feature {
		case 2:
			if rj.Code != reportimport.CodeMissingField || !strings.Contains(rj.Reason, "defaults") {
				t.Errorf("point without category: %+v", rj)
			}
		default:
			if rj.Code != reportimport.CodeBadCoordinates || rj.Field != "geometry.type" || !strings.Contains(rj.Reason, `"point_on_surface"`) {
				t.Errorf("feature %d: %+v", *rj.Feature, rj)
			}
		}
	}
	if skel := reportimport.MappingSkeleton(p, nil); skel.Geometry != reportimport.GeometryPointOnSurface {
		t.Errorf("the skeleton does not offer a geometry: %+v", skel)
	}

	for _, tt := range []struct {
		geometry string
		want     []orb.Point
	}{
		{"point_on_surface", []orb.Point{{39.244, -6.801}, {39.255, -6.805}, {39.245, -6.805}, {39.243, -6.809}}},
		// Length-weighted: the second, longer segment pulls the line's
		// centroid past the middle vertex; the longer line the two lines'.
		{"Centroid", []orb.Point{{39.24408, -6.80128}, {39.255, -6.805}, {39.245, -6.805}, {39.2427, -6.8084}}},
	} {
		m := mustMapping(t, `{"geometry": "`+tt.geometry+`", "fields": {"observed_at": "flooded_at"},
			"defaults": {"category": "Flood", "observed_at": "2025-10-01T12:00:00Z"}}`)
		p, err := reportimport.Parse(src, reportimport.Options{Now: now, Mapping: m})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Rows) != 4 || p.Placed != 3 {
			t.Fatalf("%s: %d rows, %d placed; rejected %+v", tt.geometry, len(p.Rows), p.Placed, p.Rejected)
		}
		for i, r := range p.Rows {
			if r.Report.Category != "flood" {
				t.Errorf("%s: feature %d category %s", tt.geometry, i, r.Report.Category)
			}
			if d := r.Report.Location; abs(d[0]-tt.want[i][0]) > 1e-4 || abs(d[1]-tt.want[i][1]) > 1e-4 {
				t.Errorf("%s: feature %d at %v, want %v", tt.geometry, i, d, tt.want[i])
			}
		}
		for i, want := range []string{"2025-10-01T06:26:40Z", "2025-10-01T07:26:40Z", "2025-10-01T12:00:00Z", "2025-10-01T08:26:40Z"} {
			if got := p.Rows[i].Report.ObservedAt.Format(time.RFC3339); got != want {
				t.Errorf("%s: feature %d observed %s, want %s", tt.geometry, i, got, want)
			}
		}
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// ushahidiV5 is an Ushahidi platform (v3+) CSV export: a second header
// row of HXL tags, the post's contact (a phone number), comma-separated
// categories, the location in two columns of one field.
const ushahidiV5 = `Post ID,Survey,Post Status,Created (UTC),Updated (UTC),Post date (UTC),Contact ID,Contact,Sets,Title,Description,Location.lat,Location.lon,Categories
,,,,,,,,,,,#geo +lat,#geo +lon,
501,Mafuriko,published,2026-10-01 06:00:00,2026-10-01 07:00:00,2026-10-01 05:30:00,77,+255712345678,,Maji barabarani,Mtaro umeziba na maji yanaingia,-6.8052,39.2461,"Blocked drain,Flood"
502,Mafuriko,draft,2026-10-01 06:10:00,2026-10-01 06:10:00,2026-10-01 06:00:00,78,+255712000000,,Rasimu,not reviewed,-6.8040,39.2470,Flood
503,Mafuriko,published,2026-10-01 08:00:00,2026-10-01 08:00:00,2026-10-01 07:45:00,79,+255713000000,,Moto,kibanda kinaungua,-6.8060,39.2480,Fire
504,Mafuriko,published,2026-10-02 08:00:00,2026-10-02 08:00:00,2026-10-02 07:45:00,80,,,Chakula,chakula kinagawiwa shuleni,-6.8030,39.2490,Food distribution point
`

func TestUshahidiV5CSV(t *testing.T) {
	_, src := writeFixture(t, "ushahidi_v5.csv", ushahidiV5)
	// The zone of the mapping does not apply to columns that say UTC.
	p, err := reportimport.Parse(src, reportimport.Options{Now: now, Mapping: mustMapping(t, `{"timezone": "Africa/Dar_es_Salaam"}`)})
	if err != nil {
		t.Fatal(err)
	}
	if p.Format != reportimport.FormatUshahidiV5 || p.Read != 4 {
		t.Fatalf("format %s, %d rows read", p.Format, p.Read)
	}
	want := []struct{ id, category, observed string }{
		{"501", "flood", "2026-10-01T05:30:00Z"},
		{"503", "fire", "2026-10-01T07:45:00Z"},
		{"504", "aid_distribution", "2026-10-02T07:45:00Z"},
	}
	if len(p.Rows) != len(want) {
		t.Fatalf("rows %+v rejected %+v", p.Rows, p.Rejected)
	}
	for i, w := range want {
		r := p.Rows[i]
		if r.SourceID != w.id || r.Report.Category != w.category || r.Report.ObservedAt.Format(time.RFC3339) != w.observed ||
			!strings.HasPrefix(r.Report.IdempotencyKey, "import:ushahidi-v5:") {
			t.Errorf("row %d: %s %s %s %s", i, r.SourceID, r.Report.Category, r.Report.ObservedAt.Format(time.RFC3339), r.Report.IdempotencyKey)
		}
		if strings.Contains(r.Report.Description, "+255") {
			t.Errorf("row %s: the contact reached the description %q", r.SourceID, r.Report.Description)
		}
	}
	if !slices.Equal(p.Rows[0].Report.AllNeeds(), []string{"flood", "blocked_drain"}) {
		t.Errorf("needs %v", p.Rows[0].Report.AllNeeds())
	}
	if len(p.Rejected) != 1 || p.Rejected[0].Code != reportimport.CodeNotApproved || p.Rejected[0].Line != 4 {
		t.Errorf("rejected %+v", p.Rejected)
	}
}

// koboCSV is a KoboToolbox CSV export with its default separator, XML
// values, a select_multiple with one 0/1 column per choice, and a geopoint.
const koboCSV = `start;end;today;hatari;hatari/mafuriko;hatari/maji_machafu;hatari/moto;maelezo;mahali;_mahali_latitude;_mahali_longitude;_mahali_altitude;_mahali_precision;simu;_id;_uuid;_submission_time;_validation_status;_index
2026-10-02T08:12:30.123+03:00;2026-10-02T08:15:00.000+03:00;2026-10-02;mafuriko maji_machafu;1;1;0;Maji machafu yameingia nyumbani;-6.8052 39.2461 0 5;-6.8052;39.2461;0;5;+255712345678;201;5f1c2a9e-0000-4c55-9d21-0a1e3f6b7201;2026-10-02T05:20:11;validation_status_approved;1
2026-10-02T09:00:00.000+03:00;2026-10-02T09:05:00.000+03:00;2026-10-02;moto;0;0;1;Moto sokoni;-6.8040 39.2470 0 8;-6.8040;39.2470;0;8;;202;5f1c2a9e-0000-4c55-9d21-0a1e3f6b7202;2026-10-02T06:05:00;;2
2026-10-02T10:00:00.000+03:00;2026-10-02T10:01:00.000+03:00;2026-10-02;maji_machafu;0;1;0;test submission;-6.8060 39.2480 0 5;-6.8060;39.2480;0;5;;203;5f1c2a9e-0000-4c55-9d21-0a1e3f6b7203;2026-10-02T07:01:00;validation_status_not_approved;3
`

// odkCSV is an ODK Central CSV export: groups joined with "-", the
// geopoint in four columns, the submitter's name, a review state.
const odkCSV = `SubmissionDate,start,end,ripoti-hatari,ripoti-maelezo,ripoti-location-Latitude,ripoti-location-Longitude,ripoti-location-Altitude,ripoti-location-Accuracy,meta-instanceID,KEY,SubmitterID,SubmitterName,AttachmentsPresent,AttachmentsExpected,Status,ReviewState,DeviceID,Edits,FormVersion
2026-11-01T07:35:00.000Z,2026-11-01T10:30:00.000+03:00,2026-11-01T10:33:00.000+03:00,drain,Drain blocked by plastic,-6.8049,39.2458,0,4.5,uuid:0b7e0d7c-0001,uuid:0b7e0d7c-0001,5,Amina Juma,0,0,,approved,collect:abc,0,2026110101
2026-11-01T16:10:00.000Z,2026-11-01T19:05:00.000+03:00,2026-11-01T19:06:00.000+03:00,trash,Taka zimejaa,-6.8041,39.2466,0,6,uuid:0b7e0d7c-0002,uuid:0b7e0d7c-0002,5,Amina Juma,0,0,,hasIssues,collect:abc,0,2026110101
2026-11-01T17:00:00.000Z,2026-11-01T19:55:00.000+03:00,2026-11-01T19:56:00.000+03:00,drain,duplicate of the first,-6.8049,39.2458,0,4.5,uuid:0b7e0d7c-0003,uuid:0b7e0d7c-0003,6,Baraka,0,0,,rejected,collect:def,0,2026110101
`

func TestFormCSVExports(t *testing.T) {
	tests := []struct {
		name, file, content, mapping string
		format                       reportimport.Format
		want                         []struct{ id, category, status, observed string }
		rejectedLine                 int
	}{
		{"KoboToolbox", "kobo.csv", koboCSV,
			`{"source": "tandale-kobo", "fields": {"category": "hatari", "description": "maelezo"},
			  "categories": {"mafuriko": "flood", "maji_machafu": "Sanitation"}}`,
			reportimport.FormatKobo,
			[]struct{ id, category, status, observed string }{
				{"5f1c2a9e-0000-4c55-9d21-0a1e3f6b7201", "flood", "verified", "2026-10-02T05:12:30Z"},
				{"5f1c2a9e-0000-4c55-9d21-0a1e3f6b7202", "fire", "new", "2026-10-02T06:00:00Z"},
			}, 4},
		{"ODK Central", "odk.csv", odkCSV,
			`{"source": "tandale-odk", "fields": {"category": "hatari"}, "categories": {"drain": "blocked_drain", "trash": "solid_waste"}}`,
			reportimport.FormatODK,
			[]struct{ id, category, status, observed string }{
				{"uuid:0b7e0d7c-0001", "blocked_drain", "verified", "2026-11-01T07:30:00Z"},
				{"uuid:0b7e0d7c-0002", "solid_waste", "new", "2026-11-01T16:05:00Z"},
			}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, src := writeFixture(t, tt.file, tt.content)
			p, err := reportimport.Parse(src, reportimport.Options{Now: now, Mapping: mustMapping(t, tt.mapping)})
			if err != nil {
				t.Fatal(err)
			}
			if p.Format != tt.format || p.Read != 3 || len(p.Rows) != len(tt.want) {
				t.Fatalf("format %s, %d read, rows %+v, rejected %+v", p.Format, p.Read, p.Rows, p.Rejected)
			}
			for i, w := range tt.want {
				r := p.Rows[i]
				if r.SourceID != w.id || r.Report.Category != w.category || string(r.Report.Status) != w.status ||
					r.Report.ObservedAt.Format(time.RFC3339) != w.observed {
					t.Errorf("row %d: %s %s %s %s; want %+v", i, r.SourceID, r.Report.Category, r.Report.Status,
						r.Report.ObservedAt.Format(time.RFC3339), w)
				}
				for _, private := range []string{"+255", "Amina", "Juma"} {
					if strings.Contains(r.Report.Description, private) {
						t.Errorf("row %d: %q reached the description %q", i, private, r.Report.Description)
					}
				}
			}
			if len(p.Rejected) != 1 || p.Rejected[0].Code != reportimport.CodeNotApproved || p.Rejected[0].Line != tt.rejectedLine {
				t.Errorf("rejected %+v", p.Rejected)
			}
		})
	}
	// The KoboToolbox select_multiple: every choice is a need.
	p, _ := reportimport.Parse([]byte(koboCSV), reportimport.Options{Now: now, Mapping: mustMapping(t, tests[0].mapping)})
	if !slices.Equal(p.Rows[0].Report.AllNeeds(), []string{"flood", "sanitation"}) || !slices.Equal(p.Rows[0].Report.SourceCategories, []string{"mafuriko", "maji_machafu"}) {
		t.Errorf("needs %v, labels %v", p.Rows[0].Report.AllNeeds(), p.Rows[0].Report.SourceCategories)
	}
}

func TestCSVCoordinateColumns(t *testing.T) {
	tests := []struct {
		name, csv string
		want      orb.Point
	}{
		{"_geolocation", "id,date,category,_geolocation\n1,2026-10-01,fire,\"[-6.8052, 39.2461]\"\n", orb.Point{39.2461, -6.8052}},
		{"geopoint", "id,date,category,gps\n1,2026-10-01,fire,-6.8052 39.2461 12.5 4\n", orb.Point{39.2461, -6.8052}},
		{"lat and lng", "id,date,category,lat,lng\n1,2026-10-01,fire,-6.8052,39.2461\n", orb.Point{39.2461, -6.8052}},
		{"named in the mapping", "id,date,category,y,x\n1,2026-10-01,fire,-6.8052,39.2461\n", orb.Point{39.2461, -6.8052}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustMapping(t, `{}`)
			if tt.name == "named in the mapping" {
				m = mustMapping(t, `{"fields": {"latitude": "Y", "longitude": "x"}}`)
			}
			p, err := reportimport.Parse([]byte(tt.csv), reportimport.Options{Now: now, Mapping: m})
			if err != nil {
				t.Fatal(err)
			}
			if p.Format != reportimport.FormatCSV || len(p.Rows) != 1 || p.Rows[0].Report.Location != tt.want {
				t.Errorf("format %s rows %+v rejected %+v", p.Format, p.Rows, p.Rejected)
			}
		})
	}
	_, err := reportimport.Parse([]byte("id,date,category,lat,lon\n1,2026-10-01,fire,-6.8,39.2\n"),
		reportimport.Options{Now: now, Mapping: mustMapping(t, `{"fields": {"location": "gps"}}`)})
	var fe *reportimport.FileError
	if !errors.As(err, &fe) || !strings.Contains(fe.Message, `fields.location "gps"`) {
		t.Errorf("a mapped column the header lacks: %v", err)
	}
}

func TestOutliersWithoutArea(t *testing.T) {
	rows := "id,date,category,latitude,longitude\n"
	for i, p := range []orb.Point{{39.25, -6.80}, {39.26, -6.81}, {39.24, -6.79}, {39.255, -6.805}, {39.245, -6.795},
		{39.27, -6.82}, {39.23, -6.78}, {39.25, -6.83}} {
		rows += itoa(i+1) + ",2026-10-01,fire," + ftoa(p[1]) + "," + ftoa(p[0]) + "\n"
	}
	rows += "paris,2026-10-01,fire,48.8566,2.3522\n" +
		"swapped,2026-10-01,fire,39.2500,-6.8000\n" +
		"nosign,2026-10-01,fire,6.8000,39.2500\n"
	_, src := writeFixture(t, "outliers.csv", rows)
	p, err := reportimport.Parse(src, reportimport.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 8 || len(p.Rejected) != 3 {
		t.Fatalf("%d rows, rejected %+v", len(p.Rows), p.Rejected)
	}
	for i, want := range map[int][]string{0: {"paris", "km from the middle"}, 1: {"swapped", "swapped"}, 2: {"nosign", "latitude probably lost its sign"}} {
		rj := p.Rejected[i]
		if rj.Code != reportimport.CodeOutlier || rj.SourceID != want[0] || !strings.Contains(rj.Reason, want[1]) ||
			!strings.Contains(rj.Reason, "--keep-outliers") || rj.Field != "latitude,longitude" {
			t.Errorf("rejection %d = %+v", i, rj)
		}
	}
	if strings.Contains(p.Rejected[0].Reason, "probably") {
		t.Errorf("no fix brings Paris back: %q", p.Rejected[0].Reason)
	}
	p, err = reportimport.Parse(src, reportimport.Options{Now: now, KeepOutliers: true})
	if err != nil || len(p.Rows) != 11 {
		t.Errorf("kept outliers: %v, %d rows", err, len(p.Rows))
	}
	// With a deployment area the area decides, not the statistics.
	p, _ = reportimport.Parse(src, reportimport.Options{Now: now, Area: orb.Bound{Min: orb.Point{-10, -90}, Max: orb.Point{60, 90}}})
	if len(p.Rows) != 11 {
		t.Errorf("with an area: %d rows, rejected %+v", len(p.Rows), p.Rejected)
	}
}

func TestWriteMappingRoundTrip(t *testing.T) {
	_, src := writeFixture(t, "haiti_dmy.csv", DayFirstUshahidi)
	first, err := reportimport.Parse(src, reportimport.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := reportimport.WriteMapping(&buf, reportimport.MappingSkeleton(first, nil)); err != nil {
		t.Fatal(err)
	}
	path, written := writeFixture(t, "mapping.json", buf.String())
	for _, want := range []string{`"date_order": "dmy"`, `"1. Urgences | Emergency": ""`,
		`"7h. Deblaiement | Rubble removal": "service_available"`, `"2a. Penurie d'aliments | Food Shortage": "food"`} {
		if !bytes.Contains(written, []byte(want)) {
			t.Errorf("the skeleton lacks %s:\n%s", want, written)
		}
	}
	// Passed back as it is, it imports the same.
	m, err := reportimport.LoadMapping(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	again, err := reportimport.Parse(src, reportimport.Options{Now: now, Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Rows) != len(first.Rows) {
		t.Fatalf("%d rows, then %d", len(first.Rows), len(again.Rows))
	}
	for i := range first.Rows {
		a, b := first.Rows[i], again.Rows[i]
		if a.Report.Category != b.Report.Category || !a.Report.ObservedAt.Equal(b.Report.ObservedAt) || !slices.Equal(a.Report.AllNeeds(), b.Report.AllNeeds()) ||
			a.Report.IdempotencyKey != b.Report.IdempotencyKey {
			t.Errorf("row %s: %s %v, then %s %v", a.SourceID, a.Report.Category, a.Report.AllNeeds(), b.Report.Category, b.Report.AllNeeds())
		}
	}
	// Corrected by the NGO, it decides.
	edited := bytes.Replace(written, []byte(`"7h. Deblaiement | Rubble removal": "service_available"`),
		[]byte(`"7h. Deblaiement | Rubble removal": "road_blocked"`), 1)
	edited = bytes.Replace(edited, []byte(`"1. Urgences | Emergency": ""`), []byte(`"1. Urgences | Emergency": "Other"`), 1)
	m, err = reportimport.ParseMapping(bytes.NewReader(edited), nil)
	if err != nil {
		t.Fatal(err)
	}
	edit, _ := reportimport.Parse(src, reportimport.Options{Now: now, Mapping: m})
	for _, r := range edit.Rows {
		if r.SourceID == "106" && r.Report.Category != "road_blocked" {
			t.Errorf("the corrected label: %s", r.Report.Category)
		}
		if r.SourceID == "111" && !slices.Equal(r.Report.AllNeeds(), []string{"building_collapse", "food", "other"}) {
			t.Errorf("the mapped parent: needs %v", r.Report.AllNeeds())
		}
	}
	if len(edit.Unmapped()) != 1 {
		t.Errorf("unmapped after the edit: %+v", edit.Unmapped())
	}
}

func TestWriteRejected(t *testing.T) {
	_, src := writeFixture(t, "haiti.csv", strings.Replace(DayFirstUshahidi, "18.5300,-72.3000", "18.5x,-72.3000", 1))
	p, err := reportimport.Parse(src, reportimport.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := reportimport.WriteRejected(&buf, p, p.Rejected); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || !slices.Equal(recs[0][:5], []string{"mtaa_line", "mtaa_code", "mtaa_field", "mtaa_reason", "#"}) {
		t.Fatalf("rejected file %q", recs)
	}
	if recs[1][0] != "11" || recs[1][1] != reportimport.CodeBadCoordinates || recs[1][4] != "110" || recs[1][10] != "18.5x" ||
		recs[2][1] != reportimport.CodeNotApproved || recs[2][4] != "112" {
		t.Errorf("rejected rows %q", recs[1:])
	}
	// The rejected file, corrected, imports: mtaa ignores its extra columns.
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	recs[1][10] = "18.53"
	w.WriteAll(recs[:2])
	again, err := reportimport.Parse(out.Bytes(), reportimport.Options{Now: now})
	if err != nil || len(again.Rows) != 1 || again.Rows[0].Report.Category != "human_remains" {
		t.Errorf("the corrected rejected file: %v %+v %+v", err, again, again.Rejected)
	}
}

func TestMappingErrorsAndCase(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want []string
	}{
		{"{\n  \"categories\": {\n    \"Food Shortage\": \"food\",\n  }\n}", []string{"line 4, column 3"}},
		{"{\n  \"categories\": [\"food\"]\n}", []string{"line 2, column 17", "categories"}},
		{"{\n  \"date_order\": \"dmy\"\n", []string{"line 3", "ends too early"}},
		{`{"source": "x"} {"source": "y"}`, []string{"line 1, column 17", "after the JSON object"}},
	} {
		_, err := reportimport.ParseMapping(strings.NewReader(tt.src), nil)
		for _, w := range tt.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("ParseMapping(%q) = %v, want it to say %q", tt.src, err, w)
			}
		}
	}
	m, err := reportimport.ParseMapping(strings.NewReader(`{"date_order": "DMY", "unmapped": "Other", "unapproved": "IMPORT",
		"geometry": "Point_On_Surface", "categories": {"Vol": "FOOD"}, "defaults": {"category": "Flood"}}`), nil)
	if err != nil {
		t.Fatalf("upper-case values: %v", err)
	}
	if got := parseCategory(t, m, "VOL"); got != "food" {
		t.Errorf("a label mapped to FOOD -> %s", got)
	}
}

func TestReimportUpdate(t *testing.T) {
	store, _ := datatest.NewStore(t)
	ctx := context.Background()
	_, src := writeFixture(t, "dmy.csv", "#,INCIDENT DATE,CATEGORY,DESCRIPTION,LATITUDE,LONGITUDE\n"+
		"1,05/01/2010 10:00,Food Shortage,no food,18.54,-72.33\n"+
		"2,28/01/2010 10:00,Water shortage,no water,18.55,-72.34\n")
	// A bad first import: month first, and food mapped to other.
	bad := mustMapping(t, `{"date_order": "mdy", "categories": {"Food Shortage": "other"}}`)
	p, err := reportimport.Parse(src, reportimport.Options{Now: now, Mapping: bad})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := reportimport.Import(ctx, store, p, reportimport.ImportOptions{})
	if err != nil || sum.Imported != 1 || len(sum.Rejected) != 1 {
		t.Fatalf("first import: %v %+v", err, sum)
	}
	id := sum.Outcomes[0].ID
	reimport := func(opts reportimport.ImportOptions) reportimport.Summary {
		t.Helper()
		p, err := reportimport.Parse(src, reportimport.Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		sum, err := reportimport.Import(ctx, store, p, opts)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	stored := func() data.Report {
		r, err := store.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	wantChanges := []reportimport.Change{
		{Field: "category", Old: "other", New: "food"},
		{Field: "needs", Old: "other", New: "food"},
		{Field: "observed_at", Old: "2010-05-01T10:00:00Z", New: "2010-01-05T10:00:00Z"},
	}
	// Without --update: counted and listed, nothing changed.
	sum = reimport(reportimport.ImportOptions{})
	if sum.Imported != 1 || sum.Existing != 1 || sum.Differ != 1 || sum.Updated != 0 || !slices.Equal(sum.Outcomes[0].Changes, wantChanges) {
		t.Fatalf("re-import: %+v", sum)
	}
	if r := stored(); r.Category != "other" || r.ObservedAt.Month() != time.May {
		t.Fatalf("a re-import without --update changed the report: %+v", r)
	}
	// A dry run of the update: the same diff, nothing changed.
	sum = reimport(reportimport.ImportOptions{Update: true, DryRun: true})
	if sum.Differ != 1 || sum.Updated != 0 || !slices.Equal(sum.Outcomes[0].Changes, wantChanges) || stored().Category != "other" {
		t.Fatalf("dry run of the update: %+v", sum)
	}
	// The update, audited as a moderator's edit.
	at := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	sum = reimport(reportimport.ImportOptions{Update: true, Actor: data.Actor{Name: "mtaa import-reports"}, At: at})
	if sum.Differ != 1 || sum.Updated != 1 || !sum.Outcomes[0].Updated {
		t.Fatalf("update: %+v", sum)
	}
	if r := stored(); r.Category != "food" || !r.ObservedAt.Equal(time.Date(2010, 1, 5, 10, 0, 0, 0, time.UTC)) ||
		!slices.Equal(r.SourceCategories, []string{"Food Shortage"}) {
		t.Errorf("after the update: %s %s", r.Category, r.ObservedAt)
	}
	audit, err := store.ReportAudit(id)
	if err != nil || len(audit) != 1 {
		t.Fatalf("audit %+v %v", audit, err)
	}
	e := audit[0]
	before, _ := data.AuditState(e.Before)
	after, _ := data.AuditState(e.After)
	if e.Action != data.ActionModerate || e.Actor.Name != "mtaa import-reports" || !e.At.Equal(at) || before.Category != "other" ||
		after.Category != "food" || before.ObservedAt == nil || before.ObservedAt.Month() != time.May || after.ObservedAt.Month() != time.January {
		t.Errorf("audit entry %+v before %+v after %+v", e, before, after)
	}
	// Applied: nothing differs any more.
	if sum = reimport(reportimport.ImportOptions{Update: true}); sum.Differ != 0 || sum.Updated != 0 || sum.Existing != 2 {
		t.Errorf("after the update: %+v", sum)
	}
}

// TestNeedsAndLabelsWithinLimits: a row listing more needs and labels than
// a report carries keeps the most severe needs and the first labels, each
// cut at a character boundary, and still imports.
func TestNeedsAndLabelsWithinLimits(t *testing.T) {
	var labels []string
	for _, c := range data.DefaultTaxonomy().Categories {
		labels = append(labels, c.ID)
	}
	for i := 0; len(labels) < data.MaxSourceCategories+5; i++ {
		labels = append(labels, "Étiquette "+itoa(i)+" "+strings.Repeat("é", data.MaxSourceCategoryLen))
	}
	m := mustMapping(t, `{"unmapped": "other"}`)
	src := "#,INCIDENT DATE,CATEGORY,LATITUDE,LONGITUDE\n1,2010-01-14,\"" + strings.Join(labels, ", ") + "\",18.54,-72.33\n"
	p, err := reportimport.Parse([]byte(src), reportimport.Options{Now: now, Mapping: m})
	if err != nil || len(p.Rows) != 1 {
		t.Fatalf("%v rows %+v rejected %+v", err, p.Rows, p.Rejected)
	}
	r := p.Rows[0].Report
	if len(r.Needs) != data.MaxNeeds || r.Category != "fire" || r.Needs[0] != "fire" {
		t.Errorf("needs %v, category %s", r.Needs, r.Category)
	}
	if len(r.SourceCategories) != data.MaxSourceCategories {
		t.Errorf("%d source labels", len(r.SourceCategories))
	}
	for _, l := range r.SourceCategories {
		if len(l) > data.MaxSourceCategoryLen || !utf8.ValidString(l) {
			t.Errorf("label of %d bytes, valid UTF-8 %v", len(l), utf8.ValidString(l))
		}
	}
}

// TestSourceLabelsKeepNoContactDetails: a category column holding free
// text with a phone number or an e-mail address does not publish it as a
// source label.
func TestSourceLabelsKeepNoContactDetails(t *testing.T) {
	src := "#,INCIDENT DATE,CATEGORY,LATITUDE,LONGITUDE\n" +
		"1,2010-01-14,\"Fire, call Jean 3456-7890, Flood\",18.54,-72.33\n" +
		"2,2010-01-14,\"Fire, write to jean@example.org\",18.54,-72.33\n" +
		"3,2010-01-14,\"Fire, 2010 earthquake\",18.54,-72.33\n"
	p, err := reportimport.Parse([]byte(src), reportimport.Options{Now: now})
	if err != nil || len(p.Rows) != 3 {
		t.Fatalf("%v %+v", err, p)
	}
	for i, want := range [][]string{{"Fire", "Flood"}, {"Fire"}, {"Fire", "2010 earthquake"}} {
		if got := p.Rows[i].Report.SourceCategories; !slices.Equal(got, want) {
			t.Errorf("row %d: source labels %q, want %q", i+1, got, want)
		}
	}
}
