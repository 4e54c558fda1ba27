package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

// runMtaa runs the binary and returns its stdout, stderr and exit code.
func runImportCmd(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(mtaaBinary(t), args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), code
}

// storedFeatures opens the database of dir and returns every report's
// public feature, in id order.
func storedFeatures(t *testing.T, dir string) []byte {
	t.Helper()
	store, err := data.Open(dir, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	b, n, err := store.AppendFeatures(nil, store.Find(data.Query{Limit: 1 << 20}).IDs)
	if err != nil || n == 0 {
		t.Fatalf("%d features: %v", n, err)
	}
	return b
}

func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestImportReportsCommand(t *testing.T) {
	dir := t.TempDir()
	datatest.WriteTandaleExtract(t, dir)
	kobo, _ := filepath.Abs("../../reportimport/testdata/kobo_tandale.geojson")
	haiti, _ := filepath.Abs("../../reportimport/testdata/ushahidi_haiti.csv")
	dbPath := filepath.Join(dir, data.FileName)

	// A dry run on a data directory without a database creates none.
	out, errOut, code := runImportCmd(t, "import-reports", "--dry-run", "--verbose", "--data", dir, kobo)
	if code != 1 {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"would import feature 0 (line 3)", "blocked_drain",
		"rejected     feature 2 (line 5)", "missing_field [geometry]",
		"rejected     feature 5 (line 8)", "duplicate_id",
		"dry run: 4 would be imported, 0 already imported, 5 rejected; nothing stored",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(dbPath); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the dry run created %s", dbPath)
	}

	out, errOut, code = runImportCmd(t, "import-reports", "--verbose", "--data", dir, kobo)
	if code != 1 || !strings.Contains(out, "4 imported, 0 already imported, 5 rejected") ||
		!strings.Contains(out, "imported #1  feature 0 (line 3)") || !strings.Contains(out, "rejected     feature 7 (line 10)") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	// data.Open commits an empty transaction (a new bbolt meta page), so
	// compare the reports rather than the file's bytes; the byte-for-byte
	// check is in reportimport's and server's tests.
	before := storedFeatures(t, dir)
	out, _, code = runImportCmd(t, "import-reports", "--dry-run", "--data", dir, kobo)
	if code != 1 || !strings.Contains(out, "dry run: 0 would be imported, 4 already imported") {
		t.Errorf("dry run after import: exit %d\n%s", code, out)
	}
	if after := storedFeatures(t, dir); !bytes.Equal(before, after) {
		t.Errorf("the dry run changed the reports:\n%s\n%s", before, after)
	}
	out, _, code = runImportCmd(t, "import-reports", "--verbose", "--data", dir, kobo)
	if code != 1 || !strings.Contains(out, "0 imported, 4 already imported, 5 rejected") || !strings.Contains(out, "already #4   feature 8 (line 11)") {
		t.Errorf("re-import: exit %d\n%s", code, out)
	}

	// Haiti is outside the extract's bounds: every placed row is reported,
	// and nothing imported is exit status 2.
	mdy := filepath.Join(t.TempDir(), "mdy.json")
	os.WriteFile(mdy, []byte(`{"date_order": "mdy"}`), 0o600)
	out, _, code = runImportCmd(t, "import-reports", "--dry-run", "--mapping", mdy, "--data", dir, haiti)
	if code != 2 || !strings.Contains(out, "dry run: 0 would be imported, 0 already imported, 14 rejected") ||
		!strings.Contains(out, "outside_area 11,") || strings.Count(out, "outside_area") != 12 || !strings.Contains(out, "lon 39.2000 to 39.3000") {
		t.Errorf("rows outside the deployment area: exit %d\n%s", code, out)
	}

	// A broken file: an error naming the line and element; nothing stored.
	broken := filepath.Join(t.TempDir(), "broken.geojson")
	os.WriteFile(broken, []byte("{\"type\":\"FeatureCollection\",\"features\":[\n{\"type\":\"Feature\"},\n{\"type\":\"Feature\",,}]}"), 0o600)
	_, errOut, code = runImportCmd(t, "import-reports", "--data", dir, broken)
	if code != 2 || !strings.Contains(errOut, "line 3 (features[1])") || !strings.Contains(errOut, "nothing imported") {
		t.Errorf("broken file: exit %d\n%s", code, errOut)
	}
	_, errOut, code = runImportCmd(t, "import-reports", "--data", dir)
	if code != 2 || !strings.Contains(errOut, "want exactly one FILE") {
		t.Errorf("no FILE: exit %d\n%s", code, errOut)
	}

	// The server reads what the command stored, reconciled with the
	// extract; while it runs, the command points to the upload endpoint.
	p := startServe(t, dir, "--admin-token", "tok")
	resp, err := http.Get(p.base + "/api/v1/reports/1")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte(`"channel":"import"`)) || !bytes.Contains(body, []byte(`"Mtogole"`)) {
		t.Errorf("imported report through the server: %d %s", resp.StatusCode, body)
	}
	_, errOut, code = runImportCmd(t, "import-reports", "--data", dir, kobo)
	if code != 2 || !strings.Contains(errOut, "in use by a running mtaa serve") || !strings.Contains(errOut, "/api/v1/admin/import-reports") {
		t.Errorf("import while serving: exit %d\n%s", code, errOut)
	}

	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	fw, _ := mw.CreateFormFile("file", "kobo_tandale.geojson")
	fw.Write(fileBytes(t, kobo))
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, p.base+"/api/v1/admin/import-reports", &form)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer tok")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var answer struct{ Imported, Existing int }
	json.NewDecoder(resp.Body).Decode(&answer)
	resp.Body.Close()
	if resp.StatusCode != 200 || answer.Imported != 0 || answer.Existing != 4 {
		t.Errorf("upload to the running server: %d %+v", resp.StatusCode, answer)
	}
}
