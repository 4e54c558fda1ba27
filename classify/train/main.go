// Command train rebuilds the classifier's built-in model,
// classify/model.json.gz, from the development corpus in the shared data
// folder (`make model`). The same corpus always gives the same bytes.
//
//	go run ./classify/train [-data ../shared/data] [-out classify/model.json.gz]
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/mtaa-project/mtaa/classify/internal/corpus"
	"github.com/mtaa-project/mtaa/classify/internal/learn"
	"github.com/mtaa-project/mtaa/data"
)

func main() {
	dir := flag.String("data", "../shared/data", "the shared data folder (holds "+corpus.Path+")")
	out := flag.String("out", "classify/model.json.gz", "the model file to write")
	flag.Parse()
	if err := run(*dir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run(dir, out string) error {
	tax := data.DefaultTaxonomy()
	rows, err := corpus.ReadDir(dir, tax)
	if err != nil {
		return err
	}
	b, m, err := learn.Build(tax, learn.Examples(rows), learn.DefaultOptions)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", out, err)
	}
	n := 0
	for _, h := range m.Heads {
		n += len(h.Weights)
	}
	fmt.Printf("%s: %d bytes, %d heads, %d weights, from %d messages\n", out, len(b), len(m.Heads), n, len(rows))
	return nil
}
