package data

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/mtaa-project/mtaa/data/kv"
)

// Buckets of drawn settlements, created on first use.
var (
	bucketSettlements    = []byte("settlements")     // idKey -> JSON settlementRecord
	bucketSettlementKeys = []byte("settlement_keys") // idempotency key -> idKey
)

// SettlementStatus is where a drawn settlement stands in moderation.
type SettlementStatus string

// The settlement statuses: a mapper's boundary starts new; a moderator
// verifies or rejects it.
const (
	SettlementNew      SettlementStatus = "new"
	SettlementVerified SettlementStatus = "verified"
	SettlementRejected SettlementStatus = "rejected"
)

// SettlementStatuses lists every valid settlement status.
var SettlementStatuses = []SettlementStatus{SettlementNew, SettlementVerified, SettlementRejected}

// Valid reports whether s is one of SettlementStatuses.
func (s SettlementStatus) Valid() bool { return indexOf(SettlementStatuses, s) >= 0 }

// Limits on settlement fields.
const (
	MaxSettlementNameRunes   = 200
	MaxSettlementSourceRunes = 200
)

// Settlement is an informal-settlement boundary drawn by a mapper.
//
// Submitter and IdempotencyKey are private: stored, never public.
type Settlement struct {
	ID     uint64
	Name   string
	Source string // free text: "mapper survey 2026", "drone imagery 2025"
	Status SettlementStatus
	// Geometry is an orb.Polygon or orb.MultiPolygon (validated by the
	// caller: mapping.ValidatePolygon).
	Geometry  orb.Geometry
	CreatedAt time.Time
	UpdatedAt time.Time

	Submitter      string
	IdempotencyKey string
}

// settlementRecord is a settlement as stored: JSON with the geometry as
// GeoJSON.
type settlementRecord struct {
	ID             uint64            `json:"id"`
	Name           string            `json:"name"`
	Source         string            `json:"source"`
	Status         SettlementStatus  `json:"status"`
	Geometry       *geojson.Geometry `json:"geometry"`
	CreatedAt      time.Time         `json:"created_at"`
	UpdatedAt      time.Time         `json:"updated_at"`
	Submitter      string            `json:"submitter,omitempty"`
	IdempotencyKey string            `json:"idempotency_key,omitempty"`
}

func (st *Settlement) record() settlementRecord {
	return settlementRecord{ID: st.ID, Name: st.Name, Source: st.Source, Status: st.Status,
		Geometry: geojson.NewGeometry(st.Geometry), CreatedAt: st.CreatedAt.UTC(), UpdatedAt: st.UpdatedAt.UTC(),
		Submitter: st.Submitter, IdempotencyKey: st.IdempotencyKey}
}

func (r *settlementRecord) settlement() Settlement {
	st := Settlement{ID: r.ID, Name: r.Name, Source: r.Source, Status: r.Status, CreatedAt: r.CreatedAt,
		UpdatedAt: r.UpdatedAt, Submitter: r.Submitter, IdempotencyKey: r.IdempotencyKey}
	if r.Geometry != nil {
		st.Geometry = r.Geometry.Geometry()
	}
	return st
}

