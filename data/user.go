package data

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mtaa-project/mtaa/data/kv"
)

// Buckets of accounts, created on first use.
var (
	bucketUsers       = []byte("users")          // id -> User (JSON)
	bucketUserByEmail = []byte("users_by_email") // lower-case e-mail -> id
)

// Role is what an account may do. Roles are ordered: each includes the
// rights of those below it.
type Role string

// The roles, from least to most trusted. RolePublic is the anonymous
// visitor; it is never stored on an account.
const (
	RolePublic    Role = "public"
	RoleViewer    Role = "viewer"
	RoleMapper    Role = "mapper"
	RoleModerator Role = "moderator"
	RoleAdmin     Role = "admin"
)

// Roles lists every role in increasing order of trust.
var Roles = []Role{RolePublic, RoleViewer, RoleMapper, RoleModerator, RoleAdmin}

// AccountRoles lists the roles an account can have.
var AccountRoles = Roles[1:]

// Rank orders roles: a higher rank includes the rights of every lower one.
// An unknown role ranks below RolePublic (-1).
func (r Role) Rank() int { return indexOf(Roles, r) }

// Valid reports whether r is a role an account can have.
func (r Role) Valid() bool { return indexOf(AccountRoles, r) >= 0 }

// AtLeast reports whether r includes the rights of min.
func (r Role) AtLeast(min Role) bool { return r.Rank() >= min.Rank() && r.Rank() >= 0 }

// User is an account: a member of city or civil-defence staff, a mapper,
// or a partner organisation's viewer.
type User struct {
	ID           uint64    `json:"id"`
	Name         string    `json:"name"`
	Email        string    `json:"email"`
	Role         Role      `json:"role"`
	PasswordHash string    `json:"password_hash"`
	Disabled     bool      `json:"disabled"`
	CreatedAt    time.Time `json:"created_at"`
	// FailedLogins counts wrong passwords since the last successful login;
	// LockedUntil, when in the future, refuses every login.
	FailedLogins int       `json:"failed_logins"`
	LockedUntil  time.Time `json:"locked_until,omitzero"`
	LastLoginAt  time.Time `json:"last_login_at,omitzero"`
	// PasswordChangedAt is when the account's owner last set a password;
	// zero while the one-time password from user add is in use.
	PasswordChangedAt time.Time `json:"password_changed_at,omitzero"`
	// PasswordResetAt is when an administrator last gave the account a new
	// one-time password (mtaa user reset-password).
	PasswordResetAt time.Time `json:"password_reset_at,omitzero"`
}

// Limits on account fields.
const (
	MaxUserNameRunes = 200
	MaxEmailBytes    = 254
)

// NormalizeEmail is the form e-mail addresses are compared in: trimmed and
// lower-cased.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// validate checks the fields a caller sets when adding an account.
func (u *User) validate() error {
	if !u.Role.Valid() {
		return invalid("role", "unknown role %q; want viewer, mapper, moderator or admin", u.Role)
	}
	name := strings.TrimSpace(u.Name)
	if name == "" {
		return &ValidationError{Code: CodeMissing, Field: "name", Message: "a name is required"}
	}
	if !utf8.ValidString(name) || utf8.RuneCountInString(name) > MaxUserNameRunes {
		return invalid("name", "must be at most %d characters of UTF-8", MaxUserNameRunes)
	}
	addr, err := mail.ParseAddress(u.Email)
	if err != nil || addr.Address != strings.TrimSpace(u.Email) || len(u.Email) > MaxEmailBytes {
		return invalid("email", "%q is not a plain e-mail address", u.Email)
	}
	if u.PasswordHash == "" {
		return &ValidationError{Code: CodeMissing, Field: "password", Message: "a password hash is required"}
	}
	return nil
}

// CreateUser stores a new account and assigns its id. u.PasswordHash must
// come from HashPassword. An e-mail already in use is refused with
// ErrExists; a bad field with a *ValidationError.
func (s *Store) CreateUser(ctx context.Context, u User, actor Actor) (User, error) {
	if err := ctx.Err(); err != nil {
		return User{}, err
	}
	u.Name, u.Email = strings.TrimSpace(u.Name), NormalizeEmail(u.Email)
	if err := u.validate(); err != nil {
		return User{}, err
	}
	created := u
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		users, byEmail, err := userBuckets(tx)
		if err != nil {
			return err
		}
		if byEmail.Get([]byte(u.Email)) != nil {
			return fmt.Errorf("e-mail %s: %w", u.Email, ErrExists)
		}
		id, err := users.NextSequence()
		if err != nil {
			return err
		}
		created = u
		created.ID = id
		if err := putUser(users, &created); err != nil {
			return err
		}
		if err := byEmail.Put([]byte(created.Email), idKey(id)); err != nil {
			return err
		}
		return appendAudit(tx, AuditEntry{At: created.CreatedAt, Actor: actor, Action: ActionUserCreate,
			UserID: id, After: mustJSON(publicUser(created))})
	}})
	if err != nil {
		return User{}, fmt.Errorf("create user %s: %w", u.Email, err)
	}
	return created, nil
}

