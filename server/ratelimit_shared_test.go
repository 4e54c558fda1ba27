package server_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
)

// TestRateLimitsHoldAcrossServers: two servers on one store (as two mtaa
// processes on one database) share an address's allowance when the
// buckets are kept in the store, and each have their own otherwise.
func TestRateLimitsHoldAcrossServers(t *testing.T) {
	tests := []struct {
		name   string
		shared bool
		want   int // reports accepted of 8, alternating between the servers
	}{
		{"buckets in the store", true, 3},
		{"buckets in each process", false, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, dir := datatest.NewStore(t)
			now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
			deps := server.Deps{Store: st, Now: func() time.Time { return now }}
			if tt.shared {
				deps.SharedRates = st
			}
			cfg := server.Config{RateLimits: server.RateLimits{WritesPerIP: server.Rate{PerMinute: 3, Burst: 3}}}
			var servers []*testServer
			for range 2 {
				servers = append(servers, &testServer{t: t, store: st, dir: dir, h: server.New(cfg, deps).Handler()})
			}
			accepted := 0
			for i := range 8 {
				r := servers[i%2].post(`{"type":"Feature","geometry":{"type":"Point","coordinates":[36.788,-1.313]},"properties":{"category":"flood"}}`)
				switch r.Status {
				case http.StatusCreated:
					accepted++
				case http.StatusTooManyRequests:
				default:
					t.Fatalf("POST %d: %d %s", i, r.Status, r.Body)
				}
			}
			if accepted != tt.want {
				t.Errorf("%d of 8 writes from one address accepted, want %d", accepted, tt.want)
			}
		})
	}
}
