package mapping_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/mapping"
)

// truncatedPBF writes the first n bytes of the Delaware PBF to dir.
func truncatedPBF(t *testing.T, dir string, n int64) string {
	t.Helper()
	src, err := os.ReadFile(osmTestdata(t, "delaware-latest.osm.pbf"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "truncated.osm.pbf")
	if err := os.WriteFile(p, src[:n], 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name    string
		path    string
		want    error
		element string // expected InputError.Element, "" to skip the check
	}{
		{name: "unknown extension", path: write("roads.shp", "x"), want: mapping.ErrUnknownFormat},
		{name: "empty file", path: write("empty.osm.pbf", ""), want: mapping.ErrEmpty},
		{name: "empty xml", path: write("empty.osm", ""), want: mapping.ErrEmpty},
		{name: "osm element without elements", path: write("nothing.osm", `<?xml version="1.0"?><osm version="0.6"></osm>`), want: mapping.ErrEmpty},
		{name: "text named pbf", path: write("text.osm.pbf", "hello, this is not a PBF file"), want: mapping.ErrNotOSM},
		{name: "html named osm", path: write("page.osm", "<!DOCTYPE html><html><body>404</body></html>"), want: mapping.ErrNotOSM},
		{name: "text named bz2", path: write("text.osm.bz2", "plain text"), want: mapping.ErrNotOSM},
		{name: "text named gz", path: write("text.osm.gz", "plain text"), want: mapping.ErrNotOSM},
		{name: "corrupt bz2", path: write("corrupt.osm.bz2", "BZh91AY&SY garbage garbage garbage"), want: mapping.ErrCorrupt},
		{name: "broken xml element", path: filepath.Join("testdata", "broken.osm"), want: mapping.ErrCorrupt, element: "after node/1"},
		{name: "truncated pbf", path: truncatedPBF(t, dir, 200_000), want: mapping.ErrCorrupt},
		{name: "missing file", path: filepath.Join(dir, "nope.osm.pbf"), want: os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			_, err := mapping.Import(context.Background(), tt.path, out, mapping.Options{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("Import(%s) = %v, want %v", tt.path, err, tt.want)
			}
			var ie *mapping.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("Import(%s) = %v, not an *InputError", tt.path, err)
			}
			if ie.Path != tt.path {
				t.Errorf("InputError.Path = %q, want %q", ie.Path, tt.path)
			}
			if tt.element != "" && ie.Element != tt.element {
				t.Errorf("InputError.Element = %q, want %q", ie.Element, tt.element)
			}
			entries, _ := os.ReadDir(out)
			for _, e := range entries {
				t.Errorf("failed import left %s in the data directory", e.Name())
			}
		})
	}
}

// TestReimportIsAtomic imports a good file, then a corrupt one: the first
// extract must survive intact and loadable, with no temp files left.
func TestReimportIsAtomic(t *testing.T) {
	dir := t.TempDir()
	first, err := mapping.Import(context.Background(), filepath.Join("testdata", "facilities.osm"), dir, mapping.Options{})
	if err != nil {
		t.Fatal(err)
	}
	bad := truncatedPBF(t, t.TempDir(), 1_000_000)
	if _, err := mapping.Import(context.Background(), bad, dir, mapping.Options{}); !errors.Is(err, mapping.ErrCorrupt) {
		t.Fatalf("import of a truncated PBF = %v, want ErrCorrupt", err)
	}
	ix, err := mapping.Load(first.Path)
	if err != nil {
		t.Fatalf("previous extract not loadable after a failed import: %v", err)
	}
	if got, want := ix.Meta().Source, "facilities.osm"; got != want {
		t.Errorf("extract source = %q, want %q", got, want)
	}
	if got, want := ix.Len(), first.Meta.Total(); got != want {
		t.Errorf("extract has %d features, want %d", got, want)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temp file %s left behind", e.Name())
		}
	}
}

// TestImportCancelled cancels an import part-way: the error is the
// context's and the previous extract is untouched.
func TestImportCancelled(t *testing.T) {
	dir := t.TempDir()
	first, err := mapping.Import(context.Background(), filepath.Join("testdata", "hole.osm"), dir, mapping.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	opts := mapping.Options{ProgressEvery: 1, Progress: func(mapping.Progress) { cancel() }}
	_, err = mapping.Import(ctx, osmTestdata(t, "delaware-latest.osm.pbf"), dir, opts)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled import = %v, want context.Canceled", err)
	}
	ix, err := mapping.Load(first.Path)
	if err != nil {
		t.Fatal(err)
	}
	if ix.Meta().Source != "hole.osm" {
		t.Errorf("extract source = %q after a cancelled import", ix.Meta().Source)
	}
}
