// Command run is make run-cluster: a throwaway PostgreSQL cluster, several
// `mtaa serve --store postgres://…` processes on it (each with its own
// data directory) and the round-robin proxy of bench/cluster/proxy in
// front, for trying several servers by hand. It prints the URLs, copies
// the servers' logs to stderr, and stops everything on Ctrl-C.
//
//	go run ./bench/cluster/run -bin bin/mtaa -osm delaware.osm.pbf
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/mtaa-project/mtaa/bench/cluster/node"
	"github.com/mtaa-project/mtaa/bench/cluster/proxy"
)

func main() {
	bin := flag.String("bin", "bin/mtaa", "mtaa binary")
	n := flag.Int("servers", 3, "servers on the database")
	listen := flag.String("listen", "127.0.0.1:8080", "address of the proxy")
	store := flag.String("store", os.Getenv("MTAA_STORE"), "postgres://… URL of a database to use (default: a throwaway PostgreSQL cluster in -dir)")
	osm := flag.String("osm", "", "OSM extract the first server imports into the database")
	dir := flag.String("dir", "", "directory of the servers' data directories and the database (default: a new temporary one, removed at the end)")
	adminToken := flag.String("admin-token", "", "bootstrap admin token of every server (default: generated and printed)")
	flag.Parse()
	if err := run(*bin, *n, *listen, *store, *osm, *dir, *adminToken); err != nil {
		fmt.Fprintln(os.Stderr, "run-cluster:", err)
		os.Exit(1)
	}
}

func run(bin string, n int, listen, storeURL, osm, dir, adminToken string) error {
	if n < 1 {
		return errors.New("-servers: want at least 1")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bin, err := filepath.Abs(bin)
	if err == nil {
		_, err = os.Stat(bin)
	}
	if err != nil {
		return fmt.Errorf("mtaa binary: %w (run make build)", err)
	}
	if dir == "" {
		if dir, err = os.MkdirTemp("", "mtaa-cluster-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	if storeURL == "" {
		pglog, err := os.Create(filepath.Join(dir, "postgres.log"))
		if err != nil {
			return err
		}
		defer pglog.Close()
		url, stopDB, err := node.StartDatabase(ctx, pglog)
		if err != nil {
			return err
		}
		defer stopDB()
		storeURL = url
	}
	if adminToken == "" {
		adminToken = node.RandomHex(24)
	}
	keys := node.PhoneKeyArgs()
	log := node.SyncWriter(os.Stderr)
	servers := make([]*node.Server, n)
	var backends []string
	for i := range servers {
		port, err := node.FreePort()
		if err != nil {
			return err
		}
		args := []string{"--store", storeURL, "--data", filepath.Join(dir, fmt.Sprintf("data-%d", i+1)),
			"--admin-token", adminToken, "--trusted-proxy", "127.0.0.1",
			"--public-url", "http://" + listen}
		args = append(args, keys...)
		if osm != "" {
			args = append(args, "--osm", osm)
		}
		servers[i] = &node.Server{Name: fmt.Sprintf("mtaa-%d", i+1), Bin: bin, Port: port, Log: log, Args: args}
		backends = append(backends, servers[i].URL())
	}
	defer func() {
		var wg sync.WaitGroup
		for _, s := range servers {
			wg.Go(func() { s.Stop() })
		}
		wg.Wait()
	}()
	for _, s := range servers { // one at a time: the first imports the extract
		if err := s.Start(ctx, 10*time.Minute); err != nil {
			return err
		}
	}
	p, err := proxy.New(proxy.Config{Backends: backends})
	if err != nil {
		return err
	}
	go p.Run(ctx)
	srv := &http.Server{Addr: listen, Handler: p, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	fmt.Printf("\nmtaa cluster: %d servers on %s\n", n, node.Redact(storeURL))
	fmt.Printf("  proxy        http://%s   (open this)\n", listen)
	for _, s := range servers {
		fmt.Printf("  %-12s %s\n", s.Name, s.URL())
	}
	fmt.Printf("  admin token  %s\n", adminToken)
	fmt.Printf("  data         %s\n", dir)
	fmt.Printf("Kill a server (kill -9 <pid>) and watch the proxy route around it. Ctrl-C stops everything.\n\n")
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("proxy: %w", err)
		}
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(sctx)
	return nil
}
