// Command mtaa is the mtaa server and its tools: participatory mapping and
// crowdsourced reporting for fast-growing cities.
//
//	mtaa serve [flags]     run the HTTP server
//	mtaa import [flags] FILE  import an OSM extract (.osm.pbf, .osm, .osm.bz2, .osm.gz)
//	mtaa import-reports [flags] FILE  import reports (GeoJSON, Ushahidi CSV)
//	mtaa taxonomy          print the built-in category file, to edit
//	mtaa check             verify the database file
//	mtaa backup, restore   back up and restore a data directory
//	mtaa migrate           move a deployment to PostgreSQL and back
//	mtaa user, token       manage accounts and API tokens
//	mtaa sms send          post a signed Twilio-style SMS to a server
//	mtaa sms parse         what the SMS channel understands of messages
//	mtaa sms replies       print the built-in SMS reply templates, to edit
//	mtaa version           print the version
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
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
  mtaa check [--data DIR]
                       verify the database file (server stopped)
  mtaa backup --data DIR --to FILE [--url URL --admin-token T]
                       hot backup (through the server when it runs)
  mtaa backup --store postgres://… --data DIR --to FILE
                       hot backup of a PostgreSQL deployment, same format
  mtaa restore --data DIR --from FILE
                       restore a backup (server stopped)
  mtaa migrate --from DIR --to postgres://…
                       copy a deployment into an empty PostgreSQL database,
                       or back (--from postgres://… --to DIR); servers stopped
  mtaa user add --data DIR --role ROLE --name N --email E
                       add an account (viewer, mapper, moderator, admin) and
                       print its first password (server stopped)
  mtaa user list|disable|enable --data DIR [--email E]
  mtaa user reset-password --data DIR --email E
                       print a new password, lift a lockout, end the sessions
  mtaa token create --data DIR --email E [--scope ROLE] [--label L]
                       print a new API token (Authorization: Bearer <token>)
  mtaa token list|revoke --data DIR [--id tok_…]
  mtaa sms send --local URL --auth-token T --from +1555… TEXT
                       play Twilio: post TEXT to URL/sms/twilio, signed as
                       Twilio signs, and print the reply
  mtaa sms parse [--data DIR] [--lang xx] < messages
                       what the SMS channel understands of each message, as
                       JSON lines (stores nothing)
  mtaa sms replies     print the built-in SMS reply templates (JSON) to edit
  mtaa version         print the version and the Go release (also: --version)
  mtaa help            print this list

Account, token and restore commands open the database directly: stop the
server first, or use the admin API (docs/api.md).
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
	case "check":
		err = checkCommand(args[1:], stdout, stderr)
	case "backup":
		err = backupCommand(args[1:], stdout, stderr)
	case "restore":
		err = restoreCommand(args[1:], stdout, stderr)
	case "migrate":
		err = migrateCommand(args[1:], stdout, stderr)
	case "user":
		err = userCommand(args[1:], stdout, stderr)
	case "token":
		err = tokenCommand(args[1:], stdout, stderr)
	case "sms":
		err = smsCommand(args[1:], stdout, stderr)
	case "version", "--version", "-version", "-v":
		fmt.Fprint(stdout, versionText())
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "mtaa: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	var ee *exitError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.As(err, &ee):
		if ee.err != nil {
			fmt.Fprintln(stderr, "mtaa:", ee.err)
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "mtaa:", err)
	return 1
}

// exitError asks run for an exit status other than 1, printing err when
// there is one (import-reports: 1 some rows rejected, 2 nothing imported).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// versionText is what mtaa version prints: "mtaa VERSION" on the first
// line (CI matches that line exactly), then the Go release and platform the
// binary was built for. It is one string so that one write prints it.
func versionText() string {
	return fmt.Sprintf("mtaa %s\nbuilt with %s for %s/%s\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// errUsage marks a command-line mistake already explained by the flag
// package.
var errUsage = errors.New("usage")
