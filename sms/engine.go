package sms

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// Place is a candidate location for words in a message.
type Place struct {
	Name string
	// Point is where the place is (for an area, a representative point).
	Point orb.Point
	// Confidence runs from 0 to 1.
	Confidence float64
	// Start and End are the byte span of the words that named the place
	// in the text; both 0 when the locator does not say.
	Start, End int
}

// Locator finds the places named in free text, best first. The OSM
// gazetteer implements it; a nil Locator places nothing by name.
type Locator interface {
	Locate(text string) []Place
}

// Store is what the engine needs from storage; *data.Store implements it.
type Store interface {
	Get(id uint64) (data.Report, error)
	SMSReply(messageKey string) (data.SMSResult, bool, error)
	Conversation(phoneHash string, notBefore time.Time) (*data.Conversation, error)
	Subscriber(phoneHash string) (*data.Subscriber, error)
	CommitSMS(ctx context.Context, o data.SMSOutcome) (data.SMSResult, error)
}

var _ Store = (*data.Store)(nil)

// Config configures an Engine.
type Config struct {
	Taxonomy *data.Taxonomy
	Locator  Locator
	Phones   *PhoneVault
	// Area is the deployment area: the reference for short plus codes. A
	// zero Area means the whole world.
	Area orb.Bound
	// DefaultLang is the reply language when a message does not tell
	// (default "en").
	DefaultLang string
	// ConversationTTL is how long an unanswered question stays open
	// (default 24 h).
	ConversationTTL time.Duration
	// RateLimit is how many messages one phone may send per RateWindow
	// before getting a polite refusal (defaults 10 per 10 minutes).
	RateLimit  int
	RateWindow time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Engine turns inbound messages into reports, questions and answers.
type Engine struct {
	cfg      Config
	store    Store
	matcher  *classify.KeywordMatcher
	limiter  *rateLimiter
	phoneMu  sync.Mutex
	phoneLck map[string]*phoneLock
}

type phoneLock struct {
	mu   sync.Mutex
	refs int
}

// NewEngine builds an engine over store.
func NewEngine(cfg Config, store Store) (*Engine, error) {
	if cfg.Taxonomy == nil || cfg.Phones == nil {
		return nil, errors.New("sms engine: taxonomy and phone vault are required")
	}
	if cfg.DefaultLang == "" {
		cfg.DefaultLang = "en"
	}
	if cfg.ConversationTTL <= 0 {
		cfg.ConversationTTL = 24 * time.Hour
	}
	if cfg.RateLimit <= 0 {
		cfg.RateLimit = 10
	}
	if cfg.RateWindow <= 0 {
		cfg.RateWindow = 10 * time.Minute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Area.IsZero() {
		cfg.Area = orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}
	}
	return &Engine{
		cfg:      cfg,
		store:    store,
		matcher:  classify.NewKeywordMatcher(cfg.Taxonomy),
		limiter:  newRateLimiter(cfg.RateLimit, cfg.RateWindow),
		phoneLck: map[string]*phoneLock{},
	}, nil
}

// MaxBodyRunes is the longest message handled; longer ones are cut (Twilio
// delivers at most 1,600 characters).
const MaxBodyRunes = 1600

// Inbound is one message from a gateway.
type Inbound struct {
	Gateway   string // "twilio", "smssync"
	MessageID string // the gateway's id: MessageSid, message_id
	From      string // the sender's number; hashed at once, stored only sealed (AES-GCM)
	Body      string
	// Channel is the report channel of the message (default sms; whatsapp
	// for a WhatsApp message through Twilio).
	Channel data.Channel
	// SentAt is when the phone sent the message, if the gateway says
	// (SMSSync's sent_timestamp); it becomes the observation time when it
	// is plausible (not in the future, at most a week old).
	SentAt time.Time
}

// maxSentAge is how old a gateway's sent time may be to count as the
// observation time.
const maxSentAge = 7 * 24 * time.Hour

// Reply is what to send back.
type Reply struct {
	Text     string
	ReportID uint64
	// Replayed is true when the message was a redelivery.
	Replayed bool
}

// ErrBadMessage is returned for a message without sender or id.
var ErrBadMessage = errors.New("sms: message needs a sender and a message id")

// Handle processes one inbound message exactly once: a redelivery of the
// same gateway message id gets the same reply and changes nothing.
func (e *Engine) Handle(ctx context.Context, in Inbound) (Reply, error) {
	if strings.TrimSpace(in.From) == "" || in.MessageID == "" || NormalizePhone(in.From) == "" {
		return Reply{}, ErrBadMessage
	}
	key := in.Gateway + ":" + in.MessageID
	if res, ok, err := e.store.SMSReply(key); err != nil {
		return Reply{}, err
	} else if ok {
		return Reply{Text: res.Reply, ReportID: res.ReportID, Replayed: true}, nil
	}
	phone := e.cfg.Phones.Hash(in.From)
	unlock := e.lockPhone(phone)
	defer unlock()

	raw := strings.ToValidUTF8(in.Body, "\uFFFD")
	m := &message{key: key, phone: phone, from: in.From, raw: raw, text: cleanBody(raw), now: e.cfg.Now().UTC(), channel: in.Channel}
	if m.channel == "" {
		m.channel = data.ChannelSMS
	}
	m.observed = m.now
	if sent := in.SentAt.UTC(); !sent.IsZero() && !sent.After(m.now) && m.now.Sub(sent) <= maxSentAge {
		m.observed = sent
	}
	out, err := e.decide(m)
	if err != nil {
		return Reply{}, err
	}
	res, err := e.store.CommitSMS(ctx, out)
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: res.Reply, ReportID: res.ReportID, Replayed: res.Replayed}, nil
}

