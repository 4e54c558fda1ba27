package server_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/server"
)

const importToken = "import-admin-token"

// newImportServer serves a real store reconciled with a real extract file
// of a small Tandale world (a ward, an informal settlement, a drain),
// whose bounds are the deployment area.
func newImportServer(t *testing.T) *testServer {
	t.Helper()
	st, dir := datatest.NewStore(t)
	datatest.WriteTandaleExtract(t, dir)
	ix, err := mapping.Load(filepath.Join(dir, data.ExtractFileName))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := mapping.LoadRules("")
	if err != nil {
		t.Fatal(err)
	}
	st.SetReconciler(mapping.NewReconciler(ix, rules, st).Reconcile)
	importNow := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	srv := server.New(server.Config{AdminToken: importToken, PublicUnverified: true},
		server.Deps{Store: st, Now: func() time.Time { return importNow }, Extract: func() *mapping.Index { return ix }})
	return &testServer{t: t, store: st, dir: dir, h: srv.Handler()}
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "reportimport", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// form builds a multipart body from name/content pairs.
func form(t *testing.T, parts ...string) (string, *bytes.Buffer) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for i := 0; i+1 < len(parts); i += 2 {
		fw, err := mw.CreateFormFile(parts[i], parts[i]+".dat")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(parts[i+1]))
	}
	mw.Close()
	return mw.FormDataContentType(), &body
}

type importAnswer struct {
	Format        string
	DryRun        bool `json:"dry_run"`
	Rows          int
	Imported      int
	Existing      int
	RejectedCount int `json:"rejected_count"`
	Rejected      []struct {
		Line     int
		Feature  *int
		SourceID string `json:"source_id"`
		Code     string
		Field    string
		Reason   string
	}
}

func (ts *testServer) upload(query, contentType string, body io.Reader, token string) response {
	ts.t.Helper()
	if token == "" {
		return ts.do(http.MethodPost, "/api/v1/admin/import-reports"+query, contentType, body)
	}
	return ts.do(http.MethodPost, "/api/v1/admin/import-reports"+query, contentType, body, "Authorization", "Bearer "+token)
}

func TestImportUploadDryRunThenImport(t *testing.T) {
	ts := newImportServer(t)
	kobo := string(fixture(t, "kobo_tandale.geojson"))

	before := ts.fileHash()
	ct, body := form(t, "file", kobo)
	r := ts.upload("?dry_run=true", ct, body, importToken)
	if r.Status != http.StatusOK {
		t.Fatalf("dry run: %d %s", r.Status, r.Body)
	}
	a := decode[importAnswer](t, r.Body)
	if !a.DryRun || a.Format != "geojson" || a.Rows != 9 || a.Imported != 4 || a.Existing != 0 || a.RejectedCount != 5 || len(a.Rejected) != 5 {
		t.Fatalf("dry run answer: %s", r.Body)
	}
	if rj := a.Rejected[0]; rj.Line != 5 || rj.Feature == nil || *rj.Feature != 2 || rj.Code != "missing_field" || rj.Field != "geometry" {
		t.Errorf("first rejection: %+v", rj)
	}
	if ts.fileHash() != before || ts.store.Extent().Count != 0 {
		t.Fatal("the dry run wrote to the database")
	}

	r = ts.upload("", contentTypeGeoJSONForImport, strings.NewReader(kobo), importToken)
	if a = decode[importAnswer](t, r.Body); r.Status != http.StatusOK || a.DryRun || a.Imported != 4 || a.Existing != 0 {
		t.Fatalf("import: %d %s", r.Status, r.Body)
	}
	r = ts.upload("?dry_run=false", contentTypeGeoJSONForImport, strings.NewReader(kobo), importToken)
	if a = decode[importAnswer](t, r.Body); r.Status != http.StatusOK || a.Imported != 0 || a.Existing != 4 || ts.store.Extent().Count != 4 {
		t.Fatalf("re-import: %d %s (%d stored)", r.Status, r.Body, ts.store.Extent().Count)
	}

	// Imported reports are public like any other, reconciled, with no
	// personal data of the source.
	got := ts.get("/api/v1/reports/1")
	f := decode[feature](t, got.Body)
	if got.Status != 200 || f.Properties["channel"] != "import" || f.Properties["category"] != "blocked_drain" ||
		!bytes.Contains(got.Body, []byte(`"Mtogole"`)) || !bytes.Contains(got.Body, []byte(`"Mtaro wa Tandale"`)) ||
		bytes.Contains(got.Body, []byte("+255")) {
		t.Errorf("imported report: %d %s", got.Status, got.Body)
	}
}

