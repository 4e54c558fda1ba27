package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/ussd"
)

// metaReconciledExtract records, in the report database, which extract the
// stored reports were last reconciled against.
const metaReconciledExtract = "reconciled_extract"

// osmState is one loaded extract: its index, its gazetteer and the
// reconciler over it. It is replaced as a whole when a new extract is
// imported.
type osmState struct {
	index *mapping.Index
	gaz   *mapping.Gazetteer
	rc    *mapping.Reconciler
	stamp string
	// examples are the SMS replies' example places, from this extract.
	examples sms.Examples
	// loadedAt is when it was loaded, in took.
	loadedAt time.Time
	took     time.Duration
}

// extractCheck is how often a server looks for a new extract: a new file
// in the data directory (mtaa import), or on a shared database a new
// version kept there (mtaa import --store).
const extractCheck = 5 * time.Second

// extractKeeper keeps the server on the newest extract in the data
// directory: it loads DIR/osm.db, reconciles reports on write with it, and
// when `mtaa import` replaces the file it loads the new one and reconciles
// every stored report again.
type extractKeeper struct {
	path    string
	store   *data.Store
	rules   *mapping.Rules
	gazOpts mapping.GazetteerOptions
	log     *slog.Logger
	cur     atomic.Pointer[osmState]
	// shared, on a database several servers share, keeps the data
	// directory's extract file in step with the database's and lets one
	// server reconcile the reports for all; nil on a bbolt file.
	shared *sharedExtract
}

func newExtractKeeper(dir string, store *data.Store, rules *mapping.Rules, tax *data.Taxonomy, log *slog.Logger) *extractKeeper {
	return &extractKeeper{path: filepath.Join(dir, data.ExtractFileName), store: store, rules: rules,
		gazOpts: gazetteerOptions(tax), log: log}
}

// fileStamp identifies a version of the extract file: the import writes a
// new file and renames it over the old one.
func fileStamp(path string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d-%d", st.ModTime().UnixNano(), st.Size()), nil
}

// refresh loads the extract if the file is new or changed and reports
// whether it did. A missing file is not an error: the server runs without
// an extract.
func (k *extractKeeper) refresh() (bool, error) {
	stamp, err := fileStamp(k.path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("extract %s: %w", k.path, err)
	}
	if cur := k.cur.Load(); cur != nil && cur.stamp == stamp {
		return false, nil
	}
	start := time.Now()
	ix, err := mapping.Load(k.path)
	if err != nil {
		return false, err
	}
	gaz := mapping.GazetteerFor(ix, k.gazOpts)
	st := &osmState{index: ix, gaz: gaz, rc: mapping.NewReconciler(ix, k.rules, k.store), stamp: stamp, examples: cityExamples(ix),
		loadedAt: time.Now(), took: time.Since(start)}
	k.cur.Store(st)
	k.store.SetReconciler(st.rc.Reconcile)
	meta := ix.Meta()
	k.log.Info("extract loaded", "source", meta.Source, "features", ix.Len(), "names", gaz.Len(), "imported_at", meta.ImportedAt,
		"took", time.Since(start).Round(time.Millisecond))
	return true, nil
}

