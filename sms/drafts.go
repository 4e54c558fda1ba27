package sms

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// Draft is an open SMS conversation as moderators see it: a report that
// misses its place or its category, so that a responder can call back or
// place it by hand. A USSD session cut before its end leaves one too, with
// the category chosen. It holds no phone number nor hash; the raw text is
// for moderators only.
type Draft struct {
	ID uint64 `json:"id"`
	// Channel is where the resident wrote: sms, whatsapp or ussd.
	Channel data.Channel `json:"channel"`
	// Waiting is what the resident was asked: "place", "category",
	// "confirm_place" or "choose_place"; "nothing" for a draft kept from
	// a message sent after STOP (the resident was asked nothing: see
	// OptedOut).
	Waiting string `json:"waiting"`
	// OptedOut is true while the resident has opted out of SMS (sent STOP
	// and not START since): nothing is sent to them, not even the
	// reference when the draft is filed. A responder who needs them must
	// find another way (reporter_phone on the filed report).
	OptedOut bool   `json:"opted_out"`
	Lang     string `json:"lang"`
	// Category is the main need, "" while unknown; Needs are all of them,
	// best first.
	Category string   `json:"category,omitempty"`
	Needs    []string `json:"needs"`
	RawText  string   `json:"raw_text"`
	// Place is where the draft is placed (waiting for its category) or the
	// place the resident was asked to confirm; Choices the places offered.
	Place     *ParsedPlace  `json:"place,omitempty"`
	Choices   []ParsedPlace `json:"choices,omitempty"`
	StartedAt time.Time     `json:"started_at"`
	UpdatedAt time.Time     `json:"updated_at"`
	// Expired is true when the resident's question has expired
	// (Config.ConversationTTL): their next message starts afresh, but a
	// moderator can still file the draft.
	Expired bool `json:"expired"`
	// Photos is how many photos the resident sent with the draft (kept at
	// the gateway until the report is filed; the report keeps the first).
	Photos int `json:"photos"`
}

// DraftsKeptFor is how long a draft stays for moderators after its last
// message by default (Config.DraftRetention): then it is purged.
const DraftsKeptFor = 7 * 24 * time.Hour

// DefaultPhotoWindow is how long after a report is filed a photo sent on
// its own is added to it, by default (Config.PhotoWindow).
const DefaultPhotoWindow = 15 * time.Minute

// draftsNotBefore is the oldest last message of a draft still kept at
// now: one rule for listing, filing and purging drafts.
func (e *Engine) draftsNotBefore(now time.Time) time.Time {
	return now.Add(-e.cfg.DraftRetention)
}

// PurgeDrafts deletes the drafts of every channel whose last message is
// older than Config.DraftRetention (those Drafts no longer lists and
// FileDraft no longer files): an abandoned draft holds a resident's words
// and must not be kept for ever. A draft that became a report is not a
// draft any more and is never touched. It returns how many were deleted.
func (e *Engine) PurgeDrafts(ctx context.Context) (int, error) {
	if e.store == nil {
		return 0, nil
	}
	return e.store.PurgeDrafts(ctx, e.draftsNotBefore(e.cfg.Now()))
}

var waiting = map[data.ConversationState]string{
	data.AwaitPlace: "place", data.AwaitCategory: "category", data.AwaitConfirm: "confirm_place", data.AwaitChoice: "choose_place",
}

// Drafts returns the open conversations, the most recently updated first.
func (e *Engine) Drafts() ([]Draft, error) {
	if e.store == nil {
		return []Draft{}, nil
	}
	now := e.cfg.Now()
	convs, err := e.store.Drafts(e.draftsNotBefore(now))
	if err != nil {
		return nil, err
	}
	out := make([]Draft, 0, len(convs))
	for _, c := range convs {
		if c.OpenUntil.After(now) || c.Corrects != 0 {
			continue // a USSD session still going on: not a draft yet; a place correction: no draft
		}
		d := Draft{ID: c.ID, Channel: c.Draft.Channel, Waiting: waiting[c.State], Lang: c.Lang, Category: c.Draft.Category, Needs: c.Needs,
			RawText: c.Draft.RawText, StartedAt: c.StartedAt, UpdatedAt: c.UpdatedAt, Expired: c.UpdatedAt.Before(now.Add(-e.cfg.ConversationTTL)),
			Photos: len(c.Media)}
		if c.Unasked {
			d.Waiting = "nothing"
		}
		sub, err := e.store.Subscriber(c.PhoneHash)
		if err != nil {
			return nil, err
		}
		d.OptedOut = sub != nil && sub.Stopped
		if d.Needs == nil {
			d.Needs = []string{}
		}
		if c.Placed {
			conf := 1.0
			if c.Draft.LocationConfidence != nil {
				conf = *c.Draft.LocationConfidence
			}
			name := ""
			if len(c.Choices) > 0 {
				name = c.Choices[0].Name
			}
			d.Place = &ParsedPlace{Name: name, Lon: c.Draft.Location[0], Lat: c.Draft.Location[1], Confidence: conf}
		} else {
			for _, ch := range c.Choices {
				d.Choices = append(d.Choices, ParsedPlace{Name: ch.Name, Lon: ch.Point[0], Lat: ch.Point[1]})
			}
			if c.State == data.AwaitConfirm && len(d.Choices) > 0 {
				d.Place = &d.Choices[0]
			}
		}
		out = append(out, d)
	}
	return out, nil
}

