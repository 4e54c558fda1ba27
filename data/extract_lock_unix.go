//go:build unix

package data

import (
	"os"
	"syscall"
)

// heldByImport reports whether another process holds f's exclusive lock:
// bbolt takes one on the file an import writes.
func heldByImport(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil
}
