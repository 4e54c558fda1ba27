package data

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data/kv"
)

// Buckets of task squares, created on first use.
var (
	bucketTasks     = []byte("tasks")      // idKey -> JSON taskRecord
	bucketTaskLocks = []byte("task_locks") // user id -> idKey of the task the user locked last
)

// TaskState is where a task square stands.
type TaskState string

// The task states: a square starts ready; a mapper locks it, maps it and
// marks it mapped; another mapper validates it or invalidates it (with a
// comment), after which it can be locked and mapped again.
const (
	TaskReady       TaskState = "ready"
	TaskLocked      TaskState = "locked"
	TaskMapped      TaskState = "mapped"
	TaskValidated   TaskState = "validated"
	TaskInvalidated TaskState = "invalidated"
)

// TaskStates lists every task state.
var TaskStates = []TaskState{TaskReady, TaskLocked, TaskMapped, TaskValidated, TaskInvalidated}

// Valid reports whether s is one of TaskStates.
func (s TaskState) Valid() bool { return indexOf(TaskStates, s) >= 0 }

// TaskAction is a change a mapper makes to a task square.
type TaskAction string

// The task actions, as in POST /api/v1/tasks/{id}/{action}.
const (
	TaskLock       TaskAction = "lock"
	TaskUnlock     TaskAction = "unlock"
	TaskMarkMapped TaskAction = "mapped"
	TaskValidate   TaskAction = "validate"
	TaskInvalidate TaskAction = "invalidate"
)

// TaskActions lists every task action.
var TaskActions = []TaskAction{TaskLock, TaskUnlock, TaskMarkMapped, TaskValidate, TaskInvalidate}

// MaxTaskCommentRunes bounds a validator's comment.
const MaxTaskCommentRunes = 1000

// Task is one square of a campaign.
//
// LockedBy, MappedBy and ValidatedBy are account ids (User.ID), and
// Comment is a validator's note to the mapper: for mappers and staff,
// never in public output.
type Task struct {
	ID, CampaignID uint64
	// Number is the square's number within its campaign, from 1.
	Number int
	// Geometry is the square clipped to the campaign's area: a Polygon or
	// MultiPolygon.
	Geometry orb.Geometry
	// State is the stored state; StateAt tells the state at a moment (a
	// lock runs out).
	State TaskState
	// Before is the state a lock returns to when it is released or runs
	// out: ready or invalidated.
	Before      TaskState
	LockedBy    uint64
	LockedUntil time.Time
	MappedBy    uint64
	ValidatedBy uint64
	Comment     string
	UpdatedAt   time.Time
}

// StateAt is the task's state at now: a lock that has run out is the state
// before it.
func (t *Task) StateAt(now time.Time) TaskState {
	if t.State == TaskLocked && !now.Before(t.LockedUntil) {
		return t.before()
	}
	return t.State
}

func (t *Task) before() TaskState {
	if t.Before == "" {
		return TaskReady
	}
	return t.Before
}

// LockedByAt reports whether user holds a lock on t that has not run out
// at now.
func (t *Task) LockedByAt(user uint64, now time.Time) bool {
	return t.State == TaskLocked && t.LockedBy == user && now.Before(t.LockedUntil)
}

// Feature returns the task's public GeoJSON Feature: id, geometry and the
// properties campaign, number, state (at now), locked_until (while
// locked) and updated_at. Who locked, mapped or validated it, and the
// validator's comment, are left out.
func (t *Task) Feature(now time.Time) *geojson.Feature {
	f := geojson.NewFeature(t.Geometry)
	f.ID = t.ID
	st := t.StateAt(now)
	f.Properties["campaign"] = t.CampaignID
	f.Properties["number"] = t.Number
	f.Properties["state"] = string(st)
	if st == TaskLocked {
		f.Properties["locked_until"] = FormatTime(t.LockedUntil)
	}
	f.Properties["updated_at"] = FormatTime(t.UpdatedAt)
	return f
}

