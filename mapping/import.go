package mapping

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/paulmach/osm"
)

// Options configures Import.
type Options struct {
	// Procs is the number of PBF decoding goroutines (default 2).
	Procs int
	// Progress, when set, is called about every ProgressEvery (default
	// 200 ms) while the file is read, and once more at the end with Done set.
	Progress      func(Progress)
	ProgressEvery time.Duration
}

// Progress is a snapshot of a running import.
type Progress struct {
	BytesRead, BytesTotal int64
	Elements              int64 // nodes, ways and relations read
	Features              int   // features selected so far
	Elapsed               time.Duration
	Phase                 string // "reading", "assembling", "writing", "done"
	Done                  bool
}

// Result is what Import did.
type Result struct {
	// Path is the extract file written (dir/data.ExtractFileName).
	Path  string
	Meta  data.ExtractMeta
	Stats Stats
	// Features counts the stored features per kind.
	Features map[data.FeatureKind]int
	Took     time.Duration
}

// featureBatch is how many features travel together to the writer.
const featureBatch = 2048

// Import reads the OSM file at path, selects the features mtaa keeps (see
// docs/osm.md) and replaces dir/data.ExtractFileName with them atomically:
// on any error, or when ctx is cancelled, the previous extract stays as it
// was. Input problems are *InputError values wrapping this package's
// sentinel errors.
func Import(ctx context.Context, path, dir string, opts Options) (Result, error) {
	start := time.Now()
	if opts.ProgressEvery <= 0 {
		opts.ProgressEvery = 200 * time.Millisecond
	}
	src, err := Open(ctx, path, opts.Procs)
	if err != nil {
		return Result{}, importError(path, err)
	}
	defer src.Close()
	w, err := data.CreateExtract(dir)
	if err != nil {
		return Result{}, fmt.Errorf("import %s: %w", path, err)
	}
	defer w.Abort() // no-op after Commit

	// The writer goroutine encodes and stores features while the scan goes on.
	batches := make(chan []*data.OSMFeature, 8)
	writeErr := make(chan error, 1)
	go func() {
		var err error
		for b := range batches {
			if err != nil {
				continue // drain
			}
			for _, f := range b {
				if err = w.Add(f); err != nil {
					break
				}
			}
		}
		writeErr <- err
	}()
	var batch []*data.OSMFeature
	selected := 0
	emit := func(f *data.OSMFeature) error {
		batch = append(batch, f)
		selected++
		if len(batch) == featureBatch {
			select {
			case batches <- batch:
			case <-ctx.Done():
				return ctx.Err()
			}
			batch = make([]*data.OSMFeature, 0, featureBatch)
		}
		return nil
	}
	x := newExtractor(emit, src.nodeHint())
	progress := func(phase string, done bool) {
		if opts.Progress != nil {
			opts.Progress(Progress{BytesRead: src.BytesRead(), BytesTotal: src.Size,
				Elements: x.elements(), Features: selected,
				Elapsed: time.Since(start), Phase: phase, Done: done})
		}
	}
	scanErr := func() error {
		var lastType osm.Type
		var lastID int64
		nextCheck := time.Now().Add(opts.ProgressEvery)
		for n := 0; src.Scan(); n++ {
			o := src.Object()
			switch o := o.(type) {
			case *osm.Node:
				lastType, lastID = osm.TypeNode, int64(o.ID)
			case *osm.Way:
				lastType, lastID = osm.TypeWay, int64(o.ID)
			case *osm.Relation:
				lastType, lastID = osm.TypeRelation, int64(o.ID)
			}
			if err := x.add(o); err != nil {
				return err
			}
			if n&4095 == 0 && opts.Progress != nil && time.Now().After(nextCheck) {
				progress("reading", false)
				nextCheck = time.Now().Add(opts.ProgressEvery)
			}
		}
		last := ""
		if lastType != "" {
			last = fmt.Sprintf("%s/%d", lastType, lastID)
		}
		if err := src.Err(ctx, last); err != nil {
			return err
		}
		if x.elements() == 0 {
			// Refuse rather than replace a good extract with nothing.
			return &InputError{Path: path, Err: fmt.Errorf("%w: no nodes, ways or relations", ErrEmpty)}
		}
		progress("assembling", false)
		return x.finish()
	}()
	if scanErr == nil && len(batch) > 0 {
		select {
		case batches <- batch:
		case <-ctx.Done():
			scanErr = ctx.Err()
		}
	}
	close(batches)
	if err := <-writeErr; err != nil && scanErr == nil {
		scanErr = err
	}
	if scanErr == nil {
		scanErr = ctx.Err()
	}
	if scanErr != nil {
		return Result{}, importError(path, scanErr)
	}
	progress("writing", false)
	counts := w.Counts()
	meta := data.ExtractMeta{
		Source:     filepath.Base(path),
		Size:       src.Size,
		SHA256:     src.SHA256(),
		ModTime:    time.Unix(0, src.MTime).UTC(),
		ImportedAt: start.UTC().Truncate(time.Second),
		Elements: map[string]int{"nodes": int(x.stats.Nodes), "ways": int(x.stats.Ways),
			"relations": int(x.stats.Relations)},
		Warnings: x.stats.Warnings,
	}
	meta.TookSeconds = time.Since(start).Seconds()
	meta, err = w.Commit(meta)
	if err != nil {
		return Result{}, fmt.Errorf("import %s: %w", path, err)
	}
	res := Result{Path: filepath.Join(dir, data.ExtractFileName), Meta: meta, Stats: x.stats,
		Features: counts, Took: time.Since(start)}
	progress("done", true)
	return res, nil
}

// importError adds the file name to err unless an *InputError already
// names it.
func importError(path string, err error) error {
	var ie *InputError
	if errors.As(err, &ie) {
		return fmt.Errorf("import: %w", err)
	}
	return fmt.Errorf("import %s: %w", path, err)
}
