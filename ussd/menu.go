// Package ussd is the numbered reporting menu residents reach by dialling
// a USSD code (*384*123#) on any handset: report a problem (category,
// then area or a typed landmark), ask a report's status, join or stop
// alerts. A gateway such as Africa's Talking sends the whole session's
// input with every request ("1*3*2"); the menu replays it from the first
// screen, so that it keeps no state between requests except what the
// session commits (a report, a subscription, the chosen language).
package ussd

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/text"
)

// MaxScreen is the most characters a USSD screen may hold, "CON " or
// "END " included.
const MaxScreen = 182

// maxItems is the most numbered choices on one page (9 is the typed
// landmark, 0 back, 00 more).
const maxItems = 8

// menuTitle heads the main screen in every language.
const menuTitle = "mtaa"

// The keys of the choices every language's screens share: back to the
// screen before, the next page of a list, a landmark typed instead of an
// area chosen.
const (
	keyBack     = "0"
	keyMore     = "00"
	keyLandmark = 9
)

// Session is one request of a USSD session.
type Session struct {
	ID          string // the gateway's sessionId
	ServiceCode string // the code dialled, e.g. *384*123#
	Phone       string // the caller's number
	// Text is every answer of the session so far, joined by '*'; empty
	// on the first request.
	Text string
}

// Area is a place a resident can choose from the list.
type Area struct {
	Name string
	// Point is the area's representative point: where a report filed in
	// the area is placed.
	Point orb.Point
}

// Store is what the menu needs from storage; *data.Store implements it.
type Store interface {
	Get(id uint64) (data.Report, error)
	Subscriber(phoneHash string) (*data.Subscriber, error)
	CommitSMS(ctx context.Context, o data.SMSOutcome) (data.SMSResult, error)
	Conversation(key string, notBefore time.Time) (*data.Conversation, error)
}

var _ Store = (*data.Store)(nil)

// Config configures a Menu.
type Config struct {
	Taxonomy *data.Taxonomy
	Phones   *sms.PhoneVault
	// Areas lists the areas offered, in order; nil offers none (only a
	// typed landmark).
	Areas func() []Area
	// Locator places a typed landmark; nil refuses landmarks.
	Locator sms.Locator
	// CategoryOrder, if set, lists category ids most common first; the
	// others follow in taxonomy order, "other" last.
	CategoryOrder func() []string
	// DefaultLang is the language of a caller who never chose one
	// (default "en").
	DefaultLang string
	// Replies are the deployment's SMS reply texts, whose status names the
	// menu shares (default: the built-in file).
	Replies *sms.Replies
	Now     func() time.Time
}

// Menu answers USSD requests.
type Menu struct {
	cfg   Config
	store Store
}

