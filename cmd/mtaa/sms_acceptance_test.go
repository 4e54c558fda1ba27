package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/sms"
)

// delaware imports the Delaware extract shipped with paulmach/osm once per
// test binary and builds its index and gazetteer.
var delaware = sync.OnceValues(func() (*delawareData, error) {
	pbf, err := datatest.OSMTestdata("delaware-latest.osm.pbf")
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "mtaa-delaware-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	res, err := mapping.Import(context.Background(), pbf, dir, mapping.Options{})
	if err != nil {
		return nil, err
	}
	ix, err := mapping.Load(res.Path)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	g := mapping.GazetteerFor(ix, gazetteerOptions(data.DefaultTaxonomy()))
	return &delawareData{ix: ix, g: g, build: time.Since(start)}, nil
})

type delawareData struct {
	ix    *mapping.Index
	g     *mapping.Gazetteer
	build time.Duration
}

func loadDelaware(t testing.TB) *delawareData {
	t.Helper()
	if testing.Short() {
		t.Skip("imports the Delaware extract")
	}
	d, err := delaware()
	if err != nil {
		t.Fatalf("Delaware extract from the paulmach/osm module: %v", err)
	}
	return d
}

// corpusMessage is one line of testdata/sms_corpus.tsv.
type corpusMessage struct {
	line     int
	lang     string
	text     string
	category string
	place    *orb.Point // nil: the message names no place
}

