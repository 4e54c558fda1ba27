package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/paulmach/orb"
	bolt "go.etcd.io/bbolt"

	"github.com/mtaa-project/mtaa/data/kv/kvtest"
)

// featureRef is the public Feature as encoding/json writes it: the
// reference the hand-written appender must match byte for byte.
type featureRef struct {
	Type       string   `json:"type"`
	ID         uint64   `json:"id"`
	Geometry   pointRef `json:"geometry"`
	Properties propsRef `json:"properties"`
}

type pointRef struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

type propsRef struct {
	ID                  uint64         `json:"id"`
	Category            string         `json:"category"`
	Needs               []string       `json:"needs"`
	SourceCategories    []string       `json:"source_categories,omitempty"`
	Description         string         `json:"description"`
	Status              Status         `json:"status"`
	Channel             Channel        `json:"channel"`
	LocationSource      LocationSource `json:"location_source"`
	AccuracyM           *float64       `json:"accuracy_m"`
	LocationConf        *float64       `json:"location_confidence"`
	ObservedAt          string         `json:"observed_at"`
	ReceivedAt          string         `json:"received_at"`
	Areas               []AreaRef      `json:"areas"`
	Nearest             *FeatureRef    `json:"nearest"`
	NotInOSM            bool           `json:"not_in_osm"`
	PossibleDuplicateOf []uint64       `json:"possible_duplicate_of"`
	LocationGeneralised bool           `json:"location_generalised,omitempty"`
}

// testPrivacy generalises the reports of category "plain" (one of
// trickyStrings).
var testPrivacy = Privacy{sensitive: map[string]bool{"plain": true}}

// referenceFeature is the public Feature of r under testPrivacy, built
// from Privacy.Disclose: the encoder and Disclose must agree.
func referenceFeature(t *testing.T, report *Report) []byte {
	t.Helper()
	pub, generalised := testPrivacy.Disclose(report)
	r := &pub
	f := featureRef{Type: "Feature", ID: r.ID,
		Geometry: pointRef{Type: "Point", Coordinates: [2]float64{
			roundTo(r.Location[0], coordinatePrecision), roundTo(r.Location[1], coordinatePrecision)}},
		Properties: propsRef{ID: r.ID, Category: r.Category, Needs: storedNeeds(r), SourceCategories: r.SourceCategories,
			Description: r.Description, Status: r.Status,
			Channel: r.Channel, LocationSource: r.LocationSource, AccuracyM: r.AccuracyM,
			LocationConf: r.LocationConfidence, ObservedAt: FormatTime(r.ObservedAt), ReceivedAt: FormatTime(r.ReceivedAt),
			Areas: r.Areas, Nearest: r.Nearest, NotInOSM: r.NotInOSM, PossibleDuplicateOf: r.PossibleDuplicateOf,
			LocationGeneralised: generalised}}
	if f.Properties.Needs == nil {
		f.Properties.Needs = []string{r.Category}
	}
	if f.Properties.Areas == nil {
		f.Properties.Areas = []AreaRef{}
	}
	if f.Properties.PossibleDuplicateOf == nil {
		f.Properties.PossibleDuplicateOf = []uint64{}
	}
	b, err := json.Marshal(&f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var trickyStrings = []string{"", "plain", `quote " and \ backslash`, "<script>&amp;</script>", "tab\tnl\ncr\rbs\bff\f",
	"\x00\x01\x1f\x7f", "ünïcödé ñ 水 🚰", "line\u2028para\u2029", "bad \xff\xfe utf8 \xc3", "maji hayapo kwa siku 3",
	"piga 0712 345 678 au juma@example.co.tz", "+255-712-345678 <b>"}

var trickyFloats = []float64{0, 1, -1, 0.5, 1e-7, 1.5e-7, -2.5e-9, 1e-6, 123456.789, 1e20, 1e21, 1.234e22, 99999.99999,
	39.2083333, -6.7924, math.SmallestNonzeroFloat64, math.MaxFloat64}

func randomReport(rng *rand.Rand) Report {
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	pf := func() float64 {
		if rng.IntN(2) == 0 {
			return trickyFloats[rng.IntN(len(trickyFloats))]
		}
		return rng.NormFloat64() * math.Pow10(rng.IntN(12)-6)
	}
	r := Report{
		ID: rng.Uint64N(1 << 40), Category: pick(trickyStrings), Description: pick(trickyStrings),
		Location:       [2]float64{rng.Float64()*360 - 180, rng.Float64()*180 - 90},
		LocationSource: LocationSources[rng.IntN(len(LocationSources))],
		ObservedAt:     time.Unix(rng.Int64N(4e9), rng.Int64N(1e9)).UTC(),
		ReceivedAt:     time.Unix(rng.Int64N(4e9), rng.Int64N(1e9)).UTC(),
		Channel:        Channels[rng.IntN(len(Channels))], Status: Statuses[rng.IntN(len(Statuses))],
		IdempotencyKey: pick(trickyStrings), Reporter: pick(trickyStrings), RawText: pick(trickyStrings),
	}
	if rng.IntN(2) == 0 {
		a := pf()
		r.AccuracyM = &a
	}
	if rng.IntN(2) == 0 {
		c := rng.Float64()
		r.LocationConfidence = &c
	}
	for range rng.IntN(4) {
		a := AreaRef{OSMType: pick(trickyStrings), OSMID: rng.Int64() - rng.Int64(), Name: pick(trickyStrings), Kind: pick(trickyStrings),
			Basis: []string{AreaBasisBoundary, AreaBasisNearestPlace}[rng.IntN(2)]}
		if rng.IntN(2) == 0 {
			l := rng.IntN(12) - 1
			a.AdminLevel = &l
		}
		r.Areas = append(r.Areas, a)
	}
	if rng.IntN(2) == 0 {
		r.Nearest = &FeatureRef{OSMType: pick(trickyStrings), OSMID: rng.Int64(), Name: pick(trickyStrings),
			Kind: pick(trickyStrings), DistanceM: pf()}
	}
	r.NotInOSM = rng.IntN(2) == 0
	for range rng.IntN(4) {
		r.PossibleDuplicateOf = append(r.PossibleDuplicateOf, rng.Uint64())
	}
	switch rng.IntN(4) {
	case 0: // one need, stored as none
		r.Needs = []string{r.Category}
	case 1: // several, the category among them or not
		for range 1 + rng.IntN(MaxNeeds) {
			r.Needs = append(r.Needs, pick(trickyStrings))
		}
	}
	if rng.IntN(3) == 0 {
		for range 1 + rng.IntN(4) {
			r.SourceCategories = append(r.SourceCategories, pick(trickyStrings))
		}
	}
	return r
}

func TestPublicFeatureMatchesEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		r := randomReport(rng)
		got, want := r.PublicFeature(testPrivacy), referenceFeature(t, &r)
		if !bytes.Equal(got, want) {
			t.Fatalf("report %d:\n got %s\nwant %s", i, got, want)
		}
		if !json.Valid(got) {
			t.Fatalf("report %d: invalid JSON %s", i, got)
		}
	}
}

