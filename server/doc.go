// Package server is mtaa's HTTP layer: Gin routing, request validation,
// JSON errors, the report API, moderation and the audit trail, accounts
// (API tokens, browser sessions with CSRF tokens, login lockout), rate
// limits and security headers, OGC API – Features, health and metrics.
//
// Every route is declared once in the route table (routes.go) with the
// least role that may call it; the permission matrix test is generated
// from that table.
//
// Handlers are thin: they decode and validate input, call the store, and
// write pre-serialised GeoJSON. The package declares the small store
// interface it needs; *data.Store satisfies it.
package server
