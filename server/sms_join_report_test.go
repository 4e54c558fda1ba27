package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/data"
)

// TestJoinWordReportThroughTheTwilioWebhook: through the signed Twilio
// webhook, on a bbolt store, "antre dlo nan kay la" (Creole: water came
// into the house) begins with a JOIN word ("antre", enter) but is a
// report: from a normal phone it opens a report conversation, asked
// where, and from a phone that sent STOP it is kept, unanswered, as an
// opted-out draft. It used to be a JOIN of an unknown area: answered
// "we don't know the area", or recorded as a command after STOP, and
// the report was lost. "JOIN Atlantis" is still told the area is
// unknown, and "JOIN Tandale" still joins.
func TestJoinWordReportThroughTheTwilioWebhook(t *testing.T) {
	const phone, stopped, joiner = "+255712000661", "+255712000662", "+255712000663"
	w, ss, vault, store := twilioEngineWorld(t, oneArea{})
	send := func(sid, from, body string) []string {
		t.Helper()
		return signedTwiML(t, ss.twilio, sid, from, body)
	}
	if got := send("SM1", phone, "antre dlo nan kay la"); len(got) != 1 || !strings.HasPrefix(got[0], "Inondasyon: ki kote li ye?") {
		t.Fatalf("antre dlo nan kay la: %q, want the flood's place question", got)
	}
	send("SM2", stopped, "STOP")
	for i, body := range []string{"antre dlo nan kay la", "JOIN Atlantis"} {
		if got := send("SM3"+uintStr(uint64(i)), stopped, body); len(got) != 0 {
			t.Fatalf("%q after STOP answered %q", body, got)
		}
	}
	const unknown = `We do not know the area "Atlantis". Send JOIN and a neighbourhood or ward name`
	if got := send("SM4", joiner, "JOIN Atlantis"); len(got) != 1 || !strings.HasPrefix(got[0], unknown) {
		t.Fatalf("JOIN Atlantis: %q, want %q…", got, unknown)
	}
	if got := send("SM5", joiner, "JOIN Tandale"); len(got) != 1 || got[0] != "You will now get alerts for Tandale. Send LEAVE to stop them." {
		t.Fatalf("JOIN Tandale: %q", got)
	}
	if sub, err := store.Subscriber(vault.Hash(joiner)); err != nil || sub == nil || !sub.Joined || sub.AreaName != "Tandale" {
		t.Fatalf("after JOIN Tandale: %+v, %v", sub, err)
	}
	r := w.as(data.RoleModerator, http.MethodGet, "/api/v1/sms/drafts", "")
	drafts := decode[struct {
		Drafts []struct {
			Waiting  string
			Category string
			RawText  string `json:"raw_text"`
			OptedOut bool   `json:"opted_out"`
		}
	}](t, r.Body).Drafts
	type draft struct {
		waiting  string
		optedOut bool
	}
	got := map[draft]bool{}
	for _, d := range drafts {
		if d.RawText != "antre dlo nan kay la" || d.Category != "flood" {
			t.Fatalf("drafts %s, want the two floods only", r.Body)
		}
		got[draft{d.Waiting, d.OptedOut}] = true
	}
	if len(drafts) != 2 || !got[draft{"place", false}] || !got[draft{"nothing", true}] {
		t.Fatalf("drafts %s, want the normal phone's flood asked where and the stopped phone's kept opted out", r.Body)
	}
}
