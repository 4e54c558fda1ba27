package data

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/text"
)

// ActionSMSPlaceCorrect is a resident moving the report their phone filed
// just before to the place they corrected it to by SMS ("no, Kariakoo"),
// before any moderator changed it.
const ActionSMSPlaceCorrect = "sms.place.correct"

// ActionSMSPlaceNote is a resident correcting by SMS the place of the
// report their phone filed just before when a moderator had reviewed or
// changed it already: the report is not moved, the audit entry's note
// keeps the resident's message for moderators (SMSOutcome.Note).
const ActionSMSPlaceNote = "sms.place.note"

// ActionSMSCategoryCorrect is a resident correcting by SMS the needs
// (category) of the report their phone filed just before ("no, it is
// water not food"), before any moderator changed it: the same report, its
// needs replaced (SMSCorrection.Needs).
const ActionSMSCategoryCorrect = "sms.category.correct"

// ActionSMSCategoryNote is a resident correcting by SMS the needs of the
// report their phone filed just before when a moderator had reviewed or
// changed it already: the report is not changed, the audit entry's note
// keeps the resident's message for moderators, its NeedsMeant the needs
// the resident meant (SMSNote.Needs), which its reason names too.
const ActionSMSCategoryNote = "sms.category.note"

// residentAction reports whether an audit action is one a resident's
// own SMS writes (a correction or a note): no moderator's review.
func residentAction(action string) bool {
	switch action {
	case ActionSMSPlaceCorrect, ActionSMSPlaceNote, ActionSMSCategoryCorrect, ActionSMSCategoryNote:
		return true
	}
	return false
}

// ResidentActor is the actor of the audit entries a resident's own SMS
// writes (ActionSMSPlaceCorrect, ActionSMSCategoryCorrect and their
// notes): no account, no phone number.
var ResidentActor = Actor{Name: "resident (SMS)"}

// SMSCorrection moves the report a phone filed just before
// (SMSOutcome.Correct) to the place its resident corrected it to, or,
// when Needs is set, replaces its needs with the ones the resident
// corrected them to (its place kept: the location fields are not read,
// unless LocationSource is set too: a message that corrected both).
type SMSCorrection struct {
	ReportID uint64
	// Needs, when not empty, are the report's new needs (category ids),
	// the first its category: a correction of the needs, not the place.
	Needs              []string
	Location           orb.Point
	LocationSource     LocationSource
	AccuracyM          *float64
	LocationConfidence *float64
	// Description is the report's new generated description ("Water
	// supply — Kariakoo").
	Description string
	// Message is the resident's message: the report's raw text keeps it,
	// on a line of its own.
	Message string
}

// SMSNote keeps, for moderators, a resident's place correction of the
// report their phone filed just before that a moderator has reviewed
// already (SMSOutcome.Note): the report is not changed.
type SMSNote struct {
	ReportID uint64
	// Message is the resident's message (the messages of the
	// correction, one a line), the audit entry's note.
	Message string
	// Place is the place the resident confirmed or chose by number ("1"
	// to "Water supply near Kariakoo?"), named in the entry's reason; ""
	// when the message names it.
	Place string
	// Needs, when not empty, are the needs (category ids) the resident
	// corrected the report's to: the note is of a correction of the
	// needs (ActionSMSCategoryNote), named in the entry's reason.
	Needs []string
}

// filedReports remembers, per phone hash, the report the phone filed last
// through the SMS engine for as long as its resident may still correct its
// place or needs (SMSOutcome.CorrectUntil): phone hash → report id (8 bytes).
var filedReports = expiringBucket{name: []byte("sms_filed_reports"), byExpiry: []byte("sms_filed_reports_expiry")}

// putFiledReport records that the phone filed report id, correctable
// until o.CorrectUntil; a report filed without (USSD) ends the window of
// the one before: the resident's last receipt is not that one's.
func putFiledReport(tx kv.Tx, o SMSOutcome, id uint64, now time.Time) error {
	switch {
	case o.Report == nil || o.PhoneHash == "" || id == 0:
		return nil
	case o.CorrectUntil.IsZero():
		return forgetFiledReport(tx, o.PhoneHash)
	}
	return filedReports.put(tx, []byte(o.PhoneHash), binary.BigEndian.AppendUint64(nil, id), o.CorrectUntil, now)
}

