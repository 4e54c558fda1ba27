package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
)

// reporterContact reaches the people who reported by SMS; *sms.Dispatcher
// implements it.
type reporterContact interface {
	// NotifyReporter queues a short SMS about report id's new status to
	// its reporter ("sms:<phone hash>"), and reports whether it could (the
	// number is kept only for phones that can be written back to).
	NotifyReporter(ctx context.Context, reporter string, id uint64, status data.Status) (bool, error)
	// ReporterPhone returns the reporter's number, if it is kept.
	ReporterPhone(reporter string) (string, bool)
	// ReporterOptedOut reports whether the reporter sent STOP (and not
	// START since): no SMS reaches them.
	ReporterOptedOut(reporter string) bool
	// TellReporter queues text to the reporter (a moderator filed its SMS
	// draft), and reports whether it could.
	TellReporter(ctx context.Context, reporter, text string) (bool, error)
}

// MaxNoteRunes is the longest internal note or reason.
const MaxNoteRunes = 2000

// moderationRequest is the body of PATCH /api/v1/reports/{id}. Absent
// fields do not change.
type moderationRequest struct {
	Status   *data.Status `json:"status"`
	Category *string      `json:"category"`
	// Needs are every need of the report, ranked (category ids).
	Needs       *[]string `json:"needs"`
	Description *string   `json:"description"`
	// PublicText is the description as the public reads it, written by a
	// moderator (to remove a name, say): a string sets it, null removes
	// it (the public then reads the description with contact details
	// redacted). The description itself stays as sent.
	PublicText json.RawMessage `json:"public_text"`
	// Location is [lon, lat] or a GeoJSON Point.
	Location    json.RawMessage `json:"location"`
	DuplicateOf *uint64         `json:"duplicate_of"`
	// Reason is required for corrections (category, description,
	// location).
	Reason string `json:"reason"`
	// Note is an internal note, for staff only.
	Note string `json:"note"`
}

func unprocessable(field, code, msg string) *apiError {
	return &apiError{Status: http.StatusUnprocessableEntity, Code: code, Field: field, Message: msg}
}

// moderateReport handles PATCH /api/v1/reports/{id} (moderators): a
// status transition the workflow allows (409 otherwise), corrections of
// category, needs, description and location with a mandatory reason,
// marking a duplicate (duplicate_of), an internal note. One request is one
// audit entry. A resident who reported by SMS is told of a new status by
// SMS. See applyModeration for how category and needs change together.
func (s *Server) moderateReport(c *gin.Context) error {
	if s.accounts == nil {
		return errNoAccounts
	}
	// >> Args
	id, err := parseID(c.Param("id"))
	if err != nil {
		return err
	}
	var req moderationRequest
	if err := decodeStrict(c, &req, "a JSON object with status, category, needs, description, public_text, location, duplicate_of, reason and note"); err != nil {
		return err
	}
	if req.Status == nil && req.Category == nil && req.Needs == nil && req.Description == nil && req.PublicText == nil && req.Location == nil && req.DuplicateOf == nil && req.Note == "" {
		return unprocessable("body", data.CodeMissing, "nothing to change: send status, category, needs, description, public_text, location, duplicate_of or note")
	}
	publicText, err := parsePublicText(req.PublicText)
	if err != nil {
		return err
	}
	for field, v := range map[string]string{"reason": req.Reason, "note": req.Note} {
		if !utf8.ValidString(v) || utf8.RuneCountInString(v) > MaxNoteRunes {
			return unprocessable(field, data.CodeTooLarge, fmt.Sprintf("must be at most %d characters of UTF-8", MaxNoteRunes))
		}
	}
	var loc *orb.Point
	if req.Location != nil {
		p, err := parseLocation(req.Location)
		if err != nil {
			return err
		}
		loc = &p
	}
	if req.Category != nil && s.taxonomy.Category(*req.Category) == nil {
		return unprocessable("category", data.CodeInvalid, fmt.Sprintf("unknown category %q; see /api/v1/categories", *req.Category))
	}
	if req.Needs != nil {
		if len(*req.Needs) == 0 {
			return unprocessable("needs", data.CodeMissing, "needs lists at least one category id, the main one first if category is not sent")
		}
		if err := data.ValidateNeeds(*req.Needs, s.taxonomy, "needs"); err != nil {
			var ve *data.ValidationError
			errors.As(err, &ve)
			return unprocessable("needs", ve.Code, ve.Message+"; see /api/v1/categories")
		}
	}
	if req.Description != nil && (!utf8.ValidString(*req.Description) || utf8.RuneCountInString(*req.Description) > data.MaxDescriptionRunes) {
		return unprocessable("description", data.CodeTooLarge, fmt.Sprintf("must be at most %d characters", data.MaxDescriptionRunes))
	}
	if req.Status != nil && !req.Status.Valid() {
		return unprocessable("status", data.CodeInvalid, fmt.Sprintf("unknown status %q", *req.Status))
	}
	if (req.Category != nil || req.Needs != nil || req.Description != nil || loc != nil) && strings.TrimSpace(req.Reason) == "" {
		field := "category"
		switch {
		case loc != nil:
			field = "location"
		case req.Description != nil:
			field = "description"
		case req.Needs != nil:
			field = "needs"
		}
		return unprocessable("reason", data.CodeMissing, "a correction of "+field+" needs a reason")
	}
	if req.DuplicateOf != nil {
		if err := s.checkDuplicateTarget(id, *req.DuplicateOf); err != nil {
			return err
		}
	}

	// >> Operation
	p := who(c)
	before, after, err := s.accounts.UpdateReport(c.Request.Context(), id, data.ReportUpdate{
		Actor: p.actor(), At: s.now(), Reason: strings.TrimSpace(req.Reason), Note: strings.TrimSpace(req.Note),
		Change: func(r *data.Report) error {
			if req.PublicText != nil {
				r.PublicText = publicText
			}
			return applyModeration(r, &req, loc)
		},
	})
	if err != nil {
		return err
	}
	if before.Status != after.Status {
		s.notifyReporter(c.Request.Context(), &after)
	}

	// >> Response
	return s.moderatorFeature(c, id)
}

