//go:build unix

package data

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the process has used (user and system), to
// report next to the wall time of benchmarks on a shared machine, where
// other processes stretch the wall time but not this.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
