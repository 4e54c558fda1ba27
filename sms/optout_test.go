package sms_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/sms/smstest"
)

// stopped reports whether the phone's subscription is stopped.
func (h *harness) stopped(phone string) bool {
	h.t.Helper()
	sub, err := h.store.Subscriber(h.vault.Hash(phone))
	if err != nil {
		h.t.Fatal(err)
	}
	return sub != nil && sub.Stopped
}

// TestOptOutWords: every opt-out word (Twilio's STOP, STOPALL,
// UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT and the other
// languages') stops the phone and is confirmed once; after it nothing is
// answered — commands, reports, answers, a second STOP — until an opt-in
// word (START, UNSTOP, YES, JOIN and their equivalents), which is
// confirmed in its language. JOIN with words that name no area ("JOIN
// Atlantis", "antre nan kay la": enter the house) resumes nothing.
func TestOptOutWords(t *testing.T) {
	for _, stop := range []string{"STOP", "stopall", "Unsubscribe", "CANCEL", "end", "quit", "REVOKE", "optout",
		"arrêt", "simama", "acha", "parar", "basta", "kanpe", "sispann"} {
		t.Run(stop, func(t *testing.T) {
			h := newHarness(t)
			if r := h.send(alice, stop); r.Text == "" || !h.stopped(alice) {
				t.Fatalf("%q: %+v, stopped %v", stop, r, h.stopped(alice))
			}
			for _, msg := range []string{"HELP", "STATUS 1", "JOIN Atlantis", "antre nan kay la", "fire at Tandale market", "1", "no", "STOP", "start please", "si", "ok"} {
				if r := h.send(alice, msg); r.Text != "" || r.ReportID != 0 {
					t.Fatalf("%q after %q answered %+v", msg, stop, r)
				}
			}
			if !h.stopped(alice) {
				t.Fatal("a message after STOP resumed replies")
			}
		})
	}
	for _, c := range []struct{ word, want string }{
		{"START", "Welcome back!"}, {"unstop", "Welcome back!"}, {"YES", "Welcome back!"}, {"Yes.", "Welcome back!"},
		{"anza", "Karibu tena!"}, {"ndiyo", "Karibu tena!"}, {"oui", "Bon retour"}, {"démarrer", "Bon retour"},
		{"wi", ""}, {"sim", "Bem-vindo"}, {"iniciar", ""}, {"komanse", ""},
		{"JOIN", "Welcome back! You will get our messages again."}, {"jiunge", "Karibu tena! Utapata ujumbe wetu tena."},
		{"sajili", "Karibu tena!"}, {"rejoindre", "Bon retour"}, {"inscrire", "Bon retour"}, {"unirse", "¡Bienvenido"},
		{"inscrever", "Bem-vindo"}, {"enskri", "Byenvini"},
		{"JOIN Tandale", "Welcome back! You will get our messages again, and alerts for Tandale."},
		{"jiunge Tandale", "Karibu tena! Utapata ujumbe wetu tena, na taarifa za Tandale."},
		{"enskri Tandale", "Byenvini ankò! W ap resevwa mesaj nou ankò, ak alèt pou Tandale."},
	} {
		t.Run("resume "+c.word, func(t *testing.T) {
			h := newHarness(t)
			h.send(alice, "STOP")
			r := h.send(alice, c.word)
			if r.Text == "" || !strings.HasPrefix(r.Text, c.want) || h.stopped(alice) {
				t.Fatalf("%q: %+v, stopped %v", c.word, r, h.stopped(alice))
			}
			if r := h.send(alice, "fire at Tandale market"); r.ReportID == 0 || r.Text == "" {
				t.Fatalf("report after %q: %+v", c.word, r)
			}
		})
	}
}

// TestYesIsNoOptInUnlessStopped: "yes" resumes a stopped phone only; for
// any other phone it is what it was (here "not understood" to a new
// phone, not "Welcome back").
func TestYesIsNoOptInUnlessStopped(t *testing.T) {
	h := newHarness(t)
	if r := h.send(alice, "yes"); strings.Contains(r.Text, "Welcome back") {
		t.Fatalf("yes from a phone that never sent STOP: %q", r.Text)
	}
}

