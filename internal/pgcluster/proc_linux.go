package pgcluster

import "syscall"

// setParentDeath makes the kernel stop the server (immediate shutdown)
// when the test process dies without calling Stop.
func setParentDeath(attr *syscall.SysProcAttr) { attr.Pdeathsig = syscall.SIGQUIT }
