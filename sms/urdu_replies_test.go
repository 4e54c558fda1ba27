package sms_test

import (
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
)

// TestUrduConversation: a resident who writes Roman Urdu is answered in
// Urdu from the first reply (the replies' "ur"): the place question names
// the need in Urdu, the receipt, the menu and its labels, HELP and STATUS
// are in Urdu, and every reply fits one SMS.
func TestUrduConversation(t *testing.T) {
	h := newHarness(t)
	ask := h.send(alice, "khana chahiye bachay bhooke hain")
	if ask.ReportID != 0 || !strings.HasPrefix(ask.Text, "Khana chahiye: kahan?") {
		t.Fatalf("ask-place reply %q", ask.Text)
	}
	done := h.send(alice, "Tandale market")
	if r := h.report(done.ReportID); done.ReportID == 0 || r.Category != "food" {
		t.Fatalf("report %+v (reply %q)", r, done.Text)
	}
	if !strings.HasPrefix(done.Text, "Shukriya! Report #") || !strings.Contains(done.Text, "(Khana chahiye)") {
		t.Errorf("receipt %q", done.Text)
	}
	if got := h.send(alice, "HELP").Text; !strings.HasPrefix(got, "Report ke liye kya aur kahan bhejein") {
		t.Errorf("HELP in an Urdu conversation: %q", got)
	}
	if got := h.send(alice, "STATUS 999").Text; !strings.HasPrefix(got, "Report #999 nahi mili.") {
		t.Errorf("STATUS in an Urdu conversation: %q", got)
	}

	// A call for help naming no need gets the menu in Urdu, the common
	// needs on it by their Urdu menu labels.
	bob := "+255700000311"
	menu := h.send(bob, "meherbani hamari madad karo")
	if menu.ReportID != 0 || !strings.HasPrefix(menu.Text, "Kya masla hai? Number ya chand alfaz: 1 ") {
		t.Fatalf("menu %q", menu.Text)
	}
	for _, label := range []string{"Khana", "Pani", "Chhat/tent", "Dawai/ilaj"} {
		if !strings.Contains(menu.Text, label) {
			t.Errorf("menu %q lacks %q", menu.Text, label)
		}
	}
	for _, r := range []sms.Reply{ask, done, menu} {
		if n := sms.GSM7Len(r.Text); n < 0 || n > 160 {
			t.Errorf("%d septets: %q", n, r.Text)
		}
	}
}

// TestUrduLabels: every category of the built-in taxonomy has an Urdu
// label, and the menu labels are short.
func TestUrduLabels(t *testing.T) {
	tax := data.DefaultTaxonomy()
	for _, c := range tax.Categories {
		if c.Labels["ur"] == "" {
			t.Errorf("%s: no Urdu label", c.ID)
		}
		if l := sms.MenuLabel(tax, c.ID, "ur"); len(l) > 24 {
			t.Errorf("%s: Urdu menu label %q is long", c.ID, l)
		}
	}
}
