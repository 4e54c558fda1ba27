//go:build !unix

package pgcluster

import (
	"os"
	"os/exec"
)

var quitSignal = os.Interrupt

func chownForServer(string) error              { return nil }
func setServerProcAttr(*exec.Cmd, bool)        {}
func signalGroup(cmd *exec.Cmd, sig os.Signal) { _ = cmd.Process.Signal(sig) }
func killGroup(cmd *exec.Cmd)                  { _ = cmd.Process.Kill() }

// processAlive cannot tell here: every process counts as alive.
func processAlive(int) bool { return true }

func tempRoot() string { return os.TempDir() }