// New builds a menu over store.
func New(cfg Config, store Store) (*Menu, error) {
	if cfg.Taxonomy == nil || cfg.Phones == nil {
		return nil, errors.New("ussd: taxonomy and phone vault are required")
	}
	if _, ok := allTexts[cfg.DefaultLang]; !ok {
		cfg.DefaultLang = "en"
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Replies == nil {
		cfg.Replies = sms.DefaultReplies()
	}
	return &Menu{cfg: cfg, store: store}, nil
}

// ErrBadSession is returned for a request without session id or a valid
// caller number.
var ErrBadSession = errors.New("ussd: a session id and the caller's number are required")

type screen int

const (
	sMain screen = iota
	sLang
	sCategory
	sWhere
	sLandmark
	sStatus
	sAlerts
	sJoin
)

// state is one screen of the walk.
type state struct {
	scr     screen
	page    int
	cat     string
	filter  string // the first letters typed on an area list
	invalid bool   // the last answer was not a choice of this screen
	noPlace bool   // the typed landmark was not found
	typed   string // the landmark typed, when it was not found
}

// walk is a session replayed up to its last answer.
type walk struct {
	m        *Menu
	lang     string
	stack    []state
	langSet  bool   // the last answer chose the language
	category string // chosen category, for the final action
	// notFound are the landmarks typed in the session that were not
	// found, first first: the draft keeps them all.
	notFound []string
	final    func(ctx context.Context, s Session, w *walk, n int) (string, error)
}

func (w *walk) top() *state { return &w.stack[len(w.stack)-1] }
func (w *walk) t() texts    { return allTexts[w.lang] }

// Handle answers one request with a screen: "CON …" to go on, "END …"
// when the session is over.
func (m *Menu) Handle(ctx context.Context, s Session) (string, error) {
	if s.ID == "" || sms.NormalizePhone(s.Phone) == "" {
		return "", ErrBadSession
	}
	hash := m.cfg.Phones.Hash(s.Phone)
	sub, err := m.store.Subscriber(hash)
	if err != nil {
		return "", err
	}
	w := &walk{m: m, lang: m.cfg.DefaultLang, stack: []state{{scr: sMain}}}
	if sub != nil {
		if _, ok := allTexts[sub.Lang]; ok {
			w.lang = sub.Lang
		}
	}
	var answers []string
	if s.Text != "" {
		answers = strings.Split(s.Text, "*")
	}
	var before pending // what the session had chosen before its last answer
	for i, a := range answers {
		if i == len(answers)-1 {
			before = w.pending()
		}
		w.langSet = false
		w.step(strings.TrimSpace(a))
		if w.final != nil {
			if i != len(answers)-1 {
				break // a gateway never sends answers after END
			}
			return w.final(ctx, s, w, len(answers))
		}
	}
	out := w.render()
	// The language is remembered for the next sessions; a report begun
	// (its category chosen) is kept as a draft, in case the network cuts
	// the session before its end.
	if after := w.pending(); w.langSet || after != before {
		if err := m.commitStep(ctx, s, w, hash, sub, len(answers), out, after); err != nil {
			return "", err
		}
	}
	return out, nil
}

// pending is what a session has chosen of a report it has not filed yet:
// its category, and the landmark typed if it was not found.
type pending struct {
	cat   string
	typed string
}

// pending returns the report the walk is in the middle of, if any.
func (w *walk) pending() pending {
	st := w.top()
	if st.scr != sWhere && st.scr != sLandmark || st.cat == "" {
		return pending{}
	}
	return pending{cat: st.cat, typed: st.typed}
}

// step applies one answer to the walk.
func (w *walk) step(a string) {
	st := w.top()
	st.invalid, st.noPlace = false, false
	if a == keyBack && len(w.stack) > 1 {
		w.stack = w.stack[:len(w.stack)-1]
		return
	}
	if a == keyMore {
		if _, _, more := w.page(*st); more {
			w.stack = append(w.stack, state{scr: st.scr, page: st.page + 1, cat: st.cat, filter: st.filter})
			return
		}
		st.invalid = true
		return
	}
	switch st.scr {
	case sStatus:
		ref, err := strconv.ParseUint(strings.TrimPrefix(a, "#"), 10, 64)
		if err != nil {
			st.invalid = true
			return
		}
		w.final = func(_ context.Context, _ Session, w *walk, _ int) (string, error) { return w.m.status(w, ref) }
		return
	case sLandmark:
		if a == "" {
			st.invalid = true
			return
		}
		if w.m.cfg.Locator == nil {
			w.typedNotFound(st, a)
			return
		}
		places := w.m.cfg.Locator.Locate(a)
		if len(places) == 0 {
			w.typedNotFound(st, a)
			return
		}
		cat, p := st.cat, places[0]
		w.final = func(ctx context.Context, s Session, w *walk, n int) (string, error) {
			return w.m.fileReport(ctx, s, w, n, cat, p.Name, p.Point, data.SourcePlaceName)
		}
		return
	}
	n, err := strconv.Atoi(a)
	if err != nil && (st.scr == sWhere || st.scr == sJoin) && a != "" {
		// First letters of an area: the list narrows to the areas with
		// a word starting with them.
		next := state{scr: st.scr, cat: st.cat, filter: a}
		if len(w.m.areaList(next)) == 0 {
			st.invalid = true
			return
		}
		w.stack = append(w.stack, next)
		return
	}
	if err != nil || n < 1 {
		st.invalid = true
		return
	}
	switch st.scr {
	case sMain:
		next := map[int]screen{1: sCategory, 2: sStatus, 3: sAlerts, 4: sLang}
		if s, ok := next[n]; ok {
			w.stack = append(w.stack, state{scr: s})
			return
		}
	case sLang:
		if n <= len(langOrder) {
			w.lang, w.langSet = langOrder[n-1], true
			w.stack = w.stack[:1] // back to the main menu, in the new language
			return
		}
	case sAlerts:
		switch n {
		case 1:
			w.stack = append(w.stack, state{scr: sJoin})
			return
		case 2:
			w.final = func(ctx context.Context, s Session, w *walk, k int) (string, error) {
				return w.m.subscribe(ctx, s, w, k, nil)
			}
			return
		}
	case sCategory, sWhere, sJoin:
		if n == keyLandmark && st.scr == sWhere {
			w.stack = append(w.stack, state{scr: sLandmark, cat: st.cat})
			return
		}
		start, end, _ := w.page(*st)
		if n > end-start {
			break
		}
		i := start + n - 1
		switch st.scr {
		case sCategory:
			w.stack = append(w.stack, state{scr: sWhere, cat: w.m.categories()[i]})
		case sWhere:
			cat, area := st.cat, w.m.areaList(*st)[i]
			w.final = func(ctx context.Context, s Session, w *walk, k int) (string, error) {
				return w.m.fileReport(ctx, s, w, k, cat, area.Name, area.Point, data.SourceArea)
			}
		case sJoin:
			area := w.m.areaList(*st)[i]
			w.final = func(ctx context.Context, s Session, w *walk, k int) (string, error) {
				return w.m.subscribe(ctx, s, w, k, &area)
			}
		}
		return
	}
	st.invalid = true
}

// typedNotFound records landmark a, typed on st and not found.
func (w *walk) typedNotFound(st *state, a string) {
	st.noPlace, st.typed = true, a
	if !slices.Contains(w.notFound, a) {
		w.notFound = append(w.notFound, a)
	}
}

// langOrder is the order of the language screen.
var langOrder = []string{"en", "sw", "fr", "es", "pt", "ht"}

// categories are the category ids in menu order.
func (m *Menu) categories() []string {
	ids := m.cfg.Taxonomy.IDs()
	var out []string
	if m.cfg.CategoryOrder != nil {
		for _, id := range m.cfg.CategoryOrder() {
			if m.cfg.Taxonomy.Category(id) != nil && id != "other" && !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	for _, id := range ids {
		if id != "other" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	if m.cfg.Taxonomy.Category("other") != nil {
		out = append(out, "other")
	}
	return out
}

// areaList is the areas an area screen lists: all, or those with a word
// starting with the letters typed (folded as message text is).
func (m *Menu) areaList(st state) []Area {
	if m.cfg.Areas == nil {
		return nil
	}
	all := m.cfg.Areas()
	if st.filter == "" {
		return all
	}
	prefix := text.Fold(st.filter)
	var out []Area
	for _, a := range all {
		for _, word := range strings.Fields(text.Fold(a.Name)) {
			if strings.HasPrefix(word, prefix) {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

func (m *Menu) label(id, lang string) string {
	return sms.CategoryLabel(m.cfg.Taxonomy, id, lang)
}

// items are the labels of a list screen.
func (w *walk) items(st state) []string {
	var out []string
	switch st.scr {
	case sCategory:
		for _, id := range w.m.categories() {
			out = append(out, text.Shorten(w.m.label(id, w.lang), 26))
		}
	case sWhere, sJoin:
		for _, a := range w.m.areaList(st) {
			out = append(out, text.Shorten(a.Name, 24))
		}
	}
	return out
}

// list renders a list screen with items[start:end].
func (w *walk) list(st state, items []string, more bool) string {
	t := w.t()
	back := keyBack + " " + t.Back
	var b strings.Builder
	b.WriteString("CON ")
	if st.invalid {
		b.WriteString(t.Invalid + " ")
	}
	switch st.scr {
	case sCategory:
		b.WriteString(t.Category)
	case sWhere:
		b.WriteString(t.Where)
	case sJoin:
		b.WriteString(t.Where)
	}
	for i, it := range items {
		fmt.Fprintf(&b, "\n%d %s", i+1, it)
	}
	if st.scr == sWhere {
		fmt.Fprintf(&b, "\n%d %s", keyLandmark, t.Landmark)
	}
	if more {
		b.WriteString("\n" + keyMore + " " + t.More)
	}
	b.WriteString("\n" + back)
	return b.String()
}

// page returns the span of items on st's page, laid out so that the
// screen fits MaxScreen, and whether more pages follow.
func (w *walk) page(st state) (start, end int, more bool) {
	items := w.items(st)
	probe := st
	probe.invalid = true // the longest form of the screen
	for p := 0; ; p++ {
		end = start
		for end < len(items) && end-start < maxItems {
			if utf8.RuneCountInString(w.list(probe, items[start:end+1], end+1 < len(items))) > MaxScreen {
				break
			}
			end++
		}
		if end == start && end < len(items) {
			end++ // cannot happen with cut labels; never loop for ever
		}
		more = end < len(items)
		if p == st.page || !more {
			return start, end, more
		}
		start = end
	}
}

// render draws the walk's current screen.
func (w *walk) render() string {
	st := *w.top()
	t := w.t()
	back := keyBack + " " + t.Back
	prefix := "CON "
	if st.invalid {
		prefix += t.Invalid + " "
	}
	switch st.scr {
	case sMain:
		return fmt.Sprintf("%s%s\n1 %s\n2 %s\n3 %s\n4 %s", prefix, menuTitle, t.Report, t.Status, t.Alerts, t.Language)
	case sLang:
		var b strings.Builder
		b.WriteString(prefix + t.Language)
		for i, l := range langOrder {
			fmt.Fprintf(&b, "\n%d %s", i+1, languageNames[l])
		}
		return b.String() + "\n" + back
	case sStatus:
		return prefix + t.AskRef + "\n" + back
	case sLandmark:
		if st.noPlace {
			return "CON " + t.NoPlace + "\n" + back
		}
		return prefix + t.TypeLandmark + "\n" + back
	case sAlerts:
		return fmt.Sprintf("%s%s\n1 %s\n2 %s\n%s", prefix, t.Alerts, t.Join, t.Stop, back)
	}
	start, end, more := w.page(st)
	if st.scr == sJoin && start == end {
		return "CON " + t.NoAreas + "\n" + back
	}
	return w.list(st, w.items(st)[start:end], more)
}

// key is the commit key of the session's n-th answer: a request the
// gateway repeats commits nothing twice.
func key(s Session, n int) string {
	return "ussd:" + s.ID + ":" + strconv.Itoa(n)
}

func (m *Menu) subscriber(hash, lang string, sub *data.Subscriber) *data.Subscriber {
	s := &data.Subscriber{PhoneHash: hash}
	if sub != nil {
		c := *sub
		s = &c
	}
	s.Lang, s.UpdatedAt = lang, m.cfg.Now().UTC()
	return s
}

// SessionTimeout bounds how long a USSD session lasts: operators end a
// session after a minute or two (less between two screens). A draft left
// by a session is shown to moderators once it has been quiet this long,
// or as soon as the gateway says the session ended (SessionEnded).
const SessionTimeout = 3 * time.Minute

// draftKey is the key of a session's draft among the SMS conversations:
// the session's own, so that it never becomes the phone's SMS
// conversation (the resident was asked nothing by SMS).
func draftKey(s Session) string { return "ussd:" + s.ID }

// commitStep commits what the n-th answer of a session changed: the
// language chosen, and the session's draft (written when a report is
// begun or changed, removed when the resident backs out of it).
func (m *Menu) commitStep(ctx context.Context, s Session, w *walk, hash string, sub *data.Subscriber, n int, screen string, p pending) error {
	out := data.SMSOutcome{MessageKey: key(s, n), PhoneHash: draftKey(s), Reply: func(uint64) string { return screen }}
	if w.langSet {
		out.Subscriber = m.subscriber(hash, w.lang, sub)
	}
	if p.cat == "" {
		out.EndConversation = true
	} else {
		conv, err := m.draft(s, w, hash, p)
		if err != nil {
			return err
		}
		out.Conversation = conv
		// The number is kept sealed, as for a report, so that the
		// resident hears of the report a moderator files from the draft.
		if sub == nil || sub.SealedPhone == nil {
			ns := out.Subscriber
			if ns == nil {
				ns = m.subscriber(hash, w.lang, sub)
			}
			if ns.SealedPhone, err = m.cfg.Phones.Seal(s.Phone); err != nil {
				return err
			}
			out.Subscriber = ns
		}
	}
	_, err := m.store.CommitSMS(ctx, out)
	return err
}

// draft is the session's draft with what it has chosen: a report missing
// its place, for moderators to complete (sms.Engine.Drafts, FileDraft).
func (m *Menu) draft(s Session, w *walk, hash string, p pending) (*data.Conversation, error) {
	now := m.cfg.Now().UTC()
	prev, err := m.store.Conversation(draftKey(s), time.Time{})
	if err != nil {
		return nil, err
	}
	c := &data.Conversation{PhoneHash: draftKey(s), State: data.AwaitPlace, Lang: w.lang, Needs: []string{p.cat},
		StartedAt: now, UpdatedAt: now, OpenUntil: now.Add(SessionTimeout)}
	if prev != nil {
		c.ID, c.StartedAt = prev.ID, prev.StartedAt
	}
	// Every landmark typed in the session stays: a second one adds to the
	// draft, never replaces the first.
	raw := "USSD " + s.ServiceCode + ": " + m.label(p.cat, "en")
	for _, typed := range w.notFound {
		raw += " — near: " + typed + " (not found)"
	}
	c.Draft = data.Report{Category: p.cat, Needs: []string{p.cat}, Channel: data.ChannelUSSD, Status: data.StatusNew,
		Reporter: "sms:" + hash, ObservedAt: now, ReceivedAt: now, RawText: text.TruncateBytes(raw, 500)}
	return c, nil
}

// SessionEnded is the gateway's word that a session is over (Africa's
// Talking's end-of-session notification): a draft it left is shown to
// moderators at once rather than after SessionTimeout. A session without
// a draft (it filed its report, or never began one) changes nothing.
func (m *Menu) SessionEnded(ctx context.Context, sessionID string) error {
	if sessionID == "" {
		return ErrBadSession
	}
	s := Session{ID: sessionID}
	c, err := m.store.Conversation(draftKey(s), time.Time{})
	if err != nil || c == nil {
		return err
	}
	now := m.cfg.Now().UTC()
	if !c.OpenUntil.After(now) {
		return nil
	}
	c.OpenUntil = now
	_, err = m.store.CommitSMS(ctx, data.SMSOutcome{MessageKey: "ussd:" + sessionID + ":end", PhoneHash: draftKey(s), Conversation: c,
		Reply: func(uint64) string { return "" }})
	return err
}

func (m *Menu) status(w *walk, ref uint64) (string, error) {
	t := w.t()
	r, err := m.store.Get(ref)
	if errors.Is(err, data.ErrNotFound) {
		return "END " + fmt.Sprintf(t.NotFound, ref), nil
	}
	if err != nil {
		return "", err
	}
	return "END " + fmt.Sprintf(t.StatusIs, ref, m.cfg.Replies.StatusLabel(w.lang, string(r.Status)), text.Shorten(m.label(r.Category, w.lang), 40)), nil
}

// fileReport stores the report of the session, once, and answers with its
// reference.
func (m *Menu) fileReport(ctx context.Context, s Session, w *walk, n int, cat, where string, p orb.Point, src data.LocationSource) (string, error) {
	hash := m.cfg.Phones.Hash(s.Phone)
	sub, err := m.store.Subscriber(hash)
	if err != nil {
		return "", err
	}
	now := m.cfg.Now().UTC()
	where = text.Shorten(where, 40)
	r := data.Report{Category: cat, Channel: data.ChannelUSSD, Status: data.StatusNew, Reporter: "sms:" + hash,
		Location: p, LocationSource: src, ObservedAt: now, ReceivedAt: now,
		Description: m.label(cat, "en") + " — " + where}
	if err := r.Validate(m.cfg.Taxonomy, now); err != nil {
		return "", fmt.Errorf("ussd report: %w", err)
	}
	// The number is kept sealed, as for an SMS reporter, so that the
	// reporter hears of status changes.
	ns := m.subscriber(hash, w.lang, sub)
	if ns.SealedPhone == nil {
		if ns.SealedPhone, err = m.cfg.Phones.Seal(s.Phone); err != nil {
			return "", err
		}
	}
	label, t := text.Shorten(m.label(cat, w.lang), 26), w.t()
	// The session's draft goes in the same commit: never a report and its
	// draft both.
	res, err := m.store.CommitSMS(ctx, data.SMSOutcome{MessageKey: key(s, n), PhoneHash: draftKey(s), EndConversation: true, Report: &r, Subscriber: ns,
		Reply: func(id uint64) string { return "END " + fmt.Sprintf(t.Received, id, label, where) }})
	if err != nil {
		return "", err
	}
	return res.Reply, nil
}

// subscribe joins the caller to area's alerts, or leaves them (area nil).
func (m *Menu) subscribe(ctx context.Context, s Session, w *walk, n int, area *Area) (string, error) {
	hash := m.cfg.Phones.Hash(s.Phone)
	sub, err := m.store.Subscriber(hash)
	if err != nil {
		return "", err
	}
	ns, t := m.subscriber(hash, w.lang, sub), w.t()
	reply := "END " + t.Stopped
	if area == nil {
		// "Stop alerts" leaves the area's alerts, as LEAVE does by SMS;
		// it is not STOP, which silences every SMS to the phone, replies
		// to its reports included.
		ns.Joined = false
	} else {
		if ns.SealedPhone == nil {
			if ns.SealedPhone, err = m.cfg.Phones.Seal(s.Phone); err != nil {
				return "", err
			}
		}
		ns.Joined, ns.Stopped, ns.AreaName, ns.Location = true, false, area.Name, area.Point
		reply = "END " + fmt.Sprintf(t.Joined, text.Shorten(area.Name, 40))
	}
	res, err := m.store.CommitSMS(ctx, data.SMSOutcome{MessageKey: key(s, n), PhoneHash: hash, Subscriber: ns,
		Reply: func(uint64) string { return reply }})
	if err != nil {
		return "", err
	}
	return res.Reply, nil
}
