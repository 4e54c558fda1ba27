package data

import (
	"archive/tar"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// backupDirs are the directories of a data directory a backup may hold
// (one level deep): anything else in an archive is refused on restore.
var backupDirs = map[string]bool{PhotoDirName: true}

// addDir archives the directory path as an entry "<base>/" followed by
// each of its regular files as "<base>/<name>", streamed one at a time.
// Names starting with a dot are skipped: they are files being written
// (photos go to a temporary ".photo-*.tmp" and are then linked into
// place), so a file written during the backup is either whole in the
// archive or not in it at all.
func addDir(tw *tar.Writer, path string) error {
	base := filepath.Base(path)
	entries, err := os.ReadDir(path)
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: base + "/", Mode: 0o750, ModTime: time.Now().UTC()}); err != nil {
		return err
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || !e.Type().IsRegular() {
			continue
		}
		// addFileAs skips a file that is gone since the listing.
		if err := addFileAs(tw, filepath.Join(path, e.Name()), base+"/"+e.Name()); err != nil {
			return fmt.Errorf("%s: %w", e.Name(), err)
		}
	}
	return nil
}

// archivedName checks the name of an archive entry and returns it as a
// path relative to the restore directory: a plain file name, a backup
// directory ("photos/") or a plain file name inside one. Nothing else is
// accepted, so nothing can be written outside the directory.
func archivedName(hdr *tar.Header) (name string, isDir bool, ok bool) {
	plain := func(s string) bool {
		return s != "" && s != "." && s != ".." && !strings.ContainsAny(s, `/\`+"\x00") && !strings.HasPrefix(s, ".")
	}
	n := strings.TrimSuffix(hdr.Name, "/")
	dir, file, nested := strings.Cut(n, "/")
	switch {
	case hdr.Typeflag == tar.TypeDir:
		return dir, true, !nested && backupDirs[dir]
	case hdr.Typeflag != tar.TypeReg || hdr.Size < 0 || hdr.Size > maxRestoredFile:
		return "", false, false
	case nested:
		return dir + "/" + file, false, backupDirs[dir] && plain(file)
	}
	return n, false, plain(n)
}
