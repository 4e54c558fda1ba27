package reportimport

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

// MappingSkeleton is a mapping file for p as m read it: every category
// label found with the category mtaa chose for it ("" where it chose
// none), the date order in force, and m's other members, for the NGO to
// correct and pass back with --mapping. A file with lines or polygons
// that m did not place gets "geometry": "point_on_surface".
func MappingSkeleton(p *Parsed, m *Mapping) MappingFile {
	if m == nil {
		m = DefaultMapping()
	}
	f := MappingFile{Source: m.source, Categories: map[string]string{}, Unmapped: m.unmapped, Unapproved: m.unapproved,
		Timezone: m.timezone, DateOrder: m.dateOrder, Geometry: m.geometry, Defaults: m.defaults, Fields: m.fields}
	if f.DateOrder == "" {
		f.DateOrder = p.dateOrder
	}
	for _, l := range p.Labels {
		f.Categories[l.Label] = l.Category
	}
	if f.Geometry == GeometryPoint {
		f.Geometry = ""
		for _, rj := range p.Rejected {
			if rj.Field == "geometry.type" {
				f.Geometry = GeometryPointOnSurface
				break
			}
		}
	}
	return f
}

// WriteMapping writes f as indented JSON.
func WriteMapping(w io.Writer, f MappingFile) error {
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("write mapping: %w", err)
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("write mapping: %w", err)
	}
	return nil
}

// WriteRejected writes the rejected rows as CSV, with why each was
// rejected. For a CSV source the columns mtaa_line, mtaa_code, mtaa_field
// and mtaa_reason come first, then each row as read under the source's
// header, so that the corrected file can be imported again (mtaa ignores
// columns it does not know); for GeoJSON the columns are line, feature, source_id, code,
// field, reason and the feature's JSON.
func WriteRejected(w io.Writer, p *Parsed, rejected []Rejection) error {
	cw := csv.NewWriter(w)
	if p.Header != nil {
		header := append([]string{"mtaa_line", "mtaa_code", "mtaa_field", "mtaa_reason"}, p.Header...)
		if err := cw.Write(header); err != nil {
			return fmt.Errorf("write rejected rows: %w", err)
		}
		for _, rj := range rejected {
			rec := append([]string{strconv.Itoa(rj.Line), rj.Code, rj.Field, rj.Reason}, rj.Source...)
			if err := cw.Write(rec); err != nil {
				return fmt.Errorf("write rejected rows: %w", err)
			}
		}
	} else {
		if err := cw.Write([]string{"line", "feature", "source_id", "code", "field", "reason", "feature_json"}); err != nil {
			return fmt.Errorf("write rejected rows: %w", err)
		}
		for _, rj := range rejected {
			feature, raw := "", ""
			if rj.Feature != nil {
				feature = strconv.Itoa(*rj.Feature)
			}
			if len(rj.Source) > 0 {
				raw = rj.Source[0]
			}
			if err := cw.Write([]string{strconv.Itoa(rj.Line), feature, rj.SourceID, rj.Code, rj.Field, rj.Reason, raw}); err != nil {
				return fmt.Errorf("write rejected rows: %w", err)
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write rejected rows: %w", err)
	}
	return nil
}