// DraftDecision is a moderator's completion of a draft: its category
// (empty keeps the draft's main need) and its place (nil keeps the place
// the draft has, if any).
type DraftDecision struct {
	Category string
	Location *orb.Point
	// PlaceName describes the place for the resident's message and the
	// report's description (default: the draft's place, or the
	// coordinates).
	PlaceName string
	Actor     data.Actor
	Reason    string
}

// FiledDraft is a draft filed by a moderator: the report, and the SMS that
// tells the resident its reference (in the conversation's language).
type FiledDraft struct {
	Report data.Report
	Notice string
	// Media are the photos the resident sent with the draft, first first:
	// the caller keeps the first it can fetch as the report's photo.
	Media []data.MediaRef
}

// FileDraft files draft id as a report with the moderator's category and
// place, closes the conversation and audits it. A missing or unknown
// category, or a missing or invalid place, is a *data.ValidationError
// naming the field; an unknown draft, or one older than
// Config.DraftRetention, is data.ErrNotFound.
func (e *Engine) FileDraft(ctx context.Context, id uint64, d DraftDecision) (FiledDraft, error) {
	if e.store == nil {
		return FiledDraft{}, data.ErrNotFound
	}
	now := e.cfg.Now().UTC()
	var needs []string
	var where string
	r, conv, err := e.store.FileDraft(ctx, data.DraftFiling{DraftID: id, NotBefore: e.draftsNotBefore(now), Actor: d.Actor, At: now, Reason: d.Reason,
		Complete: func(c data.Conversation) (data.Report, error) {
			if c.OpenUntil.After(now) || c.Corrects != 0 {
				return data.Report{}, data.ErrNotFound // still being written, or a place correction (Drafts does not list them)
			}
			r := c.Draft
			needs = c.Needs
			if d.Category != "" {
				if e.cfg.Taxonomy.Category(d.Category) == nil {
					return data.Report{}, &data.ValidationError{Code: data.CodeInvalid, Field: "category", Message: fmt.Sprintf("unknown category %q", d.Category)}
				}
				needs = mergeNeeds([]string{d.Category}, needs)
			}
			if d.Category == "" && c.Draft.Category == "" || len(needs) == 0 {
				// The engine was unsure (it asked the resident): the
				// moderator says.
				return data.Report{}, &data.ValidationError{Code: data.CodeMissing, Field: "category", Message: "the draft has no category yet: give one"}
			}
			r.Category, r.Needs = needs[0], slices.Clone(needs)
			conf := 1.0
			switch {
			case d.Location != nil:
				if err := data.ValidateLocation(*d.Location); err != nil {
					return data.Report{}, err
				}
				r.Location, r.LocationSource, r.AccuracyM = *d.Location, data.SourceManual, nil
				where = coordsName(*d.Location)
			case c.Placed:
				if r.LocationConfidence != nil {
					conf = *r.LocationConfidence
				}
				where = coordsName(r.Location)
				if len(c.Choices) > 0 {
					where = c.Choices[0].Name
				}
			default:
				return data.Report{}, &data.ValidationError{Code: data.CodeMissing, Field: "location", Message: "the draft has no place yet: give one"}
			}
			if n := strings.TrimSpace(d.PlaceName); n != "" {
				where = n
			}
			r.LocationConfidence = &conf
			r.ReceivedAt = now
			r.Description = e.categoryLabel(r.Category, "en") + " — " + where
			return r, r.Validate(e.cfg.Taxonomy, now)
		}})
	if err != nil {
		return FiledDraft{}, err
	}
	return FiledDraft{Report: r, Notice: e.receipt(conv.Lang, e.examples(), r.ID, needs, where), Media: conv.Media}, nil
}