// taskRecord is a task as stored: JSON with the geometry as GeoJSON.
type taskRecord struct {
	ID          uint64            `json:"id"`
	CampaignID  uint64            `json:"campaign"`
	Number      int               `json:"number"`
	Geometry    *geojson.Geometry `json:"geometry"`
	State       TaskState         `json:"state"`
	Before      TaskState         `json:"before,omitempty"`
	LockedBy    uint64            `json:"locked_by,omitempty"`
	LockedUntil time.Time         `json:"locked_until,omitzero"`
	MappedBy    uint64            `json:"mapped_by,omitempty"`
	ValidatedBy uint64            `json:"validated_by,omitempty"`
	Comment     string            `json:"comment,omitempty"`
	UpdatedAt   time.Time         `json:"updated_at"`
}

func putTask(b kv.Bucket, t *Task) error {
	v, err := json.Marshal(taskRecord{ID: t.ID, CampaignID: t.CampaignID, Number: t.Number, Geometry: geojson.NewGeometry(t.Geometry),
		State: t.State, Before: t.Before, LockedBy: t.LockedBy, LockedUntil: t.LockedUntil.UTC(), MappedBy: t.MappedBy,
		ValidatedBy: t.ValidatedBy, Comment: t.Comment, UpdatedAt: t.UpdatedAt.UTC()})
	if err != nil {
		return fmt.Errorf("encode task %d: %w", t.ID, err)
	}
	return b.Put(idKey(t.ID), v)
}

func decodeTask(k, v []byte) (Task, error) {
	if v == nil {
		return Task{}, ErrNotFound
	}
	var r taskRecord
	if err := json.Unmarshal(v, &r); err != nil {
		return Task{}, fmt.Errorf("%w: task %x: %w", ErrCorrupt, k, err)
	}
	t := Task{ID: r.ID, CampaignID: r.CampaignID, Number: r.Number, State: r.State, Before: r.Before, LockedBy: r.LockedBy,
		LockedUntil: r.LockedUntil, MappedBy: r.MappedBy, ValidatedBy: r.ValidatedBy, Comment: r.Comment, UpdatedAt: r.UpdatedAt}
	if r.Geometry != nil {
		t.Geometry = r.Geometry.Geometry()
	}
	return t, nil
}

// Task returns the task square with the given id.
func (s *Store) Task(id uint64) (Task, error) {
	t, err := getDecoded(s.db, bucketTasks, id, decodeTask)
	if err != nil {
		return Task{}, fmt.Errorf("get task %d: %w", id, err)
	}
	return t, nil
}

