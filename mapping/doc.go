// Package mapping is everything geographic in mtaa: reading OpenStreetMap
// extracts (PBF, XML, bzip2- or gzip-compressed XML) with paulmach/osm,
// choosing the features that matter for informal settlements (see
// docs/osm.md and rules.go), assembling multipolygons, writing them to the
// extract file through package data, and an in-memory spatial index over
// that file (Index) for nearest-feature and containing-area lookups.
package mapping