// TestPublicFeatureTrickyCoordinatesAndTimes covers the edges of the fast
// coordinate and time formatting: exact and near-integer degrees, values
// that round to zero or to an exponent form, the antimeridian, and the
// first and last seconds of years, leap days and the years 1970 and 9999.
func TestPublicFeatureTrickyCoordinatesAndTimes(t *testing.T) {
	coords := []float64{0, math.Copysign(0, -1), 1e-8, -4e-8, 5e-8, 9.4e-7, -9.6e-7, 1e-6, -1e-6, 1.00000005, 0.1, 0.12345675, 39.2083333,
		-6.7924, 39.99999999, -89.99999996, 180, -180, 179.9999999, 90, -90, 1234567.1234567, 1e13, math.Nextafter(180, 0)}
	times := []time.Time{time.Unix(0, 0), time.Unix(-1, 0), time.Unix(-62135596800, 0), time.Unix(253402300799, 999999999),
		time.Unix(253402300800, 0), time.Date(2024, 2, 29, 23, 59, 59, 500, time.UTC), time.Date(2000, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2100, 2, 28, 12, 0, 0, 0, time.UTC), time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC)}
	rng := rand.New(rand.NewPCG(11, 12))
	for i, lon := range coords {
		for j, lat := range coords {
			r := randomReport(rng)
			r.Location = [2]float64{lon, lat}
			r.ObservedAt, r.ReceivedAt = times[(i+j)%len(times)], times[(i*j)%len(times)]
			if got, want := r.PublicFeature(testPrivacy), referenceFeature(t, &r); !bytes.Equal(got, want) {
				t.Fatalf("%v, %v at %v:\n got %s\nwant %s", lon, lat, r.ObservedAt, got, want)
			}
		}
	}
	for day := range int64(3 * 366) { // every day of 2023-2025, at a random second
		r := randomReport(rng)
		r.ObservedAt = time.Unix(1672531200+day*86400+rng.Int64N(86400), 0)
		if got, want := r.PublicFeature(testPrivacy), referenceFeature(t, &r); !bytes.Equal(got, want) {
			t.Fatalf("%v:\n got %s\nwant %s", r.ObservedAt, got, want)
		}
	}
}

