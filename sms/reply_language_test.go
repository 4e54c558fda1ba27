package sms_test

import (
	"strings"
	"testing"
	"time"
)

// TestRomanUrduPlaceAfterFrench: a phone whose last draft was French
// (expired) that sends "main Tandale market par hoon" (I am at Tandale
// market) gets the menu in Urdu: "par" tied French and Urdu and the tie
// went to the phone's language, French. Near miss: "Tandale market, par
// ici" stays French.
func TestRomanUrduPlaceAfterFrench(t *testing.T) {
	for _, c := range []struct{ msg, want, lang string }{
		{"main Tandale market par hoon", "Tandale Market ke paas kya masla hai?", "ur"},
		{"Tandale market, par ici", "Problème près de Tandale Market ?", "fr"},
	} {
		t.Run(c.msg, func(t *testing.T) {
			h := newHarness(t)
			h.send(alice, "nous avons besoin d'eau") // asked where, in French
			h.now = h.now.Add(48 * time.Hour)
			r := h.send(alice, c.msg)
			if !strings.HasPrefix(r.Text, c.want) {
				t.Fatalf("%q: %q, want the menu beginning %q", c.msg, r.Text, c.want)
			}
			if conv := h.conversation(); conv == nil || conv.Lang != c.lang {
				t.Fatalf("%q: conversation %+v, want one in %s", c.msg, conv, c.lang)
			}
		})
	}
}