// EachTask calls fn with the tasks of campaign c in number order until fn
// returns false.
func (s *Store) EachTask(c Campaign, fn func(Task) bool) error {
	err := s.db.View(func(tx kv.Tx) error {
		b := tx.Bucket(bucketTasks)
		if b == nil || c.Tasks == 0 {
			return nil
		}
		last := c.FirstTask + uint64(c.Tasks) - 1
		cur := b.Cursor()
		for k, v := cur.Seek(idKey(c.FirstTask)); k != nil; k, v = cur.Next() {
			t, err := decodeTask(k, v)
			if err != nil {
				return err
			}
			if t.ID > last {
				return nil
			}
			if !fn(t) {
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("tasks of campaign %d: %w", c.ID, err)
	}
	return nil
}

// LockedTask returns the task user holds a lock on at now; found is false
// when there is none (or the lock ran out).
func (s *Store) LockedTask(user uint64, now time.Time) (t Task, found bool, err error) {
	err = s.db.View(func(tx kv.Tx) error {
		locks, b := tx.Bucket(bucketTaskLocks), tx.Bucket(bucketTasks)
		if locks == nil || b == nil {
			return nil
		}
		k := locks.Get(idKey(user))
		if k == nil {
			return nil
		}
		var err error
		if t, err = decodeTask(k, b.Get(k)); err != nil {
			return err
		}
		found = t.LockedByAt(user, now)
		return nil
	})
	if err != nil {
		return Task{}, false, fmt.Errorf("locked task of user %d: %w", user, err)
	}
	return t, found, nil
}

// TaskConflictError is a task action that the square's state does not
// allow: taken by someone else, not mapped yet, your own work. It wraps
// ErrConflict.
type TaskConflictError struct {
	// Code is stable on the wire: locked, wrong_state, own_task,
	// holds_other, not_yours.
	Code    string
	Message string
}

func (e *TaskConflictError) Error() string { return "task conflict: " + e.Code + ": " + e.Message }

// Unwrap makes errors.Is(err, ErrConflict) true.
func (e *TaskConflictError) Unwrap() error { return ErrConflict }

// TaskChange is one action on a task square.
type TaskChange struct {
	Action TaskAction
	// Actor is who acts; Actor.UserID must be an account (locks and
	// validations belong to people).
	Actor Actor
	// Moderator may release another mapper's lock.
	Moderator bool
	At        time.Time
	// LockFor is how long a lock lasts (lock only).
	LockFor time.Duration
	// Comment is required to invalidate: what the mapper should fix.
	Comment string
}

// ActionTask is the audit action of a task change: "task.lock", ….
func ActionTask(a TaskAction) string { return "task." + string(a) }

// taskAudit is a task's state as the audit log records it.
func taskAudit(t *Task) json.RawMessage {
	m := map[string]any{"state": t.State, "number": t.Number}
	if t.State == TaskLocked {
		m["locked_by"] = t.LockedBy
		m["locked_until"] = FormatTime(t.LockedUntil)
	}
	if t.MappedBy != 0 {
		m["mapped_by"] = t.MappedBy
	}
	if t.ValidatedBy != 0 {
		m["validated_by"] = t.ValidatedBy
	}
	if t.Comment != "" {
		m["comment"] = t.Comment
	}
	return mustJSON(m)
}

// ChangeTask applies one action to a task square and appends its audit
// entry, in one transaction; it returns the task as stored. The checks run
// inside the write, so of two mappers racing for a square exactly one gets
// the lock. A lock fails while the user holds another square; mapped
// needs the user's lock (one that ran out still counts while nobody else
// took the square); validate and invalidate need a mapped (or, to
// invalidate, validated) square mapped by someone else. A refused action
// is a *TaskConflictError (or a *ValidationError for a bad comment) and
// writes nothing.
func (s *Store) ChangeTask(ctx context.Context, id uint64, ch TaskChange) (Task, error) {
	if err := ctx.Err(); err != nil {
		return Task{}, err
	}
	if indexOf(TaskActions, ch.Action) < 0 {
		return Task{}, invalid("action", "unknown task action %q", ch.Action)
	}
	if ch.Actor.UserID == 0 {
		return Task{}, &TaskConflictError{Code: "no_account", Message: "task squares are taken by accounts: sign in as a mapper"}
	}
	ch.Comment = strings.TrimSpace(ch.Comment)
	switch {
	case !utf8.ValidString(ch.Comment) || utf8.RuneCountInString(ch.Comment) > MaxTaskCommentRunes:
		return Task{}, &ValidationError{Code: CodeTooLarge, Field: "comment", Message: fmt.Sprintf("the comment is at most %d characters of UTF-8 text", MaxTaskCommentRunes)}
	case ch.Action == TaskInvalidate && ch.Comment == "":
		return Task{}, &ValidationError{Code: CodeMissing, Field: "comment", Message: "say what the mapper should fix: a comment is required to invalidate a square"}
	case ch.Action == TaskLock && ch.LockFor <= 0:
		return Task{}, invalid("lock_for", "a lock needs a positive duration")
	}
	if ch.At.IsZero() {
		ch.At = time.Now()
	}
	var out Task
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketTasks)
		if err != nil {
			return err
		}
		locks, err := tx.CreateBucketIfNotExists(bucketTaskLocks)
		if err != nil {
			return err
		}
		cur, err := decodeTask(idKey(id), b.Get(idKey(id)))
		if err != nil {
			return err
		}
		next, err := applyTaskChange(cur, &ch, func() (Task, bool, error) {
			k := locks.Get(idKey(ch.Actor.UserID))
			if k == nil {
				return Task{}, false, nil
			}
			t, err := decodeTask(k, b.Get(k))
			if err != nil {
				return Task{}, false, err
			}
			return t, t.LockedByAt(ch.Actor.UserID, ch.At), nil
		})
		if err != nil {
			return err
		}
		// The lock index: a lock points the user at the square; handing
		// it back or in removes the pointer.
		switch {
		case next.State == TaskLocked:
			err = locks.Put(idKey(next.LockedBy), idKey(id))
		case cur.State == TaskLocked:
			if k := locks.Get(idKey(cur.LockedBy)); k != nil && string(k) == string(idKey(id)) {
				err = locks.Delete(idKey(cur.LockedBy))
			}
		}
		if err != nil {
			return err
		}
		if err := putTask(b, &next); err != nil {
			return err
		}
		out = next
		return appendAudit(tx, AuditEntry{At: ch.At, Actor: ch.Actor, Action: ActionTask(ch.Action), CampaignID: cur.CampaignID,
			TaskID: id, Before: taskAudit(&cur), After: taskAudit(&next), Note: ch.Comment})
	}})
	if err != nil {
		return Task{}, fmt.Errorf("%s task %d: %w", ch.Action, id, err)
	}
	return out, nil
}