const contentTypeGeoJSONForImport = "application/geo+json"

func TestImportUploadUshahidiWithMapping(t *testing.T) {
	ts := newImportServer(t)
	// A Tandale deployment exported from Ushahidi, day-first dates, with a
	// mapping part.
	csv := "#,INCIDENT TITLE,INCIDENT DATE,LOCATION,DESCRIPTION,CATEGORY,LATITUDE,LONGITUDE,APPROVED,VERIFIED\n" +
		"1,Mafuriko Mtogole,02/10/2026 08:00,Mtogole,\"Maji yameingia,\nnyumba 20\",\"1. Dharura | Emergency, 1b. Mafuriko | Flooding,\",-6.8050,39.2460,YES,YES\n" +
		"2,Mtaro,03/10/2026 09:00,Tandale,Mtaro umeziba,3. Mitaro | Drains,-6.8040,39.2470,YES,NO\n" +
		"3,Nairobi,03/10/2026 09:00,Kibera,outside,3. Mitaro | Drains,-1.3133,36.7870,YES,NO\n"
	mappingJSON := `{"source": "tandale-ushahidi", "date_order": "dmy", "timezone": "Africa/Dar_es_Salaam",
		"categories": {"Drains": "blocked_drain"}}`
	ct, body := form(t, "file", csv, "mapping", mappingJSON)
	r := ts.upload("", ct, body, importToken)
	a := decode[importAnswer](t, r.Body)
	if r.Status != 200 || a.Format != "ushahidi" || a.Rows != 3 || a.Imported != 2 || a.RejectedCount != 1 {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	if rj := a.Rejected[0]; rj.Line != 5 || rj.Feature != nil || rj.Code != "outside_area" || rj.SourceID != "3" {
		t.Errorf("rejection: %+v", rj)
	}
	first := decode[feature](t, ts.get("/api/v1/reports/1").Body)
	if first.Properties["category"] != "flood" || first.Properties["status"] != "verified" ||
		first.Properties["observed_at"] != "2026-10-02T05:00:00Z" {
		t.Errorf("first report: %+v", first.Properties)
	}
}

func TestImportUploadRejects(t *testing.T) {
	ts := newImportServer(t)
	kobo := string(fixture(t, "kobo_tandale.geojson"))
	formCT, formBody := form(t, "file", kobo, "mapping", `{"categories": {"x": "nourriture"}}`)
	noFileCT, noFileBody := form(t, "mapping", `{}`)
	extraCT, extraBody := form(t, "file", kobo, "photo", "jpeg")
	twoCT, twoBody := form(t, "file", kobo, "file", kobo)
	huge := io.MultiReader(strings.NewReader(`{"type":"FeatureCollection","features":[`),
		strings.NewReader(strings.Repeat(" ", server.MaxImportBytes)), strings.NewReader("]}"))
	before := ts.fileHash()
	tests := []struct {
		name, query, contentType string
		body                     io.Reader
		token                    string
		status                   int
		code, field, mentions    string
	}{
		{"no token", "", "application/geo+json", strings.NewReader(kobo), "", 401, "login_required", "Authorization", ""},
		{"wrong token", "", "application/geo+json", strings.NewReader(kobo), "guess", 401, "invalid_token", "Authorization", ""},
		{"unknown parameter", "?dryrun=true", "application/geo+json", strings.NewReader(kobo), importToken, 400, "unknown_parameter", "dryrun", ""},
		{"bad dry_run", "?dry_run=maybe", "application/geo+json", strings.NewReader(kobo), importToken, 400, "invalid_parameter", "dry_run", ""},
		{"content type", "", "application/vnd.ms-excel", strings.NewReader(kobo), importToken, 415, "unsupported_media_type", "Content-Type", ""},
		{"too large", "", "application/geo+json", huge, importToken, 413, "too_large", "body", ""},
		{"empty", "", "text/csv", strings.NewReader(""), importToken, 400, "invalid_file", "file", "empty"},
		{"not a known format", "", "text/csv", strings.NewReader("name,x,y\nwell,-6.8,39.2\n"), importToken, 400, "invalid_file", "file", "LATITUDE"},
		{"broken JSON", "", "application/json", strings.NewReader("{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\"},\n{\"type\":\"Feature\",,}]}"),
			importToken, 400, "invalid_file", "file", "line 3 (features[1])"},
		{"bad mapping", "", formCT, formBody, importToken, 400, "invalid_mapping", "mapping", "nourriture"},
		{"no file part", "", noFileCT, noFileBody, importToken, 400, "missing_field", "file", ""},
		{"unknown part", "", extraCT, extraBody, importToken, 400, "unknown_field", "photo", ""},
		{"two file parts", "", twoCT, twoBody, importToken, 400, "invalid_body", "file", ""},
		{"broken form", "", "multipart/form-data; boundary=xyz", strings.NewReader("--xyz\r\nno headers end"), importToken, 400, "invalid_body", "body", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.upload(tt.query, tt.contentType, tt.body, tt.token)
			e := decode[apiErr](t, r.Body)
			if r.Status != tt.status || e.Error.Code != tt.code || e.Error.Field != tt.field || !strings.Contains(e.Error.Message, tt.mentions) {
				t.Errorf("%d %s; want %d %s field %s mentioning %q", r.Status, r.Body, tt.status, tt.code, tt.field, tt.mentions)
			}
		})
	}
	if ts.fileHash() != before || ts.store.Extent().Count != 0 {
		t.Error("a rejected upload wrote to the database")
	}
}

