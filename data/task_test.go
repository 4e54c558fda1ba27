package data_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
)

// square is a small counter-clockwise square with its south-west corner at
// (lon, lat).
func square(lon, lat float64) orb.Polygon {
	const d = 0.001
	return orb.Polygon{{{lon, lat}, {lon + d, lat}, {lon + d, lat + d}, {lon, lat + d}, {lon, lat}}}
}

// newCampaign stores a campaign of n squares.
func newCampaign(t *testing.T, s *data.Store, n int) data.Campaign {
	t.Helper()
	var squares []orb.Geometry
	for i := range n {
		squares = append(squares, square(39.25+float64(i)*0.001, -6.82))
	}
	area := orb.Polygon{{{39.25, -6.82}, {39.25 + float64(n)*0.001, -6.82}, {39.25 + float64(n)*0.001, -6.819}, {39.25, -6.819}, {39.25, -6.82}}}
	c, err := s.CreateCampaign(context.Background(), data.Campaign{Name: " Tandale ", Area: area, GridM: 110}, squares,
		data.Actor{UserID: 9, Name: "moderator"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var (
	amina    = data.Actor{UserID: 1, Name: "Amina"}
	baraka   = data.Actor{UserID: 2, Name: "Baraka"}
	chausiku = data.Actor{UserID: 3, Name: "Chausiku"}
)

func change(t *testing.T, s *data.Store, id uint64, ch data.TaskChange) (data.Task, error) {
	t.Helper()
	if ch.LockFor == 0 {
		ch.LockFor = time.Hour
	}
	return s.ChangeTask(context.Background(), id, ch)
}

func conflictCode(err error) string {
	var ce *data.TaskConflictError
	if errors.As(err, &ce) && errors.Is(err, data.ErrConflict) {
		return ce.Code
	}
	return ""
}

func TestCampaignCreateAndRead(t *testing.T) {
	s, _ := datatest.NewStore(t)
	c := newCampaign(t, s, 3)
	if c.ID != 1 || c.Name != "Tandale" || c.Tasks != 3 || c.FirstTask != 1 {
		t.Fatalf("campaign: %+v", c)
	}
	c2 := newCampaign(t, s, 2)
	if c2.FirstTask != 4 {
		t.Fatalf("second campaign's first task %d, want 4", c2.FirstTask)
	}
	got, err := s.Campaign(2)
	if err != nil || got.Tasks != 2 || got.GridM != 110 {
		t.Fatalf("Campaign(2) = %+v, %v", got, err)
	}
	var numbers []int
	if err := s.EachTask(got, func(tk data.Task) bool { numbers = append(numbers, tk.Number); return tk.CampaignID == 2 }); err != nil {
		t.Fatal(err)
	}
	if len(numbers) != 2 || numbers[0] != 1 || numbers[1] != 2 {
		t.Fatalf("tasks of campaign 2: %v", numbers)
	}
	if _, err := s.Campaign(3); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("Campaign(3): %v", err)
	}
	if _, err := s.CreateCampaign(context.Background(), data.Campaign{Name: "", Area: square(39, -6), GridM: 100}, []orb.Geometry{square(39, -6)}, amina); err == nil {
		t.Fatal("a campaign without a name was stored")
	}
	n := 0
	if err := s.EachCampaign(func(data.Campaign) bool { n++; return true }); err != nil || n != 2 {
		t.Fatalf("EachCampaign: %d, %v", n, err)
	}
}

// TestTaskLockRace: many mappers lock one square at once; exactly one
// gets it, and the rest are told it is locked.
func TestTaskLockRace(t *testing.T) {
	s, _ := datatest.NewStore(t)
	c := newCampaign(t, s, 2)
	const mappers = 16
	var wg sync.WaitGroup
	errs := make([]error, mappers)
	now := time.Now()
	for i := range mappers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.ChangeTask(context.Background(), c.FirstTask, data.TaskChange{Action: data.TaskLock,
				Actor: data.Actor{UserID: uint64(100 + i), Name: "mapper"}, At: now, LockFor: time.Hour})
		}()
	}
	wg.Wait()
	won := 0
	for i, err := range errs {
		switch {
		case err == nil:
			won++
		case conflictCode(err) != "locked":
			t.Errorf("mapper %d: %v, want a locked conflict", i, err)
		}
	}
	if won != 1 {
		t.Fatalf("%d mappers got the lock, want exactly 1", won)
	}
	tk, err := s.Task(c.FirstTask)
	if err != nil || tk.State != data.TaskLocked || tk.LockedBy < 100 {
		t.Fatalf("task after the race: %+v, %v", tk, err)
	}
	// One lock, one audit entry.
	locks := 0
	if err := s.EachAudit(0, func(e data.AuditEntry) bool {
		if e.Action == "task.lock" {
			locks++
		}
		return true
	}); err != nil || locks != 1 {
		t.Fatalf("%d lock audit entries (%v), want 1", locks, err)
	}
}

