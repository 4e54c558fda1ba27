package data

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// bucketTokens holds API tokens by the SHA-256 of their secret; the
// secret itself is never stored. Created on first use.
var bucketTokens = []byte("tokens")

// TokenPrefix starts every API token, so that a leaked one is easy to
// recognise (secret scanners, logs).
const TokenPrefix = "mtaa_"

// APIToken is a revocable credential of one account for programs (QGIS,
// scripts, Open311 clients). Its Scope caps the account's role: a viewer
// token of a moderator can only read.
type APIToken struct {
	// ID names the token in listings and for revocation; it is not secret.
	ID        string    `json:"id"`
	UserID    uint64    `json:"user_id"`
	Scope     Role      `json:"scope"`
	Label     string    `json:"label,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	RevokedAt time.Time `json:"revoked_at,omitzero"`
}

// Revoked reports whether the token was revoked.
func (t *APIToken) Revoked() bool { return !t.RevokedAt.IsZero() }

// hashSecret is the key a token or session secret is stored under: its
// SHA-256. The secrets carry 256 random bits, so a plain hash is enough
// (no salt or slow hash: nothing to brute-force).
func hashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// CreateToken issues a new API token for the account with the given
// e-mail. scope caps the role it grants: empty means the account's own
// role, and a scope above the account's role is refused. It returns the
// secret, shown once, and the stored token.
func (s *Store) CreateToken(ctx context.Context, email string, scope Role, label string, actor Actor, now time.Time) (string, APIToken, error) {
	if err := ctx.Err(); err != nil {
		return "", APIToken{}, err
	}
	secret := TokenPrefix + newSecret(32)
	tok := APIToken{ID: "tok_" + hex.EncodeToString(hashSecret(secret)[:6]), Scope: scope, Label: label, CreatedAt: now.UTC()}
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		id, err := userIDByEmail(tx, email)
		if err != nil {
			return err
		}
		u, err := getUser(tx, id)
		if err != nil {
			return err
		}
		t := tok
		t.UserID = u.ID
		if t.Scope == "" {
			t.Scope = u.Role
		}
		if !t.Scope.Valid() {
			return invalid("scope", "unknown scope %q; want viewer, mapper, moderator or admin", t.Scope)
		}
		if !u.Role.AtLeast(t.Scope) {
			return invalid("scope", "a %s cannot hold a %s token", u.Role, t.Scope)
		}
		b, err := tx.CreateBucketIfNotExists(bucketTokens)
		if err != nil {
			return err
		}
		v, err := json.Marshal(t)
		if err != nil {
			return err
		}
		if err := b.Put(hashSecret(secret), v); err != nil {
			return err
		}
		tok = t
		return appendAudit(tx, AuditEntry{At: now, Actor: actor, Action: ActionTokenCreate, UserID: u.ID,
			After: mustJSON(map[string]any{"token_id": t.ID, "scope": t.Scope, "label": t.Label})})
	}})
	if err != nil {
		return "", APIToken{}, fmt.Errorf("create token for %s: %w", email, err)
	}
	return secret, tok, nil
}

// TokenUser returns the account and token of an API token secret.
// Unknown and revoked tokens and disabled accounts give ErrBadCredentials.
func (s *Store) TokenUser(secret string) (User, APIToken, error) {
	if !strings.HasPrefix(secret, TokenPrefix) {
		return User{}, APIToken{}, ErrBadCredentials
	}
	var u User
	var t APIToken
	err := s.db.View(func(tx kv.Tx) error {
		b := tx.Bucket(bucketTokens)
		if b == nil {
			return ErrBadCredentials
		}
		v := b.Get(hashSecret(secret))
		if v == nil {
			return ErrBadCredentials
		}
		if err := json.Unmarshal(v, &t); err != nil {
			return fmt.Errorf("%w: token: %w", ErrCorrupt, err)
		}
		if t.Revoked() {
			return ErrBadCredentials
		}
		var err error
		if u, err = getUser(tx, t.UserID); err != nil {
			return ErrBadCredentials
		}
		if u.Disabled {
			return ErrBadCredentials
		}
		return nil
	})
	if err != nil {
		return User{}, APIToken{}, err
	}
	return u, t, nil
}

// Tokens returns every API token (revoked ones included), oldest first.
func (s *Store) Tokens() ([]APIToken, error) {
	var out []APIToken
	err := s.db.View(func(tx kv.Tx) error {
		b := tx.Bucket(bucketTokens)
		if b == nil {
			return nil
		}
		return b.ForEach(func(_, v []byte) error {
			var t APIToken
			if err := json.Unmarshal(v, &t); err != nil {
				return fmt.Errorf("%w: token: %w", ErrCorrupt, err)
			}
			out = append(out, t)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	sortTokens(out)
	return out, nil
}

// RevokeToken revokes the token with the given id (APIToken.ID) at now.
// Revoking twice is harmless; an unknown id gives ErrNotFound.
func (s *Store) RevokeToken(ctx context.Context, id string, actor Actor, now time.Time) (APIToken, error) {
	if err := ctx.Err(); err != nil {
		return APIToken{}, err
	}
	var out APIToken
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		b := tx.Bucket(bucketTokens)
		if b == nil {
			return ErrNotFound
		}
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var t APIToken
			if err := json.Unmarshal(v, &t); err != nil {
				return fmt.Errorf("%w: token: %w", ErrCorrupt, err)
			}
			if t.ID != id {
				continue
			}
			out = t
			if t.Revoked() {
				return nil
			}
			t.RevokedAt = now.UTC()
			nv, err := json.Marshal(t)
			if err != nil {
				return err
			}
			if err := b.Put(k, nv); err != nil {
				return err
			}
			out = t
			return appendAudit(tx, AuditEntry{At: now, Actor: actor, Action: ActionTokenRevoke, UserID: t.UserID,
				Before: mustJSON(map[string]any{"token_id": t.ID, "revoked": false}),
				After:  mustJSON(map[string]any{"token_id": t.ID, "revoked": true})})
		}
		return ErrNotFound
	}})
	if err != nil {
		return APIToken{}, fmt.Errorf("revoke token %s: %w", id, err)
	}
	return out, nil
}
