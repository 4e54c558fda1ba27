package sms_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/sms"
)

// FuzzHandle sends arbitrary message bodies through the whole engine (real
// store, grammar, conversation): no input may panic, every message gets a
// reply (but those of a phone that sent STOP: none), and a report made from it is valid and carries no raw text in its
// public feature.
func FuzzHandle(f *testing.F) {
	for _, s := range []string{
		"FLOOD near Tandale market", "maji hayatoki kisima cha shule", "moto -6.8123, 39.2567",
		"inondation 6G5X57Q4+3M", "STATUS 1", "JOIN Tandale", "STOP", "1", "", "🔥🔥🔥",
		"6°48'44.3\"S 39°15'24.1\"E lixo", "lat -6.81 lon 39.25 dife", "HELP", "hali 99999999999999999999",
	} {
		f.Add(s)
	}
	// One engine and store serve every input of a fuzzing process (a
	// harness per input took 50 ms, so that the fuzzer spent its time
	// minimising and ran almost nothing); each input is sent from a phone
	// of its own, so that no conversation carries over from another.
	h := newHarness(f)
	phones := 0
	f.Fuzz(func(t *testing.T, body string) {
		phones++
		from := fmt.Sprintf("+255 700 %06d", phones)
		for i, msg := range []string{body, body + " karibu na shule ya msingi", "2"} {
			sub, err := h.store.Subscriber(h.vault.Hash(from))
			if err != nil {
				t.Fatal(err)
			}
			stopped := sub != nil && sub.Stopped
			r, err := h.engine.Handle(context.Background(), sms.Inbound{Gateway: "fuzz", MessageID: fmt.Sprintf("%d-%d", phones, i), From: from, Body: msg})
			if err != nil {
				t.Fatalf("%q: %v", msg, err)
			}
			if r.Text == "" && !stopped {
				t.Fatalf("%q: no reply", msg)
			}
			if after, _ := h.store.Subscriber(h.vault.Hash(from)); r.Text != "" && stopped && after.Stopped {
				t.Fatalf("%q after STOP answered %q, and did not resume replies", msg, r.Text)
			}
			if r.ReportID == 0 {
				continue
			}
			rep, err := h.store.Get(r.ReportID)
			if err != nil {
				t.Fatal(err)
			}
			if err := rep.Validate(defaultTaxonomy(), rep.ReceivedAt); err != nil {
				t.Fatalf("%q made an invalid report: %v", msg, err)
			}
			feature, _ := h.store.Feature(r.ReportID)
			if len(strings.TrimSpace(msg)) > 12 && strings.Contains(string(feature), msg) {
				t.Fatalf("raw text %q in the public feature", msg)
			}
		}
	})
}