// forgetFiledReport ends the correction window of the phone's last
// report: another report of the phone was filed otherwise (by a
// moderator from its draft, or without a window). The expiry index entry
// is left to the sweep, which checks the record it names.
func forgetFiledReport(tx kv.Tx, phoneHash string) error {
	b := tx.Bucket(filedReports.name)
	if b == nil || phoneHash == "" {
		return nil
	}
	return b.Delete([]byte(phoneHash))
}

// CorrectionTarget returns the report a correction by the phone (of its
// place or its needs) applies to: the report the phone filed last through the SMS engine,
// while still within the window its filing set (SMSOutcome.CorrectUntil)
// and still the phone's; ok is false when there is none. reviewed is true
// when a moderator has reviewed or changed it (not new, a duplicate, or
// an audit entry other than the resident's own corrections and notes):
// its resident may then no longer move it (SMSOutcome.Correct), a
// correction is kept as a note (SMSOutcome.Note). One read answers both,
// so that the SMS engine reads the report once per message.
func (s *Store) CorrectionTarget(phoneHash string, now time.Time) (r Report, reviewed, ok bool, err error) {
	err = s.db.View(func(tx kv.Tx) error {
		r, _, _, reviewed, ok, err = s.filedRecord(tx, phoneHash, now)
		return err
	})
	if err != nil {
		return Report{}, false, false, fmt.Errorf("sms correction target: %w", err)
	}
	if !ok {
		return Report{}, false, false, nil
	}
	return r, reviewed, true, nil
}

// correctableRecord is the CorrectionTarget of the phone inside tx when
// no moderator has reviewed it (its resident may move it), with the key
// and bytes of the report's stored record; ok is false otherwise.
func (s *Store) correctableRecord(tx kv.Tx, phoneHash string, now time.Time) (r Report, key, raw []byte, ok bool, err error) {
	r, key, raw, reviewed, ok, err := s.filedRecord(tx, phoneHash, now)
	if err != nil || !ok || reviewed {
		return Report{}, nil, nil, false, err
	}
	return r, key, raw, true, nil
}

// filedRecord is the report the phone filed last through the SMS engine,
// within its correction window, still the phone's, with the key and
// bytes of its stored record; reviewed is true when a moderator has
// reviewed or changed it (not new, a duplicate, or an audit entry other
// than the resident's own).
func (s *Store) filedRecord(tx kv.Tx, phoneHash string, now time.Time) (r Report, key, raw []byte, reviewed, ok bool, err error) {
	v := filedReports.get(tx, []byte(phoneHash), now)
	if len(v) != 8 {
		return Report{}, nil, nil, false, false, nil
	}
	id := binary.BigEndian.Uint64(v)
	key, found := s.index.key(id)
	if !found {
		return Report{}, nil, nil, false, false, nil
	}
	raw = getRecordBytes(tx, key)
	if raw == nil {
		return Report{}, nil, nil, false, false, nil // moved meanwhile: not the resident's to move
	}
	view, err := viewStored(id, raw)
	if err != nil {
		return Report{}, nil, nil, false, false, err
	}
	s.loadPublicText(tx, &view)
	r = view.fullReport()
	if r.Reporter != "sms:"+phoneHash {
		return Report{}, nil, nil, false, false, nil
	}
	reviewed = r.Status != StatusNew || r.DuplicateOf != 0
	entries, err := reportAuditIn(tx, id)
	if err != nil {
		return Report{}, nil, nil, false, false, err
	}
	for _, e := range entries {
		if !residentAction(e.Action) {
			reviewed = true // a moderator has seen it
		}
	}
	return r, key, bytes.Clone(raw), reviewed, true, nil
}

