package proxy_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/bench/cluster/proxy"
)

// echo is a backend that answers with its name and the body it got, and
// counts what it got by Idempotency-Key.
type echo struct {
	name string
	srv  *httptest.Server
	mu   sync.Mutex
	keys map[string]int
	down bool // health check answers 503
}

func newEcho(t *testing.T, name string) *echo {
	e := &echo{name: name, keys: map[string]int{}}
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" {
			e.mu.Lock()
			down := e.down
			e.mu.Unlock()
			if down {
				w.WriteHeader(http.StatusServiceUnavailable)
			}
			return
		}
		b, _ := io.ReadAll(r.Body)
		e.mu.Lock()
		e.keys[r.Header.Get("Idempotency-Key")]++
		e.mu.Unlock()
		fmt.Fprintf(w, "%s %s %s %s", e.name, r.Method, b, r.Header.Get("X-Forwarded-For"))
	}))
	t.Cleanup(e.srv.Close)
	return e
}

// deadURL is the address of a server that is gone.
func deadURL(t *testing.T) string {
	s := httptest.NewServer(http.NotFoundHandler())
	u := s.URL
	s.Close()
	return u
}

func newProxy(t *testing.T, backends ...string) (*proxy.Proxy, *httptest.Server) {
	t.Helper()
	p, err := proxy.New(proxy.Config{Backends: backends, HealthInterval: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	front := httptest.NewServer(p)
	t.Cleanup(func() { front.Close(); p.Close() })
	return p, front
}

func do(t *testing.T, method, url, body string, header ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestRoundRobin(t *testing.T) {
	a, b, c := newEcho(t, "a"), newEcho(t, "b"), newEcho(t, "c")
	p, front := newProxy(t, a.srv.URL, b.srv.URL, c.srv.URL)
	got := map[string]int{}
	for range 30 {
		code, body := do(t, http.MethodGet, front.URL+"/x", "")
		if code != http.StatusOK {
			t.Fatalf("GET: %d %s", code, body)
		}
		got[strings.Fields(body)[0]]++
	}
	for _, n := range []string{"a", "b", "c"} {
		if got[n] != 10 {
			t.Errorf("backend %s served %d of 30 requests, want 10 (%v)", n, got[n], got)
		}
	}
	var served int64
	for _, s := range p.Stats() {
		served += s.Served
	}
	if served != 30 {
		t.Errorf("stats count %d responses, want 30", served)
	}
}

func TestRetriesOnlyWhatIsSafeToRepeat(t *testing.T) {
	tests := []struct {
		name    string
		method  string
		header  []string
		wantAll bool // every request answered despite the dead backend
	}{
		{"GET", http.MethodGet, nil, true},
		{"PUT", http.MethodPut, nil, true},
		{"POST with Idempotency-Key", http.MethodPost, []string{"Idempotency-Key", "k1"}, true},
		{"PATCH with Idempotency-Key", http.MethodPatch, []string{"Idempotency-Key", "k1"}, true},
		{"POST without key", http.MethodPost, nil, false},
		{"PATCH without key", http.MethodPatch, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			alive := newEcho(t, "alive")
			_, front := newProxy(t, deadURL(t), alive.srv.URL)
			// Round-robin puts the dead backend first on one of two
			// requests; it is out of rotation after failing once.
			failed := 0
			for i := range 4 {
				code, body := do(t, tt.method, front.URL+"/r", fmt.Sprintf("body-%d", i), tt.header...)
				switch code {
				case http.StatusOK:
					if want := fmt.Sprintf("alive %s body-%d", tt.method, i); !strings.HasPrefix(body, want) {
						t.Errorf("request %d: got %q, want the body passed on (%q)", i, body, want)
					}
				case http.StatusBadGateway:
					failed++
				default:
					t.Errorf("request %d: status %d", i, code)
				}
			}
			if tt.wantAll && failed > 0 {
				t.Errorf("%d requests failed; want each sent again to the live backend", failed)
			}
			if !tt.wantAll && failed != 1 {
				t.Errorf("%d requests failed; want exactly the one sent to the dead backend (not repeated)", failed)
			}
		})
	}
}

func TestAllDeadIs502(t *testing.T) {
	_, front := newProxy(t, deadURL(t), deadURL(t))
	code, body := do(t, http.MethodGet, front.URL+"/", "")
	if code != http.StatusBadGateway || !strings.Contains(body, "bad_gateway") {
		t.Errorf("got %d %q, want 502 with a JSON error", code, body)
	}
}

func TestHealthCheckTakesBackendOutAndBack(t *testing.T) {
	a, b := newEcho(t, "a"), newEcho(t, "b")
	p, front := newProxy(t, a.srv.URL, b.srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go p.Run(ctx)

	setDown := func(down bool) {
		a.mu.Lock()
		a.down = down
		a.mu.Unlock()
	}
	waitHealthy := func(want bool) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for p.Stats()[0].Healthy != want {
			if time.Now().After(deadline) {
				t.Fatalf("backend a healthy=%v after 5 s, want %v", !want, want)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	setDown(true)
	waitHealthy(false)
	for i := range 6 {
		if _, body := do(t, http.MethodGet, front.URL+"/", ""); !strings.HasPrefix(body, "b ") {
			t.Fatalf("request %d went to %q while a fails its health check", i, body)
		}
	}
	setDown(false)
	waitHealthy(true)
	seen := map[string]bool{}
	for range 4 {
		_, body := do(t, http.MethodGet, front.URL+"/", "")
		seen[strings.Fields(body)[0]] = true
	}
	if !seen["a"] || !seen["b"] {
		t.Errorf("after a recovered, requests went to %v; want both", seen)
	}
}

func TestEventStreamIsNotBuffered(t *testing.T) {
	next := make(chan struct{})
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		for i := range 3 {
			fmt.Fprintf(w, "id: %d\ndata: event %d\n\n", i, i)
			w.(http.Flusher).Flush()
			select {
			case <-next: // the client read it: only then the next one
			case <-r.Context().Done():
				return
			}
		}
	}))
	defer backend.Close()
	_, front := newProxy(t, backend.URL)
	resp, err := http.Get(front.URL + "/api/v1/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for i := range 3 {
		got := ""
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "data: ") {
				got = sc.Text()
				break
			}
		}
		if want := fmt.Sprintf("data: event %d", i); got != want {
			t.Fatalf("event %d: got %q, want %q (held back by the proxy?)", i, got, want)
		}
		next <- struct{}{}
	}
}

func TestForwardedFor(t *testing.T) {
	a := newEcho(t, "a")
	_, front := newProxy(t, a.srv.URL)
	if _, body := do(t, http.MethodGet, front.URL+"/", ""); !strings.HasSuffix(body, "127.0.0.1") {
		t.Errorf("backend saw X-Forwarded-For in %q, want the client's address", body)
	}
}

func TestNewRejectsBadBackends(t *testing.T) {
	for _, b := range [][]string{nil, {"localhost:8080"}, {"ftp://x"}, {"http://"}} {
		if _, err := proxy.New(proxy.Config{Backends: b}); err == nil {
			t.Errorf("New(%q): no error", b)
		}
	}
}
