package main

import (
	"fmt"
	"io"

	"github.com/mtaa-project/mtaa/data"
)

// checkCommand runs bbolt's consistency check over the report database and
// prints what it holds. It needs the database unlocked (server stopped).
func checkCommand(args []string, stdout, stderr io.Writer) error {
	fs := newEnvFlags("check", stderr)
	dataDir := fs.String("data", "./mtaa-data", "data directory holding the database")
	if err := fs.parse(args); err != nil {
		return err
	}
	s, err := data.Open(*dataDir, data.Options{})
	if err != nil {
		return explainOpenError(*dataDir, err)
	}
	defer s.Close()
	if err := s.Check(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: ok, %d reports\n", s.Path(), s.Extent().Count)
	return nil
}
