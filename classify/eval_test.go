package classify_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/classify/internal/corpus"
	"github.com/mtaa-project/mtaa/classify/internal/learn"
	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/text"
)

// corpusRows reads the development corpus from the shared data folder
// ($MTAA_SHARED_DATA, else ../shared/data from the repository root). It
// skips the test when the folder is absent, except in CI, where it fails.
func corpusRows(t *testing.T, tax *data.Taxonomy) []corpus.Row {
	t.Helper()
	rows, err := corpus.ReadDir(corpusDir(t), tax)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1047 {
		t.Fatalf("%d direct messages in the corpus, want 1047", len(rows))
	}
	return rows
}

// corpusDir is the shared data folder holding the development corpus
// ($MTAA_SHARED_DATA, else ../shared/data from the repository root). It
// skips the test when the corpus is absent, except in CI, where it fails.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("MTAA_SHARED_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "data")
	}
	if _, err := os.Stat(filepath.Join(dir, corpus.Path)); err != nil {
		datatest.SkipOrFailInCI(t, "development corpus not here (%v); set MTAA_SHARED_DATA", err)
	}
	return dir
}

// The fixed sample: the first 40 messages of the corpus (in file order)
// labelled with exactly one need, and the first 40 labelled with none.
// Only their ids are here; texts and labels are read from the corpus.
var (
	sampleSingleNeed = []int{18, 128, 138, 198, 208, 258, 308, 498, 628, 658, 678, 718, 798, 948, 1068, 1098, 1108, 1288, 1328, 1348,
		1358, 1388, 1598, 1678, 1718, 1858, 1918, 1928, 2138, 2178, 2188, 2208, 2238, 2348, 2388, 2518, 2578, 2608, 2878, 3048}
	sampleNoNeed = []int{8, 28, 48, 58, 68, 88, 108, 178, 218, 228, 268, 278, 298, 318, 328, 368, 378, 388, 398, 408,
		428, 448, 468, 478, 518, 528, 568, 598, 608, 638, 648, 708, 758, 768, 818, 848, 858, 868, 878, 918}
)

// TestCorpusSample checks the shipped classifier on the fixed sample. The
// shipped model was trained on these messages, so this guards the
// artefact (a model that lost its training, a broken rule); the honest
// figures are TestCorpusCrossValidated's.
func TestCorpusSample(t *testing.T) {
	tax := data.DefaultTaxonomy()
	rows := corpusRows(t, tax)
	byID := map[int]*corpus.Row{}
	for i := range rows {
		byID[rows[i].ID] = &rows[i]
	}
	c := classify.New(tax)
	right, texts, filedNoNeed, noNeedTexts := 0, 0, 0, 0
	for _, id := range sampleSingleNeed {
		r := byID[id]
		if r == nil || len(r.Needs) != 1 {
			t.Fatalf("row %d is not a single-need message of the corpus", id)
		}
		for _, s := range []string{r.Original, r.Message} {
			if s == "" {
				continue
			}
			texts++
			if cat, ok := c.Classify(s).Main(); ok && cat == r.Needs[0] {
				right++
			}
		}
	}
	for _, id := range sampleNoNeed {
		r := byID[id]
		if r == nil || len(r.Needs) != 0 {
			t.Fatalf("row %d is not a no-need message of the corpus", id)
		}
		for _, s := range []string{r.Original, r.Message} {
			if s == "" {
				continue
			}
			noNeedTexts++
			if cat, ok := c.Classify(s).Main(); ok && cat != classify.OtherCategory {
				filedNoNeed++
			}
		}
	}
	t.Logf("sample: %d/%d single-need texts filed right, %d/%d no-need texts filed", right, texts, filedNoNeed, noNeedTexts)
	// 51/80 with the shipped rule (49/80 at File 0.7, FileKeyword 0.45).
	// The corpus' death column is not a need (docs/sms.md), so no row of
	// the sample is labelled human_remains. A model that lost its training
	// files far fewer.
	if float64(right) < 0.60*float64(texts) {
		t.Errorf("%d/%d single-need texts of the sample filed right, want 60%% or more", right, texts)
	}
	if float64(filedNoNeed) > 0.10*float64(noNeedTexts) {
		t.Errorf("%d/%d no-need texts of the sample filed with a category, want 10%% or fewer", filedNoNeed, noNeedTexts)
	}
}

