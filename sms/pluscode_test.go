package sms_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/mtaa-project/mtaa/sms"
)

// The expected centres below were computed by hand from the specification:
// each pair digit adds value*20, *1, /20, /400, /8000 degrees to -90 (lat)
// or -180 (lon); grid digit v adds row v/4 of 5 and column v%4 of 4; the
// centre is half a cell up and right of the south-west corner.
func TestPlusCodeDecode(t *testing.T) {
	tests := []struct {
		name     string
		code     string
		want     orb.Point // lon, lat
		wantSize float64   // metres, larger side
		tol      float64   // metres
	}{
		// 6=4 G=10 C=8 R=16 M=13 Q=15 R=16 G=10 6=4 R=16:
		// lat -90+80+8+0.65+0.04+0.0005+0.0000625, lon -180+200+16+0.75+0.025+0.002+0.0000625.
		// Kibera, Nairobi (not Dar es Salaam).
		{name: "10 digits Nairobi", code: "6GCRMQRG+6R", want: orb.Point{36.7770625, -1.3094375}, wantSize: 13.9, tol: 0.01},
		// Spec example: centre 47.365562, 8.524813.
		{name: "spec example Zurich", code: "8FVC9G8F+6W", want: orb.Point{8.5248125, 47.3655625}, wantSize: 13.9, tol: 0.01},
		{name: "lower case", code: "8fvc9g8f+6w", want: orb.Point{8.5248125, 47.3655625}, wantSize: 13.9, tol: 0.01},
		// Dar es Salaam city centre, -6.8123, 39.2567.
		{name: "10 digits Dar es Salaam", code: "6G5X57Q4+3M", want: orb.Point{39.2566875, -6.8123125}, wantSize: 13.9, tol: 0.01},
		// X=19: row 4, column 3 of the 10-digit cell.
		{name: "11 digits grid", code: "6G5X57Q4+3MX", want: orb.Point{39.256734375, -6.8122625}, wantSize: 3.45, tol: 0.01},
		// Four more grid digits 2=0 (row 0, column 0): half of the 15-digit
		// cell (1/2.5e7 by 1/8.192e6 degrees) above the corner.
		{name: "15 digits", code: "6G5X57Q4+3MX2222", want: orb.Point{39.25671875 + 0.5/8.192e6, -6.812275 + 0.5/2.5e7}, wantSize: 0.0135, tol: 0.001},
		{name: "padded 2 digits", code: "6G000000+", want: orb.Point{30, 0}, wantSize: 2_200_000, tol: 1},
		{name: "padded 4 digits", code: "6G5X0000+", want: orb.Point{39.5, -6.5}, wantSize: 111_000, tol: 1},
		{name: "8 digits", code: "6G5X57Q4+", want: orb.Point{39.25625, -6.81125}, wantSize: 278, tol: 0.01},
		{name: "north-east cell", code: "CVXXXXXX+XX", want: orb.Point{180 - 1.0/16000, 90 - 1.0/16000}, wantSize: 14, tol: 0.01},
		{name: "south-west cell", code: "22222222+22", want: orb.Point{-180 + 1.0/16000, -90 + 1.0/16000}, wantSize: 14, tol: 0.01},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, size, err := sms.PlusCode{Code: tt.code}.Decode()
			if err != nil {
				t.Fatalf("Decode(%q): %v", tt.code, err)
			}
			if d := geo.Distance(got, tt.want); d > tt.tol {
				t.Errorf("Decode(%q) = %v, want %v (%.4f m away)", tt.code, got, tt.want, d)
			}
			if math.Abs(size-tt.wantSize) > tt.wantSize*0.02 {
				t.Errorf("Decode(%q) size = %.3f m, want about %.3f m", tt.code, size, tt.wantSize)
			}
		})
	}
}

