package sms_test

import (
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/mtaa-project/mtaa/sms"
)

// darCentre is Dar es Salaam city centre, lat -6.8123, lon 39.2567, as orb keeps
// it: lon first.
var darCentre = orb.Point{39.2567, -6.8123}

// darCentreDMS is 6°48'44.3"S 39°15'24.1"E.
var darCentreDMS = orb.Point{39 + 15.0/60 + 24.1/3600, -(6 + 48.0/60 + 44.3/3600)}

func TestFindCoordinates(t *testing.T) {
	tests := []struct {
		name string
		text string
		want orb.Point // lon, lat
		span string    // text[Start:End]
	}{
		// Bare decimal pairs: latitude first.
		{name: "decimal comma space", text: "-6.8123, 39.2567", want: darCentre, span: "-6.8123, 39.2567"},
		{name: "decimal space", text: "-6.8123 39.2567", want: darCentre, span: "-6.8123 39.2567"},
		{name: "decimal comma", text: "-6.8123,39.2567", want: darCentre, span: "-6.8123,39.2567"},
		{name: "decimal semicolon", text: "-6.8123;39.2567", want: darCentre, span: "-6.8123;39.2567"},
		{name: "decimal slash", text: "-6.8123 / 39.2567", want: darCentre, span: "-6.8123 / 39.2567"},
		{name: "unicode minus", text: "−6.8123, 39.2567", want: darCentre, span: "−6.8123, 39.2567"},
		{name: "explicit plus", text: "-6.8123, +39.2567", want: darCentre, span: "-6.8123, +39.2567"},
		{name: "two decimals", text: "-6.81, 39.25", want: orb.Point{39.25, -6.81}, span: "-6.81, 39.25"},
		{name: "many decimals", text: "-6.812345678, 39.256712345", want: orb.Point{39.256712345, -6.812345678}, span: "-6.812345678, 39.256712345"},
		{name: "western hemisphere", text: "18.5392, -72.3364", want: orb.Point{-72.3364, 18.5392}, span: "18.5392, -72.3364"},
		{name: "in parentheses", text: "(-6.8123, 39.2567)", want: darCentre, span: "-6.8123, 39.2567"},
		{name: "geo URI", text: "geo:-6.8123,39.2567", want: darCentre, span: "-6.8123,39.2567"},
		{name: "maps link", text: "https://maps.google.com/?q=-6.8123,39.2567", want: darCentre, span: "-6.8123,39.2567"},
		{name: "maps at", text: "https://www.google.com/maps/@-6.8123,39.2567,17z", want: darCentre, span: "-6.8123,39.2567"},
		{name: "new line", text: "-6.8123\n39.2567", want: darCentre, span: "-6.8123\n39.2567"},
		{name: "comma decimals semicolon", text: "-6,8123; 39,2567", want: darCentre, span: "-6,8123; 39,2567"},
		{name: "comma decimals space", text: "-6,8123 39,2567", want: darCentre, span: "-6,8123 39,2567"},
		{name: "comma decimals comma space", text: "-6,8123, 39,2567", want: darCentre, span: "-6,8123, 39,2567"},

		// Hemisphere letters decide, in any order.
		{name: "suffix letters", text: "6.8123S 39.2567E", want: darCentre, span: "6.8123S 39.2567E"},
		{name: "suffix letters spaced", text: "6.8123 S, 39.2567 E", want: darCentre, span: "6.8123 S, 39.2567 E"},
		{name: "prefix letters", text: "S6.8123 E39.2567", want: darCentre, span: "S6.8123 E39.2567"},
		{name: "prefix letters spaced", text: "S 6.8123, E 39.2567", want: darCentre, span: "S 6.8123, E 39.2567"},
		{name: "longitude first", text: "39.2567E 6.8123S", want: darCentre, span: "39.2567E 6.8123S"},
		{name: "longitude first prefix", text: "E39.2567 S6.8123", want: darCentre, span: "E39.2567 S6.8123"},
		{name: "lower case letters", text: "6.8123s 39.2567e", want: darCentre, span: "6.8123s 39.2567e"},
		{name: "no space", text: "6.8123S39.2567E", want: darCentre, span: "6.8123S39.2567E"},
		{name: "north west", text: "18.5392N 72.3364W", want: orb.Point{-72.3364, 18.5392}, span: "18.5392N 72.3364W"},
		{name: "west as O", text: "18.5392 N 72.3364 O", want: orb.Point{-72.3364, 18.5392}, span: "18.5392 N 72.3364 O"},
		{name: "whole degrees upper case", text: "6S 39E", want: orb.Point{39, -6}, span: "6S 39E"},
		{name: "words", text: "6.8123 south 39.2567 east", want: darCentre, span: "6.8123 south 39.2567 east"},
		{name: "French words", text: "6.8123 Sud 39.2567 Est", want: darCentre, span: "6.8123 Sud 39.2567 Est"},
		{name: "Swahili words", text: "6.8123 kusini 39.2567 mashariki", want: darCentre, span: "6.8123 kusini 39.2567 mashariki"},
		{name: "Creole words", text: "18.5392 nò 72.3364 lwès", want: orb.Point{-72.3364, 18.5392}, span: "18.5392 nò 72.3364 lwès"},
		{name: "one letter infers the other", text: "6.8123S 39.2567", want: darCentre, span: "6.8123S 39.2567"},
		{name: "minus agrees with letter", text: "-6.8123 S 39.2567 E", want: darCentre, span: "-6.8123 S 39.2567 E"},
		{name: "letter starts the second value", text: "-6.8123 E39.2567", want: darCentre, span: "-6.8123 E39.2567"},
		{name: "whole degrees words", text: "6 south 39 east", want: orb.Point{39, -6}, span: "6 south 39 east"},

		// Labels.
		{name: "labels", text: "lat -6.81 lon 39.25", want: orb.Point{39.25, -6.81}, span: "lat -6.81 lon 39.25"},
		{name: "labels colon", text: "lat: -6.81, long: 39.25", want: orb.Point{39.25, -6.81}, span: "lat: -6.81, long: 39.25"},
		{name: "labels longitude first", text: "lon 39.25 lat -6.81", want: orb.Point{39.25, -6.81}, span: "lon 39.25 lat -6.81"},
		{name: "labels equals", text: "latitude=-6.8123 longitude=39.2567", want: darCentre, span: "latitude=-6.8123 longitude=39.2567"},
		{name: "query string", text: "https://example.org/map?lat=-6.8123&lon=39.2567", want: darCentre, span: "lat=-6.8123&lon=39.2567"},
		{name: "labels capitalised", text: "Lat: -6.8123 Lng: 39.2567", want: darCentre, span: "Lat: -6.8123 Lng: 39.2567"},
		{name: "labels abbreviated", text: "Lat. -6.81 Long. 39.25", want: orb.Point{39.25, -6.81}, span: "Lat. -6.81 Long. 39.25"},
		{name: "Spanish labels", text: "latitud -6.81 longitud 39.25", want: orb.Point{39.25, -6.81}, span: "latitud -6.81 longitud 39.25"},
		{name: "labels whole degrees", text: "lat -6 lon 39", want: orb.Point{39, -6}, span: "lat -6 lon 39"},
		{name: "labels and letters", text: "lat 6.81S lon 39.25E", want: orb.Point{39.25, -6.81}, span: "lat 6.81S lon 39.25E"},

		// Degrees, minutes, seconds.
		{name: "DMS", text: `6°48'44.3"S 39°15'24.1"E`, want: darCentreDMS, span: `6°48'44.3"S 39°15'24.1"E`},
		{name: "DMS spaced symbols", text: `6° 48' 44.3" S, 39° 15' 24.1" E`, want: darCentreDMS, span: `6° 48' 44.3" S, 39° 15' 24.1" E`},
		{name: "DMS primes", text: "6°48′44.3″S 39°15′24.1″E", want: darCentreDMS, span: "6°48′44.3″S 39°15′24.1″E"},
		{name: "DMS smart quotes", text: "6°48’44.3”S 39°15’24.1”E", want: darCentreDMS, span: "6°48’44.3”S 39°15’24.1”E"},
		{name: "DMS two apostrophes", text: "6°48'44.3''S 39°15'24.1''E", want: darCentreDMS, span: "6°48'44.3''S 39°15'24.1''E"},
		{name: "DMS ordinal sign", text: "6º48'44.3\"S 39º15'24.1\"E", want: darCentreDMS, span: "6º48'44.3\"S 39º15'24.1\"E"},
		{name: "DMS ASCII spaces", text: "6 48 44.3 S 39 15 24.1 E", want: darCentreDMS, span: "6 48 44.3 S 39 15 24.1 E"},
		{name: "DMS ASCII spaces prefix", text: "S 6 48 44.3 E 39 15 24.1", want: darCentreDMS, span: "S 6 48 44.3 E 39 15 24.1"},
		{name: "DMS letters", text: "6d48m44.3s S 39d15m24.1s E", want: darCentreDMS, span: "6d48m44.3s S 39d15m24.1s E"},
		{name: "DMS letters hemisphere attached", text: "6d48m44.3S 39d15m24.1E", want: darCentreDMS, span: "6d48m44.3S 39d15m24.1E"},
		{name: "DMS longitude first", text: `39°15'24.1"E 6°48'44.3"S`, want: darCentreDMS, span: `39°15'24.1"E 6°48'44.3"S`},
		{name: "DMS signed", text: `-6°48'44.3" 39°15'24.1"`, want: darCentreDMS, span: `-6°48'44.3" 39°15'24.1"`},
		{name: "DMS comma seconds", text: "6°48'44,3\"S 39°15'24,1\"E", want: darCentreDMS, span: "6°48'44,3\"S 39°15'24,1\"E"},
		{name: "degrees decimal minutes", text: "6°48.738'S 39°15.402'E", want: darCentre, span: "6°48.738'S 39°15.402'E"},
		{name: "degrees decimal minutes spaced", text: "S 6 48.738 E 39 15.402", want: darCentre, span: "S 6 48.738 E 39 15.402"},
		{name: "decimal degrees symbol", text: "-6.8123°, 39.2567°", want: darCentre, span: "-6.8123°, 39.2567°"},
		{name: "decimal degrees symbol letters", text: "6.8123° S 39.2567° E", want: darCentre, span: "6.8123° S 39.2567° E"},

		// In real messages.
		{name: "Swahili", text: "Mafuriko makubwa hapa -6.8123, 39.2567 nyumba 5 zimezama", want: darCentre, span: "-6.8123, 39.2567"},
		{name: "English", text: "FIRE near the market at lat -6.8123 lon 39.2567 pls help", want: darCentre, span: "lat -6.8123 lon 39.2567"},
		{name: "French", text: "Inondation au quartier, position 6,8123 S; 39,2567 E. Urgent", want: darCentre, span: "6,8123 S; 39,2567 E"},
		{name: "Portuguese", text: "Deslizamento de terra em 8.8383 S 13.2344 E perto da escola", want: orb.Point{13.2344, -8.8383}, span: "8.8383 S 13.2344 E"},
		{name: "Spanish", text: "Inundación en latitud 4.6097 longitud -74.0817, 3 casas", want: orb.Point{-74.0817, 4.6097}, span: "latitud 4.6097 longitud -74.0817"},
		{name: "Haitian Creole", text: "Inondasyon nan 18.5392, -72.3364 tanpri ede nou", want: orb.Point{-72.3364, 18.5392}, span: "18.5392, -72.3364"},
		{name: "after a date and a count", text: "12.05.2026 watu 3: -6.8123 39.2567", want: darCentre, span: "-6.8123 39.2567"},
		{name: "after a phone number", text: "+255 712 345 678 yuko -6.8123,39.2567", want: darCentre, span: "-6.8123,39.2567"},
		{name: "first of two", text: "-6.8123 39.2567 au -6.9 39.3 S", want: darCentre, span: "-6.8123 39.2567"},
		{name: "full stop after", text: "Moto -6.8123, 39.2567.", want: darCentre, span: "-6.8123, 39.2567"},
		{name: "limits", text: "-90.00001 -180.0001 no; 90.000, 180.000 no; 89.9999 S 179.9999 W", want: orb.Point{-179.9999, -89.9999}, span: "89.9999 S 179.9999 W"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := sms.FindCoordinates(tt.text)
			if !ok {
				t.Fatalf("FindCoordinates(%q) found nothing", tt.text)
			}
			if d := geo.Distance(got.Point, tt.want); d > 0.01 {
				t.Errorf("FindCoordinates(%q) = %v, want %v (%.3f m away)", tt.text, got.Point, tt.want, d)
			}
			if got.Start < 0 || got.End > len(tt.text) || got.Start >= got.End {
				t.Fatalf("FindCoordinates(%q) span [%d, %d) out of range", tt.text, got.Start, got.End)
			}
			if span := tt.text[got.Start:got.End]; span != tt.span {
				t.Errorf("FindCoordinates(%q) span = %q, want %q", tt.text, span, tt.span)
			}
		})
	}
}

