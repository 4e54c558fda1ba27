package reportimport_test

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/reportimport"
)

func parseKobo(t *testing.T) *reportimport.Parsed {
	t.Helper()
	p, err := reportimport.Parse(readFixture(t, "kobo_tandale.geojson"), reportimport.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportIsIdempotentAndReconciled(t *testing.T) {
	store, _ := datatest.NewStore(t)
	rules, err := mapping.LoadRules("")
	if err != nil {
		t.Fatal(err)
	}
	store.SetReconciler(mapping.NewReconciler(mapping.NewIndex(datatest.TandaleFeatures()), rules, store).Reconcile)
	ctx := context.Background()

	sum, err := reportimport.Import(ctx, store, parseKobo(t), reportimport.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rows != 9 || sum.Imported != 4 || sum.Existing != 0 || len(sum.Rejected) != 5 {
		t.Fatalf("first import: %d rows, %d imported, %d existing, %d rejected; want 9, 4, 0, 5",
			sum.Rows, sum.Imported, sum.Existing, len(sum.Rejected))
	}
	if got := store.Extent().Count; got != 4 {
		t.Fatalf("%d reports stored, want 4", got)
	}
	drain, err := store.Get(sum.Outcomes[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if drain.Category != "blocked_drain" || len(drain.Areas) != 2 || drain.Areas[1].Name != "Mtogole" ||
		drain.Nearest == nil || drain.Nearest.Name != "Mtaro wa Tandale" {
		t.Errorf("imported drain report not reconciled: category %s, areas %+v, nearest %+v", drain.Category, drain.Areas, drain.Nearest)
	}
	feature, err := store.Feature(drain.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(feature, []byte(`"channel":"import"`)) || bytes.Contains(feature, []byte("+255")) ||
		bytes.Contains(feature, []byte("import:geojson")) {
		t.Errorf("public feature: %s", feature)
	}

	again, err := reportimport.Import(ctx, store, parseKobo(t), reportimport.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Imported != 0 || again.Existing != 4 || store.Extent().Count != 4 {
		t.Errorf("re-import: %d imported, %d existing, %d stored; want 0, 4, 4", again.Imported, again.Existing, store.Extent().Count)
	}
	for i, o := range again.Outcomes {
		if o.ID != sum.Outcomes[i].ID {
			t.Errorf("re-import row %s: id %d, first import stored %d", o.Where(), o.ID, sum.Outcomes[i].ID)
		}
	}

	dry, err := reportimport.Import(ctx, store, parseKobo(t), reportimport.ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if dry.Imported != 0 || dry.Existing != 4 {
		t.Errorf("dry run after import: %d new, %d existing; want 0, 4", dry.Imported, dry.Existing)
	}
}

func TestDryRunStoresNothing(t *testing.T) {
	store, dir := datatest.NewStore(t)
	ctx := context.Background()
	// One report already there, so the dry run has keys to look up.
	first := parseKobo(t)
	first.Rows = first.Rows[:1]
	if _, err := reportimport.Import(ctx, store, first, reportimport.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(store.Path())
	if err != nil {
		t.Fatal(err)
	}
	sum, err := reportimport.Import(ctx, store, parseKobo(t), reportimport.ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if !sum.DryRun || sum.Imported != 3 || sum.Existing != 1 || sum.Outcomes[1].ID != 0 {
		t.Errorf("dry run: %+v", sum)
	}
	after, err := os.ReadFile(store.Path())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) || store.Extent().Count != 1 {
		t.Errorf("the dry run changed %s (%d reports)", dir, store.Extent().Count)
	}

	// Without a database (nil store) every row is new.
	sum, err = reportimport.Import(ctx, nil, parseKobo(t), reportimport.ImportOptions{DryRun: true})
	if err != nil || sum.Imported != 4 || sum.Existing != 0 {
		t.Errorf("dry run without a store: %+v %v", sum, err)
	}
}

func TestImportInChunks(t *testing.T) {
	store, _ := datatest.NewStore(t)
	var src bytes.Buffer
	src.WriteString("#,INCIDENT DATE,CATEGORY,LATITUDE,LONGITUDE\n")
	const n = 2*reportimport.ChunkSize + 17
	for i := 1; i <= n; i++ {
		// Distinct ids and places, all in Tandale.
		src.WriteString(itoa(i) + ",2026-10-01 08:00:00,fire," + ftoa(-6.80+float64(i)*1e-6) + ",39.25\n")
	}
	p, err := reportimport.Parse(src.Bytes(), reportimport.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := reportimport.Import(context.Background(), store, p, reportimport.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imported != n || store.Extent().Count != n || sum.Outcomes[n-1].Line != n+1 {
		t.Errorf("imported %d, stored %d, want %d", sum.Imported, store.Extent().Count, n)
	}
}

// TestImportMtaaExport moves reports from one mtaa to another through
// GeoJSON, as an NGO merging two deployments would: categories, statuses
// and times survive, and the reconciliation is the new store's.
func TestImportMtaaExport(t *testing.T) {
	from, _ := datatest.NewStore(t)
	ctx := context.Background()
	t0 := now.Add(-48 * time.Hour)
	for i, c := range []string{"flood", "water_supply", "security"} {
		r := datatest.Report(orb.Point{39.245 + float64(i)*0.001, -6.805}, c, t0.Add(time.Duration(i)*time.Hour))
		if i == 1 {
			r.Status = data.StatusVerified
		}
		if _, err := from.Create(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	features, n, err := from.AppendFeatures(nil, from.Find(data.Query{Limit: 10}).IDs)
	if err != nil || n != 3 {
		t.Fatal(n, err)
	}
	export := append(append([]byte(`{"type":"FeatureCollection","features":[`), features...), "]}"...)

	m, err := reportimport.ParseMapping(strings.NewReader(`{"source": "mtaa-tandale"}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := reportimport.Parse(export, reportimport.Options{Mapping: m, Now: now})
	if err != nil || len(p.Rows) != 3 || len(p.Rejected) != 0 {
		t.Fatalf("%v: %+v", err, p)
	}
	to, _ := datatest.NewStore(t)
	if _, err := reportimport.Import(ctx, to, p, reportimport.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	for id := uint64(1); id <= 3; id++ {
		a, _ := from.Get(id)
		b, err := to.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Category != b.Category || a.Status != b.Status || !a.ObservedAt.Equal(b.ObservedAt) || geo.Distance(a.Location, b.Location) > 0.05 ||
			b.Channel != data.ChannelImport || b.IdempotencyKey != "import:geojson:mtaa-tandale:"+strconv.FormatUint(id, 10) {
			t.Errorf("report %d: %+v\nbecame %+v", id, a, b)
		}
	}
}

// TestConcurrentImportsStoreEachRowOnce runs the same import twice at
// once (two admins uploading the same file): every row is stored once.
func TestConcurrentImportsStoreEachRowOnce(t *testing.T) {
	store, _ := datatest.NewStore(t)
	var wg sync.WaitGroup
	sums := make([]reportimport.Summary, 4)
	for i := range sums {
		p := parseKobo(t)
		wg.Go(func() {
			sum, err := reportimport.Import(context.Background(), store, p, reportimport.ImportOptions{})
			if err != nil {
				t.Error(err)
			}
			sums[i] = sum
		})
	}
	wg.Wait()
	imported := 0
	for _, s := range sums {
		imported += s.Imported
		if s.Imported+s.Existing != 4 {
			t.Errorf("an import saw %d new and %d existing rows, want 4 in all", s.Imported, s.Existing)
		}
	}
	if imported != 4 || store.Extent().Count != 4 {
		t.Errorf("%d imported in all, %d stored; want 4", imported, store.Extent().Count)
	}
}
