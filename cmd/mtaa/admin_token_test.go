package main

import (
	"strings"
	"testing"
)

// TestAdminTokenWarning: a short bootstrap admin token is served with a
// warning that says how long it is and how to make a good one; none for a
// long token or no token.
func TestAdminTokenWarning(t *testing.T) {
	tests := []struct {
		name, token string
		warn        bool
	}{
		{"one character", "a", true},
		{"a word", "backup-token", true},
		{"31 characters", strings.Repeat("x", 31), true},
		{"32 hex characters", "0123456789abcdef0123456789abcdef", false},
		{"none", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := adminTokenWarning(tt.token)
			if (msg != "") != tt.warn {
				t.Fatalf("warning %q, want one: %v", msg, tt.warn)
			}
			if tt.warn && (!strings.Contains(msg, "--admin-token") || !strings.Contains(msg, "openssl rand")) {
				t.Errorf("warning does not say what to do: %q", msg)
			}
		})
	}
}
