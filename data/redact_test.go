package data_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/data"
)

func TestRedactContacts(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"local number", "maji yamekatika, piga 0712345678", "maji yamekatika, piga [phone]"},
		{"grouped local", "call 0712 345 678.", "call [phone]."},
		{"hyphens", "0712-345-678 anytime", "[phone] anytime"},
		{"international", "contact +255 712 345 678 or +255712345678", "contact [phone] or [phone]"},
		{"without plus", "namba 255712345678", "namba [phone]"},
		{"parentheses", "ring (555) 123-4567 now", "ring [phone] now"},
		{"dotted", "0712.345.678", "[phone]"},
		{"e-mail", "write to juma.k+maji@example.co.tz.", "write to [e-mail]."},
		{"both", "a@b.org / 0755 000 111", "[e-mail] / [phone]"},
		{"colon and comma", "0712 345 678: no water, 0755123456, 0713000111/0713000222", "[phone]: no water, [phone], [phone]/[phone]"},
		{"in brackets", "(0712345678) (+255 712 345 678)", "([phone]) ([phone])"},

		{"date", "since 2026-12-06 14:30", "since 2026-12-06 14:30"},
		{"european date", "tangu 06.12.2026 saa 3", "tangu 06.12.2026 saa 3"},
		{"slash date", "06/12/2026", "06/12/2026"},
		{"report id", "same as report #12345 and 987654", "same as report #12345 and 987654"},
		{"osm id", "way 123456789", "way 123456789"},
		{"coordinates", "-6.8123456, 39.2345678", "-6.8123456, 39.2345678"},
		{"coordinates with space", "-6.81234 39.23456", "-6.81234 39.23456"},
		{"plus code", "6GCRPR6C+24 Tandale", "6GCRPR6C+24 Tandale"},
		{"short plus code", "PR6C+24", "PR6C+24"},
		{"price commas", "TSh 1,500,000/=", "TSh 1,500,000/="},
		{"price spaces", "gharama 1 500 000 shilingi", "gharama 1 500 000 shilingi"},
		{"time", "12:30:45", "12:30:45"},
		{"date and time", "2026-12-06T14:30:00Z", "2026-12-06T14:30:00Z"},
		{"long decimal", "3.14159265358979", "3.14159265358979"},
		{"word with digits", "M1234567890x", "M1234567890x"},
		{"at sign alone", "meet @ the well", "meet @ the well"},
		{"handle", "@juma_tz says", "@juma_tz says"},
		{"no tld", "user@localhost", "user@localhost"},
		{"unicode", "Ñandú 0712345678 水", "Ñandú [phone] 水"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(data.RedactContacts([]byte(tt.in))); got != tt.want {
				t.Errorf("RedactContacts(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestRedactContactsKeepsCleanText: text without contact details is
// returned as it is, without a copy.
func TestRedactContactsKeepsCleanText(t *testing.T) {
	in := []byte("hakuna maji tangu jana, 2026-12-06")
	if got := data.RedactContacts(in); &got[0] != &in[0] {
		t.Error("clean text was copied")
	}
}

func FuzzRedactContacts(f *testing.F) {
	for _, s := range []string{"0712 345 678", "a@b.co", "+1 (555) 123-4567", "2026-12-06", "(((", "+", "@@.."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := data.RedactContacts([]byte(s))
		if again := data.RedactContacts(out); string(again) != string(out) {
			t.Errorf("redacting twice changes %q: %q then %q", s, out, again)
		}
	})
}

// BenchmarkRedactContacts: a typical description without contact details
// (the common case: scanned, not copied) and one with a number and an
// address.
func BenchmarkRedactContacts(b *testing.B) {
	for _, bc := range []struct{ name, text string }{
		{"clean", "Mtaro umeziba karibu na soko la Tandale tangu 2026-12-01, maji yanaingia nyumbani kwa watu 40."},
		{"contacts", "Mtaro umeziba karibu na soko la Tandale. Nipigie 0712 345 678 au juma@example.co.tz kwa maelezo."},
	} {
		b.Run(bc.name, func(b *testing.B) {
			in := []byte(bc.text)
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				data.RedactContacts(in)
			}
		})
	}
}
