package data

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// ReportUpdate is one change to a stored report and what the audit log
// records of it.
type ReportUpdate struct {
	Actor Actor
	At    time.Time
	// Reason explains a correction; Note is an internal note. Both go to
	// the audit entry only.
	Reason, Note string
	// Change edits the report. It may return an error (for example a
	// *ValidationError or ErrConflict) to write nothing. Only Status,
	// Category, Needs, SourceCategories, Description, PublicText,
	// Location, LocationSource, AccuracyM and DuplicateOf can change; edits
	// of other fields are undone. Needs are normalised as Validate does
	// (the category put in when missing) and checked for count and
	// repeats, not against the taxonomy: the caller does that.
	Change func(*Report) error
	// SourceCorrection lets Change correct ObservedAt too: a re-import
	// fixing what a first import read wrong from the source file. The
	// audit entry then records the observed time before and after.
	SourceCorrection bool
}

// ReportState is the part of a report moderators change, as the audit log
// records it before and after each change.
type ReportState struct {
	Status   Status `json:"status"`
	Category string `json:"category"`
	// Needs is every need, ranked (AllNeeds); absent in entries written
	// before reports had several needs, where it was just Category.
	Needs            []string `json:"needs,omitempty"`
	SourceCategories []string `json:"source_categories,omitempty"`
	Description      string   `json:"description"`
	// PublicText is the moderators' text for the public, when set.
	PublicText  *string    `json:"public_text,omitempty"`
	Location    [2]float64 `json:"location"`
	DuplicateOf uint64     `json:"duplicate_of,omitempty"`
	// ObservedAt is recorded only by a source correction that changed it
	// (see ReportUpdate.SourceCorrection).
	ObservedAt *time.Time `json:"observed_at,omitempty"`
}

// StateOf returns the moderated state of r.
func StateOf(r *Report) ReportState {
	return ReportState{Status: r.Status, Category: r.Category, Needs: slices.Clone(r.AllNeeds()),
		SourceCategories: r.SourceCategories, Description: r.Description, PublicText: r.PublicText,
		Location: [2]float64{r.Location[0], r.Location[1]}, DuplicateOf: r.DuplicateOf}
}

// errStale means the record changed between reading it and writing the
// update (a re-reconciliation ran meanwhile); the update is retried.
var errStale = errors.New("data: record changed meanwhile")

// UpdateReport changes report id with u.Change and appends one audit entry
// (action ActionModerate, before and after as ReportState) in the same
// transaction. A corrected location moves the record to its new key (the
// key starts with the place) and the in-memory index row with it; a
// changed location or category is reconciled again. Watchers get a
// ReportUpdated change once it is durable. It returns the report before
// and after. Updates run one at a time.
func (s *Store) UpdateReport(ctx context.Context, id uint64, u ReportUpdate) (before, after Report, err error) {
	s.updateMu.Lock()
	defer s.updateMu.Unlock()
	for range 3 {
		before, after, err = s.updateOnce(ctx, id, u)
		if !errors.Is(err, errStale) {
			break
		}
	}
	if err != nil {
		return Report{}, Report{}, fmt.Errorf("update report %d: %w", id, err)
	}
	return before, after, nil
}

