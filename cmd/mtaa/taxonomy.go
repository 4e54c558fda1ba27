package main

import (
	"io"

	"github.com/mtaa-project/mtaa/data"
)

// taxonomyCommand prints the built-in taxonomy so a city can start its own
// copy: mtaa taxonomy > categories.json, edit, mtaa serve --taxonomy categories.json.
func taxonomyCommand(args []string, stdout io.Writer) error {
	fs := newEnvFlags("taxonomy", stdout)
	if err := fs.parse(args); err != nil {
		return err
	}
	_, err := stdout.Write(data.DefaultTaxonomyJSON())
	return err
}
