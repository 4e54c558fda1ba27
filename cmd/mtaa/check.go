package main

import (
	"fmt"
	"io"

	"github.com/mtaa-project/mtaa/data"
)

// checkCommand runs bbolt's consistency check over the report database
// (data.Open runs it before anything else), checks every report record's
// checksum and layout, and prints what it holds. It
// opens the database read-only and writes nothing; it needs the database
// unlocked (server stopped).
func checkCommand(args []string, stdout, stderr io.Writer) error {
	fs := newEnvFlags("check", stderr)
	dataDir := fs.String("data", "./mtaa-data", "data directory holding the database")
	if err := fs.parse(args); err != nil {
		return err
	}
	s, err := data.Open(*dataDir, data.Options{ReadOnly: true})
	if err != nil {
		return explainOpenError(*dataDir, err)
	}
	defer s.Close()
	// Every record's checksum and layout (Open read only their headers).
	bad, n, err := s.CheckRecords(20)
	if err != nil {
		return explainOpenError(*dataDir, fmt.Errorf("report records are damaged (of %d read, these fail: %v): %w", n, bad, err))
	}
	fmt.Fprintf(stdout, "%s: ok, %d reports\n", s.Path(), s.Extent().Count)
	return nil
}
