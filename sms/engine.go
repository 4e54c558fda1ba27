package sms

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

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
	Drafts(notBefore time.Time) ([]data.Conversation, error)
	FileDraft(ctx context.Context, f data.DraftFiling) (data.Report, data.Conversation, error)
	PurgeDrafts(ctx context.Context, notBefore time.Time) (int, error)
	PurgeHandled(ctx context.Context, before time.Time) (int, error)
	RecentReport(phoneHash string, now time.Time) (id uint64, hasPhoto bool, err error)
	CorrectionTarget(phoneHash string, now time.Time) (r data.Report, reviewed, ok bool, err error)
}

var _ Store = (*data.Store)(nil)

// Config configures an Engine.
type Config struct {
	Taxonomy *data.Taxonomy
	Locator  Locator
	Phones   *PhoneVault
	// Area is the deployment area: the reference for short plus codes,
	// and nothing outside it is filed. A zero Area means the whole world.
	Area orb.Bound
	// CurrentArea, when set, returns the deployment area now (the extract
	// in use may change while serving); a zero bound falls back to Area.
	CurrentArea func() orb.Bound
	// DefaultLang is the reply language when a message does not tell
	// (default "en"); it must be a language of Replies.
	DefaultLang string
	// Classifier reads the needs of messages and decides when to ask
	// (default classify.New(Taxonomy): the built-in model and
	// classify.ModelRule).
	Classifier *classify.Classifier
	// Replies are the reply templates (default: the built-in file).
	Replies *Replies
	// Examples returns the deployment's example places for help texts (a
	// landmark and an area of its city, a plus code inside its area); nil,
	// or empty fields, use the replies file's generic words.
	Examples func() Examples
	// ConversationTTL is how long an unanswered question stays open
	// (default 24 h).
	ConversationTTL time.Duration
	// DraftRetention is how long a draft stays for moderators after its
	// last message (default DraftsKeptFor, never less than
	// ConversationTTL); PurgeDrafts deletes the older ones.
	DraftRetention time.Duration
	// CorrectionWindow is how long after a report is filed its resident
	// may correct its place by SMS ("no, Kariakoo": correct.go), while
	// no moderator has changed it (default ConversationTTL, the time a
	// question stays open).
	CorrectionWindow time.Duration
	// PhotoWindow is how long after a report is filed a photo the phone
	// sends on its own is added to it (default DefaultPhotoWindow).
	PhotoWindow time.Duration
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
	classes  *classify.Classifier
	limiter  *rateLimiter
	phoneMu  sync.Mutex
	phoneLck map[string]*phoneLock
	// andWords are the folded words of ReplyAnd in every reply language,
	// which may join the numbers chosen on the menu (choiceNumbers).
	andWords map[string]bool
}

type phoneLock struct {
	mu   sync.Mutex
	refs int
}

