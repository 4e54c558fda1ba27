package smstest

import "sync"

// gatewayLog is what both fake gateways count and keep: the requests they
// answered, how many failed, and the bodies accepted per number. Its mu
// guards the whole fake that embeds it.
type gatewayLog struct {
	mu       sync.Mutex
	requests int
	failed   int
	sent     map[string][]string // number → bodies accepted
}

func newGatewayLog() gatewayLog { return gatewayLog{sent: map[string][]string{}} }

// Requests returns how many requests the fake answered, and how many of
// them failed.
func (l *gatewayLog) Requests() (total, failed int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.requests, l.failed
}

// Sent returns the bodies accepted per number.
func (l *gatewayLog) Sent() map[string][]string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make(map[string][]string, len(l.sent))
	for k, v := range l.sent {
		out[k] = append([]string(nil), v...)
	}
	return out
}
