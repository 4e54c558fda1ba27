//go:build unix

// Package cputime reads the CPU time of the running process, which
// benchmarks report next to wall time: on a shared machine other processes
// stretch the wall time but not this.
package cputime

import (
	"syscall"
	"time"
)

// Process is the CPU time the process has used so far (user and system,
// all threads); 0 when the system does not tell.
func Process() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
