package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// envFlags is a flag set whose flags fall back to MTAA_* environment
// variables: a flag given on the command line wins over the environment,
// which wins over the built-in default.
type envFlags struct {
	*flag.FlagSet
}

func newEnvFlags(name string, stderr io.Writer) envFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return envFlags{fs}
}

// envName turns a flag name such as "public-url" into MTAA_PUBLIC_URL.
func envName(flagName string) string {
	return "MTAA_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// String defines a string flag with an environment fallback.
func (f envFlags) String(name, def, help string) *string {
	if v, ok := os.LookupEnv(envName(name)); ok {
		def = v
	}
	return f.FlagSet.String(name, def, fmt.Sprintf("%s (env %s)", help, envName(name)))
}

// parse parses args, mapping -h and bad flags onto run's error values.
func (f envFlags) parse(args []string) error {
	if err := f.FlagSet.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return errUsage
	}
	if f.NArg() > 0 {
		fmt.Fprintf(f.Output(), "%s: unexpected argument %q\n", f.Name(), f.Arg(0))
		return errUsage
	}
	return nil
}
