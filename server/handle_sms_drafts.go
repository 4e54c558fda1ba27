package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
)

// listDrafts handles GET /api/v1/sms/drafts (moderators): the open SMS
// conversations, reports that miss their place or category, newest first.
// No phone number or hash is shown.
func (s *Server) listDrafts(c *gin.Context) error {
	if s.sms == nil {
		return errSMSNotConfigured("the SMS channel")
	}
	drafts, err := s.sms.Drafts()
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"drafts": drafts})
	return nil
}

// fileDraftRequest is the body of POST /api/v1/sms/drafts/{id}/file.
type fileDraftRequest struct {
	Category  string          `json:"category"`
	Location  json.RawMessage `json:"location"`
	PlaceName string          `json:"place_name"`
	Reason    string          `json:"reason"`
}

// fileDraft handles POST /api/v1/sms/drafts/{id}/file (moderators): the
// draft is filed as a report with the category and place given (or its
// own), the conversation closed, the filing audited, and the resident
// told the reference by SMS. A photo the resident sent with the draft
// (WhatsApp) becomes the report's photo.
func (s *Server) fileDraft(c *gin.Context) error {
	// >> Args
	if s.sms == nil {
		return errSMSNotConfigured("the SMS channel")
	}
	if s.accounts == nil {
		return errNoAccounts
	}
	id, err := parseID(c.Param("id"))
	if err != nil {
		return err
	}
	var req fileDraftRequest
	if err := decodeStrict(c, &req, "a JSON object with category, location ([lon, lat] or a GeoJSON Point), place_name and reason"); err != nil {
		return err
	}
	dd := sms.DraftDecision{Category: strings.TrimSpace(req.Category), PlaceName: strings.TrimSpace(req.PlaceName),
		Actor: who(c).actor(), Reason: strings.TrimSpace(req.Reason)}
	if len(req.Location) > 0 && !isJSONNull(req.Location) {
		p, err := parseLocation(req.Location)
		if err != nil {
			return err
		}
		dd.Location = &orb.Point{p[0], p[1]}
	}
	for field, v := range map[string]string{"place_name": dd.PlaceName, "reason": dd.Reason} {
		if utf8.RuneCountInString(v) > MaxNoteRunes {
			return unprocessable(field, data.CodeTooLarge, "at most 2000 characters")
		}
	}

	// >> Operation
	filed, err := s.sms.FileDraft(c.Request.Context(), id, dd)
	if err != nil {
		return err
	}
	s.attachPhoto(c.Request.Context(), filed.Report.ID, filed.Media) // the photo the resident sent with the draft
	told := false
	if s.reporters != nil && filed.Notice != "" {
		if told, err = s.reporters.TellReporter(c.Request.Context(), filed.Report.Reporter, filed.Notice); err != nil {
			s.log.Error("queueing the filed draft's SMS", "report", filed.Report.ID, "err", err)
		}
	}

	// >> Response
	c.JSON(http.StatusCreated, gin.H{"id": filed.Report.ID, "category": filed.Report.Category, "resident_told": told})
	return nil
}
