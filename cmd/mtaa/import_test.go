package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
)

const fixture = "../../mapping/testdata/facilities.osm"

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name     string
		args     []string
		env      string // MTAA_DATA, "" for unset
		wantCode int
		wantOut  string // substring of stdout
		wantErr  string // substring of stderr
		wantDB   string // directory that must hold the extract afterwards
	}{
		{name: "flag before file", args: []string{"import", "--quiet", "--data", filepath.Join(dir, "a"), fixture},
			wantCode: 0, wantOut: "kept      31 features", wantDB: filepath.Join(dir, "a")},
		{name: "flag after file", args: []string{"import", fixture, "--data", filepath.Join(dir, "b"), "--quiet"},
			wantCode: 0, wantOut: "health 6", wantDB: filepath.Join(dir, "b")},
		{name: "data dir from env", args: []string{"import", "--quiet", fixture}, env: filepath.Join(dir, "c"),
			wantCode: 0, wantOut: "imported facilities.osm", wantDB: filepath.Join(dir, "c")},
		{name: "plain progress when not a terminal", args: []string{"import", "--data", filepath.Join(dir, "d"), fixture},
			wantCode: 0, wantErr: "import: 100%", wantDB: filepath.Join(dir, "d")},
		{name: "no file", args: []string{"import", "--data", dir}, wantCode: 2, wantErr: "want exactly one FILE"},
		{name: "two files", args: []string{"import", fixture, fixture}, wantCode: 2, wantErr: "want exactly one FILE"},
		{name: "bad procs", args: []string{"import", "--procs", "0", fixture}, wantCode: 2, wantErr: "--procs"},
		{name: "unknown format names the file", args: []string{"import", "--data", dir, "roads.shp"},
			wantCode: 1, wantErr: "roads.shp: mapping: unknown file format"},
		{name: "broken xml names the element", args: []string{"import", "--data", dir, "../../mapping/testdata/broken.osm"},
			wantCode: 1, wantErr: "after node/1"},
		{name: "help", args: []string{"import", "-h"}, wantCode: 0, wantErr: "Usage: mtaa import"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.env != "" {
				t.Setenv("MTAA_DATA", tt.env)
			}
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.wantCode {
				t.Fatalf("run(%q) = %d, want %d\nstdout: %s\nstderr: %s", tt.args, code, tt.wantCode, &stdout, &stderr)
			}
			if !strings.Contains(stdout.String(), tt.wantOut) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantOut, &stdout)
			}
			if !strings.Contains(stderr.String(), tt.wantErr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantErr, &stderr)
			}
			if tt.wantDB != "" {
				if _, err := os.Stat(filepath.Join(tt.wantDB, data.ExtractFileName)); err != nil {
					t.Errorf("no extract written: %v", err)
				}
			}
		})
	}
}

func TestProgressBar(t *testing.T) {
	var buf bytes.Buffer
	b := newProgressBar(&buf, true)
	b.update(mappingProgress(512, 1024))
	b.finish()
	out := buf.String()
	for _, want := range []string{"\r[", "50%", "512 B/1.0 kB", "ETA"} {
		if !strings.Contains(out, want) {
			t.Errorf("terminal progress %q lacks %q", out, want)
		}
	}
	if !strings.HasSuffix(out, "\n") {
		t.Errorf("finish did not end the line: %q", out)
	}
}

func mappingProgress(read, total int64) mapping.Progress {
	return mapping.Progress{BytesRead: read, BytesTotal: total, Elements: 10, Features: 2,
		Elapsed: time.Second, Phase: "reading"}
}
