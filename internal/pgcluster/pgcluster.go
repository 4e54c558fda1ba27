package pgcluster

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrNoPostgres is returned by Start when the PostgreSQL 15 binaries
// (initdb, postgres) cannot be found.
var ErrNoPostgres = errors.New("pgcluster: PostgreSQL 15 binaries not found (install postgresql-15 and postgresql-15-postgis-3: make test-deps)")

// User is the superuser role of every cluster.
const User = "mtaa"

// templateDB is the database with PostGIS that NewDatabase copies.
const templateDB = "mtaa_template"

// Options configures Start.
type Options struct {
	// BinDir holds initdb and postgres; empty means
	// /usr/lib/postgresql/15/bin, else `pg_config --bindir`.
	BinDir string
	// Durable keeps fsync on; by default a test cluster runs with
	// fsync=off, which loses nothing unless the machine itself crashes.
	Durable bool
	// Port is the TCP port on 127.0.0.1; 0 picks a free one.
	Port int
	// Settings are extra `-c name=value` server settings.
	Settings map[string]string
	// Log receives the server's log; nil discards it.
	Log io.Writer
}

// Cluster is one running PostgreSQL server and its data folder.
type Cluster struct {
	dir  string
	port int
	cmd  *exec.Cmd
	done chan struct{}
	wait error
	next atomic.Int64
}

// BinDir returns the folder holding the PostgreSQL 15 server binaries, or
// ErrNoPostgres.
func BinDir() (string, error) {
	cands := []string{"/usr/lib/postgresql/15/bin"}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		cands = append(cands, string(bytes.TrimSpace(out)))
	}
	for _, d := range cands {
		if isExec(filepath.Join(d, "initdb")) && isExec(filepath.Join(d, "postgres")) {
			return d, nil
		}
	}
	return "", ErrNoPostgres
}

func isExec(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}

// Start creates and starts a cluster with the role User, a database
// "mtaa" and a template database with PostGIS. It returns ErrNoPostgres
// when the binaries are missing.
func Start(ctx context.Context, opt Options) (*Cluster, error) {
	bin := opt.BinDir
	if bin == "" {
		var err error
		if bin, err = BinDir(); err != nil {
			return nil, err
		}
	}
	dir, err := os.MkdirTemp(tempRoot(), "mtaa-pg-")
	if err != nil {
		return nil, fmt.Errorf("pgcluster: temp dir: %w", err)
	}
	c := &Cluster{dir: dir, done: make(chan struct{})}
	ok := false
	defer func() {
		if !ok {
			c.Stop()
		}
	}()
	// owner.pid names this process, so that RemoveStale can tell a
	// cluster whose process died without Stop.
	if err := os.WriteFile(filepath.Join(dir, "owner.pid"), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		return nil, fmt.Errorf("pgcluster: %w", err)
	}
	if err := chownForServer(dir); err != nil {
		return nil, fmt.Errorf("pgcluster: hand %s to the server user: %w", dir, err)
	}
	initdb := exec.CommandContext(ctx, filepath.Join(bin, "initdb"),
		"-D", c.DataDir(), "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions")
	initdb.Dir = dir
	setServerProcAttr(initdb, false)
	if out, err := initdb.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("pgcluster: initdb: %w: %s", err, out)
	}

	for attempt := 0; ; attempt++ {
		port := opt.Port
		if port == 0 {
			if port, err = freePort(); err != nil {
				return nil, err
			}
		}
		err = c.startServer(ctx, bin, port, opt)
		if err == nil {
			break
		}
		if opt.Port != 0 || attempt >= 3 {
			return nil, err
		}
	}
	if err := c.prepare(ctx); err != nil {
		return nil, err
	}
	ok = true
	return c, nil
}

func (c *Cluster) startServer(ctx context.Context, bin string, port int, opt Options) error {
	args := []string{"-D", c.DataDir(), "-p", strconv.Itoa(port),
		"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + c.dir,
		"-c", "max_connections=200", "-c", "shared_buffers=64MB"}
	if !opt.Durable {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	for k, v := range opt.Settings {
		args = append(args, "-c", k+"="+v)
	}
	cmd := exec.Command(filepath.Join(bin, "postgres"), args...)
	cmd.Dir = c.dir
	if opt.Log != nil {
		cmd.Stdout, cmd.Stderr = opt.Log, opt.Log
	}
	setServerProcAttr(cmd, true)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("pgcluster: start postgres: %w", err)
	}
	c.cmd, c.port = cmd, port
	c.done = make(chan struct{})
	go func(done chan struct{}) {
		c.wait = cmd.Wait()
		close(done)
	}(c.done)

	deadline := time.Now().Add(30 * time.Second)
	for {
		conn, err := pgx.Connect(ctx, c.url("postgres"))
		if err == nil {
			conn.Close(ctx)
			return nil
		}
		select {
		case <-c.done:
			c.cmd = nil
			return fmt.Errorf("pgcluster: postgres exited on port %d: %v", port, c.wait)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("pgcluster: postgres not ready on port %d: %w", port, err)
		}
	}
}

