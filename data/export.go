package data

import (
	"fmt"
	"time"
)

// PublicReport is the public part of a stored report, as an export reads
// it: what the public Feature shows, without the reporter, the raw text,
// the idempotency key, the account that submitted it or any other private
// field. Its byte slices point into the stored record and are valid only
// during the EachPublicReport callback; copy them to keep them.
type PublicReport struct {
	ID uint64
	// Location is the point as the Feature writes it: rounded to 7
	// decimals (about 1 cm).
	Location [2]float64
	Category []byte
	// Needs are every need, ranked: [Category] for a report with one.
	Needs          [][]byte
	Description    []byte
	Status         Status
	Channel        []byte
	LocationSource []byte
	// AccuracyM is the reported accuracy in metres; HasAccuracy says
	// whether there is one.
	AccuracyM   float64
	HasAccuracy bool
	// ObservedAt and ReceivedAt are in UTC.
	ObservedAt, ReceivedAt time.Time
	// AreaName is the name of the smallest area the report lies in (the
	// last of the Feature's areas, which go from largest to smallest), or
	// empty.
	AreaName []byte
	// NearestName and NearestDistanceM describe the nearest mapped
	// feature when HasNearest is set.
	NearestName      []byte
	NearestDistanceM float64
	HasNearest       bool
	NotInOSM         bool
}

// EachPublicReport calls fn, in the order of ids, with the public fields of
// each of ids that still exists and its public GeoJSON Feature (the bytes
// AppendFeatures writes for it). The reports are read from their stored
// records in one read transaction, without decoding any JSON; r and
// feature are valid only during the call, and fn must not call the store
// back. Pass ids in batches (an export reads a thousand at a time) so that
// the transaction stays short. An error from fn ends the walk and is
// returned as it is.
func (s *Store) EachPublicReport(ids []uint64, fn func(r *PublicReport, feature []byte) error) error {
	var feature []byte
	var r PublicReport
	var fnErr error
	err := s.eachRecord(ids, func(v *recordView) error {
		v.publicReport(&r)
		feature = appendPublicFeature(feature[:0], v)
		if err := fn(&r, feature); err != nil {
			fnErr = err
			return err
		}
		return nil
	})
	switch {
	case fnErr != nil:
		return fnErr
	case err != nil:
		return fmt.Errorf("read public reports: %w", err)
	}
	return nil
}

// publicReport fills r with the public fields of v.
func (v *recordView) publicReport(r *PublicReport) {
	needs := r.Needs[:0] // reused from report to report
	*r = PublicReport{
		ID:             v.id,
		Location:       [2]float64{roundTo(v.lon, coordinatePrecision), roundTo(v.lat, coordinatePrecision)},
		Category:       v.category,
		Description:    v.description,
		Status:         v.status(),
		Channel:        v.channel,
		LocationSource: v.source,
		AccuracyM:      v.accuracy,
		HasAccuracy:    v.flags&flagAccuracy != 0,
		ObservedAt:     v.observed,
		ReceivedAt:     v.received,
		NotInOSM:       v.flags&flagNotInOSM != 0,
	}
	v.eachNeed(func(n []byte) { needs = append(needs, n) })
	r.Needs = needs
	if v.nAreas > 0 {
		areas := recordReader{b: v.areas}
		for range v.nAreas {
			r.AreaName = areas.area(true).name
		}
	}
	if v.flags&flagNearest != 0 {
		r.NearestName, r.NearestDistanceM, r.HasNearest = v.nearest.name, v.nearest.distance, true
	}
}
