package classify

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"

	"github.com/mtaa-project/mtaa/classify/internal/feature"
)

// ModelVersion is the version of the model file format this package reads.
const ModelVersion = 2

// Head names that are not taxonomy categories.
const (
	// RelevanceHead scores whether a message asks for help or reports a
	// need at all (with no need named, the engine asks for the category
	// instead of answering "not understood").
	RelevanceHead = "_relevant"
	// AnyCategoryHead turns a keyword match of a category the model was
	// not trained on (a city's own category) into a confidence.
	AnyCategoryHead = "_any"
)

// Model is a trained statistical model: one logistic regression ("head")
// per category it was trained on, over the hashed features of package
// feature and the taxonomy keyword matcher's confidence for that
// category, plus RelevanceHead and AnyCategoryHead. It is derived data,
// rebuilt by `make model` (classify/train).
type Model struct {
	Version int `json:"version"`
	// Source says what the model was trained on, with its licence and
	// attribution.
	Source string `json:"source"`
	Heads  []Head `json:"heads"`
	// Labelled is the number of training messages labelled with each
	// category: how common the need is (Classifier.Common).
	Labelled map[string]int `json:"labelled,omitempty"`

	// byName and the postings are built by prepare.
	byName map[string]int
	// starts[f]..starts[f+1] are feature f's entries in postings.
	starts   []uint32
	postings []posting
}

// Head is one logistic regression of a Model: its confidence for a
// message is sigmoid(Bias + Keyword*k + sum of Weights of the message's
// features / sqrt(number of features)), k being the keyword evidence for
// the head's category (KeywordMatcher.Evidence; for RelevanceHead, the
// largest of any category, "other" included).
type Head struct {
	Name    string  `json:"name"`
	Bias    float64 `json:"bias"`
	Keyword float64 `json:"keyword"`
	// Scale is the weight of one unit of Weights.
	Scale float64 `json:"scale"`
	// Features are the feature numbers with a weight, each stored as the
	// difference from the previous one (the first from 0), increasing.
	Features []uint32 `json:"features"`
	Weights  []int32  `json:"weights"`
}

type posting struct {
	head   uint16
	weight float32
}

// Write writes m as gzipped JSON; the same model always gives the same
// bytes.
func (m *Model) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	enc := json.NewEncoder(zw)
	if err := enc.Encode(m); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return nil
}

// ReadModel reads a model written by Model.Write and checks it.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	dec := json.NewDecoder(zr)
	dec.DisallowUnknownFields()
	var m Model
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	if m.Version != ModelVersion {
		return nil, fmt.Errorf("read model: unsupported version %d (want %d)", m.Version, ModelVersion)
	}
	if err := m.prepare(); err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	return &m, nil
}

// prepare checks the heads and builds the feature index.
func (m *Model) prepare() error {
	if len(m.Heads) > math.MaxUint16 {
		return errors.New("too many heads")
	}
	m.byName = map[string]int{}
	counts := make([]uint32, 1<<feature.Bits+1)
	for hi, h := range m.Heads {
		if _, dup := m.byName[h.Name]; dup || h.Name == "" {
			return fmt.Errorf("head %d: name %q empty or repeated", hi, h.Name)
		}
		m.byName[h.Name] = hi
		if len(h.Features) != len(h.Weights) {
			return fmt.Errorf("head %q: %d features but %d weights", h.Name, len(h.Features), len(h.Weights))
		}
		f := uint64(0)
		for i, d := range h.Features {
			f += uint64(d)
			if (i > 0 && d == 0) || f >= 1<<feature.Bits {
				return fmt.Errorf("head %q: feature %d out of order or range", h.Name, i)
			}
			counts[f+1]++
		}
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	m.starts = counts
	m.postings = make([]posting, counts[len(counts)-1])
	next := append([]uint32(nil), counts[:len(counts)-1]...)
	for hi, h := range m.Heads {
		f := uint32(0)
		for i, d := range h.Features {
			f += d
			m.postings[next[f]] = posting{head: uint16(hi), weight: float32(float64(h.Weights[i]) * h.Scale)}
			next[f]++
		}
	}
	return nil
}

// head returns the index of the head called name, or -1.
func (m *Model) head(name string) int {
	if i, ok := m.byName[name]; ok {
		return i
	}
	return -1
}

// score adds to sums[h] the weighted features of a message for every
// head h (sums has one slot per head) and returns the features' norm.
func (m *Model) score(feats []uint32, sums []float64) {
	if len(feats) == 0 {
		return
	}
	norm := 1 / math.Sqrt(float64(len(feats)))
	for _, f := range feats {
		for _, p := range m.postings[m.starts[f]:m.starts[f+1]] {
			sums[p.head] += float64(p.weight) * norm
		}
	}
}

// scoreHead returns what score adds to sums[h] for head h alone.
func (m *Model) scoreHead(feats []uint32, h int) float64 {
	if len(feats) == 0 {
		return 0
	}
	norm := 1 / math.Sqrt(float64(len(feats)))
	sum := 0.0
	for _, f := range feats {
		for _, p := range m.postings[m.starts[f]:m.starts[f+1]] {
			if int(p.head) == h {
				sum += float64(p.weight) * norm
			}
		}
	}
	return sum
}

//go:embed model.json.gz
var builtinModelFile []byte

var builtin = sync.OnceValues(func() (*Model, error) {
	return ReadModel(bytes.NewReader(builtinModelFile))
})

// BuiltinModel returns the model shipped in the binary, trained on the
// development corpus of real disaster messages (Munro 2012, CC BY 4.0;
// see docs/sms.md), read once.
func BuiltinModel() (*Model, error) { return builtin() }

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
