package main

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
)

// bboxSQL is what PostGIS alone answers for a bbox: the GeoJSON
// FeatureCollection of at most $5 public reports in the box, built by
// ST_AsGeoJSON over the view reports_public (its GiST index on the public
// point). It is the baseline of mtaa's OGC items query on the same
// database.
const bboxSQL = `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(ST_AsGeoJSON(r.*, 'geom')::json), '[]'::json))::text
FROM (SELECT * FROM reports_public WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) LIMIT $5) r`

// newSQLAsker connects a pool of -clients connections to the database
// at -url; each request is one bbox query of bboxSQL.
func newSQLAsker(c config) (asker, func(), error) {
	cfg, err := pgxpool.ParseConfig(c.url)
	if err != nil {
		return nil, nil, fmt.Errorf("-url: %w", err)
	}
	cfg.MaxConns = int32(c.clients)
	cfg.MinConns = int32(c.clients)
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("connect: %w", err)
	}
	if err := pool.Ping(context.Background()); err != nil {
		pool.Close()
		return nil, nil, fmt.Errorf("connect: %w", err)
	}
	ask := func(src *requestSource, _ []byte) (int64, int, error) {
		x, y := src.box()
		ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
		defer cancel()
		var doc []byte
		err := pool.QueryRow(ctx, bboxSQL, x, y, x+c.bboxSize, y+c.bboxSize, c.limit).Scan(&doc)
		if err != nil {
			return 0, 0, err
		}
		return int64(len(doc)), 200, nil
	}
	return ask, pool.Close, nil
}
