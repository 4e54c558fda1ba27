package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/reportimport"
)

// TestImportSummaryCountsAgree: every counted line of the import-reports
// summary says "1 row", "1 stored report differs" … for one, and the
// plural for two.
func TestImportSummaryCountsAgree(t *testing.T) {
	tests := []struct {
		n         int
		want, not []string
	}{
		{1, []string{"(csv, 1 row)", "geometry  1 line or polygon placed", "… and 1 more rejected row (",
			"1 stored report differs from the file (listed above): --update corrects it "},
			[]string{"1 rows", "1 lines", "1 more rejected rows", "1 stored reports"}},
		{2, []string{"(csv, 2 rows)", "geometry  2 lines or polygons placed", "… and 2 more rejected rows (",
			"2 stored reports differ from the file (listed above): --update corrects them "},
			[]string{"2 row)", "2 line or", "2 more rejected row (", "2 stored report differs"}},
	}
	for _, tt := range tests {
		rejected := make([]reportimport.Rejection, maxRowsListed+tt.n)
		for i := range rejected {
			rejected[i] = reportimport.Rejection{Line: i + 2, Code: reportimport.CodeInvalidField, Reason: "bad"}
		}
		sum := reportimport.Summary{Format: reportimport.FormatCSV, DryRun: true, Rows: tt.n, Differ: tt.n, Rejected: rejected}
		parsed := &reportimport.Parsed{Timezone: "UTC", Placed: tt.n}
		var out bytes.Buffer
		writeImportSummary(&out, importReportsConfig{file: "x.csv", dataDir: "d"}, parsed, sum, orb.Bound{}, time.Second)
		for _, w := range tt.want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("n=%d: summary lacks %q:\n%s", tt.n, w, out.String())
			}
		}
		for _, w := range tt.not {
			if strings.Contains(out.String(), w) {
				t.Errorf("n=%d: summary says %q:\n%s", tt.n, w, out.String())
			}
		}
	}
}
