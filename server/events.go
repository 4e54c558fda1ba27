package server

import (
	"bytes"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/mtaa-project/mtaa/data"
)

// Server-sent event names on /api/v1/events.
const (
	eventReport        = "report"         // a new report; id: is the report id
	eventReportUpdated = "report-updated" // a stored report changed; no id: line
	eventResync        = "resync"         // reports were missed (replay bound, full queue): reload
	eventReportHidden  = "report-hidden"  // a report this stream may no longer see (e.g. rejected); data {"id":N}
)

// Event stream limits.
const (
	// brokerQueue is how many committed changes may wait for the broker;
	// beyond it changes are dropped rather than block a commit.
	brokerQueue = 4096
	// clientQueue is how many events may wait for one stream; a client
	// that falls further behind is disconnected (it reconnects and
	// catches up with Last-Event-ID).
	clientQueue = 64
	// maxReplay bounds the reports replayed after Last-Event-ID.
	maxReplay = 1000
	// DefaultMaxEventStreams bounds concurrent streams when
	// Config.MaxEventStreams is 0.
	DefaultMaxEventStreams = 500
	// DefaultMaxEventStreamsPerIP bounds the concurrent streams of one
	// client address when Config.MaxEventStreamsPerIP is 0: one client
	// cannot take every stream, and a carrier-grade NAT (many phones
	// behind one address) still has room for several.
	DefaultMaxEventStreamsPerIP = 16
)

// change is one committed report change, as queued for the broker.
type change struct {
	kind   data.ChangeKind
	id     uint64
	status data.Status
}

// streamEvent is one encoded event and the report it is about.
type streamEvent struct {
	// data is the event as the public reads it; staff, when not nil, is
	// the event as staff read it (exact position, text as sent).
	data    []byte
	staff   []byte
	id      uint64
	created bool
	// status is the report's status, which decides who may see the
	// event (auth_visibility.go); empty for events about no report.
	status data.Status
}

// streamClient is one open event stream.
type streamClient struct {
	ip     string
	ch     chan streamEvent
	kicked chan struct{} // closed when the broker drops the client
}

// broker fans committed report changes out to the open event streams.
// The store's watch callback only queues the change (never blocks the
// commit); one goroutine reads each report's public feature once and
// hands the encoded event to every stream without waiting for any.
type broker struct {
	store reportStore
	log   *slog.Logger
	max   int

	in      chan change
	done    chan struct{} // closed by close: streams end
	exited  chan struct{} // closed when run returns
	started sync.Once
	closed  sync.Once
	cancel  func() // stops watching the store; nil until started

	perIP int // streams one address may hold

	mu      sync.Mutex
	clients map[*streamClient]struct{}
	byIP    map[string]int // open streams per client address

	lastID  atomic.Uint64 // highest report id announced
	dropped atomic.Uint64 // changes dropped (queue full) since the last resync
	kicked  atomic.Uint64 // slow clients disconnected
}

func newBroker(store reportStore, maxStreams, perIP int, log *slog.Logger) *broker {
	if maxStreams <= 0 {
		maxStreams = DefaultMaxEventStreams
	}
	if perIP <= 0 {
		perIP = DefaultMaxEventStreamsPerIP
	}
	return &broker{store: store, log: log, max: maxStreams, perIP: perIP, in: make(chan change, brokerQueue),
		done: make(chan struct{}), exited: make(chan struct{}), clients: make(map[*streamClient]struct{}),
		byIP: make(map[string]int)}
}

// start begins watching the store, with the first stream: a server that
// nobody streams from costs its commits nothing. Called with b.mu held.
func (b *broker) start() {
	b.started.Do(func() {
		b.cancel = b.store.Watch(b.onChange)
		// Reports committed before the watch: the newest id, for replays.
		if n := b.store.Extent().Count; n > 0 {
			if p := b.store.Find(data.Query{Offset: n - 1, Limit: 1}); len(p.IDs) == 1 {
				b.raiseLastID(p.IDs[0])
			}
		}
		go b.run()
	})
}

func (b *broker) raiseLastID(id uint64) {
	for {
		last := b.lastID.Load()
		if id <= last || b.lastID.CompareAndSwap(last, id) {
			return
		}
	}
}

