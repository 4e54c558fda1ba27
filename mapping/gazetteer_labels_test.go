package mapping_test

import (
	"testing"

	"github.com/mtaa-project/mtaa/mapping"
)

// sameNameLabels returns the labels of the matches of text, best first,
// and fails unless there are want of them.
func sameNameLabels(t *testing.T, g *mapping.Gazetteer, text string, want int) []string {
	t.Helper()
	ms := g.FindInText(text, nil, 5)
	var labels []string
	for _, m := range ms {
		labels = append(labels, m.Label)
	}
	if len(labels) != want {
		t.Fatalf("FindInText(%q) labels %q, want %d matches", text, labels, want)
	}
	return labels
}

// wantLabels fails unless every label of want is among labels.
func wantLabels(t *testing.T, labels []string, want ...string) {
	t.Helper()
	got := map[string]bool{}
	for _, l := range labels {
		got[l] = true
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("labels %q, want %q among them", labels, w)
		}
	}
}

// TestSameNameLabelsNamePlaceNodes: two schools of one name and no area
// polygons to tell them apart are labelled by the place node each lies
// near, so that a resident choosing between them can.
func TestSameNameLabelsNamePlaceNodes(t *testing.T) {
	o := &osmFixture{}
	o.node(-72.3450, 18.5350, "place=neighbourhood", "name=Fort National")
	o.node(-72.3300, 18.5500, "place=neighbourhood", "name=Solino")
	o.node(-72.3460, 18.5340, "amenity=school", "name=École Sainte Anne")
	o.node(-72.3310, 18.5490, "amenity=school", "name=École Sainte Anne")
	o.node(-72.3380, 18.5420, "amenity=school", "name=École Saint Louis")
	g := o.gazetteer(t, mapping.GazetteerOptions{})

	wantLabels(t, sameNameLabels(t, g, "école sainte anne", 2), "École Sainte Anne, Fort National", "École Sainte Anne, Solino")
	// A name found once keeps its plain label.
	ms := g.FindInText("école saint louis", nil, 5)
	if len(ms) == 0 || ms[0].Label != "École Saint Louis" {
		t.Errorf("École Saint Louis labelled %+v, want the plain name", ms)
	}
}

// TestSameNameLabelsFallBackToLandmarks: with no place node near, two
// schools of one name are told apart by the named landmark or street
// near each; two near the same place node take the place and the
// nearest other thing.
func TestSameNameLabelsFallBackToLandmarks(t *testing.T) {
	t.Run("streets and landmarks", func(t *testing.T) {
		o := &osmFixture{}
		o.node(36.8000, -1.3000, "amenity=school", "name=Shule ya Amani")
		o.road(36.8003, -1.3002, "highway=residential", "name=Kibera Drive")
		o.node(36.8300, -1.2800, "amenity=school", "name=Shule ya Amani")
		o.node(36.8301, -1.2801, "shop=supermarket", "name=Naivas")
		g := o.gazetteer(t, mapping.GazetteerOptions{})
		wantLabels(t, sameNameLabels(t, g, "shule ya amani", 2), "Shule ya Amani, Kibera Drive", "Shule ya Amani, Naivas")
	})
	t.Run("one place node for both", func(t *testing.T) {
		o := &osmFixture{}
		o.node(36.8000, -1.3000, "place=neighbourhood", "name=Makina")
		o.node(36.8010, -1.3000, "amenity=school", "name=Shule ya Amani")
		o.node(36.7990, -1.3010, "amenity=school", "name=Shule ya Amani")
		o.node(36.7991, -1.3011, "amenity=place_of_worship", "name=Makina Mosque")
		g := o.gazetteer(t, mapping.GazetteerOptions{})
		wantLabels(t, sameNameLabels(t, g, "shule ya amani", 2), "Shule ya Amani, Makina", "Shule ya Amani, Makina Mosque")
	})
}
