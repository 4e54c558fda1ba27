package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckDataDirSaysWhereAndHow: without the shared data folder the
// command names the folder it looked in and how to point at another;
// with the corpus there it goes on.
func TestCheckDataDirSaysWhereAndHow(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-data")
	err := checkDataDir(missing)
	if err == nil {
		t.Fatal("no error for a missing data folder")
	}
	for _, w := range []string{missing, wordsCorpus, "make eval-places SHARED_DATA=DIR", "-data DIR"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%q does not say %q", err, w)
		}
	}

	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(wordsCorpus)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, wordsCorpus), []byte("id,message\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := checkDataDir(dir); err != nil {
		t.Errorf("with the corpus: %v", err)
	}
}
