package reportimport_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/reportimport"
)

// parseCategory runs one Ushahidi row with the given CATEGORY cell and
// returns the category it got, or the rejection code.
func parseCategory(t *testing.T, m *reportimport.Mapping, cell string) string {
	t.Helper()
	src := "#,INCIDENT DATE,CATEGORY,LATITUDE,LONGITUDE\n1,2010-01-14 12:00:00,\"" + cell + "\",18.54,-72.33\n"
	p, err := reportimport.Parse([]byte(src), reportimport.Options{Mapping: m, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) == 1 {
		return p.Rows[0].Report.Category
	}
	return "rejected:" + p.Rejected[0].Code
}

func TestCategoryLabels(t *testing.T) {
	mapping, err := reportimport.ParseMapping(strings.NewReader(`{"categories": {
		"5. Autres | Other, misc": "other",
		"Vol de bétail": "security",
		"2c. Electricite | Power": "electricity"}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		cell, want string
	}{
		{"2a. Penurie d'aliments | Food Shortage,", "food"},
		{"Penurie d'aliments", "food"},       // the French side alone, by keyword
		{"flood", "flood"},                   // a taxonomy id
		{"water_supply", "water_supply"},     // an id with an underscore
		{"Blocked drain", "blocked_drain"},   // an English label
		{"Caniveau bouché", "blocked_drain"}, // a French label
		{"Mtaro ulioziba", "blocked_drain"},  // a Swahili label
		{"FIRE", "fire"},
		// The most severe of several categories wins.
		{"1. Urgences | Emergency, 7b. Water Shortage, 4. Incendie | Fire,", "fire"},
		// Mapping file labels, folded: case, accents and numbering.
		{"VOL DE BETAIL", "security"},
		{"2c. electricité | power", "electricity"},
		{"7. Electricite | Power", "electricity"}, // renumbered in a later export
		// A mapped label that contains a comma stays one label.
		{"5. Autres | Other, misc", "other"},
		// Parents without a category of their own, alone: rejected.
		{"1. Urgences | Emergency, 2. Lignes vitales | Vital Lines", "rejected:unknown_category"},
		// A near miss of another keyword is not a match ("braquage").
		{"Bloquage", "rejected:unknown_category"},
		{"", "rejected:missing_field"},
		{" , ,", "rejected:missing_field"},
	}
	for _, tt := range tests {
		if got := parseCategory(t, mapping, tt.cell); got != tt.want {
			t.Errorf("%q -> %s, want %s", tt.cell, got, tt.want)
		}
	}
}

func TestUnmappedOther(t *testing.T) {
	m, err := reportimport.ParseMapping(strings.NewReader(`{"unmapped": "other"}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := parseCategory(t, m, "9. Divers | Miscellaneous"); got != "other" {
		t.Errorf("unmapped label -> %s, want other", got)
	}
	if got := parseCategory(t, m, ""); got != "other" {
		t.Errorf("empty category with unmapped other -> %s, want other", got)
	}
}

func TestDates(t *testing.T) {
	dmy, err := reportimport.ParseMapping(strings.NewReader(`{"date_order": "DMY", "timezone": "+03:00"}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	mdy, err := reportimport.ParseMapping(strings.NewReader(`{"date_order": "mdy"}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		date    string
		mapping *reportimport.Mapping
		want    string // RFC 3339 UTC, or "rejected"
	}{
		{"2010-01-14 12:00:00", nil, "2010-01-14T12:00:00Z"},
		{"2010-01-14 12:00", nil, "2010-01-14T12:00:00Z"},
		{"2010-01-14", nil, "2010-01-14T00:00:00Z"},
		{"01/14/2010 12:00", nil, "2010-01-14T12:00:00Z"},
		{"1/4/2010 9:05", mdy, "2010-01-04T09:05:00Z"},
		{"1/4/2010 9:05", dmy, "2010-04-01T06:05:00Z"},
		{"28/06/2010 23:06", nil, "2010-06-28T23:06:00Z"}, // day first, detected
		{"28.06.2010 23:06", nil, "2010-06-28T23:06:00Z"},
		{"2010/06/28 23:06", nil, "2010-06-28T23:06:00Z"},
		{"1263470400", nil, "2010-01-14T12:00:00Z"}, // epoch seconds
		{"1263470400.25", nil, "2010-01-14T12:00:00.25Z"},
		{"1263470400000", nil, "2010-01-14T12:00:00Z"}, // epoch milliseconds
		{"1263470400000", dmy, "2010-01-14T12:00:00Z"}, // an epoch has no zone to apply
		{"2010-01-14T12:00Z", nil, "2010-01-14T12:00:00Z"},
		{"31/02/2010 12:00", nil, "rejected"},
		{"14/01/2010 25:00", nil, "rejected"},
		{"01/14/2010 09:15 pm", nil, "2010-01-14T21:15:00Z"},
		{"01/14/2010", nil, "2010-01-14T00:00:00Z"},
		{"2026-10-02T08:12:30.123+03:00", nil, "2026-10-02T05:12:30.123Z"},
		{"2026-10-02T05:20:11", nil, "2026-10-02T05:20:11Z"},
		{"2026-10-02T05:20:11.5", nil, "2026-10-02T05:20:11.5Z"},
		{"2026-10-02T08:12:30+0300", nil, "2026-10-02T05:12:30Z"},
		{"14/01/2010 12:00", dmy, "2010-01-14T09:00:00Z"},
		{"2010-01-14 12:00:00", dmy, "2010-01-14T09:00:00Z"},
		{"2026-10-02T08:00:00Z", dmy, "2026-10-02T08:00:00Z"}, // a zone in the value wins
		{"14/01/2010 12:00", nil, "2010-01-14T12:00:00Z"},
		{"01/14/2010 12:00", dmy, "rejected"},
		{"2010-02-30 12:00:00", nil, "rejected"},
		{"yesterday", nil, "rejected"},
		{"1969-12-31 23:00:00", nil, "rejected"},
	}
	for _, tt := range tests {
		src := "#,INCIDENT DATE,CATEGORY,LATITUDE,LONGITUDE\n1," + tt.date + ",fire,18.54,-72.33\n"
		p, err := reportimport.Parse([]byte(src), reportimport.Options{Mapping: tt.mapping, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		got := "rejected"
		if len(p.Rows) == 1 {
			got = p.Rows[0].Report.ObservedAt.Format("2006-01-02T15:04:05.999999999Z07:00")
		} else if p.Rejected[0].Code != reportimport.CodeBadDate {
			t.Errorf("%q: rejected as %s, want %s", tt.date, p.Rejected[0].Code, reportimport.CodeBadDate)
		}
		if got != tt.want {
			t.Errorf("%q -> %s, want %s", tt.date, got, tt.want)
		}
	}
}

func TestParseMappingRejects(t *testing.T) {
	for _, src := range []string{
		`{"categories": {"Food Shortage": "nourriture"}}`, // not a category id
		`{"categories": {"...": "food"}}`,                 // no letters
		`{"categories": {"Fire!": "fire", "fire": "flood"}}`,
		`{"unmapped": "guess"}`,
		`{"unapproved": "maybe"}`,
		`{"date_order": "ymd"}`,
		`{"geometry": "bbox"}`,
		`{"defaults": {"category": "nope"}}`,
		`{"defaults": {"observed_at": "someday"}}`,
		`{"timezone": "Mars/Olympus_Mons"}`,
		`{"timezone": "+25:00"}`,
		`{"source": "haiti 2010"}`,
		`{"sorce": "haiti"}`, // unknown member
		`{"fields": {"lat": "y"}}`,
		`not json`,
	} {
		if _, err := reportimport.ParseMapping(strings.NewReader(src), nil); err == nil {
			t.Errorf("ParseMapping(%s) accepted it", src)
		}
	}
}

func TestDeploymentAreaIsInclusive(t *testing.T) {
	area := orb.Bound{Min: orb.Point{39.2, -6.9}, Max: orb.Point{39.3, -6.7}}
	src := "#,INCIDENT DATE,CATEGORY,LATITUDE,LONGITUDE\n1,2026-10-01,fire,-6.9,39.2\n2,2026-10-01,fire,-6.9,39.3000001\n"
	p, err := reportimport.Parse([]byte(src), reportimport.Options{Area: area, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 1 || p.Rows[0].Line != 2 || len(p.Rejected) != 1 || p.Rejected[0].Code != reportimport.CodeOutsideArea {
		t.Errorf("rows %+v rejected %+v", p.Rows, p.Rejected)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 7, 64) }
