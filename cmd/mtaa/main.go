// Command mtaa is the mtaa server and its tools: participatory mapping and
// crowdsourced reporting for fast-growing cities.
//
//	mtaa serve [flags]     run the HTTP server
//	mtaa import [flags] FILE  import an OSM extract (.osm.pbf, .osm, .osm.bz2, .osm.gz)
//	mtaa import-reports [flags] FILE  import reports (GeoJSON, Ushahidi CSV)
//	mtaa taxonomy          print the built-in category file, to edit
//	mtaa sms parse         what the SMS channel understands of messages
//	mtaa check             verify the database file
//	mtaa version           print the version
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `mtaa — participatory mapping and crowdsourced reports for fast-growing cities

Usage:
  mtaa serve [flags]   run the HTTP server (mtaa serve -h for flags)
  mtaa import [flags] FILE
                       import an OSM extract (.osm.pbf, .osm, .osm.bz2, .osm.gz)
                       into DATA/osm.db, replacing the previous one atomically
  mtaa import-reports [--dry-run] [--mapping FILE] --data DIR FILE
                       import existing reports: a GeoJSON FeatureCollection
                       (KoboToolbox, ODK) or an Ushahidi CSV export
  mtaa taxonomy        print the built-in category taxonomy (JSON) to edit
  mtaa sms parse [--data DIR] [--lang xx] < messages
                       what the SMS channel understands of each message, as
                       JSON lines (stores nothing)
  mtaa sms replies     print the built-in SMS reply templates (JSON) to edit
  mtaa check [--data DIR]
                       verify the database file (server stopped)
  mtaa backup --data DIR --to FILE [--url URL --admin-token T]
                       hot backup (through the server when it runs)
  mtaa restore --data DIR --from FILE
                       restore a backup (server stopped)
  mtaa user add --data DIR --role ROLE --name N --email E
                       add an account (viewer, mapper, moderator, admin) and
                       print its one-time password (server stopped)
  mtaa user list|disable|enable --data DIR [--email E]
  mtaa token create --data DIR --user E [--scope ROLE] [--label L]
                       print a new API token (Authorization: Bearer <token>)
  mtaa token list|revoke --data DIR [--id tok_…]
  mtaa version         print the version (also: mtaa --version)
`

// run dispatches a subcommand and returns the process exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = serveCommand(args[1:], stderr)
	case "import":
		err = importCommand(args[1:], stdout, stderr)
	case "import-reports":
		err = importReportsCommand(args[1:], stdout, stderr)
	case "taxonomy":
		err = taxonomyCommand(args[1:], stdout)
	case "sms":
		err = smsCommand(args[1:], stdout, stderr)
	case "check":
		err = checkCommand(args[1:], stdout, stderr)
	case "backup":
		err = backupCommand(args[1:], stdout, stderr)
	case "restore":
		err = restoreCommand(args[1:], stdout, stderr)
	case "user":
		err = userCommand(args[1:], stdout, stderr)
	case "token":
		err = tokenCommand(args[1:], stdout, stderr)
	case "version", "--version", "-version", "-v":
		fmt.Fprintln(stdout, "mtaa", version)
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "mtaa: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintln(stderr, "mtaa:", err)
	return 1
}

// errUsage marks a command-line mistake already explained by the flag
// package.
var errUsage = errors.New("usage")
