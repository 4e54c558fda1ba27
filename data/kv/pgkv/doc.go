// Package pgkv keeps the buckets of package kv in PostgreSQL, so that any
// number of mtaa servers can share one database with bbolt's guarantees.
//
// Tables (migrations/0001_kv.sql): kv_buckets (id, parent, name, seq),
// kv (bucket, key, value) with keys in byte order, kv_meta and
// kv_changes. Callers add their own tables with Options.Migrations and
// keep them in step with a bucket with Options.Projections (for example a
// PostGIS table of reports that QGIS reads).
//
// Write transactions are serialized across every server by one
// transaction-level advisory lock (pg_advisory_xact_lock) taken at
// Begin(true), and run at READ COMMITTED, so each statement sees
// everything committed before the lock was granted. This is bbolt's single
// writer: package data reads, checks and writes (idempotency keys, unique
// names, counters, the audit chain) on the assumption that nothing else
// commits in between. SERIALIZABLE would let writers run side by side but
// aborts conflicting ones with 40001 at any statement or at commit, and a
// kv transaction cannot be replayed by the engine: Begin/Commit callers
// hold state between calls and an Update function may have done work
// outside the database. mtaa's write transactions are short (a few
// reads, a few writes; package data group-commits concurrent writers into
// one), and their cost is in round trips, which the engine keeps low:
// Begin is one round trip (BEGIN, the lock and the bucket generation in
// one batch), bucket ids are cached across transactions, each key is read
// from the server at most once per transaction, and Puts and Deletes are
// buffered in memory (Get and cursors read through them) and sent with
// the change rows, the projections and COMMIT in one round trip. Filing a
// report through package data costs three round trips and one WAL flush.
//
// Differences from bbolt: keys are at most MaxKeySize bytes (a btree
// entry must fit in a third of a page); a Put on a nested bucket's key
// that the transaction has not looked up fails at Commit rather than at
// Put; Cursor.Delete leaves the cursor where it was (Next moves to the
// following key).
//
// Read transactions are REPEATABLE READ READ ONLY: one snapshot, never
// blocked by writers.
//
// Every committed write transaction records the keys it changed in
// kv_changes and sends NOTIFY mtaa_kv; Listen and ChangesSince let each
// server follow the writes of the others.
package pgkv