// applyNote keeps the resident's message o.Note in the audit log of the
// report it names inside tx, when that is still the phone's last report,
// reviewed by a moderator; ErrConflict otherwise.
func (s *Store) applyNote(tx kv.Tx, o SMSOutcome, at time.Time) error {
	r, _, _, reviewed, ok, err := s.filedRecord(tx, o.PhoneHash, at)
	if err != nil {
		return err
	}
	if !ok || !reviewed || r.ID != o.Note.ReportID {
		return fmt.Errorf("report %d is no reviewed report of the phone: %w", o.Note.ReportID, ErrConflict)
	}
	state := mustJSON(StateOf(&r))
	action, reason := ActionSMSPlaceNote, "the resident corrected the place by SMS after review: not moved"
	switch {
	case len(o.Note.Needs) > 0:
		action = ActionSMSCategoryNote
		reason = "the resident corrected the problem by SMS after review, to " + strings.Join(o.Note.Needs, ", ") + ": not changed"
	case o.Note.Place != "":
		reason = "the resident corrected the place by SMS after review, to " + o.Note.Place + ": not moved"
	}
	return appendAudit(tx, AuditEntry{At: at, Actor: ResidentActor, Action: action, ReportID: r.ID, Before: state, After: state,
		Reason: text.TruncateBytes(reason, MaxRawTextBytes), Note: text.TruncateBytes(o.Note.Message, MaxRawTextBytes),
		NeedsMeant: slices.Clone(o.Note.Needs)})
}

// correction is an SMSCorrection worked out before the write: the report
// as it was and as it will be, and the record it was read from.
type correction struct {
	key, raw   []byte
	cur, next  Report
	rec        []byte
	phone      string
	reportedAt time.Time
	needs      bool // a correction of the needs
	place      bool // a correction of the place (with the needs or not)
}

// planCorrection reads the report o corrects and works out the corrected
// one (reconciled at its new place); ErrConflict when it may no longer
// be corrected.
func (s *Store) planCorrection(o SMSOutcome, at time.Time) (*correction, error) {
	c := &correction{phone: o.PhoneHash, reportedAt: at, needs: len(o.Correct.Needs) > 0}
	var ok bool
	err := s.db.View(func(tx kv.Tx) error {
		var err error
		c.cur, c.key, c.raw, ok, err = s.correctableRecord(tx, o.PhoneHash, at)
		return err
	})
	if err != nil {
		return nil, err
	}
	fix := o.Correct
	if !ok || c.cur.ID != fix.ReportID {
		return nil, fmt.Errorf("report %d may no longer be corrected by its resident: %w", fix.ReportID, ErrConflict)
	}
	next := c.cur
	if len(fix.Needs) > 0 {
		next.Category, next.Needs = fix.Needs[0], slices.Clone(fix.Needs)
		next.normalizeNeeds()
		if err := ValidateNeeds(next.AllNeeds(), nil, "needs"); err != nil {
			return nil, err
		}
	}
	if len(fix.Needs) == 0 || fix.LocationSource != "" {
		// The place: alone, or with the needs when the message
		// corrected both.
		c.place = true
		if err := ValidateLocation(fix.Location); err != nil {
			return nil, err
		}
		next.Location, next.LocationSource, next.AccuracyM, next.LocationConfidence = fix.Location, fix.LocationSource, fix.AccuracyM, fix.LocationConfidence
	}
	if fix.Description != "" {
		next.Description = fix.Description
	}
	if msg := fix.Message; msg != "" {
		next.RawText = text.TruncateBytes(next.RawText+"\n"+msg, MaxRawTextBytes)
	}
	s.reconcile(&next)
	c.next, c.rec = next, storedRecord(&next)
	return c, nil
}

// applyCorrection writes the correction inside tx, with its audit entry, when the
// report is still as planCorrection read it and still the resident's to
// correct; ErrConflict otherwise.
func (s *Store) applyCorrection(tx kv.Tx, c *correction) error {
	_, key, raw, ok, err := s.correctableRecord(tx, c.phone, c.reportedAt)
	if err != nil {
		return err
	}
	if !ok || !bytes.Equal(key, c.key) || !bytes.Equal(raw, c.raw) {
		return fmt.Errorf("report %d changed meanwhile: %w", c.cur.ID, ErrConflict)
	}
	if err := s.putUpdated(tx, c.key, &c.next, c.rec, false); err != nil {
		return err
	}
	action, reason := ActionSMSPlaceCorrect, "the resident corrected the place by SMS"
	switch {
	case c.needs && c.place:
		action, reason = ActionSMSCategoryCorrect, "the resident corrected the problem and the place by SMS"
	case c.needs:
		action, reason = ActionSMSCategoryCorrect, "the resident corrected the problem by SMS"
	}
	return appendAudit(tx, AuditEntry{At: c.reportedAt, Actor: ResidentActor, Action: action, ReportID: c.cur.ID,
		Before: mustJSON(StateOf(&c.cur)), After: mustJSON(StateOf(&c.next)), Reason: reason})
}
