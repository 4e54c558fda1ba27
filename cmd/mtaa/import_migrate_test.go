package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/data"
)

// dayFirstExport is a small Ushahidi 2.x export with day-first dates,
// bilingual labels (one a parent nothing maps) and one unapproved row.
const dayFirstExport = `#,INCIDENT TITLE,INCIDENT DATE,LOCATION,DESCRIPTION,CATEGORY,LATITUDE,LONGITUDE,APPROVED,VERIFIED
1,Pa gen manje,28/06/2010 23:06,Carrefour,no food,"2. Lignes vitales | Vital Lines, 2a. Penurie d'aliments | Food Shortage,",18.5392,-72.4089,YES,YES
2,Dlo,12/01/2010 18:30,Delmas 33,no water,"2b. Penurie d'eau | Water shortage,",18.5530,-72.3050,YES,NO
3,Klinik,14/01/2010 10:00,Turgeau,clinic open,"7d. Hopitaux/cliniques en service | Hospital/Clinics Operating,",18.5330,-72.3200,YES,NO
4,Kay,17/01/2010 13:00,Pacot,cracked walls,"5b. Structure instable | Unstable Structure,",18.5380,-72.3300,YES,NO
5,Kan,18/01/2010 14:00,Petionville,families under sheets,"8a. Concentration de deplaces | IDP concentration,",18.5120,-72.2850,YES,NO
6,Pa apwouve,22/01/2010 18:00,Centre,never published,"2a. Penurie d'aliments | Food Shortage,",18.5447,-72.3388,NO,NO
`

