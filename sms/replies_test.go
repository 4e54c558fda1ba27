package sms_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
)

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
		if l := sms.DefaultReplies().StatusLabel(lang, string(s)); len(l) > len(longestStatus) {
			longestStatus = l
		}
	}
	const ref = uint64(1234567)
	switch key {
	case sms.ReplyReportReceived, sms.ReplyPlaceCorrected, sms.ReplyPlaceSame:
		return []any{ref, longestLabel, "Soko la Tandale, Mtaa wa Mwembeni"}
	case sms.ReplyAskPlace, sms.ReplyNoted, sms.ReplyPlaceUnknown:
		return []any{longestLabel}
	case sms.ReplyConfirmPlace:
		return []any{longestLabel, "Soko la Tandale, Mtaa wa Mwembeni"}
	case sms.ReplyAskCategory, sms.ReplyAskCategoryAgain:
		return []any{"1 Water supply, 2 Food needed, 3 Shelter needed"}
	case sms.ReplyAskCategoryAt:
		return []any{"Soko la Tandale", "1 Water supply, 2 Food needed, 3 Shelter needed"}
	case sms.ReplyChoosePlace:
		return []any{"1 Soko la Tandale, 2 Shule ya Msingi Tandale, 3 Tandale Sokoni"}
	case sms.ReplyStatus:
		return []any{ref, longestStatus, longestLabel}
	case sms.ReplyPlaceNoted, sms.ReplyCategoryCorrected, sms.ReplyCategoryNoted, sms.ReplyCorrectionWhat, sms.ReplyCategorySame:
		return []any{ref, longestLabel}
	case sms.ReplyNotFound, sms.ReplyPhotoAdded:
		return []any{ref}
	case sms.ReplyJoined, sms.ReplyRejoined:
		return []any{"Mwananyamala Kisiwani"}
	case sms.ReplyJoinUnknown:
		return []any{"Kwa Mama Ntilie karibu na"}
	}
	return nil
}

// cityExamples are examples as long as a real city's.
var cityExamples = sms.Examples{Landmark: "Marche Zinc, Pikine", Area: "Guediawaye", PlusCode: "796RWF8Q+WF"}

func TestRepliesInEveryLanguage(t *testing.T) {
	r := sms.DefaultReplies()
	if got, want := strings.Join(r.Languages(), " "), "en sw fr pt es ht ur"; got != want {
		t.Fatalf("languages %q, want %q", got, want)
	}
	for _, key := range sms.ReplyKeys() {
		en := r.Text("en", key, cityExamples, replyArgs(t, "en", key)...)
		if en == "" {
			t.Errorf("%s: no English text", key)
		}
		for _, lang := range r.Languages() {
			t.Run(lang+"/"+key, func(t *testing.T) {
				args := replyArgs(t, lang, key)
				got := r.Text(lang, key, cityExamples, args...)
				if lang != "en" && got == en && key != sms.ReplyExamplePlusCode {
					t.Errorf("falls back to English")
				}
				if strings.Contains(got, "%!") || strings.Contains(got, "{") {
					t.Errorf("bad format: %q", got)
				}
				if !sms.IsGSM7(got) {
					t.Errorf("not GSM-7: %q", got)
				}
				if n := sms.GSM7Len(got); n > 160 {
					t.Errorf("%d characters, more than one SMS: %q", n, got)
				}
				// The templates themselves are GSM-7, before any folding:
				// pure ASCII plus the accents of the default table.
				if tmpl := r.Template(lang, key); !sms.IsGSM7(tmpl) {
					t.Errorf("template is not GSM-7: %q", tmpl)
				}
			})
		}
	}
}

// TestRepliesNameNoOtherCity: the built-in texts carry no example of a
// particular city; {landmark}, {area} and {plus_code} are the deployment's.
func TestRepliesNameNoOtherCity(t *testing.T) {
	b := sms.DefaultRepliesJSON()
	for _, city := range []string{"Tandale", "Mwembeni", "Adjam", "Solino", "Kennedy", "Maxaquene", "6GCRPR6C", "67P7W2Q3", "7C6X8C2V"} {
		if strings.Contains(string(b), city) {
			t.Errorf("the built-in replies mention %q", city)
		}
	}
	r := sms.DefaultReplies()
	help := r.Text("fr", sms.ReplyHelp, cityExamples)
	if !strings.Contains(help, "Marché Zinc, Pikine") && !strings.Contains(help, "Marche Zinc, Pikine") || !strings.Contains(help, "JOIN Guediawaye") {
		t.Errorf("help without the city's examples: %q", help)
	}
	ask := r.Text("en", sms.ReplyAskPlace, cityExamples, "Fire")
	if !strings.Contains(ask, "796RWF8Q+WF") {
		t.Errorf("ask-place without the city's plus code: %q", ask)
	}
	// Without an extract: the language's own generic words.
	if got := r.Text("sw", sms.ReplyHelp, sms.Examples{}); !strings.Contains(got, "soko kuu") || !strings.Contains(got, "JOIN eneo lako") {
		t.Errorf("help without examples: %q", got)
	}
	// A % in a place name is text, not a verb.
	if got := r.Text("en", sms.ReplyHelp, sms.Examples{Landmark: "100% Market"}); !strings.Contains(got, "100% Market") {
		t.Errorf("percent in an example: %q", got)
	}
}

