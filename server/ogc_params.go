package server

import (
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// Paging limits for /items, declared in the OpenAPI document.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
)

const crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"

// itemsRequest is a parsed and validated /items query.
type itemsRequest struct {
	query data.Query
	// kinds and classes filter the OSM collections.
	kinds   []data.FeatureKind
	classes map[string]bool
	// props are the equality filters of a derived layer: property name ->
	// accepted values.
	props map[string]map[string]bool
	raw   url.Values
}

// parseItemsQuery validates an /items query string. allowed lists the
// collection-specific filters on top of the OGC core parameters; any other
// parameter is refused, so that a misspelt filter cannot return everything.
func parseItemsQuery(values url.Values, allowed map[string]func(string, *itemsRequest) error) (itemsRequest, error) {
	req := itemsRequest{raw: values, query: data.Query{Limit: DefaultLimit}}
	for name, vs := range values {
		if len(vs) != 1 {
			return req, badParam(name, "give this parameter once")
		}
		v := vs[0]
		var err error
		switch name {
		case "limit":
			req.query.Limit, err = parseBoundedInt(name, v, 1, MaxLimit)
		case "offset":
			req.query.Offset, err = parseBoundedInt(name, v, 0, math.MaxInt32)
		case "bbox":
			var b orb.Bound
			b, err = parseBBox(v)
			req.query.BBox = &b
		case "bbox-crs":
			if v != crs84 {
				err = badParam(name, "only "+crs84+" is supported")
			}
		case "datetime":
			req.query.Start, req.query.End, err = parseDatetime(v)
		case "f":
			if v != "json" && v != "geojson" {
				err = badParam(name, `format must be "json" or "geojson"`)
			}
		default:
			parse, ok := allowed[name]
			if !ok {
				return req, &apiError{Status: 400, Code: "unknown_parameter", Field: name, Message: "unknown query parameter"}
			}
			err = parse(v, &req)
		}
		if err != nil {
			return req, err
		}
	}
	return req, nil
}

func parseBoundedInt(name, v string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badParam(name, name+" must be a whole number from "+strconv.Itoa(lo)+" to "+strconv.Itoa(hi))
	}
	return n, nil
}

// parseBBox reads "minLon,minLat,maxLon,maxLat" (or the 6-number form with
// heights, which are ignored) in CRS84.
func parseBBox(v string) (orb.Bound, error) {
	parts := strings.Split(v, ",")
	if len(parts) != 4 && len(parts) != 6 {
		return orb.Bound{}, badParam("bbox", "bbox needs 4 numbers: minLon,minLat,maxLon,maxLat")
	}
	nums := make([]float64, len(parts))
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return orb.Bound{}, badParam("bbox", "bbox values must be numbers")
		}
		nums[i] = f
	}
	if len(nums) == 6 {
		nums = []float64{nums[0], nums[1], nums[3], nums[4]}
	}
	minLon, minLat, maxLon, maxLat := nums[0], nums[1], nums[2], nums[3]
	switch {
	case minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90:
		return orb.Bound{}, badParam("bbox", "bbox must lie within -180,-90,180,90")
	case minLon > maxLon || minLat > maxLat:
		return orb.Bound{}, badParam("bbox", "bbox minimum must not exceed its maximum (minLon,minLat,maxLon,maxLat)")
	}
	return orb.Bound{Min: orb.Point{minLon, minLat}, Max: orb.Point{maxLon, maxLat}}, nil
}

// parseDatetime reads an OGC datetime: an instant, a date, or an interval
// "start/end" where either end may be ".." or empty for open. Zero times
// mean open ends.
func parseDatetime(v string) (start, end time.Time, err error) {
	bad := badParam("datetime", "datetime must be an RFC 3339 instant or date, or an interval such as 2026-01-01T00:00:00Z/.. ")
	if v == "" {
		return start, end, bad
	}
	before, after, isInterval := strings.Cut(v, "/")
	if !isInterval {
		s, e, err := parseInstant(v)
		if err != nil {
			return start, end, bad
		}
		return s, e, nil
	}
	if strings.Contains(after, "/") {
		return start, end, bad
	}
	if before != "" && before != ".." {
		if start, _, err = parseInstant(before); err != nil {
			return start, end, bad
		}
	}
	if after != "" && after != ".." {
		if _, end, err = parseInstant(after); err != nil {
			return start, end, bad
		}
	}
	if !start.IsZero() && !end.IsZero() && start.After(end) {
		return start, end, badParam("datetime", "interval start is after its end")
	}
	return start, end, nil
}

// parseInstant returns the first and last second an RFC 3339 instant or a
// full date covers.
func parseInstant(s string) (time.Time, time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), t.UTC(), nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	return d, d.Add(24*time.Hour - time.Second), nil
}

// withOffset returns the query string of values with offset replaced.
func withOffset(values url.Values, offset int) string {
	v := url.Values{}
	for k, vs := range values {
		v[k] = vs
	}
	if offset > 0 {
		v.Set("offset", strconv.Itoa(offset))
	} else {
		v.Del("offset")
	}
	return v.Encode()
}