// TestListFeatureLeavesOutOnlyEmptyMembers: a listing's Feature is the
// full Feature without the members that are null or [], and nothing else
// differs.
func TestListFeatureLeavesOutOnlyEmptyMembers(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for i := range 5000 {
		r := randomReport(rng)
		rec := encodeRecord(&r)
		v, err := viewRecord(r.ID, rec)
		if err != nil {
			t.Fatal(err)
		}
		var full, list map[string]any
		if err := json.Unmarshal(testPrivacy.appendFeature(nil, &v, AudiencePublic, false), &full); err != nil {
			t.Fatal(err)
		}
		listJSON := testPrivacy.appendFeature(nil, &v, AudiencePublic, true)
		if err := json.Unmarshal(listJSON, &list); err != nil {
			t.Fatalf("report %d: %v in %s", i, err, listJSON)
		}
		props := full["properties"].(map[string]any)
		for k, val := range props {
			if l, ok := val.([]any); val == nil || ok && len(l) == 0 {
				delete(props, k)
			}
		}
		if !reflect.DeepEqual(full, list) {
			t.Fatalf("report %d:\n list %s\n want %v", i, listJSON, full)
		}
	}
}

func TestRecordRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 20000 {
		r := randomReport(rng)
		got, err := decodeRecord(r.ID, encodeRecord(&r))
		if err != nil {
			t.Fatalf("report %d: %v", i, err)
		}
		want := r
		want.Needs = storedNeeds(&r) // one need is stored as none
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("report %d:\n got %+v\nwant %+v", i, got, want)
		}
		sum, err := summaryOfRecord(r.ID, encodeRecord(&r))
		if err != nil || !reflect.DeepEqual(sum, summaryOf(&r)) {
			t.Fatalf("report %d: summary %+v, %v; want %+v", i, sum, err, summaryOf(&r))
		}
	}
}

func TestDecodeRecordRefusesTruncated(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	r := randomReport(rng)
	b := encodeRecord(&r)
	for n := range len(b) {
		if _, err := decodeRecord(1, b[:n]); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("record cut to %d of %d bytes: err %v, want ErrCorrupt", n, len(b), err)
		}
	}
	if _, err := decodeRecord(1, append(bytes.Clone(b), 0)); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("record with a trailing byte: err %v, want ErrCorrupt", err)
	}
}

func TestCellCodeOrdersNeighbours(t *testing.T) {
	// Points in the same small cell share the high bits of their code.
	a, b := cellCode(39.2, -6.8), cellCode(39.2000001, -6.8000001)
	far := cellCode(39.3, -6.9)
	if a^b >= a^far {
		t.Errorf("near points differ more (%x) than far ones (%x)", a^b, a^far)
	}
	if cellCode(-180, -90) != 0 || cellCode(180, 90) != math.MaxUint64 {
		t.Errorf("corners: %x %x", cellCode(-180, -90), cellCode(180, 90))
	}
}

func TestOpenRefusesOtherLayout(t *testing.T) {
	kvtest.BoltOnly(t, "edits the bbolt file")
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(filepath.Join(dir, FileName), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchema, []byte{1}) })
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrSchema) {
		t.Fatalf("Open of a version 1 file: %v, want ErrSchema", err)
	}
}

func TestAppendFeaturesMatchesFeature(t *testing.T) {
	s, err := openStore(t, t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(7, 8))
	var batch []Report
	for range 3000 {
		r := randomReport(rng)
		r.Location = [2]float64{39.2 + rng.Float64()*0.01, -6.8 + rng.Float64()*0.01}
		batch = append(batch, r)
	}
	if _, err := s.CreateMany(t.Context(), batch); err != nil {
		t.Fatal(err)
	}
	for range 200 {
		x, y := 39.2+rng.Float64()*0.009, -6.8+rng.Float64()*0.009
		side := rng.Float64() * 0.003
		box := orbBound(x, y, x+side, y+side)
		ids := s.Find(Query{BBox: &box, Limit: 1000}).IDs
		ids = append(ids, 99999) // unknown: skipped
		got, n, err := s.AppendFeatures(nil, ids, AudiencePublic)
		if err != nil {
			t.Fatal(err)
		}
		var want []byte
		for i, id := range ids[:len(ids)-1] {
			f, err := s.Feature(id)
			if err != nil {
				t.Fatal(err)
			}
			if i > 0 {
				want = append(want, ',')
			}
			want = append(want, f...)
		}
		if n != len(ids)-1 || !bytes.Equal(got, want) {
			t.Fatalf("box %v: %d features, want %d; equal %v", box, n, len(ids)-1, bytes.Equal(got, want))
		}
	}
}

func orbBound(minLon, minLat, maxLon, maxLat float64) orb.Bound {
	return orb.Bound{Min: orb.Point{minLon, minLat}, Max: orb.Point{maxLon, maxLat}}
}
