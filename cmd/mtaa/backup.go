package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mtaa-project/mtaa/data"
)

// backupFiles are the files of a data directory a backup holds besides
// the report database: the extract, the server's keys (without them,
// phone hashes and sealed numbers are useless) and the photo directory.
func backupFiles(dir string) []string {
	return []string{filepath.Join(dir, data.ExtractFileName), filepath.Join(dir, secretsFile), filepath.Join(dir, data.PhotoDirName)}
}

// backupCommand writes a backup archive of DIR to FILE. It opens the
// database itself when no server holds it; otherwise it asks the running
// server (--url, --admin-token) for a hot backup. With --store it backs
// up a PostgreSQL deployment instead, in the same format, while the
// servers run.
func backupCommand(args []string, stdout, stderr io.Writer) error {
	fs := newEnvFlags("backup", stderr)
	dataDir := fs.String("data", "./mtaa-data", "data directory")
	to := fs.String("to", "", "archive to write (.tar.gz)")
	url := fs.String("url", "", "running server to ask when it holds the database (default: the URL it recorded in DIR/"+serverURLFile+", else "+defaultServerURL+")")
	token := fs.String("admin-token", "", "admin token of the running server")
	storeURL := fs.String("store", "", "the deployment's PostgreSQL database (postgres://…), as given to mtaa serve; the servers may run (default: the database file in --data)")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *to == "" {
		fmt.Fprintln(stderr, "backup: --to FILE is required")
		return errUsage
	}
	if *url == "" {
		*url = runningServerURL(*dataDir)
	}
	tmp := *to + ".partial"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	what, how := *dataDir, ""
	if *storeURL != "" {
		what, how, err = writeStoreBackup(f, *dataDir, *storeURL)
	} else {
		how, err = writeBackup(f, *dataDir, *url, *token)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, *to)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	st, _ := os.Stat(*to)
	fmt.Fprintf(stdout, "backup of %s written to %s (%s, %s)\n", what, *to, humanBytes(st.Size()), how)
	return nil
}

// writeStoreBackup writes the backup of the deployment whose database is
// at storeURL (PostgreSQL) in the format of a data directory's backup:
// the database copied into a database file, in one read transaction
// while the servers keep running, and dir's files. It returns the
// database's name (without the password) and how it was backed up.
func writeStoreBackup(w io.Writer, dir, storeURL string) (name, how string, err error) {
	if !isStoreURL(storeURL) {
		return storeURL, "", fmt.Errorf("--store %q: want a postgres://… URL (for a data directory, use --data)", storeURL)
	}
	store, _, err := data.OpenPostgres(context.Background(), storeURL, dir, data.Options{ReadOnly: true}, data.PostgresOptions{})
	if err != nil {
		return "", "", err
	}
	defer store.Close()
	if err := store.Backup(w, backupFiles(dir)...); err != nil {
		return store.Path(), "", err
	}
	return store.Path(), "copied from the database into a database file", nil
}

func writeBackup(w io.Writer, dir, url, token string) (string, error) {
	if _, err := os.Stat(filepath.Join(dir, data.FileName)); err != nil {
		return "", fmt.Errorf("no database in %s: %w", dir, err)
	}
	store, err := data.Open(dir, data.Options{OpenTimeout: 300 * time.Millisecond})
	if err == nil {
		defer store.Close()
		return "database opened directly", store.Backup(w, backupFiles(dir)...)
	}
	if !errors.Is(err, data.ErrLocked) {
		return "", err
	}
	if token == "" {
		return "", errors.New("a server holds the database: pass --admin-token (and --url) to back it up through the server")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(url, "/")+"/api/v1/admin/backup", nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", fmt.Errorf("ask the server at %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1024))
		return "", fmt.Errorf("server at %s answered %s: %s", url, resp.Status, msg)
	}
	if _, err := io.Copy(w, resp.Body); err != nil {
		return "", fmt.Errorf("download from %s: %w", url, err)
	}
	return "hot backup from the running server", nil
}

// restoreCommand unpacks a backup archive into DIR (the server stopped).
func restoreCommand(args []string, stdout, stderr io.Writer) error {
	fs := newEnvFlags("restore", stderr)
	dataDir := fs.String("data", "./mtaa-data", "data directory to restore into")
	from := fs.String("from", "", "backup archive (.tar.gz) written by mtaa backup")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *from == "" {
		fmt.Fprintln(stderr, "restore: --from FILE is required")
		return errUsage
	}
	f, err := os.Open(*from)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer f.Close()
	saved, err := data.Restore(f, *dataDir)
	if err != nil {
		return fmt.Errorf("%w (nothing in %s was changed)", err, *dataDir)
	}
	fmt.Fprintf(stdout, "restored %s into %s\n", *from, *dataDir)
	if saved != "" {
		fmt.Fprintf(stdout, "the files it replaced are in %s: your way back; delete it once the restored server runs well (docs/running.md)\n", saved)
	}
	return nil
}
