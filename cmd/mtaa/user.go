package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/mtaa-project/mtaa/data"
)

// cliActor names the command line in the audit log.
var cliActor = data.Actor{Name: "mtaa command line"}

// accountCmd is one subcommand of mtaa user or mtaa token: its flags,
// --data among them, and the store of --data, opened directly. The
// database is locked by a running server: account commands run with the
// server stopped.
type accountCmd struct {
	name    string
	flags   envFlags
	dataDir *string
	stderr  io.Writer
}

func newAccountCmd(name string, stderr io.Writer) *accountCmd {
	fs := newEnvFlags(name, stderr)
	return &accountCmd{name: name, flags: fs, dataDir: fs.String("data", "./mtaa-data", "data directory"), stderr: stderr}
}

// flagError names the flag a store's validation error is about ("--email:
// not an e-mail address"), where the store's fields are the command's
// flags (user add, token create); other errors are returned as they are.
func flagError(err error) error {
	var ve *data.ValidationError
	if errors.As(err, &ve) {
		return fmt.Errorf("--%s: %s", ve.Field, ve.Message)
	}
	return err
}

// run parses args, checks that each flag named in required is set, opens
// the store and calls fn with it. Errors are prefixed with the command's
// name.
func (c *accountCmd) run(args []string, required []string, fn func(*data.Store) error) error {
	if err := c.flags.parse(args); err != nil {
		return err
	}
	for _, name := range required {
		if c.flags.Lookup(name).Value.String() == "" {
			fmt.Fprintf(c.stderr, "%s: --%s is required\n", c.name, name)
			return errUsage
		}
	}
	store, err := data.Open(*c.dataDir, data.Options{OpenTimeout: 500 * time.Millisecond})
	if errors.Is(err, data.ErrLocked) {
		err = fmt.Errorf("%w\nstop mtaa serve on %s first: account commands open the database directly;\nor ask the running server: %s/api/v1/admin/users and /api/v1/admin/tokens (an admin's token, docs/api.md)",
			err, *c.dataDir, runningServerURL(*c.dataDir))
	}
	if err != nil {
		return fmt.Errorf("%s: %w", c.name, err)
	}
	defer store.Close()
	if err := fn(store); err != nil {
		return fmt.Errorf("%s: %w", c.name, err)
	}
	return nil
}

// userCommand runs mtaa user add|list|disable|enable|reset-password.
func userCommand(args []string, stdout, stderr io.Writer) error {
	const want = "want add, list, disable, enable or reset-password"
	if len(args) == 0 {
		fmt.Fprintln(stderr, "user: "+want)
		return errUsage
	}
	switch args[0] {
	case "add":
		return userAdd(args[1:], stdout, stderr)
	case "list":
		return userList(args[1:], stdout, stderr)
	case "disable", "enable":
		return userSetDisabled(args[0], args[1:], stdout, stderr)
	case "reset-password":
		return userResetPassword(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "user: unknown subcommand %q; %s\n", args[0], want)
	return errUsage
}

// userAdd creates an account and prints its one-time password.
func userAdd(args []string, stdout, stderr io.Writer) error {
	cmd := newAccountCmd("user add", stderr)
	role := cmd.flags.String("role", "", "role: viewer, mapper, moderator or admin")
	name := cmd.flags.String("name", "", "the person's name")
	email := cmd.flags.String("email", "", "e-mail address, used to log in")
	return cmd.run(args, nil, func(store *data.Store) error {
		password := data.NewPassword()
		hash, err := data.HashPassword(password)
		if err != nil {
			return err
		}
		u, err := store.CreateUser(context.Background(), data.User{Name: *name, Email: *email, Role: data.Role(*role),
			PasswordHash: hash, CreatedAt: time.Now().UTC()}, cliActor)
		if err != nil {
			return flagError(err)
		}
		fmt.Fprintf(stdout, "added %s <%s> as %s (id %d)\none-time password (shown only now): %s\n", u.Name, u.Email, u.Role, u.ID, password)
		return nil
	})
}

// userList prints every account.
func userList(args []string, stdout, stderr io.Writer) error {
	return newAccountCmd("user list", stderr).run(args, nil, func(store *data.Store) error {
		users, err := store.Users()
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tROLE\tSTATE")
		for _, u := range users {
			state := "active"
			if u.Disabled {
				state = "disabled"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", u.ID, u.Email, u.Name, u.Role, state)
		}
		return tw.Flush()
	})
}

// userSetDisabled disables or re-enables an account. A disabled account's
// sessions and tokens stop working at once.
func userSetDisabled(verb string, args []string, stdout, stderr io.Writer) error {
	cmd := newAccountCmd("user "+verb, stderr)
	email := cmd.flags.String("email", "", "e-mail address of the account")
	return cmd.run(args, []string{"email"}, func(store *data.Store) error {
		action, disabled := data.ActionUserDisable, true
		if verb == "enable" {
			action, disabled = data.ActionUserEnable, false
		}
		u, err := store.UpdateUser(context.Background(), *email, cliActor, action, time.Now(), func(u *data.User) error {
			u.Disabled = disabled
			return nil
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s <%s>: %sd\n", u.Name, u.Email, verb)
		return nil
	})
}

// userResetPassword gives an account a new one-time password (for a
// person who forgot theirs, or whose password may be known to others),
// lifts a lockout and ends the account's browser sessions.
func userResetPassword(args []string, stdout, stderr io.Writer) error {
	cmd := newAccountCmd("user reset-password", stderr)
	email := cmd.flags.String("email", "", "e-mail address of the account")
	return cmd.run(args, []string{"email"}, func(store *data.Store) error {
		password := data.NewPassword()
		hash, err := data.HashPassword(password)
		if err != nil {
			return err
		}
		u, err := store.SetPassword(context.Background(), *email, hash, true, "", cliActor, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s <%s>: new one-time password (shown only now): %s\nthe account's browser sessions have ended\n", u.Name, u.Email, password)
		return nil
	})
}