// TestImportUploadUpdate re-uploads a corrected export with ?update=true:
// the stored report is corrected, audited under the admin, and the answer
// says how the file was read and what was rejected and unmapped.
func TestImportUploadUpdate(t *testing.T) {
	ts := newImportServer(t)
	csv := "#,INCIDENT DATE,CATEGORY,DESCRIPTION,LATITUDE,LONGITUDE\n" +
		"1,05/10/2026 08:00,\"1. Dharura | Emergency, Flooding\",maji,-6.8050,39.2460\n" +
		"2,13/10/2026 09:00,Mafuriko,mtaro,-6.8040,39.2470\n" +
		"3,13/10/2026 09:00,Mafuriko,bad,-6.80x,39.2470\n"
	r := ts.upload("", "text/csv", strings.NewReader(csv), importToken)
	type answer struct {
		Imported, Existing, Differ, Updated int
		DateOrder                           string `json:"date_order"`
		Timezone                            string
		ByCode                              []struct {
			Code string
			Rows int
		} `json:"rejected_by_code"`
		Unmapped []struct {
			Label string
			Rows  int
		} `json:"unmapped_labels"`
	}
	a := decode[answer](t, r.Body)
	if r.Status != 200 || a.Imported != 2 || !strings.HasPrefix(a.DateOrder, "day first") || !strings.HasPrefix(a.Timezone, "UTC") ||
		len(a.ByCode) != 1 || a.ByCode[0].Code != "bad_coordinates" || a.ByCode[0].Rows != 1 ||
		len(a.Unmapped) != 1 || a.Unmapped[0].Label != "1. Dharura | Emergency" || a.Unmapped[0].Rows != 1 {
		t.Fatalf("import: %d %s", r.Status, r.Body)
	}
	fixed := strings.Replace(csv, ",maji,", ",maji ndani ya nyumba,", 1)
	r = ts.upload("?dry_run=true&update=true", "text/csv", strings.NewReader(fixed), importToken)
	if a = decode[answer](t, r.Body); r.Status != 200 || a.Existing != 2 || a.Differ != 1 || a.Updated != 0 {
		t.Fatalf("dry run of the update: %d %s", r.Status, r.Body)
	}
	r = ts.upload("?update=true", "text/csv", strings.NewReader(fixed), importToken)
	if a = decode[answer](t, r.Body); r.Status != 200 || a.Differ != 1 || a.Updated != 1 {
		t.Fatalf("update: %d %s", r.Status, r.Body)
	}
	got, err := ts.store.Get(1)
	audit, aerr := ts.store.ReportAudit(1)
	if err != nil || aerr != nil || got.Description != "maji ndani ya nyumba" || len(audit) != 1 ||
		audit[0].Actor.Name != "admin token (--admin-token)" || audit[0].Action != data.ActionModerate {
		t.Errorf("after the update: %v %v %q %+v", err, aerr, got.Description, audit)
	}
	// Every label of the source is kept on the report.
	if got := ts.get("/api/v1/reports/1"); !bytes.Contains(got.Body, []byte(`"source_categories":["1. Dharura | Emergency","Flooding"]`)) {
		t.Errorf("imported report: %s", got.Body)
	}
	if r = ts.upload("?update=maybe", "text/csv", strings.NewReader(fixed), importToken); r.Status != 400 ||
		!bytes.Contains(r.Body, []byte(`"update"`)) {
		t.Errorf("a bad update parameter: %d %s", r.Status, r.Body)
	}
}