func TestReplyExamples(t *testing.T) {
	r := sms.DefaultReplies()
	got := r.Text("sw", sms.ReplyReportReceived, cityExamples, uint64(123), "Mafuriko", "Soko la Tandale")
	if want := "Asante! Ripoti #123 (Mafuriko) imepokelewa: karibu na Soko la Tandale."; !strings.HasPrefix(got, want) {
		t.Errorf("got %q, want it to start with %q", got, want)
	}
	for _, lang := range r.Languages() {
		if got := r.Text(lang, sms.ReplyStatus, cityExamples, uint64(77), r.StatusLabel(lang, "resolved"), "Fire"); !strings.Contains(got, "#77") {
			t.Errorf("%s status reply has no #77: %q", lang, got)
		}
		if got := r.Text(lang, sms.ReplyReportReceived, cityExamples, uint64(78), "Fire", "X"); !strings.Contains(got, "#78") {
			t.Errorf("%s report reply has no #78: %q", lang, got)
		}
	}
	if got, want := r.Text("de", sms.ReplyHelp, cityExamples), r.Text("en", sms.ReplyHelp, cityExamples); got != want {
		t.Errorf("unknown language: %q, want English %q", got, want)
	}
	if got := r.Text("sw", "no_such_key", cityExamples); got != "" {
		t.Errorf("unknown key: %q", got)
	}
	// A French label outside GSM-7 is folded rather than forcing UCS-2.
	got = r.Text("fr", sms.ReplyReportReceived, cityExamples, uint64(5), "Effondrement de bâtiment", "Côte d’Ivoire")
	if !sms.IsGSM7(got) || !strings.Contains(got, "Effondrement de batiment") || !strings.Contains(got, "Cote d'Ivoire") {
		t.Errorf("not folded to GSM-7: %q", got)
	}
}

