//go:build unix

package pgcluster

import (
	"os"
	"os/exec"
	"syscall"
)

// serverUID is the user the cluster runs as when the process is root
// (nobody/nogroup on Debian).
const serverUID = 65534

var quitSignal = syscall.SIGQUIT

func asRoot() bool { return os.Geteuid() == 0 }

// tempRoot is where clusters live: /tmp when root, since the server user
// must reach the folder and $TMPDIR may sit below a folder of root's,
// else the usual temporary folder.
func tempRoot() string {
	if asRoot() {
		return "/tmp"
	}
	return os.TempDir()
}

// chownForServer hands the temp folder to the server user when root.
func chownForServer(dir string) error {
	if !asRoot() {
		return nil
	}
	return os.Chown(dir, serverUID, serverUID)
}

// setServerProcAttr drops to the server user when root and, for the
// server, starts a process group so that Stop reaches every backend.
func setServerProcAttr(cmd *exec.Cmd, server bool) {
	attr := &syscall.SysProcAttr{Setpgid: server}
	if asRoot() {
		attr.Credential = &syscall.Credential{Uid: serverUID, Gid: serverUID}
	}
	setParentDeath(attr)
	cmd.SysProcAttr = attr
}

func signalGroup(cmd *exec.Cmd, sig syscall.Signal) {
	_ = syscall.Kill(-cmd.Process.Pid, sig)
}

func killGroup(cmd *exec.Cmd) {
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}

// processAlive reports whether a process pid exists.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}
