// Package data holds mtaa's domain types (reports, categories, statuses)
// and their persistence in a single bbolt file.
//
// It is the bottom of the dependency graph: it imports only the standard
// library, bbolt and orb. Every write that returns without error is durably
// committed (fsync'd) to disk; concurrent writers are group-committed by one
// committer goroutine so that many reports share one fsync.
package data
