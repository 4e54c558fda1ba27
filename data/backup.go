package data

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// BackupDBName is the name of the report database inside a backup.
const BackupDBName = FileName

// Backup writes a gzip-compressed tar archive holding a consistent
// snapshot of the report database (taken in one read transaction, while
// the store keeps serving) and a copy of each extra file that exists (the
// extract, the server's keys), under their base names. An extra path that
// is a directory (the photos) is archived as that directory and its
// regular files, one level deep; see addDir. A store on an engine without
// a database file (PostgreSQL) is first copied into a temporary database
// file (CopyTo, one read transaction too), so that the archive is the
// same either way and restores into a data directory.
func (s *Store) Backup(w io.Writer, extraFiles ...string) error {
	if _, ok := s.db.(fileDB); !ok {
		return s.backupCopy(w, extraFiles)
	}
	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	err := s.db.View(func(tx kv.Tx) error {
		ftx, ok := tx.(fileTx)
		if !ok {
			return ErrNoFile
		}
		hdr := &tar.Header{Name: BackupDBName, Mode: 0o600, Size: ftx.Size(), ModTime: time.Now().UTC()}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		_, err := ftx.WriteTo(tw)
		return err
	})
	if err != nil {
		return fmt.Errorf("backup %s: %w", s.Path(), err)
	}
	for _, path := range extraFiles {
		add := addFile
		if st, err := os.Stat(path); err == nil && st.IsDir() {
			add = addDir
		}
		if err := add(tw, path); err != nil {
			return fmt.Errorf("backup %s: %w", path, err)
		}
	}
	if err := tw.Close(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := gz.Close(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// backupCopy is Backup through a copy of the database in a temporary
// file, in a hidden folder of the data directory (it may be large: the
// system's temporary folder may be small), or of the system's temporary
// folder when the data directory does not exist. The copy is opened
// before it is archived, which runs bbolt's consistency check on it.
func (s *Store) backupCopy(w io.Writer, extraFiles []string) error {
	tmp, err := os.MkdirTemp(s.dir, ".backup-")
	if errors.Is(err, os.ErrNotExist) {
		tmp, err = os.MkdirTemp("", "mtaa-backup-")
	}
	if err != nil {
		return fmt.Errorf("backup %s: %w", s.Path(), storageError(err))
	}
	defer os.RemoveAll(tmp)
	db, err := CreateFile(tmp)
	if err != nil {
		return fmt.Errorf("backup %s: %w", s.Path(), err)
	}
	copyErr := s.CopyTo(db)
	if err := errors.Join(copyErr, db.Close()); err != nil {
		return fmt.Errorf("backup %s: %w", s.Path(), err)
	}
	copied, err := Open(tmp, Options{OpenTimeout: time.Second, ReadOnly: true})
	if err != nil {
		return fmt.Errorf("backup %s: the copy does not open: %w", s.Path(), err)
	}
	defer copied.Close()
	return copied.Backup(w, extraFiles...)
}

func addFile(tw *tar.Writer, path string) error {
	return addFileAs(tw, path, filepath.Base(path))
}

func addFileAs(tw *tar.Writer, path, name string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return nil
	}
	hdr := &tar.Header{Name: name, Mode: 0o600, Size: st.Size(), ModTime: st.ModTime()}
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
	_, err = io.Copy(tw, f)
	return err
}

// maxRestoredFile bounds each file unpacked by Restore (64 GiB).
const maxRestoredFile = 64 << 30

// Restore unpacks a backup written by Backup into dir, which must not hold
// a database in use. The unpacked report database is checked (opens,
// passes bbolt's consistency check) before it replaces anything; the files
// it replaces are moved to dir/before-restore-<time>/; a directory in the
// archive (the photos) replaces the whole directory. It returns that
// folder ("" when nothing was replaced).
func Restore(r io.Reader, dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	stage, err := os.MkdirTemp(dir, ".restore-")
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	defer os.RemoveAll(stage)
	names, err := unpack(r, stage)
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	if !names[BackupDBName] {
		return "", fmt.Errorf("restore: the archive has no %s", BackupDBName)
	}
	check, err := Open(stage, Options{OpenTimeout: time.Second})
	if err != nil {
		return "", fmt.Errorf("restore: the archived database does not open: %w", err)
	}
	checkErr := check.Check()
	if err := check.Close(); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	if checkErr != nil {
		return "", fmt.Errorf("restore: the archived database is damaged: %w", checkErr)
	}
	// The live database must not be open: take its lock briefly.
	if _, err := os.Stat(filepath.Join(dir, FileName)); err == nil {
		live, err := Open(dir, Options{OpenTimeout: 500 * time.Millisecond})
		switch {
		case errors.Is(err, ErrCorrupt):
			// Open took the lock before finding the damage, so no server
			// holds it: replacing a damaged database is what restore is for.
		case err != nil:
			return "", fmt.Errorf("restore: stop the server first: %w", err)
		default:
			live.Close()
		}
	}
	saved := ""
	for name := range names {
		dst := filepath.Join(dir, name)
		if _, err := os.Stat(dst); err == nil {
			if saved == "" {
				saved = filepath.Join(dir, "before-restore-"+time.Now().UTC().Format("20060102T150405Z"))
				if err := os.Mkdir(saved, 0o750); err != nil {
					return "", fmt.Errorf("restore: %w", err)
				}
			}
			if err := os.Rename(dst, filepath.Join(saved, name)); err != nil {
				return saved, fmt.Errorf("restore: keep the current %s: %w", name, err)
			}
		}
		if err := os.Rename(filepath.Join(stage, name), dst); err != nil {
			return saved, fmt.Errorf("restore: %w", err)
		}
	}
	return saved, syncDir(dir)
}

// unpack writes the regular files of a backup archive into dir, and the
// backup directories (photos) with their files, and returns the top-level
// names it wrote. Names are checked by archivedName, so nothing can be
// written outside dir.
func unpack(r io.Reader, dir string) (map[string]bool, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("not a backup archive (gzip): %w", err)
	}
	tr := tar.NewReader(gz)
	names := map[string]bool{}
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read archive: %w", err)
		}
		name, isDir, ok := archivedName(hdr)
		if !ok {
			return nil, fmt.Errorf("unexpected entry %q in the archive", hdr.Name)
		}
		top, _, nested := strings.Cut(name, "/")
		if isDir || nested {
			if err := os.MkdirAll(filepath.Join(dir, top), 0o750); err != nil {
				return nil, err
			}
			names[top] = true
			if isDir {
				continue
			}
		}
		f, err := os.OpenFile(filepath.Join(dir, filepath.FromSlash(name)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return nil, err
		}
		_, cerr := io.Copy(f, io.LimitReader(tr, hdr.Size))
		serr := f.Sync()
		if err := errors.Join(cerr, serr, f.Close()); err != nil {
			return nil, err
		}
		names[top] = true
	}
	for name := range names {
		if backupDirs[name] {
			if err := syncDir(filepath.Join(dir, name)); err != nil {
				return nil, err
			}
		}
	}
	return names, nil
}
