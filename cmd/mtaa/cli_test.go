package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSMSSendSignsAsTwilio: mtaa sms send posts a message the server
// accepts as Twilio's (its X-Twilio-Signature checks out), prints the
// reply, and a resend of the same message id gets the same reply; a wrong
// auth token is refused with 403 and exit status 1.
func TestSMSSendSignsAsTwilio(t *testing.T) {
	const token = "sms-send-test-token"
	p := startServe(t, t.TempDir(), "--twilio-auth-token", token)
	send := func(tok, sid, text string) (string, string, error) {
		return mtaaRun(t, "sms", "send", "--local", p.base, "--auth-token", tok, "--from", "+15555550100", "--message-sid", sid, text)
	}
	out, errOut, err := send(token, "SMtest1", "FIRE 38.7722 -75.1433")
	if err != nil || !strings.Contains(out, "#1") {
		t.Fatalf("sms send: %v\nstdout: %s\nstderr: %s\nserver: %s", err, out, errOut, p.stderr)
	}
	again, _, err := send(token, "SMtest1", "FIRE 38.7722 -75.1433")
	if err != nil || again != out {
		t.Fatalf("resent message id: %q %v, want the first reply %q", again, err, out)
	}
	status, _, err := send(token, "SMtest2", "STATUS 1")
	if err != nil || !strings.Contains(status, "#1") {
		t.Fatalf("STATUS 1: %q %v", status, err)
	}
	_, errOut, err = send("not-the-token", "SMtest3", "FIRE 38.7722 -75.1433")
	if code := exitCode(err); code != 1 || !strings.Contains(errOut, "403") {
		t.Fatalf("wrong token: exit %d, stderr %q; want 1 and 403", code, errOut)
	}
	if _, _, err := mtaaRun(t, "sms", "send", "--local", p.base, "--auth-token", token, "STATUS 1"); exitCode(err) != 2 {
		t.Fatalf("no --from: exit %d, want 2", exitCode(err))
	}
}

// TestServerURLInHints: mtaa serve records the URL it answers on in its
// data directory; a command that finds the database held names that URL
// (not a default one), and a clean stop removes the record.
func TestServerURLInHints(t *testing.T) {
	dir := t.TempDir()
	p := startServe(t, dir)
	b, err := os.ReadFile(filepath.Join(dir, serverURLFile))
	if err != nil || strings.TrimSpace(string(b)) != p.base {
		t.Fatalf("%s: %q %v, want %s", serverURLFile, b, err, p.base)
	}
	_, errOut, err := mtaaRun(t, "user", "list", "--data", dir)
	if err == nil || !strings.Contains(errOut, p.base+"/api/v1/admin/users") {
		t.Fatalf("user list with the server running: %v\n%s", err, errOut)
	}
	p.cmd.Process.Signal(os.Interrupt)
	if err := p.wait(t); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, serverURLFile)); !os.IsNotExist(err) {
		t.Fatalf("%s left after a clean stop: %v", serverURLFile, err)
	}
}

// exitCode is the exit status of a finished command's error (0 for nil,
// -1 when it did not run).
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return -1
}

// TestHelpListsEverySubcommand: each subcommand that mtaa user, token and
// sms accept (as they list them when called without one) is on a line of
// mtaa --help.
func TestHelpListsEverySubcommand(t *testing.T) {
	help := mustRun(t, "--help")
	wantRE := regexp.MustCompile(`want (.+)`)
	for _, cmd := range []string{"user", "token", "sms"} {
		_, errOut, _ := mtaaRun(t, cmd)
		m := wantRE.FindStringSubmatch(errOut)
		if m == nil {
			t.Fatalf("mtaa %s lists no subcommands: %q", cmd, errOut)
		}
		subs := strings.FieldsFunc(strings.ReplaceAll(m[1], " or ", ","), func(r rune) bool { return r == ',' || r == ' ' })
		for _, sub := range subs {
			line := regexp.MustCompile(`(?m)^  mtaa ` + cmd + ` (\S+\|)*` + regexp.QuoteMeta(sub) + `(\|\S+)*( |$)`)
			if !line.MatchString(help) {
				t.Errorf("mtaa --help does not list mtaa %s %s", cmd, sub)
			}
		}
	}
}
