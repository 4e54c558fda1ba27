package server

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// healthz answers liveness probes: the process is up and serving HTTP.
func (s *Server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// readyz answers readiness probes: the store is open and a write commits.
func (s *Server) readyz(c *gin.Context) error {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 5*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		s.log.Warn("readiness check failed", "err", err)
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "error": statusFor(err)})
		return nil
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready", "reports": s.store.Extent().Count})
	return nil
}
