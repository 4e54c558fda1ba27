package data

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// bucketSessions holds browser sessions by the SHA-256 of their id; the id
// itself lives only in the browser's cookie. Created on first use.
var bucketSessions = []byte("sessions")

// Session is a logged-in browser. CSRF is the synchronizer token the
// browser must echo in a header on every unsafe request.
type Session struct {
	UserID    uint64    `json:"user_id"`
	CSRF      string    `json:"csrf"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// CreateSession starts a session for account userID lasting ttl from now.
// It returns the session id (the cookie value, 256 random bits) and the
// session. Expired sessions are swept at the same time.
func (s *Store) CreateSession(ctx context.Context, userID uint64, now time.Time, ttl time.Duration) (string, Session, error) {
	if err := ctx.Err(); err != nil {
		return "", Session{}, err
	}
	secret := newSecret(32)
	sess := Session{UserID: userID, CSRF: newSecret(32), CreatedAt: now.UTC(), ExpiresAt: now.Add(ttl).UTC()}
	v, err := json.Marshal(sess)
	if err != nil {
		return "", Session{}, err
	}
	err = s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketSessions)
		if err != nil {
			return err
		}
		if err := sweepSessions(b, now); err != nil {
			return err
		}
		return b.Put(hashSecret(secret), v)
	}})
	if err != nil {
		return "", Session{}, fmt.Errorf("create session: %w", err)
	}
	return secret, sess, nil
}

// sweepSessions deletes expired (and unreadable) sessions from b.
func sweepSessions(b kv.Bucket, now time.Time) error {
	return deleteSessions(b, func(_ []byte, s *Session) bool { return s == nil || !now.Before(s.ExpiresAt) })
}

// deleteSessions deletes the sessions of b for which doomed is true; an
// unreadable session is passed as nil.
func deleteSessions(b kv.Bucket, doomed func(key []byte, s *Session) bool) error {
	var dead [][]byte
	err := b.ForEach(func(k, v []byte) error {
		var s Session
		sp := &s
		if json.Unmarshal(v, &s) != nil {
			sp = nil
		}
		if doomed(k, sp) {
			dead = append(dead, append([]byte(nil), k...))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range dead {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// SessionUser returns the account and session of a session id at now.
// Unknown and expired sessions and disabled accounts give
// ErrBadCredentials.
func (s *Store) SessionUser(secret string, now time.Time) (User, Session, error) {
	var u User
	var sess Session
	err := s.db.View(func(tx kv.Tx) error {
		b := tx.Bucket(bucketSessions)
		if b == nil || secret == "" {
			return ErrBadCredentials
		}
		v := b.Get(hashSecret(secret))
		if v == nil {
			return ErrBadCredentials
		}
		if err := json.Unmarshal(v, &sess); err != nil {
			return fmt.Errorf("%w: session: %w", ErrCorrupt, err)
		}
		if !now.Before(sess.ExpiresAt) {
			return ErrBadCredentials
		}
		var err error
		if u, err = getUser(tx, sess.UserID); err != nil || u.Disabled {
			return ErrBadCredentials
		}
		return nil
	})
	if err != nil {
		return User{}, Session{}, err
	}
	return u, sess, nil
}

// DeleteSession ends a session (logout). An unknown id is not an error.
func (s *Store) DeleteSession(ctx context.Context, secret string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		b := tx.Bucket(bucketSessions)
		if b == nil {
			return nil
		}
		return b.Delete(hashSecret(secret))
	}})
	if err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}

// SetPassword gives the account with the given e-mail a new password hash
// and ends its sessions but the one whose id is keep (empty: all of them),
// with an audit entry (ActionUserPassword), in one transaction. reset
// marks a one-time password handed out by an administrator: the owner has
// not chosen it (PasswordChangedAt becomes zero, PasswordResetAt at) and a
// lockout from wrong guesses is lifted. Otherwise the owner chose it
// (PasswordChangedAt at).
func (s *Store) SetPassword(ctx context.Context, email, hash string, reset bool, keep string, actor Actor, at time.Time) (User, error) {
	if err := ctx.Err(); err != nil {
		return User{}, err
	}
	if hash == "" {
		return User{}, errors.New("set password: empty hash")
	}
	var out User
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		var err error
		out, err = updateUserTx(tx, email, actor, ActionUserPassword, at, func(u *User) error {
			u.PasswordHash = hash
			if reset {
				u.PasswordChangedAt, u.PasswordResetAt = time.Time{}, at.UTC()
				u.FailedLogins, u.LockedUntil = 0, time.Time{}
			} else {
				u.PasswordChangedAt = at.UTC()
			}
			return nil
		})
		if err != nil {
			return err
		}
		var keepKey []byte
		if keep != "" {
			keepKey = hashSecret(keep)
		}
		return endSessions(tx, out.ID, keepKey)
	}})
	if err != nil {
		return User{}, fmt.Errorf("set password of %s: %w", email, err)
	}
	return out, nil
}

// endSessions deletes the sessions of account userID (and unreadable
// ones), but the one stored under keep.
func endSessions(tx kv.Tx, userID uint64, keep []byte) error {
	b := tx.Bucket(bucketSessions)
	if b == nil {
		return nil
	}
	return deleteSessions(b, func(k []byte, s *Session) bool {
		return (s == nil || s.UserID == userID) && !bytes.Equal(k, keep)
	})
}
