// Command mtaa-proxy spreads HTTP requests round-robin over several mtaa
// servers on one database, for trying them by hand (make run-cluster
// starts it for you):
//
//	mtaa-proxy -listen 127.0.0.1:8080 -backends http://127.0.0.1:8081,http://127.0.0.1:8082
//
// See package bench/cluster/proxy for what it retries. It is a test tool:
// in production put nginx, HAProxy or a cloud load balancer in front.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/mtaa-project/mtaa/bench/cluster/proxy"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:8080", "address to listen on")
	backends := flag.String("backends", "", "comma-separated base URLs of the mtaa servers")
	health := flag.String("health-path", "/healthz", "path probed on every backend")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	var list []string
	for _, b := range strings.Split(*backends, ",") {
		if b = strings.TrimSpace(b); b != "" {
			list = append(list, b)
		}
	}
	p, err := proxy.New(proxy.Config{Backends: list, HealthPath: *health, Logger: log})
	if err != nil {
		fmt.Fprintln(os.Stderr, "mtaa-proxy:", err, "(-backends http://host:port,…)")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go p.Run(ctx)
	srv := &http.Server{Addr: *listen, Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	log.Info("mtaa-proxy listening", "addr", *listen, "backends", list)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, "mtaa-proxy:", err)
		os.Exit(1)
	}
}
