//go:build !race

package server_test

// raceEnabled is true under -race (see export_race_test.go).
const raceEnabled = false
