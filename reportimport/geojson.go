package reportimport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
)

// lineCounter turns byte offsets into line numbers, moving forward only.
type lineCounter struct {
	src  []byte
	off  int
	line int
}

func (l *lineCounter) at(off int) int {
	if off > len(l.src) {
		off = len(l.src)
	}
	if off < l.off {
		return 1 + bytes.Count(l.src[:off], []byte{'\n'})
	}
	l.line += bytes.Count(l.src[l.off:off], []byte{'\n'})
	l.off = off
	return l.line
}

// valueStart skips the whitespace and comma before the value that starts
// at or after off.
func valueStart(src []byte, off int) int {
	for off < len(src) && (src[off] == ' ' || src[off] == '\t' || src[off] == '\r' || src[off] == '\n' || src[off] == ',') {
		off++
	}
	return off
}

// readGeoJSON reads a FeatureCollection feature by feature.
func readGeoJSON(src []byte, b *builder) error {
	lines := &lineCounter{src: src, line: 1}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	syntax := func(err error, element string) error {
		off := int(dec.InputOffset())
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = int(se.Offset)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return &FileError{Line: lines.at(len(src)), Element: element, Message: "the JSON ends too early (a truncated file?)"}
		}
		return &FileError{Line: lines.at(off), Element: element, Message: "invalid JSON: " + err.Error()}
	}
	if tok, err := dec.Token(); err != nil {
		return syntax(err, "")
	} else if tok != json.Delim('{') {
		return &FileError{Line: 1, Message: "want a GeoJSON FeatureCollection object"}
	}
	sawFeatures := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return syntax(err, "")
		}
		key, _ := tok.(string)
		switch key {
		case "type":
			var typ string
			if err := dec.Decode(&typ); err != nil {
				return syntax(err, "type")
			}
			if typ != "FeatureCollection" {
				return &FileError{Line: lines.at(int(dec.InputOffset())), Element: "type",
					Message: fmt.Sprintf("type is %q; want a FeatureCollection", typ)}
			}
		case "features":
			sawFeatures = true
			if err := readFeatures(dec, src, lines, b, syntax); err != nil {
				return err
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return syntax(err, key)
			}
		}
	}
	if _, err := dec.Token(); err != nil {
		return syntax(err, "")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return &FileError{Line: lines.at(int(dec.InputOffset())), Message: "unexpected data after the FeatureCollection"}
	}
	if !sawFeatures {
		return &FileError{Element: "features", Message: "no \"features\" array: not a GeoJSON FeatureCollection"}
	}
	return nil
}

func readFeatures(dec *json.Decoder, src []byte, lines *lineCounter, b *builder, syntax func(error, string) error) error {
	tok, err := dec.Token()
	if err != nil {
		return syntax(err, "features")
	}
	if tok == nil {
		return nil // "features": null
	}
	if tok != json.Delim('[') {
		return &FileError{Line: lines.at(int(dec.InputOffset())), Element: "features", Message: "features is not an array"}
	}
	for i := 0; dec.More(); i++ {
		line := lines.at(valueStart(src, int(dec.InputOffset())))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return syntax(err, fmt.Sprintf("features[%d]", i))
		}
		b.parsed.Read++
		b.feature(i, line, raw)
	}
	_, err = dec.Token() // ]
	if err != nil {
		return syntax(err, "features")
	}
	return nil
}

// rawFeature is a GeoJSON Feature as read, before any check.
type rawFeature struct {
	Type     string          `json:"type"`
	ID       json.RawMessage `json:"id"`
	Geometry *struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
	Properties map[string]json.RawMessage `json:"properties"`
}

