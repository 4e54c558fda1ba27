// Package data holds mtaa's domain types (reports, categories, statuses,
// accounts and roles) and their persistence: reports, SMS state, alerts,
// accounts, API tokens and sessions (stored as hashes only) and the
// append-only audit log. It keeps them in the buckets of a storage engine
// (package kv): by default one bbolt file (Open, package kv/boltkv), or
// any other engine (OpenEngine), with the same rules on each.
//
// It is the bottom of the dependency graph: it imports only the standard
// library, its engines, bbolt, orb and golang.org/x/crypto (argon2id for
// passwords). Every write that returns without error is durably
// committed (fsync'd) to disk; concurrent writers are group-committed by one
// committer goroutine so that many reports share one fsync.
package data