func (s *Store) updateOnce(ctx context.Context, id uint64, u ReportUpdate) (Report, Report, error) {
	if err := ctx.Err(); err != nil {
		return Report{}, Report{}, err
	}
	oldKey, ok := s.index.key(id)
	if !ok {
		return Report{}, Report{}, ErrNotFound
	}
	var raw []byte
	var cur Report
	err := s.db.View(func(tx kv.Tx) error {
		v, err := getRecord(tx, oldKey)
		if err != nil {
			return err
		}
		raw = bytes.Clone(getRecordBytes(tx, oldKey))
		s.loadPublicText(tx, &v)
		cur = v.fullReport()
		return nil
	})
	if err != nil {
		return Report{}, Report{}, err
	}
	next := cur
	next.Areas = append([]AreaRef(nil), cur.Areas...)
	next.PossibleDuplicateOf = append([]uint64(nil), cur.PossibleDuplicateOf...)
	next.Needs = slices.Clone(cur.Needs)
	next.SourceCategories = slices.Clone(cur.SourceCategories)
	if err := u.Change(&next); err != nil {
		return Report{}, Report{}, err
	}
	next.normalizeNeeds()
	if err := ValidateNeeds(next.Needs, nil, "needs"); err != nil {
		return Report{}, Report{}, err
	}
	if err := validateSourceCategories(next.SourceCategories); err != nil {
		return Report{}, Report{}, err
	}
	// What moderation cannot change.
	next.ID, next.ReceivedAt, next.Channel = cur.ID, cur.ReceivedAt, cur.Channel
	if !u.SourceCorrection || next.ObservedAt.IsZero() {
		next.ObservedAt = cur.ObservedAt
	}
	next.IdempotencyKey, next.Reporter, next.RawText, next.SubmittedBy = cur.IdempotencyKey, cur.Reporter, cur.RawText, cur.SubmittedBy
	if err := ValidateLocation(next.Location); err != nil {
		return Report{}, Report{}, err
	}
	if !next.Status.Valid() {
		return Report{}, Report{}, invalid("status", "unknown status %q", next.Status)
	}
	if next.Location != cur.Location || next.Category != cur.Category {
		s.reconcile(&next)
	}
	rec := storedRecord(&next)
	textChanged := !samePublicText(cur.PublicText, next.PublicText)
	if textChanged && next.PublicText != nil {
		s.publicTexts.Add(1) // before the commit: a reader must not skip it
	}
	before, after := StateOf(&cur), StateOf(&next)
	if !next.ObservedAt.Equal(cur.ObservedAt) {
		before.ObservedAt, after.ObservedAt = &cur.ObservedAt, &next.ObservedAt
	}
	entry := AuditEntry{At: u.At, Actor: u.Actor, Action: ActionModerate, ReportID: id,
		Before: mustJSON(before), After: mustJSON(after), Reason: u.Reason, Note: u.Note}
	err = s.w.submit(&writeOp{
		apply: func(tx kv.Tx) error {
			if !bytes.Equal(getRecordBytes(tx, oldKey), raw) {
				return errStale
			}
			if err := s.putUpdated(tx, oldKey, &next, rec, textChanged); err != nil {
				return err
			}
			return appendAudit(tx, entry)
		},
		after: func() { s.updated(&next, rec, textChanged) },
	})
	if err != nil {
		return Report{}, Report{}, err
	}
	return cur, next, nil
}

// AuditState decodes the Before or After of a report audit entry.
func AuditState(raw json.RawMessage) (ReportState, error) {
	var st ReportState
	if err := json.Unmarshal(raw, &st); err != nil {
		return st, fmt.Errorf("%w: audit state: %w", ErrCorrupt, err)
	}
	return st, nil
}

// putUpdated writes rec, the record of report next, in place of the one
// stored under oldKey (inside the write transaction): a changed location
// moves it to its new key (and its idempotency key with it); a record
// still staged is kept by id. textChanged writes next's public text too.
func (s *Store) putUpdated(tx kv.Tx, oldKey []byte, next *Report, rec []byte, textChanged bool) error {
	id := next.ID
	newKey := recordKey(id, next.Location[0], next.Location[1])
	moved := !bytes.Equal(oldKey, newKey)
	switch {
	case isStaged(tx, oldKey):
		// A staged record is kept by id: it takes its (new) place
		// when the stager moves it.
		if err := putRecord(tx, oldKey, rec); err != nil {
			return err
		}
	default:
		reports := tx.Bucket(bucketReports)
		if moved {
			if err := reports.Delete(oldKey); err != nil {
				return err
			}
		}
		if err := reports.Put(newKey, rec); err != nil {
			return err
		}
	}
	s.own.note(id, rec)
	if moved && next.IdempotencyKey != "" {
		idem := tx.Bucket(bucketIdempotency)
		var hash []byte // the request hash after the record key stays
		if old := idem.Get([]byte(next.IdempotencyKey)); len(old) > recordKeyLen {
			hash = old[recordKeyLen:]
		}
		if err := idem.Put([]byte(next.IdempotencyKey), append(newKey[:recordKeyLen:recordKeyLen], hash...)); err != nil {
			return err
		}
	}
	if textChanged {
		return putPublicText(tx, id, next.PublicText)
	}
	return nil
}

// updated publishes report next, whose record rec putUpdated wrote, once
// durable: the memory copy, the index row, the watchers.
func (s *Store) updated(next *Report, rec []byte, textChanged bool) {
	s.mem.put(next.ID, rec)
	if textChanged {
		s.mem.setText(next.ID, publicTextBytes(next.PublicText))
	}
	s.index.replace(summaryOf(next))
	s.watch.notify(Change{Kind: ReportUpdated, Report: *next})
}