// feature checks one feature and hands it to the builder.
func (b *builder) feature(i, line int, raw json.RawMessage) {
	row := &sourceRow{line: line, feature: i, coordField: "geometry.coordinates", source: []string{string(raw)}}
	var f rawFeature
	if err := json.Unmarshal(raw, &f); err != nil {
		b.reject(row, CodeInvalidField, "", "not a GeoJSON Feature: "+err.Error())
		return
	}
	if f.Type != "Feature" {
		b.reject(row, CodeInvalidField, "type", fmt.Sprintf("type is %q, want \"Feature\"", f.Type))
		return
	}
	fields := b.mapping.fields
	id, _, rj := property(f.Properties, fields.ID, DefaultFields.ID)
	if rj == nil && id == "" && len(f.ID) > 0 && string(f.ID) != "null" {
		id, rj = scalar(f.ID, "id")
	}
	if rj != nil {
		b.reject(row, rj.Code, rj.Field, rj.Reason)
		return
	}
	row.id = id
	if f.Geometry == nil {
		b.reject(row, CodeMissingField, "geometry", "no location (geometry is null)")
		return
	}
	var coords []float64
	// The content hash of a line or polygon is of its coordinates as
	// written, whichever point the mapping places it at.
	coordText := ""
	if f.Geometry.Type == "Point" {
		if err := json.Unmarshal(f.Geometry.Coordinates, &coords); err != nil || len(coords) < 2 {
			b.reject(row, CodeBadCoordinates, "geometry.coordinates", "coordinates must be [longitude, latitude] numbers")
			return
		}
		row.location = orb.Point{coords[0], coords[1]}
	} else {
		p, rj := b.placeGeometry(f.Geometry.Type, f.Geometry.Coordinates)
		if rj != nil {
			b.reject(row, rj.Code, rj.Field, rj.Reason)
			return
		}
		row.location = p
		coordText = string(f.Geometry.Coordinates)
	}

	var cat, desc, title, status string
	for _, p := range []struct {
		dst      *string
		field    *string
		name     string
		defaults []string
	}{
		{&cat, &row.categoryField, fields.Category, DefaultFields.Category},
		{&desc, nil, fields.Description, DefaultFields.Description},
		{&title, nil, fields.Title, DefaultFields.Title},
		{&row.observed, &row.timeField, fields.ObservedAt, DefaultFields.ObservedAt},
		{&status, nil, fields.Status, DefaultFields.Status},
	} {
		v, field, rj := property(f.Properties, p.name, p.defaults)
		if rj != nil {
			b.reject(row, rj.Code, rj.Field, rj.Reason)
			return
		}
		*p.dst = v
		if p.field != nil {
			*p.field = field
		}
	}
	if row.categoryField == "" {
		row.categoryField = "properties." + firstNonEmpty(fields.Category, DefaultFields.Category[0])
	}
	if row.timeField == "" {
		row.timeField = "properties." + firstNonEmpty(fields.ObservedAt, DefaultFields.ObservedAt[0])
	}
	if cat != "" {
		row.categories = []string{cat}
	}
	row.timeUTC = utcColumns[strings.ToLower(strings.TrimPrefix(row.timeField, "properties."))]
	if status != "" {
		s := data.Status(strings.ToLower(status))
		if !s.Valid() {
			b.reject(row, CodeInvalidField, "properties.status", fmt.Sprintf("unknown status %q", status))
			return
		}
		row.status = s
	}
	row.description = joinDescription(title, desc, "")
	if coordText == "" {
		coordText = strconv.FormatFloat(coords[0], 'f', -1, 64) + "\x00" + strconv.FormatFloat(coords[1], 'f', -1, 64)
	}
	row.content = strings.Join([]string{coordText, row.observed, cat, title, desc}, "\x00")
	b.pending = append(b.pending, row)
}

// placeGeometry turns a LineString, Polygon or their Multi forms into one
// point as the mapping's "geometry" says: a point on it or its centroid.
func (b *builder) placeGeometry(typ string, coordinates json.RawMessage) (orb.Point, *Rejection) {
	if b.mapping.geometry == GeometryPoint {
		return orb.Point{}, &Rejection{Code: CodeBadCoordinates, Field: "geometry.type", Reason: fmt.Sprintf(
			"geometry is a %s; set \"geometry\": \"point_on_surface\" (or \"centroid\") in the mapping file to import it at one point", typ)}
	}
	raw, _ := json.Marshal(struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	}{typ, coordinates})
	g, err := geojson.UnmarshalGeometry(raw)
	if err != nil || g.Geometry() == nil {
		return orb.Point{}, &Rejection{Code: CodeBadCoordinates, Field: "geometry", Reason: fmt.Sprintf("not a valid GeoJSON %s geometry", typ)}
	}
	var p orb.Point
	var ok bool
	switch g.Geometry().(type) {
	case orb.LineString, orb.MultiLineString, orb.Polygon, orb.MultiPolygon, orb.MultiPoint:
		if b.mapping.geometry == GeometryCentroid {
			p, ok = mapping.Centroid(g.Geometry())
		} else {
			p, ok = mapping.PointOnSurface(g.Geometry())
		}
	}
	if !ok {
		return orb.Point{}, &Rejection{Code: CodeBadCoordinates, Field: "geometry", Reason: fmt.Sprintf("a %s cannot be placed at one point (empty, or a collection)", typ)}
	}
	b.parsed.Placed++
	return p, nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// property finds a property by the mapping's name (exactly), or else by
// the first default name present (case-insensitively, also after a
// KoboToolbox group path such as "group_x/category"). It returns the value
// as text and the field it came from.
func property(props map[string]json.RawMessage, name string, defaults []string) (string, string, *Rejection) {
	key, ok := "", false
	if name != "" {
		_, ok = props[name]
		key = name
	} else {
		key, ok = findDefault(props, defaults)
	}
	if !ok {
		return "", "", nil
	}
	field := "properties." + key
	v, rj := scalar(props[key], field)
	return v, field, rj
}

func findDefault(props map[string]json.RawMessage, defaults []string) (string, bool) {
	for _, d := range defaults {
		if _, ok := props[d]; ok {
			return d, true
		}
		best := ""
		for k := range props {
			lk := strings.ToLower(k)
			if lk == d || strings.HasSuffix(lk, "/"+d) {
				if best == "" || k < best {
					best = k
				}
			}
		}
		if best != "" {
			return best, true
		}
	}
	return "", false
}

// scalar renders a JSON string, number or boolean as text, and an array of
// them joined with commas; null is "".
func scalar(raw json.RawMessage, field string) (string, *Rejection) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return "", &Rejection{Code: CodeInvalidField, Field: field, Reason: "not valid JSON"}
	}
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case json.Number:
		return x.String(), nil
	case bool:
		return strconv.FormatBool(x), nil
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return "", &Rejection{Code: CodeInvalidField, Field: field, Reason: "want a string or a list of strings"}
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, ", "), nil
	}
	return "", &Rejection{Code: CodeInvalidField, Field: field, Reason: "want a string, a number or a list of strings, not an object"}
}
