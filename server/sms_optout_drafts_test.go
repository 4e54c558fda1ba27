package server_test

import (
	"net/http"
	"testing"

	"github.com/mtaa-project/mtaa/data"
)

// TestMessagesAfterStopJoinOneDraftThroughTheTwilioWebhook: through the
// signed Twilio webhook, three messages a resident sends after STOP get
// an empty TwiML answer each and leave one draft for moderators, its raw
// text every message, one per line, its needs both needs named; another
// resident's message after STOP is a draft of its own. They were three
// drafts.
func TestMessagesAfterStopJoinOneDraftThroughTheTwilioWebhook(t *testing.T) {
	const phone, other = "+255712000444", "+255712000555"
	w, ss, _, _ := twilioEngineWorld(t, nil)
	send := func(sid, from, body string) []string {
		t.Helper()
		return signedTwiML(t, ss.twilio, sid, from, body)
	}
	send("SM1", phone, "STOP")
	send("SM2", other, "STOP")
	for i, body := range []string{"tunahitaji maji", "moto -6.8000, 39.2500", "asante"} {
		if got := send("SM3"+uintStr(uint64(i)), phone, body); len(got) != 0 {
			t.Fatalf("%q after STOP answered %q", body, got)
		}
	}
	send("SM4", other, "mafuriko")
	r := w.as(data.RoleModerator, http.MethodGet, "/api/v1/sms/drafts", "")
	drafts := decode[struct {
		Drafts []struct {
			Waiting  string
			Needs    []string
			RawText  string `json:"raw_text"`
			OptedOut bool   `json:"opted_out"`
		}
	}](t, r.Body).Drafts
	byText := map[string][]string{}
	for _, d := range drafts {
		if d.Waiting != "nothing" || !d.OptedOut {
			t.Fatalf("drafts %s", r.Body)
		}
		byText[d.RawText] = d.Needs
	}
	needs, ok := byText["tunahitaji maji\nmoto -6.8000, 39.2500\nasante"]
	if len(drafts) != 2 || !ok || len(needs) != 2 || needs[0] != "water_supply" || needs[1] != "fire" || byText["mafuriko"] == nil {
		t.Fatalf("drafts %s, want one per resident, the first with every message", r.Body)
	}
}