// TestCorpusCrossValidated: the figures make eval-sms prints (5-fold
// cross-validation, the engine's decision rule) stay above floors a little
// below what the shipped settings reach (docs/sms.md), and above the
// keyword-only baseline where the model is meant to help.
func TestCorpusCrossValidated(t *testing.T) {
	if testing.Short() {
		t.Skip("trains five models")
	}
	if raceDetector {
		// Five trainings are arithmetic without concurrency, and take 4
		// minutes under the race detector: make test runs this test again
		// without it.
		t.Skip("trains five models: run without -race (make test does)")
	}
	tax := data.DefaultTaxonomy()
	rows := corpusRows(t, tax)
	preds, err := learn.CrossValidate(tax, rows, 5, learn.DefaultOptions, classify.ModelRule, false)
	if err != nil {
		t.Fatal(err)
	}
	f := learn.Measure(preds)
	base, err := learn.CrossValidate(tax, rows, 5, learn.DefaultOptions, classify.KeywordRule, true)
	if err != nil {
		t.Fatal(err)
	}
	b := learn.Measure(base)
	t.Logf("model: single-need %.3f original, %.3f english; requests refused %.3f; no-need filed %.3f; asked %.3f",
		f.SingleNeed[learn.KindOriginal], f.SingleNeed[learn.KindEnglish], f.RefusedRequests, f.NoNeedFiled, f.Asked)
	floors := []struct {
		name       string
		got, floor float64
	}{
		{"single-need original", f.SingleNeed[learn.KindOriginal], 0.67},
		{"single-need english", f.SingleNeed[learn.KindEnglish], 0.68},
		{"1 - requests refused", 1 - f.RefusedRequests, 0.985},
		{"1 - no-need filed", 1 - f.NoNeedFiled, 0.90},
		{"filed precision", f.FiledPrecision(), 0.71},
		{"food filed precision", f.Categories["food"].FiledPrecision(), 0.74},
	}
	for _, fl := range floors {
		if fl.got < fl.floor {
			t.Errorf("%s: %.3f, below the floor %.3f", fl.name, fl.got, fl.floor)
		}
	}
	if f.RefusedRequests >= b.RefusedRequests {
		t.Errorf("requests refused %.3f, not fewer than with keywords only (%.3f)", f.RefusedRequests, b.RefusedRequests)
	}
	if f.NoNeedFiled >= b.NoNeedFiled {
		t.Errorf("no-need messages filed %.3f, not fewer than with keywords only (%.3f)", f.NoNeedFiled, b.NoNeedFiled)
	}
	for _, id := range []string{"fire", "landslide", "people_trapped", "building_collapse"} {
		if c := f.Categories[id]; c != nil && c.Filed >= 5 && c.FiledPrecision() < 0.5 {
			t.Errorf("%s filed %d times with precision %.2f, below %.2f", id, c.Filed, c.FiledPrecision(), 0.5)
		}
	}
}

// copyRun is how many words in a row a readings line may not share with a
// message of the corpus.
const copyRun = 7

// corpusWords are the words of s as TestReadingsNotFromCorpus compares
// texts: folded as the keywords are (text.Fold: lower case, accents and
// punctuation dropped), so a message retyped with its accents restored
// is still the message.
func corpusWords(s string) []string { return strings.Fields(text.Fold(s)) }

// corpusCopies holds the word runs of every message of the corpus (English
// and original, all genres) and its short messages whole.
type corpusCopies struct {
	runs  map[string]bool
	whole map[string]bool
}

// add records one message of the corpus.
func (c corpusCopies) add(msg string) {
	w := corpusWords(msg)
	c.whole[strings.Join(w, " ")] = true
	for i := 0; i+copyRun <= len(w); i++ {
		c.runs[strings.Join(w[i:i+copyRun], " ")] = true
	}
}

// copied is the run of words text shares with a message of the corpus,
// or the whole of text when it is shorter than a run and a whole message
// of the corpus; "" when it shares none.
func (c corpusCopies) copied(text string) string {
	w := corpusWords(text)
	if len(w) < copyRun {
		if s := strings.Join(w, " "); len(w) > 0 && c.whole[s] {
			return s
		}
		return ""
	}
	for i := 0; i+copyRun <= len(w); i++ {
		if s := strings.Join(w[i:i+copyRun], " "); c.runs[s] {
			return s
		}
	}
	return ""
}

// TestReadingsNotFromCorpus: the readings are written from knowledge of
// the languages, never copied from the development corpus (it is not the
// project's to publish, and a line copied from it tests the model on what
// it was trained on). No readings line shares a run of seven words with a
// message of the corpus (its English or its original, of any genre), nor
// is a whole short message of it.
func TestReadingsNotFromCorpus(t *testing.T) {
	f, err := os.Open(filepath.Join(corpusDir(t), corpus.Path))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read corpus: %v", err)
	}
	col := map[string]int{}
	for i, h := range records[0] {
		col[h] = i
	}
	c := corpusCopies{runs: map[string]bool{}, whole: map[string]bool{}}
	var long string
	for _, rec := range records[1:] {
		for _, h := range []string{"message", "original"} {
			i, ok := col[h]
			if !ok {
				t.Fatalf("corpus: no column %q", h)
			}
			c.add(rec[i])
			if long == "" && len(corpusWords(rec[i])) > 2*copyRun {
				long = rec[i]
			}
		}
	}
	// The check finds a copy: a corpus message itself, retyped with its
	// first word capitalised and punctuation added, is one.
	if long == "" {
		t.Fatalf("corpus: no message of more than %d words", 2*copyRun)
	}
	if w := corpusWords(long); c.copied(strings.ToUpper(w[0])+", "+strings.Join(w[1:], " ")+"!") == "" {
		t.Fatalf("a message of the corpus is not found as copied")
	}
	for _, rd := range loadReadings(t) {
		if run := c.copied(rd.text); run != "" {
			t.Errorf("%s: %q is copied from the development corpus (%q): write the case in your own words", rd.where(), rd.text, run)
		}
	}
}
