package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/sms"
)

// pikineOSM is a small extract of another city than the built-in examples'
// (Pikine, Dakar): a market, a school, a neighbourhood and a street.
const pikineOSM = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <node id="1" lat="14.7545" lon="-17.3921" version="1"><tag k="amenity" v="marketplace"/><tag k="name" v="Marché Zinc"/></node>
  <node id="2" lat="14.7402" lon="-17.4105" version="1"><tag k="amenity" v="school"/><tag k="name" v="École Thiaroye Gare"/></node>
  <node id="3" lat="14.7688" lon="-17.3702" version="1"><tag k="place" v="suburb"/><tag k="name" v="Guinaw Rails"/></node>
  <node id="10" lat="14.7500" lon="-17.4000" version="1"/>
  <node id="11" lat="14.7520" lon="-17.3800" version="1"/>
  <way id="20" version="1"><nd ref="10"/><nd ref="11"/><tag k="highway" v="residential"/><tag k="name" v="Rue de Thiaroye"/></way>
</osm>
`

// importedExtract writes the OSM XML osm, imports it with mtaa import
// into a new data directory and returns that directory.
func importedExtract(t *testing.T, osm string) string {
	t.Helper()
	dir := t.TempDir()
	osmFile := filepath.Join(dir, "city.osm")
	if err := os.WriteFile(osmFile, []byte(osm), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(mtaaBinary(t), "import", "--quiet", "--data", dir, osmFile).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	return dir
}

// TestSMSParseE2E runs mtaa sms parse over a data directory with an
// imported extract: one JSON line per message, the actions of the engine,
// examples from the deployment's own city, and bad input named by line.
func TestSMSParseE2E(t *testing.T) {
	dir := importedExtract(t, pikineOSM)
	input := strings.Join([]string{
		"incendie au Marché Zinc, la maison brule",
		`{"id": "m2", "text": "nou bezwen dlo, manje"}`,
		"inondation -17.3921 14.7545",
		"",
		"aide",
		"merci beaucoup",
	}, "\n")
	cmd := exec.Command(mtaaBinary(t), "sms", "parse", "--data", dir, "--lang", "fr")
	cmd.Stdin = strings.NewReader(input)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("sms parse: %v\n%s", err, stderr.String())
	}
	var got []sms.ParsedMessage
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var m sms.ParsedMessage
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("not a JSON line: %q: %v", sc.Text(), err)
		}
		got = append(got, m)
	}
	if len(got) != 5 {
		t.Fatalf("%d lines, want 5 (the empty line is skipped):\n%s", len(got), out)
	}
	for i, wantID := range []string{"1", `"m2"`, "3", "5", "6"} {
		if string(got[i].ID) != wantID {
			t.Errorf("line %d: id %s, want %s", i, got[i].ID, wantID)
		}
	}

	fire := got[0]
	if fire.Action != sms.ActionFile && fire.Action != sms.ActionConfirmPlace || fire.Category == nil || *fire.Category != "fire" ||
		fire.Place == nil || !strings.Contains(fire.Place.Name, "Marché Zinc") || fire.Language != "fr" {
		t.Errorf("fire at the market: %s", jsonOf(fire))
	}

	needs := got[1]
	var cats []string
	for _, c := range needs.Categories {
		cats = append(cats, c.Category)
		if c.Confidence <= 0 || c.Confidence > 1 {
			t.Errorf("confidence %v out of 0..1", c.Confidence)
		}
	}
	if needs.Action != sms.ActionAskPlace || needs.Language != "ht" || !slices.Contains(cats, "water_supply") || !slices.Contains(cats, "food") ||
		needs.Place != nil || len(needs.Places) != 0 {
		t.Errorf("two needs, no place: %s", jsonOf(needs))
	}
	// The place question says what was understood and gives the city's
	// own examples: its market and a plus code inside its area.
	code, err := sms.EncodePlusCode(orb.Point{-17.3921, 14.7545}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(needs.Reply, "Bezwen manje ak Aprovizyonman dlo") && !strings.Contains(needs.Reply, "Aprovizyonman dlo ak Bezwen manje") ||
		!strings.Contains(needs.Reply, "Marché Zinc") ||
		!strings.Contains(needs.Reply, code) {
		t.Errorf("ask-place reply: %q", needs.Reply)
	}

	// Longitude first: outside the area as read, inside swapped.
	swapped := got[2]
	if swapped.Action != sms.ActionConfirmPlace || swapped.Place == nil || swapped.Place.Lat != 14.7545 || swapped.Place.Lon != -17.3921 ||
		!strings.Contains(swapped.Reply, "14.75450, -17.39210") {
		t.Errorf("swapped coordinates: %s", jsonOf(swapped))
	}

	help := got[3]
	if help.Action != sms.ActionCommand || help.Category != nil || !strings.Contains(help.Reply, "Marché Zinc") || !strings.Contains(help.Reply, "JOIN Guinaw Rails") {
		t.Errorf("help: %s", jsonOf(help))
	}
	for _, m := range got {
		for _, other := range []string{"Tandale", "Mwembeni", "Adjam", "6GCRPR6C"} {
			if strings.Contains(m.Reply, other) {
				t.Errorf("reply names another city's %s: %q", other, m.Reply)
			}
		}
	}
	if got[4].Action != sms.ActionRefuse || got[4].Category != nil || len(got[4].Categories) != 0 {
		t.Errorf("greeting: %s", jsonOf(got[4]))
	}

	// Bad input is named by its line; bad flags by their name.
	for _, tc := range []struct {
		args  []string
		stdin string
		want  string
	}{
		{[]string{"sms", "parse"}, "moto\n{\"id\": 2}\n", "line 2"},
		{[]string{"sms", "parse"}, "moto\n{\"text\": 5}\n", "line 2"},
		{[]string{"sms", "parse", "--lang", "de"}, "moto\n", "--lang"},
		{[]string{"sms", "parse", "--sms-default-lang", "xx"}, "moto\n", "--sms-default-lang"},
		{[]string{"sms", "parse", "--sms-replies", filepath.Join(dir, "none.json")}, "moto\n", "--sms-replies"},
		{[]string{"sms", "frobnicate"}, "", "unknown subcommand"},
	} {
		cmd := exec.Command(mtaaBinary(t), tc.args...)
		cmd.Stdin = strings.NewReader(tc.stdin)
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), tc.want) {
			t.Errorf("%v with %q: err %v, output %q, want it to name %q", tc.args, tc.stdin, err, out, tc.want)
		}
	}

	// mtaa sms replies prints the built-in file, which parses.
	b, err := exec.Command(mtaaBinary(t), "sms", "replies").Output()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sms.ParseReplies(b); err != nil {
		t.Errorf("mtaa sms replies: %v", err)
	}
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