func TestPlusCodeEncode(t *testing.T) {
	tests := []struct {
		name   string
		p      orb.Point
		digits int
		want   string
	}{
		// lat+90 = 83.1877: 4, 3, 3.754->3, 15.08->15, 1.6->1 = 6 5 5 Q 3;
		// lon+180 = 219.2567: 10, 19, 5.134->5, 2.68->2, 13.6->13 = G X 7 4 M.
		{name: "Dar es Salaam 10", p: orb.Point{39.2567, -6.8123}, digits: 10, want: "6G5X57Q4+3M"},
		{name: "Dar es Salaam 8", p: orb.Point{39.2567, -6.8123}, digits: 8, want: "6G5X57Q4+"},
		{name: "Dar es Salaam 4", p: orb.Point{39.2567, -6.8123}, digits: 4, want: "6G5X0000+"},
		{name: "Dar es Salaam 2", p: orb.Point{39.2567, -6.8123}, digits: 2, want: "6G000000+"},
		{name: "spec example", p: orb.Point{8.524813, 47.365562}, digits: 10, want: "8FVC9G8F+6W"},
		{name: "grid digit", p: orb.Point{39.256734375, -6.8122625}, digits: 11, want: "6G5X57Q4+3MX"},
		{name: "south-west corner", p: orb.Point{-180, -90}, digits: 10, want: "22222222+22"},
		// Latitude 90 lies in the topmost cell; longitude 180 is -180.
		{name: "north pole", p: orb.Point{0, 90}, digits: 10, want: "CFX2X2X2+X2"},
		{name: "longitude 180", p: orb.Point{180, 0}, digits: 10, want: "62G22222+22"},
		{name: "latitude clipped", p: orb.Point{0, 120}, digits: 10, want: "CFX2X2X2+X2"},
		{name: "longitude wrapped", p: orb.Point{360 + 39.2567, -6.8123}, digits: 10, want: "6G5X57Q4+3M"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sms.EncodePlusCode(tt.p, tt.digits)
			if err != nil {
				t.Fatalf("EncodePlusCode(%v, %d): %v", tt.p, tt.digits, err)
			}
			if got != tt.want {
				t.Errorf("EncodePlusCode(%v, %d) = %q, want %q", tt.p, tt.digits, got, tt.want)
			}
		})
	}
}

func TestPlusCodeEncodeErrors(t *testing.T) {
	tests := []struct {
		name   string
		p      orb.Point
		digits int
	}{
		{name: "odd short length", p: orb.Point{39, -6}, digits: 9},
		{name: "too short", p: orb.Point{39, -6}, digits: 0},
		{name: "too long", p: orb.Point{39, -6}, digits: 16},
		{name: "NaN", p: orb.Point{math.NaN(), -6}, digits: 10},
		{name: "Inf", p: orb.Point{39, math.Inf(1)}, digits: 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := sms.EncodePlusCode(tt.p, tt.digits); !errors.Is(err, sms.ErrInvalidPlusCode) {
				t.Errorf("EncodePlusCode(%v, %d) = %q, %v; want ErrInvalidPlusCode", tt.p, tt.digits, got, err)
			}
		})
	}
}

func TestPlusCodeRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, digits := range []int{2, 4, 6, 8, 10, 11, 12, 13, 14, 15} {
		for range 2000 {
			p := orb.Point{rng.Float64()*360 - 180, rng.Float64()*180 - 90}
			code, err := sms.EncodePlusCode(p, digits)
			if err != nil {
				t.Fatalf("EncodePlusCode(%v, %d): %v", p, digits, err)
			}
			centre, size, err := sms.PlusCode{Code: code}.Decode()
			if err != nil {
				t.Fatalf("Decode(%q): %v", code, err)
			}
			// The centre is within half a cell of p, and encodes to the same code.
			if d := geo.Distance(p, centre); d > size*0.75 {
				t.Fatalf("%v -> %q -> %v: %.3f m away, cell %.3f m", p, code, centre, d, size)
			}
			again, err := sms.EncodePlusCode(centre, digits)
			if err != nil || again != code {
				t.Fatalf("%v -> %q -> %v -> %q, %v", p, code, centre, again, err)
			}
		}
	}
}

func TestPlusCodeDecodeShort(t *testing.T) {
	_, _, err := sms.PlusCode{Code: "MQRG+6R", Short: true}.Decode()
	if !errors.Is(err, sms.ErrShortPlusCode) {
		t.Errorf("Decode(short) error = %v, want ErrShortPlusCode", err)
	}
}

