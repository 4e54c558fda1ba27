package node

import (
	"context"
	"errors"
)

// StartDatabase starts a throwaway PostgreSQL cluster under dir and
// returns the URL of an empty database and how to stop the cluster.
func StartDatabase(ctx context.Context, dir string) (url string, stop func(), err error) {
	return "", nil, errors.New("no database: pass -store postgres://… (or MTAA_STORE); internal/pgcluster is not on this branch yet")
}
