package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
)

// writeResidentCity writes a small city as OSM maps it: a market near the
// middle, two neighbourhoods, a hospital, a church, and two schools of the
// same name in different neighbourhoods.
func writeResidentCity(t *testing.T) string {
	t.Helper()
	nodes := []struct {
		id       int
		lat, lon float64
		tags     string
	}{
		{1, 18.5400, -72.3400, `<tag k="amenity" v="marketplace"/><tag k="name" v="Marché Salomon"/>`},
		{11, 18.5430, -72.3380, ""}, {12, 18.5430, -72.3320, ""}, {13, 18.5480, -72.3320, ""}, {14, 18.5480, -72.3380, ""},
		{3, 18.5350, -72.3450, `<tag k="place" v="neighbourhood"/><tag k="name" v="Fort National"/>`},
		{4, 18.5420, -72.3380, `<tag k="amenity" v="hospital"/><tag k="name" v="Hôpital Saint François"/>`},
		{5, 18.5380, -72.3420, `<tag k="amenity" v="place_of_worship"/><tag k="name" v="Église Saint Gérard"/>`},
		{6, 18.5455, -72.3345, `<tag k="amenity" v="school"/><tag k="name" v="École Sainte Anne"/>`},
		{7, 18.5340, -72.3460, `<tag k="amenity" v="school"/><tag k="name" v="École Sainte Anne"/>`},
		{8, 18.5300, -72.3500, `<tag k="place" v="neighbourhood"/><tag k="name" v="Bas Peu de Choses"/>`},
		{9, 18.5500, -72.3300, `<tag k="place" v="neighbourhood"/><tag k="name" v="Solino"/>`},
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<osm version=\"0.6\">\n")
	for _, n := range nodes {
		fmt.Fprintf(&b, `<node id="%d" version="1" lat="%.7f" lon="%.7f">%s</node>`+"\n", n.id, n.lat, n.lon, n.tags)
	}
	// Bel Air is mapped as an area: the school in it is "École Sainte
	// Anne, Bel Air", the other one "École Sainte Anne".
	b.WriteString(`<way id="100" version="1"><nd ref="11"/><nd ref="12"/><nd ref="13"/><nd ref="14"/><nd ref="11"/>` +
		`<tag k="place" v="suburb"/><tag k="name" v="Bel Air"/></way>` + "\n")
	b.WriteString("</osm>\n")
	path := filepath.Join(t.TempDir(), "city.osm")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// menuItem finds the number of label on a numbered menu ("1 Food, 2
// Shelter": the categories' short menu labels).
var menuItem = regexp.MustCompile(`(\d+) ([^,]+)`)

// refInReply finds a report's reference in a receipt.
var refInReply = regexp.MustCompile(`#(\d+)`)

// residentCity is `mtaa serve` over the city of writeResidentCity, with
// its Twilio webhook signed as Twilio signs it and a moderator's token.
type residentCity struct {
	t      *testing.T
	p      *process
	market string // the plus code of Marché Salomon
	n      int
}

// The residents' city's secrets and public address.
const (
	residentSID, residentToken, residentAdmin = "AC00000000000000000000000000000077", "residenttoken0123456789", "resident-admin-token"
	residentPublic                            = "https://mtaa.example.org"
)

// startResidentCity starts `mtaa serve` over the residents' city.
func startResidentCity(t *testing.T) *residentCity {
	t.Helper()
	p := startServe(t, t.TempDir(), "--osm", writeResidentCity(t), "--public-url", residentPublic,
		"--twilio-auth-token", residentToken, "--admin-token", residentAdmin)
	market, err := sms.EncodePlusCode(orb.Point{-72.3400, 18.5400}, 10)
	if err != nil {
		t.Fatal(err)
	}
	return &residentCity{t: t, p: p, market: market}
}

// text sends body from a phone through the Twilio webhook and returns the
// one SMS of the reply.
func (w *residentCity) text(from, body string) string {
	t := w.t
	t.Helper()
	w.n++
	form := url.Values{"MessageSid": {fmt.Sprintf("SMconv%026d", w.n)}, "AccountSid": {residentSID},
		"From": {from}, "To": {"+50980000000"}, "Body": {body}}
	r := call(t, http.MethodPost, w.p.base+"/sms/twilio", form.Encode(), "Content-Type", "application/x-www-form-urlencoded",
		"X-Twilio-Signature", sms.TwilioSignature(residentToken, residentPublic+"/sms/twilio", form))
	if r.status != 200 {
		t.Fatalf("SMS %q: %d %s", body, r.status, r.body)
	}
	var tw struct {
		Messages []string `xml:"Message"`
	}
	if err := xml.Unmarshal([]byte(r.body), &tw); err != nil || len(tw.Messages) != 1 {
		t.Fatalf("SMS %q: TwiML %s (%v)", body, r.body, err)
	}
	return tw.Messages[0]
}

// residentReport is a report as a moderator reads it.
type residentReport struct {
	Properties struct {
		Category    string   `json:"category"`
		Needs       []string `json:"needs"`
		RawText     string   `json:"raw_text"`
		Description string   `json:"description"`
	} `json:"properties"`
}

// verify verifies report ref as a moderator.
func (w *residentCity) verify(ref string) {
	t := w.t
	t.Helper()
	if ref == "" {
		t.Fatal("no report to verify")
	}
	r := call(t, http.MethodPatch, w.p.base+"/api/v1/reports/"+ref, `{"status":"verified"}`, "Authorization", "Bearer "+residentAdmin,
		"Content-Type", "application/json")
	if r.status != 200 {
		t.Fatalf("verify %s: %d %s", ref, r.status, r.body)
	}
}

// residentNotes are the notes of the audit entries of report ref its
// resident wrote, as a moderator reads them.
func (w *residentCity) residentNotes(ref string) []string {
	t := w.t
	t.Helper()
	r := call(t, http.MethodGet, w.p.base+"/api/v1/reports/"+ref+"/audit", "", "Authorization", "Bearer "+residentAdmin)
	var audit struct {
		Entries []struct {
			Action string `json:"action"`
			Actor  struct {
				Name string `json:"name"`
			} `json:"actor"`
			Note string `json:"note"`
		} `json:"entries"`
	}
	if r.status != 200 || json.Unmarshal([]byte(r.body), &audit) != nil {
		t.Fatalf("audit %s: %d %s", ref, r.status, r.body)
	}
	var out []string
	for _, e := range audit.Entries {
		if e.Action == data.ActionSMSPlaceNote && e.Actor.Name == data.ResidentActor.Name {
			out = append(out, e.Note)
		}
	}
	return out
}

// report reads report ref as a moderator.
func (w *residentCity) report(ref string) residentReport {
	t := w.t
	t.Helper()
	r := call(t, http.MethodGet, w.p.base+"/api/v1/reports/"+ref, "", "Authorization", "Bearer "+residentAdmin)
	var rep residentReport
	if r.status != 200 || json.Unmarshal([]byte(r.body), &rep) != nil {
		t.Fatalf("report %s: %d %s", ref, r.status, r.body)
	}
	return rep
}
