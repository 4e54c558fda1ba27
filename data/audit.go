package data

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// Buckets of the audit log, created on first use. The log is append-only:
// nothing in mtaa updates or deletes an entry.
var (
	bucketAudit       = []byte("audit")        // sequence -> AuditEntry (JSON)
	bucketAuditReport = []byte("audit_report") // report id | sequence -> nothing
)

// Audit actions.
const (
	// ActionModerate is a change to a report by a moderator (status,
	// category, location, duplicate, note) — one entry per request.
	ActionModerate = "report.moderate"
	// ActionUserCreate, ActionUserDisable and ActionUserEnable change
	// accounts.
	ActionUserCreate  = "user.create"
	ActionUserDisable = "user.disable"
	ActionUserEnable  = "user.enable"
	// ActionUserRole changes an account's role; ActionUserPassword is a
	// password change by the account's owner.
	ActionUserRole     = "user.role"
	ActionUserPassword = "user.password"
	// ActionDraftFile is a moderator filing an SMS draft (an unfinished
	// conversation) as a report, with its category and place.
	ActionDraftFile = "sms.draft.file"
	// ActionTokenCreate and ActionTokenRevoke manage API tokens.
	ActionTokenCreate = "token.create"
	ActionTokenRevoke = "token.revoke"
)

// Actor is who made a change: an account, or a named system actor (the
// bootstrap admin token, the command line) with UserID 0.
type Actor struct {
	UserID uint64 `json:"user_id,omitempty"`
	Name   string `json:"name"`
}

// AuditEntry is one change in the append-only audit log.
type AuditEntry struct {
	// Seq orders the log; it is assigned on append.
	Seq    uint64    `json:"seq"`
	At     time.Time `json:"at"`
	Actor  Actor     `json:"actor"`
	Action string    `json:"action"`
	// ReportID, UserID, CampaignID or TaskID is what changed (0 when not
	// that kind; a task change names its campaign too).
	ReportID   uint64 `json:"report_id,omitempty"`
	UserID     uint64 `json:"user_id,omitempty"`
	CampaignID uint64 `json:"campaign_id,omitempty"`
	TaskID     uint64 `json:"task_id,omitempty"`
	// Before and After are the changed record's fields as JSON; Before is
	// null for a creation.
	Before json.RawMessage `json:"before"`
	After  json.RawMessage `json:"after"`
	// Reason explains a correction; Note is an internal note. Both are for
	// staff only.
	Reason string `json:"reason,omitempty"`
	Note   string `json:"note,omitempty"`
	// NeedsMeant are the needs (category ids, ranked) a resident's SMS
	// said the report is of when it was kept as a note
	// (ActionSMSCategoryNote): the report's own, unchanged, are in
	// Before and After. Empty for every other action.
	NeedsMeant []string `json:"needs_meant,omitempty"`
}

// appendAudit appends e to the log inside tx.
func appendAudit(tx kv.Tx, e AuditEntry) error {
	b, err := tx.CreateBucketIfNotExists(bucketAudit)
	if err != nil {
		return err
	}
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	e.Seq = seq
	e.At = e.At.UTC()
	if e.Before == nil {
		e.Before = json.RawMessage("null")
	}
	if e.After == nil {
		e.After = json.RawMessage("null")
	}
	v, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if err := b.Put(idKey(seq), v); err != nil {
		return err
	}
	if e.ReportID == 0 {
		return nil
	}
	byReport, err := tx.CreateBucketIfNotExists(bucketAuditReport)
	if err != nil {
		return err
	}
	var k [16]byte
	binary.BigEndian.PutUint64(k[:8], e.ReportID)
	binary.BigEndian.PutUint64(k[8:], seq)
	return byReport.Put(k[:], nil)
}

// ReportAudit returns the audit entries of one report, oldest first; an
// empty slice when it has none.
func (s *Store) ReportAudit(reportID uint64) ([]AuditEntry, error) {
	var out []AuditEntry
	err := s.db.View(func(tx kv.Tx) error {
		var err error
		out, err = reportAuditIn(tx, reportID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("audit of report %d: %w", reportID, err)
	}
	return out, nil
}

// reportAuditIn is ReportAudit inside tx.
func reportAuditIn(tx kv.Tx, reportID uint64) ([]AuditEntry, error) {
	out := []AuditEntry{}
	byReport, log := tx.Bucket(bucketAuditReport), tx.Bucket(bucketAudit)
	if byReport == nil || log == nil {
		return out, nil
	}
	prefix := idKey(reportID)
	c := byReport.Cursor()
	for k, _ := c.Seek(prefix); len(k) == 16 && string(k[:8]) == string(prefix); k, _ = c.Next() {
		e, err := decodeAudit(log.Get(k[8:]))
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// EachAudit calls fn with every audit entry, oldest first, until fn
// returns false. The read transaction is held meanwhile: fn should not
// block on a slow client for long (exports buffer in batches).
func (s *Store) EachAudit(after uint64, fn func(AuditEntry) bool) error {
	err := s.db.View(func(tx kv.Tx) error {
		b := tx.Bucket(bucketAudit)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Seek(idKey(after + 1)); k != nil; k, v = c.Next() {
			e, err := decodeAudit(v)
			if err != nil {
				return err
			}
			if !fn(e) {
				return nil
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read audit log: %w", err)
	}
	return nil
}

func decodeAudit(v []byte) (AuditEntry, error) {
	var e AuditEntry
	if v == nil {
		return e, fmt.Errorf("%w: audit entry missing", ErrCorrupt)
	}
	if err := json.Unmarshal(v, &e); err != nil {
		return e, fmt.Errorf("%w: audit entry: %w", ErrCorrupt, err)
	}
	return e, nil
}
