package pgkv_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data/kv/pgkv"
)

// TestInUseLock: servers mark a database in use side by side; a tool
// asking for it exclusively is refused with their names while one runs,
// gets it once they stop, and a server starting meanwhile waits for the
// tool to finish. Another database of the cluster is not affected.
func TestInUseLock(t *testing.T) {
	ctx := context.Background()
	a, url := open(t, "", pgkv.Options{})
	b, _ := open(t, url, pgkv.Options{})
	other, _ := open(t, "", pgkv.Options{})

	stopA, err := a.MarkInUse(ctx, "mtaa serve A", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	stopB, err := b.MarkInUse(ctx, "mtaa serve B", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	tool, _ := open(t, url, pgkv.Options{})
	_, err = tool.Exclusive(ctx, "mtaa migrate")
	var inUse *pgkv.InUseError
	if !errors.Is(err, pgkv.ErrInUse) || !errors.As(err, &inUse) {
		t.Fatalf("Exclusive beside two servers: %v, want ErrInUse", err)
	}
	if len(inUse.Holders) != 2 || !strings.Contains(err.Error(), "mtaa serve A") || !strings.Contains(err.Error(), "mtaa serve B") {
		t.Fatalf("holders %+v (%v), want servers A and B", inUse.Holders, err)
	}
	release, err := other.Exclusive(ctx, "mtaa migrate")
	if err != nil {
		t.Fatalf("another database: %v", err)
	}
	release()

	stopA()
	_, err = tool.Exclusive(ctx, "mtaa migrate")
	if !errors.As(err, &inUse) || len(inUse.Holders) != 1 || inUse.Holders[0].App != "mtaa serve B" {
		t.Fatalf("with B alone: %v", err)
	}
	stopB()
	release, err = tool.Exclusive(ctx, "mtaa migrate")
	if err != nil {
		t.Fatalf("after the servers stopped: %v", err)
	}

	// A server starting while the tool holds the database waits for it.
	waited := make(chan error, 1)
	started := make(chan func(), 1)
	go func() {
		stop, err := a.MarkInUse(ctx, "mtaa serve A", func(err error) { waited <- err }, nil)
		if err != nil {
			t.Error(err)
		}
		started <- stop
	}()
	select {
	case err := <-waited:
		if !strings.Contains(err.Error(), "mtaa migrate") {
			t.Fatalf("waiting on %v, want the tool named", err)
		}
	case <-started:
		t.Fatal("a server marked the database in use while a tool held it")
	case <-time.After(10 * time.Second):
		t.Fatal("MarkInUse neither waited nor returned")
	}
	release()
	select {
	case stop := <-started:
		stop()
	case <-time.After(10 * time.Second):
		t.Fatal("MarkInUse did not go on after the tool released the database")
	}

	// A server that ends without stopping (its session closed) frees it.
	ctx2, cancel := context.WithCancel(ctx)
	if _, err := b.MarkInUse(ctx2, "mtaa serve B", nil, nil); err != nil {
		t.Fatal(err)
	}
	cancel()
	deadline := time.Now().Add(10 * time.Second)
	for {
		release, err := tool.Exclusive(ctx, "mtaa migrate")
		if err == nil {
			release()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still in use after the server's context ended: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
