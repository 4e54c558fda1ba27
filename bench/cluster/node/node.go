// Package node starts, kills and restarts `mtaa serve` processes on fixed
// loopback ports, for the multi-server tools under bench/cluster (make
// run-cluster, make cluster-crash-test). A server keeps its port across
// restarts, so that a proxy in front of it needs no reconfiguring.
package node

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Server is one `mtaa serve` process, running or not.
type Server struct {
	// Name labels the server's log lines.
	Name string
	// Bin is the mtaa binary; Args the arguments after "serve" (without
	// --listen, which is set from Port).
	Bin  string
	Args []string
	// Port is the loopback port the server listens on, every start.
	Port int
	// Log receives the server's stderr, each line prefixed with Name; nil
	// discards it.
	Log io.Writer

	mu     sync.Mutex
	cmd    *exec.Cmd
	done   chan struct{}
	last   []string // the last lines of stderr, for errors
	starts int
}

// FreePort returns a loopback port nothing listens on now.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// URL is the server's base URL.
func (s *Server) URL() string { return "http://127.0.0.1:" + strconv.Itoa(s.Port) }

// Start starts the server and waits, at most timeout, until /readyz
// answers 200.
func (s *Server) Start(ctx context.Context, timeout time.Duration) error {
	s.mu.Lock()
	if s.cmd != nil {
		s.mu.Unlock()
		return fmt.Errorf("%s: already running", s.Name)
	}
	args := append([]string{"serve", "--listen", "127.0.0.1:" + strconv.Itoa(s.Port)}, s.Args...)
	cmd := exec.Command(s.Bin, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		s.mu.Unlock()
		return err
	}
	if err := cmd.Start(); err != nil {
		s.mu.Unlock()
		return fmt.Errorf("%s: %w", s.Name, err)
	}
	done := make(chan struct{})
	s.cmd, s.done, s.last = cmd, done, nil
	s.starts++
	s.mu.Unlock()
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			s.mu.Lock()
			if s.last = append(s.last, line); len(s.last) > 20 {
				s.last = s.last[1:]
			}
			s.mu.Unlock()
			if s.Log != nil {
				fmt.Fprintf(s.Log, "%s | %s\n", s.Name, line)
			}
		}
		cmd.Wait()
		s.mu.Lock()
		if s.cmd == cmd {
			s.cmd = nil
		}
		s.mu.Unlock()
		close(done)
	}()
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(timeout)
	for {
		resp, err := client.Get(s.URL() + "/readyz")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-done:
			return fmt.Errorf("%s exited at start:\n%s", s.Name, s.Tail())
		case <-ctx.Done():
			s.Kill()
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.Kill()
			return fmt.Errorf("%s not ready within %v:\n%s", s.Name, timeout, s.Tail())
		}
	}
}

// Running reports whether the process is up.
func (s *Server) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cmd != nil
}

// Starts is how often the server was started.
func (s *Server) Starts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.starts
}

// Tail returns the last lines the server wrote to stderr.
func (s *Server) Tail() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.last, "\n")
}

// Kill sends SIGKILL and waits (at most 30 s) until the process is gone.
func (s *Server) Kill() error { return s.signal(syscall.SIGKILL, 30*time.Second) }

// Stop asks the server to stop (SIGINT), and kills it after 30 s.
func (s *Server) Stop() error {
	if err := s.signal(os.Interrupt, 30*time.Second); err != nil {
		return s.Kill()
	}
	return nil
}

// Dump makes the server write every goroutine's stack to its log and exit
// (SIGQUIT, the Go runtime's own dump), for a server found misbehaving;
// Kill when it is still running after wait.
func (s *Server) Dump(wait time.Duration) error {
	if err := s.signal(syscall.SIGQUIT, wait); err != nil {
		return s.Kill()
	}
	return nil
}

func (s *Server) signal(sig os.Signal, wait time.Duration) error {
	s.mu.Lock()
	cmd, done := s.cmd, s.done
	s.mu.Unlock()
	if cmd == nil {
		return nil
	}
	cmd.Process.Signal(sig)
	select {
	case <-done:
		return nil
	case <-time.After(wait):
		return errors.New(s.Name + ": still running " + wait.String() + " after " + sig.String())
	}
}
