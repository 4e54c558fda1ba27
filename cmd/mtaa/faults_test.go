//go:build linux

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// These tests put the real binary in front of the faults an operator
// meets: a full disk, a read-only data directory, a damaged database file
// and clients that hold connections open. Each is bounded in time and
// cleans up what it mounted or started.

// mountTmpfs mounts a tmpfs of the given size (e.g. "8m") on a new
// directory and unmounts it when the test ends. It skips the test when the
// process may not mount (a container without privileges).
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		if errors.Is(err, syscall.EPERM) {
			t.Skipf("cannot mount a tmpfs here (%v): run as root with CAP_SYS_ADMIN to test storage faults", err)
		}
		t.Fatalf("mount tmpfs on %s: %v", dir, err)
	}
	// Registered before the server's cleanup, so it runs after the server
	// is killed (cleanups run last-in first-out).
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Logf("unmount %s: %v; detaching it", dir, err)
			syscall.Unmount(dir, syscall.MNT_DETACH)
		}
	})
	return dir
}

// bigReport is a report with a description of n random letters, so that
// every report takes room on disk.
func bigReport(rng *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('a' + rng.IntN(26))
	}
	return `{"type":"Feature","geometry":{"type":"Point","coordinates":[39.25,-6.81]},"properties":{"category":"flood","description":"` + string(b) + `"}}`
}

// getStatus GETs url and returns the status code.
func getStatus(t *testing.T, client *http.Client, url string) int {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// stopServe stops a server with SIGINT (a clean shutdown) and waits for it.
func stopServe(t *testing.T, p *process) {
	t.Helper()
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if err := p.wait(t); err != nil {
		t.Fatalf("exit after SIGINT: %v\n%s", err, p.stderr)
	}
}

// runMtaa runs the binary with args, bounded to 60 s, and returns its
// combined output and exit code.
func runMtaa(t *testing.T, args ...string) (string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, mtaaBinary(t), args...).CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("mtaa %v did not finish in 60 s\n%s", args, out)
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &ee):
		return string(out), ee.ExitCode()
	}
	t.Fatalf("mtaa %v: %v", args, err)
	return "", 0
}

// assertNoCrash fails when output holds a Go panic or fault trace. (A
// recovered bbolt panic quoted inside the error message is fine.)
func assertNoCrash(t *testing.T, what, out string) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		for _, s := range []string{"panic:", "goroutine ", "fatal error:", "unexpected fault address", "[signal "} {
			if strings.HasPrefix(line, s) {
				t.Errorf("%s printed a crash trace (%q):\n%s", what, s, out)
			}
		}
	}
}

