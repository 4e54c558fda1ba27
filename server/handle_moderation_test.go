package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/sms"
)

// storeReport stores a web report at p in status st and returns its id.
func (w *accountWorld) storeReport(p orb.Point, st data.Status) uint64 {
	w.t.Helper()
	r := datatest.Report(p, "flood", now.Add(-time.Hour))
	r.Status = st
	res, err := w.store.Create(context.Background(), r)
	if err != nil {
		w.t.Fatal(err)
	}
	return res.Report.ID
}

func (w *accountWorld) patch(role data.Role, id uint64, body string) response {
	w.t.Helper()
	return w.as(role, http.MethodPatch, "/api/v1/reports/"+uintStr(id), body)
}

func (w *accountWorld) auditOf(id uint64) []data.AuditEntry {
	w.t.Helper()
	log, err := w.store.ReportAudit(id)
	if err != nil {
		w.t.Fatal(err)
	}
	return log
}

// TestTransitionsOverHTTP tries every status pair: allowed transitions
// answer 200 and leave one audit entry from -> to; the others answer 409
// naming the status field and change nothing.
func TestTransitionsOverHTTP(t *testing.T) {
	w := newAccountWorld(t, server.Config{}, nil)
	original := w.storeReport(orb.Point{39.20, -6.70}, data.StatusVerified)
	for _, from := range data.Statuses {
		for _, to := range data.Statuses {
			if from == to {
				continue
			}
			t.Run(string(from)+"->"+string(to), func(t *testing.T) {
				id := w.storeReport(orb.Point{39.25, -6.80}, from)
				if from == data.StatusDuplicate {
					// A stored duplicate carries its original.
					if _, _, err := w.store.UpdateReport(context.Background(), id, data.ReportUpdate{Change: func(r *data.Report) error {
						r.DuplicateOf = original
						return nil
					}}); err != nil {
						t.Fatal(err)
					}
				}
				entries := len(w.auditOf(id))
				body := `{"status":"` + string(to) + `"}`
				if to == data.StatusDuplicate {
					body = `{"status":"duplicate","duplicate_of":` + uintStr(original) + `}`
				}
				r := w.patch(data.RoleModerator, id, body)
				log := w.auditOf(id)
				if !data.CanTransition(from, to) {
					if e := decode[apiErr](t, r.Body); r.Status != http.StatusConflict || e.Error.Field != "status" || e.Error.Code != "invalid_transition" {
						t.Fatalf("%d %s", r.Status, r.Body)
					}
					if got, _ := w.store.Get(id); got.Status != from || len(log) != entries {
						t.Fatalf("refused transition changed the report: %s, %d entries", got.Status, len(log))
					}
					return
				}
				if r.Status != http.StatusOK {
					t.Fatalf("%d %s", r.Status, r.Body)
				}
				if len(log) != entries+1 {
					t.Fatalf("%d audit entries, want %d", len(log), entries+1)
				}
				b, _ := data.AuditState(log[len(log)-1].Before)
				a, _ := data.AuditState(log[len(log)-1].After)
				if b.Status != from || a.Status != to {
					t.Fatalf("audit %s -> %s", b.Status, a.Status)
				}
			})
		}
	}
}

