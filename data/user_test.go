package data_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

func addUser(t *testing.T, s *data.Store, email string, role data.Role, password string) data.User {
	t.Helper()
	hash, err := data.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	u, err := s.CreateUser(context.Background(), data.User{Name: "Test " + string(role), Email: email, Role: role,
		PasswordHash: hash, CreatedAt: t0}, data.Actor{Name: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestCreateUserRefusesBadFieldsAndDuplicates(t *testing.T) {
	s, _ := datatest.NewStore(t)
	u := addUser(t, s, "Amina@Example.org", data.RoleModerator, "correct horse battery")
	if u.ID != 1 || u.Email != "amina@example.org" {
		t.Fatalf("%+v", u)
	}
	hash, _ := data.HashPassword("another password")
	tests := []struct {
		name  string
		u     data.User
		field string
	}{
		{"unknown role", data.User{Name: "x", Email: "x@example.org", Role: "boss", PasswordHash: hash}, "role"},
		{"public role", data.User{Name: "x", Email: "x@example.org", Role: data.RolePublic, PasswordHash: hash}, "role"},
		{"no name", data.User{Name: " ", Email: "x@example.org", Role: data.RoleViewer, PasswordHash: hash}, "name"},
		{"bad email", data.User{Name: "x", Email: "not an address", Role: data.RoleViewer, PasswordHash: hash}, "email"},
		{"display-name email", data.User{Name: "x", Email: "X <x@example.org>", Role: data.RoleViewer, PasswordHash: hash}, "email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreateUser(context.Background(), tt.u, data.Actor{})
			var ve *data.ValidationError
			if !errors.As(err, &ve) || ve.Field != tt.field {
				t.Fatalf("got %v, want a validation error on %s", err, tt.field)
			}
		})
	}
	_, err := s.CreateUser(context.Background(), data.User{Name: "Other", Email: "AMINA@example.org", Role: data.RoleViewer, PasswordHash: hash}, data.Actor{})
	if !errors.Is(err, data.ErrExists) {
		t.Fatalf("duplicate e-mail: %v", err)
	}
	users, _ := s.Users()
	if len(users) != 1 {
		t.Fatalf("%d users stored", len(users))
	}
}

func TestPasswordHash(t *testing.T) {
	h, err := data.HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := data.HashPassword("correct horse battery")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: no salt")
	}
	if !data.CheckPassword(h, "correct horse battery") || data.CheckPassword(h, "correct horse batterz") ||
		data.CheckPassword("", "") || data.CheckPassword("$argon2id$v=19$m=0,t=0,p=0$$", "x") {
		t.Fatal("CheckPassword")
	}
	if _, err := data.HashPassword("short"); err == nil {
		t.Fatal("a 5-character password was accepted")
	}
}

// TestLockout: MaxFailures wrong passwords lock the account; the right
// password is refused until the lockout ends, then accepted.
func TestLockout(t *testing.T) {
	s, _ := datatest.NewStore(t)
	addUser(t, s, "m@example.org", data.RoleMapper, "correct horse battery")
	policy := data.LoginPolicy{MaxFailures: 3, Lockout: 10 * time.Minute}
	ctx := context.Background()
	now := t0
	if _, err := s.Authenticate(ctx, "m@example.org", "correct horse battery", "", now, policy); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if _, err := s.Authenticate(ctx, "m@example.org", "wrong", "", now, policy); !errors.Is(err, data.ErrBadCredentials) {
			t.Fatalf("failure %d: %v", i+1, err)
		}
	}
	if _, err := s.Authenticate(ctx, "m@example.org", "wrong", "", now, policy); !errors.Is(err, data.ErrAccountLocked) {
		t.Fatalf("third failure: %v", err)
	}
	now = now.Add(9 * time.Minute)
	if _, err := s.Authenticate(ctx, "m@example.org", "correct horse battery", "", now, policy); !errors.Is(err, data.ErrAccountLocked) {
		t.Fatalf("right password while locked: %v", err)
	}
	now = now.Add(2 * time.Minute)
	u, err := s.Authenticate(ctx, "m@example.org", "correct horse battery", "", now, policy)
	if err != nil || u.FailedLogins != 0 || !u.LastLoginAt.Equal(now) {
		t.Fatalf("after lockout: %+v %v", u, err)
	}
	if _, err := s.Authenticate(ctx, "nobody@example.org", "correct horse battery", "", now, policy); !errors.Is(err, data.ErrBadCredentials) {
		t.Fatalf("unknown e-mail: %v", err)
	}
	if _, err := s.UpdateUser(ctx, "m@example.org", data.Actor{Name: "test"}, data.ActionUserDisable, now, func(u *data.User) error {
		u.Disabled = true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "m@example.org", "correct horse battery", "", now, policy); !errors.Is(err, data.ErrBadCredentials) {
		t.Fatalf("disabled account: %v", err)
	}
}

// TestTokens: a token works until revoked, is stored only hashed, and
// cannot exceed its owner's role.
func TestTokens(t *testing.T) {
	s, dir := datatest.NewStore(t)
	ctx := context.Background()
	addUser(t, s, "m@example.org", data.RoleMapper, "correct horse battery")
	secret, tok, err := s.CreateToken(ctx, "m@example.org", "", "phone", data.Actor{Name: "test"}, t0)
	if err != nil || tok.Scope != data.RoleMapper {
		t.Fatalf("%+v %v", tok, err)
	}
	u, got, err := s.TokenUser(secret)
	if err != nil || u.Email != "m@example.org" || got.ID != tok.ID {
		t.Fatalf("%+v %+v %v", u, got, err)
	}
	if _, _, err := s.CreateToken(ctx, "m@example.org", data.RoleModerator, "", data.Actor{}, t0); err == nil {
		t.Fatal("a mapper got a moderator token")
	}
	if _, _, err := s.TokenUser(secret + "x"); !errors.Is(err, data.ErrBadCredentials) {
		t.Fatalf("wrong secret: %v", err)
	}
	if _, err := s.RevokeToken(ctx, tok.ID, data.Actor{Name: "test"}, t0); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.TokenUser(secret); !errors.Is(err, data.ErrBadCredentials) {
		t.Fatalf("revoked token: %v", err)
	}
	if _, err := s.RevokeToken(ctx, "tok_nope", data.Actor{}, t0); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("unknown token: %v", err)
	}
	s.Close()
	assertFileLacks(t, dir, secret)
}

