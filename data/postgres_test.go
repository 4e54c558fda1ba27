package data_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/internal/pgcluster/pgtest"
)

// openPostgres opens the store of dir in the database at url and closes
// it when the test ends (closing twice is harmless).
func openPostgres(t *testing.T, url, dir string, opts data.Options, pg data.PostgresOptions) (*data.Store, *data.PostgresDB) {
	t.Helper()
	s, db, err := data.OpenPostgres(context.Background(), url, dir, opts, pg)
	if err != nil {
		t.Fatalf("OpenPostgres: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, db
}

// publicRow is a row of reports_public as JSON (row_to_json), with the
// geometry's coordinates.
type publicRow struct {
	json     string
	fields   map[string]any
	lon, lat float64
}

// publicRows reads reports_public by id.
func publicRows(t *testing.T, db *data.PostgresDB) map[uint64]publicRow {
	t.Helper()
	rows, err := db.Pool().Query(context.Background(),
		`SELECT id, row_to_json(v)::text, ST_X(geom), ST_Y(geom) FROM reports_public v ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	out := map[uint64]publicRow{}
	for rows.Next() {
		var id int64
		var r publicRow
		if err := rows.Scan(&id, &r.json, &r.lon, &r.lat); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(r.json), &r.fields); err != nil {
			t.Fatal(err)
		}
		out[uint64(id)] = r
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// samePublic checks that the view's row for id says what the store's
// public Feature of id says (the Feature the OGC API and the map serve).
func samePublic(t *testing.T, s *data.Store, id uint64, r publicRow) {
	t.Helper()
	raw, err := s.FeatureFor(id, data.AudiencePublic)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Geometry struct {
			Coordinates [2]float64 `json:"coordinates"`
		} `json:"geometry"`
		Properties map[string]any `json:"properties"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	if r.lon != f.Geometry.Coordinates[0] || r.lat != f.Geometry.Coordinates[1] {
		t.Errorf("report %d: view point %v,%v, Feature %v", id, r.lon, r.lat, f.Geometry.Coordinates)
	}
	for _, k := range []string{"status", "category", "needs", "source_categories", "channel", "location_source", "description",
		"accuracy_m", "location_confidence", "not_in_osm"} {
		if got, want := fmt.Sprint(r.fields[k]), fmt.Sprint(f.Properties[k]); got != want {
			t.Errorf("report %d: view %s = %s, Feature %s", id, k, got, want)
		}
	}
	gen, _ := f.Properties["location_generalised"].(bool)
	if r.fields["location_generalised"] != gen {
		t.Errorf("report %d: view location_generalised %v, Feature %v", id, r.fields["location_generalised"], gen)
	}
	for _, k := range []string{"observed_at", "received_at"} {
		got, err1 := time.Parse(time.RFC3339Nano, r.fields[k].(string))
		want, err2 := time.Parse(time.RFC3339, f.Properties[k].(string))
		if err := errors.Join(err1, err2); err != nil || !got.Truncate(time.Second).Equal(want) {
			t.Errorf("report %d: view %s %v, Feature %v (%v)", id, k, got, want, err)
		}
	}
}

// TestPostgresReportsPublic stores a normal report, a sensitive one, a
// rejected one and an unverified one in PostgreSQL and reads the view
// reports_public: only the two public ones, at their public points (the
// sensitive one's generalised, not exact), without phone numbers, raw SMS
// text or reporters, and saying what their public Features say; the
// table keeps the exact point. Updates (verify, public text, location,
// duplicate) change the rows in the same transaction.
func TestPostgresReportsPublic(t *testing.T) {
	ctx := context.Background()
	url, dir := pgtest.NewDatabase(t), t.TempDir()
	s, db := openPostgres(t, url, dir, data.Options{}, data.PostgresOptions{})
	now := time.Now().UTC().Truncate(time.Second)
	mk := func(cat string, p orb.Point, st data.Status, desc string) uint64 {
		r := data.Report{Category: cat, Description: desc, Location: p, LocationSource: data.SourceGPS,
			ObservedAt: now.Add(-time.Hour), ReceivedAt: now, Channel: data.ChannelSMS, Status: st,
			Reporter: "sms:deadbeefcafe", RawText: "RAWSMS maji hakuna 0712345678"}
		acc := 12.5
		r.AccuracyM = &acc
		if cat == "water_supply" {
			r.SourceCategories = []string{"Penurie d'eau | Water", `x<y & "z"`}
		}
		res, err := s.Create(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		return res.Report.ID
	}
	normal := mk("water_supply", orb.Point{39.2012345, -6.8012345}, data.StatusVerified, "Tap broken, call me on 0712 345 678")
	exact := orb.Point{39.2456789, -6.8156789}
	sensitive := mk("security", exact, data.StatusVerified, "mugging here, ring +255 712 345 679 or x@example.org")
	rejected := mk("flood", orb.Point{39.21, -6.81}, data.StatusRejected, "not a flood")
	pending := mk("flood", orb.Point{39.22, -6.82}, data.StatusNew, "water to the knees")

	rows := publicRows(t, db)
	if ids := slices.Sorted(maps.Keys(rows)); !slices.Equal(ids, []uint64{normal, sensitive}) {
		t.Fatalf("reports_public has %v, want the public %v (not rejected %d nor unverified %d)", ids, []uint64{normal, sensitive}, rejected, pending)
	}
	for id, r := range rows {
		samePublic(t, s, id, r)
		for _, secret := range []string{"0712", "345 67", "RAWSMS", "deadbeef", "x@example", "39.2456789", "6.8156789"} {
			if strings.Contains(r.json, secret) {
				t.Errorf("reports_public row %d shows %q: %s", id, secret, r.json)
			}
		}
	}
	g := data.GeneralisePoint(exact)
	if r := rows[sensitive]; r.lon != g[0] || r.lat != g[1] || r.fields["accuracy_m"] != nil || r.fields["location_generalised"] != true {
		t.Errorf("sensitive report in the view: %v,%v %s; want the cell centre %v without accuracy", r.lon, r.lat, r.json, g)
	}
	if d := rows[normal].fields["description"]; d != "Tap broken, call me on "+data.RedactedPhone {
		t.Errorf("normal report's public description %q", d)
	}
	var lon, lat float64
	var desc string
	if err := db.Pool().QueryRow(ctx, "SELECT ST_X(geom), ST_Y(geom), description FROM reports WHERE id = $1", int64(sensitive)).
		Scan(&lon, &lat, &desc); err != nil {
		t.Fatal(err)
	}
	if lon != exact[0] || lat != exact[1] || !strings.Contains(desc, "+255 712 345 679") {
		t.Errorf("table reports: sensitive report at %v,%v %q; want the exact point and the text as sent", lon, lat, desc)
	}

	updatedAt := func(id uint64) time.Time {
		var at time.Time
		if err := db.Pool().QueryRow(ctx, "SELECT updated_at FROM reports WHERE id = $1", int64(id)).Scan(&at); err != nil {
			t.Fatal(err)
		}
		return at
	}
	if at := updatedAt(normal); !at.Equal(now) {
		t.Errorf("updated_at of an unchanged report %v, want its received_at %v", at, now)
	}
	update := func(id uint64, change func(*data.Report)) {
		t.Helper()
		_, _, err := s.UpdateReport(ctx, id, data.ReportUpdate{Actor: data.Actor{Name: "test"}, At: time.Now(),
			Change: func(r *data.Report) error { change(r); return nil }})
		if err != nil {
			t.Fatal(err)
		}
	}
	update(pending, func(r *data.Report) { r.Status = data.StatusVerified })
	text := "Tap broken near the market"
	update(normal, func(r *data.Report) { r.PublicText = &text })
	moved := orb.Point{39.2611111, -6.8322222}
	update(sensitive, func(r *data.Report) { r.Location = moved })
	rows = publicRows(t, db)
	if _, ok := rows[pending]; !ok {
		t.Errorf("verified report %d is not in reports_public", pending)
	}
	if d := rows[normal].fields["description"]; d != text {
		t.Errorf("public text: view says %q, want %q", d, text)
	}
	if at := updatedAt(normal); !at.After(now) {
		t.Errorf("updated_at %v did not move with the public text", at)
	}
	if g := data.GeneralisePoint(moved); rows[sensitive].lon != g[0] || rows[sensitive].lat != g[1] {
		t.Errorf("moved sensitive report at %v,%v in the view, want %v", rows[sensitive].lon, rows[sensitive].lat, g)
	}
	for id, r := range rows {
		samePublic(t, s, id, r)
	}
	update(normal, func(r *data.Report) { r.Status, r.DuplicateOf = data.StatusDuplicate, pending })
	update(normal, func(r *data.Report) { r.PublicText = nil })
	if _, ok := publicRows(t, db)[normal]; ok {
		t.Errorf("report %d marked duplicate is still in reports_public", normal)
	}
	var n int
	var pt *string
	if err := db.Pool().QueryRow(ctx, "SELECT count(*), max(public_text) FROM reports WHERE id = $1", int64(normal)).Scan(&n, &pt); err != nil || n != 1 || pt != nil {
		t.Errorf("table row of the duplicate: %d rows, public text %v, %v", n, pt, err)
	}
	var count int
	if err := db.Pool().QueryRow(ctx, "SELECT count(*) FROM reports").Scan(&count); err != nil || count != 4 {
		t.Errorf("table reports has %d rows (%v), want 4", count, err)
	}
}

// TestPostgresReportsStagedAndRules creates enough reports one by one
// that the store moves them from their staging bucket to their place
// (every row stays, once), then opens the database again with a taxonomy
// in which water_supply is sensitive: the rows are written again, and the
// view generalises those reports too.
func TestPostgresReportsStagedAndRules(t *testing.T) {
	ctx := context.Background()
	url, dir := pgtest.NewDatabase(t), t.TempDir()
	s, db := openPostgres(t, url, dir, data.Options{}, data.PostgresOptions{PublicUnverified: true})
	const n = 300
	now := time.Now().UTC()
	var ids []uint64
	for i := range n {
		r := data.Report{Category: "water_supply", Description: fmt.Sprintf("report %d", i),
			Location: orb.Point{39.2 + float64(i%20)*0.00123, -6.8 - float64(i/20)*0.00123}, LocationSource: data.SourceGPS,
			ObservedAt: now, ReceivedAt: now, Channel: data.ChannelWeb, Status: data.StatusNew}
		res, err := s.Create(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.Report.ID)
	}
	var staged, placed int
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		err := db.Pool().QueryRow(ctx, `SELECT count(*) FILTER (WHERE length(record_key) = 8),
			count(*) FILTER (WHERE length(record_key) = 16) FROM reports`).Scan(&staged, &placed)
		if err != nil {
			t.Fatal(err)
		}
		if staged == 0 || time.Now().After(deadline) {
			break
		}
	}
	if staged != 0 || placed != n {
		t.Fatalf("after the staged reports moved: %d rows staged, %d placed; want 0 and %d", staged, placed, n)
	}
	rows := publicRows(t, db) // unverified reports are public here
	if got := slices.Sorted(maps.Keys(rows)); !slices.Equal(got, ids) {
		t.Fatalf("reports_public has %d reports, want %d", len(got), len(ids))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	tax := data.DefaultTaxonomy()
	for i := range tax.Categories {
		if tax.Categories[i].ID == "water_supply" {
			tax.Categories[i].Sensitive = true
		}
	}
	s, db = openPostgres(t, url, dir, data.Options{Taxonomy: tax}, data.PostgresOptions{PublicUnverified: true})
	rows = publicRows(t, db)
	if len(rows) != n {
		t.Fatalf("reports_public has %d reports after the rules changed, want %d", len(rows), n)
	}
	for _, id := range ids {
		r := rows[id]
		if r.fields["location_generalised"] != true {
			t.Fatalf("report %d not generalised after water_supply became sensitive: %s", id, r.json)
		}
		samePublic(t, s, id, r)
	}
	var changes int64
	if err := db.Pool().QueryRow(ctx, "SELECT count(*) FROM kv_changes").Scan(&changes); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// Opened again with the same rules, nothing is written.
	s, db = openPostgres(t, url, dir, data.Options{Taxonomy: tax}, data.PostgresOptions{PublicUnverified: true})
	var after int64
	if err := db.Pool().QueryRow(ctx, "SELECT count(*) FROM kv_changes").Scan(&after); err != nil {
		t.Fatal(err)
	}
	if after != changes {
		t.Errorf("opening with unchanged rules wrote %d change rows", after-changes)
	}
	_ = s
}

// TestPostgresReportsOddText stores a report whose description holds a
// NUL byte (text in PostgreSQL cannot): the report is stored and its row
// shows U+FFFD instead.
func TestPostgresReportsOddText(t *testing.T) {
	ctx := context.Background()
	s, db := openPostgres(t, pgtest.NewDatabase(t), t.TempDir(), data.Options{}, data.PostgresOptions{})
	now := time.Now().UTC()
	res, err := s.Create(ctx, data.Report{Category: "flood", Description: "a\x00b", Location: orb.Point{39.2, -6.8},
		LocationSource: data.SourceGPS, ObservedAt: now, ReceivedAt: now, Channel: data.ChannelWeb, Status: data.StatusVerified})
	if err != nil {
		t.Fatal(err)
	}
	var desc string
	err = db.Pool().QueryRow(ctx, "SELECT description FROM reports_public WHERE id = $1", int64(res.Report.ID)).Scan(&desc)
	if errors.Is(err, pgx.ErrNoRows) || err != nil || desc != "a\uFFFDb" {
		t.Errorf("description %q, %v", desc, err)
	}
}
