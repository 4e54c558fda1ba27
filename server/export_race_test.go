//go:build race

package server_test

// raceEnabled is true under -race, which slows bbolt and JSON about tenfold:
// the heaviest export tests then use fewer reports.
const raceEnabled = true
