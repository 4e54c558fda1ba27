package data

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
)

//go:embed taxonomy.json
var defaultTaxonomyJSON []byte

// DefaultTaxonomyJSON returns the built-in taxonomy file, a starting point
// for a city's own edited copy.
func DefaultTaxonomyJSON() []byte { return append([]byte(nil), defaultTaxonomyJSON...) }

// Severity levels run from 1 (nuisance) to 5 (life-threatening).
const (
	MinSeverity = 1
	MaxSeverity = 5
)

// Category is one kind of report, e.g. "flood" or "water_supply".
type Category struct {
	ID       string `json:"id"`
	Severity int    `json:"severity"`
	// Hazard marks categories that describe a physical danger; they feed the
	// risk layer.
	Hazard bool `json:"hazard"`
	// Sensitive categories (e.g. security) are generalised in public exports.
	Sensitive bool `json:"sensitive,omitempty"`
	// Labels maps a language code (en, fr, sw, …) to a display label.
	Labels map[string]string `json:"labels"`
}

// Taxonomy is the editable list of report categories.
type Taxonomy struct {
	Version    int        `json:"version"`
	Languages  []string   `json:"languages"`
	Categories []Category `json:"categories"`

	byID map[string]*Category
}

var categoryIDPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// ParseTaxonomy reads and validates a taxonomy file. Every category needs an
// id of lowercase letters, digits and underscores, a severity from 1 to 5,
// and a label in each of the file's languages.
func ParseTaxonomy(r io.Reader) (*Taxonomy, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var t Taxonomy
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("parse taxonomy: %w", err)
	}
	if t.Version != 1 {
		return nil, fmt.Errorf("parse taxonomy: unsupported version %d (want 1)", t.Version)
	}
	if len(t.Categories) == 0 {
		return nil, fmt.Errorf("parse taxonomy: no categories")
	}
	if len(t.Languages) == 0 {
		return nil, fmt.Errorf("parse taxonomy: no languages")
	}
	t.byID = make(map[string]*Category, len(t.Categories))
	for i := range t.Categories {
		c := &t.Categories[i]
		if !categoryIDPattern.MatchString(c.ID) {
			return nil, fmt.Errorf("parse taxonomy: category %d: id %q must match %s", i+1, c.ID, categoryIDPattern)
		}
		if _, dup := t.byID[c.ID]; dup {
			return nil, fmt.Errorf("parse taxonomy: category %q defined twice", c.ID)
		}
		if c.Severity < MinSeverity || c.Severity > MaxSeverity {
			return nil, fmt.Errorf("parse taxonomy: category %q: severity %d not in %d..%d", c.ID, c.Severity, MinSeverity, MaxSeverity)
		}
		for _, lang := range t.Languages {
			if c.Labels[lang] == "" {
				return nil, fmt.Errorf("parse taxonomy: category %q: no %q label", c.ID, lang)
			}
		}
		t.byID[c.ID] = c
	}
	return &t, nil
}

// LoadTaxonomy reads a taxonomy file from disk; an empty path means the
// built-in default.
func LoadTaxonomy(path string) (*Taxonomy, error) {
	if path == "" {
		return DefaultTaxonomy(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load taxonomy: %w", err)
	}
	defer f.Close()
	t, err := ParseTaxonomy(f)
	if err != nil {
		return nil, fmt.Errorf("load taxonomy %s: %w", path, err)
	}
	return t, nil
}

// DefaultTaxonomy returns the built-in taxonomy: daily city life and
// disasters, labelled in English, French and Swahili.
func DefaultTaxonomy() *Taxonomy {
	t, err := ParseTaxonomy(bytes.NewReader(defaultTaxonomyJSON))
	if err != nil {
		// The embedded file is tested; reaching this is a build defect.
		panic("data: built-in taxonomy is invalid: " + err.Error())
	}
	return t
}

// Category returns the category with the given id, or nil if there is none.
func (t *Taxonomy) Category(id string) *Category { return t.byID[id] }

// IDs returns every category id in file order.
func (t *Taxonomy) IDs() []string {
	ids := make([]string, len(t.Categories))
	for i, c := range t.Categories {
		ids[i] = c.ID
	}
	return ids
}
