package data

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/mtaa-project/mtaa/data/kv"
)

// Drafts returns the open SMS conversations (drafts: reports that miss
// their place or category) last updated at or after notBefore, the most
// recently updated first.
func (s *Store) Drafts(notBefore time.Time) ([]Conversation, error) {
	var out []Conversation
	err := s.db.View(func(tx kv.Tx) error {
		b := tx.Bucket(bucketSMSConversations)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			c, err := decodeConversation(v)
			if err != nil {
				return err
			}
			if !c.UpdatedAt.Before(notBefore) {
				out = append(out, c)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("sms drafts: %w", err)
	}
	slices.SortStableFunc(out, func(a, b Conversation) int { return b.UpdatedAt.Compare(a.UpdatedAt) })
	return out, nil
}

func decodeConversation(v []byte) (Conversation, error) {
	var rec conversationRecord
	if err := json.Unmarshal(v, &rec); err != nil {
		return Conversation{}, fmt.Errorf("%w: sms conversation: %w", ErrCorrupt, err)
	}
	c := rec.Conversation
	c.Draft = rec.Draft.report()
	return c, nil
}

// setDraftAside moves the conversation stored under phoneHash, unless it
// is next (the one being written), to a key of its own
// (phoneHash#ID): it stays a draft, listed and filed by its ID and purged
// with the others, and is no longer the phone's conversation.
func setDraftAside(convs kv.Bucket, phoneHash string, next *Conversation) error {
	v := convs.Get([]byte(phoneHash))
	if v == nil {
		return nil
	}
	var head struct {
		ID uint64 `json:"id"`
	}
	if err := json.Unmarshal(v, &head); err != nil {
		return fmt.Errorf("%w: sms conversation: %w", ErrCorrupt, err)
	}
	if next != nil && next.ID == head.ID && head.ID != 0 {
		return nil
	}
	if err := convs.Put([]byte(phoneHash+"#"+strconv.FormatUint(head.ID, 10)), bytes.Clone(v)); err != nil {
		return err
	}
	return convs.Delete([]byte(phoneHash))
}

// findDraft returns the key and value of the conversation with id, or nil.
func findDraft(tx kv.Tx, id uint64) (k, v []byte, err error) {
	b := tx.Bucket(bucketSMSConversations)
	if b == nil || id == 0 {
		return nil, nil, nil
	}
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var head struct {
			ID uint64 `json:"id"`
		}
		if err := json.Unmarshal(v, &head); err != nil {
			return nil, nil, fmt.Errorf("%w: sms conversation: %w", ErrCorrupt, err)
		}
		if head.ID == id {
			return k, v, nil
		}
	}
	return nil, nil, nil
}

// DraftFiling is a moderator's filing of an SMS draft.
type DraftFiling struct {
	// DraftID is the conversation's ID.
	DraftID uint64
	// NotBefore: a conversation last updated before it has expired.
	NotBefore time.Time
	// Complete turns the draft into the report to create (validated); it
	// may be called more than once, if the resident writes meanwhile.
	Complete func(c Conversation) (Report, error)
	Actor    Actor
	At       time.Time
	Reason   string
}

// FileDraft files the draft as a report, in one transaction: the report
// is created, the conversation closed and the filing audited. It returns
// the report and the conversation it came from; ErrNotFound when there is
// no such open draft.
func (s *Store) FileDraft(ctx context.Context, f DraftFiling) (Report, Conversation, error) {
	for range 5 {
		r, c, err := s.fileDraftOnce(ctx, f)
		if !errors.Is(err, errStale) {
			if err != nil {
				return Report{}, Conversation{}, fmt.Errorf("file sms draft %d: %w", f.DraftID, err)
			}
			return r, c, nil
		}
	}
	return Report{}, Conversation{}, fmt.Errorf("file sms draft %d: %w", f.DraftID, errStale)
}

func (s *Store) fileDraftOnce(ctx context.Context, f DraftFiling) (Report, Conversation, error) {
	if err := ctx.Err(); err != nil {
		return Report{}, Conversation{}, err
	}
	var raw []byte
	var conv Conversation
	err := s.db.View(func(tx kv.Tx) error {
		_, v, err := findDraft(tx, f.DraftID)
		if err != nil || v == nil {
			return err
		}
		raw = append([]byte(nil), v...)
		conv, err = decodeConversation(v)
		return err
	})
	if err != nil {
		return Report{}, Conversation{}, err
	}
	if raw == nil || conv.UpdatedAt.Before(f.NotBefore) {
		return Report{}, Conversation{}, ErrNotFound
	}
	r, err := f.Complete(conv)
	if err != nil {
		return Report{}, Conversation{}, err
	}
	s.reconcile(&r)
	var created Report
	err = s.w.submit(&writeOp{
		apply: func(tx kv.Tx) error {
			k, v, err := findDraft(tx, f.DraftID)
			if err != nil {
				return err
			}
			if v == nil || string(v) != string(raw) {
				return errStale // the resident wrote, or the draft was filed meanwhile
			}
			cr, err := s.createInTx(tx, r, nil, false)
			if err != nil {
				return err
			}
			created = cr.Report
			if err := tx.Bucket(bucketSMSConversations).Delete(k); err != nil {
				return err
			}
			if err := forgetFiledReport(tx, conv.PhoneHash); err != nil {
				return err // the resident's last receipt is this report's
			}
			return appendAudit(tx, AuditEntry{At: f.At, Actor: f.Actor, Action: ActionDraftFile, ReportID: created.ID,
				After: mustJSON(StateOf(&created)), Reason: f.Reason})
		},
		after: func() {
			s.published(&created)
		},
	})
	if err != nil {
		return Report{}, Conversation{}, err
	}
	return created, conv, nil
}

// PurgeDrafts deletes the drafts (the open conversations of every
// channel: SMS, WhatsApp, USSD sessions cut short) last updated before
// notBefore, which Drafts and FileDraft no longer offer. A draft filed by
// a moderator or completed by its resident is a report, no longer a
// conversation, and is never touched. It returns how many were deleted.
func (s *Store) PurgeDrafts(ctx context.Context, notBefore time.Time) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	n := 0
	err := s.w.submit(&writeOp{apply: func(tx kv.Tx) error {
		n = 0
		b := tx.Bucket(bucketSMSConversations)
		if b == nil {
			return nil
		}
		var doomed [][]byte
		err := b.ForEach(func(k, v []byte) error {
			var head struct {
				UpdatedAt time.Time `json:"updated_at"`
			}
			if err := json.Unmarshal(v, &head); err != nil {
				return fmt.Errorf("%w: sms conversation: %w", ErrCorrupt, err)
			}
			if head.UpdatedAt.Before(notBefore) {
				doomed = append(doomed, append([]byte(nil), k...))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, k := range doomed {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		n = len(doomed)
		return nil
	}})
	if err != nil {
		return 0, fmt.Errorf("purge sms drafts: %w", err)
	}
	return n, nil
}
