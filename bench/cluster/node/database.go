package node

import (
	"context"
	"fmt"
	"io"

	"github.com/mtaa-project/mtaa/internal/pgcluster"
)

// StartCluster starts a throwaway PostgreSQL cluster as StartDatabase
// does, for a caller that wants several databases in it
// (Cluster.NewDatabase); Stop stops it and removes its files.
func StartCluster(ctx context.Context, log io.Writer) (*pgcluster.Cluster, error) {
	c, err := pgcluster.Start(ctx, pgcluster.Options{Durable: true, Log: log})
	if err != nil {
		return nil, fmt.Errorf("start PostgreSQL: %w", err)
	}
	return c, nil
}

// StartDatabase starts a throwaway PostgreSQL cluster (internal/pgcluster:
// a temporary folder, a free port, run as an unprivileged user when root,
// fsync on) and returns the URL of its empty database and how to stop the
// cluster. log receives the server's log; nil discards it.
func StartDatabase(ctx context.Context, log io.Writer) (url string, stop func(), err error) {
	c, err := StartCluster(ctx, log)
	if err != nil {
		return "", nil, err
	}
	url, err = c.NewDatabase(ctx)
	if err != nil {
		c.Stop()
		return "", nil, fmt.Errorf("start PostgreSQL: %w", err)
	}
	return url, func() { c.Stop() }, nil
}