// applyModeration changes r as req asks, checking the workflow against
// r's current status.
//
// Category and needs change together. needs replaces the list; without
// category, the main category stays when it is among the new needs and
// becomes the first of them when it is not. category with needs is put
// first among them when they lack it. category alone corrects the main
// need: it takes the old one's place (and rank) among the needs.
func applyModeration(r *data.Report, req *moderationRequest, loc *orb.Point) error {
	if req.Status != nil && *req.Status != r.Status {
		if !data.CanTransition(r.Status, *req.Status) {
			return &apiError{Status: http.StatusConflict, Code: "invalid_transition", Field: "status",
				Message: fmt.Sprintf("a %s report cannot become %s; allowed: %v", r.Status, *req.Status, data.NextStatuses(r.Status))}
		}
		r.Status = *req.Status
	}
	switch {
	case req.DuplicateOf != nil && r.Status != data.StatusDuplicate:
		return unprocessable("duplicate_of", data.CodeInvalid, `duplicate_of goes with status "duplicate"`)
	case req.DuplicateOf != nil:
		r.DuplicateOf = *req.DuplicateOf
	case r.Status == data.StatusDuplicate && r.DuplicateOf == 0:
		return unprocessable("duplicate_of", data.CodeMissing, "a duplicate needs duplicate_of: the id of the report it repeats")
	}
	switch {
	case req.Needs != nil:
		needs := *req.Needs
		switch {
		case req.Category != nil:
			r.Category = *req.Category
		case !slices.Contains(needs, r.Category):
			r.Category = needs[0]
		}
		if !slices.Contains(needs, r.Category) && len(needs) >= data.MaxNeeds {
			return unprocessable("needs", data.CodeTooLarge,
				fmt.Sprintf("%d needs and the category %q; a report carries at most %d", len(needs), r.Category, data.MaxNeeds))
		}
		r.Needs = slices.Clone(needs)
	case req.Category != nil && *req.Category != r.Category:
		old := r.Category
		r.Category = *req.Category
		if i := slices.Index(r.Needs, old); i >= 0 {
			if slices.Contains(r.Needs, r.Category) {
				r.Needs = slices.Delete(r.Needs, i, i+1)
			} else {
				r.Needs[i] = r.Category
			}
		}
	}
	if req.Description != nil {
		r.Description = *req.Description
	}
	if loc != nil {
		r.Location = *loc
		r.LocationSource, r.AccuracyM, r.LocationConfidence = data.SourceManual, nil, nil
	}
	return nil
}

// parsePublicText reads the public_text member: nil for JSON null (or
// when absent), else the text, which must be valid UTF-8 of at most
// data.MaxDescriptionRunes characters.
func parsePublicText(raw json.RawMessage) (*string, error) {
	if raw == nil || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil, nil
	}
	var t string
	if err := json.Unmarshal(raw, &t); err != nil {
		return nil, unprocessable("public_text", data.CodeInvalid, "public_text must be a string, or null to remove it")
	}
	if !utf8.ValidString(t) || utf8.RuneCountInString(t) > data.MaxDescriptionRunes {
		return nil, unprocessable("public_text", data.CodeTooLarge, fmt.Sprintf("must be at most %d characters", data.MaxDescriptionRunes))
	}
	return &t, nil
}

// checkDuplicateTarget checks that report id may be marked a duplicate of
// report of: another report that exists and is not a duplicate itself.
func (s *Server) checkDuplicateTarget(id, of uint64) error {
	if of == id {
		return unprocessable("duplicate_of", data.CodeInvalid, "a report cannot duplicate itself")
	}
	target, err := s.store.Get(of)
	if errors.Is(err, data.ErrNotFound) {
		return unprocessable("duplicate_of", data.CodeInvalid, fmt.Sprintf("there is no report %d", of))
	}
	if err != nil {
		return err
	}
	if target.Status == data.StatusDuplicate {
		return unprocessable("duplicate_of", data.CodeInvalid,
			fmt.Sprintf("report %d is itself a duplicate of %d: point to that one", of, target.DuplicateOf))
	}
	return nil
}

