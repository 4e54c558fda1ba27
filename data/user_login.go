package data

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
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

// Authenticate checks an e-mail and password at time now. It returns the
// account, ErrBadCredentials (unknown e-mail, wrong password, disabled
// account) or ErrAccountLocked. Each wrong password is counted; the
// MaxFailures-th locks the account for Lockout. A right password while
// unlocked resets the count.
func (s *Store) Authenticate(ctx context.Context, email, password string, now time.Time, policy LoginPolicy) (User, error) {
	policy = policy.withDefaults()
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
	if now.Before(u.LockedUntil) {
		return User{}, ErrAccountLocked
	}
	ok := CheckPassword(u.PasswordHash, password)
	locked := false
	u, err = s.UpdateUser(ctx, email, Actor{}, "", now, func(u *User) error {
		if !ok {
			u.FailedLogins++
			if u.FailedLogins >= policy.MaxFailures {
				u.LockedUntil, u.FailedLogins, locked = now.Add(policy.Lockout), 0, true
			}
			return nil
		}
		u.FailedLogins, u.LockedUntil, u.LastLoginAt = 0, time.Time{}, now
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
	return u, nil
}

// dummyHash is a valid hash of a password nobody has, checked for unknown
// e-mails; it is computed on first use.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword(NewPassword())
	return h
})