func TestTaskWorkflow(t *testing.T) {
	s, _ := datatest.NewStore(t)
	c := newCampaign(t, s, 3)
	t0 := time.Date(2027, 3, 1, 8, 0, 0, 0, time.UTC)
	sq1, sq2 := c.FirstTask, c.FirstTask+1

	if _, err := change(t, s, sq1, data.TaskChange{Action: data.TaskLock, Actor: amina, At: t0}); err != nil {
		t.Fatal(err)
	}
	// One square per mapper at a time.
	if _, err := change(t, s, sq2, data.TaskChange{Action: data.TaskLock, Actor: amina, At: t0}); conflictCode(err) != "holds_other" {
		t.Fatalf("second lock: %v", err)
	}
	if tk, found, err := s.LockedTask(amina.UserID, t0.Add(time.Minute)); err != nil || !found || tk.ID != sq1 {
		t.Fatalf("LockedTask = %+v %v %v", tk, found, err)
	}
	// Someone else cannot mark it mapped, nor unlock it; a moderator can
	// unlock, but not validate an unmapped square.
	if _, err := change(t, s, sq1, data.TaskChange{Action: data.TaskMarkMapped, Actor: baraka, At: t0}); conflictCode(err) != "not_yours" {
		t.Fatalf("mapped by another: %v", err)
	}
	if _, err := change(t, s, sq1, data.TaskChange{Action: data.TaskUnlock, Actor: baraka, At: t0}); conflictCode(err) != "not_yours" {
		t.Fatalf("unlock by another: %v", err)
	}
	if _, err := change(t, s, sq1, data.TaskChange{Action: data.TaskValidate, Actor: baraka, At: t0}); conflictCode(err) != "wrong_state" {
		t.Fatalf("validate a locked square: %v", err)
	}

	// The lock runs out: the square is ready again and another mapper
	// takes it; Amina may then lock another one.
	t1 := t0.Add(time.Hour)
	if tk, _ := s.Task(sq1); tk.StateAt(t1) != data.TaskReady || tk.StateAt(t1.Add(-time.Second)) != data.TaskLocked {
		t.Fatalf("state around expiry: %s %s", tk.StateAt(t1), tk.StateAt(t1.Add(-time.Second)))
	}
	if _, found, _ := s.LockedTask(amina.UserID, t1); found {
		t.Fatal("an expired lock is still Amina's")
	}
	if _, err := change(t, s, sq1, data.TaskChange{Action: data.TaskLock, Actor: baraka, At: t1}); err != nil {
		t.Fatalf("lock after expiry: %v", err)
	}
	if _, err := change(t, s, sq1, data.TaskChange{Action: data.TaskMarkMapped, Actor: amina, At: t1}); conflictCode(err) != "not_yours" {
		t.Fatalf("mapped after losing the lock: %v", err)
	}
	if _, err := change(t, s, sq2, data.TaskChange{Action: data.TaskLock, Actor: amina, At: t1}); err != nil {
		t.Fatalf("Amina locks square 2: %v", err)
	}

	// Baraka maps square 1, even with his lock run out (offline phone).
	tk, err := change(t, s, sq1, data.TaskChange{Action: data.TaskMarkMapped, Actor: baraka, At: t1.Add(2 * time.Hour)})
	if err != nil || tk.State != data.TaskMapped || tk.MappedBy != baraka.UserID || tk.LockedBy != 0 {
		t.Fatalf("mapped: %+v %v", tk, err)
	}
	// He cannot validate his own square; invalidating needs a comment.
	if _, err := change(t, s, sq1, data.TaskChange{Action: data.TaskValidate, Actor: baraka, At: t1}); conflictCode(err) != "own_task" {
		t.Fatalf("own validation: %v", err)
	}
	var ve *data.ValidationError
	if _, err := change(t, s, sq1, data.TaskChange{Action: data.TaskInvalidate, Actor: chausiku, At: t1, Comment: "  "}); !errors.As(err, &ve) || ve.Field != "comment" {
		t.Fatalf("invalidate without comment: %v", err)
	}
	tk, err = change(t, s, sq1, data.TaskChange{Action: data.TaskInvalidate, Actor: chausiku, At: t1, Comment: "the clinic on the north edge is missing"})
	if err != nil || tk.State != data.TaskInvalidated || tk.Comment == "" {
		t.Fatalf("invalidate: %+v %v", tk, err)
	}
	// Invalidated: locked again (and the lock returns to invalidated when
	// released), mapped again, validated by Chausiku.
	if _, err := change(t, s, sq1, data.TaskChange{Action: data.TaskLock, Actor: baraka, At: t1}); err != nil {
		t.Fatal(err)
	}
	if tk, err := change(t, s, sq1, data.TaskChange{Action: data.TaskUnlock, Actor: baraka, At: t1}); err != nil || tk.State != data.TaskInvalidated {
		t.Fatalf("unlock an invalidated square: %+v %v", tk, err)
	}
	if _, err := change(t, s, sq1, data.TaskChange{Action: data.TaskLock, Actor: baraka, At: t1}); err != nil {
		t.Fatal(err)
	}
	if _, err := change(t, s, sq1, data.TaskChange{Action: data.TaskMarkMapped, Actor: baraka, At: t1}); err != nil {
		t.Fatal(err)
	}
	if tk, err := change(t, s, sq1, data.TaskChange{Action: data.TaskValidate, Actor: chausiku, At: t1}); err != nil || tk.State != data.TaskValidated || tk.ValidatedBy != chausiku.UserID || tk.Comment != "" {
		t.Fatalf("validate: %+v %v", tk, err)
	}
	// A validated square is not locked again.
	if _, err := change(t, s, sq1, data.TaskChange{Action: data.TaskLock, Actor: chausiku, At: t1}); conflictCode(err) != "wrong_state" {
		t.Fatalf("lock a validated square: %v", err)
	}
	// A moderator releases Amina's lock on square 2.
	if tk, err := change(t, s, sq2, data.TaskChange{Action: data.TaskUnlock, Actor: chausiku, Moderator: true, At: t1}); err != nil || tk.State != data.TaskReady {
		t.Fatalf("moderator unlock: %+v %v", tk, err)
	}
	if _, err := change(t, s, sq2, data.TaskChange{Action: data.TaskLock, Actor: data.Actor{Name: "admin token"}, At: t1}); conflictCode(err) != "no_account" {
		t.Fatalf("lock without an account: %v", err)
	}

	p, err := s.CampaignProgress(c, t1)
	if err != nil {
		t.Fatal(err)
	}
	if p.Tasks != 3 || p.States[data.TaskValidated] != 1 || p.States[data.TaskReady] != 2 || p.Mapped != 1.0/3 || p.Validated != 1.0/3 {
		t.Fatalf("progress: %+v", p)
	}

	// Every change is in the audit log with its task and campaign.
	var actions []string
	if err := s.EachAudit(0, func(e data.AuditEntry) bool {
		if e.TaskID != 0 {
			if e.CampaignID != c.ID {
				t.Errorf("audit entry %d names campaign %d", e.Seq, e.CampaignID)
			}
			actions = append(actions, e.Action)
		}
		return true
	}); err != nil {
		t.Fatal(err)
	}
	want := []string{"task.lock", "task.lock", "task.lock", "task.mapped", "task.invalidate", "task.lock", "task.unlock", "task.lock", "task.mapped", "task.validate", "task.unlock"}
	if len(actions) != len(want) {
		t.Fatalf("audited %v, want %v", actions, want)
	}
	for i := range want {
		if actions[i] != want[i] {
			t.Fatalf("audited %v, want %v", actions, want)
		}
	}
}
