package server

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAppendCSVCellMatchesEncodingCSV checks the export's cell encoder
// against encoding/csv's Writer, byte for byte, on cells that need quoting
// and cells that do not.
func TestAppendCSVCellMatchesEncodingCSV(t *testing.T) {
	cells := []string{"", "plain", "a,b", `say "hi"`, "line\nbreak", "cr\rlf\r\n", ` leading space`, "\tleading tab",
		"\u00a0nbsp first", "\u2028", `\.`, `\.x`, "'", "trailing ", "maji – Tandale", "\xff\xfe", "=1+2"}
	for _, prefix := range []string{"", "'"} {
		for _, cell := range cells {
			var want bytes.Buffer
			w := csv.NewWriter(&want)
			if err := w.Write([]string{prefix + cell}); err != nil {
				t.Fatal(err)
			}
			w.Flush()
			got := append(appendCSVCell(nil, prefix, cell), '\n')
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("prefix %q cell %q: got %q, want %q", prefix, cell, got, want.Bytes())
			}
			if gotB := append(appendCSVCell(nil, prefix, []byte(cell)), '\n'); !bytes.Equal(gotB, want.Bytes()) {
				t.Errorf("prefix %q cell %q as bytes: got %q, want %q", prefix, cell, gotB, want.Bytes())
			}
		}
	}
}

// TestHXLColumnsDocumented: docs/ngo-data.md's table of the reports' HXL
// columns names every column of the export with its hashtag (the needs
// column was missing from it).
func TestHXLColumnsDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "ngo-data.md"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, line := range strings.Split(string(doc), "\n") {
		if strings.HasPrefix(line, "| `") {
			rows = append(rows, line)
		}
	}
	for _, c := range reportColumns {
		found := false
		for _, row := range rows {
			cells := strings.Split(row, "|")
			if len(cells) > 3 && strings.Contains(cells[1], "`"+c[0]+"`") && strings.Contains(cells[2], "`"+c[1]+"`") {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("docs/ngo-data.md: no table row names column %q with %q", c[0], c[1])
		}
	}
}
