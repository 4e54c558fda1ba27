//go:build linux

package data

import (
	"strings"
	"testing"
)

func TestParseMemAvailable(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{
		{"MemTotal:       24684136 kB\nMemFree:        15509020 kB\nMemAvailable:   24066528 kB\n", 24066528 << 10},
		{"MemAvailable: 1 kB", 1024},
		{"MemTotal: 5 kB\n", 0},        // an old kernel without the line
		{"MemAvailable: lots kB\n", 0}, // unreadable
		{"", 0},
	} {
		if got := parseMemAvailable(strings.NewReader(tc.in)); got != tc.want {
			t.Errorf("%q: %d, want %d", tc.in, got, tc.want)
		}
	}
	if memAvailable() <= 0 {
		t.Error("no MemAvailable on this Linux machine")
	}
}
