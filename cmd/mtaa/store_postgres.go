package main

import (
	"context"
	"errors"

	"github.com/mtaa-project/mtaa/data/kv"
)

// openPostgres connects to the PostgreSQL database at url (applying its
// migrations) and returns it as a kv engine with its change feed.
func openPostgres(ctx context.Context, url string) (kv.DB, changeFeed, error) {
	return nil, nil, errors.New("this build has no PostgreSQL engine yet (package data/kv/pgkv)")
}
