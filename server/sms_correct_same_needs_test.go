package server_test

import (
	"strings"
	"testing"
	"time"
)

// TestSameNeedCorrectionThroughTheTwilioWebhook: through the
// signed Twilio webhook, on a bbolt store, "non, se dlo pa dife" after a
// water report's receipt is answered in one Creole SMS that the report is
// water already, and no new draft opens: it was a water-only draft
// asking where, a duplicate of the report. "also no food here" after it
// still opens a new draft for food.
func TestSameNeedCorrectionThroughTheTwilioWebhook(t *testing.T) {
	const phone = "+255712000671"
	_, ss, vault, store := twilioEngineWorld(t, oneArea{})
	send := func(sid, body string) []string {
		t.Helper()
		return signedTwiML(t, ss.twilio, sid, phone, body)
	}
	if got := send("SM1", "nou bezwen dlo Tandale"); len(got) != 1 || !strings.Contains(got[0], "#1 ") {
		t.Fatalf("nou bezwen dlo Tandale: %q, want report #1's receipt", got)
	}
	const same = "Rapò #1 deja se Aprovizyonman dlo: pa gen anyen pou chanje. Pou swiv li voye STATUS 1"
	if got := send("SM2", "non, se dlo pa dife"); len(got) != 1 || got[0] != same {
		t.Fatalf("non, se dlo pa dife: %q, want %q", got, same)
	}
	if c, err := store.Conversation(vault.Hash(phone), now.Add(-time.Hour)); err != nil || c != nil {
		t.Fatalf("a draft after the same need: %+v (%v)", c, err)
	}
	if r, err := store.Get(2); err == nil {
		t.Fatalf("a second report: %+v", r)
	}
	if got := send("SM3", "also no food here"); len(got) != 1 || !strings.HasPrefix(got[0], "Food needed: where?") {
		t.Fatalf("also no food here: %q, want the food's place question", got)
	}
}

// TestSamePlaceCorrectionThroughTheTwilioWebhook: through the signed
// Twilio webhook, on a bbolt store, "non, Tandale" after a report placed
// at Tandale is answered in one Creole SMS that the report is there
// already (it replied "corrected"), the report unchanged; "dlo pa dife",
// a bare contrast naming the report's need, that it is water already
// (it opened a water draft), no draft.
func TestSamePlaceCorrectionThroughTheTwilioWebhook(t *testing.T) {
	const phone = "+255712000672"
	_, ss, vault, store := twilioEngineWorld(t, oneArea{})
	send := func(sid, body string) []string {
		t.Helper()
		return signedTwiML(t, ss.twilio, sid, phone, body)
	}
	if got := send("SM1", "nou bezwen dlo Tandale"); len(got) != 1 || !strings.Contains(got[0], "#1 ") {
		t.Fatalf("nou bezwen dlo Tandale: %q, want report #1's receipt", got)
	}
	before, err := store.Get(1)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ sid, body, want string }{
		{"SM2", "non, Tandale", "Rapò #1 (Aprovizyonman dlo) deja toupre Tandale: pa gen anyen pou chanje. Pou swiv li voye STATUS 1"},
		{"SM3", "dlo pa dife", "Rapò #1 deja se Aprovizyonman dlo: pa gen anyen pou chanje. Pou swiv li voye STATUS 1"},
	} {
		if got := send(c.sid, c.body); len(got) != 1 || got[0] != c.want {
			t.Fatalf("%s: %q, want %q", c.body, got, c.want)
		}
	}
	if r, err := store.Get(1); err != nil || r.Location != before.Location || r.RawText != before.RawText {
		t.Fatalf("the report changed: %+v (%v)", r, err)
	}
	if c, err := store.Conversation(vault.Hash(phone), now.Add(-time.Hour)); err != nil || c != nil {
		t.Fatalf("a draft: %+v (%v)", c, err)
	}
}
