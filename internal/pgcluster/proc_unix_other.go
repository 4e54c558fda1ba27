//go:build unix && !linux

package pgcluster

import "syscall"

func setParentDeath(*syscall.SysProcAttr) {}
