package pgkv

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Who uses the database: each server holds a session-level advisory lock
// (inUseLockKey) in shared mode on a connection of its own for as long as
// it runs; a tool that must have the database to itself (copying it away
// with mtaa migrate) takes the same lock in exclusive mode. PostgreSQL
// ends a session, and with it the lock, when its process dies, so there
// is no heartbeat to wait out after a crash.
const inUseLockKey int64 = 0x6d74616b7603

// ErrInUse is returned by Exclusive while a server holds the database in
// use, and by MarkInUse while a tool holds it to itself. The error is an
// *InUseError naming the sessions.
var ErrInUse = errors.New("pgkv: database in use")

// Holder is one session holding the database in use.
type Holder struct {
	// App is the session's application_name, e.g. "mtaa serve host/addr/pid".
	App string
	// Client is the client's address ("" for a Unix socket, or when the
	// role may not see it).
	Client string
	// Since is when the session started.
	Since time.Time
}

func (h Holder) String() string {
	s := h.App
	if s == "" {
		s = "a session"
	}
	if h.Client != "" {
		s += " from " + h.Client
	}
	if !h.Since.IsZero() {
		s += " since " + h.Since.UTC().Format(time.RFC3339)
	}
	return s
}

// InUseError is ErrInUse with the sessions that hold the lock.
type InUseError struct {
	Holders []Holder
}

func (e *InUseError) Error() string {
	if len(e.Holders) == 0 {
		return ErrInUse.Error()
	}
	names := make([]string, len(e.Holders))
	for i, h := range e.Holders {
		names[i] = h.String()
	}
	return fmt.Sprintf("%s: held by %s", ErrInUse, strings.Join(names, "; "))
}

// Is makes errors.Is(err, ErrInUse) hold.
func (e *InUseError) Is(target error) bool { return target == ErrInUse }

// holdersSQL lists the other sessions granted the in-use lock. A bigint
// advisory key shows in pg_locks as classid (high 32 bits), objid (low 32
// bits) and objsubid 1.
const holdersSQL = `SELECT coalesce(a.application_name, ''), coalesce(host(a.client_addr), ''), a.backend_start
	FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
	WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
	  AND l.classid::bigint = $1 AND l.objid::bigint = $2 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
	  AND l.pid <> pg_backend_pid()
	ORDER BY a.backend_start`

// holders returns the other sessions holding the in-use lock.
func holders(ctx context.Context, q interface {
	Query(context.Context, string, ...any) (pgx.Rows, error)
}) ([]Holder, error) {
	rows, err := q.Query(ctx, holdersSQL, inUseLockKey>>32, inUseLockKey&0xffffffff)
	if err != nil {
		return nil, err
	}
	var out []Holder
	var h Holder
	var since *time.Time
	_, err = pgx.ForEachRow(rows, []any{&h.App, &h.Client, &since}, func() error {
		if since != nil {
			h.Since = *since
		}
		out = append(out, h)
		h = Holder{}
		return nil
	})
	return out, err
}

// Exclusive takes the database to itself for a tool that must not run
// beside servers (mtaa migrate copying it): it holds the in-use lock in
// exclusive mode on a connection of its own until release is called. It
// does not wait: while a server holds the database in use it returns an
// *InUseError naming them. Servers starting meanwhile wait in MarkInUse.
func (db *DB) Exclusive(ctx context.Context, app string) (release func(), err error) {
	conn, err := db.connect(ctx, app)
	if err != nil {
		return nil, fmt.Errorf("pgkv: take the database: %w", err)
	}
	var got bool
	if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", inUseLockKey).Scan(&got); err != nil {
		conn.Close(context.Background())
		return nil, fmt.Errorf("pgkv: take the database: %w", err)
	}
	if !got {
		hs, err := holders(ctx, conn)
		conn.Close(context.Background())
		if err != nil {
			return nil, fmt.Errorf("pgkv: take the database: %w: %w", ErrInUse, err)
		}
		return nil, &InUseError{Holders: hs}
	}
	return func() { unlockClose(conn, "SELECT pg_advisory_unlock($1)") }, nil
}

// unlockClose frees the in-use lock with unlock, then closes the
// connection. Closing alone frees it too, but once the server has ended
// the session, after Close returns: unlocking first means that the
// database is free when the caller goes on.
func unlockClose(conn *pgx.Conn, unlock string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn.Exec(ctx, unlock, inUseLockKey) // an error: the session is gone, and its lock with it
	conn.Close(ctx)
}

// connect opens a connection of its own (not the pool's) named app in
// pg_stat_activity.
func (db *DB) connect(ctx context.Context, app string) (*pgx.Conn, error) {
	cfg := db.pool.Config().ConnConfig.Copy()
	if app != "" {
		cfg.RuntimeParams["application_name"] = app
	}
	return pgx.ConnectConfig(ctx, cfg)
}

// inUseCheck is how often MarkInUse checks that its connection is alive.
const inUseCheck = 10 * time.Second

// MarkInUse marks the database in use by this process (a server) until
// ctx ends or stop is called: it holds the in-use lock in shared mode, on
// a connection of its own named app, so that Exclusive fails while it
// runs. It returns once the lock is held; while a tool holds the database
// exclusively it waits, calling waiting (if set) with that *InUseError
// once. When the connection drops, it connects again in the background
// and tells onErr (if set).
func (db *DB) MarkInUse(ctx context.Context, app string, waiting, onErr func(error)) (stop func(), err error) {
	hold := func(ctx context.Context) (*pgx.Conn, error) {
		told := false
		for {
			conn, err := db.connect(ctx, app)
			if err != nil {
				return nil, err
			}
			var got bool
			if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock_shared($1)", inUseLockKey).Scan(&got); err != nil {
				conn.Close(context.Background())
				return nil, err
			}
			if got {
				return conn, nil
			}
			if !told && waiting != nil {
				hs, _ := holders(ctx, conn)
				waiting(&InUseError{Holders: hs})
				told = true
			}
			conn.Close(context.Background())
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-time.After(time.Second):
			}
		}
	}
	conn, err := hold(ctx)
	if err != nil {
		return nil, fmt.Errorf("pgkv: mark the database in use: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() { unlockClose(conn, "SELECT pg_advisory_unlock_shared($1)") }()
		t := time.NewTicker(inUseCheck)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			if err := conn.Ping(ctx); err == nil || ctx.Err() != nil {
				continue
			} else if onErr != nil {
				onErr(fmt.Errorf("pgkv: the connection marking the database in use: %w", err))
			}
			conn.Close(context.Background())
			for ctx.Err() == nil {
				c, err := hold(ctx)
				if err == nil {
					conn = c
					break
				}
				if onErr != nil && ctx.Err() == nil {
					onErr(fmt.Errorf("pgkv: marking the database in use again: %w", err))
				}
				select {
				case <-ctx.Done():
				case <-time.After(inUseCheck):
				}
			}
		}
	}()
	return func() { cancel(); <-done }, nil
}
