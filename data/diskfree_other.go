//go:build !linux

package data

// freeBytes reports that the free disk space is not known: the release
// builds for other systems (Windows) rely on the write errors alone
// (ENOSPC maps to ErrStorageFull as on Linux).
func freeBytes(dir string) (free uint64, ok bool) { return 0, false }