// reconcileIfNeeded reconciles every stored report when they were last
// reconciled against another extract (or none). On a shared database one
// server does it for all (see sharedExtract.mayReconcile); the others
// return at once and look again at their next check.
func (k *extractKeeper) reconcileIfNeeded(ctx context.Context) error {
	st := k.cur.Load()
	if st == nil {
		return nil
	}
	meta := st.index.Meta()
	want := meta.SHA256 + "@" + meta.ImportedAt.UTC().Format(time.RFC3339Nano)
	have, err := k.store.Meta(metaReconciledExtract)
	if err != nil {
		return err
	}
	if string(have) == want {
		return nil
	}
	if k.shared != nil {
		release, err := k.shared.mayReconcile(ctx, st, k.log)
		if release == nil || err != nil {
			return err
		}
		defer release()
	}
	start := time.Now()
	n, err := k.store.ReconcileAll(ctx)
	if err != nil {
		return err
	}
	if err := k.store.SetMeta(ctx, metaReconciledExtract, []byte(want)); err != nil {
		return err
	}
	k.log.Info("reports reconciled with the extract", "reports", n, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// watch checks the extract file every interval until ctx ends, loading a
// new import and reconciling reports with it.
func (k *extractKeeper) watch(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if k.shared != nil {
			if err := k.shared.sync(k.log); err != nil && ctx.Err() == nil {
				k.log.Error("writing the database's new extract into the data directory failed; keeping the previous one", "err", err)
			}
		}
		if _, err := k.refresh(); err != nil {
			k.log.Error("loading the new extract failed; keeping the previous one", "err", err)
			continue
		}
		if err := k.reconcileIfNeeded(ctx); err != nil && ctx.Err() == nil {
			k.log.Error("reconciling reports", "err", err)
		}
	}
}

// index returns the extract in use, or nil.
func (k *extractKeeper) index() *mapping.Index {
	if st := k.cur.Load(); st != nil {
		return st.index
	}
	return nil
}

// gazetteer returns the place-name index of the extract in use, or nil.
func (k *extractKeeper) gazetteer() *mapping.Gazetteer {
	if st := k.cur.Load(); st != nil {
		return st.gaz
	}
	return nil
}

// examples returns the SMS replies' example places from the extract in
// use (none while there is no extract).
func (k *extractKeeper) examples() sms.Examples {
	if st := k.cur.Load(); st != nil {
		return st.examples
	}
	return sms.Examples{}
}

// area returns the bounds of the extract in use, the deployment area (a
// zero bound while there is no extract).
func (k *extractKeeper) area() orb.Bound {
	if st := k.cur.Load(); st != nil {
		return extractArea(st.index)
	}
	return orb.Bound{}
}

// extractLocator is the SMS channel's Locator over whichever extract the
// keeper holds now, preferring places inside the extract's bounds.
type extractLocator struct{ k *extractKeeper }

// Locate finds the places named in text in the current extract.
func (l extractLocator) Locate(text string) []sms.Place {
	st := l.k.cur.Load()
	if st == nil {
		return nil
	}
	hint := extractArea(st.index)
	return gazetteerLocator{g: st.gaz, hint: &hint}.Locate(text)
}

// menuAreas lists the areas of whichever extract is in use for the USSD
// menu: neighbourhoods, informal settlements, place areas and
// administrative areas (not hazard zones), by name, each with its
// representative point. The list is built once per extract.
type menuAreas struct {
	k     *extractKeeper
	mu    sync.Mutex
	ix    *mapping.Index
	areas []ussd.Area
}

func (m *menuAreas) list() []ussd.Area {
	ix := m.k.index()
	m.mu.Lock()
	defer m.mu.Unlock()
	if ix == m.ix {
		return m.areas
	}
	var out []ussd.Area
	seen := map[string]bool{}
	for _, f := range ix.Regions() {
		if f.Kind == data.KindHazard || f.Name() == "" || seen[f.Name()] {
			continue
		}
		seen[f.Name()] = true
		out = append(out, ussd.Area{Name: f.Name(), Point: f.Point})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	m.ix, m.areas = ix, out
	return out
}

// commonCategories orders the taxonomy's categories by how many stored
// reports have them as main category, most first, for the USSD menu. The
// order is worked out at most every ten minutes (one count per category
// on the in-memory index).
type commonCategories struct {
	store *data.Store
	tax   *data.Taxonomy
	mu    sync.Mutex
	at    time.Time
	order []string
}

func (c *commonCategories) list() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.order != nil && time.Since(c.at) < 10*time.Minute {
		return c.order
	}
	ids := c.tax.IDs()
	counts := make(map[string]int, len(ids))
	for _, id := range ids {
		counts[id] = c.store.Find(data.Query{Categories: []string{id}, MainCategoryOnly: true}).Matched
	}
	sort.SliceStable(ids, func(i, j int) bool { return counts[ids[i]] > counts[ids[j]] })
	c.order, c.at = ids, time.Now()
	return ids
}