// parseLocation reads [lon, lat] or a GeoJSON Point.
func parseLocation(raw json.RawMessage) (orb.Point, error) {
	var pair []float64
	if err := json.Unmarshal(raw, &pair); err != nil {
		var pt struct {
			Type        string    `json:"type"`
			Coordinates []float64 `json:"coordinates"`
		}
		if err := json.Unmarshal(raw, &pt); err != nil || pt.Type != "Point" {
			return orb.Point{}, unprocessable("location", data.CodeInvalid, "location must be [lon, lat] or a GeoJSON Point")
		}
		pair = pt.Coordinates
	}
	if len(pair) != 2 || math.IsNaN(pair[0]) || math.IsNaN(pair[1]) {
		return orb.Point{}, unprocessable("location", data.CodeInvalid, "location must be [lon, lat]")
	}
	p := orb.Point{pair[0], pair[1]}
	if err := data.ValidateLocation(p); err != nil {
		var ve *data.ValidationError
		errors.As(err, &ve)
		return orb.Point{}, unprocessable("location", data.CodeInvalid, ve.Message)
	}
	return p, nil
}

// notifyReporter tells an SMS reporter of r's new status. The change is
// already stored: a failure to queue the SMS is logged, not returned.
func (s *Server) notifyReporter(ctx context.Context, r *data.Report) {
	if s.reporters == nil || r.Channel != data.ChannelSMS || !strings.HasPrefix(r.Reporter, "sms:") {
		return
	}
	queued, err := s.reporters.NotifyReporter(ctx, r.Reporter, r.ID, r.Status)
	switch {
	case err != nil:
		s.log.Error("queueing the reporter's status SMS", "report", r.ID, "err", err)
	case !queued:
		s.log.Info("reporter's number not kept, or the reporter sent STOP: no status SMS", "report", r.ID)
	}
}

// moderatorFeature writes report id as a GeoJSON Feature as staff read it
// (exact position, the description as sent) with the private properties
// moderators see: reporter, reporter_phone (when the number is kept),
// reporter_opted_out (true when the reporter sent STOP: no SMS reaches them),
// raw_text, submitted_by, duplicate_of, notes and next_statuses, and what
// the public reads: public_text (the moderators' text, or null) and
// public_description (that text, or the description with contact details
// redacted) and location_generalised (whether the public reads the
// position generalised).
func (s *Server) moderatorFeature(c *gin.Context, id uint64) error {
	if s.accounts == nil {
		return errNoAccounts
	}
	r, err := s.store.Get(id)
	if err != nil {
		return err
	}
	f, err := s.store.FeatureFor(id, data.AudienceStaff)
	if err != nil {
		return err
	}
	var feature map[string]any
	if err := json.Unmarshal(f, &feature); err != nil {
		return fmt.Errorf("report %d feature: %w", id, err)
	}
	props, _ := feature["properties"].(map[string]any)
	props["reporter"] = r.Reporter
	props["raw_text"] = r.RawText
	if contact := s.open311Contact(r.Reporter); contact != nil {
		props["reporter_contact"] = contact
	}
	props["public_text"] = r.PublicText
	props["public_description"] = data.PublicDescription(r.Description, r.PublicText)
	props["location_generalised"] = s.privacy.SensitiveReport(&r)
	props["submitted_by"] = nullIfZero(r.SubmittedBy)
	props["duplicate_of"] = nullIfZero(r.DuplicateOf)
	props["next_statuses"] = data.NextStatuses(r.Status)
	if s.photos != nil { // tells the moderators' view whether to ask for one
		has, err := s.photos.Has(id)
		if err != nil {
			return err
		}
		props["has_photo"] = has
	}
	if s.reporters != nil && r.Reporter != "" {
		if phone, ok := s.reporters.ReporterPhone(r.Reporter); ok {
			props["reporter_phone"] = phone
		}
		if s.reporters.ReporterOptedOut(r.Reporter) {
			props["reporter_opted_out"] = true // sent STOP: no status SMS reaches them
		}
	}
	notes := []map[string]any{}
	entries, err := s.accounts.ReportAudit(id)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Note != "" {
			notes = append(notes, map[string]any{"at": e.At, "by": e.Actor.Name, "note": e.Note})
		}
	}
	props["notes"] = notes
	out, err := json.Marshal(feature)
	if err != nil {
		return fmt.Errorf("report %d moderator feature: %w", id, err)
	}
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, contentTypeGeoJSON, out)
	return nil
}

func nullIfZero(v uint64) any {
	if v == 0 {
		return nil
	}
	return v
}