func readCorpus(t testing.TB) []corpusMessage {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sms_corpus.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []corpusMessage
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 5 {
			t.Fatalf("corpus line %d: %d columns, want 5", n, len(cols))
		}
		m := corpusMessage{line: n, lang: cols[0], text: cols[1], category: cols[2]}
		if cols[3] != "" {
			lon, err1 := strconv.ParseFloat(cols[3], 64)
			lat, err2 := strconv.ParseFloat(cols[4], 64)
			if err1 != nil || err2 != nil {
				t.Fatalf("corpus line %d: bad coordinates %q %q", n, cols[3], cols[4])
			}
			m.place = &orb.Point{lon, lat}
		}
		out = append(out, m)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// placedWithinM is how close to the expected point a report must be.
const placedWithinM = 250

// TestSMSAcceptance sends every message of the corpus through a real
// engine, store and gazetteer over the Delaware extract, and checks the
// category and the place of each report; messages that name no place must
// get an ask-back and no report.
func TestSMSAcceptance(t *testing.T) {
	d := loadDelaware(t)
	corpus := readCorpus(t)
	if len(corpus) < 300 {
		t.Fatalf("corpus has %d messages, want at least 300", len(corpus))
	}
	t.Logf("gazetteer: %d names, built in %v", d.g.Len(), d.build)

	st, _ := datatest.NewStore(t)
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), append(make([]byte, sms.KeySize-1), 1))
	if err != nil {
		t.Fatal(err)
	}
	tax := data.DefaultTaxonomy()
	b := d.ix.Meta().Bound
	area := orb.Bound{Min: orb.Point{b[0], b[1]}, Max: orb.Point{b[2], b[3]}}
	now := time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC)
	engine, err := sms.NewEngine(sms.Config{
		Taxonomy: tax,
		Locator:  gazetteerLocator{g: d.g},
		Phones:   vault,
		Area:     area,
		Now:      func() time.Time { return now },
	}, st)
	if err != nil {
		t.Fatal(err)
	}
	// confirmed counts the reports placed after the resident confirmed or
	// chose the place.
	type tally struct{ named, placed, confirmed, noPlace, askedBack, total, catOK int }
	byLang := map[string]*tally{}
	var all tally
	var misses []string
	for i, m := range corpus {
		tl := byLang[m.lang]
		if tl == nil {
			tl = &tally{}
			byLang[m.lang] = tl
		}
		// What mtaa sms parse says must be what the webhook does.
		u, err := engine.Parse(m.text, "")
		if err != nil {
			t.Fatalf("line %d %q: parse: %v", m.line, m.text, err)
		}
		from := fmt.Sprintf("+1302555%04d", i)
		reply, err := engine.Handle(context.Background(), sms.Inbound{Gateway: "test",
			MessageID: fmt.Sprintf("c%d", i), From: from, Body: m.text})
		if err != nil {
			t.Fatalf("line %d %q: %v", m.line, m.text, err)
		}
		if (reply.ReportID != 0) != (u.Action == sms.ActionFile) || u.Action != sms.ActionFile && reply.Text != u.Reply {
			t.Errorf("line %d %q: parse says %s %q, the webhook replied %q (report %d)", m.line, m.text, u.Action, u.Reply, reply.Text, reply.ReportID)
		}
		if u.Action == sms.ActionAskCategory && m.place != nil {
			// The menu: the resident answers with the number of the need
			// meant, or names it when it is not offered.
			answer := m.category
			if n := slices.Index(u.Menu, m.category); n >= 0 {
				answer = strconv.Itoa(n + 1)
			}
			if reply, err = engine.Handle(context.Background(), sms.Inbound{Gateway: "test",
				MessageID: fmt.Sprintf("c%d-menu", i), From: from, Body: answer}); err != nil {
				t.Fatalf("line %d %q: %v", m.line, answer, err)
			}
		}
		confirmed := false
		if u.Action == sms.ActionConfirmPlace {
			// "Near X? Reply 1 yes, 2 no": the resident says yes when X is
			// the place meant, else no. "Which place? 1 X, 2 Y": the
			// number of the place meant, if offered.
			answer := "2" // no
			if u.Place == nil {
				answer = "0" // none of the places offered: asked again
			}
			if u.Place != nil && m.place != nil && geo.Distance(u.Place.Point, *m.place) <= placedWithinM {
				answer, confirmed = "1", true
			}
			for i, p := range u.Places {
				if u.Place == nil && m.place != nil && geo.Distance(p.Point, *m.place) <= placedWithinM {
					answer, confirmed = strconv.Itoa(i+1), true
					break
				}
			}
			if reply, err = engine.Handle(context.Background(), sms.Inbound{Gateway: "test",
				MessageID: fmt.Sprintf("c%d-yes", i), From: from, Body: answer}); err != nil {
				t.Fatalf("line %d %q: %v", m.line, answer, err)
			}
		}
		category := ""
		var where *orb.Point
		if reply.ReportID != 0 {
			r, err := st.Get(reply.ReportID)
			if err != nil {
				t.Fatalf("line %d: report %d: %v", m.line, reply.ReportID, err)
			}
			category, where = r.Category, &r.Location
		} else if u.Category != "" {
			category = u.Category // the draft waiting for a place
		} else if len(u.Categories) > 0 {
			category = u.Categories[0].Category // the most likely need, first in the menu
		}
		for _, c := range []*tally{tl, &all} {
			c.total++
			if category == m.category {
				c.catOK++
			}
		}
		if category != m.category {
			misses = append(misses, fmt.Sprintf("line %d [%s] %q: category %q, want %q", m.line, m.lang, m.text, category, m.category))
		}
		if m.place == nil {
			ok := reply.ReportID == 0 && (u.Action == sms.ActionAskPlace || u.Action == sms.ActionAskCategory)
			for _, c := range []*tally{tl, &all} {
				c.noPlace++
				if ok {
					c.askedBack++
				}
			}
			if !ok {
				misses = append(misses, fmt.Sprintf("line %d [%s] %q: names no place, got report %d, reply %q", m.line, m.lang, m.text, reply.ReportID, reply.Text))
			}
			continue
		}
		ok := where != nil && geo.Distance(*where, *m.place) <= placedWithinM
		for _, c := range []*tally{tl, &all} {
			c.named++
			if ok {
				c.placed++
			}
			if ok && confirmed {
				c.confirmed++
			}
		}
		if !ok {
			got := "no report"
			if where != nil {
				got = fmt.Sprintf("placed %.0f m away", geo.Distance(*where, *m.place))
			}
			misses = append(misses, fmt.Sprintf("line %d [%s] %q: %s; reply %q", m.line, m.lang, m.text, got, reply.Text))
		}
	}
	pct := func(a, b int) float64 {
		if b == 0 {
			return 100
		}
		return 100 * float64(a) / float64(b)
	}
	for _, l := range sms.DefaultReplies().Languages() {
		c := byLang[l]
		if c == nil {
			t.Errorf("no messages in %s", l)
			continue
		}
		t.Logf("%s: placed %d/%d (%.1f%%; %d after a yes or a choice), ask-back %d/%d, category %d/%d (%.1f%%)", l,
			c.placed, c.named, pct(c.placed, c.named), c.confirmed, c.askedBack, c.noPlace, c.catOK, c.total, pct(c.catOK, c.total))
	}
	t.Logf("all: placed %d/%d (%.1f%%; %d after a yes or a choice), ask-back %d/%d, category %d/%d (%.1f%%)",
		all.placed, all.named, pct(all.placed, all.named), all.confirmed, all.askedBack, all.noPlace, all.catOK, all.total, pct(all.catOK, all.total))
	for _, m := range misses {
		t.Log("miss: " + m)
	}
	if p := pct(all.placed, all.named); p < 90 {
		t.Errorf("placed %.1f%% of the messages that name a place, want at least 90%%", p)
	}
	if p := pct(all.catOK, all.total); p < 90 {
		t.Errorf("category accuracy %.1f%%, want at least 90%%", p)
	}
	if all.askedBack < all.noPlace {
		t.Errorf("%d of %d messages without a place got no ask-back", all.noPlace-all.askedBack, all.noPlace)
	}
}
