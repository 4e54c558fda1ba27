package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// These tests run the real binary as a separate process, the way an
// operator does.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// TestMain removes the binary mtaaBinary built, so that every run of
// the package's tests does not leave one (57 MB) in the temporary folder.
func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		_ = os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// mtaaBinary builds cmd/mtaa once per test run, with a version stamped in
// through -ldflags as the Makefile does.
func mtaaBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "mtaa-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "mtaa")
		out, err := exec.Command("go", "build", "-ldflags", "-X main.version=e2e-test", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// process is a running `mtaa serve`.
type process struct {
	cmd    *exec.Cmd
	base   string
	stderr *lockedBuffer
	done   chan error
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var listeningRE = regexp.MustCompile(`msg="mtaa listening".* addr=(\S+)`)

// startServe starts `mtaa serve` on a free loopback port and waits until
// /readyz answers.
func startServe(t *testing.T, dataDir string, extraArgs ...string) *process {
	t.Helper()
	// Process tests post many reports from one address and read them back
	// anonymously: writes are not rate limited and new reports are public
	// unless a test says otherwise in extraArgs (later flags win). The
	// defaults are tested in TestAccountsE2E and in package server.
	args := append([]string{"serve", "--data", dataDir, "--listen", "127.0.0.1:0",
		"--rate-limit-ip", "0", "--rate-limit-account", "0", "--public-unverified"}, extraArgs...)
	cmd := exec.Command(mtaaBinary(t), args...)
	pr, pw := io.Pipe()
	p := &process{cmd: cmd, stderr: &lockedBuffer{}, done: make(chan error, 1)}
	cmd.Stderr = pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- cmd.Wait(); pw.Close() }()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			line := sc.Text()
			p.stderr.Write([]byte(line + "\n"))
			if m := listeningRE.FindStringSubmatch(line); m != nil {
				addr <- m[1]
			}
		}
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-p.done
		}
	})
	select {
	case a := <-addr:
		p.base = "http://" + a
	case err := <-p.done:
		t.Fatalf("mtaa serve exited: %v\n%s", err, p.stderr)
	case <-time.After(30 * time.Second):
		t.Fatalf("mtaa serve did not start\n%s", p.stderr)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(p.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return p
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("not ready: %v\n%s", err, p.stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// wait waits for the process to exit and returns its error.
func (p *process) wait(t *testing.T) error {
	t.Helper()
	select {
	case err := <-p.done:
		return err
	case <-time.After(30 * time.Second):
		t.Fatalf("process did not exit\n%s", p.stderr)
		return nil
	}
}

func postReport(ctx context.Context, client *http.Client, base, body, key string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/reports", strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/geo+json")
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// TestVersionFlag: the first line is exactly "mtaa VERSION" (CI matches
// it), the second names the Go release the binary was built with.
func TestVersionFlag(t *testing.T) {
	for _, arg := range []string{"--version", "version"} {
		out, err := exec.Command(mtaaBinary(t), arg).Output()
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if err != nil || len(lines) != 2 || lines[0] != "mtaa e2e-test" || lines[1] != "built with "+runtime.Version()+" for "+runtime.GOOS+"/"+runtime.GOARCH {
			t.Fatalf("%s: %q %v", arg, out, err)
		}
	}
}

func TestUnknownCommandAndFlag(t *testing.T) {
	for _, args := range [][]string{{"fly"}, {"serve", "--colour", "red"}, {"serve", "extra-arg"}} {
		cmd := exec.Command(mtaaBinary(t), args...)
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
			t.Errorf("%v: exit %v, want 2\n%s", args, err, out)
		}
	}
}

func TestBadEnvironmentValueIsReported(t *testing.T) {
	cmd := exec.Command(mtaaBinary(t), "import", "--data", t.TempDir(), "nothing.osm")
	cmd.Env = append(os.Environ(), "MTAA_PROCS=many")
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(string(out), "MTAA_PROCS") {
		t.Fatalf("exit %v, want 2 naming MTAA_PROCS:\n%s", err, out)
	}
}

func TestEnvironmentFallbackAndFlagPrecedence(t *testing.T) {
	envDir := t.TempDir()
	flagDir := t.TempDir()
	cmd := exec.Command(mtaaBinary(t), "serve", "--listen", "127.0.0.1:0", "--data", flagDir)
	cmd.Env = append(os.Environ(), "MTAA_DATA="+envDir, "MTAA_LOG_FORMAT=json")
	var stderr lockedBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(stderr.String(), "mtaa listening") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(os.Interrupt)
	cmd.Wait()
	if !strings.Contains(stderr.String(), `"msg":"mtaa listening"`) {
		t.Fatalf("MTAA_LOG_FORMAT=json not applied:\n%s", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(flagDir, "mtaa.db")); err != nil {
		t.Errorf("--data flag not used: %v", err)
	}
	if _, err := os.Stat(filepath.Join(envDir, "mtaa.db")); err == nil {
		t.Error("MTAA_DATA won over the --data flag")
	}
}

func TestGracefulShutdownKeepsReports(t *testing.T) {
	dir := t.TempDir()
	p := startServe(t, dir)
	code, body, err := postReport(context.Background(), http.DefaultClient, p.base,
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[39.2,-6.8]},"properties":{"category":"fire"}}`, "")
	if err != nil || code != 201 {
		t.Fatalf("POST: %d %s %v", code, body, err)
	}
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if err := p.wait(t); err != nil {
		t.Fatalf("exit after SIGINT: %v\n%s", err, p.stderr)
	}
	if !strings.Contains(p.stderr.String(), "stopped") {
		t.Errorf("no shutdown log:\n%s", p.stderr)
	}
	p = startServe(t, dir)
	resp, err := http.Get(p.base + "/api/v1/reports/1")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("report after restart: %v %v", resp, err)
	}
	resp.Body.Close()
}

// importedInformal returns a new data directory holding the informal
// settlement fixture (mapping/testdata/informal.osm), imported with the
// real binary: the extract the process tests serve.
func importedInformal(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command(mtaaBinary(t), "import", "--quiet", "--data", dir,
		filepath.Join("..", "..", "mapping", "testdata", "informal.osm")).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	return dir
}

// waitUntil polls ok every 50 ms until it holds, failing the test with
// what it waited for once limit has passed.
func waitUntil(t *testing.T, what string, limit time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