// prepare creates the database "mtaa" and the PostGIS template.
func (c *Cluster) prepare(ctx context.Context) error {
	conn, err := pgx.Connect(ctx, c.url("postgres"))
	if err != nil {
		return fmt.Errorf("pgcluster: connect: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+templateDB+" IS_TEMPLATE true"); err != nil {
		return fmt.Errorf("pgcluster: create template database: %w", err)
	}
	tc, err := pgx.Connect(ctx, c.url(templateDB))
	if err != nil {
		return fmt.Errorf("pgcluster: connect %s: %w", templateDB, err)
	}
	_, err = tc.Exec(ctx, "CREATE EXTENSION IF NOT EXISTS postgis")
	tc.Close(ctx)
	if err != nil {
		return fmt.Errorf("pgcluster: create extension postgis: %w", err)
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE mtaa TEMPLATE "+templateDB+" STRATEGY FILE_COPY"); err != nil {
		return fmt.Errorf("pgcluster: create database mtaa: %w", err)
	}
	return nil
}

// NewDatabase creates an empty database with PostGIS, copied from the
// template, and returns its URL.
func (c *Cluster) NewDatabase(ctx context.Context) (string, error) {
	name := fmt.Sprintf("t%d", c.next.Add(1))
	conn, err := pgx.Connect(ctx, c.url("postgres"))
	if err != nil {
		return "", fmt.Errorf("pgcluster: connect: %w", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE "+templateDB+" STRATEGY FILE_COPY"); err != nil {
		return "", fmt.Errorf("pgcluster: create database %s: %w", name, err)
	}
	return c.url(name), nil
}

// DropDatabase drops the database of url (made by NewDatabase), closing
// its connections.
func (c *Cluster) DropDatabase(ctx context.Context, dbURL string) error {
	u, err := url.Parse(dbURL)
	if err != nil {
		return fmt.Errorf("pgcluster: drop database: %w", err)
	}
	conn, err := pgx.Connect(ctx, c.url("postgres"))
	if err != nil {
		return fmt.Errorf("pgcluster: connect: %w", err)
	}
	defer conn.Close(ctx)
	name := pgx.Identifier{strings.TrimPrefix(u.Path, "/")}.Sanitize()
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("pgcluster: drop database %s: %w", name, err)
	}
	return nil
}

// RemoveStale removes the folders of clusters whose process ended without
// Stop (a test binary killed, or one without pgtest.Main): their server
// stopped with the process (parent-death signal on Linux), their folder
// stayed. Clusters of running processes are left alone.
func RemoveStale() error {
	dirs, err := filepath.Glob(filepath.Join(tempRoot(), "mtaa-pg-*"))
	if err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	var errs []error
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join(d, "owner.pid"))
		if err != nil {
			continue // being created, or not ours
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || processAlive(pid) || serverRunning(d) {
			continue
		}
		if err := os.RemoveAll(d); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("pgcluster: remove stale clusters: %w", errors.Join(errs...))
	}
	return nil
}

// serverRunning reports whether the postmaster of the cluster in dir is
// still alive.
func serverRunning(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "data", "postmaster.pid"))
	if err != nil {
		return false
	}
	line, _, _ := strings.Cut(string(b), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(line))
	return err == nil && processAlive(pid)
}

// URL is the connection URL of the database "mtaa".
func (c *Cluster) URL() string { return c.url("mtaa") }

// Port is the server's TCP port on 127.0.0.1.
func (c *Cluster) Port() int { return c.port }

// DataDir is the cluster's data folder.
func (c *Cluster) DataDir() string { return filepath.Join(c.dir, "data") }

func (c *Cluster) url(db string) string {
	u := url.URL{Scheme: "postgres", User: url.User(User), Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(c.port)), Path: "/" + db}
	u.RawQuery = "sslmode=disable"
	return u.String()
}

// Stop shuts the server down at once (the backends of open connections
// included) and removes the data folder. It may be called more than once.
func (c *Cluster) Stop() error {
	if c.cmd != nil && c.cmd.Process != nil {
		// SIGQUIT is PostgreSQL's immediate shutdown: no checkpoint, the
		// backends quit too. Anything left gets SIGKILL.
		signalGroup(c.cmd, quitSignal)
		select {
		case <-c.done:
		case <-time.After(10 * time.Second):
			killGroup(c.cmd)
			<-c.done
		}
		killGroup(c.cmd)
		c.cmd = nil
	}
	if c.dir == "" {
		return nil
	}
	err := os.RemoveAll(c.dir)
	c.dir = ""
	if err != nil {
		return fmt.Errorf("pgcluster: remove data folder: %w", err)
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgcluster: free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