func TestPlusCodeInvalid(t *testing.T) {
	tests := []struct {
		name string
		code string
	}{
		{name: "empty", code: ""},
		{name: "separator only", code: "+"},
		{name: "no separator", code: "6GCRMQRG6R"},
		{name: "separator at odd position", code: "6GCRMQR+G6R"},
		{name: "separator after nine", code: "6GCRMQRGX+6R"},
		{name: "separator first", code: "+6GCRMQRG"},
		{name: "separator first short", code: "+6GCRMQ"},
		{name: "two separators", code: "6GCRMQRG+6R+"},
		{name: "one digit after separator", code: "6GCRMQRG+6"},
		{name: "bad character B", code: "6GCRMQRG+6B"},
		{name: "bad character 1", code: "6GCRMQ1G+6R"},
		{name: "bad character O", code: "6GCROQRG+6R"},
		{name: "non-ASCII", code: "6GCRMQRG+6Ŕ"},
		{name: "sixteen digits", code: "6GCRMQRG+6RXXXXXX"},
		{name: "padding at start", code: "00000000+"},
		{name: "padding at odd position", code: "6GC00000+"},
		{name: "digits inside padding", code: "6G00RG00+"},
		{name: "padding not up to separator", code: "6G0000RG+"},
		{name: "digits after padding", code: "6GCR0000+6R"},
		{name: "padded short code", code: "MQ00+"},
		{name: "short without digits after", code: "MQRG+"},
		{name: "short with one digit after", code: "MQRG+6"},
		{name: "latitude digit too large", code: "FGCRMQRG+6R"},
		{name: "latitude digit X", code: "XGCRMQRG+6R"},
		{name: "longitude digit too large", code: "6WCRMQRG+6R"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p, _, err := (sms.PlusCode{Code: tt.code}).Decode(); !errors.Is(err, sms.ErrInvalidPlusCode) {
				t.Errorf("Decode(%q) = %v, %v; want ErrInvalidPlusCode", tt.code, p, err)
			}
			if p, _, err := (sms.PlusCode{Code: tt.code}).Recover(orb.Point{39.27, -6.8}); !errors.Is(err, sms.ErrInvalidPlusCode) {
				t.Errorf("Recover(%q) = %v, %v; want ErrInvalidPlusCode", tt.code, p, err)
			}
			if pc, ok := sms.FindPlusCode("hapa " + tt.code + " tafadhali"); ok && pc.Code == strings.ToUpper(tt.code) {
				t.Errorf("FindPlusCode found invalid %q", tt.code)
			}
		})
	}
}