// TestMessagesAfterStopAreDrafts: what a stopped phone sends is kept,
// unanswered: a report the engine would have filed, a place and a
// courtesy join one draft for moderators (TestMessagesAfterStopJoinOneDraft),
// waiting "nothing" and marked opted_out, never continued by the phone's
// next message after START; a courtesy alone is no draft. Filing one
// tells the resident nothing while they are opted out.
func TestMessagesAfterStopAreDrafts(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.send(alice, "tunahitaji maji") // asked where
	h.send(alice, "STOP")
	if c := h.conversation(); c != nil {
		t.Fatalf("STOP left the conversation %+v", c)
	}
	if r := h.send(alice, "asante"); r.Text != "" || r.ReportID != 0 {
		t.Fatalf("asante after STOP: %+v", r)
	}
	if drafts, _ := h.engine.Drafts(); len(drafts) != 0 {
		t.Fatalf("a courtesy alone is a draft: %+v", drafts)
	}
	for _, msg := range []string{"fire at Tandale market", "Tandale market", "asante"} {
		if r := h.send(alice, msg); r.Text != "" || r.ReportID != 0 {
			t.Fatalf("%q after STOP: %+v", msg, r)
		}
	}
	drafts, err := h.engine.Drafts()
	if err != nil {
		t.Fatal(err)
	}
	if len(drafts) != 1 {
		t.Fatalf("drafts %+v, want the fire, the place and the thanks in one", drafts)
	}
	fire := drafts[0]
	if fire.Waiting != "nothing" || !fire.OptedOut || fire.RawText != "fire at Tandale market\nTandale market\nasante" {
		t.Fatalf("draft %+v: want waiting nothing, opted out, every message", fire)
	}
	if fire.Category != "fire" || fire.Place == nil || fire.Place.Name != "Tandale Market" {
		t.Fatalf("fire draft %+v", fire)
	}
	d, _ := sms.NewDispatcher(sms.DispatcherConfig{Phones: h.vault, Now: func() time.Time { return h.now }}, h.store)
	filed, err := h.engine.FileDraft(ctx, fire.ID, sms.DraftDecision{Actor: data.Actor{Name: "mod"}})
	if err != nil || filed.Report.Category != "fire" {
		t.Fatalf("filing the fire: %+v %v", filed, err)
	}
	if told, err := d.TellReporter(ctx, filed.Report.Reporter, filed.Notice); told || err != nil {
		t.Fatalf("told an opted-out resident: %v %v", told, err)
	}
	if !d.ReporterOptedOut(filed.Report.Reporter) {
		t.Fatal("ReporterOptedOut false after STOP")
	}
	h.now = h.now.Add(time.Minute)
	h.send(alice, "Tandale market") // the fire is filed: a draft of its own
	h.now = h.now.Add(time.Minute)
	h.send(alice, "START")
	if d.ReporterOptedOut(filed.Report.Reporter) {
		t.Fatal("ReporterOptedOut true after START")
	}
	if drafts, _ := h.engine.Drafts(); len(drafts) != 1 || drafts[0].OptedOut || drafts[0].Waiting != "nothing" {
		t.Fatalf("after START: %+v", drafts)
	}
	// The unasked draft is not continued: "maji" is a message of its own.
	if r := h.send(alice, "maji"); r.ReportID != 0 || !strings.HasPrefix(r.Text, "Maji") && !strings.Contains(r.Text, "?") {
		t.Fatalf("maji after START: %+v", r)
	}
	if drafts, _ := h.engine.Drafts(); len(drafts) != 2 {
		t.Fatalf("the unasked draft was continued or lost: %+v", drafts)
	}
}

