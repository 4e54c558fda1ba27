package server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/data/kv/kvtest"
	"github.com/mtaa-project/mtaa/server"
)

// TestCorruptRecordOnRead: a record damaged while the server runs is
// reported, never served as wrong values nor cut silently: GET answers 500
// corrupt_record; an export that meets it in its first batch answers the
// same error before streaming; one that meets it later ends with a line
// saying the export is incomplete, then is cut.
func TestCorruptRecordOnRead(t *testing.T) {
	kvtest.BoltOnly(t, "damages a record in the bbolt file under the running server")
	st, dir := datatest.NewStore(t)
	var batch []data.Report
	for i := range 1100 {
		r := datatest.Report(orb.Point{39.2 + float64(i%100)/1000, -6.8}, "flood", now)
		r.Status = data.StatusVerified
		r.Description = "report " + strconv.Itoa(i)
		if i == 1099 {
			r.Description = "flipme: the last report"
		}
		batch = append(batch, r)
	}
	if _, err := st.CreateMany(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	srv := server.New(server.Config{}, server.Deps{Store: st, Now: func() time.Time { return now }})
	ts := &testServer{t: t, store: st, dir: dir, h: srv.Handler()}
	datatest.FlipLast(t, filepath.Join(dir, data.FileName), "flipme: the last")

	if r := ts.get("/api/v1/reports/1100"); r.Status != http.StatusInternalServerError || decode[apiErr](t, r.Body).Error.Code != "corrupt_record" {
		t.Fatalf("GET: %d %s", r.Status, r.Body)
	}
	if r := ts.get("/api/v1/reports/1099"); r.Status != http.StatusOK {
		t.Fatalf("an intact neighbour: %d %s", r.Status, r.Body)
	}
	small := ts.get("/api/v1/export/reports.geojson?offset=1050")
	if small.Status != http.StatusInternalServerError || decode[apiErr](t, small.Body).Error.Code != "corrupt_record" ||
		small.Header.Get("Content-Disposition") != "" {
		t.Fatalf("export whose first batch is damaged: %d %v %s", small.Status, small.Header, small.Body)
	}

	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	for _, format := range []string{"geojson", "csv"} {
		resp, err := http.Get(hs.URL + "/api/v1/export/reports." + format)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || err == nil {
			t.Errorf("%s: status %d, read error %v: want 200 and a cut stream", format, resp.StatusCode, err)
		}
		if !strings.Contains(string(body), "ERROR: this export is incomplete") || !strings.Contains(string(body), "report 1098") {
			t.Errorf("%s: no error trailer after the intact rows (%d bytes): ...%s", format, len(body), body[max(0, len(body)-300):])
		}
	}
}
