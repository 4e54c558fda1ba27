// Package corpus reads the development corpus of real disaster messages
// the classifier is trained and measured on: the `genre=direct` rows of
// disaster_response_validation.csv from rmunro/disaster_response_messages
// (Robert Munro, Processing short message communications in low-resource
// languages, PhD dissertation, Stanford University, 2012; CC BY 4.0),
// kept outside the repository in the shared data folder. It maps the
// corpus' 0/1 needs to the taxonomy's categories (LabelMap).
package corpus

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// Path is where the corpus lives inside the shared data folder.
const Path = "sms/disaster-response-messages-dev.csv"

// LabelMap maps the corpus' need columns to the taxonomy's categories.
// Several columns may give one category (medical_help, medical_products
// and hospitals are all "medical"). A category missing from the
// taxonomy in use is dropped (missing_people only counts when the
// taxonomy has missing_person). The corpus' other columns (clothing,
// money, transport, storm, earthquake, …) have no category of their own:
// a message with only those has no need. Its `death` column is one of
// them: it marks a message that mentions deaths ("I am dying of hunger",
// "my father died", "what is the number of deaths?"), not bodies to
// recover, so it is not human_remains.
var LabelMap = map[string]string{
	"water":             "water_supply",
	"food":              "food",
	"shelter":           "shelter",
	"medical_help":      "medical",
	"medical_products":  "medical",
	"hospitals":         "medical",
	"search_and_rescue": "people_trapped",
	"security":          "security",
	"military":          "security",
	"buildings":         "building_collapse",
	"electricity":       "electricity",
	"floods":            "flood",
	"fire":              "fire",
	"missing_people":    "missing_person",
}

// unlabelledColumns are the corpus' columns that are not labels.
var unlabelledColumns = map[string]bool{"id": true, "split": true, "message": true, "original": true, "genre": true,
	"related": true, "PII": true, "event": true, "actionable_haiti": true, "date_haiti": true}

// Row is one message of the corpus.
type Row struct {
	// ID is the corpus' message id.
	ID int
	// Original is the message as sent, mostly Haitian Creole, sometimes
	// French; "" for messages sent in English.
	Original string
	// Message is the English message or translation.
	Message string
	// Needs are the taxonomy categories the row is labelled with, in
	// taxonomy order; nil for a message with none.
	Needs []string
	// Request is the corpus' "request" label: the sender asks for help.
	Request bool
	// Unlabelled is set for a row its annotators marked related to the
	// disaster but gave no label at all (no need, no request, none of the
	// corpus' other columns: "WE NEED FOOD CAN YOU HELP US?" is one):
	// whether it has a need is unknown rather than no. Such rows are
	// measured as rows with no need; the evaluation reports them apart.
	Unlabelled bool
}

// ReadDir reads the corpus from the shared data folder dir.
func ReadDir(dir string, tax *data.Taxonomy) ([]Row, error) {
	f, err := os.Open(filepath.Join(dir, Path))
	if err != nil {
		return nil, fmt.Errorf("read corpus: %w", err)
	}
	defer f.Close()
	return Read(f, tax)
}

// Read reads the corpus' direct messages (SMS sent by residents; the
// news and social media rows are left out), with labels mapped to tax's
// categories.
func Read(r io.Reader, tax *data.Taxonomy) ([]Row, error) {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read corpus header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, h := range []string{"id", "message", "original", "genre", "request"} {
		if _, ok := col[h]; !ok {
			return nil, fmt.Errorf("read corpus: no column %q", h)
		}
	}
	// The need columns the taxonomy has a category for.
	need := map[int]string{}
	for c, cat := range LabelMap {
		if i, ok := col[c]; ok && tax.Category(cat) != nil {
			need[i] = cat
		}
	}
	order := map[string]int{}
	for i, c := range tax.Categories {
		order[c.ID] = i
	}
	var rows []Row
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read corpus: %w", err)
		}
		if rec[col["genre"]] != "direct" {
			continue
		}
		id, err := strconv.Atoi(rec[col["id"]])
		if err != nil {
			return nil, fmt.Errorf("read corpus line %d: id: %w", line, err)
		}
		row := Row{ID: id, Original: rec[col["original"]], Message: rec[col["message"]], Request: rec[col["request"]] == "1"}
		for i, cat := range need {
			if rec[i] == "1" && !slices.Contains(row.Needs, cat) {
				row.Needs = append(row.Needs, cat)
			}
		}
		if i, ok := col["related"]; ok && rec[i] == "1" {
			row.Unlabelled = true
			for i, h := range head {
				if !unlabelledColumns[h] && rec[i] == "1" {
					row.Unlabelled = false
					break
				}
			}
		}
		slices.SortFunc(row.Needs, func(a, b string) int { return order[a] - order[b] })
		rows = append(rows, row)
	}
	return rows, nil
}

// Folds gives the cross-validation fold (0 to k-1) of every row: rows
// are dealt to the folds in turn, in file order, so the folds are the
// same on every run, except that a row whose message (original or
// English, folded) is one an earlier row already has joins that row's
// fold. The corpus has the same SMS translated twice by different
// volunteers (ten originals in the development corpus); dealt apart, the
// model would be measured on a message it was trained on. A row's
// original and its translation always share its fold.
func Folds(rows []Row, k int) []int {
	folds := make([]int, len(rows))
	seen := map[string]int{}
	next := 0
	for i, r := range rows {
		f := -1
		keys := []string{folded(r.Original), folded(r.Message)}
		for _, key := range keys {
			if g, ok := seen[key]; ok && key != "" {
				f = g
				break
			}
		}
		if f < 0 {
			f = next % k
			next++
		}
		folds[i] = f
		for _, key := range keys {
			if _, ok := seen[key]; !ok && key != "" {
				seen[key] = f
			}
		}
	}
	return folds
}

// folded is s's folded words joined by spaces: the same message however
// it is capitalised, accented or punctuated.
func folded(s string) string {
	var b strings.Builder
	for _, w := range text.Words(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.Text)
	}
	return b.String()
}