// TestAuditCompleteness runs a report through the workflow with
// corrections and notes: each request leaves exactly one audit entry whose
// before and after are the report as read before and after it, by the
// moderator who sent it.
func TestAuditCompleteness(t *testing.T) {
	w := newAccountWorld(t, server.Config{}, nil)
	id := w.storeReport(orb.Point{39.25, -6.80}, data.StatusNew)
	steps := []struct {
		name, body string
		reason     string
		note       string
	}{
		{"verify with a note", `{"status":"verified","note":"called the ward office"}`, "", "called the ward office"},
		{"correct category", `{"category":"water_supply","reason":"it is a burst pipe, not a flood"}`, "it is a burst pipe, not a flood", ""},
		{"add needs", `{"needs":["water_supply","sanitation"],"reason":"the message also asks for latrines"}`, "the message also asks for latrines", ""},
		{"correct location", `{"location":[39.2601,-6.8102],"reason":"resident sent a better pin"}`, "resident sent a better pin", ""},
		{"correct description", `{"description":"Burst water main","reason":"clearer"}`, "clearer", ""},
		{"note only", `{"note":"crew booked for Monday"}`, "", "crew booked for Monday"},
		{"start work", `{"status":"in_progress"}`, "", ""},
		{"resolve", `{"status":"resolved"}`, "", ""},
		{"reopen", `{"status":"reopened","note":"leaking again"}`, "", "leaking again"},
	}
	mod := w.users[data.RoleModerator]
	for i, step := range steps {
		before, _ := w.store.Get(id)
		r := w.patch(data.RoleModerator, id, step.body)
		if r.Status != http.StatusOK {
			t.Fatalf("%s: %d %s", step.name, r.Status, r.Body)
		}
		after, _ := w.store.Get(id)
		log := w.auditOf(id)
		if len(log) != i+1 {
			t.Fatalf("%s: %d entries, want %d", step.name, len(log), i+1)
		}
		e := log[i]
		b, _ := data.AuditState(e.Before)
		a, _ := data.AuditState(e.After)
		if !reflect.DeepEqual(b, data.StateOf(&before)) || !reflect.DeepEqual(a, data.StateOf(&after)) || e.Action != data.ActionModerate ||
			e.Actor.UserID != mod.ID || e.Reason != step.reason || e.Note != step.note || !e.At.Equal(now) {
			t.Fatalf("%s: entry %+v\nbefore %+v\nafter %+v", step.name, e, data.StateOf(&before), data.StateOf(&after))
		}
	}
	final, _ := w.store.Get(id)
	if final.Category != "water_supply" || !slices.Equal(final.Needs, []string{"water_supply", "sanitation"}) || final.Location != (orb.Point{39.2601, -6.8102}) || final.Status != data.StatusReopened {
		t.Fatalf("final %+v", final)
	}
	// The audit route shows the same entries; the moderator view shows
	// the notes.
	r := w.as(data.RoleModerator, http.MethodGet, "/api/v1/reports/"+uintStr(id)+"/audit", "")
	if got := decode[struct{ Entries []data.AuditEntry }](t, r.Body); r.Status != http.StatusOK || len(got.Entries) != len(steps) {
		t.Fatalf("audit route: %d %s", r.Status, r.Body)
	}
	view := decode[struct {
		Properties struct {
			Notes []struct{ Note string }
		}
	}](t, w.as(data.RoleModerator, http.MethodGet, "/api/v1/reports/"+uintStr(id), "").Body)
	if len(view.Properties.Notes) != 3 || view.Properties.Notes[2].Note != "leaking again" {
		t.Fatalf("notes %+v", view.Properties.Notes)
	}
	// The admin export holds every entry, account changes included.
	jl := w.as(data.RoleAdmin, http.MethodGet, "/api/v1/admin/audit", "")
	lines := 0
	sc := bufio.NewScanner(bytes.NewReader(jl.Body))
	for sc.Scan() {
		var e data.AuditEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("line %d: %v", lines+1, err)
		}
		lines++
	}
	// 4 accounts and 4 tokens were created by newAccountWorld.
	if jl.Status != http.StatusOK || lines != len(steps)+8 {
		t.Fatalf("jsonl export: %d, %d lines", jl.Status, lines)
	}
	cr := w.as(data.RoleAdmin, http.MethodGet, "/api/v1/admin/audit?format=csv", "")
	recs, err := csv.NewReader(bytes.NewReader(cr.Body)).ReadAll()
	if err != nil || len(recs) != lines+1 || recs[0][0] != "seq" {
		t.Fatalf("csv export: %d rows %v", len(recs), err)
	}
	if strings.Contains(string(jl.Body), "argon2") || strings.Contains(string(jl.Body), "password_hash") {
		t.Fatal("the audit log holds password hashes")
	}
}