// TestNothingQueuedBeforeStopIsSent: a status message queued before STOP,
// and an alert, are failed at sending (OptedOutError), not sent, on an
// SMSSync phone and through Africa's Talking alike; the reply to the STOP
// itself, queued after it, is sent; after START messages go out again.
func TestNothingQueuedBeforeStopIsSent(t *testing.T) {
	ctx := context.Background()
	t.Run("smssync", func(t *testing.T) {
		h := newHarness(t)
		d, _ := sms.NewDispatcher(sms.DispatcherConfig{Phones: h.vault, Now: func() time.Time { return h.now }}, h.store)
		filed := h.send(alice, "fire at Tandale market")
		r := h.report(filed.ReportID)
		if ok, err := d.NotifyReporter(ctx, r.Reporter, r.ID, data.StatusVerified); !ok || err != nil {
			t.Fatalf("queueing: %v %v", ok, err)
		}
		h.now = h.now.Add(time.Second)
		h.send(alice, "STOP")
		if tasks, err := d.TakeForPhone(ctx, 10); err != nil || len(tasks) != 0 {
			t.Fatalf("handed to the phone after STOP: %+v %v", tasks, err)
		}
		if ok, _ := d.NotifyReporter(ctx, r.Reporter, r.ID, data.StatusResolved); ok {
			t.Fatal("queued a status message after STOP")
		}
		h.now = h.now.Add(time.Second)
		h.send(alice, "START")
		if ok, _ := d.NotifyReporter(ctx, r.Reporter, r.ID, data.StatusResolved); !ok {
			t.Fatal("no status message after START")
		}
		if tasks, _ := d.TakeForPhone(ctx, 10); len(tasks) != 1 {
			t.Fatalf("after START: %+v", tasks)
		}
	})
	t.Run("africastalking", func(t *testing.T) {
		h := newHarness(t)
		api := smstest.NewFakeAfricasTalking(t, "mtaa", "key")
		sender, err := sms.NewAfricasTalkingSender(sms.AfricasTalkingConfig{Username: "mtaa", APIKey: "key", APIBase: api.URL})
		if err != nil {
			t.Fatal(err)
		}
		d, _ := sms.NewDispatcher(sms.DispatcherConfig{Phones: h.vault, AfricasTalking: sender, Now: func() time.Time { return h.now }}, h.store)
		h.send(alice, "JOIN Tandale")
		p := tandaleWard.Point
		area := orb.Polygon{{{p[0] - 0.01, p[1] - 0.01}, {p[0] + 0.01, p[1] - 0.01}, {p[0] + 0.01, p[1] + 0.01}, {p[0] - 0.01, p[1] + 0.01}, {p[0] - 0.01, p[1] - 0.01}}}
		raw, _ := json.Marshal(map[string]any{"type": "Polygon", "coordinates": area})
		a, err := d.CreateAlert(ctx, "Flood warning", area, raw, "")
		if err != nil || a.Recipients != 1 {
			t.Fatalf("alert %+v %v", a, err)
		}
		h.now = h.now.Add(time.Second)
		stop := sms.Inbound{Gateway: sms.GatewayAfricasTalking, MessageID: "AT1", From: alice, Body: "STOP"}
		reply, err := h.engine.Handle(ctx, stop)
		if err != nil || reply.Text == "" {
			t.Fatalf("STOP: %+v %v", reply, err)
		}
		if err := d.QueueReply(ctx, sms.ReplyTo{Gateway: sms.GatewayAfricasTalking, MessageID: "AT1", From: alice}, reply.Text); err != nil {
			t.Fatal(err)
		}
		if _, err := d.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		got := api.Sent()[sms.NormalizePhone(alice)]
		if len(got) != 1 || got[0] != reply.Text {
			t.Fatalf("sent %q, want the STOP's confirmation only", got)
		}
		st, _ := d.Alert(a.ID)
		if st.Counts[data.OutboundFailed] != 1 || st.Messages[0].LastError != sms.OptedOutError {
			t.Fatalf("the alert queued before STOP: %+v", st)
		}
		if a, _ := d.CreateAlert(ctx, "Second warning", area, raw, ""); a.Recipients != 0 {
			t.Fatalf("an alert after STOP has %d recipients", a.Recipients)
		}
	})
}
