package main

import (
	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/sms"
)

// gazetteerLocator is the SMS channel's Locator over the OSM gazetteer: it
// finds the places named in a message with Gazetteer.FindInText, preferring
// those inside hint (nil for no preference), and hands the engine their
// label, point and confidence, best first.
type gazetteerLocator struct {
	g    *mapping.Gazetteer
	hint *orb.Bound
}

var _ sms.Locator = gazetteerLocator{}

// maxPlaces is how many candidate places a message yields; the engine
// offers at most three when it has to ask.
const maxPlaces = 5

// Locate returns the places named in text, best first, or nil.
func (l gazetteerLocator) Locate(text string) []sms.Place {
	if l.g == nil {
		return nil
	}
	ms := l.g.FindInText(text, l.hint, maxPlaces)
	if len(ms) == 0 {
		return nil
	}
	out := make([]sms.Place, len(ms))
	for i, m := range ms {
		out[i] = sms.Place{Name: m.Label, Point: m.Point, Confidence: m.Confidence, Start: m.Start, End: m.End}
	}
	return out
}

// gazetteerOptions are the gazetteer settings for the SMS channel
// (mapping.TaxonomyOptions).
func gazetteerOptions(tax *data.Taxonomy) mapping.GazetteerOptions {
	return mapping.TaxonomyOptions(tax)
}
