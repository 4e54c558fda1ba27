package main

import (
	"context"
	"log/slog"
	"strings"
	"testing"
)

func TestStoreFlag(t *testing.T) {
	tests := []struct {
		url     string
		wantErr string
	}{
		{"mysql://mtaa:secret@db/mtaa", "want a postgres://"},
		{"/var/lib/mtaa", "want a postgres://"},
	}
	for _, tt := range tests {
		cfg, err := parseServeFlags([]string{"--store", tt.url, "--data", t.TempDir()}, &strings.Builder{})
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = openStore(context.Background(), cfg, nil, slog.New(slog.DiscardHandler))
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), "secret") {
			t.Errorf("--store %s: %v; want %q without the password", tt.url, err, tt.wantErr)
		}
	}
	if got := redactStoreURL("postgres://mtaa:s3cr3t@db.example.org/mtaa"); strings.Contains(got, "s3cr3t") || !strings.Contains(got, "db.example.org") {
		t.Errorf("redactStoreURL = %q", got)
	}
}