func TestSessions(t *testing.T) {
	s, dir := datatest.NewStore(t)
	ctx := context.Background()
	u := addUser(t, s, "v@example.org", data.RoleViewer, "correct horse battery")
	id, sess, err := s.CreateSession(ctx, u.ID, t0, time.Hour)
	if err != nil || sess.CSRF == "" || sess.CSRF == id {
		t.Fatalf("%+v %v", sess, err)
	}
	if got, _, err := s.SessionUser(id, t0.Add(59*time.Minute)); err != nil || got.ID != u.ID {
		t.Fatalf("%+v %v", got, err)
	}
	if _, _, err := s.SessionUser(id, t0.Add(time.Hour)); !errors.Is(err, data.ErrBadCredentials) {
		t.Fatalf("expired: %v", err)
	}
	id2, _, _ := s.CreateSession(ctx, u.ID, t0, time.Hour)
	if err := s.DeleteSession(ctx, id2); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.SessionUser(id2, t0); !errors.Is(err, data.ErrBadCredentials) {
		t.Fatalf("after logout: %v", err)
	}
	s.Close()
	assertFileLacks(t, dir, id)
}

// TestResetPassword: an administrator's reset gives a one-time password
// that works at once, even for a locked account, marks it as not chosen by
// the owner, ends every session of the account and no other's, and is
// audited without the hash.
func TestResetPassword(t *testing.T) {
	s, _ := datatest.NewStore(t)
	ctx := context.Background()
	addUser(t, s, "m@example.org", data.RoleMapper, "correct horse battery")
	other := addUser(t, s, "o@example.org", data.RoleViewer, "another long passphrase")
	policy := data.LoginPolicy{MaxFailures: 2, Lockout: time.Hour}
	for range 2 {
		s.Authenticate(ctx, "m@example.org", "wrong", "", t0, policy)
	}
	if _, err := s.Authenticate(ctx, "m@example.org", "correct horse battery", "", t0, policy); !errors.Is(err, data.ErrAccountLocked) {
		t.Fatalf("not locked: %v", err)
	}
	mine, _, _ := s.CreateSession(ctx, 1, t0, time.Hour)
	theirs, _, _ := s.CreateSession(ctx, other.ID, t0, time.Hour)
	hash, _ := data.HashPassword("a fresh one-time secret")
	at := t0.Add(time.Minute)
	u, err := s.SetPassword(ctx, "M@example.org", hash, true, "", data.Actor{Name: "test"}, at)
	if err != nil || !u.PasswordResetAt.Equal(at) || !u.PasswordChangedAt.IsZero() || u.FailedLogins != 0 || !u.LockedUntil.IsZero() {
		t.Fatalf("reset: %+v %v", u, err)
	}
	if _, err := s.Authenticate(ctx, "m@example.org", "a fresh one-time secret", "", at, policy); err != nil {
		t.Fatalf("new password: %v", err)
	}
	if _, _, err := s.SessionUser(mine, at); !errors.Is(err, data.ErrBadCredentials) {
		t.Fatalf("the account's session after the reset: %v", err)
	}
	if _, _, err := s.SessionUser(theirs, at); err != nil {
		t.Fatalf("another account's session: %v", err)
	}
	var audited bool
	s.EachAudit(0, func(e data.AuditEntry) bool {
		if e.Action == data.ActionUserPassword && e.UserID == 1 {
			audited = !bytes.Contains(e.After, []byte("argon2")) && bytes.Contains(e.After, []byte("password_reset_at"))
		}
		return true
	})
	if !audited {
		t.Fatal("no audit entry for the reset, or one with the hash")
	}
	if _, err := s.SetPassword(ctx, "nobody@example.org", hash, true, "", data.Actor{Name: "test"}, at); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("unknown account: %v", err)
	}
}

