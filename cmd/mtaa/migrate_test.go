package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	bolt "go.etcd.io/bbolt"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/boltkv"
	"github.com/mtaa-project/mtaa/internal/pgcluster/pgtest"
	"github.com/mtaa-project/mtaa/server"
)

// runMTAA runs mtaa with args in this process and returns its exit
// status, stdout and stderr.
func runMTAA(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// fillDeployment stores what a deployment holds in the bbolt store of
// dir: reports of every kind (placed, staged, sensitive, with a public
// text, rejected, from SMS), accounts with a session and a token, an SMS
// conversation outcome and an outbound SMS.
func fillDeployment(t *testing.T, dir string) {
	t.Helper()
	ctx := context.Background()
	s, err := data.Open(dir, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 12, 6, 9, 30, 0, 0, time.UTC)
	report := func(i int, cat string) data.Report {
		return data.Report{Category: cat, Description: fmt.Sprintf("report %d: call 0712 345 6%02d", i, i%100),
			Location: orb.Point{39.2 + float64(i%17)*0.0031, -6.8 - float64(i/17)*0.0029}, LocationSource: data.SourceGPS,
			ObservedAt: now.Add(-time.Duration(i) * time.Minute), ReceivedAt: now, Channel: data.ChannelWeb, Status: data.StatusVerified}
	}
	cats := []string{"flood", "water_supply", "security", "blocked_drain"}
	var many []data.Report
	for i := range 120 {
		many = append(many, report(i, cats[i%len(cats)]))
	}
	if _, err := s.CreateMany(ctx, many); err != nil { // placed at once
		t.Fatal(err)
	}
	for i := 120; i < 150; i++ { // staged (fewer than the stager moves)
		r := report(i, cats[i%len(cats)])
		if i%5 == 0 {
			r.Status = data.StatusRejected
		}
		if _, err := s.Create(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	text := "Flooded road near the market"
	if _, _, err := s.UpdateReport(ctx, 1, data.ReportUpdate{Actor: data.Actor{Name: "test"}, At: now,
		Change: func(r *data.Report) error { r.PublicText = &text; return nil }}); err != nil {
		t.Fatal(err)
	}
	u, err := s.CreateUser(ctx, data.User{Name: "Amina", Email: "amina@example.org", Role: data.RoleModerator,
		PasswordHash: "x", CreatedAt: now}, data.Actor{Name: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.CreateSession(ctx, u.ID, now, time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.CreateToken(ctx, u.Email, data.RoleModerator, "qgis", data.Actor{Name: "test"}, now); err != nil {
		t.Fatal(err)
	}
	sr := report(150, "water_supply")
	sr.Channel, sr.Status, sr.Reporter, sr.RawText = data.ChannelSMS, data.StatusNew, "sms:0a1b2c", "MAJI hakuna 0712345678"
	if _, err := s.CommitSMS(ctx, data.SMSOutcome{MessageKey: "twilio:SM1", PhoneHash: "0a1b2c", Report: &sr,
		Reply:      func(id uint64) string { return fmt.Sprintf("report #%d", id) },
		Subscriber: &data.Subscriber{PhoneHash: "0a1b2c", Lang: "sw", Joined: true, AreaName: "Kigogo", UpdatedAt: now}}); err != nil {
		t.Fatal(err)
	}
	if err := s.QueueOutbound(ctx, data.Outbound{ID: data.NewOutboundID(), Gateway: "twilio", PhoneHash: "0a1b2c",
		SealedPhone: []byte{1, 2, 3}, Text: "Maji yatarudi kesho", Status: data.OutboundQueued, NextAttemptAt: now,
		CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
}

// dumpFile returns every bucket, key, value and sequence of the database
// file in dir, one line each, except data's note of the rules the
// PostgreSQL reports table was written with.
func dumpFile(t *testing.T, dir string) []string {
	t.Helper()
	db, err := boltkv.Open(filepath.Join(dir, data.FileName), 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out []string
	var walk func(path string, b kv.Bucket)
	walk = func(path string, b kv.Bucket) {
		out = append(out, fmt.Sprintf("%s seq=%d", path, b.Sequence()))
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			switch {
			case v == nil && b.Bucket(k) != nil:
				walk(fmt.Sprintf("%s/%x", path, k), b.Bucket(k))
			case path == "meta" && string(k) == "pg_projection":
			default:
				out = append(out, fmt.Sprintf("%s %x=%x", path, k, v))
			}
		}
	}
	err = db.View(func(tx kv.Tx) error {
		return tx.ForEachBucket(func(name []byte) error {
			walk(string(name), tx.Bucket(name))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// storeGets serves the store through the real server (public, unverified
// reports shown, a fixed clock and address) and GETs each path.
func storeGets(t *testing.T, s *data.Store, paths ...string) [][]byte {
	t.Helper()
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	ts := httptest.NewServer(server.New(server.Config{PublicURL: "http://mtaa.test", PublicUnverified: true},
		server.Deps{Store: s, Now: func() time.Time { return now }}).Handler())
	defer ts.Close()
	var out [][]byte
	for _, p := range paths {
		resp, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %v %s", p, resp.StatusCode, err, b)
		}
		out = append(out, b)
	}
	return out
}

var exportPaths = []string{"/api/v1/export/reports.geojson", "/api/v1/export/reports.csv", "/ogc/collections/reports/items?limit=1000"}

// TestMigrateRoundTrip moves a bbolt deployment into PostgreSQL and back
// with mtaa migrate: the database file that comes back holds every
// bucket, key and value of the first (accounts, sessions, tokens, SMS
// state, outbox, audit log, staged reports), the GeoJSON and CSV exports
// and the OGC items are byte for byte the same from all three stores,
// and the view reports_public holds exactly the OGC API's public
// Features at their public points. Copying into a database or directory
// that holds data is refused and changes nothing. mtaa backup --store
// writes the backup format of a data directory, and mtaa restore brings
// it back into a directory, the same again.
func TestMigrateRoundTrip(t *testing.T) {
	ctx := context.Background()
	first, back := t.TempDir(), filepath.Join(t.TempDir(), "back")
	fillDeployment(t, first)
	want := dumpFile(t, first)
	url := pgtest.NewDatabase(t)

	code, out, errOut := runMTAA("migrate", "--from", first, "--to", url, "--public-unverified")
	if code != 0 || !strings.Contains(out, "151 reports") {
		t.Fatalf("migrate to PostgreSQL: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runMTAA("migrate", "--from", url, "--to", back)
	if code != 0 || !strings.Contains(out, "151 reports") {
		t.Fatalf("migrate back: exit %d\n%s%s", code, out, errOut)
	}
	if got := dumpFile(t, back); !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("after the round trip, line %d of %d: %s\nwas %s", i, len(want), got[i], want[i])
			}
		}
		t.Fatalf("after the round trip %d lines, was %d", len(got), len(want))
	}

	// Refusals: a database with data, a directory with a database.
	code, _, errOut = runMTAA("migrate", "--from", first, "--to", url)
	if code != 1 || !strings.Contains(errOut, "not empty") || !strings.Contains(errOut, "meta") {
		t.Errorf("migrate into a database with data: exit %d, %q", code, errOut)
	}
	code, _, errOut = runMTAA("migrate", "--from", url, "--to", back)
	if code != 1 || !strings.Contains(errOut, "already holds a database") {
		t.Errorf("migrate into a directory with a database: exit %d, %q", code, errOut)
	}
	if got := dumpFile(t, back); !slices.Equal(got, want) {
		t.Errorf("a refused migrate changed the directory")
	}
	if code, _, errOut = runMTAA("migrate", "--from", first); code != 2 || !strings.Contains(errOut, "--to") {
		t.Errorf("migrate without --to: exit %d, %q", code, errOut)
	}

	open := func(dir string) *data.Store {
		s, err := data.Open(dir, data.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	pg, db, err := data.OpenPostgres(ctx, url, t.TempDir(), data.Options{ReadOnly: true}, data.PostgresOptions{PublicUnverified: true})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	fromFirst, fromPG, fromBack := storeGets(t, open(first), exportPaths...), storeGets(t, pg, exportPaths...), storeGets(t, open(back), exportPaths...)
	for i, p := range exportPaths {
		if !bytes.Equal(fromPG[i], fromFirst[i]) || !bytes.Equal(fromBack[i], fromFirst[i]) {
			t.Errorf("GET %s differs between bbolt (%d bytes), PostgreSQL (%d) and bbolt again (%d)", p, len(fromFirst[i]), len(fromPG[i]), len(fromBack[i]))
		}
	}
	if !bytes.Contains(fromFirst[1], []byte(data.RedactedPhone)) || bytes.Contains(fromFirst[1], []byte("0712")) {
		t.Errorf("the CSV export shows the redacted descriptions only")
	}

	// reports_public holds exactly the OGC API's public Features.
	var items struct {
		Features []struct {
			ID       uint64 `json:"id"`
			Geometry struct {
				Coordinates [2]float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties struct {
				Description string `json:"description"`
				Status      string `json:"status"`
				Generalised bool   `json:"location_generalised"`
			} `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(fromPG[2], &items); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Pool().Query(ctx, `SELECT id, ST_X(geom), ST_Y(geom), description, status, location_generalised FROM reports_public ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		id         uint64
		lon, lat   float64
		desc, st   string
		generalise bool
	}
	var view []row
	for rows.Next() {
		var r row
		var id int64
		if err := rows.Scan(&id, &r.lon, &r.lat, &r.desc, &r.st, &r.generalise); err != nil {
			t.Fatal(err)
		}
		r.id = uint64(id)
		view = append(view, r)
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	var api []row
	generalised := 0
	for _, f := range items.Features {
		p := f.Properties
		api = append(api, row{f.ID, f.Geometry.Coordinates[0], f.Geometry.Coordinates[1], p.Description, p.Status, p.Generalised})
		if p.Generalised {
			generalised++
		}
	}
	slices.SortFunc(api, func(a, b row) int { return int(a.id) - int(b.id) })
	if len(api) == 0 || generalised == 0 || !slices.Equal(view, api) {
		t.Errorf("reports_public (%d rows) differs from the OGC API's public items (%d, %d generalised)", len(view), len(api), generalised)
	}

	// Backup of the PostgreSQL deployment, restored into a directory.
	archive := filepath.Join(t.TempDir(), "pg.tar.gz")
	code, out, errOut = runMTAA("backup", "--store", url, "--data", t.TempDir(), "--to", archive)
	if code != 0 || !strings.Contains(out, "copied from the database") {
		t.Fatalf("backup --store: exit %d\n%s%s", code, out, errOut)
	}
	restored := filepath.Join(t.TempDir(), "restored")
	if code, out, errOut = runMTAA("restore", "--data", restored, "--from", archive); code != 0 {
		t.Fatalf("restore: exit %d\n%s%s", code, out, errOut)
	}
	if got := dumpFile(t, restored); !slices.Equal(got, want) {
		t.Errorf("the restored backup of PostgreSQL differs from the first database (%d lines, want %d):\n%s", len(got), len(want), lineDiff(want, got))
	}
	if _, err := os.Stat(filepath.Join(restored, data.FileName)); err != nil {
		t.Error(err)
	}
}

// lineDiff lists the lines only in want (-) and only in got (+).
func lineDiff(want, got []string) string {
	var b strings.Builder
	for _, l := range want {
		if !slices.Contains(got, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range got {
		if !slices.Contains(want, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}
