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
	fs := newEnvFlags("token create", stderr)
	dataDir := fs.String("data", "./mtaa-data", "data directory")
	email := fs.String("user", "", "e-mail address of the account the token acts for")
	scope := fs.String("scope", "", "role the token is limited to: viewer, mapper, moderator or admin (default: the account's role)")
	label := fs.String("label", "", "what the token is for, e.g. \"QGIS at civil defence\"")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *email == "" {
		fmt.Fprintln(stderr, "token create: --user EMAIL is required")
		return errUsage
	}
	store, err := openForAccounts(*dataDir)
	if err != nil {
		return fmt.Errorf("token create: %w", err)
	}
	defer store.Close()
	secret, tok, err := store.CreateToken(context.Background(), *email, data.Role(*scope), *label, cliActor, time.Now())
	if err != nil {
		var ve *data.ValidationError
		switch {
		case errors.As(err, &ve):
			return fmt.Errorf("token create: --%s: %s", ve.Field, ve.Message)
		case errors.Is(err, data.ErrNotFound):
			return fmt.Errorf("token create: --user: no account %s", *email)
		}
		return fmt.Errorf("token create: %w", err)
	}
	fmt.Fprintf(stderr, "token %s for %s, scope %s; it is shown only now, send it as Authorization: Bearer <token>\n", tok.ID, *email, tok.Scope)
	fmt.Fprintln(stdout, secret)
	return nil
}

// tokenList prints every token (never the secrets, which are not kept).
func tokenList(args []string, stdout, stderr io.Writer) error {
	fs := newEnvFlags("token list", stderr)
	dataDir := fs.String("data", "./mtaa-data", "data directory")
	if err := fs.parse(args); err != nil {
		return err
	}
	store, err := openForAccounts(*dataDir)
	if err != nil {
		return fmt.Errorf("token list: %w", err)
	}
	defer store.Close()
	toks, err := store.Tokens()
	if err != nil {
		return fmt.Errorf("token list: %w", err)
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
}

// tokenRevoke revokes a token by its id (from token create or list).
func tokenRevoke(args []string, stdout, stderr io.Writer) error {
	fs := newEnvFlags("token revoke", stderr)
	dataDir := fs.String("data", "./mtaa-data", "data directory")
	id := fs.String("id", "", "token id (tok_…), from mtaa token list")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *id == "" {
		fmt.Fprintln(stderr, "token revoke: --id is required")
		return errUsage
	}
	store, err := openForAccounts(*dataDir)
	if err != nil {
		return fmt.Errorf("token revoke: %w", err)
	}
	defer store.Close()
	if _, err := store.RevokeToken(context.Background(), *id, cliActor, time.Now()); err != nil {
		if errors.Is(err, data.ErrNotFound) {
			return fmt.Errorf("token revoke: --id: no token %s", *id)
		}
		return fmt.Errorf("token revoke: %w", err)
	}
	fmt.Fprintf(stdout, "token %s revoked\n", *id)
	return nil
}
