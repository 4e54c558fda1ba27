package main

import (
	"encoding/json"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/sms"
)

// sameNameOSM is a city mapped without area polygons: two schools of one
// name, each near a neighbourhood mapped as a place node.
const sameNameOSM = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <node id="1" lat="18.5350" lon="-72.3450" version="1"><tag k="place" v="neighbourhood"/><tag k="name" v="Fort National"/></node>
  <node id="2" lat="18.5500" lon="-72.3300" version="1"><tag k="place" v="neighbourhood"/><tag k="name" v="Solino"/></node>
  <node id="3" lat="18.5340" lon="-72.3460" version="1"><tag k="amenity" v="school"/><tag k="name" v="École Sainte Anne"/></node>
  <node id="4" lat="18.5490" lon="-72.3310" version="1"><tag k="amenity" v="school"/><tag k="name" v="École Sainte Anne"/></node>
</osm>
`

// menuNumber is the number before each item of a numbered menu.
var menuNumber = regexp.MustCompile(`(?:^|, )\d+ `)

// TestSMSSameNamePlacesE2E: a message naming a school of which the city
// has two, and no area to tell them apart, gets a menu of two different
// choices, each naming the neighbourhood near it, in one SMS.
func TestSMSSameNamePlacesE2E(t *testing.T) {
	dir := importedExtract(t, sameNameOSM)
	cmd := exec.Command(mtaaBinary(t), "sms", "parse", "--data", dir, "--lang", "fr")
	cmd.Stdin = strings.NewReader("incendie à l'École Sainte Anne\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("sms parse: %v", err)
	}
	var m sms.ParsedMessage
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("not a JSON line: %q: %v", out, err)
	}
	const menu = "Quel endroit ? Répondez avec son numéro : "
	if m.Action != sms.ActionConfirmPlace || !strings.HasPrefix(m.Reply, menu) {
		t.Fatalf("action %q reply %q, want the choose-place menu", m.Action, m.Reply)
	}
	// The items are "1 label, 2 label"; a label may hold a comma.
	items := menuNumber.Split(strings.TrimPrefix(m.Reply, menu), -1)[1:]
	if len(items) != 2 || items[0] == items[1] {
		t.Fatalf("menu items %q, want two different ones", items)
	}
	for _, want := range []string{"Fort National", "Solino"} {
		if !strings.Contains(m.Reply, "École Sainte Anne, "+want) {
			t.Errorf("reply %q does not offer the school near %s", m.Reply, want)
		}
	}
	if n := sms.GSM7Len(m.Reply); n < 0 || n > 160 {
		t.Errorf("reply is %d GSM characters, not one SMS: %q", n, m.Reply)
	}
}
