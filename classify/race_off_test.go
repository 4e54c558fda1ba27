//go:build !race

package classify_test

// raceDetector is true when the tests run with -race.
const raceDetector = false
