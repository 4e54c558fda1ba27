package server

import (
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// backupStore is what the backup route needs.
type backupStore interface {
	Backup(w io.Writer, extraFiles ...string) error
}

// streamWriteTimeout bounds each write of a long stream (a backup, an
// export), which as a whole may take longer than the server's write
// timeout.
const streamWriteTimeout = time.Minute

// deadlineWriter sets a write deadline before each write. (Writers that
// cannot set deadlines, such as test recorders, are left be.)
type deadlineWriter struct {
	w   io.Writer
	rc  *http.ResponseController
	per time.Duration
}

func (d *deadlineWriter) Write(p []byte) (int, error) {
	_ = d.rc.SetWriteDeadline(time.Now().Add(d.per))
	return d.w.Write(p)
}

// backup serves GET /api/v1/admin/backup (admin): a hot, consistent
// tar.gz of the report database and the files named in BackupFiles,
// streamed while the server keeps serving.
func (s *Server) backup(c *gin.Context) error {
	b, ok := s.store.(backupStore)
	if !ok {
		return &apiError{Status: http.StatusNotImplemented, Code: "not_supported", Message: "this store cannot be backed up"}
	}
	name := "mtaa-backup-" + s.now().UTC().Format("20060102T150405Z") + ".tar.gz"
	c.Header("Content-Type", "application/gzip")
	c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
	c.Status(http.StatusOK)
	start := time.Now()
	// A backup (the photos with it) may stream for longer than the
	// server's write timeout, which is for ordinary requests: each write
	// gets a deadline of its own instead, so only a stalled client is cut.
	out := &deadlineWriter{w: c.Writer, rc: http.NewResponseController(c.Writer), per: streamWriteTimeout}
	if err := b.Backup(out, s.cfg.BackupFiles...); err != nil {
		// Headers are gone: the client sees a truncated archive, which
		// restore refuses; the log says why.
		s.log.Error("backup failed", "err", err)
		return nil
	}
	s.log.Info("backup served", "took", time.Since(start).Round(time.Millisecond))
	return nil
}
