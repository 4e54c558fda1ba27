package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/paulmach/orb"
)

// featureJSON is the public GeoJSON shape of a report. It has no private
// fields: what is not here can never leak.
type featureJSON struct {
	Type       string          `json:"type"`
	ID         uint64          `json:"id"`
	Geometry   pointJSON       `json:"geometry"`
	Properties publicPropsJSON `json:"properties"`
}

type pointJSON struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

type publicPropsJSON struct {
	ID             uint64         `json:"id"`
	Category       string         `json:"category"`
	Description    string         `json:"description"`
	Status         Status         `json:"status"`
	Channel        Channel        `json:"channel"`
	LocationSource LocationSource `json:"location_source"`
	AccuracyM      *float64       `json:"accuracy_m"`
	LocationConf   *float64       `json:"location_confidence"`
	ObservedAt     string         `json:"observed_at"`
	ReceivedAt     string         `json:"received_at"`

	Areas               []AreaRef   `json:"areas"`
	Nearest             *FeatureRef `json:"nearest"`
	NotInOSM            bool        `json:"not_in_osm"`
	PossibleDuplicateOf []uint64    `json:"possible_duplicate_of"`
}

// coordinatePrecision is the number of decimals kept for longitude and
// latitude: 1e-7 degrees is about 1 cm, far below any phone's GPS error.
const coordinatePrecision = 7

// PublicFeature returns r as an RFC 7946 GeoJSON Feature with only public
// properties. Times are RFC 3339 in UTC with second precision.
func (r *Report) PublicFeature() []byte {
	f := featureJSON{
		Type: "Feature",
		ID:   r.ID,
		Geometry: pointJSON{Type: "Point", Coordinates: [2]float64{
			roundTo(r.Location[0], coordinatePrecision), roundTo(r.Location[1], coordinatePrecision)}},
		Properties: publicPropsJSON{
			ID:             r.ID,
			Category:       r.Category,
			Description:    r.Description,
			Status:         r.Status,
			Channel:        r.Channel,
			LocationSource: r.LocationSource,
			AccuracyM:      r.AccuracyM,
			LocationConf:   r.LocationConfidence,
			ObservedAt:     FormatTime(r.ObservedAt),
			ReceivedAt:     FormatTime(r.ReceivedAt),

			Areas:               r.Areas,
			Nearest:             r.Nearest,
			NotInOSM:            r.NotInOSM,
			PossibleDuplicateOf: r.PossibleDuplicateOf,
		},
	}
	if f.Properties.Areas == nil {
		f.Properties.Areas = []AreaRef{}
	}
	if f.Properties.PossibleDuplicateOf == nil {
		f.Properties.PossibleDuplicateOf = []uint64{}
	}
	b, err := json.Marshal(&f)
	if err != nil {
		// Every field is a plain string, number or validated float.
		panic("data: encode feature: " + err.Error())
	}
	return b
}

// FormatTime formats t as RFC 3339 in UTC, to the second.
func FormatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func roundTo(v float64, decimals int) float64 {
	p := math.Pow10(decimals)
	return math.Round(v*p) / p
}

// readOnlyProperties are server-assigned; a client may send them back (for
// example a feature it fetched earlier) and they are ignored.
var readOnlyProperties = map[string]bool{
	"id": true, "received_at": true, "areas": true, "nearest": true, "location_confidence": true,
	"not_in_osm": true, "possible_duplicate_of": true,
}

// ParseReportFeature decodes a GeoJSON Feature with a Point geometry into a
// Report. Unknown properties are refused so that a misspelt field is not
// silently dropped. It checks types and shapes only; call Report.Validate
// for ranges and the taxonomy. Errors are *ValidationError.
func ParseReportFeature(body []byte) (Report, error) {
	var r Report
	var env struct {
		Type       json.RawMessage `json:"type"`
		Geometry   json.RawMessage `json:"geometry"`
		Properties json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return r, syntaxError(err)
	}
	var typ string
	if err := json.Unmarshal(env.Type, &typ); err != nil || typ != "Feature" {
		return r, invalid("type", `must be "Feature"`)
	}
	p, err := parsePoint(env.Geometry)
	if err != nil {
		return r, err
	}
	r.Location = p
	if err := parseProperties(env.Properties, &r); err != nil {
		return r, err
	}
	return r, nil
}