// Validate checks the settlement's own fields (not its geometry's shape,
// which mapping.ValidatePolygon checks): name and source present and
// short, status valid, geometry a Polygon or MultiPolygon.
func (st *Settlement) Validate() error {
	st.Name = strings.TrimSpace(st.Name)
	st.Source = strings.TrimSpace(st.Source)
	switch {
	case st.Name == "":
		return &ValidationError{Code: CodeMissing, Field: "properties.name", Message: "the settlement's name is required (the name residents use)"}
	case !utf8.ValidString(st.Name) || utf8.RuneCountInString(st.Name) > MaxSettlementNameRunes:
		return &ValidationError{Code: CodeTooLarge, Field: "properties.name", Message: fmt.Sprintf("name is at most %d characters of UTF-8 text", MaxSettlementNameRunes)}
	case st.Source == "":
		return &ValidationError{Code: CodeMissing, Field: "properties.source", Message: `source is required: where the boundary comes from, e.g. "mapper survey 2026"`}
	case !utf8.ValidString(st.Source) || utf8.RuneCountInString(st.Source) > MaxSettlementSourceRunes:
		return &ValidationError{Code: CodeTooLarge, Field: "properties.source", Message: fmt.Sprintf("source is at most %d characters of UTF-8 text", MaxSettlementSourceRunes)}
	case !st.Status.Valid():
		return invalid("properties.status", "status must be new, verified or rejected")
	case len(st.IdempotencyKey) > MaxIdempotencyKeyLen:
		return &ValidationError{Code: CodeTooLarge, Field: "Idempotency-Key", Message: fmt.Sprintf("the idempotency key is at most %d bytes", MaxIdempotencyKeyLen)}
	case len(st.Submitter) > MaxReporterLen:
		return &ValidationError{Code: CodeTooLarge, Field: "submitter", Message: fmt.Sprintf("the submitter is at most %d bytes", MaxReporterLen)}
	}
	switch st.Geometry.(type) {
	case orb.Polygon, orb.MultiPolygon:
		return nil
	}
	return invalid("geometry.type", "a settlement is a Polygon or MultiPolygon")
}

// Feature returns the settlement's public GeoJSON Feature: id, geometry,
// and the properties name, source, status, origin ("mapper"), created_at
// and updated_at. The submitter and idempotency key are left out.
func (st *Settlement) Feature() *geojson.Feature {
	f := geojson.NewFeature(st.Geometry)
	f.ID = st.ID
	f.Properties["name"] = st.Name
	f.Properties["source"] = st.Source
	f.Properties["status"] = string(st.Status)
	f.Properties["origin"] = "mapper"
	f.Properties["created_at"] = FormatTime(st.CreatedAt)
	f.Properties["updated_at"] = FormatTime(st.UpdatedAt)
	return f
}

// CreateSettlementResult tells what CreateSettlement did.
type CreateSettlementResult struct {
	Settlement Settlement
	// Existed is true when the idempotency key matched an earlier
	// settlement, which is returned instead of storing a copy.
	Existed bool
}

// CreateSettlement validates and durably stores a drawn settlement,
// assigning its id (and CreatedAt, UpdatedAt when zero). A repeated
// idempotency key returns the original and writes nothing.
func (s *Store) CreateSettlement(ctx context.Context, st Settlement) (CreateSettlementResult, error) {
	if err := ctx.Err(); err != nil {
		return CreateSettlementResult{}, err
	}
	if st.Status == "" {
		st.Status = SettlementNew
	}
	if err := st.Validate(); err != nil {
		return CreateSettlementResult{}, err
	}
	if st.CreatedAt.IsZero() {
		st.CreatedAt = time.Now()
	}
	if st.UpdatedAt.IsZero() {
		st.UpdatedAt = st.CreatedAt
	}
	// A repeated key is answered from a read transaction: a retry writes
	// nothing at all (the write below checks again, for concurrent
	// retries).
	if st.IdempotencyKey != "" {
		var orig Settlement
		found := false
		err := s.db.View(func(tx kv.Tx) error {
			b, keys := tx.Bucket(bucketSettlements), tx.Bucket(bucketSettlementKeys)
			if b == nil || keys == nil {
				return nil
			}
			k := keys.Get([]byte(st.IdempotencyKey))
			if k == nil {
				return nil
			}
			var err error
			orig, err = getSettlement(b, k)
			found = err == nil
			return err
		})
		if err != nil {
			return CreateSettlementResult{}, fmt.Errorf("create settlement: %w", err)
		}
		if found {
			return CreateSettlementResult{Settlement: orig, Existed: true}, nil
		}
	}
	var res CreateSettlementResult
	err := s.w.submit(&writeOp{
		apply: func(tx kv.Tx) error {
			b, err := tx.CreateBucketIfNotExists(bucketSettlements)
			if err != nil {
				return err
			}
			keys, err := tx.CreateBucketIfNotExists(bucketSettlementKeys)
			if err != nil {
				return err
			}
			if st.IdempotencyKey != "" {
				if k := keys.Get([]byte(st.IdempotencyKey)); k != nil {
					orig, err := getSettlement(b, k)
					res = CreateSettlementResult{Settlement: orig, Existed: true}
					return err
				}
			}
			id, err := b.NextSequence()
			if err != nil {
				return err
			}
			st.ID = id
			v, err := json.Marshal(st.record())
			if err != nil {
				return fmt.Errorf("encode settlement: %w", err)
			}
			if err := b.Put(idKey(id), v); err != nil {
				return err
			}
			if st.IdempotencyKey != "" {
				if err := keys.Put([]byte(st.IdempotencyKey), idKey(id)); err != nil {
					return err
				}
			}
			res = CreateSettlementResult{Settlement: st}
			return nil
		},
		after: func() {
			if !res.Existed {
				s.settlementsChanged.Add(1)
			}
		},
	})
	if err != nil {
		return CreateSettlementResult{}, fmt.Errorf("create settlement: %w", err)
	}
	return res, nil
}

