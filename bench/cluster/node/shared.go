package node

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/url"
	"sync"
)

// RandomHex returns n random bytes in hex, for keys and tokens.
func RandomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// PhoneKeyArgs returns serve flags with one new pair of phone keys: every
// server of a cluster needs the same ones, so that a number sealed by one
// is opened by another.
func PhoneKeyArgs() []string {
	return []string{"--phone-hash-key", RandomHex(32), "--phone-encryption-key", RandomHex(32)}
}

// Redact hides the password of a database URL.
func Redact(s string) string {
	if u, err := url.Parse(s); err == nil {
		return u.Redacted()
	}
	return "(database URL)"
}

// SyncWriter serialises writes to w, so that servers' log lines do not
// interleave.
func SyncWriter(w io.Writer) io.Writer { return &syncWriter{w: w} }

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
