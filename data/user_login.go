package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// LoginPolicy is how many wrong passwords lock an account, and for how
// long.
type LoginPolicy struct {
	// MaxFailures wrong passwords in a row lock the account (default 5).
	MaxFailures int
	// Lockout is how long a locked account refuses every login, even with
	// the right password (default 15 min).
	Lockout time.Duration
}

func (p LoginPolicy) withDefaults() LoginPolicy {
	if p.MaxFailures <= 0 {
		p.MaxFailures = 5
	}
	if p.Lockout <= 0 {
		p.Lockout = 15 * time.Minute
	}
	return p
}

// OneTimePasswordTTL is how long a one-time password (from user add or
// reset-password, which the owner has not chosen) logs in.
const OneTimePasswordTTL = 24 * time.Hour

// MustChangePassword reports whether u logs in with a one-time password
// its owner has not replaced yet: such a session may only change it.
func (u *User) MustChangePassword() bool { return u.PasswordChangedAt.IsZero() }

// loginStripes serialises the logins of one account (by a hash of its
// e-mail): the lockout's read, password check and count are one step, so
// concurrent attempts cannot all pass the check before the first failure
// is counted.
const loginStripes = 64

// Authenticate checks an e-mail and password at time now. It returns the
// account, ErrBadCredentials (unknown e-mail, wrong password, disabled
// account), ErrAccountLocked or ErrPasswordExpired (the right one-time
// password, too old). Each wrong password is counted; the MaxFailures-th
// locks the account for Lockout. A right password while unlocked resets
// the count. The attempts of one account run one at a time: exactly
// MaxFailures wrong passwords are checked before the lock, however many
// arrive at once. With several servers on one database that holds per
// server: the count and the lock are shared, but while one server records
// the lock each other one may be checking one more guess. Every path spends one password check, so response
// times tell neither whether an account exists nor whether it is locked.
//
// from is the client's address ("" when unknown). The lock holds against
// the addresses that sent wrong passwords for the account during the
// lockout; an address that sent none (the owner, elsewhere) still gets its
// password checked, so that someone guessing cannot keep the owner locked
// out: each further guess during the lock costs the guesser a new address.
func (s *Store) Authenticate(ctx context.Context, email, password, from string, now time.Time, policy LoginPolicy) (User, error) {
	policy = policy.withDefaults()
	mu := &s.loginMu[stripeOf(NormalizeEmail(email))]
	mu.Lock()
	defer mu.Unlock()
	u, err := s.UserByEmail(email)
	if errors.Is(err, ErrNotFound) {
		// Spend the time a real check takes, so that response times do not
		// tell which addresses have accounts.
		CheckPassword(dummyHash(), password)
		return User{}, ErrBadCredentials
	}
	if err != nil {
		return User{}, err
	}
	if u.Disabled {
		CheckPassword(dummyHash(), password)
		return User{}, ErrBadCredentials
	}
	key := u.Email + "\x00" + from
	if now.Before(u.LockedUntil) && (from == "" || s.failedLoginSince(key, now.Add(-policy.Lockout), now)) {
		CheckPassword(dummyHash(), password)
		return User{}, ErrAccountLocked
	}
	ok := CheckPassword(u.PasswordHash, password)
	if !ok && from != "" {
		if err := s.recordFailedLogin(ctx, key, now, policy.Lockout); err != nil {
			return User{}, fmt.Errorf("authenticate: %w", err)
		}
	}
	if !ok && now.Before(u.LockedUntil) {
		return User{}, ErrAccountLocked // a new address's guess: counted, the lock stands
	}
	locked := false
	u, err = s.UpdateUser(ctx, email, Actor{}, "", now, func(u *User) error {
		if !ok {
			u.FailedLogins++
			if u.FailedLogins >= policy.MaxFailures {
				u.LockedUntil, u.FailedLogins, locked = now.Add(policy.Lockout), 0, true
			}
			return nil
		}
		u.LastLoginAt = now
		if !now.Before(u.LockedUntil) {
			u.FailedLogins, u.LockedUntil = 0, time.Time{}
		} // else the owner got in from elsewhere: the lock stays for the guessers
		return nil
	})
	switch {
	case err != nil:
		return User{}, fmt.Errorf("authenticate: %w", err)
	case locked:
		return User{}, ErrAccountLocked
	case !ok:
		return User{}, ErrBadCredentials
	}
	if issued := u.PasswordResetAt; u.MustChangePassword() && now.Sub(later(issued, u.CreatedAt)) > OneTimePasswordTTL {
		return User{}, ErrPasswordExpired
	}
	return u, nil
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// stripeOf picks the login stripe of a normalised e-mail (FNV-1a).
func stripeOf(email string) int {
	h := uint32(2166136261)
	for i := 0; i < len(email); i++ {
		h = (h ^ uint32(email[i])) * 16777619
	}
	return int(h % loginStripes)
}

// failedLogins remembers, per account and client address, when that
// address last sent a wrong password, for as long as a lock lasts. It is
// kept in the store, so the servers sharing a database share it and a
// restart does not forget it.
var failedLogins = expiringBucket{name: []byte("login_failures"), byExpiry: []byte("login_failures_expiry")}

func (s *Store) recordFailedLogin(ctx context.Context, key string, at time.Time, lockout time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	t := timeKey(at)
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		return failedLogins.put(tx, []byte(key), t[:], at.Add(lockout), at)
	}})
	if err != nil {
		return fmt.Errorf("record failed login: %w", err)
	}
	return nil
}

// failedLoginSince reports whether key sent a wrong password after since
// (true when that cannot be read).
func (s *Store) failedLoginSince(key string, since, now time.Time) bool {
	after := false
	err := s.db.View(func(tx kv.Tx) error {
		t := timeKey(since)
		v := failedLogins.get(tx, []byte(key), now)
		after = len(v) == 8 && bytes.Compare(v, t[:]) > 0
		return nil
	})
	return after || err != nil // unreadable: the lock holds against every address
}

// dummyHash is a valid hash of a password nobody has, checked for unknown
// e-mails; it is computed on first use.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword(NewPassword())
	return h
})