// TestImportReportsMigration runs the migration guide's three commands
// against the binary, and the exit status of each outcome: 0 every row
// imported (or already), 1 some rejected, 2 nothing imported or the file
// refused.
func TestImportReportsMigration(t *testing.T) {
	dir := t.TempDir()
	work := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(work, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	export := write("export.csv", dayFirstExport)
	mappingFile := filepath.Join(work, "mapping.json")
	rejectedFile := filepath.Join(work, "rejected.csv")

	// 1. A dry run that writes the mapping skeleton and the rejected rows.
	out, errOut, code := runImportCmd(t, "import-reports", "--dry-run", "--write-mapping", mappingFile, "--rejected", rejectedFile, "--data", dir, export)
	if code != 1 {
		t.Fatalf("dry run: exit %d, want 1 (a row rejected)\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"(ushahidi, 6 rows)", "dates     day first (dmy), detected: 4 dates", "timezone  UTC (default",
		"category  building_collapse 1, food 1, service_available 1, shelter 1, water_supply 1",
		"rejected  not_approved 1", "unmapped labels", `1  "2. Lignes vitales | Vital Lines"`,
		"dry run: 5 would be imported, 0 already imported, 1 rejected; nothing stored",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "would import ") {
		t.Errorf("without --verbose the accepted rows are not listed:\n%s", out)
	}
	skeleton := string(fileBytes(t, mappingFile))
	for _, want := range []string{`"date_order": "dmy"`, `"2. Lignes vitales | Vital Lines": ""`,
		`"7d. Hopitaux/cliniques en service | Hospital/Clinics Operating": "service_available"`, `"unapproved": "skip"`} {
		if !strings.Contains(skeleton, want) {
			t.Errorf("mapping skeleton lacks %s:\n%s", want, skeleton)
		}
	}
	f, err := os.Open(rejectedFile)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(recs) != 2 || recs[1][1] != "not_approved" || recs[1][4] != "6" {
		t.Errorf("rejected file: %v %q", err, recs)
	}
	if _, err := os.Stat(filepath.Join(dir, data.FileName)); err == nil {
		t.Error("the dry run created a database")
	}

	// 2. The import; 3. the NGO's corrected mapping passed back.
	out, _, code = runImportCmd(t, "import-reports", "--data", dir, export)
	if code != 1 || !strings.Contains(out, "5 imported, 0 already imported, 1 rejected") {
		t.Fatalf("import: exit %d\n%s", code, out)
	}
	corrected := strings.Replace(skeleton, `"unapproved": "skip"`, `"unapproved": "Import"`, 1)
	corrected = strings.Replace(corrected, `"2. Lignes vitales | Vital Lines": ""`, `"2. Lignes vitales | Vital Lines": "Other"`, 1)
	os.WriteFile(mappingFile, []byte(corrected), 0o600)
	out, _, code = runImportCmd(t, "import-reports", "--mapping", mappingFile, "--data", dir, export)
	if code != 0 || !strings.Contains(out, "1 imported, 5 already imported, 0 rejected") || strings.Contains(out, "unmapped labels") {
		t.Fatalf("import with the corrected mapping: exit %d, want 0\n%s", code, out)
	}
	// Nothing new: every row already imported is still exit status 0.
	out, _, code = runImportCmd(t, "import-reports", "--mapping", mappingFile, "--data", dir, export)
	if code != 0 || !strings.Contains(out, "0 imported, 6 already imported, 0 rejected") {
		t.Fatalf("second import: exit %d\n%s", code, out)
	}

	// A corrected export: the summary counts what differs (the description
	// of row 4, and the needs of row 1 since the corrected mapping maps its
	// parent label), --dry-run --update shows it, --update applies it.
	fixed := write("export_fixed.csv", strings.Replace(dayFirstExport, "cracked walls", "cracked walls; people moved out", 1))
	out, _, code = runImportCmd(t, "import-reports", "--mapping", mappingFile, "--data", dir, fixed)
	if code != 0 || !strings.Contains(out, "2 stored reports differ from the file") || !strings.Contains(out, "differs #4") ||
		!strings.Contains(out, `needs        "food" -> "food, other"`) {
		t.Errorf("re-import without --update: exit %d\n%s", code, out)
	}
	out, _, code = runImportCmd(t, "import-reports", "--dry-run", "--update", "--mapping", mappingFile, "--data", dir, fixed)
	if code != 0 || !strings.Contains(out, "would update #4") ||
		!strings.Contains(out, `description  "Kay\ncracked walls\nLocation: Pacot" -> "Kay\ncracked walls; people moved out\nLocation: Pacot"`) ||
		!strings.Contains(out, "2 would be updated") {
		t.Errorf("dry run of the update: exit %d\n%s", code, out)
	}
	out, _, code = runImportCmd(t, "import-reports", "--update", "--mapping", mappingFile, "--data", dir, fixed)
	if code != 0 || !strings.Contains(out, "updated #4") || !strings.Contains(out, "0 imported, 6 already imported, 2 updated, 0 rejected") {
		t.Errorf("update: exit %d\n%s", code, out)
	}
	store, err := data.Open(dir, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := store.Get(4)
	audit, aerr := store.ReportAudit(4)
	store.Close()
	if err != nil || aerr != nil || !strings.Contains(r.Description, "people moved out") || len(audit) != 1 ||
		!slices.Equal(r.SourceCategories, []string{"5b. Structure instable | Unstable Structure"}) ||
		audit[0].Actor.Name != "mtaa import-reports" || audit[0].Action != data.ActionModerate {
		t.Errorf("after the update: %v %v %q audit %+v", err, aerr, r.Description, audit)
	}

	// Refused files and files with nothing to import: exit status 2.
	mixed := write("mixed.csv", strings.Replace(dayFirstExport, "12/01/2010 18:30", "01/13/2010 18:30", 1))
	_, errOut, code = runImportCmd(t, "import-reports", "--dry-run", "--data", dir, mixed)
	if code != 2 || !strings.Contains(errOut, "the dates disagree") || !strings.Contains(errOut, `line 3 "01/13/2010 18:30"`) ||
		!strings.Contains(errOut, "nothing imported") {
		t.Errorf("mixed date orders: exit %d\n%s", code, errOut)
	}
	badMapping := write("bad.json", "{\n  \"date_order\": \"dmy\",\n  \"categories\": {\"x\": \"food\",}\n}\n")
	_, errOut, code = runImportCmd(t, "import-reports", "--mapping", badMapping, "--data", dir, export)
	if code != 2 || !strings.Contains(errOut, "line 3, column 30") {
		t.Errorf("mapping with a JSON error: exit %d\n%s", code, errOut)
	}
	nothing := write("nothing.csv", "#,INCIDENT DATE,CATEGORY,LATITUDE,LONGITUDE\n1,2010-01-14,fire,x,-72.3\n2,2010-01-14,fire,18.5,\n")
	out, _, code = runImportCmd(t, "import-reports", "--data", dir, nothing)
	if code != 2 || !strings.Contains(out, "rejected  bad_coordinates 1, missing_field 1") {
		t.Errorf("every row rejected: exit %d\n%s", code, out)
	}
}
