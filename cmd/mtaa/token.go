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

// tokenCommand runs mtaa token create|list|revoke.
func tokenCommand(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "token: want create, list or revoke")
		return errUsage
	}
	switch args[0] {
	case "create":
		return tokenCreate(args[1:], stdout, stderr)
	case "list":
		return tokenList(args[1:], stdout, stderr)
	case "revoke":
		return tokenRevoke(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "token: unknown subcommand %q; want create, list or revoke\n", args[0])
	return errUsage
}

// tokenCreate issues an API token and prints it once.
func tokenCreate(args []string, stdout, stderr io.Writer) error {
	cmd := newAccountCmd("token create", stderr)
	email := cmd.flags.String("email", "", "e-mail address of the account the token acts for")
	// --user is the older name of --email (the admin API's field is email).
	cmd.flags.Func("user", "same as --email", func(v string) error { *email = v; return nil })
	scope := cmd.flags.String("scope", "", "role the token is limited to: viewer, mapper, moderator or admin (default: the account's role)")
	label := cmd.flags.String("label", "", "what the token is for, e.g. \"QGIS at civil defence\"")
	return cmd.run(args, []string{"email"}, func(store *data.Store) error {
		secret, tok, err := store.CreateToken(context.Background(), *email, data.Role(*scope), *label, cliActor, time.Now())
		if errors.Is(err, data.ErrNotFound) {
			return fmt.Errorf("--email: no account %s", *email)
		}
		if err != nil {
			return flagError(err)
		}
		fmt.Fprintf(stderr, "token %s for %s, scope %s; it is shown only now, send it as Authorization: Bearer <token>\n", tok.ID, *email, tok.Scope)
		fmt.Fprintln(stdout, secret)
		return nil
	})
}

// tokenList prints every token (never the secrets, which are not kept).
func tokenList(args []string, stdout, stderr io.Writer) error {
	return newAccountCmd("token list", stderr).run(args, nil, func(store *data.Store) error {
		toks, err := store.Tokens()
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tUSER\tSCOPE\tCREATED\tSTATE\tLABEL")
		for _, t := range toks {
			state := "active"
			if t.Revoked() {
				state = "revoked " + t.RevokedAt.Format(time.RFC3339)
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\n", t.ID, t.UserID, t.Scope, t.CreatedAt.Format(time.RFC3339), state, t.Label)
		}
		return tw.Flush()
	})
}

// tokenRevoke revokes a token by its id (from token create or list).
func tokenRevoke(args []string, stdout, stderr io.Writer) error {
	cmd := newAccountCmd("token revoke", stderr)
	id := cmd.flags.String("id", "", "token id (tok_…), from mtaa token list")
	return cmd.run(args, []string{"id"}, func(store *data.Store) error {
		if _, err := store.RevokeToken(context.Background(), *id, cliActor, time.Now()); err != nil {
			if errors.Is(err, data.ErrNotFound) {
				return fmt.Errorf("--id: no token %s", *id)
			}
			return err
		}
		fmt.Fprintf(stdout, "token %s revoked\n", *id)
		return nil
	})
}