// TestConcurrentLoginsLockAfterExactlyMaxFailures: many wrong passwords at
// once get exactly MaxFailures checks: MaxFailures-1 answered as wrong,
// the MaxFailures-th locks, every other one finds the lock (before, 7 or
// more passed the check before the first failure was counted).
func TestConcurrentLoginsLockAfterExactlyMaxFailures(t *testing.T) {
	s, _ := datatest.NewStore(t)
	addUser(t, s, "m@example.org", data.RoleMapper, "correct horse battery")
	policy := data.LoginPolicy{MaxFailures: 5, Lockout: 15 * time.Minute}
	const n = 16
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, err := s.Authenticate(t.Context(), "m@example.org", fmt.Sprintf("guess %d", i), "", t0, policy)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	wrong, locked := 0, 0
	for err := range errs {
		switch {
		case errors.Is(err, data.ErrBadCredentials):
			wrong++
		case errors.Is(err, data.ErrAccountLocked):
			locked++
		default:
			t.Errorf("unexpected %v", err)
		}
	}
	if wrong != policy.MaxFailures-1 || locked != n-wrong {
		t.Errorf("%d answered wrong, %d locked; want %d wrong (one lock on the %dth)", wrong, locked, policy.MaxFailures-1, policy.MaxFailures)
	}
	if _, err := s.Authenticate(t.Context(), "m@example.org", "correct horse battery", "", t0, policy); !errors.Is(err, data.ErrAccountLocked) {
		t.Errorf("right password after the lock: %v", err)
	}
}

// TestOneTimePasswordExpires: a one-time password logs in for 24 hours
// (MustChangePassword), then is refused with ErrPasswordExpired; a
// password the owner chose does not expire.
func TestOneTimePasswordExpires(t *testing.T) {
	s, _ := datatest.NewStore(t)
	ctx := t.Context()
	u := addUser(t, s, "m@example.org", data.RoleMapper, "one-time secret words")
	if !u.MustChangePassword() {
		t.Fatal("a new account's password is not one-time")
	}
	if _, err := s.Authenticate(ctx, u.Email, "one-time secret words", "", u.CreatedAt.Add(23*time.Hour), data.LoginPolicy{}); err != nil {
		t.Fatalf("within a day: %v", err)
	}
	if _, err := s.Authenticate(ctx, u.Email, "one-time secret words", "", u.CreatedAt.Add(25*time.Hour), data.LoginPolicy{}); !errors.Is(err, data.ErrPasswordExpired) {
		t.Fatalf("after a day: %v", err)
	}
	hash, _ := data.HashPassword("the owner's own passphrase")
	if _, err := s.SetPassword(ctx, u.Email, hash, false, "", data.Actor{Name: "owner"}, u.CreatedAt.Add(26*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Authenticate(ctx, u.Email, "the owner's own passphrase", "", u.CreatedAt.Add(90*24*time.Hour), data.LoginPolicy{}); err != nil || got.MustChangePassword() {
		t.Fatalf("chosen password later: %+v %v", got.PasswordChangedAt, err)
	}
}

// TestLockHoldsAgainstTheGuessingAddress: wrong passwords from one
// address lock the account against that address; the owner at another
// address still logs in (nobody can keep an account locked from one
// place); a third address gets one guess, after which the lock holds
// against it too.
func TestLockHoldsAgainstTheGuessingAddress(t *testing.T) {
	s, _ := datatest.NewStore(t)
	addUser(t, s, "m@example.org", data.RoleMapper, "correct horse battery")
	policy := data.LoginPolicy{MaxFailures: 3, Lockout: 15 * time.Minute}
	ctx := t.Context()
	const attacker, owner, other = "198.51.100.7", "203.0.113.20", "192.0.2.99"
	for range 3 {
		s.Authenticate(ctx, "m@example.org", "guess", attacker, t0, policy)
	}
	if _, err := s.Authenticate(ctx, "m@example.org", "correct horse battery", attacker, t0, policy); !errors.Is(err, data.ErrAccountLocked) {
		t.Fatalf("the guessing address with the right password: %v", err)
	}
	if _, err := s.Authenticate(ctx, "m@example.org", "guess 2", other, t0, policy); !errors.Is(err, data.ErrAccountLocked) {
		t.Fatalf("a new address's wrong guess: %v", err)
	}
	if _, err := s.Authenticate(ctx, "m@example.org", "correct horse battery", other, t0, policy); !errors.Is(err, data.ErrAccountLocked) {
		t.Fatalf("that address after its guess: %v", err)
	}
	if _, err := s.Authenticate(ctx, "m@example.org", "correct horse battery", owner, t0.Add(time.Minute), policy); err != nil {
		t.Fatalf("the owner elsewhere during the lock: %v", err)
	}
	// The owner's login does not lift the lock for the guessers.
	if _, err := s.Authenticate(ctx, "m@example.org", "correct horse battery", attacker, t0.Add(2*time.Minute), policy); !errors.Is(err, data.ErrAccountLocked) {
		t.Fatalf("the guessing address after the owner's login: %v", err)
	}
}