// onChange runs on the store's commit path: it must not block.
func (b *broker) onChange(c data.Change) {
	ch := change{kind: c.Kind, id: c.Report.ID, status: c.Report.Status}
	if c.Kind == data.ReportCreated {
		b.raiseLastID(ch.id)
	}
	select {
	case b.in <- ch:
	default:
		b.dropped.Add(1)
	}
}

func (b *broker) run() {
	defer close(b.exited)
	for {
		select {
		case <-b.done:
			return
		case c := <-b.in:
			if n := b.dropped.Swap(0); n > 0 {
				// Changes were lost while the queue was full: tell the
				// clients to reload rather than let them miss reports.
				payload := `{"dropped":` + strconv.FormatUint(n, 10) + `}`
				b.publish(streamEvent{data: encodeEvent(nil, eventResync, 0, false, []byte(payload))})
			}
			name, withID := eventReport, true
			if c.kind == data.ReportUpdated {
				name, withID = eventReportUpdated, false
			}
			feature, err := b.store.FeatureFor(c.id, data.AudiencePublic)
			if err != nil {
				b.log.Warn("event stream: reading a changed report", "id", c.id, "err", err)
				continue
			}
			staff, err := b.store.FeatureFor(c.id, data.AudienceStaff)
			if err != nil {
				b.log.Warn("event stream: reading a changed report", "id", c.id, "err", err)
				continue
			}
			ev := streamEvent{data: encodeEvent(nil, name, c.id, withID, feature), id: c.id, created: withID, status: c.status}
			if !bytes.Equal(staff, feature) {
				ev.staff = encodeEvent(nil, name, c.id, withID, staff)
			}
			b.publish(ev)
		}
	}
}

// publish hands msg to every stream, dropping those whose queue is full.
func (b *broker) publish(msg streamEvent) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.clients {
		select {
		case c.ch <- msg:
		default:
			b.drop(c)
			b.kicked.Add(1)
		}
	}
}

// subscribe registers a new stream of the client at address ip; ok is
// false when the limit of concurrent streams (in all, or of that address)
// is reached or the broker is closed.
func (b *broker) subscribe(ip string) (c *streamClient, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	select {
	case <-b.done:
		return nil, false
	default:
	}
	if len(b.clients) >= b.max || b.byIP[ip] >= b.perIP {
		return nil, false
	}
	b.start()
	c = &streamClient{ip: ip, ch: make(chan streamEvent, clientQueue), kicked: make(chan struct{})}
	b.clients[c] = struct{}{}
	b.byIP[ip]++
	return c, true
}

func (b *broker) unsubscribe(c *streamClient) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.clients[c]; ok {
		b.drop(c)
	}
}

// drop removes c from the clients (b.mu held).
func (b *broker) drop(c *streamClient) {
	delete(b.clients, c)
	close(c.kicked)
	if b.byIP[c.ip]--; b.byIP[c.ip] <= 0 {
		delete(b.byIP, c.ip)
	}
}

// close stops watching the store and ends every stream. It is safe to
// call more than once.
func (b *broker) close() {
	b.closed.Do(func() {
		b.mu.Lock()
		close(b.done)
		b.mu.Unlock()
		b.started.Do(func() { close(b.exited) }) // never started: nothing to stop
		if b.cancel != nil {
			b.cancel()
		}
		<-b.exited
	})
}

// encodeEvent appends one server-sent event to dst: event name, the id
// line when withID, and data as data: lines.
func encodeEvent(dst []byte, name string, id uint64, withID bool, payload []byte) []byte {
	dst = append(dst, "event: "...)
	dst = append(dst, name...)
	dst = append(dst, '\n')
	if withID {
		dst = append(dst, "id: "...)
		dst = strconv.AppendUint(dst, id, 10)
		dst = append(dst, '\n')
	}
	for {
		line, rest, more := bytes.Cut(payload, []byte{'\n'})
		dst = append(dst, "data: "...)
		dst = append(dst, bytes.TrimSuffix(line, []byte{'\r'})...)
		dst = append(dst, '\n')
		if !more {
			break
		}
		payload = rest
	}
	return append(dst, '\n')
}
