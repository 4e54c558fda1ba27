// Command pgdb starts a throwaway PostgreSQL cluster with PostGIS (fsync
// and synchronous_commit on: bench/cluster/node.StartDatabase), prints
// the URLs of -n empty databases in it, one a line starting with "URL ",
// and keeps it until SIGINT or SIGTERM, then stops it and removes its
// files. For shell benchmarks (bench/postgres.sh) that need databases.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/mtaa-project/mtaa/bench/cluster/node"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	n := flag.Int("n", 1, "empty databases to create")
	flag.Parse()
	c, err := node.StartCluster(ctx, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "pgdb:", err)
		os.Exit(1)
	}
	defer c.Stop()
	for range *n {
		url, err := c.NewDatabase(ctx)
		if err != nil {
			fmt.Fprintln(os.Stderr, "pgdb:", err)
			return
		}
		fmt.Println("URL " + url)
	}
	<-ctx.Done()
}
