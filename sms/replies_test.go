package sms_test

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
)

var replyKeys = []string{
	sms.ReplyReportReceived, sms.ReplyAskPlace, sms.ReplyChoosePlace, sms.ReplyStatus, sms.ReplyNotFound,
	sms.ReplyHelp, sms.ReplyNotUnderstood, sms.ReplyJoined, sms.ReplyLeft, sms.ReplyStopped, sms.ReplyStarted,
	sms.ReplyRateLimited, sms.ReplyJoinUnknown,
}

// verbPattern finds fmt verbs, with or without an explicit argument index.
var verbPattern = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%])`)

// argsUsed lists, for each argument a template uses, its verb ("1d 2s 3s").
func argsUsed(tmpl string) []string {
	var used []string
	next := 1
	for _, m := range verbPattern.FindAllStringSubmatch(tmpl, -1) {
		if m[2] == "%" {
			continue
		}
		n := next
		if m[1] != "" {
			n, _ = strconv.Atoi(m[1])
		}
		next = n + 1
		used = append(used, fmt.Sprintf("%d%s", n, m[2]))
	}
	slices.Sort(used)
	return slices.Compact(used)
}

// replyArgs are realistic, long values for each key's arguments.
func replyArgs(t *testing.T, lang, key string) []any {
	t.Helper()
	tax := data.DefaultTaxonomy()
	longestLabel := ""
	for _, c := range tax.Categories {
		if l := c.Label(lang); len(l) > len(longestLabel) {
			longestLabel = l
		}
	}
	longestStatus := ""
	for _, s := range data.Statuses {
		if l := sms.StatusLabel(lang, string(s)); len(l) > len(longestStatus) {
			longestStatus = l
		}
	}
	const ref = uint64(1234567)
	switch key {
	case sms.ReplyReportReceived:
		return []any{ref, longestLabel, "Soko la Tandale, Mtaa wa Mwembeni"}
	case sms.ReplyChoosePlace:
		return []any{"1 Soko la Tandale, 2 Shule ya Msingi Tandale, 3 Tandale Sokoni"}
	case sms.ReplyStatus:
		return []any{ref, longestStatus, longestLabel}
	case sms.ReplyNotFound:
		return []any{ref}
	case sms.ReplyJoined:
		return []any{"Mwananyamala Kisiwani"}
	case sms.ReplyJoinUnknown:
		return []any{"Kwa Mama Ntilie karibu na"}
	}
	return nil
}

func TestRepliesInEveryLanguage(t *testing.T) {
	for _, key := range replyKeys {
		en := sms.Text("en", key, replyArgs(t, "en", key)...)
		if en == "" {
			t.Errorf("%s: no English text", key)
		}
		for _, lang := range sms.Languages() {
			t.Run(lang+"/"+key, func(t *testing.T) {
				args := replyArgs(t, lang, key)
				got := sms.Text(lang, key, args...)
				if lang != "en" && got == en {
					t.Errorf("falls back to English")
				}
				if strings.Contains(got, "%!") {
					t.Errorf("bad format: %q", got)
				}
				if !sms.IsGSM7(got) {
					t.Errorf("not GSM-7: %q", got)
				}
				if n := sms.GSM7Len(got); n > 160 {
					t.Errorf("%d characters, more than one SMS: %q", n, got)
				}
			})
		}
	}
}

func TestReplyTemplatesShareArguments(t *testing.T) {
	want := map[string]string{
		sms.ReplyReportReceived: "1d 2s 3s", sms.ReplyChoosePlace: "1s", sms.ReplyStatus: "1d 2s 3s",
		sms.ReplyNotFound: "1d", sms.ReplyJoined: "1s", sms.ReplyJoinUnknown: "1s",
	}
	for _, key := range replyKeys {
		for _, lang := range sms.Languages() {
			tmpl := sms.Template(lang, key)
			if tmpl == "" {
				t.Errorf("%s/%s: missing", lang, key)
				continue
			}
			if got := strings.Join(argsUsed(tmpl), " "); got != want[key] {
				t.Errorf("%s/%s uses arguments %q, want %q: %q", lang, key, got, want[key], tmpl)
			}
			// The templates themselves are GSM-7, before any folding: pure
			// ASCII plus the accents of the default table (é è à ù ò ñ).
			if !sms.IsGSM7(tmpl) {
				t.Errorf("%s/%s template is not GSM-7: %q", lang, key, tmpl)
			}
		}
	}
}

func TestReplyExamples(t *testing.T) {
	got := sms.Text("sw", sms.ReplyReportReceived, uint64(123), "Mafuriko", "Soko la Tandale")
	if want := "Asante! Ripoti #123 (Mafuriko) imepokelewa: karibu na Soko la Tandale."; !strings.HasPrefix(got, want) {
		t.Errorf("got %q, want it to start with %q", got, want)
	}
	for _, lang := range sms.Languages() {
		if got := sms.Text(lang, sms.ReplyStatus, uint64(77), sms.StatusLabel(lang, "resolved"), "Fire"); !strings.Contains(got, "#77") {
			t.Errorf("%s status reply has no #77: %q", lang, got)
		}
		if got := sms.Text(lang, sms.ReplyReportReceived, uint64(78), "Fire", "X"); !strings.Contains(got, "#78") {
			t.Errorf("%s report reply has no #78: %q", lang, got)
		}
	}
	if got, want := sms.Text("de", sms.ReplyHelp), sms.Text("en", sms.ReplyHelp); got != want {
		t.Errorf("unknown language: %q, want English %q", got, want)
	}
	if got := sms.Text("sw", "no_such_key"); got != "" {
		t.Errorf("unknown key: %q", got)
	}
	// A French label outside GSM-7 is folded rather than forcing UCS-2.
	got = sms.Text("fr", sms.ReplyReportReceived, uint64(5), "Effondrement de bâtiment", "Côte d’Ivoire")
	if !sms.IsGSM7(got) || !strings.Contains(got, "Effondrement de batiment") || !strings.Contains(got, "Cote d'Ivoire") {
		t.Errorf("not folded to GSM-7: %q", got)
	}
}

func TestStatusLabel(t *testing.T) {
	for _, lang := range sms.Languages() {
		seen := map[string]bool{}
		for _, s := range data.Statuses {
			l := sms.StatusLabel(lang, string(s))
			if l == "" || l == string(s) && lang != "en" {
				t.Errorf("%s: no label for %q", lang, s)
			}
			if seen[l] {
				t.Errorf("%s: label %q used twice", lang, l)
			}
			seen[l] = true
			if !sms.IsGSM7(l) {
				t.Errorf("%s: label %q is not GSM-7", lang, l)
			}
		}
	}
	if got := sms.StatusLabel("xx", "verified"); got != sms.StatusLabel("en", "verified") {
		t.Errorf("unknown language: %q", got)
	}
	if got := sms.StatusLabel("sw", "archived"); got != "archived" {
		t.Errorf("unknown status: %q", got)
	}
}

func TestIsGSM7(t *testing.T) {
	tests := []struct {
		in   string
		want bool
		len  int
	}{
		{"Hello, world! 123 @£$", true, 21},
		{"é è à ù ì ò Ç É ñ Ñ ü Ä ß ¿¡", true, 28},
		{"Ωmega Δ", true, 7},
		{"€10 [x]", true, 10}, // € [ ] take two septets each
		{"line\nbreak", true, 10},
		{"ç", false, -1}, // only the capital Ç is in the default table
		{"ó", false, -1},
		{"ã", false, -1},
		{"ê", false, -1},
		{"â", false, -1},
		{"`", false, -1},
		{"🔥", false, -1},
		{"’", false, -1},
		{"", true, 0},
	}
	for _, tt := range tests {
		if got := sms.IsGSM7(tt.in); got != tt.want {
			t.Errorf("IsGSM7(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if got := sms.GSM7Len(tt.in); got != tt.len {
			t.Errorf("GSM7Len(%q) = %d, want %d", tt.in, got, tt.len)
		}
	}
}

func TestToGSM7(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Inundación en Bogotá", "Inundacion en Bogota"},
		{"Effondrement de bâtiment, Adjamé", "Effondrement de batiment, Adjamé"},
		{"Incêndio na Polana Caniço", "Incendio na Polana Canico"},
		{"«Côte d’Ivoire» – Abidjan…", "\"Cote d'Ivoire\" - Abidjan..."},
		{"Glisman tè, Rapò", "Glisman tè, Rapò"},
		{"🔥 moto", "🔥 moto"},
	}
	for _, tt := range tests {
		if got := sms.ToGSM7(tt.in); got != tt.want {
			t.Errorf("ToGSM7(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