func userBuckets(tx kv.Tx) (users, byEmail kv.Bucket, err error) {
	if users, err = tx.CreateBucketIfNotExists(bucketUsers); err != nil {
		return nil, nil, err
	}
	if byEmail, err = tx.CreateBucketIfNotExists(bucketUserByEmail); err != nil {
		return nil, nil, err
	}
	return users, byEmail, nil
}

func putUser(b kv.Bucket, u *User) error {
	v, err := json.Marshal(u)
	if err != nil {
		return err
	}
	return b.Put(idKey(u.ID), v)
}

func getUser(tx kv.Tx, id uint64) (User, error) {
	b := tx.Bucket(bucketUsers)
	if b == nil {
		return User{}, ErrNotFound
	}
	v := b.Get(idKey(id))
	if v == nil {
		return User{}, ErrNotFound
	}
	var u User
	if err := json.Unmarshal(v, &u); err != nil {
		return User{}, fmt.Errorf("%w: user %d: %w", ErrCorrupt, id, err)
	}
	return u, nil
}

func userIDByEmail(tx kv.Tx, email string) (uint64, error) {
	b := tx.Bucket(bucketUserByEmail)
	if b == nil {
		return 0, ErrNotFound
	}
	v := b.Get([]byte(NormalizeEmail(email)))
	if len(v) != 8 {
		return 0, ErrNotFound
	}
	return beUint64(v), nil
}

// User returns the account with the given id, or ErrNotFound.
func (s *Store) User(id uint64) (User, error) {
	var u User
	err := s.db.View(func(tx kv.Tx) (err error) {
		u, err = getUser(tx, id)
		return err
	})
	if err != nil {
		return User{}, fmt.Errorf("user %d: %w", id, err)
	}
	return u, nil
}

// UserByEmail returns the account with the given e-mail address (compared
// case-insensitively), or ErrNotFound.
func (s *Store) UserByEmail(email string) (User, error) {
	var u User
	err := s.db.View(func(tx kv.Tx) error {
		id, err := userIDByEmail(tx, email)
		if err != nil {
			return err
		}
		u, err = getUser(tx, id)
		return err
	})
	if err != nil {
		return User{}, fmt.Errorf("user %s: %w", email, err)
	}
	return u, nil
}

// Users returns every account in order of id.
func (s *Store) Users() ([]User, error) {
	var out []User
	err := s.db.View(func(tx kv.Tx) error {
		b := tx.Bucket(bucketUsers)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var u User
			if err := json.Unmarshal(v, &u); err != nil {
				return fmt.Errorf("%w: user %x: %w", ErrCorrupt, k, err)
			}
			out = append(out, u)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return out, nil
}

// UpdateUser applies change to the account with the given e-mail in one
// transaction, records an audit entry for action (unless action is empty:
// login bookkeeping is not audited) and returns the account as changed.
// change may return an error to write nothing.
func (s *Store) UpdateUser(ctx context.Context, email string, actor Actor, action string, at time.Time, change func(*User) error) (User, error) {
	if err := ctx.Err(); err != nil {
		return User{}, err
	}
	var out User
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		var err error
		out, err = updateUserTx(tx, email, actor, action, at, change)
		return err
	}})
	if err != nil {
		return User{}, fmt.Errorf("update user %s: %w", email, err)
	}
	return out, nil
}

// updateUserTx is UpdateUser inside tx.
func updateUserTx(tx kv.Tx, email string, actor Actor, action string, at time.Time, change func(*User) error) (User, error) {
	id, err := userIDByEmail(tx, email)
	if err != nil {
		return User{}, err
	}
	u, err := getUser(tx, id)
	if err != nil {
		return User{}, err
	}
	before := mustJSON(publicUser(u))
	if err := change(&u); err != nil {
		return User{}, err
	}
	u.ID, u.Email = id, NormalizeEmail(u.Email) // not changeable here
	if err := putUser(tx.Bucket(bucketUsers), &u); err != nil {
		return User{}, err
	}
	if action == "" {
		return u, nil
	}
	after := mustJSON(publicUser(u))
	if bytes.Equal(before, after) {
		return u, nil
	}
	return u, appendAudit(tx, AuditEntry{At: at, Actor: actor, Action: action, UserID: id, Before: before, After: after})
}

// publicUser is the part of an account the audit log records: never the
// password hash.
func publicUser(u User) map[string]any {
	return map[string]any{"id": u.ID, "name": u.Name, "email": u.Email, "role": u.Role, "disabled": u.Disabled,
		"password_changed_at": u.PasswordChangedAt, "password_reset_at": u.PasswordResetAt}
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic("data: marshal " + err.Error()) // only plain values are marshalled
	}
	return b
}