func TestFindCoordinatesNone(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{name: "empty", text: ""},
		{name: "phone number spaced", text: "Nipigie +255 712 345 678"},
		{name: "phone number local", text: "call 0712 345678"},
		{name: "phone number dotted", text: "0712.345.678"},
		{name: "counts", text: "2 people 3 houses"},
		{name: "counts Swahili", text: "watu 12 nyumba 30 zimeharibika"},
		{name: "lower-case letters on counts", text: "nyumba 2 s 3 e"},
		{name: "date and year", text: "tarehe 12.05 2026"},
		{name: "date dotted", text: "12.05.2026"},
		{name: "date slashes", text: "12/05/2026 10/06/2026"},
		{name: "time", text: "saa 10:30"},
		{name: "time range dotted", text: "10.30-11.45"},
		{name: "times dotted", text: "from 10.30 to 11.45"},
		{name: "times pair", text: "10.30 11.45"},
		{name: "money", text: "5.000 TSh"},
		{name: "money pair", text: "5.000 10.000 TSh"},
		{name: "money thousands", text: "1,234.50 2,345.75"},
		{name: "money thousands dots", text: "bei 1.500, 2.500 au 3.000"},
		{name: "Portuguese e", text: "entre 2.55 e 3.75 metros"},
		{name: "whole numbers lower-case letters attached", text: "2s 3e"},
		{name: "status", text: "STATUS 123"},
		{name: "one decimal", text: "-6.8 39.2"},
		{name: "one decimal each", text: "2.5 kg 3.5 kg"},
		{name: "mixed decimals", text: "-6.8123 39"},
		{name: "IP address", text: "192.168.1.1 10.0.0.1"},
		{name: "version", text: "v1.23 4.56"},
		{name: "percentages", text: "12.50% 30.25%"},
		{name: "units", text: "3.25km 4.75km"},
		{name: "latitude out of range", text: "-96.8123, 39.2567"},
		{name: "longitude out of range", text: "-6.8123, 189.2567"},
		{name: "longitude first bare", text: "139.2567, -6.8123"},
		{name: "minutes 60", text: "6°60'00\"S 39°15'24\"E"},
		{name: "seconds 60", text: "6°48'60\"S 39°15'24\"E"},
		{name: "spaced minutes too large", text: "6 75 44 S 39 15 24 E"},
		{name: "spaced without letters", text: "6 48 44 39 15 24"},
		{name: "zero zero", text: "0.0000, 0.0000"},
		{name: "zero zero letters", text: "0.00N 0.00E"},
		{name: "two latitudes", text: "6.8123S 7.2567N"},
		{name: "two longitude labels", text: "lon 39.25 long 38.12"},
		{name: "label and letter disagree", text: "lat 39.2567E lon 6.8123S"},
		{name: "minus contradicts letter", text: "-6.8123N 39.2567E"},
		{name: "minus contradicts spaced letter", text: "-6.8123 N 39.2567 E"},
		{name: "plus contradicts letter", text: "+6.8123S 39.2567E"},
		{name: "floor numbers", text: "Ghorofa 3 S 4 E"},
		{name: "comma decimals bare comma", text: "-6,8123,39,2567"},
		{name: "no separator", text: "-6.8123-39.2567"},
		{name: "inside a word", text: "abc-6.8123 39.2567xyz"},
		{name: "letters glued", text: "x6.8123 39.2567"},
		{name: "followed by digits after dot", text: "-6.8123 39.2567.5"},
		{name: "letter in word", text: "6.81 Street 39.25 East"},
		{name: "one label only with whole number", text: "the road is long 3 km"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, ok := sms.FindCoordinates(tt.text); ok {
				t.Errorf("FindCoordinates(%q) = %v (%q), want none", tt.text, got.Point, tt.text[got.Start:got.End])
			}
		})
	}
}

const benchCoordSMS = "MAFURIKO: maji yamejaa nyumba 12 karibu na mto Msimbazi, watu 30 wanahitaji msaada tangu 10:30. Mahali -6.8123, 39.2567 Kigogo. Tafadhali tumeni msaada"

func BenchmarkFindCoordinates(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := sms.FindCoordinates(benchCoordSMS); !ok {
			b.Fatal("no coordinates")
		}
	}
}

// BenchmarkFindCoordinatesNone is the common case: a message with numbers
// but no position, scanned to the end.
func BenchmarkFindCoordinatesNone(b *testing.B) {
	text := "MAFURIKO: maji yamejaa nyumba 12 karibu na mto Msimbazi, watu 30 wanahitaji msaada tangu 10:30 tarehe 12.05.2026. Nipigie 0712 345 678 au +255 712 345 679 asante"
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := sms.FindCoordinates(text); ok {
			b.Fatal("coordinates found")
		}
	}
}