// applyTaskChange is the task workflow: it returns the task after ch or a
// *TaskConflictError. held returns the square the actor holds a live lock
// on, if any.
func applyTaskChange(t Task, ch *TaskChange, held func() (Task, bool, error)) (Task, error) {
	user := ch.Actor.UserID
	state := t.StateAt(ch.At)
	square := "square " + strconv.Itoa(t.Number)
	next := t
	next.UpdatedAt = ch.At.UTC()
	switch ch.Action {
	case TaskLock:
		if state == TaskLocked && t.LockedBy != user {
			return t, &TaskConflictError{Code: "locked", Message: square + " is locked by another mapper until " + FormatTime(t.LockedUntil)}
		}
		if state != TaskLocked && state != TaskReady && state != TaskInvalidated {
			return t, &TaskConflictError{Code: "wrong_state", Message: square + " is " + string(state) + "; only ready or invalidated squares can be locked"}
		}
		other, ok, err := held()
		if err != nil {
			return t, err
		}
		if ok && other.ID != t.ID {
			return t, &TaskConflictError{Code: "holds_other", Message: fmt.Sprintf("you hold square %d of campaign %d (task %d): mark it mapped or unlock it first", other.Number, other.CampaignID, other.ID)}
		}
		if state != TaskLocked {
			next.Before = state
		}
		next.State, next.LockedBy, next.LockedUntil = TaskLocked, user, ch.At.Add(ch.LockFor).UTC()
	case TaskUnlock:
		if t.State != TaskLocked || (t.LockedBy != user && !ch.Moderator) {
			return t, &TaskConflictError{Code: "not_yours", Message: square + " is not locked by you"}
		}
		next.State, next.Before, next.LockedBy, next.LockedUntil = t.before(), "", 0, time.Time{}
	case TaskMarkMapped:
		// A lock that ran out is still the mapper's while nobody else took
		// the square: a phone that was offline can hand it in.
		if t.State != TaskLocked || t.LockedBy != user {
			return t, &TaskConflictError{Code: "not_yours", Message: square + " is not locked by you: lock it before marking it mapped"}
		}
		next.State, next.Before, next.LockedBy, next.LockedUntil = TaskMapped, "", 0, time.Time{}
		next.MappedBy, next.ValidatedBy, next.Comment = user, 0, ""
	case TaskValidate, TaskInvalidate:
		ok := state == TaskMapped || (ch.Action == TaskInvalidate && state == TaskValidated)
		if !ok {
			return t, &TaskConflictError{Code: "wrong_state", Message: square + " is " + string(state) + "; only mapped squares can be validated or invalidated"}
		}
		if t.MappedBy == user {
			return t, &TaskConflictError{Code: "own_task", Message: "you mapped " + square + ": another mapper validates it"}
		}
		if ch.Action == TaskValidate {
			next.State, next.ValidatedBy = TaskValidated, user
		} else {
			next.State, next.ValidatedBy, next.Comment = TaskInvalidated, 0, ch.Comment
		}
	}
	return next, nil
}
