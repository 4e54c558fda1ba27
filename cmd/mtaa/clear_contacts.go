package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/server"
)

// clearContactsSealedKey is the meta key that records that the contact
// details older versions stored in clear were sealed, so that later
// starts do not read every report again.
const clearContactsSealedKey = "open311_clear_contacts_sealed"

// sealClearContacts seals, once per database, the Open311 contact details
// that versions before sealing at rest stored in clear.
func sealClearContacts(ctx context.Context, srv *server.Server, store *data.Store, log *slog.Logger) error {
	done, err := store.Meta(clearContactsSealedKey)
	if err != nil {
		return err
	}
	if done != nil {
		return nil
	}
	start := time.Now()
	n, err := srv.SealClearContacts(ctx, store)
	if err != nil {
		return err
	}
	if err := store.SetMeta(ctx, clearContactsSealedKey, []byte(time.Now().UTC().Format(time.RFC3339))); err != nil {
		return fmt.Errorf("record contacts sealed: %w", err)
	}
	if n > 0 {
		log.Info("contact details stored in clear by an older version sealed", "reports", n, "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}
