package mapping

import (
	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// Select returns the features of the given kinds whose geometry meets
// bbox (all of them when bbox is nil), kind by kind in the order given and
// in extract order within a kind, so that pages are stable. keep, when not
// nil, filters further.
func (ix *Index) Select(kinds []data.FeatureKind, bbox *orb.Bound, keep func(*data.OSMFeature) bool) []*data.OSMFeature {
	var out []*data.OSMFeature
	for _, kind := range kinds {
		k := ix.byKind[kind]
		if k == nil {
			continue
		}
		for _, f := range k.feats {
			if bbox != nil && !featureMeets(f, *bbox) {
				continue
			}
			if keep == nil || keep(f) {
				out = append(out, f)
			}
		}
	}
	return out
}

func featureMeets(f *data.OSMFeature, b orb.Bound) bool {
	if f.Geometry == nil {
		return b.Contains(f.Point)
	}
	return f.Geometry.Bound().Intersects(b)
}

// Feature returns the feature with the given OSM type and id, or nil.
func (ix *Index) Feature(typ data.OSMType, id int64) *data.OSMFeature {
	for _, f := range ix.all {
		if f.OSMID == id && f.OSMType == typ {
			return f
		}
	}
	return nil
}
