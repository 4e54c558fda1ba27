package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// docTestName matches a Go test, fuzz test or benchmark named in prose:
// TestReadings, FuzzCreateCampaign, BenchmarkClassify (a subtest's path,
// TestReadings/prices, names its function).
var docTestName = regexp.MustCompile(`\b(?:Test|Fuzz|Benchmark)[A-Z][A-Za-z0-9_]*`)

// docTestFile matches a test file named in prose, with or without its
// directory: classify/readings_test.go, severe_test.go (not a pattern,
// *_test.go).
var docTestFile = regexp.MustCompile(`[A-Za-z0-9_./-]*[A-Za-z0-9]_test\.go\b`)

// goTestFunc matches the declaration of a test, fuzz test or benchmark.
var goTestFunc = regexp.MustCompile(`(?m)^func ((?:Test|Fuzz|Benchmark)[A-Z][A-Za-z0-9_]*)\(`)

// repoTests is what the repository's *_test.go files hold: their paths
// from the repository root (slash-separated), their base names, and the
// test, fuzz and benchmark functions they declare.
type repoTests struct {
	paths, bases, funcs map[string]bool
}

// readRepoTests walks the repository under root (hidden directories and
// testdata skipped) for *_test.go files.
func readRepoTests(root string) (repoTests, error) {
	rt := repoTests{paths: map[string]bool{}, bases: map[string]bool{}, funcs: map[string]bool{}}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(d.Name(), "_test.go") {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rt.paths[filepath.ToSlash(rel)] = true
		rt.bases[d.Name()] = true
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range goTestFunc.FindAllStringSubmatch(string(b), -1) {
			rt.funcs[m[1]] = true
		}
		return nil
	})
	return rt, err
}

// staleTestNames returns, in order of first mention, the test functions
// and test files a document names that the repository does not hold. A
// file named with a directory must be at that path from the repository
// root; a bare file name anywhere.
func staleTestNames(doc string, rt repoTests) []string {
	var stale []string
	add := func(s string) {
		if !slices.Contains(stale, s) {
			stale = append(stale, s)
		}
	}
	for _, name := range docTestName.FindAllString(doc, -1) {
		if !rt.funcs[name] {
			add(name)
		}
	}
	for _, file := range docTestFile.FindAllString(doc, -1) {
		file = strings.TrimPrefix(file, "./")
		if strings.Contains(file, "/") {
			if !rt.paths[file] {
				add(file)
			}
		} else if !rt.bases[file] {
			add(file)
		}
	}
	return stale
}

// TestDocNamesExistingTests: every Test, Fuzz or Benchmark function and
// every *_test.go file that the README or a guide names exists, so a test
// renamed, moved to the readings files (classify/testdata/readings) or
// deleted breaks the build until the docs point to what holds its cases.
func TestDocNamesExistingTests(t *testing.T) {
	rt, err := readRepoTests(docsRoot)
	if err != nil {
		t.Fatal(err)
	}
	if !rt.funcs["TestDocNamesExistingTests"] || !rt.paths["cmd/mtaa/docs_test_names_test.go"] {
		t.Fatalf("the walk of %s did not find this test (%d files, %d functions)", docsRoot, len(rt.paths), len(rt.funcs))
	}
	for _, path := range docFiles(t) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name, _ := filepath.Rel(docsRoot, path)
		for _, s := range staleTestNames(string(b), rt) {
			t.Errorf("%s names %s, which no *_test.go of the repository holds", name, s)
		}
	}
}

// TestStaleTestNamesFound: the check above finds a function, a file with
// its directory and a bare file that do not exist, and passes those that do
// (a subtest's path, a file at its own directory, the pattern *_test.go).
func TestStaleTestNamesFound(t *testing.T) {
	rt := repoTests{
		paths: map[string]bool{"classify/readings_test.go": true, "sms/polar12_test.go": true},
		bases: map[string]bool{"readings_test.go": true, "polar12_test.go": true},
		funcs: map[string]bool{"TestReadings": true, "BenchmarkClassify": true},
	}
	doc := "`TestReadings` (`classify/readings_test.go`; `go test -run TestReadings/prices`), " +
		"BenchmarkClassify, `sms/polar12_test.go`, polar12_test.go, every *_test.go; stale: `TestSw8Fixed`, " +
		"FuzzGone, `classify/polar12_test.go`, audit5_probe_test.go, TestSw8Fixed again."
	got := staleTestNames(doc, rt)
	want := []string{"TestSw8Fixed", "FuzzGone", "classify/polar12_test.go", "audit5_probe_test.go"}
	if !slices.Equal(got, want) {
		t.Errorf("staleTestNames = %q, want %q", got, want)
	}
}