// NewEngine builds an engine over store. A nil store gives an engine that
// can only Parse, and reads no reports (mtaa sms parse: a running server
// holds the database).
func NewEngine(cfg Config, store Store) (*Engine, error) {
	if cfg.Taxonomy == nil || cfg.Phones == nil {
		return nil, errors.New("sms engine: taxonomy and phone vault are required")
	}
	if cfg.Classifier == nil {
		cfg.Classifier = classify.New(cfg.Taxonomy)
	}
	if cfg.Replies == nil {
		cfg.Replies = DefaultReplies()
	}
	if cfg.DefaultLang == "" {
		cfg.DefaultLang = "en"
	}
	if !cfg.Replies.Has(cfg.DefaultLang) {
		return nil, fmt.Errorf("sms engine: default language %q has no replies (replies are in %s)", cfg.DefaultLang, strings.Join(cfg.Replies.Languages(), ", "))
	}
	if cfg.ConversationTTL <= 0 {
		cfg.ConversationTTL = 24 * time.Hour
	}
	if cfg.DraftRetention <= 0 {
		cfg.DraftRetention = DraftsKeptFor
	}
	cfg.DraftRetention = max(cfg.DraftRetention, cfg.ConversationTTL)
	if cfg.CorrectionWindow <= 0 {
		cfg.CorrectionWindow = cfg.ConversationTTL
	}
	if cfg.PhotoWindow <= 0 {
		cfg.PhotoWindow = DefaultPhotoWindow
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
	andWords := map[string]bool{}
	for _, l := range cfg.Replies.Languages() {
		andWords[text.Fold(cfg.Replies.Text(l, ReplyAnd, Examples{}))] = true
	}
	return &Engine{
		cfg:      cfg,
		store:    store,
		classes:  cfg.Classifier,
		limiter:  newRateLimiter(cfg.RateLimit, cfg.RateWindow),
		phoneLck: map[string]*phoneLock{},
		andWords: andWords,
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
	// Media are the message's media at its gateway (a WhatsApp message's
	// MediaUrl0…), in order; nil when the server cannot keep photos.
	// Photos join the report or draft; other media are not kept and the
	// reply says so (see media.go).
	Media []data.MediaRef
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
	// Media are the photos to attach to ReportID, first first: the
	// caller keeps the first it can fetch and store (a report keeps one
	// photo), also on a redelivery.
	Media []data.MediaRef
}

// ErrBadMessage is returned for a message without sender or id.
var ErrBadMessage = errors.New("sms: message needs a sender and a message id")

// Handle processes one inbound message exactly once: a redelivery of the
// same gateway message id gets the same reply and changes nothing.
func (e *Engine) Handle(ctx context.Context, in Inbound) (Reply, error) {
	if strings.TrimSpace(in.From) == "" || in.MessageID == "" || NormalizePhone(in.From) == "" {
		return Reply{}, ErrBadMessage
	}
	if e.store == nil {
		return Reply{}, errors.New("sms engine: no store: this engine only parses")
	}
	key := in.Gateway + ":" + in.MessageID
	if res, ok, err := e.store.SMSReply(key); err != nil {
		return Reply{}, err
	} else if ok {
		return Reply{Text: res.Reply, ReportID: res.ReportID, Replayed: true, Media: res.Media}, nil
	}
	phone := e.cfg.Phones.Hash(in.From)
	unlock := e.lockPhone(phone)
	defer unlock()

	raw := strings.ToValidUTF8(in.Body, "\uFFFD")
	m := &message{key: key, phone: phone, from: in.From, raw: raw, text: cleanBody(raw), now: e.cfg.Now().UTC(), channel: in.Channel}
	m.photos, m.others = splitMedia(in.Media)
	if m.channel == "" {
		m.channel = data.ChannelSMS
	}
	m.observed = m.now
	if sent := in.SentAt.UTC(); !sent.IsZero() && !sent.After(m.now) && m.now.Sub(sent) <= maxSentAge {
		m.observed = sent
	}
	// The phone's conversation, or its draft whose question expired (kept
	// for moderators): that one is not continued, but tells the language
	// of a reply sent after a long pause ("Tandale market" a day after
	// "tunahitaji maji" is answered in Swahili, not the default language).
	conv, err := e.store.Conversation(m.phone, e.draftsNotBefore(m.now))
	if err != nil {
		return Reply{}, err
	}
	var expired *data.Conversation
	if conv != nil && (conv.Unasked || conv.UpdatedAt.Before(m.now.Add(-e.cfg.ConversationTTL))) {
		// A draft kept while the phone had opted out asked nothing: it is
		// not continued either.
		expired, conv = conv, nil
	}
	sub, err := e.store.Subscriber(m.phone)
	if err != nil {
		return Reply{}, err
	}
	prev := e.cfg.DefaultLang
	switch {
	case conv != nil:
		prev = conv.Lang
	case sub != nil && sub.Lang != "":
		prev = sub.Lang
	case expired != nil && e.cfg.Replies.Has(expired.Lang):
		prev = expired.Lang
	}
	if sub != nil && sub.Stopped {
		return e.handleOptedOut(ctx, m, sub, prev, expired)
	}
	if !e.limiter.allow(m.phone, m.now) {
		m.lang = e.detectLanguage(m.text, prev)
		out := e.outcome(m, e.say(m.lang, ReplyRateLimited))
		return e.commit(ctx, out)
	}
	d, err := e.decide(m, conv, sub, prev)
	if err != nil {
		return Reply{}, err
	}
	// A draft whose question expired is not the phone's conversation any
	// more, but stays a draft for moderators: never replaced by the next
	// (a place correction is no draft).
	keepOther := conv == nil && (expired == nil || expired.Corrects == 0)
	res, err := e.commitDecision(ctx, m, sub, keepOther, d)
	if errors.Is(err, data.ErrConflict) && (d.out.Correct != nil || d.out.Note != nil) {
		// A moderator changed the report meanwhile: the message is read
		// again, the report no longer correctable (a correction is
		// noted); one that may not be noted either is read as if it
		// corrected nothing.
		m.noNote = m.noNote || d.out.Note != nil
		m.noCorrect = true
		if d, err = e.decide(m, conv, sub, prev); err != nil {
			return Reply{}, err
		}
		res, err = e.commitDecision(ctx, m, sub, keepOther, d)
	}
	return res, err
}

// commitDecision commits what was decided for m; keepOther is
// SMSOutcome.KeepOtherDraft.
func (e *Engine) commitDecision(ctx context.Context, m *message, sub *data.Subscriber, keepOther bool, d decision) (Reply, error) {
	e.withMedia(m, &d)
	d.out.At = m.now
	d.out.KeepOtherDraft = keepOther
	out, err := e.keepNumber(m, sub, d)
	if err != nil {
		return Reply{}, err
	}
	return e.commit(ctx, out)
}

func (e *Engine) commit(ctx context.Context, out data.SMSOutcome) (Reply, error) {
	res, err := e.store.CommitSMS(ctx, out)
	if err != nil {
		return Reply{}, err
	}
	return Reply{Text: res.Reply, ReportID: res.ReportID, Replayed: res.Replayed, Media: res.Media}, nil
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
	prev             string // the language when the message does not tell
	now              time.Time
	observed         time.Time // when it happened: the sent time if known, else now
	channel          data.Channel
	photos           []data.MediaRef // the photos sent with it, first first
	others           int             // how many other media (video, audio, documents) came with it
	// noCorrect is set when the report the message would correct was
	// changed by a moderator meanwhile (see correctPlace); noNote when
	// the report it would note a correction on is no longer the phone's
	// reviewed one (see noteCorrection).
	noCorrect, noNote bool
	// read is the classifier's reading of text once made (readText):
	// isCommand reads an "antre"/"entrar" message, and the report it is
	// then read as takes the same reading.
	read *classify.Result
}

// readText is the classifier's reading of m's text, made once per
// message. Its slices are shared: callers must not change them.
func (e *Engine) readText(m *message) classify.Result {
	if m.read == nil {
		res := e.classes.Classify(m.text)
		m.read = &res
	}
	return *m.read
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

// decide works out what a message means and what it would change, from
// the phone's open conversation and subscription (nil when none). It
// writes nothing: Handle commits the outcome, Parse only reports it.
// prev is the language when the message does not tell.
func (e *Engine) decide(m *message, conv *data.Conversation, sub *data.Subscriber, prev string) (decision, error) {
	m.prev = prev
	m.lang = e.detectLanguage(m.text, prev)
	e.bareNoLang(m)
	if d, ok, err := e.decideMedia(m, conv); ok || err != nil {
		return d, err
	}
	if m.text == "" && len(m.photos) == 0 {
		return e.refuse(m), nil
	}
	if out, ok, err := e.command(m, sub); ok || err != nil {
		return decision{out: out, u: Understanding{Action: ActionCommand}}, err
	}
	if conv != nil && conv.Corrects != 0 {
		if d, ok, err := e.continueCorrection(m, conv); ok || err != nil {
			d.draftMedia = conv.Media // the photos of the correction's first message
			return d, err
		}
		// No answer to the correction's question: it is dropped, and
		// the message read afresh.
		d, err := e.decideAfresh(m)
		if d.out.Conversation == nil {
			d.out.EndConversation = true
		}
		return d, err
	}
	if conv != nil {
		if d, ok := e.continueConversation(m, conv); ok {
			d.draftMedia = conv.Media
			return d, nil
		}
	}
	return e.decideAfresh(m)
}

// decideAfresh is decide for a message that continues no conversation: a
// correction of the needs and the place, of the place or of the needs of
// the report filed just before (a bare "no" after it asks which), else a new report. A message
// naming a place is never read as a correction of the needs, nor a
// correction as a bare "no", so the phone's report is read once.
func (e *Engine) decideAfresh(m *message) (decision, error) {
	if d, ok, err := e.correctNeedsAndPlace(m); ok || err != nil {
		return d, err
	}
	if d, ok, err := e.correctPlace(m); ok || err != nil {
		return d, err
	}
	if d, ok, err := e.correctNeeds(m); ok || err != nil {
		return d, err
	}
	if d, ok, err := e.askWhatIsWrong(m); ok || err != nil {
		return d, err
	}
	return e.newReport(m), nil
}

// noLangs are the languages of a bare "no" (folded), most widely read
// first: "non" is French and Creole (a French reply is read by more
// Creole speakers than the reverse), "no" English and Spanish.
var noLangs = map[string][]string{"no": {"en", "es"}, "non": {"fr", "ht"}, "nao": {"pt"}, "hapana": {"sw"},
	"nahi": {"ur"}, "nahin": {"ur"}, "nhi": {"ur"}}

// bareNoLang sets the language of a message that is a bare "no"
// ("non", "no.", "hapana!"), which tells only that it is one of noLangs:
// the language known of the phone (or the deployment's) when it is one
// of them, else the first the replies have. The classifier read "non"
// alone as Creole, "no" as whatever its model leant to.
func (e *Engine) bareNoLang(m *message) {
	words := strings.Fields(text.Fold(m.text))
	if len(words) != 1 || noLangs[words[0]] == nil {
		return
	}
	langs := noLangs[words[0]]
	if slices.Contains(langs, m.prev) {
		m.lang = m.prev
		return
	}
	for _, l := range langs {
		if e.cfg.Replies.Has(l) {
			m.lang = l
			return
		}
	}
}

// detectLanguage is the language of msg with the engine's own classifier
// (the deployment's taxonomy, keywords a city added included), when the
// replies have it; else def.
func (e *Engine) detectLanguage(msg, def string) string {
	if l := e.classes.DetectLanguage(withoutLinks(msg), def); e.cfg.Replies.Has(l) {
		return l
	}
	return def
}

// withoutLinks is msg without its links ("https://maps.google.com/?q=…",
// "www.example.com"): their words are in no resident's language (a
// lone map link read as Portuguese).
func withoutLinks(msg string) string {
	if !strings.Contains(msg, "://") && !strings.Contains(strings.ToLower(msg), "www.") {
		return msg
	}
	words := strings.Fields(msg)
	kept := words[:0]
	for _, w := range words {
		if low := strings.ToLower(w); !strings.Contains(low, "://") && !strings.HasPrefix(low, "www.") {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

// say returns the reply for key in lang with the deployment's examples.
func (e *Engine) say(lang, key string, args ...any) string {
	return e.cfg.Replies.Text(lang, key, e.examples(), args...)
}

// examples are the deployment's example places, or none.
func (e *Engine) examples() Examples {
	if e.cfg.Examples == nil {
		return Examples{}
	}
	return e.cfg.Examples()
}

// Command words, in the reply languages, compared after Normalize, each
// with the languages it belongs to: nil for the words of every language
// (HELP, STATUS, STOP…), which tell nothing of the message's language.
// Roman Urdu has no words of its own: Pakistan's short codes take the
// English STOP or UNSUB, HELP, INFO (UNSUB is a stop word for every
// language), and its likely words are needs or places in a message
// ("madad karo", help us; "band", closed).
var (
	statusLangs = map[string][]string{"status": nil, "hali": {"sw"}, "statut": {"fr"}, "etat": {"fr"},
		"estado": {"es", "pt"}, "estatus": {"es"}, "eta": {"ht"}, "kisa": {"ht"}}
	helpLangs = map[string][]string{"help": nil, "info": nil, "?": nil, "aide": {"fr"}, "msaada": {"sw"},
		"saidia": {"sw"}, "ayuda": {"es"}, "ajuda": {"pt"}, "ed": {"ht"}}
	stopLangs = map[string][]string{"stop": nil, "stopall": nil, "unsubscribe": nil, "unsub": nil, "cancel": nil, "end": nil,
		"quit": nil, "revoke": nil, "optout": nil, "arret": {"fr"}, "arreter": {"fr"}, "simama": {"sw"}, "acha": {"sw"}, "parar": {"es", "pt"},
		"pare": {"pt"}, "basta": {"es", "pt"}, "kanpe": {"ht"}, "sispann": {"ht"}}
	startLangs = map[string][]string{"start": nil, "unstop": nil, "anza": {"sw"}, "demarrer": {"fr"},
		"reprendre": {"fr"}, "comenzar": {"es"}, "iniciar": {"es", "pt"}, "inicio": {"es", "pt"},
		"komanse": {"ht"}, "rekomanse": {"ht"}}
	joinLangs = map[string][]string{"join": nil, "jiunge": {"sw"}, "sajili": {"sw"}, "rejoindre": {"fr"},
		"inscrire": {"fr"}, "unirse": {"es"}, "suscribir": {"es"}, "entrar": {"es", "pt"}, "inscrever": {"pt"},
		"antre": {"ht"}, "enskri": {"ht"}}
	leaveLangs = map[string][]string{"leave": nil, "ondoka": {"sw"}, "jitoe": {"sw"}, "quitter": {"fr"},
		"salir": {"es"}, "sair": {"pt"}, "kite": {"ht"}, "soti": {"ht"}}

	statusWords = keySet(statusLangs)
	helpWords   = keySet(helpLangs)
	stopWords   = keySet(stopLangs)
	startWords  = keySet(startLangs)
	joinWords   = keySet(joinLangs)
	leaveWords  = keySet(leaveLangs)

	// commandLangs are the languages of every command word: a one-word
	// message ("MSAADA", "ED", "HALI 12") tells little else, and its
	// answer must not come in the default language.
	commandLangs = func() map[string][]string {
		all := map[string][]string{}
		for _, ws := range []map[string][]string{statusLangs, helpLangs, stopLangs, startLangs, joinLangs, leaveLangs} {
			maps.Copy(all, ws)
		}
		return all
	}()
)

// keySet returns the set of m's keys.
func keySet[V any](m map[string]V) map[string]bool {
	set := make(map[string]bool, len(m))
	for k := range m {
		set[k] = true
	}
	return set
}

// commandLang sets m's language from its command word: when the word
// belongs to some languages only and m's language is none of them, the
// deployment's default language when it is one of them, else the first;
// a word of every language (HELP, STATUS…) keeps the language of the
// phone's conversation or subscription.
func (e *Engine) commandLang(m *message, word string) {
	langs := commandLangs[word]
	switch {
	case langs == nil:
		m.lang = m.prev
		return
	case slices.Contains(langs, m.lang):
		return
	}
	if slices.Contains(langs, e.cfg.DefaultLang) {
		m.lang = e.cfg.DefaultLang
		return
	}
	for _, l := range langs {
		if e.cfg.Replies.Has(l) {
			m.lang = l
			return
		}
	}
}

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
			return e.outcome(m, e.say(m.lang, ReplyHelp)), true, nil
		}
		return data.SMSOutcome{}, false, nil
	}
	first, rest := words[0], words[1:]
	cmd := e.isCommand(m, words)
	if cmd {
		e.commandLang(m, first)
	}
	switch {
	case statusWords[first] && len(rest) >= 1:
		ref, err := reportRef(rest[0])
		if err != nil || len(rest) > 1 {
			return data.SMSOutcome{}, false, nil // "hali ya mtaro..." is a report, not a command
		}
		r, err := data.Report{}, data.ErrNotFound
		if e.store != nil {
			r, err = e.store.Get(ref)
		}
		// Any phone may ask about a public report; about another report
		// only the phone that sent it (as if it did not exist otherwise).
		if errors.Is(err, data.ErrNotFound) || err == nil && !slices.Contains(data.PublicStatuses, r.Status) && r.Reporter != "sms:"+m.phone {
			return e.outcome(m, e.say(m.lang, ReplyNotFound, ref)), true, nil
		}
		if err != nil {
			return data.SMSOutcome{}, true, err
		}
		reply := e.say(m.lang, ReplyStatus, ref, e.cfg.Replies.StatusLabel(m.lang, string(r.Status)), e.categoryLabel(r.Category, m.lang))
		return e.outcome(m, reply), true, nil
	case statusWords[first] && len(rest) == 0:
		// STATUS without its number: how to follow a report (it got the
		// category menu).
		return e.outcome(m, e.say(m.lang, ReplyStatusHow)), true, nil
	case helpWords[first] && len(rest) == 0:
		return e.outcome(m, e.say(m.lang, ReplyHelp)), true, nil
	case stopWords[first] && len(rest) == 0:
		s := e.subscriberFor(m, sub)
		s.Stopped, s.StoppedAt = true, m.now
		out := e.outcome(m, e.say(m.lang, ReplyStopped))
		out.Subscriber = s
		out.EndConversation = true
		return out, true, nil
	case startWords[first] && len(rest) == 0:
		s := e.subscriberFor(m, sub)
		s.Stopped = false
		out := e.outcome(m, e.say(m.lang, ReplyStarted))
		out.Subscriber = s
		return out, true, nil
	case leaveWords[first] && len(rest) == 0:
		s := e.subscriberFor(m, sub)
		s.Joined = false
		out := e.outcome(m, e.say(m.lang, ReplyLeft))
		out.Subscriber = s
		return out, true, nil
	case joinWords[first] && cmd:
		out, area, known, err := e.joinArea(m, sub, ReplyJoined)
		if err == nil && !known {
			out = e.outcome(m, e.say(m.lang, ReplyJoinUnknown, area))
		}
		return out, true, err
	}
	return data.SMSOutcome{}, false, nil
}

// joinArea joins the phone to the alerts of the area named after m's
// JOIN word ("JOIN Tandale"), answering with the reply key (ReplyJoined,
// or ReplyRejoined after STOP) and resuming replies: a resident who asks
// for alerts asks for messages. known is false, and nothing changes, when
// no place has the area's name; area is that name as sent.
func (e *Engine) joinArea(m *message, sub *data.Subscriber, key string) (out data.SMSOutcome, area string, known bool, err error) {
	area = joinName(m.text)
	places := e.locateName(area)
	if len(places) == 0 {
		return data.SMSOutcome{}, area, false, nil
	}
	s := e.subscriberFor(m, sub)
	if s.SealedPhone == nil && m.from != "" { // Parse has no phone
		sealed, err := e.cfg.Phones.Seal(m.from)
		if err != nil {
			return data.SMSOutcome{}, area, true, fmt.Errorf("join %s: %w", places[0].Name, err)
		}
		s.SealedPhone = sealed
	}
	s.Joined, s.Stopped, s.AreaName, s.Location = true, false, places[0].Name, places[0].Point
	out = e.outcome(m, e.say(m.lang, key, places[0].Name))
	out.Subscriber = s
	return out, area, true, nil
}

// joinName is the area named after the JOIN word of msg ("JOIN Tandale"),
// as sent.
func joinName(msg string) string {
	_, after, _ := strings.Cut(msg, " ")
	return strings.TrimSpace(after)
}

// joinNameWords is the most words after an everyday JOIN word
// (everydayJoinWords) that may still be the name of an area the
// gazetteer does not know ("antre Atlantis").
const joinNameWords = 3

// everydayJoinWords are the JOIN words that are also everyday words
// beginning reports: "antre" and "entrar" (enter: "antre dlo nan kay la",
// water came into the house).
var everydayJoinWords = map[string]bool{"antre": true, "entrar": true}

// isCommand reports whether the message m, of the folded words, is a
// command (see command: STATUS takes one number or nothing, JOIN an
// area, the others nothing). The one rule for command and
// handleOptedOut. A JOIN word and more is a JOIN command, told when the
// area is unknown ("JOIN Atlantis", "JOIN Kigamboni ward number 5"),
// except after an everyday JOIN word (everydayJoinWords): there the
// message is a report when the classifier finds a need, a hazard or a
// need met in it ("antre dlo nan kay la" must not be lost as a JOIN of
// an unknown area, nor "antre dlo nan kay mwen Tandale" as a JOIN of
// Tandale), and a JOIN command otherwise only when the rest names an
// area the gazetteer knows or is a short name (joinNameWords at most).
func (e *Engine) isCommand(m *message, words []string) bool {
	if len(words) == 0 {
		return false
	}
	first, rest := words[0], words[1:]
	switch {
	case !joinWords[first] || len(rest) == 0:
		return isSimpleCommand(first, rest)
	case !everydayJoinWords[first]:
		return true
	}
	if res := e.readText(m); len(res.Needs) > 0 || len(res.Met) > 0 {
		return false
	}
	return len(rest) <= joinNameWords || len(e.locateName(joinName(m.text))) > 0
}

// isSimpleCommand is isCommand for a message whose first word is no JOIN
// word, or a JOIN word alone.
func isSimpleCommand(first string, rest []string) bool {
	switch {
	case statusWords[first]:
		if len(rest) == 0 {
			return true
		}
		if len(rest) != 1 {
			return false
		}
		_, err := reportRef(rest[0])
		return err == nil
	}
	return len(rest) == 0 && (helpWords[first] || stopWords[first] || startWords[first] || leaveWords[first])
}

// reportRef reads the report number of "STATUS 12" from its folded word:
// "#12", or digits as a phone writes them ("১২", "١٢", "１２", keycaps
// "1️⃣2️⃣": one number, not two).
func reportRef(word string) (uint64, error) {
	ref, err := strconv.ParseUint(strings.TrimPrefix(menuDigits(joinKeycaps(word)), "#"), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("report number %q: %w", word, err)
	}
	return ref, nil
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
