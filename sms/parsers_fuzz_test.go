package sms_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/sms"
)

// parserFuzzSeeds are real-looking messages, with and without positions, in the
// languages residents write in.
var parserFuzzSeeds = []string{
	// Swahili
	"MAFURIKO maji yamejaa nyumba 12 Kigogo -6.8123, 39.2567",
	"Moto sokoni Kariakoo 6°48'44.3\"S 39°15'24.1\"E tafadhali msaada",
	"Choo kimejaa mtaa wa Tandale 57Q4+3M Dar es Salaam",
	"Nipigie 0712 345 678 au +255 712 345 679, watu 3 wamejeruhiwa saa 10:30",
	"STATUS 123",
	"taka zimejaa 6.8123 kusini 39.2567 mashariki",
	// English
	"FLOOD near the bridge lat -6.81 lon 39.25, 2 people 3 houses",
	"fire at 6GCRMQRG+6R Kibera, send help",
	"Landslide 12.05.2026 at S 6 48 44.3 E 39 15 24.1 road blocked",
	"Water price 5.000 TSh per bucket since 12.05 2026",
	// French
	"Inondation au quartier, position 6,8123 S; 39,2567 E. Urgent",
	"Incendie à 14°41.2'N 17°26.8'O marché Sandaga",
	"Égout bouché MQRG+6R, Abidjan. Appelez le 07 08 09 10 11",
	// Portuguese
	"Deslizamento de terra em 8.8383 S 13.2344 E perto da escola",
	"Lixo acumulado há 3 semanas, latitude=-8.8383 longitude=13.2344",
	"Esgoto a céu aberto 6G5X57Q4+3MX Luanda",
	// Spanish
	"Inundación en latitud 4.6097 longitud -74.0817, 3 casas afectadas",
	"Basura en la calle 4°36'35\"N 74°4'54\"O desde el lunes",
	"Derrumbe cerca de 87C4+R2 Bogotá, llamar 310 555 1234",
	// Haitian Creole
	"Inondasyon nan 18.5392, -72.3364 tanpri ede nou",
	"Dife nan mache a 18.5392 nò 72.3364 lwès",
	"Fatra plen lari a 8QG7+XM Pòtoprens, 5 kay",
	// Edge cases
	"",
	"-6,8123,39,2567",
	"0.0000, 0.0000",
	"lat 91 lon 181",
	"+",
	"6GCR0000+",
	"22+33 C++ A+",
	"6d48m44s S 39d15m24s E",
	"−6.8123 / +39.2567",
}

func FuzzFindCoordinates(f *testing.F) {
	for _, s := range parserFuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		c, ok := sms.FindCoordinates(text)
		if !ok {
			if c != (sms.Coordinates{}) {
				t.Fatalf("FindCoordinates(%q) = %+v with ok false", text, c)
			}
			return
		}
		if c.Start < 0 || c.End > len(text) || c.Start >= c.End {
			t.Fatalf("FindCoordinates(%q) span [%d, %d) out of range", text, c.Start, c.End)
		}
		lon, lat := c.Point[0], c.Point[1]
		if !inDegreeRange(lat, 90) || !inDegreeRange(lon, 180) || (lat == 0 && lon == 0) {
			t.Fatalf("FindCoordinates(%q) = %v out of range", text, c.Point)
		}
		// The matched text on its own is still a position.
		span := text[c.Start:c.End]
		if _, ok := sms.FindCoordinates(span); !ok {
			t.Fatalf("FindCoordinates(%q) matched %q, which alone is no position", text, span)
		}
	})
}

func FuzzFindPlusCode(f *testing.F) {
	for _, s := range parserFuzzSeeds {
		f.Add(s, 39.27, -6.8)
	}
	f.Add("MQRG+6R", 179.9, 89.9)
	f.Add("XXXX+XX", -179.9, -89.9)
	f.Add("2222+22", 540.0, 100.0)
	f.Fuzz(func(t *testing.T, text string, refLon, refLat float64) {
		ref := orb.Point{refLon, refLat}
		finiteRef := !math.IsNaN(refLon) && !math.IsInf(refLon, 0) && !math.IsNaN(refLat) && !math.IsInf(refLat, 0)

		if finiteRef {
			code, err := sms.EncodePlusCode(ref, 11)
			if err != nil {
				t.Fatalf("EncodePlusCode(%v, 11): %v", ref, err)
			}
			if p, _, err := (sms.PlusCode{Code: code}).Decode(); err != nil || !inDegreeRange(p[1], 90) || !inDegreeRange(p[0], 180) {
				t.Fatalf("EncodePlusCode(%v) = %q, decodes to %v, %v", ref, code, p, err)
			}
		}

		pc, ok := sms.FindPlusCode(text)
		if !ok {
			if pc != (sms.PlusCode{}) {
				t.Fatalf("FindPlusCode(%q) = %+v with ok false", text, pc)
			}
			return
		}
		if pc.Start < 0 || pc.End > len(text) || pc.Start >= pc.End {
			t.Fatalf("FindPlusCode(%q) span [%d, %d) out of range", text, pc.Start, pc.End)
		}
		if got := strings.ToUpper(text[pc.Start:pc.End]); got != pc.Code {
			t.Fatalf("FindPlusCode(%q) code %q, span %q", text, pc.Code, got)
		}
		if !pc.Short && pc.Locality != "" {
			t.Fatalf("FindPlusCode(%q): full code with locality %q", text, pc.Locality)
		}

		p, size, err := pc.Decode()
		switch {
		case pc.Short && !errors.Is(err, sms.ErrShortPlusCode):
			t.Fatalf("Decode(short %q) error = %v", pc.Code, err)
		case !pc.Short && err != nil:
			t.Fatalf("Decode(%q): %v", pc.Code, err)
		case !pc.Short:
			checkPlusArea(t, pc.Code, p, size)
		}

		p, size, err = pc.Recover(ref)
		switch {
		case err != nil && (finiteRef || !pc.Short):
			t.Fatalf("Recover(%q, %v): %v", pc.Code, ref, err)
		case err == nil:
			checkPlusArea(t, pc.Code, p, size)
		}
	})
}

func checkPlusArea(t *testing.T, code string, p orb.Point, size float64) {
	t.Helper()
	if !inDegreeRange(p[1], 90) || !inDegreeRange(p[0], 180) {
		t.Fatalf("plus code %q placed at %v, out of range", code, p)
	}
	if !(size > 0) || size > 2_300_000 {
		t.Fatalf("plus code %q size %v m", code, size)
	}
}

func inDegreeRange(v, limit float64) bool { return v >= -limit && v <= limit }
