package data

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data/kv"
)

// Buckets of the SMS channel, created on first use.
var (
	bucketSMSInbound       = []byte("sms_inbound")
	bucketSMSConversations = []byte("sms_conversations")
	bucketSMSSubscribers   = []byte("sms_subscribers")
)

// ConversationState is what an SMS conversation waits for.
type ConversationState string

// The conversation states.
const (
	// AwaitPlace: the message could not be placed; the next message should
	// name a landmark, street, coordinates or a plus code.
	AwaitPlace ConversationState = "await_place"
	// AwaitChoice: the place was ambiguous; the next message should be the
	// number of one of the choices offered.
	AwaitChoice ConversationState = "await_choice"
	// AwaitCategory: what the message needs was unsure; the next message
	// should be the number of a category of the menu offered, or a word.
	AwaitCategory ConversationState = "await_category"
	// AwaitConfirm: the place was likely but not sure; the next message
	// should say yes (1) or no (2) to Choices[0], or name a landmark.
	AwaitConfirm ConversationState = "await_confirm"
)

// PlaceChoice is one candidate place offered to a resident.
type PlaceChoice struct {
	Name  string    `json:"name"`
	Point orb.Point `json:"point"`
}

// Conversation is the state of an unfinished SMS exchange with one phone:
// a draft report that misses its place or its category. Draft holds the
// report being completed; its raw text keeps every message of the
// conversation.
type Conversation struct {
	// ID numbers the draft, for moderators; it is assigned when the
	// conversation is first stored and kept while it goes on.
	ID        uint64            `json:"id"`
	PhoneHash string            `json:"phone_hash"`
	State     ConversationState `json:"state"`
	Lang      string            `json:"lang"`
	Draft     Report            `json:"-"`
	// Needs are the categories understood so far, best first: the
	// messages' needs merged, never replaced. Empty while none is known.
	Needs []string `json:"needs,omitempty"`
	// Placed is true when the draft has its location and waits for its
	// category only.
	Placed bool `json:"placed,omitempty"`
	// Menu lists the categories offered by number (AwaitCategory).
	Menu []string `json:"menu,omitempty"`
	// AskedWords is true once the resident answered the menu "none" and
	// was asked to say the problem in a few words: the next answer that
	// names no need files the draft as "other".
	AskedWords bool `json:"asked_words,omitempty"`
	// Corrects, when not 0, is the report whose place this conversation
	// corrects: its resident was asked to confirm the new place. It is
	// no draft (moderators do not see it, nor file it).
	Corrects uint64        `json:"corrects,omitempty"`
	Choices  []PlaceChoice `json:"choices,omitempty"`
	// StartedAt is when the first message of the conversation came.
	StartedAt time.Time `json:"started_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// OpenUntil, when set, is until when the draft may still be completed
	// by its resident (a USSD session in progress): moderators see it only
	// after.
	OpenUntil time.Time `json:"open_until,omitzero"`
	// Media are the photos sent with the draft's messages, first first:
	// the report filed from the draft gets the first that can be kept.
	Media []MediaRef `json:"media,omitempty"`
	// Unasked is true for a draft kept from a message the phone sent
	// after STOP (Subscriber.Stopped): the resident was asked nothing and
	// answered nothing, so the draft is never continued by the phone's
	// next message, only filed by a moderator.
	Unasked bool `json:"unasked,omitempty"`
}

// Subscriber is a phone subscribed to area alerts, or one that sent a
// report (Joined false: it only hears of its reports' status). The number
// itself is only kept sealed (encrypted at rest); PhoneHash identifies it.
type Subscriber struct {
	PhoneHash   string    `json:"phone_hash"`
	SealedPhone []byte    `json:"sealed_phone"`
	AreaName    string    `json:"area_name,omitempty"`
	Location    orb.Point `json:"location"`
	Lang        string    `json:"lang"`
	// Joined is true while the phone has an area (JOIN) and has not left it
	// (LEAVE).
	Joined bool `json:"joined"`
	// Stopped is true after STOP: nothing at all may be sent until START
	// (the reply to the STOP itself excepted).
	Stopped bool `json:"stopped"`
	// StoppedAt is when the phone sent its last STOP: a message queued
	// for it before then is not sent (the dispatcher checks when it
	// sends), one queued after (the STOP's own reply) is.
	StoppedAt time.Time `json:"stopped_at,omitzero"`
	UpdatedAt time.Time `json:"updated_at"`
}

// SMSOutcome is everything that handling one inbound message changes. It
// is committed in one transaction, so a message is handled exactly once.
type SMSOutcome struct {
	// MessageKey is the gateway and its message id, e.g. "twilio:SM…". A
	// message whose key was already committed changes nothing and gets its
	// first reply again.
	MessageKey string
	PhoneHash  string
	// Report, if not nil, is created; Reply receives its id (0 otherwise).
	Report *Report
	Reply  func(reportID uint64) string
	// Conversation, if not nil, replaces the phone's conversation;
	// EndConversation deletes it.
	Conversation    *Conversation
	EndConversation bool
	// KeepOtherDraft says the message continues no conversation of the
	// phone (none was open): a draft still stored under PhoneHash (its
	// question expired) is not replaced nor deleted but kept as a draft of
	// its own, for moderators, until it is filed or purged.
	KeepOtherDraft bool
	// Subscriber, if not nil, replaces the phone's subscription.
	Subscriber *Subscriber
	// AddTo, when Report is nil, is an existing report the message adds
	// to (a photo sent right after its report was filed); it becomes the
	// result's ReportID.
	AddTo uint64
	// Media are the photos to attach to the result's report, first
	// first. They are kept with the message's record, so that a
	// redelivery returns them too (attaching is idempotent).
	Media []MediaRef
	// At is when the message was handled (default: now).
	At time.Time
	// PhotosUntil, when set with Report or AddTo, is until when a photo
	// the phone sends on its own is added to that report (RecentReport).
	PhotosUntil time.Time
	// CorrectUntil, when set with Report, is until when the phone's
	// resident may correct the place of that report
	// (CorrectionTarget).
	CorrectUntil time.Time
	// Correct, when Report is nil, moves the report the phone filed
	// just before, or replaces its needs (Correct.Needs)
	// (Correct.ReportID, which must be its
	// CorrectionTarget, not reviewed) and becomes the result's ReportID. CommitSMS
	// returns ErrConflict and writes nothing when the report may no
	// longer be corrected (a moderator changed it meanwhile).
	Correct *SMSCorrection
	// Note, when Report and Correct are nil, keeps the resident's
	// message in the audit log of the report the phone filed just before
	// (Note.ReportID, which must be its CorrectionTarget, reviewed: a
	// correction of its place or needs after a moderator's review) and becomes the result's
	// ReportID; the report is not changed. CommitSMS returns ErrConflict
	// and writes nothing when it is no such report.
	Note *SMSNote
}

// SMSResult is what committing an SMSOutcome produced.
type SMSResult struct {
	Reply    string
	ReportID uint64
	// Replayed is true when the message had been handled before.
	Replayed bool
	// Media are the photos to attach to ReportID (SMSOutcome.Media).
	Media []MediaRef
}

type inboundRecord struct {
	Reply    string     `json:"reply"`
	ReportID uint64     `json:"report_id,omitempty"`
	At       time.Time  `json:"at"`
	Media    []MediaRef `json:"media,omitempty"`
}

// result is the reply a handled message got.
func (rec inboundRecord) result() SMSResult {
	return SMSResult{Reply: rec.Reply, ReportID: rec.ReportID, Replayed: true, Media: rec.Media}
}

// conversationRecord stores a Conversation with its draft report.
type conversationRecord struct {
	Conversation
	Draft storedReport `json:"draft"`
}

// CommitSMS applies o durably and atomically.
func (s *Store) CommitSMS(ctx context.Context, o SMSOutcome) (SMSResult, error) {
	if err := ctx.Err(); err != nil {
		return SMSResult{}, err
	}
	if o.MessageKey == "" || o.Reply == nil {
		return SMSResult{}, fmt.Errorf("commit sms: message key and reply are required")
	}
	if o.Report != nil {
		r := *o.Report
		r.normalizeNeeds()
		s.reconcile(&r)
		o.Report = &r
	}
	at := o.At
	if at.IsZero() {
		at = time.Now()
	}
	var fix *correction
	if o.Correct != nil && o.Report == nil {
		// One report update at a time (UpdateReport): the index holds
		// the key the last one left.
		s.updateMu.Lock()
		defer s.updateMu.Unlock()
		if v, ok, err := s.SMSReply(o.MessageKey); err != nil || ok {
			return v, err
		}
		var err error
		if fix, err = s.planCorrection(o, at); err != nil {
			return SMSResult{}, fmt.Errorf("commit sms %s: %w", o.MessageKey, err)
		}
	}
	var res SMSResult
	var created *Report
	var corrected bool
	op := &writeOp{
		apply: func(tx kv.Tx) error {
			res, created, corrected = SMSResult{}, nil, false
			inbound, err := tx.CreateBucketIfNotExists(bucketSMSInbound)
			if err != nil {
				return err
			}
			if v := inbound.Get([]byte(o.MessageKey)); v != nil {
				var rec inboundRecord
				if err := json.Unmarshal(v, &rec); err != nil {
					return fmt.Errorf("%w: sms message %s: %w", ErrCorrupt, o.MessageKey, err)
				}
				res = rec.result()
				return nil
			}
			if o.Report != nil {
				cr, err := s.createInTx(tx, *o.Report, nil, false) // at its place: SMS reports come one by one
				if err != nil {
					return err
				}
				if !cr.Existed {
					created = &cr.Report
				}
				res.ReportID = cr.Report.ID
			} else {
				res.ReportID = o.AddTo
			}
			if fix != nil {
				if err := s.applyCorrection(tx, fix); err != nil {
					return err
				}
				res.ReportID, corrected = fix.cur.ID, true
			}
			if o.Note != nil && o.Report == nil && fix == nil {
				if err := s.applyNote(tx, o, at); err != nil {
					return err
				}
				res.ReportID = o.Note.ReportID
			}
			if err := putRecentReport(tx, o, res.ReportID, at); err != nil {
				return err
			}
			if err := putFiledReport(tx, o, res.ReportID, at); err != nil {
				return err
			}
			res.Reply = o.Reply(res.ReportID)
			if res.ReportID != 0 {
				res.Media = o.Media
			}
			rec, _ := json.Marshal(inboundRecord{Reply: res.Reply, ReportID: res.ReportID, At: at.UTC(), Media: res.Media})
			if err := inbound.Put([]byte(o.MessageKey), rec); err != nil {
				return err
			}
			if err := putConversation(tx, o); err != nil {
				return err
			}
			if o.Subscriber != nil {
				subs, err := tx.CreateBucketIfNotExists(bucketSMSSubscribers)
				if err != nil {
					return err
				}
				b, _ := json.Marshal(o.Subscriber)
				if err := subs.Put([]byte(o.Subscriber.PhoneHash), b); err != nil {
					return err
				}
			}
			return nil
		},
		after: func() {
			if created != nil {
				s.published(created)
			}
			if corrected {
				s.updated(&fix.next, fix.rec, false)
			}
		},
	}
	if err := s.w.submit(op); err != nil {
		return SMSResult{}, fmt.Errorf("commit sms %s: %w", o.MessageKey, err)
	}
	return res, nil
}

func putConversation(tx kv.Tx, o SMSOutcome) error {
	if o.Conversation == nil && !o.EndConversation {
		return nil
	}
	convs, err := tx.CreateBucketIfNotExists(bucketSMSConversations)
	if err != nil {
		return err
	}
	if o.KeepOtherDraft {
		if err := setDraftAside(convs, o.PhoneHash, o.Conversation); err != nil {
			return err
		}
	}
	if o.Conversation == nil {
		return convs.Delete([]byte(o.PhoneHash))
	}
	c := *o.Conversation
	if c.ID == 0 {
		id, err := convs.NextSequence()
		if err != nil {
			return err
		}
		c.ID = id
	}
	if c.StartedAt.IsZero() {
		c.StartedAt = c.UpdatedAt
	}
	rec := conversationRecord{Conversation: c, Draft: storedOf(&c.Draft)}
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return convs.Put([]byte(c.PhoneHash), b)
}

// SMSReply returns the reply already given to a message, if it was handled.
func (s *Store) SMSReply(messageKey string) (SMSResult, bool, error) {
	var res SMSResult
	var found bool
	err := s.db.View(func(tx kv.Tx) error {
		b := tx.Bucket(bucketSMSInbound)
		if b == nil {
			return nil
		}
		v := b.Get([]byte(messageKey))
		if v == nil {
			return nil
		}
		var rec inboundRecord
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		res, found = rec.result(), true
		return nil
	})
	if err != nil {
		return res, false, fmt.Errorf("sms reply %s: %w", messageKey, err)
	}
	return res, found, nil
}

// Conversation returns the phone's unfinished conversation, or nil when
// there is none or it was last updated before notBefore (expired).
func (s *Store) Conversation(phoneHash string, notBefore time.Time) (*Conversation, error) {
	var out *Conversation
	err := s.db.View(func(tx kv.Tx) error {
		b := tx.Bucket(bucketSMSConversations)
		if b == nil {
			return nil
		}
		v := b.Get([]byte(phoneHash))
		if v == nil {
			return nil
		}
		var rec conversationRecord
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		if rec.UpdatedAt.Before(notBefore) {
			return nil
		}
		c := rec.Conversation
		c.Draft = rec.Draft.report()
		out = &c
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sms conversation: %w", err)
	}
	return out, nil
}

// Subscriber returns the phone's subscription, or nil.
func (s *Store) Subscriber(phoneHash string) (*Subscriber, error) {
	var out *Subscriber
	err := s.db.View(func(tx kv.Tx) error {
		b := tx.Bucket(bucketSMSSubscribers)
		if b == nil {
			return nil
		}
		v := b.Get([]byte(phoneHash))
		if v == nil {
			return nil
		}
		var sub Subscriber
		if err := json.Unmarshal(v, &sub); err != nil {
			return fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		out = &sub
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sms subscriber: %w", err)
	}
	return out, nil
}

// EachSubscriber calls fn for every subscription until fn returns false.
func (s *Store) EachSubscriber(fn func(Subscriber) bool) error {
	var subs []Subscriber
	err := s.db.View(func(tx kv.Tx) error {
		b := tx.Bucket(bucketSMSSubscribers)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var sub Subscriber
			if err := json.Unmarshal(v, &sub); err != nil {
				return fmt.Errorf("%w: subscriber: %w", ErrCorrupt, err)
			}
			subs = append(subs, sub)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("sms subscribers: %w", err)
	}
	for _, sub := range subs {
		if !fn(sub) {
			break
		}
	}
	return nil
}

// storedReport is the JSON form of a Report, private fields included, kept
// for the draft report of an SMS conversation.
type storedReport struct {
	ID             uint64         `json:"id"`
	Category       string         `json:"category"`
	Needs          []string       `json:"needs,omitempty"`
	SourceCats     []string       `json:"source_categories,omitempty"`
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
		ID: r.ID, Category: r.Category, Needs: r.Needs, SourceCats: r.SourceCategories, Description: r.Description,
		Lon: r.Location[0], Lat: r.Location[1], LocationSource: r.LocationSource,
		AccuracyM: r.AccuracyM, LocationConf: r.LocationConfidence, ObservedAt: r.ObservedAt.UTC(), ReceivedAt: r.ReceivedAt.UTC(),
		Channel: r.Channel, Status: r.Status, IdempotencyKey: r.IdempotencyKey, Reporter: r.Reporter,
		RawText: r.RawText, Areas: r.Areas, Nearest: r.Nearest, NotInOSM: r.NotInOSM,
		PossibleDuplicateOf: r.PossibleDuplicateOf,
	}
}

func (s *storedReport) report() Report {
	r := Report{
		ID: s.ID, Category: s.Category, Needs: s.Needs, SourceCategories: s.SourceCats, Description: s.Description,
		LocationSource: s.LocationSource, AccuracyM: s.AccuracyM, LocationConfidence: s.LocationConf,
		ObservedAt: s.ObservedAt, ReceivedAt: s.ReceivedAt, Channel: s.Channel,
		Status: s.Status, IdempotencyKey: s.IdempotencyKey, Reporter: s.Reporter, RawText: s.RawText,
		Reconciliation: Reconciliation{Areas: s.Areas, Nearest: s.Nearest, NotInOSM: s.NotInOSM,
			PossibleDuplicateOf: s.PossibleDuplicateOf},
	}
	r.Location[0], r.Location[1] = s.Lon, s.Lat
	return r
}