// TestDiskFull fills a small tmpfs with reports: the write that does not
// fit gets 507 storage_full (or 503), never a 500 or a hang; reads keep
// working, /readyz says unavailable, and writes succeed again once space
// is freed.
func TestDiskFull(t *testing.T) {
	mnt := mountTmpfs(t, "10m")
	// The filler is what the operator frees later: 4 MiB, so that after
	// the next write (which may grow the file, and the stager then moves
	// staged records to their place) more than MinFreeBytes stay free;
	// with 2 and then 3 MiB a busy machine saw /readyz stay 503.
	filler := filepath.Join(mnt, "filler")
	if err := os.WriteFile(filler, make([]byte, 4<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	p := startServe(t, filepath.Join(mnt, "data"))
	client := &http.Client{Timeout: 15 * time.Second}
	rng := rand.New(rand.NewPCG(1, 2))
	if code, body, err := postReport(context.Background(), client, p.base, bigReport(rng, 100), ""); err != nil || code != 201 {
		t.Fatalf("first POST: %d %s %v", code, body, err)
	}

	// >> Fill the disk: concurrent writers until one is refused, bounded
	// in count and time.
	type refusal struct {
		code int
		body []byte
	}
	var (
		mu       sync.Mutex
		refused  *refusal
		accepted int
		bad      []string
	)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wrng := rand.New(rand.NewPCG(uint64(w), 7))
		wg.Go(func() {
			for i := 0; i < 2000; i++ {
				mu.Lock()
				stop := refused != nil || len(bad) > 0
				mu.Unlock()
				if stop || ctx.Err() != nil {
					return
				}
				code, body, err := postReport(ctx, client, p.base, bigReport(wrng, 2000), "")
				mu.Lock()
				switch {
				case err != nil:
					bad = append(bad, fmt.Sprintf("POST failed without an answer (hang or reset): %v", err))
				case code == http.StatusCreated:
					accepted++
				case code == http.StatusInsufficientStorage || code == http.StatusServiceUnavailable:
					if refused == nil {
						refused = &refusal{code, body}
					}
				default:
					bad = append(bad, fmt.Sprintf("POST on a full disk: %d %s", code, body))
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(bad) > 0 {
		t.Fatalf("%s\n%s", strings.Join(bad, "\n"), p.stderr)
	}
	if refused == nil {
		t.Fatalf("no write was refused after %d reports on an 8 MiB disk", accepted)
	}
	var eb struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal(refused.body, &eb); err != nil {
		t.Fatalf("refusal body is not JSON: %s", refused.body)
	}
	if refused.code == http.StatusInsufficientStorage && eb.Error.Code != "storage_full" {
		t.Errorf("507 with code %q, want storage_full", eb.Error.Code)
	}
	t.Logf("disk full after %d reports: %d %s", accepted, refused.code, refused.body)

	// >> Reads keep answering; readiness says unavailable.
	for _, path := range []string{"/api/v1/reports/1", "/ogc/collections/reports/items?limit=5", "/healthz"} {
		if code := getStatus(t, client, p.base+path); code != 200 {
			t.Errorf("GET %s on a full disk: %d, want 200", path, code)
		}
	}
	t.Run("readyz unavailable", func(t *testing.T) {
		if code := getStatus(t, client, p.base+"/readyz"); code != http.StatusServiceUnavailable {
			t.Fatalf("/readyz on a full disk: %d, want 503", code)
		}
	})

	// >> Free space: writes succeed again.
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	code, body, err := postReport(context.Background(), client, p.base, bigReport(rng, 2000), "after-free")
	if err != nil || code != 201 {
		t.Fatalf("POST after freeing space: %d %s %v", code, body, err)
	}
	// Ready again once the writes that were waiting have landed.
	ready := 0
	for deadline := time.Now().Add(10 * time.Second); ready != 200 && time.Now().Before(deadline); {
		if ready = getStatus(t, client, p.base+"/readyz"); ready != 200 {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if ready != 200 {
		out, _ := exec.Command("df", "-B1", mnt).CombinedOutput()
		t.Errorf("/readyz after freeing space: %d, want 200\n%s", ready, out)
	}
	stopServe(t, p)
	if out, code := runMtaa(t, "check", "--data", filepath.Join(mnt, "data")); code != 0 {
		t.Fatalf("check after a full disk: exit %d\n%s", code, out)
	}
}

// TestReadOnlyDataDirRefusesToStart remounts the data directory read-only
// after a clean stop. mtaa serve refuses to start, naming the directory:
// a server that looks up but cannot store a single report would lose
// residents' reports quietly, while a refused start is seen at once by the
// operator and the service manager.
func TestReadOnlyDataDirRefusesToStart(t *testing.T) {
	mnt := mountTmpfs(t, "8m")
	dir := filepath.Join(mnt, "data")
	p := startServe(t, dir)
	if code, body, err := postReport(context.Background(), http.DefaultClient, p.base, bigReport(rand.New(rand.NewPCG(1, 1)), 10), ""); err != nil || code != 201 {
		t.Fatalf("POST: %d %s %v", code, body, err)
	}
	stopServe(t, p)
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, "size=8m"); err != nil {
		t.Fatalf("remount read-only: %v", err)
	}
	out, code := runMtaa(t, "serve", "--data", dir, "--listen", "127.0.0.1:0")
	if code == 0 {
		t.Fatalf("serve on a read-only data directory exited 0:\n%s", out)
	}
	assertNoCrash(t, "serve", out)
	for _, want := range []string{dir, "read-only", "remount it read-write"} {
		if !strings.Contains(out, want) {
			t.Errorf("serve's message does not say %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "mtaa listening") {
		t.Errorf("serve listened before refusing:\n%s", out)
	}
}

// TestCorruptDatabaseRefusesToStart damages the file after a clean stop,
// once by overwriting pages in the middle and once by truncating it: serve
// and check refuse it with a message that says how to restore, without a
// crash trace, and a restore from the backup brings the server back.
func TestCorruptDatabaseRefusesToStart(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "data")
	p := startServe(t, dir)
	client := &http.Client{Timeout: 15 * time.Second}
	// 300 reports of about 3 KiB from 6 concurrent writers (group
	// commits keep it quick): a file of a few hundred pages.
	var wg sync.WaitGroup
	for w := 0; w < 6; w++ {
		rng := rand.New(rand.NewPCG(3, uint64(w)))
		wg.Go(func() {
			for i := 0; i < 50; i++ {
				if code, body, err := postReport(context.Background(), client, p.base, bigReport(rng, 1500), ""); err != nil || code != 201 {
					t.Errorf("POST %d: %d %s %v", i, code, body, err)
					return
				}
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	stopServe(t, p)
	backup := filepath.Join(base, "backup.tar.gz")
	if out, code := runMtaa(t, "backup", "--data", dir, "--to", backup); code != 0 {
		t.Fatalf("backup: exit %d\n%s", code, out)
	}
	good, err := os.ReadFile(filepath.Join(dir, "mtaa.db"))
	if err != nil {
		t.Fatal(err)
	}
	// bbolt grows the file ahead of its pages in 16 MiB steps, so the
	// middle of the file is usually zeros it has not used yet: damage the
	// middle of the pages in use, up to the last page that is not all zeros.
	const page = 4096
	used := len(good) / page * page
	for used > 2*page && !slices.ContainsFunc(good[used-page:used], func(c byte) bool { return c != 0 }) {
		used -= page
	}
	mid := used / 2 / page * page
	tests := []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"overwritten pages", func(b []byte) []byte {
			// bbolt has no checksum over data pages: junk inside a value
			// goes unseen, junk over page headers and keys is what the
			// consistency check finds. Eight pages always hit headers.
			b = bytes.Clone(b)
			junk := rand.New(rand.NewPCG(5, 6))
			for i := mid; i < mid+8*page; i++ {
				b[i] = byte(junk.UintN(256))
			}
			return b
		}},
		{"truncated", func(b []byte) []byte { return b[:mid] }},
		{"truncated mid-page", func(b []byte) []byte { return b[:mid+123] }},
		{"truncated to a few bytes", func(b []byte) []byte { return b[:100] }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(dir, "mtaa.db"), tt.damage(good), 0o600); err != nil {
				t.Fatal(err)
			}
			for _, args := range [][]string{
				{"serve", "--data", dir, "--listen", "127.0.0.1:0"},
				{"check", "--data", dir},
			} {
				out, code := runMtaa(t, args...)
				if code != 1 {
					t.Errorf("mtaa %s on a damaged file: exit %d, want 1\n%s", args[0], code, out)
				}
				assertNoCrash(t, args[0], out)
				for _, want := range []string{"damaged", "mtaa restore --data " + dir + " --from BACKUP", "mtaa check --data " + dir} {
					if !strings.Contains(out, want) {
						t.Errorf("mtaa %s does not say %q:\n%s", args[0], want, out)
					}
				}
				if strings.Contains(out, "mtaa listening") {
					t.Errorf("serve listened on a damaged file:\n%s", out)
				}
			}
			// The remedy the message gives works.
			if out, code := runMtaa(t, "restore", "--data", dir, "--from", backup); code != 0 {
				t.Fatalf("restore over a damaged file: exit %d\n%s", code, out)
			}
			if out, code := runMtaa(t, "check", "--data", dir); code != 0 || !strings.Contains(out, "ok, 300 reports") {
				t.Fatalf("check after restore: exit %d\n%s", code, out)
			}
			// restore keeps the replaced files in before-restore-<second>;
			// the next case may restore within the same second.
			saved, _ := filepath.Glob(filepath.Join(dir, "before-restore-*"))
			for _, d := range saved {
				os.RemoveAll(d)
			}
		})
	}
	p = startServe(t, dir)
	if code := getStatus(t, client, p.base+"/api/v1/reports/300"); code != 200 {
		t.Fatalf("report 300 after restore: %d", code)
	}
}

// TestSlowClientsAreCutOff opens connections that send their headers one
// byte per second (slowloris): the server closes each once the header
// timeout passes, and serves normal requests meanwhile.
func TestSlowClientsAreCutOff(t *testing.T) {
	const timeout = 2 * time.Second
	p := startServe(t, t.TempDir(), "--read-header-timeout", timeout.String())
	addr := strings.TrimPrefix(p.base, "http://")
	const slow = 20
	type result struct {
		closedAfter time.Duration
		err         error
	}
	results := make(chan result, slow)
	for i := 0; i < slow; i++ {
		go func() {
			conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
			if err != nil {
				results <- result{err: err}
				return
			}
			defer conn.Close()
			start := time.Now()
			closed := make(chan struct{})
			go func() {
				// Whatever the server answers, it must then close.
				io.Copy(io.Discard, conn)
				close(closed)
			}()
			req := "GET /healthz HTTP/1.1\r\nHost: mtaa\r\nX-Slow: " + strings.Repeat("a", 30)
			for j := 0; j < len(req); j++ {
				if _, err := conn.Write([]byte{req[j]}); err != nil {
					break // cut off
				}
				select {
				case <-closed:
					results <- result{closedAfter: time.Since(start)}
					return
				case <-time.After(time.Second):
				}
			}
			select {
			case <-closed:
				results <- result{closedAfter: time.Since(start)}
			case <-time.After(5 * time.Second):
				results <- result{err: fmt.Errorf("connection still open after %v", time.Since(start))}
			}
		}()
	}
	// Normal requests keep being served while the slow clients hang on.
	client := &http.Client{Timeout: 2 * time.Second}
	for i := 0; i < 10; i++ {
		start := time.Now()
		if code := getStatus(t, client, p.base+"/api/v1/categories"); code != 200 {
			t.Errorf("GET during slowloris: %d", code)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("GET during slowloris took %v", d)
		}
		time.Sleep(150 * time.Millisecond)
	}
	for i := 0; i < slow; i++ {
		r := <-results
		switch {
		case r.err != nil:
			t.Errorf("slow client: %v", r.err)
		case r.closedAfter < timeout-200*time.Millisecond || r.closedAfter > timeout+2*time.Second:
			t.Errorf("slow client cut off after %v, want about %v", r.closedAfter, timeout)
		}
	}
}