func TestModerationRefusals(t *testing.T) {
	w := newAccountWorld(t, server.Config{}, nil)
	id := w.storeReport(orb.Point{39.25, -6.80}, data.StatusNew)
	dup := w.storeReport(orb.Point{39.25, -6.80}, data.StatusNew)
	tests := []struct {
		name, body string
		status     int
		field      string
	}{
		{"empty", `{}`, 422, "body"},
		{"unknown field", `{"statuz":"verified"}`, 400, "body"},
		{"unknown status", `{"status":"done"}`, 422, "status"},
		{"skip a step", `{"status":"resolved"}`, 409, "status"},
		{"category without reason", `{"category":"water_supply"}`, 422, "reason"},
		{"location without reason", `{"location":[39.3,-6.8]}`, 422, "reason"},
		{"unknown category", `{"category":"aliens","reason":"x"}`, 422, "category"},
		{"bad location", `{"location":[200,-6.8],"reason":"x"}`, 422, "location"},
		{"location 0,0", `{"location":{"type":"Point","coordinates":[0,0]},"reason":"x"}`, 422, "location"},
		{"duplicate without original", `{"status":"duplicate"}`, 422, "duplicate_of"},
		{"duplicate of itself", `{"status":"duplicate","duplicate_of":` + uintStr(id) + `}`, 422, "duplicate_of"},
		{"duplicate of nothing", `{"status":"duplicate","duplicate_of":999}`, 422, "duplicate_of"},
		{"duplicate_of without the status", `{"duplicate_of":` + uintStr(dup) + `}`, 422, "duplicate_of"},
		{"note too long", `{"note":"` + strings.Repeat("n", server.MaxNoteRunes+1) + `"}`, 422, "note"},
	}
	before := w.fileHash()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := w.patch(data.RoleModerator, id, tt.body)
			if e := decode[apiErr](t, r.Body); r.Status != tt.status || e.Error.Field != tt.field {
				t.Fatalf("%d %s", r.Status, r.Body)
			}
			if w.fileHash() != before {
				t.Fatal("a refused change was written")
			}
		})
	}
	if r := w.patch(data.RoleModerator, 999, `{"status":"verified"}`); r.Status != http.StatusNotFound {
		t.Fatalf("unknown report: %d", r.Status)
	}
	// A merge: the duplicate points to its original.
	if r := w.patch(data.RoleModerator, dup, `{"status":"duplicate","duplicate_of":`+uintStr(id)+`}`); r.Status != http.StatusOK {
		t.Fatalf("merge: %d %s", r.Status, r.Body)
	}
	if got, _ := w.store.Get(dup); got.DuplicateOf != id || got.Status != data.StatusDuplicate {
		t.Fatalf("merged %+v", got)
	}
	third := w.storeReport(orb.Point{39.25, -6.80}, data.StatusNew)
	if r := w.patch(data.RoleModerator, third, `{"status":"duplicate","duplicate_of":`+uintStr(dup)+`}`); r.Status != 422 {
		t.Fatalf("duplicate of a duplicate: %d %s", r.Status, r.Body)
	}
}

// TestStatusSMSToReporter: a status change of an SMS report queues one
// short SMS to the reporter's phone (kept sealed because it joined area
// alerts); moderators see the number and the raw text, viewers and the
// public neither.
func TestStatusSMSToReporter(t *testing.T) {
	const phone = "+255712000111"
	vault, _ := sms.NewPhoneVault(make([]byte, sms.KeySize), bytes.Repeat([]byte{7}, sms.KeySize))
	var d *sms.Dispatcher
	w := newAccountWorld(t, server.Config{}, func(st *data.Store) server.Deps {
		d, _ = sms.NewDispatcher(sms.DispatcherConfig{Phones: vault, Now: func() time.Time { return now }}, st)
		return server.Deps{Reporters: d}
	})
	ctx := context.Background()
	hash := vault.Hash(phone)
	sealed, _ := vault.Seal(phone)
	rep := datatest.Report(orb.Point{39.25, -6.80}, "fire", now.Add(-time.Hour))
	rep.Channel, rep.Reporter, rep.RawText = data.ChannelSMS, "sms:"+hash, "moto karibu na soko "+phone
	res, err := w.store.CommitSMS(ctx, data.SMSOutcome{MessageKey: "twilio:SM1", PhoneHash: hash, Report: &rep,
		Reply:      func(uint64) string { return "ok" },
		Subscriber: &data.Subscriber{PhoneHash: hash, SealedPhone: sealed, Joined: true, Location: orb.Point{39.25, -6.80}}})
	if err != nil {
		t.Fatal(err)
	}
	id := res.ReportID
	if r := w.patch(data.RoleModerator, id, `{"note":"no status change"}`); r.Status != http.StatusOK {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	if r := w.patch(data.RoleModerator, id, `{"status":"verified"}`); r.Status != http.StatusOK {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	tasks, err := d.TakeForPhone(ctx, 10)
	if err != nil || len(tasks) != 1 || tasks[0].To != phone || !strings.Contains(tasks[0].Message, "#"+uintStr(id)) ||
		!strings.Contains(tasks[0].Message, "verified") {
		t.Fatalf("outbox %+v %v", tasks, err)
	}
	mod := w.as(data.RoleModerator, http.MethodGet, "/api/v1/reports/"+uintStr(id), "")
	props := decode[struct{ Properties map[string]any }](t, mod.Body).Properties
	if props["reporter_phone"] != phone || props["raw_text"] != rep.RawText || props["reporter"] != rep.Reporter {
		t.Fatalf("moderator view %v", props)
	}
	for _, role := range []data.Role{data.RolePublic, data.RoleViewer, data.RoleMapper} {
		r := w.as(role, http.MethodGet, "/api/v1/reports/"+uintStr(id), "")
		if r.Status != http.StatusOK {
			t.Fatalf("%s: %d", role, r.Status)
		}
		for _, secret := range []string{phone, hash, "soko"} {
			if strings.Contains(string(r.Body), secret) {
				t.Fatalf("%s sees %q: %s", role, secret, r.Body)
			}
		}
	}
}
