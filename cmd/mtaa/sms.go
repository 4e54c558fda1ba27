package main

import (
	"fmt"
	"io"
	"os"

	"github.com/mtaa-project/mtaa/sms"
)

const smsUsage = `Usage:
  mtaa sms parse [--data DIR] [--lang xx] < messages
                 what the SMS channel understands of each message (one per
                 line, or JSON lines {"id":…,"text":…}), as JSON lines;
                 stores nothing
  mtaa sms replies
                 print the built-in reply templates (JSON) to edit, for
                 mtaa serve --sms-replies FILE
`

// smsCommand runs mtaa sms SUBCOMMAND: tools for the SMS channel. Each
// subcommand is one case of the switch.
func smsCommand(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, smsUsage)
		return errUsage
	}
	switch args[0] {
	case "parse":
		return smsParseCommand(args[1:], os.Stdin, stdout, stderr)
	case "replies":
		fs := newEnvFlags("sms replies", stderr)
		if err := fs.parse(args[1:]); err != nil {
			return err
		}
		_, err := stdout.Write(sms.DefaultRepliesJSON())
		return err
	case "help", "-h", "--help":
		fmt.Fprint(stdout, smsUsage)
		return nil
	}
	fmt.Fprintf(stderr, "mtaa sms: unknown command %q\n\n%s", args[0], smsUsage)
	return errUsage
}
