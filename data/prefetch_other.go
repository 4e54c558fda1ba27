//go:build !linux

package data

// prefetch does nothing where the memory available is not known.
func prefetch(string) {}
