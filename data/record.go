package data

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"time"
)

// recordVersion is the schema version written as the first byte of every
// stored report. Decoding refuses versions it does not know.
const recordVersion = 1

// storedReport is the on-disk form of a Report, private fields included.
type storedReport struct {
	ID             uint64         `json:"id"`
	Category       string         `json:"category"`
	Description    string         `json:"description,omitempty"`
	Lon            float64        `json:"lon"`
	Lat            float64        `json:"lat"`
	LocationSource LocationSource `json:"location_source"`
	AccuracyM      *float64       `json:"accuracy_m,omitempty"`
	LocationConf   *float64       `json:"location_confidence,omitempty"`
	ObservedAt     time.Time      `json:"observed_at"`
	ReceivedAt     time.Time      `json:"received_at"`
	Channel        Channel        `json:"channel"`
	Status         Status         `json:"status"`
	IdempotencyKey string         `json:"idempotency_key,omitempty"`
	Reporter       string         `json:"reporter,omitempty"`
	RawText        string         `json:"raw_text,omitempty"`

	Areas               []AreaRef   `json:"areas,omitempty"`
	Nearest             *FeatureRef `json:"nearest,omitempty"`
	NotInOSM            bool        `json:"not_in_osm,omitempty"`
	PossibleDuplicateOf []uint64    `json:"possible_duplicate_of,omitempty"`
}

func storedOf(r *Report) storedReport {
	return storedReport{
		ID: r.ID, Category: r.Category, Description: r.Description,
		Lon: r.Location[0], Lat: r.Location[1], LocationSource: r.LocationSource,
		AccuracyM: r.AccuracyM, LocationConf: r.LocationConfidence, ObservedAt: r.ObservedAt.UTC(), ReceivedAt: r.ReceivedAt.UTC(),
		Channel: r.Channel, Status: r.Status, IdempotencyKey: r.IdempotencyKey, Reporter: r.Reporter,
		RawText: r.RawText, Areas: r.Areas, Nearest: r.Nearest, NotInOSM: r.NotInOSM,
		PossibleDuplicateOf: r.PossibleDuplicateOf,
	}
}

func (s *storedReport) report() Report {
	r := Report{
		ID: s.ID, Category: s.Category, Description: s.Description,
		LocationSource: s.LocationSource, AccuracyM: s.AccuracyM, LocationConfidence: s.LocationConf,
		ObservedAt: s.ObservedAt, ReceivedAt: s.ReceivedAt, Channel: s.Channel,
		Status: s.Status, IdempotencyKey: s.IdempotencyKey, Reporter: s.Reporter, RawText: s.RawText,
		Reconciliation: Reconciliation{Areas: s.Areas, Nearest: s.Nearest, NotInOSM: s.NotInOSM,
			PossibleDuplicateOf: s.PossibleDuplicateOf},
	}
	r.Location[0], r.Location[1] = s.Lon, s.Lat
	return r
}

func encodeRecord(r *Report) []byte {
	s := storedOf(r)
	b, err := json.Marshal(&s)
	if err != nil {
		panic("data: encode record: " + err.Error()) // only validated plain values
	}
	return append([]byte{recordVersion}, b...)
}

func decodeRecord(b []byte) (Report, error) {
	if len(b) == 0 || b[0] != recordVersion {
		return Report{}, fmt.Errorf("%w: unknown schema version", ErrCorrupt)
	}
	var s storedReport
	if err := json.Unmarshal(b[1:], &s); err != nil {
		return Report{}, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return s.report(), nil
}

// summary is the fixed-layout digest of a report kept in its own bucket so
// that the in-memory index can be rebuilt quickly at start-up:
// lon f64 | lat f64 | observed unix s i64 | status u8 | category bytes.
type summary struct {
	id       uint64
	lon, lat float64
	observed int64
	status   Status
	notInOSM bool
	category string
}

// The status byte of a summary holds the status code in its low bits and
// flags in its high bits.
const (
	summaryStatusMask = 0x0f
	summaryNotInOSM   = 0x80
)

const summaryFixed = 8 + 8 + 8 + 1

func summaryOf(r *Report) summary {
	return summary{id: r.ID, lon: r.Location[0], lat: r.Location[1],
		observed: r.ObservedAt.Unix(), status: r.Status, notInOSM: r.NotInOSM, category: r.Category}
}

func (s summary) encode() []byte {
	b := make([]byte, summaryFixed, summaryFixed+len(s.category))
	binary.BigEndian.PutUint64(b[0:], math.Float64bits(s.lon))
	binary.BigEndian.PutUint64(b[8:], math.Float64bits(s.lat))
	binary.BigEndian.PutUint64(b[16:], uint64(s.observed))
	b[24] = statusCode(s.status)
	if s.notInOSM {
		b[24] |= summaryNotInOSM
	}
	return append(b, s.category...)
}

func decodeSummary(id uint64, b []byte) (summary, error) {
	if len(b) < summaryFixed {
		return summary{}, fmt.Errorf("%w: summary of report %d", ErrCorrupt, id)
	}
	code := b[24] & summaryStatusMask
	if code == 0 || int(code) > len(Statuses) {
		return summary{}, fmt.Errorf("%w: summary of report %d", ErrCorrupt, id)
	}
	return summary{
		id:       id,
		lon:      math.Float64frombits(binary.BigEndian.Uint64(b[0:])),
		lat:      math.Float64frombits(binary.BigEndian.Uint64(b[8:])),
		observed: int64(binary.BigEndian.Uint64(b[16:])),
		status:   Statuses[code-1],
		notInOSM: b[24]&summaryNotInOSM != 0,
		category: string(b[summaryFixed:]),
	}, nil
}

func idKey(id uint64) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], id)
	return k[:]
}
