package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestKillNineLosesNoAcknowledgedReport sends concurrent POSTs, kills the
// server with SIGKILL right after a burst of acknowledgements, restarts it
// and checks that every acknowledged report is there exactly once. Clients
// then retry what was not acknowledged with the same idempotency key, as a
// phone's offline queue does, and still nothing is duplicated.
func TestKillNineLosesNoAcknowledgedReport(t *testing.T) {
	dir := t.TempDir()
	const cycles, writers = 3, 24
	acked := map[string]uint64{} // idempotency key -> id
	sent := map[string]bool{}
	var mu sync.Mutex
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: writers}, Timeout: 10 * time.Second}

	for cycle := 0; cycle < cycles; cycle++ {
		p := startServe(t, dir)
		ctx, cancel := context.WithCancel(context.Background())
		var acks atomic.Int64
		var wg sync.WaitGroup
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ctx.Err() == nil; i++ {
					key := fmt.Sprintf("c%d-w%d-%d", cycle, w, i)
					mu.Lock()
					sent[key] = true
					mu.Unlock()
					code, body, err := postReport(ctx, client, p.base, reportBody(key), key)
					if err != nil || code != http.StatusCreated {
						continue // killed mid-flight: not acknowledged
					}
					var f struct{ ID uint64 }
					if json.Unmarshal(body, &f) != nil || f.ID == 0 {
						t.Errorf("acknowledged without an id: %s", body)
						continue
					}
					mu.Lock()
					acked[key] = f.ID
					mu.Unlock()
					acks.Add(1)
				}
			}()
		}
		// Kill right after a burst of acknowledgements, while writers are
		// still sending.
		target := int64(150 + 100*cycle)
		for acks.Load() < target {
			time.Sleep(time.Millisecond)
		}
		if err := p.cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		p.wait(t)
		cancel()
		wg.Wait()
		out, err := exec.Command(mtaaBinary(t), "check", "--data", dir).CombinedOutput()
		if err != nil {
			t.Fatalf("consistency check after kill -9: %v\n%s", err, out)
		}
	}

	p := startServe(t, dir)
	// Every acknowledged report is there with its own content.
	for key, id := range acked {
		resp, err := client.Get(fmt.Sprintf("%s/api/v1/reports/%d", p.base, id))
		if err != nil {
			t.Fatal(err)
		}
		var f struct{ Properties struct{ Description string } }
		err = json.NewDecoder(resp.Body).Decode(&f)
		resp.Body.Close()
		if resp.StatusCode != 200 || err != nil || f.Properties.Description != "crash test "+key {
			t.Fatalf("acknowledged report %d (%s) after kill -9: status %d, %q, %v", id, key, resp.StatusCode, f.Properties.Description, err)
		}
	}
	// Retrying every unacknowledged request with its key never duplicates.
	for key := range sent {
		if _, ok := acked[key]; ok {
			continue
		}
		code, body, err := postReport(context.Background(), client, p.base, reportBody(key), key)
		if err != nil || (code != 201 && code != 200) {
			t.Fatalf("retry %s: %d %s %v", key, code, body, err)
		}
	}
	counts := descriptionCounts(t, client, p.base)
	for key := range sent {
		if n := counts["crash test "+key]; n != 1 {
			t.Fatalf("report %s stored %d times", key, n)
		}
	}
	if len(counts) != len(sent) {
		t.Fatalf("%d distinct reports stored, %d sent", len(counts), len(sent))
	}
	t.Logf("%d cycles: %d acknowledged, %d sent, all present exactly once", cycles, len(acked), len(sent))
}

func reportBody(key string) string {
	return `{"type":"Feature","geometry":{"type":"Point","coordinates":[39.25,-6.81]},"properties":{"category":"flood","description":"crash test ` + key + `"}}`
}

// descriptionCounts pages through every report through the OGC API and
// counts them by description.
func descriptionCounts(t *testing.T, client *http.Client, base string) map[string]int {
	t.Helper()
	counts := map[string]int{}
	next := base + "/ogc/collections/reports/items?limit=1000"
	for next != "" {
		resp, err := client.Get(next)
		if err != nil {
			t.Fatal(err)
		}
		var page struct {
			Features []struct{ Properties struct{ Description string } }
			Links    []struct{ Rel, Href string }
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range page.Features {
			counts[f.Properties.Description]++
		}
		next = ""
		for _, l := range page.Links {
			if l.Rel == "next" {
				next = l.Href
			}
		}
	}
	return counts
}