func syntaxError(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return &ValidationError{Code: CodeSyntax, Field: "body", Message: fmt.Sprintf("malformed JSON at byte %d: %v", se.Offset, se)}
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "body"
		}
		return invalid(field, "must be a JSON %s", jsonKind(te.Type.Kind().String()))
	default:
		return &ValidationError{Code: CodeSyntax, Field: "body", Message: "malformed JSON: " + err.Error()}
	}
}

func jsonKind(goKind string) string {
	switch goKind {
	case "struct", "map":
		return "object"
	case "slice", "array":
		return "array"
	case "float64", "int", "uint64":
		return "number"
	}
	return goKind
}

func isNull(raw json.RawMessage) bool {
	return len(raw) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

func parsePoint(raw json.RawMessage) (orb.Point, error) {
	if isNull(raw) {
		return orb.Point{}, &ValidationError{Code: CodeMissing, Field: "geometry", Message: "a Point geometry is required"}
	}
	var g struct {
		Type        json.RawMessage `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		return orb.Point{}, invalid("geometry", "must be a GeoJSON geometry object")
	}
	var typ string
	if err := json.Unmarshal(g.Type, &typ); err != nil {
		return orb.Point{}, invalid("geometry.type", "must be a string")
	}
	if typ != "Point" {
		return orb.Point{}, invalid("geometry.type", "must be Point, not %q", typ)
	}
	if isNull(g.Coordinates) {
		return orb.Point{}, &ValidationError{Code: CodeMissing, Field: "geometry.coordinates", Message: "coordinates are required"}
	}
	var coords []any // numbers decode as json.Number; a quoted "39.2" is a string
	dec := json.NewDecoder(bytes.NewReader(g.Coordinates))
	dec.UseNumber()
	if err := dec.Decode(&coords); err != nil {
		return orb.Point{}, invalid("geometry.coordinates", "must be an array of numbers [longitude, latitude]")
	}
	if len(coords) < 2 || len(coords) > 3 {
		return orb.Point{}, invalid("geometry.coordinates", "must have 2 or 3 numbers, not %d", len(coords))
	}
	var p orb.Point
	for i := 0; i < 2; i++ {
		n, isNumber := coords[i].(json.Number)
		if !isNumber {
			return orb.Point{}, invalid("geometry.coordinates", "must be an array of numbers [longitude, latitude]")
		}
		v, err := strconv.ParseFloat(string(n), 64)
		if err != nil {
			return orb.Point{}, invalid("geometry.coordinates", "must be an array of numbers [longitude, latitude]")
		}
		p[i] = v
	}
	return p, nil
}

func parseProperties(raw json.RawMessage, r *Report) error {
	if isNull(raw) {
		return &ValidationError{Code: CodeMissing, Field: "properties", Message: "properties with at least a category are required"}
	}
	var props map[string]json.RawMessage
	if err := json.Unmarshal(raw, &props); err != nil {
		return invalid("properties", "must be a JSON object")
	}
	for _, name := range slices.Sorted(maps.Keys(props)) {
		v := props[name]
		field := "properties." + name
		var err error
		switch name {
		case "category":
			err = decodeString(v, field, &r.Category)
		case "description":
			err = decodeString(v, field, &r.Description)
		case "location_source":
			err = decodeString(v, field, (*string)(&r.LocationSource))
		case "channel":
			err = decodeString(v, field, (*string)(&r.Channel))
		case "status":
			err = decodeString(v, field, (*string)(&r.Status))
		case "idempotency_key":
			err = decodeString(v, field, &r.IdempotencyKey)
		case "reporter":
			err = decodeString(v, field, &r.Reporter)
		case "accuracy_m":
			if isNull(v) {
				continue
			}
			var a float64
			if json.Unmarshal(v, &a) != nil {
				return invalid(field, "must be a number of metres")
			}
			r.AccuracyM = &a
		case "observed_at":
			var s string
			if err = decodeString(v, field, &s); err != nil || s == "" {
				break
			}
			t, perr := time.Parse(time.RFC3339, s)
			if perr != nil {
				return invalid(field, "must be an RFC 3339 date-time such as 2026-03-01T14:30:00Z")
			}
			r.ObservedAt = t.UTC()
		default:
			if !readOnlyProperties[name] {
				return &ValidationError{Code: CodeUnknown, Field: field, Message: "unknown property"}
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func decodeString(raw json.RawMessage, field string, dst *string) error {
	if isNull(raw) {
		return nil
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return invalid(field, "must be a string")
	}
	return nil
}
