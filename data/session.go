package data

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
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
	err = s.w.submit(&writeOp{apply: func(tx *bolt.Tx) error {
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

// sweepSessions deletes expired sessions from b.
func sweepSessions(b *bolt.Bucket, now time.Time) error {
	var dead [][]byte
	err := b.ForEach(func(k, v []byte) error {
		var s Session
		if json.Unmarshal(v, &s) != nil || !now.Before(s.ExpiresAt) {
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
	err := s.db.View(func(tx *bolt.Tx) error {
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
	err := s.w.submit(&writeOp{apply: func(tx *bolt.Tx) error {
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
