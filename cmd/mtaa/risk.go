package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
)

// riskLayers are the risk grid and its area summaries, nil when the server
// runs without an extract.
type riskLayers struct {
	risk      *mapping.Risk
	summaries *mapping.AreaSummaries
}

// parseRiskFlags checks --risk-cell-m and --risk-half-life.
func parseRiskFlags(cellM, halfLife string, stderr io.Writer) (float64, time.Duration, error) {
	c, err := strconv.ParseFloat(cellM, 64)
	if err != nil || !(c >= mapping.MinRiskCellM && c <= mapping.MaxRiskCellM) {
		fmt.Fprintf(stderr, "serve: --risk-cell-m %q: want metres from %g to %g\n", cellM, mapping.MinRiskCellM, mapping.MaxRiskCellM)
		return 0, 0, errUsage
	}
	h, err := time.ParseDuration(halfLife)
	if err != nil || h < time.Minute {
		fmt.Fprintf(stderr, "serve: --risk-half-life %q: want a duration of at least 1m, such as 168h\n", halfLife)
		return 0, 0, errUsage
	}
	return c, h, nil
}

// newRiskLayers returns the risk grid and its area summaries over the
// extract in use and keeps them current until ctx ends: the grid is
// computed in the background (the layers are empty until then, so start-up
// does not wait), new and changed reports are applied as the store commits
// them, and a newly imported extract (checked every 5 s) triggers a full
// recompute. settlements returns the verified drawn settlements (nil for
// none). Without an extract the layers are empty until one is imported.
func newRiskLayers(ctx context.Context, cfg serveConfig, keeper *extractKeeper, store *data.Store, tax *data.Taxonomy,
	settlements func() []orb.MultiPolygon, log *slog.Logger, background func(func())) (riskLayers, error) {
	r, err := mapping.NewEmptyRisk(store, mapping.RiskOptions{CellM: cfg.riskCellM, HalfLife: cfg.riskHalfLife,
		Taxonomy: tax, Settlements: settlements})
	if err != nil {
		return riskLayers{}, fmt.Errorf("risk layer: %w", err)
	}
	following := r.Follow(ctx, store)
	background(func() { <-following })
	background(func() {
		var done *mapping.Index
		var doneSettlements uint64
		t := time.NewTicker(5 * time.Second)
		defer t.Stop()
		for {
			// A new extract, or a drawn settlement created or moderated
			// (exposure counts buildings inside verified ones).
			// No grid before there is an extract to lay it over (one
			// imported while serving is picked up here).
			if next, sv := keeper.index(), store.SettlementsVersion(); next != nil && (next != done || sv != doneSettlements) {
				start := time.Now()
				done, doneSettlements = next, sv // a failure is not retried until the next change
				if err := r.Rebuild(ctx, next); err != nil {
					if ctx.Err() != nil {
						return
					}
					log.Error("risk layer: computing the grid failed; keeping the previous one", "err", err)
				} else {
					log.Info("risk layer computed", "cell_m", cfg.riskCellM, "half_life", cfg.riskHalfLife,
						"took", time.Since(start).Round(time.Millisecond))
				}
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	})
	return riskLayers{risk: r, summaries: mapping.NewAreaSummaries(r, mapping.SummaryOptions{})}, nil
}

// verifiedSettlements returns the settlement boundaries mappers drew and
// moderators verified, for the risk layer's exposure.
func verifiedSettlements(store *data.Store, log *slog.Logger) func() []orb.MultiPolygon {
	return func() []orb.MultiPolygon {
		var out []orb.MultiPolygon
		err := store.EachSettlement(func(st data.Settlement) bool {
			if st.Status != data.SettlementVerified {
				return true
			}
			switch g := st.Geometry.(type) {
			case orb.Polygon:
				out = append(out, orb.MultiPolygon{g})
			case orb.MultiPolygon:
				out = append(out, g)
			}
			return true
		})
		if err != nil {
			log.Error("risk layer: reading drawn settlements", "err", err)
		}
		return out
	}
}