// lockPhone serialises the messages of one phone, so that a conversation
// step is read and written without another message in between.
func (e *Engine) lockPhone(hash string) func() {
	e.phoneMu.Lock()
	l := e.phoneLck[hash]
	if l == nil {
		l = &phoneLock{}
		e.phoneLck[hash] = l
	}
	l.refs++
	e.phoneMu.Unlock()
	l.mu.Lock()
	return func() {
		l.mu.Unlock()
		e.phoneMu.Lock()
		if l.refs--; l.refs == 0 {
			delete(e.phoneLck, hash)
		}
		e.phoneMu.Unlock()
	}
}

// message is one inbound message being handled.
type message struct {
	key, phone, from string
	raw, text        string
	lang             string
	now              time.Time
	observed         time.Time // when it happened: the sent time if known, else now
	channel          data.Channel
}

// cleanBody trims, drops invalid UTF-8 and control characters, and cuts the
// message at MaxBodyRunes.
func cleanBody(s string) string {
	s = strings.ToValidUTF8(s, " ")
	s = strings.ReplaceAll(s, "\uFFFD", " ")
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == MaxBodyRunes {
			break
		}
		if r < 0x20 || r == 0x7f {
			r = ' '
		}
		b.WriteRune(r)
		n++
	}
	return strings.TrimSpace(b.String())
}

func (e *Engine) outcome(m *message, reply string) data.SMSOutcome {
	return data.SMSOutcome{MessageKey: m.key, PhoneHash: m.phone, Reply: func(uint64) string { return reply }}
}

// decide works out what a message means and what it changes.
func (e *Engine) decide(m *message) (data.SMSOutcome, error) {
	conv, err := e.store.Conversation(m.phone, m.now.Add(-e.cfg.ConversationTTL))
	if err != nil {
		return data.SMSOutcome{}, err
	}
	sub, err := e.store.Subscriber(m.phone)
	if err != nil {
		return data.SMSOutcome{}, err
	}
	prev := e.cfg.DefaultLang
	switch {
	case conv != nil:
		prev = conv.Lang
	case sub != nil && sub.Lang != "":
		prev = sub.Lang
	}
	m.lang = e.matcher.DetectLanguage(m.text, prev)

	if !e.limiter.allow(m.phone, m.now) {
		return e.outcome(m, Text(m.lang, ReplyRateLimited)), nil
	}
	if m.text == "" {
		return e.outcome(m, Text(m.lang, ReplyNotUnderstood)), nil
	}
	if out, ok, err := e.command(m, sub); ok || err != nil {
		return out, err
	}
	if conv != nil {
		if out, ok := e.continueConversation(m, conv); ok {
			return e.keepNumberForUpdates(m, sub, out)
		}
	}
	return e.keepNumberForUpdates(m, sub, e.newReport(m))
}

