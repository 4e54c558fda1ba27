package text_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mtaa-project/mtaa/text"
)

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"spanish accents and case", "Inundación CERCA", "inundacion cerca"},
		{"apostrophe separates", "  L'eau   monte!!! ", "l eau monte"},
		{"possessive s joins", "St. Mary's Rd", "st marys rd"},
		{"curly possessive", "Andrew’s", "andrews"},
		{"emoji separates", "MOTO🔥🔥Tandale", "moto tandale"},
		{"combining accent", "e\u0301boulement", "eboulement"},
		{"creole grave", "Glisman tè", "glisman te"},
		{"ligatures and letters Unicode does not decompose", "Œil, Straße, Ærø, Łódź", "oeil strasse aero lodz"},
		{"cedilla tilde", "ça, Ñandú, São", "ca nandu sao"},
		{"cyrillic lower-cased", "Москва ПОЖАР", "москва пожар"},
		{"greek loses its accents", "Ελλάδα ΑΘΗΝΑ", "ελλαδα αθηνα"},
		{"arabic vowel marks and ta marbuta", "مَدْرَسَة النُّور", "مدرسه النور"},
		{"arabic hamza on alef", "أحمد", "احمد"},
		{"bengali vowel signs kept", "ঢাকা", "ঢাকা"},
		{"bengali composed and decomposed agree", "\u09DF", text.Fold("\u09AF\u09BC")},
		{"cjk kept", "中文 text", "中文 text"},
		{"digits and signs", "#123, STATUS 45", "123 status 45"},
		{"plus code", "6GCRPR6C+24", "6gcrpr6c 24"},
		{"blank", "\t\n", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := text.Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestFoldLatinLetters checks every letter of Latin-1 and Latin
// Extended-A (all six languages) folds to plain ASCII letters.
func TestFoldLatinLetters(t *testing.T) {
	for r := rune(0xc0); r <= 0x17f; r++ {
		if r == 0xd7 || r == 0xf7 { // × and ÷ are not letters
			continue
		}
		got := text.Fold("x" + string(r) + "y")
		if !text.IsASCII(got) || strings.Contains(got, " ") || len(got) < 3 {
			t.Errorf("Fold(%q) = %q, want one ASCII word", "x"+string(r)+"y", got)
		}
	}
}

func TestWordsSpans(t *testing.T) {
	in := "Maji  ya KISIMA, e\u0301cole l'Église"
	got := text.Words(in)
	want := []string{"maji", "ya", "kisima", "ecole", "l", "eglise"}
	if len(got) != len(want) {
		t.Fatalf("Words(%q) = %+v", in, got)
	}
	for i, w := range got {
		if w.Text != want[i] {
			t.Errorf("word %d = %q, want %q", i, w.Text, want[i])
		}
		if text.Fold(in[w.Start:w.End]) != w.Text {
			t.Errorf("span %d %q does not fold to %q", i, in[w.Start:w.End], w.Text)
		}
	}
	if in[got[3].Start:got[3].End] != "e\u0301cole" {
		t.Errorf("the combining accent is outside the span: %q", in[got[3].Start:got[3].End])
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		name, a, b  string
		limit, want int
	}{
		{"equal", "mafuriko", "mafuriko", 2, 0},
		{"one substitution", "mafuriko", "mafuruko", 2, 1},
		{"transposition is one edit", "flood", "folod", 2, 1},
		{"insertion and deletion", "hospital", "hopsitall", 2, 2},
		{"over the limit", "school", "market", 2, 3},
		{"length gap over the limit", "moto", "motorbikes", 2, 3},
		{"empty", "", "ab", 2, 2},
		{"too long to be near", string(make([]byte, 64)), string(make([]byte, 64)), 2, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := text.Distance(tt.a, tt.b, tt.limit); got != tt.want {
				t.Fatalf("Distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
			}
			if got := text.Distance(tt.b, tt.a, tt.limit); got != tt.want {
				t.Fatalf("not symmetric: %d", got)
			}
		})
	}
}

func TestSameStart(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{{"water", "waetr", true}, {"flood", "lfood", true}, {"night", "fight", false}, {"", "a", false}, {"", "", true}} {
		if got := text.SameStart(tt.a, tt.b); got != tt.want {
			t.Errorf("SameStart(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

func TestStopWords(t *testing.T) {
	for _, tt := range []struct {
		w     string
		langs []string
	}{
		{"la", []string{"fr", "sw", "es", "ht"}},
		{"the", []string{"en"}},
		{"tafadhali", []string{"sw"}},
		{"tanpri", []string{"ht"}},
		{"anko", []string{"ht"}},  // listed as "ankò"
		{"yangu", []string{"sw"}}, // possessives say Swahili ("nyumba yangu")
		{"yon", []string{"ht"}},   // the Creole article
		{"flood", nil},
	} {
		got := text.StopWordLanguages(tt.w)
		if strings.Join(got, ",") != strings.Join(tt.langs, ",") {
			t.Errorf("StopWordLanguages(%q) = %v, want %v", tt.w, got, tt.langs)
		}
		if text.IsStopWord(tt.w) != (len(tt.langs) > 0) {
			t.Errorf("IsStopWord(%q) disagrees", tt.w)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Inundación", "e\u0301\u0301 \u0301x", "Andrew's", "مَدْرَسَة", "\xff\xfe", "’s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := text.Fold(s)
		if text.Fold(n) != n {
			t.Errorf("Fold not idempotent: %q -> %q -> %q", s, n, text.Fold(n))
		}
		for _, w := range text.Words(s) {
			if w.Start < 0 || w.End > len(s) || w.Start >= w.End || w.Text == "" || strings.Contains(w.Text, " ") {
				t.Fatalf("bad word %+v of %q", w, s)
			}
			if utf8.ValidString(s) && (!utf8.RuneStart(s[w.Start]) || w.End < len(s) && !utf8.RuneStart(s[w.End])) {
				t.Errorf("span [%d:%d] splits a rune of %q", w.Start, w.End, s)
			}
		}
	})
}

func TestTruncateBytes(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"maji", 10, "maji"}, {"maji", 2, "ma"}, {"né", 2, "n"}, {"né", 3, "né"}, {"", 0, ""}, {"é", 0, ""},
	} {
		if got := text.TruncateBytes(tt.in, tt.n); got != tt.want {
			t.Errorf("TruncateBytes(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestShorten(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"Maji", 4, "Maji"}, {"Water and food", 11, "Water and…"}, {"Huduma ya afya", 8, "Huduma…"}, {"éèêë", 3, "éè…"},
	} {
		if got := text.Shorten(tt.in, tt.n); got != tt.want {
			t.Errorf("Shorten(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