func TestStatusLabel(t *testing.T) {
	r := sms.DefaultReplies()
	for _, lang := range r.Languages() {
		seen := map[string]bool{}
		for _, s := range data.Statuses {
			l := r.StatusLabel(lang, string(s))
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
	if got := r.StatusLabel("xx", "verified"); got != r.StatusLabel("en", "verified") {
		t.Errorf("unknown language: %q", got)
	}
	if got := r.StatusLabel("sw", "archived"); got != "archived" {
		t.Errorf("unknown status: %q", got)
	}
}

// editReplies returns the built-in file changed by edit, as JSON.
func editReplies(t *testing.T, edit func(f map[string]any)) []byte {
	t.Helper()
	var f map[string]any
	if err := json.Unmarshal(sms.DefaultRepliesJSON(), &f); err != nil {
		t.Fatal(err)
	}
	edit(f)
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func texts(f map[string]any, lang string) map[string]any {
	return f["replies"].(map[string]any)[lang].(map[string]any)
}

// TestRepliesFileValidation: a city's replies file is checked at start-up,
// with errors naming the language and the key.
func TestRepliesFileValidation(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(f map[string]any)
		wants []string // in the error; none: valid
	}{
		{"built in", func(map[string]any) {}, nil},
		{"missing key", func(f map[string]any) { delete(texts(f, "fr"), "ask_place") }, []string{`"fr"`, `"ask_place"`, "missing"}},
		{"unknown key", func(f map[string]any) { texts(f, "sw")["ask_plac"] = "x" }, []string{`"sw"`, `"ask_plac"`, "unknown"}},
		{"wrong verb", func(f map[string]any) { texts(f, "pt")["not_found"] = "Nada #%s" }, []string{`"pt"`, `"not_found"`, "%d"}},
		{"argument unused", func(f map[string]any) { texts(f, "es")["status"] = "Reporte #%[1]d: %[2]s." }, []string{`"es"`, `"status"`, "argument 3"}},
		{"argument too many", func(f map[string]any) { texts(f, "en")["joined"] = "%s %s" }, []string{`"en"`, `"joined"`, "argument 2"}},
		{"unknown placeholder", func(f map[string]any) { texts(f, "ht")["help"] = "Voye {city}" }, []string{`"ht"`, `"help"`, "{city}"}},
		{"language without replies", func(f map[string]any) {
			f["languages"] = append(f["languages"].([]any), "wo")
		}, []string{`"wo"`, "missing"}},
		{"replies in an unlisted language", func(f map[string]any) {
			f["replies"].(map[string]any)["de"] = texts(f, "en")
		}, []string{`"de"`, "not in languages"}},
		{"missing status", func(f map[string]any) {
			delete(f["statuses"].(map[string]any)["fr"].(map[string]any), "resolved")
		}, []string{`"fr"`, `"resolved"`}},
		{"a city adds Wolof", func(f map[string]any) {
			f["languages"] = append(f["languages"].([]any), "wo")
			wo := map[string]any{}
			for k, v := range texts(f, "fr") {
				wo[k] = v
			}
			wo["ask_place"] = "%s: fan la? Tontul ak benn mbir bu ñu xam (ci misaal {landmark})."
			f["replies"].(map[string]any)["wo"] = wo
			f["statuses"].(map[string]any)["wo"] = f["statuses"].(map[string]any)["fr"]
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := sms.ParseReplies(editReplies(t, tt.edit))
			if tt.wants == nil {
				if err != nil {
					t.Fatal(err)
				}
				if tt.name == "a city adds Wolof" && (!r.Has("wo") || !strings.Contains(r.Text("wo", sms.ReplyAskPlace, cityExamples, "Fire"), "fan la")) {
					t.Errorf("Wolof not used: %q", r.Text("wo", sms.ReplyAskPlace, cityExamples, "Fire"))
				}
				return
			}
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %s", err, w)
				}
			}
		})
	}
	for _, bad := range []string{"", "{", `{"version": 2, "languages": ["en"]}`, `{"version": 1}`, `{"version": 1, "languages": ["EN"]}`, `{"version": 1, "extra": 1}`} {
		if _, err := sms.ParseReplies([]byte(bad)); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func TestLoadReplies(t *testing.T) {
	if r, err := sms.LoadReplies(""); err != nil || r != sms.DefaultReplies() {
		t.Fatalf("built in: %v", err)
	}
	path := filepath.Join(t.TempDir(), "replies.json")
	b := editReplies(t, func(f map[string]any) { texts(f, "en")["help"] = "Send what and where, e.g. FIRE near {landmark}." })
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := sms.LoadReplies(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Text("en", sms.ReplyHelp, cityExamples); got != "Send what and where, e.g. FIRE near Marche Zinc, Pikine." {
		t.Errorf("edited help: %q", got)
	}
	if _, err := sms.LoadReplies(filepath.Join(t.TempDir(), "none.json")); err == nil {
		t.Error("a missing file was accepted")
	}
	if err := os.WriteFile(path, []byte(`{"version": 1, "languages": ["en"], "replies": {"en": {}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := sms.LoadReplies(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("error %v does not name the file", err)
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

// TestRepliesFileWithoutPhotoKeys: a city's file written before the photo
// replies and the answers to greetings and thanks existed still loads;
// those replies are the built-in ones in each of its languages (English
// for a language the built-in file lacks), and a file that has them uses
// its own.
func TestRepliesFileWithoutPhotoKeys(t *testing.T) {
	photoKeys := []string{sms.ReplyPhotoKept, sms.ReplyPhotoAdded, sms.ReplyOnePhoto, sms.ReplyMediaNotKept, sms.ReplyWelcome, sms.ReplyThanks, sms.ReplyNoted}
	r, err := sms.ParseReplies(editReplies(t, func(f map[string]any) {
		f["languages"] = append(f["languages"].([]any), "wo")
		wo := map[string]any{}
		for k, v := range texts(f, "fr") {
			wo[k] = v
		}
		f["replies"].(map[string]any)["wo"] = wo
		f["statuses"].(map[string]any)["wo"] = f["statuses"].(map[string]any)["fr"]
		for _, lang := range []string{"en", "sw", "fr", "pt", "es", "ht", "wo"} {
			for _, k := range photoKeys {
				delete(texts(f, lang), k)
			}
		}
		texts(f, "sw")[sms.ReplyOnePhoto] = "Picha ya kwanza tu."
	}))
	if err != nil {
		t.Fatal(err)
	}
	def := sms.DefaultReplies()
	for _, k := range photoKeys {
		for _, c := range []struct{ lang, from string }{{"fr", "fr"}, {"ht", "ht"}, {"wo", "en"}} {
			if got, want := r.Template(c.lang, k), def.Template(c.from, k); got != want || got == "" {
				t.Errorf("%s %s: %q, want the built-in %q", c.lang, k, got, want)
			}
		}
	}
	if got := r.Template("sw", sms.ReplyOnePhoto); got != "Picha ya kwanza tu." {
		t.Errorf("the city's own text was replaced: %q", got)
	}
	if _, err := sms.ParseReplies(editReplies(t, func(f map[string]any) { texts(f, "fr")[sms.ReplyPhotoAdded] = "Photo %s" })); err == nil {
		t.Error("a photo reply with the wrong verb was accepted")
	}
}
