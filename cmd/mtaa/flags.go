package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// envFlags is a flag set whose flags fall back to MTAA_* environment
// variables: a flag given on the command line wins over the environment,
// which wins over the built-in default.
type envFlags struct {
	*flag.FlagSet
	// badEnv collects environment values that do not parse, reported by
	// parse.
	badEnv *[]string
}

func newEnvFlags(name string, stderr io.Writer) envFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return envFlags{FlagSet: fs, badEnv: new([]string)}
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

// Int defines an int flag with an environment fallback.
func (f envFlags) Int(name string, def int, help string) *int {
	if v, ok := os.LookupEnv(envName(name)); ok {
		if n, err := strconv.Atoi(v); err == nil {
			def = n
		} else {
			*f.badEnv = append(*f.badEnv, fmt.Sprintf("%s=%q is not a whole number", envName(name), v))
		}
	}
	return f.FlagSet.Int(name, def, fmt.Sprintf("%s (env %s)", help, envName(name)))
}

// Bool defines a bool flag with an environment fallback.
func (f envFlags) Bool(name string, def bool, help string) *bool {
	if v, ok := os.LookupEnv(envName(name)); ok {
		if b, err := strconv.ParseBool(v); err == nil {
			def = b
		} else {
			*f.badEnv = append(*f.badEnv, fmt.Sprintf("%s=%q is not true or false", envName(name), v))
		}
	}
	return f.FlagSet.Bool(name, def, fmt.Sprintf("%s (env %s)", help, envName(name)))
}

// Duration defines a duration flag (e.g. 30s, 15m) with an environment
// fallback.
func (f envFlags) Duration(name string, def time.Duration, help string) *time.Duration {
	if v, ok := os.LookupEnv(envName(name)); ok {
		if d, err := time.ParseDuration(v); err == nil {
			def = d
		} else {
			*f.badEnv = append(*f.badEnv, fmt.Sprintf("%s=%q is not a duration such as 30s or 15m", envName(name), v))
		}
	}
	return f.FlagSet.Duration(name, def, fmt.Sprintf("%s (env %s)", help, envName(name)))
}

// parse parses args, mapping -h and bad flags onto run's error values.
func (f envFlags) parse(args []string) error {
	if err := f.checkEnv(); err != nil {
		return err
	}
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

// parseOneFile parses args holding exactly one FILE, with the flags before
// or after it, mapping -h and bad flags onto run's error values.
func (f envFlags) parseOneFile(args []string) (string, error) {
	return f.parseOneArg(args, "FILE")
}

// parseOneArg parses args holding exactly one argument (named what in the
// error), with the flags before or after it.
func (f envFlags) parseOneArg(args []string, what string) (string, error) {
	if err := f.checkEnv(); err != nil {
		return "", err
	}
	var files []string
	for {
		if err := f.FlagSet.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return "", err
			}
			return "", errUsage
		}
		if f.NArg() == 0 {
			break
		}
		files = append(files, f.Arg(0))
		args = f.Args()[1:]
	}
	if len(files) != 1 {
		fmt.Fprintf(f.Output(), "%s: want exactly one %s\n", f.Name(), what)
		f.Usage()
		return "", errUsage
	}
	return files[0], nil
}

// checkEnv reports the environment values that did not parse.
func (f envFlags) checkEnv() error {
	if len(*f.badEnv) == 0 {
		return nil
	}
	fmt.Fprintf(f.Output(), "%s: %s\n", f.Name(), strings.Join(*f.badEnv, "; "))
	return errUsage
}
