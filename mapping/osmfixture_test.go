package mapping_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/mapping"
)

// osmFixture builds a small OSM XML extract in a test: nodes with tags,
// and ways made of new nodes.
type osmFixture struct {
	b      strings.Builder
	ways   strings.Builder
	nextID int64
}

// kv turns "k=v" pairs into tag elements.
func kv(tags []string) string {
	var b strings.Builder
	for _, t := range tags {
		k, v, _ := strings.Cut(t, "=")
		fmt.Fprintf(&b, `<tag k=%q v="%s"/>`, k, xmlEscape(v))
	}
	return b.String()
}

func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// node adds a node at lon, lat with tags ("amenity=school", "name=...")
// and returns its id.
func (o *osmFixture) node(lon, lat float64, tags ...string) int64 {
	o.nextID++
	fmt.Fprintf(&o.b, `<node id="%d" version="1" lat="%.7f" lon="%.7f">%s</node>`+"\n", o.nextID, lat, lon, kv(tags))
	return o.nextID
}

// way adds a way through new nodes at the given lon, lat pairs; closed
// ways repeat their first node.
func (o *osmFixture) way(closed bool, tags []string, coords ...float64) {
	var refs []int64
	for i := 0; i+1 < len(coords); i += 2 {
		refs = append(refs, o.node(coords[i], coords[i+1]))
	}
	if closed {
		refs = append(refs, refs[0])
	}
	o.nextID++
	fmt.Fprintf(&o.ways, `<way id="%d" version="1">`, o.nextID)
	for _, r := range refs {
		fmt.Fprintf(&o.ways, `<nd ref="%d"/>`, r)
	}
	fmt.Fprintf(&o.ways, "%s</way>\n", kv(tags))
}

// road adds a two-node way from (lon, lat) eastwards about 200 m.
func (o *osmFixture) road(lon, lat float64, tags ...string) {
	o.way(false, tags, lon, lat, lon+0.002, lat)
}

// square adds a closed way of half-side r degrees around lon, lat.
func (o *osmFixture) square(lon, lat, r float64, tags ...string) {
	o.way(true, tags, lon-r, lat-r, lon+r, lat-r, lon+r, lat+r, lon-r, lat+r)
}

// index writes the extract, imports it through mapping.Import and loads
// its index, as mtaa does at startup.
func (o *osmFixture) index(t testing.TB) *mapping.Index {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "fixture.osm")
	doc := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<osm version="0.6" generator="test">` + "\n" +
		o.b.String() + o.ways.String() + "</osm>\n"
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "data")
	res, err := mapping.Import(context.Background(), path, out, mapping.Options{})
	if err != nil {
		t.Fatalf("import fixture: %v", err)
	}
	ix, err := mapping.Load(res.Path)
	if err != nil {
		t.Fatalf("load fixture: %v", err)
	}
	return ix
}

// gazetteer imports the fixture and builds its gazetteer.
func (o *osmFixture) gazetteer(t testing.TB, opts mapping.GazetteerOptions) *mapping.Gazetteer {
	t.Helper()
	return mapping.GazetteerFor(o.index(t), opts)
}

// named returns the OSM name of a match, for messages.
func named(m mapping.Match) string {
	if n := m.Feature.Name(); n != "" {
		return n
	}
	return m.Name
}