func getSettlement(b kv.Bucket, k []byte) (Settlement, error) {
	v := b.Get(k)
	if v == nil {
		return Settlement{}, ErrNotFound
	}
	return decodeSettlement(k, v)
}

func decodeSettlement(k, v []byte) (Settlement, error) {
	var r settlementRecord
	if err := json.Unmarshal(v, &r); err != nil {
		return Settlement{}, fmt.Errorf("%w: settlement %x: %w", ErrCorrupt, k, err)
	}
	return r.settlement(), nil
}

// Settlement returns the drawn settlement with the given id, private
// fields included.
func (s *Store) Settlement(id uint64) (Settlement, error) {
	st, err := getDecoded(s.db, bucketSettlements, id, decodeSettlement)
	if err != nil {
		return Settlement{}, fmt.Errorf("get settlement %d: %w", id, err)
	}
	return st, nil
}

// EachSettlement calls fn with every drawn settlement in id order until fn
// returns false.
func (s *Store) EachSettlement(fn func(Settlement) bool) error {
	if err := eachDecoded(s.db, bucketSettlements, decodeSettlement, fn); err != nil {
		return fmt.Errorf("list settlements: %w", err)
	}
	return nil
}

// SetSettlementStatus changes a settlement's moderation status and
// returns it as stored.
func (s *Store) SetSettlementStatus(ctx context.Context, id uint64, status SettlementStatus, now time.Time) (Settlement, error) {
	if err := ctx.Err(); err != nil {
		return Settlement{}, err
	}
	if !status.Valid() {
		return Settlement{}, invalid("status", "status must be new, verified or rejected")
	}
	var st Settlement
	changed := false
	err := s.w.submit(&writeOp{
		apply: func(tx kv.Tx) error {
			changed = false
			b := tx.Bucket(bucketSettlements)
			if b == nil {
				return ErrNotFound
			}
			var err error
			if st, err = getSettlement(b, idKey(id)); err != nil {
				return err
			}
			if st.Status == status {
				return nil
			}
			st.Status, st.UpdatedAt, changed = status, now.UTC(), true
			v, err := json.Marshal(st.record())
			if err != nil {
				return fmt.Errorf("encode settlement: %w", err)
			}
			return b.Put(idKey(id), v)
		},
		after: func() {
			if changed {
				s.settlementsChanged.Add(1)
			}
		},
	})
	if err != nil {
		return Settlement{}, fmt.Errorf("set settlement %d status: %w", id, err)
	}
	return st, nil
}

// SettlementsVersion is a number that changes whenever a settlement is
// created or its status changes, so that a derived layer knows when to
// read them again. It starts at 0 when the store opens.
func (s *Store) SettlementsVersion() uint64 { return s.settlementsChanged.Load() }
