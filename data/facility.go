package data

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mtaa-project/mtaa/data/kv"
)

// bucketFacilities holds what a mapper said about a facility OSM lacks,
// keyed by report id. It lives beside the report records, not in them.
var bucketFacilities = []byte("report_facility") // idKey(report id) -> JSON Facility

// ActionReportFacility is a mapper's (or moderator's) change to a
// report's facility details.
const ActionReportFacility = "report.facility"

// Operational statuses of a facility, as OSM's operational_status key
// writes them.
const (
	FacilityOperational      = "operational"
	FacilityNeedsMaintenance = "needs_maintenance"
	FacilityBroken           = "broken"
)

// FacilityStatuses lists the operational statuses a mapper may give.
var FacilityStatuses = []string{FacilityOperational, FacilityNeedsMaintenance, FacilityBroken}

// Limits on facility fields.
const (
	MaxFacilityNameRunes = 255 // OSM's limit on a tag value
	MaxFacilityKindLen   = 40
)

// Facility is what a mapper reporting a facility OSM lacks tells about
// it: the few attributes OSM needs. Kind is one of the category's OSM
// kinds (mapping.Rules.OSMKinds), "" for the category's default.
type Facility struct {
	Name              string `json:"name,omitempty"`
	Kind              string `json:"kind,omitempty"`
	OperationalStatus string `json:"operational_status,omitempty"`
}

// Validate trims and checks the fields (not Kind against the category,
// which the caller checks with the rules).
func (f *Facility) Validate() error {
	f.Name = strings.TrimSpace(f.Name)
	f.Kind = strings.TrimSpace(f.Kind)
	f.OperationalStatus = strings.TrimSpace(f.OperationalStatus)
	switch {
	case !utf8.ValidString(f.Name) || utf8.RuneCountInString(f.Name) > MaxFacilityNameRunes:
		return &ValidationError{Code: CodeTooLarge, Field: "name", Message: fmt.Sprintf("name is at most %d characters of UTF-8 text", MaxFacilityNameRunes)}
	case len(f.Kind) > MaxFacilityKindLen:
		return &ValidationError{Code: CodeTooLarge, Field: "kind", Message: fmt.Sprintf("kind is at most %d bytes", MaxFacilityKindLen)}
	case f.OperationalStatus != "" && indexOf(FacilityStatuses, f.OperationalStatus) < 0:
		return invalid("operational_status", "operational_status must be %s", strings.Join(FacilityStatuses, ", "))
	}
	return nil
}

// SetFacility stores the facility details of report reportID (the caller
// checked that it exists), replacing earlier ones, and appends an audit
// entry naming actor.
func (s *Store) SetFacility(ctx context.Context, reportID uint64, f Facility, actor Actor, at time.Time) (Facility, error) {
	if err := ctx.Err(); err != nil {
		return Facility{}, err
	}
	if err := f.Validate(); err != nil {
		return Facility{}, err
	}
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketFacilities)
		if err != nil {
			return err
		}
		before := json.RawMessage(nil)
		if v := b.Get(idKey(reportID)); v != nil {
			before = append(json.RawMessage(nil), v...)
		}
		v := mustJSON(f)
		if err := b.Put(idKey(reportID), v); err != nil {
			return err
		}
		return appendAudit(tx, AuditEntry{At: at, Actor: actor, Action: ActionReportFacility, ReportID: reportID, Before: before, After: v})
	}})
	if err != nil {
		return Facility{}, fmt.Errorf("set facility of report %d: %w", reportID, err)
	}
	return f, nil
}

// Facility returns the facility details of a report; found is false when
// it has none.
func (s *Store) Facility(reportID uint64) (f Facility, found bool, err error) {
	err = s.db.View(func(tx kv.Tx) error {
		b := tx.Bucket(bucketFacilities)
		if b == nil {
			return nil
		}
		v := b.Get(idKey(reportID))
		if v == nil {
			return nil
		}
		found = true
		if err := json.Unmarshal(v, &f); err != nil {
			return fmt.Errorf("%w: facility of report %d: %w", ErrCorrupt, reportID, err)
		}
		return nil
	})
	if err != nil {
		return Facility{}, false, fmt.Errorf("facility of report %d: %w", reportID, err)
	}
	return f, found, nil
}
