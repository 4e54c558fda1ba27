package server

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
)

// reportAudit handles GET /api/v1/reports/{id}/audit (moderators): the
// report's audit entries, oldest first.
func (s *Server) reportAudit(c *gin.Context) error {
	if s.accounts == nil {
		return errNoAccounts
	}
	id, err := parseID(c.Param("id"))
	if err != nil {
		return err
	}
	if _, err := s.store.Get(id); err != nil {
		return err
	}
	entries, err := s.accounts.ReportAudit(id)
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, gin.H{"report_id": id, "entries": entries})
	return nil
}

// auditBatch is how many entries the export reads per read transaction.
const auditBatch = 1000

// auditExport handles GET /api/v1/admin/audit (admins): the whole audit
// log as JSON lines (default, or format=jsonl) or CSV (format=csv),
// oldest first, read in batches so that a slow download never holds the
// database.
func (s *Server) auditExport(c *gin.Context) error {
	if s.accounts == nil {
		return errNoAccounts
	}
	format := c.DefaultQuery("format", "jsonl")
	if format != "jsonl" && format != "csv" {
		return badParam("format", "format must be jsonl or csv")
	}
	stamp := s.now().UTC().Format("20060102T150405Z")
	var write func(data.AuditEntry) error
	var cw *csv.Writer
	if format == "csv" {
		c.Header("Content-Type", "text/csv; charset=utf-8")
		c.Header("Content-Disposition", `attachment; filename="mtaa-audit-`+stamp+`.csv"`)
		cw = csv.NewWriter(c.Writer)
		if err := cw.Write([]string{"seq", "at", "actor_user_id", "actor", "action", "report_id", "user_id", "before", "after", "reason", "note"}); err != nil {
			return nil
		}
		write = func(e data.AuditEntry) error {
			return cw.Write([]string{strconv.FormatUint(e.Seq, 10), e.At.Format(time.RFC3339Nano), strconv.FormatUint(e.Actor.UserID, 10),
				safeCell(e.Actor.Name), e.Action, strconv.FormatUint(e.ReportID, 10), strconv.FormatUint(e.UserID, 10),
				string(e.Before), string(e.After), safeCell(e.Reason), safeCell(e.Note)})
		}
	} else {
		c.Header("Content-Type", "application/jsonl; charset=utf-8")
		c.Header("Content-Disposition", `attachment; filename="mtaa-audit-`+stamp+`.jsonl"`)
		enc := json.NewEncoder(c.Writer)
		write = func(e data.AuditEntry) error { return enc.Encode(e) }
	}
	c.Header("Cache-Control", "no-store")
	c.Status(http.StatusOK)
	var after uint64
	for {
		batch := make([]data.AuditEntry, 0, auditBatch)
		err := s.accounts.EachAudit(after, func(e data.AuditEntry) bool {
			batch = append(batch, e)
			return len(batch) < auditBatch
		})
		if err != nil {
			s.log.Error("audit export", "err", err)
			return nil // headers are gone; the log says why
		}
		for _, e := range batch {
			if err := write(e); err != nil {
				return nil // the client went away
			}
			after = e.Seq
		}
		if cw != nil {
			cw.Flush()
		}
		if len(batch) < auditBatch {
			return nil
		}
	}
}