// Command words, in the six languages, compared after Normalize.
var (
	statusWords = wordSet("status", "hali", "statut", "etat", "estado", "estatus", "eta", "kisa")
	helpWords   = wordSet("help", "aide", "msaada", "saidia", "ayuda", "ajuda", "ed", "info", "?")
	stopWords   = wordSet("stop", "stopall", "unsubscribe", "cancel", "end", "quit", "arret", "arreter", "simama", "acha", "parar", "pare", "basta", "kanpe", "sispann")
	startWords  = wordSet("start", "unstop", "anza", "demarrer", "reprendre", "comenzar", "iniciar", "inicio", "komanse", "rekomanse")
	joinWords   = wordSet("join", "jiunge", "sajili", "rejoindre", "inscrire", "unirse", "suscribir", "entrar", "inscrever", "antre", "enskri")
	leaveWords  = wordSet("leave", "ondoka", "jitoe", "quitter", "salir", "sair", "kite", "soti")
)

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// command handles STATUS, HELP, STOP, START, JOIN and LEAVE. ok is false
// when the message is not a command.
func (e *Engine) command(m *message, sub *data.Subscriber) (data.SMSOutcome, bool, error) {
	words := strings.Fields(text.Fold(m.text))
	if len(words) == 0 {
		if strings.TrimSpace(m.text) == "?" {
			return e.outcome(m, Text(m.lang, ReplyHelp)), true, nil
		}
		return data.SMSOutcome{}, false, nil
	}
	first, rest := words[0], words[1:]
	switch {
	case statusWords[first] && len(rest) >= 1:
		ref, err := strconv.ParseUint(strings.TrimPrefix(rest[0], "#"), 10, 64)
		if err != nil || len(rest) > 1 {
			return data.SMSOutcome{}, false, nil // "hali ya mtaro..." is a report, not a command
		}
		r, err := e.store.Get(ref)
		if errors.Is(err, data.ErrNotFound) {
			return e.outcome(m, Text(m.lang, ReplyNotFound, ref)), true, nil
		}
		if err != nil {
			return data.SMSOutcome{}, true, err
		}
		reply := Text(m.lang, ReplyStatus, ref, StatusLabel(m.lang, string(r.Status)), e.categoryLabel(r.Category, m.lang))
		return e.outcome(m, reply), true, nil
	case helpWords[first] && len(rest) == 0:
		return e.outcome(m, Text(m.lang, ReplyHelp)), true, nil
	case stopWords[first] && len(rest) == 0:
		s := e.subscriberFor(m, sub)
		s.Stopped = true
		out := e.outcome(m, Text(m.lang, ReplyStopped))
		out.Subscriber = s
		out.EndConversation = true
		return out, true, nil
	case startWords[first] && len(rest) == 0:
		s := e.subscriberFor(m, sub)
		s.Stopped = false
		out := e.outcome(m, Text(m.lang, ReplyStarted))
		out.Subscriber = s
		return out, true, nil
	case leaveWords[first] && len(rest) == 0:
		s := e.subscriberFor(m, sub)
		s.Joined = false
		out := e.outcome(m, Text(m.lang, ReplyLeft))
		out.Subscriber = s
		return out, true, nil
	case joinWords[first] && len(rest) > 0:
		_, after, _ := strings.Cut(m.text, " ")
		area := strings.TrimSpace(after)
		places := e.locateName(area)
		if len(places) == 0 {
			return e.outcome(m, Text(m.lang, ReplyJoinUnknown, area)), true, nil
		}
		s := e.subscriberFor(m, sub)
		if s.SealedPhone == nil {
			sealed, err := e.cfg.Phones.Seal(m.from)
			if err != nil {
				return data.SMSOutcome{}, true, err
			}
			s.SealedPhone = sealed
		}
		s.Joined, s.Stopped, s.AreaName, s.Location = true, false, places[0].Name, places[0].Point
		out := e.outcome(m, Text(m.lang, ReplyJoined, places[0].Name))
		out.Subscriber = s
		return out, true, nil
	}
	return data.SMSOutcome{}, false, nil
}