func TestPlusCodeRecover(t *testing.T) {
	tests := []struct {
		name string
		code string
		ref  orb.Point
		want orb.Point
	}{
		// The specification's shortening table for 8FVC9G8F+6W.
		{name: "spec 6 removed", code: "8F+6W", ref: orb.Point{8.537562, 47.373313}, want: orb.Point{8.5248125, 47.3655625}},
		{name: "spec 4 removed", code: "9G8F+6W", ref: orb.Point{8.556687, 47.339563}, want: orb.Point{8.5248125, 47.3655625}},
		{name: "spec 2 removed", code: "VC9G8F+6W", ref: orb.Point{8.440688, 47.985187}, want: orb.Point{8.5248125, 47.3655625}},
		{name: "full code ignores reference", code: "8FVC9G8F+6W", ref: orb.Point{-9.064937, 38.800562}, want: orb.Point{8.5248125, 47.3655625}},
		// Dar es Salaam from the city centre.
		{name: "Dar es Salaam", code: "57Q4+3M", ref: orb.Point{39.27, -6.80}, want: orb.Point{39.2566875, -6.8123125}},
		// Prefix from the reference is 6G5X: 6G5X MQRG+6R is at lon 39.777,
		// 0.507° east of the reference, more than half a degree, so the
		// cell one degree west (38.777) is nearer.
		{name: "nearer cell to the west", code: "MQRG+6R", ref: orb.Point{39.27, -6.80}, want: orb.Point{38.7770625, -6.3094375}},
		{name: "nearer cell to the south", code: "57Q4+3M", ref: orb.Point{39.2, -7.4}, want: orb.Point{39.2566875, -7.8123125}},
		// Reference -6.0 is on a cell edge: prefix 6G6X, lat -5.8123125, is
		// 0.19° away, nearer than the match in the reference's south cell.
		{name: "reference on a cell edge", code: "57Q4+3M", ref: orb.Point{39.2, -6.0}, want: orb.Point{39.2566875, -5.8123125}},
		// Reference 179.9: prefix 6VGX gives lon 179.0000625, more than half
		// a degree west, so the code moves east across the antimeridian.
		{name: "across 180 eastwards", code: "2222+22", ref: orb.Point{179.9, 0}, want: orb.Point{-180 + 1.0/16000, 1.0 / 16000}},
		{name: "across 180 westwards", code: "XXXX+XX", ref: orb.Point{-179.9, 0.5}, want: orb.Point{180 - 1.0/16000, 1 - 1.0/16000}},
		// Reference 89.9: prefix CFX2 gives lat 89.0000625; the cell to the
		// north would be beyond the pole, so it stays.
		{name: "not beyond the north pole", code: "2222+22", ref: orb.Point{0, 89.9}, want: orb.Point{1.0 / 16000, 89 + 1.0/16000}},
		// Reference -89.9: prefix 2F22 gives lat -89.0000625; south of it
		// would be beyond the pole. In longitude, 0.9999375 is more than half
		// a degree east of 0, so the match one degree west is taken.
		{name: "not beyond the south pole", code: "XXXX+XX", ref: orb.Point{0, -89.9}, want: orb.Point{-1.0 / 16000, -89 - 1.0/16000}},
		{name: "reference latitude clipped", code: "2222+22", ref: orb.Point{0, 100}, want: orb.Point{1.0 / 16000, 89 + 1.0/16000}},
		{name: "reference longitude wrapped", code: "57Q4+3M", ref: orb.Point{39.27 - 360, -6.80}, want: orb.Point{39.2566875, -6.8123125}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := sms.PlusCode{Code: tt.code}.Recover(tt.ref)
			if err != nil {
				t.Fatalf("Recover(%q, %v): %v", tt.code, tt.ref, err)
			}
			if d := geo.Distance(got, tt.want); d > 0.01 {
				t.Errorf("Recover(%q, %v) = %v, want %v (%.3f m away)", tt.code, tt.ref, got, tt.want, d)
			}
		})
	}
}

// TestPlusCodeRecoverNearest checks the spec's promise: a code shortened by
// n digits is recovered from any reference closer than half the removed
// resolution, including across the antimeridian.
func TestPlusCodeRecoverNearest(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, removed := range []int{2, 4, 6} {
		res := math.Pow(20, float64(2-removed/2))
		for i := range 3000 {
			p := orb.Point{rng.Float64()*360 - 180, rng.Float64()*160 - 80}
			if i%10 == 0 {
				p[0] = 180 - rng.Float64()*res/4 // near the antimeridian
			}
			code, err := sms.EncodePlusCode(p, 10)
			if err != nil {
				t.Fatal(err)
			}
			want, _, _ := sms.PlusCode{Code: code}.Decode()
			// Stay a cell short of half the resolution.
			off := func() float64 { return (rng.Float64()*2 - 1) * (res/2 - 1.0/4000) }
			ref := orb.Point{want[0] + off(), want[1] + off()}
			got, _, err := sms.PlusCode{Code: code[removed:]}.Recover(ref)
			if err != nil {
				t.Fatalf("Recover(%q, %v): %v", code[removed:], ref, err)
			}
			if d := geo.Distance(got, want); d > 0.01 {
				t.Fatalf("Recover(%q, %v) = %v, want %v (%s)", code[removed:], ref, got, want, code)
			}
		}
	}
}

func TestPlusCodeRecoverBadReference(t *testing.T) {
	if _, _, err := (sms.PlusCode{Code: "MQRG+6R"}).Recover(orb.Point{math.NaN(), 0}); !errors.Is(err, sms.ErrInvalidPlusCode) {
		t.Errorf("Recover(NaN reference) error = %v, want ErrInvalidPlusCode", err)
	}
}

