package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestServeRiskFlags(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		cellM    float64
		halfLife time.Duration
		errText  string // in stderr; "" means no error
	}{
		{name: "defaults", cellM: 250, halfLife: 168 * time.Hour},
		{name: "set", args: []string{"--risk-cell-m", "100", "--risk-half-life", "72h"}, cellM: 100, halfLife: 72 * time.Hour},
		{name: "cell too small", args: []string{"--risk-cell-m", "5"}, errText: "--risk-cell-m"},
		{name: "cell not a number", args: []string{"--risk-cell-m", "big"}, errText: "--risk-cell-m"},
		{name: "half-life too short", args: []string{"--risk-half-life", "10s"}, errText: "--risk-half-life"},
		{name: "half-life not a duration", args: []string{"--risk-half-life", "7"}, errText: "--risk-half-life"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			cfg, err := parseServeFlags(tc.args, &stderr)
			if tc.errText != "" {
				if !errors.Is(err, errUsage) || !strings.Contains(stderr.String(), tc.errText) {
					t.Fatalf("err %v, stderr %q; want a usage error naming %s", err, stderr.String(), tc.errText)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v: %s", err, stderr.String())
			}
			if cfg.riskCellM != tc.cellM || cfg.riskHalfLife != tc.halfLife {
				t.Errorf("cell %g m, half-life %s; want %g m, %s", cfg.riskCellM, cfg.riskHalfLife, tc.cellM, tc.halfLife)
			}
		})
	}
}