// subscriberFor returns a copy of the phone's subscription, or a new one.
// A STOP from a phone that never joined is kept too: it must be honoured
// if the phone joins through another channel later.
func (e *Engine) subscriberFor(m *message, sub *data.Subscriber) *data.Subscriber {
	s := &data.Subscriber{PhoneHash: m.phone}
	if sub != nil {
		c := *sub
		s = &c
	}
	s.Lang, s.UpdatedAt = m.lang, m.now
	return s
}

func (e *Engine) categoryLabel(id, lang string) string {
	return CategoryLabel(e.cfg.Taxonomy, id, lang)
}

// continueConversation answers an open question. ok is false when the
// message does not answer it (then it is read as a new report).
func (e *Engine) continueConversation(m *message, conv *data.Conversation) (data.SMSOutcome, bool) {
	draft := conv.Draft
	if conv.State == data.AwaitChoice {
		if n, err := strconv.Atoi(strings.Trim(strings.TrimSpace(m.text), ".)#")); err == nil {
			if n < 1 || n > len(conv.Choices) {
				return e.askChoice(m, draft, conv.Choices), true
			}
			c := conv.Choices[n-1]
			return e.complete(m, draft, c.Point, draft.LocationSource, nil, 1, c.Name), true // confirmed by the resident
		}
	}
	// A message with its own category keyword and no place is a new
	// report, not the answer.
	found := e.locate(m.text)
	if !found.any() {
		if _, isReport := e.matcher.Match(m.text); isReport {
			return data.SMSOutcome{}, false
		}
		return e.askPlace(m, draft), true
	}
	draft.LocationSource = data.SourceAskBack
	return e.place(m, draft, found), true
}

// newReport reads a message as a new report.
func (e *Engine) newReport(m *message) data.SMSOutcome {
	// The whole text goes to the locator: a category keyword may also be
	// the type word of a place ("lopital St. Francis"); the gazetteer never
	// takes a keyword alone for a place.
	found := e.locate(m.text)
	category, hasCategory := e.category(m.text, found)
	if !hasCategory && !found.any() {
		return e.outcome(m, Text(m.lang, ReplyNotUnderstood))
	}
	draft := data.Report{
		Category:   category,
		RawText:    truncateBytes(m.raw, data.MaxRawTextBytes),
		ObservedAt: m.observed,
		Channel:    m.channel,
		Status:     data.StatusNew,
		Reporter:   "sms:" + m.phone,
	}
	if !found.any() {
		return e.askPlace(m, draft)
	}
	return e.place(m, draft, found)
}

// category is the category the text names, "other" when it names none.
// A keyword that is part of the name of the place found ("hospital" in
// "hospital Kent General: calle bloqueada") describes the place, not the
// problem: another keyword outside the name wins over it.
func (e *Engine) category(text string, found located) (string, bool) {
	matches := e.matcher.MatchAll(text)
	if len(matches) == 0 {
		return "other", false
	}
	if len(found.places) > 0 {
		p := found.places[0]
		for _, c := range matches {
			if p.End <= p.Start || c.End <= p.Start || c.Start >= p.End {
				return c.Category, true
			}
		}
	}
	return matches[0].Category, true
}

// located is what locate found, in order of trust.
type located struct {
	coords   *Coordinates
	plus     *orb.Point
	plusSize float64
	plusCode string
	places   []Place
}

func (l located) any() bool { return l.coords != nil || l.plus != nil || len(l.places) > 0 }

// locate looks for coordinates, then a plus code, then place names.
func (e *Engine) locate(text string) located {
	var l located
	if c, ok := FindCoordinates(text); ok {
		l.coords = &c
		return l
	}
	if pc, ok := FindPlusCode(text); ok {
		ref := e.cfg.Area.Center()
		if pc.Short && pc.Locality != "" {
			if ps := e.locateName(pc.Locality); len(ps) > 0 {
				ref = ps[0].Point
			}
		}
		if p, size, err := pc.Recover(ref); err == nil {
			l.plus, l.plusSize, l.plusCode = &p, size, pc.Code
			return l
		}
	}
	l.places = e.locateName(text)
	return l
}