func TestFindPlusCode(t *testing.T) {
	tests := []struct {
		name string
		text string
		want sms.PlusCode // Start/End checked through span
		span string
	}{
		{name: "full code in Swahili", text: "Mafuriko hapa 6GCRMQRG+6R tafadhali", want: sms.PlusCode{Code: "6GCRMQRG+6R"}, span: "6GCRMQRG+6R"},
		{name: "lower case", text: "moto 6gcrmqrg+6r", want: sms.PlusCode{Code: "6GCRMQRG+6R"}, span: "6gcrmqrg+6r"},
		{name: "short with locality", text: "MQRG+6R Dar es Salaam", want: sms.PlusCode{Code: "MQRG+6R", Short: true, Locality: "Dar es Salaam"}, span: "MQRG+6R"},
		{name: "Google Maps share", text: "Kuna moto hapa: 57Q4+3M, Dar es Salaam, Tanzania", want: sms.PlusCode{Code: "57Q4+3M", Short: true, Locality: "Dar es Salaam"}, span: "57Q4+3M"},
		{name: "locality ends at sentence", text: "Inondation 57Q4+3M Kigogo. Urgent!", want: sms.PlusCode{Code: "57Q4+3M", Short: true, Locality: "Kigogo"}, span: "57Q4+3M"},
		{name: "locality capped at six words", text: "57Q4+3M a b c d e f g h", want: sms.PlusCode{Code: "57Q4+3M", Short: true, Locality: "a b c d e f"}, span: "57Q4+3M"},
		{name: "short without locality", text: "Inundação em 57Q4+3M", want: sms.PlusCode{Code: "57Q4+3M", Short: true}, span: "57Q4+3M"},
		{name: "six removed", text: "8F+6W near the river", want: sms.PlusCode{Code: "8F+6W", Short: true, Locality: "near the river"}, span: "8F+6W"},
		{name: "11 digits", text: "Inondasyon 6G5X57Q4+3MX", want: sms.PlusCode{Code: "6G5X57Q4+3MX"}, span: "6G5X57Q4+3MX"},
		{name: "padded", text: "zone 6G5X0000+ entière", want: sms.PlusCode{Code: "6G5X0000+"}, span: "6G5X0000+"},
		{name: "in a link", text: "https://plus.codes/6G5X57Q4+3M", want: sms.PlusCode{Code: "6G5X57Q4+3M"}, span: "6G5X57Q4+3M"},
		{name: "after an invalid one", text: "C++ 22+33 then 6G5X57Q4+3M", want: sms.PlusCode{Code: "6G5X57Q4+3M"}, span: "6G5X57Q4+3M"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := sms.FindPlusCode(tt.text)
			if !ok {
				t.Fatalf("FindPlusCode(%q) found nothing", tt.text)
			}
			if got.Code != tt.want.Code || got.Short != tt.want.Short || got.Locality != tt.want.Locality {
				t.Errorf("FindPlusCode(%q) = %+v, want %+v", tt.text, got, tt.want)
			}
			if span := tt.text[got.Start:got.End]; span != tt.span {
				t.Errorf("FindPlusCode(%q) span = %q, want %q", tt.text, span, tt.span)
			}
		})
	}
}

func TestFindPlusCodeNone(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{name: "empty", text: ""},
		{name: "phone number", text: "nipigie +255 712 345 678"},
		{name: "sum", text: "watu 22+33 wamehama"},
		{name: "all digit short code", text: "2345+67"},
		{name: "plus sign count", text: "watu 20+ wamejeruhiwa"},
		{name: "grade", text: "A+ grade"},
		{name: "language", text: "C++"},
		{name: "code inside a word", text: "ref6GCRMQRG+6R"},
		{name: "code followed by letters", text: "6GCRMQRG+6Rabc"},
		{name: "nine before separator", text: "X6GCRMQRG+6R"},
		{name: "short with one digit after", text: "MQRG+6 Kigogo"},
		{name: "money", text: "5.000+ TSh"},
		{name: "status", text: "STATUS 123"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, ok := sms.FindPlusCode(tt.text); ok {
				t.Errorf("FindPlusCode(%q) = %+v, want none", tt.text, got)
			}
		})
	}
}

const benchPlusCodeSMS = "MAFURIKO: maji yamejaa nyumba 12 karibu na mto Msimbazi, watu 30 wanahitaji msaada. Mahali 57Q4+3M Kigogo, Dar es Salaam. Tafadhali tumeni msaada haraka"

func BenchmarkFindPlusCode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := sms.FindPlusCode(benchPlusCodeSMS); !ok {
			b.Fatal("no code")
		}
	}
}
