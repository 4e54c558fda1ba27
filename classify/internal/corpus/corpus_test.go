package corpus_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/classify/internal/corpus"
	"github.com/mtaa-project/mtaa/data"
)

// fixture is a corpus in the shape of the real one, written for the test.
const fixture = `id,split,message,original,genre,related,request,water,food,shelter,medical_help,hospitals,search_and_rescue,buildings,missing_people,fire
1,validation,We need water and food,Nou bezwen dlo ak manje,direct,1,1,1,1,0,0,0,0,0,0,0
2,validation,A headline about the floods,,news,1,0,0,0,0,0,0,0,0,0,0
3,validation,"My aunt is missing, the clinic is down",Tant mwen disparèt,direct,1,1,0,0,0,1,1,0,0,1,0
4,validation,Good morning,Bonjou,direct,0,0,0,0,0,0,0,0,0,0,0
5,validation,WE NEED FOOD CAN YOU HELP US?,,direct,1,0,0,0,0,0,0,0,0,0,0
`

func TestRead(t *testing.T) {
	rows, err := corpus.Read(strings.NewReader(fixture), data.DefaultTaxonomy())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows, want the 4 direct ones", len(rows))
	}
	want := []struct {
		id         int
		needs      string
		request    bool
		unlabelled bool
	}{
		{1, "food water_supply", true, false},      // in taxonomy order
		{3, "medical missing_person", true, false}, // two columns, one category; missing_people maps to missing_person
		{4, "", false, false},                      // not related: labelled, with no need
		{5, "", false, true},                       // related, and no label at all
	}
	for i, w := range want {
		r := rows[i]
		if r.ID != w.id || strings.Join(r.Needs, " ") != w.needs || r.Request != w.request || r.Unlabelled != w.unlabelled {
			t.Errorf("row %d = %+v, want id %d needs %q request %v unlabelled %v", i, r, w.id, w.needs, w.request, w.unlabelled)
		}
	}
	if rows[0].Original != "Nou bezwen dlo ak manje" || rows[0].Message != "We need water and food" {
		t.Errorf("texts of row 1: %q, %q", rows[0].Original, rows[0].Message)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ name, file, want string }{
		{"empty", "", "header"},
		{"no genre column", "id,message,original,request\n1,a,b,0\n", `"genre"`},
		{"bad id", "id,message,original,genre,request\nx,a,b,direct,0\n", "line 2"},
		{"ragged row", "id,message,original,genre,request\n1,a,direct\n", "record"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := corpus.Read(strings.NewReader(tt.file), data.DefaultTaxonomy())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one naming %s", err, tt.want)
			}
		})
	}
}

func TestReadDir(t *testing.T) {
	dir := t.TempDir()
	if _, err := corpus.ReadDir(dir, data.DefaultTaxonomy()); err == nil {
		t.Error("no error for a folder without the corpus")
	}
	path := filepath.Join(dir, corpus.Path)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(fixture), 0o644); err != nil {
		t.Fatal(err)
	}
	rows, err := corpus.ReadDir(dir, data.DefaultTaxonomy())
	if err != nil || len(rows) != 4 {
		t.Errorf("ReadDir = %d rows, %v", len(rows), err)
	}
}

func TestFolds(t *testing.T) {
	var rows []corpus.Row
	for i := range 1047 {
		rows = append(rows, corpus.Row{ID: i, Original: fmt.Sprintf("mesaj %d", i), Message: fmt.Sprintf("message %d", i)})
	}
	// The same SMS translated twice, far apart in the file; an English
	// message sent twice; rows without an original.
	rows[900].Original = "Nou bezwen DLO, manje!"
	rows[3].Original = "nou bezwen dlo manjé"
	rows[1000].Message = "Message 7."
	rows[10].Original, rows[11].Original = "", ""
	folds := corpus.Folds(rows, 5)
	if again := corpus.Folds(rows, 5); !slices.Equal(folds, again) {
		t.Fatal("two runs gave two fold assignments")
	}
	counts := make([]int, 5)
	for i, f := range folds {
		if f < 0 || f >= 5 {
			t.Fatalf("row %d: fold %d", i, f)
		}
		counts[f]++
	}
	for f, n := range counts {
		if n < 208 || n > 211 {
			t.Errorf("fold %d has %d rows", f, n)
		}
	}
	if folds[900] != folds[3] {
		t.Errorf("the same original (folded) in folds %d and %d", folds[3], folds[900])
	}
	if folds[1000] != folds[7] {
		t.Errorf("the same English message in folds %d and %d", folds[7], folds[1000])
	}
	if folds[10] == folds[11] {
		t.Errorf("two rows without an original were put together (fold %d): an empty text is no message", folds[10])
	}
}
