package sms

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// TestEverydayJoinWordReadOnce: isCommand's reading of an "antre"/"entrar"
// message (is it a report?) is the one the report is then read with
// (readText): the message is classified once, not again by readNeeds. A
// reading put in its place shows which one readNeeds takes.
func TestEverydayJoinWordReadOnce(t *testing.T) {
	vault, err := NewPhoneVault(bytes.Repeat([]byte{1}, KeySize), bytes.Repeat([]byte{2}, KeySize))
	if err != nil {
		t.Fatal(err)
	}
	tax := data.DefaultTaxonomy()
	e, err := NewEngine(Config{Taxonomy: tax, Phones: vault, Classifier: classify.NewWithModel(tax, nil, classify.Rule{File: 0.9, FileSevere: 0.9, Refuse: 0.5})}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, msg := range []string{"antre dlo nan kay la", "entrar agua en la casa"} {
		m := &message{text: msg}
		if e.isCommand(m, strings.Fields(text.Fold(msg))) {
			t.Fatalf("%q read as a command", msg)
		}
		if m.read == nil || len(m.read.Needs) == 0 {
			t.Fatalf("%q: isCommand kept no reading: %+v", msg, m.read)
		}
		m.read = &classify.Result{Needs: []classify.Need{{Category: "food", Confidence: 1}}}
		if got := e.readNeeds(m, located{}); len(got.Needs) != 1 || got.Needs[0].Category != "food" {
			t.Errorf("%q: readNeeds read it again: %+v", msg, got.Needs)
		}
	}
}