func (e *Engine) locateName(text string) []Place {
	if e.cfg.Locator == nil || strings.TrimSpace(text) == "" {
		return nil
	}
	return e.cfg.Locator.Locate(text)
}

// clearWinner is how much more confident the best place must be than the
// second before it is taken without asking.
const clearWinner = 0.15

// place finishes a draft with what locate found, or asks the resident to
// choose between places.
func (e *Engine) place(m *message, draft data.Report, l located) data.SMSOutcome {
	source := draft.LocationSource
	switch {
	case l.coords != nil:
		if source == "" {
			source = data.SourceCoordinates
		}
		desc := fmt.Sprintf("%.5f, %.5f", l.coords.Point[1], l.coords.Point[0])
		return e.complete(m, draft, l.coords.Point, source, nil, 1, desc)
	case l.plus != nil:
		if source == "" {
			source = data.SourcePlusCode
		}
		acc := l.plusSize / 2
		return e.complete(m, draft, *l.plus, source, &acc, 1, l.plusCode)
	}
	if source == "" {
		source = data.SourcePlaceName
	}
	draft.LocationSource = source
	best := l.places[0]
	if len(l.places) == 1 || l.places[1].Confidence < best.Confidence-clearWinner {
		return e.complete(m, draft, best.Point, source, nil, best.Confidence, best.Name)
	}
	choices := make([]data.PlaceChoice, 0, 3)
	for _, p := range l.places {
		if len(choices) == 3 {
			break
		}
		choices = append(choices, data.PlaceChoice{Name: p.Name, Point: p.Point})
	}
	return e.askChoice(m, draft, choices)
}

func (e *Engine) askPlace(m *message, draft data.Report) data.SMSOutcome {
	out := e.outcome(m, Text(m.lang, ReplyAskPlace))
	out.Conversation = &data.Conversation{PhoneHash: m.phone, State: data.AwaitPlace, Lang: m.lang, Draft: draft, UpdatedAt: m.now}
	return out
}

func (e *Engine) askChoice(m *message, draft data.Report, choices []data.PlaceChoice) data.SMSOutcome {
	var list []string
	for i, c := range choices {
		list = append(list, fmt.Sprintf("%d %s", i+1, c.Name))
	}
	out := e.outcome(m, Text(m.lang, ReplyChoosePlace, strings.Join(list, ", ")))
	out.Conversation = &data.Conversation{PhoneHash: m.phone, State: data.AwaitChoice, Lang: m.lang, Draft: draft, Choices: choices, UpdatedAt: m.now}
	return out
}

// complete turns the draft into a report at p and closes the conversation.
// confidence (0 to 1) says how sure the placing is.
func (e *Engine) complete(m *message, draft data.Report, p orb.Point, source data.LocationSource, accuracy *float64, confidence float64, where string) data.SMSOutcome {
	r := draft
	confidence = math.Round(min(max(confidence, 0), 1)*1000) / 1000
	r.Location, r.LocationSource, r.AccuracyM, r.LocationConfidence = p, source, accuracy, &confidence
	r.ReceivedAt = m.now
	if r.RawText != "" && m.raw != "" && r.RawText != m.raw {
		r.RawText = truncateBytes(r.RawText+"\n"+m.raw, data.MaxRawTextBytes)
	}
	// The public description is generated: the SMS itself may name people
	// or numbers, and raw text is for moderators only.
	r.Description = e.categoryLabel(r.Category, "en") + " — " + where
	if err := r.Validate(e.cfg.Taxonomy, m.now); err != nil {
		var ve *data.ValidationError
		if errors.As(err, &ve) && ve.Field == "geometry.coordinates" {
			return e.askPlace(m, draft)
		}
		return e.outcome(m, Text(m.lang, ReplyNotUnderstood))
	}
	label := e.categoryLabel(r.Category, m.lang)
	lang := m.lang
	out := data.SMSOutcome{
		MessageKey:      m.key,
		PhoneHash:       m.phone,
		Report:          &r,
		EndConversation: true,
		Reply: func(id uint64) string {
			return Text(lang, ReplyReportReceived, id, label, where)
		},
	}
	return out
}

func truncateBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
