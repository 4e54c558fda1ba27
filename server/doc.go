// Package server is mtaa's HTTP layer: Gin routing, request validation,
// JSON errors, the report API, OGC API – Features, health and metrics.
//
// Handlers are thin: they decode and validate input, call the store, and
// write pre-serialised GeoJSON. The package declares the small store
// interface it needs; *data.Store satisfies it.
package server
