package sms

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/mtaa-project/mtaa/data"
)

//go:embed replies.json
var defaultRepliesJSON []byte

// DefaultRepliesJSON returns the built-in replies file, for a city to copy
// and edit (mtaa sms replies > replies.json).
func DefaultRepliesJSON() []byte { return bytes.Clone(defaultRepliesJSON) }

// defaultReplies is the built-in file, parsed once.
var defaultReplies = sync.OnceValue(func() *Replies {
	r, err := parseReplies(defaultRepliesJSON, nil)
	if err != nil {
		panic("sms: built-in replies.json: " + err.Error()) // caught by the package's tests
	}
	return r
})

// DefaultReplies returns the built-in reply templates.
func DefaultReplies() *Replies { return defaultReplies() }

// Replies are the reply templates of a deployment, by language and key,
// and the report statuses in each language. Templates are fmt formats;
// explicit argument indexes (%[1]d) let a language reorder or repeat
// arguments, and {landmark}, {area} and {plus_code} are filled with the
// deployment's own examples. The built-in texts avoid letters outside the
// GSM 03.38 alphabet (Spanish and Portuguese are written without their
// accents, French keeps é è à ù) so that a reply goes out as 160-character
// GSM-7 SMS rather than 70-character UCS-2 ones; every reply is passed
// through ToGSM7 anyway. A Replies is read-only and safe for concurrent
// use.
type Replies struct {
	langs    []string
	texts    map[string]map[string]string
	statuses map[string]map[string]string
}

// repliesFile is the JSON form of a replies file.
type repliesFile struct {
	Version   int                          `json:"version"`
	Languages []string                     `json:"languages"`
	Replies   map[string]map[string]string `json:"replies"`
	Statuses  map[string]map[string]string `json:"statuses"`
}

// LoadReplies reads a replies file; an empty path gives the built-in one.
func LoadReplies(path string) (*Replies, error) {
	if path == "" {
		return DefaultReplies(), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("replies file: %w", err)
	}
	r, err := ParseReplies(b)
	if err != nil {
		return nil, fmt.Errorf("replies file %s: %w", path, err)
	}
	return r, nil
}

// ParseReplies parses and validates a replies file: every language listed
// has every reply key and every status, each template uses exactly the
// arguments of its key with the right verbs (see ReplyKeys), and no
// unknown key or placeholder is present. Errors name the language and the
// key. Optional keys (see replyArgs) a file leaves out get the built-in
// text in the same language, else in English.
func ParseReplies(b []byte) (*Replies, error) { return parseReplies(b, defaultReplies()) }

// parseReplies is ParseReplies with the replies that fill the optional
// keys a file leaves out; nil (the built-in file itself) requires them.
func parseReplies(b []byte, builtIn *Replies) (*Replies, error) {
	var f repliesFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not a replies file: %w", err)
	}
	if f.Version != 1 {
		return nil, fmt.Errorf("version %d: want 1", f.Version)
	}
	if len(f.Languages) == 0 {
		return nil, errors.New("languages: list at least one language")
	}
	r := &Replies{texts: map[string]map[string]string{}, statuses: map[string]map[string]string{}}
	for _, lang := range f.Languages {
		if !validLangCode(lang) {
			return nil, fmt.Errorf("languages: %q is not a language code such as en or pt", lang)
		}
		if slices.Contains(r.langs, lang) {
			return nil, fmt.Errorf("languages: %q is listed twice", lang)
		}
		r.langs = append(r.langs, lang)
	}
	for lang := range f.Replies {
		if !slices.Contains(r.langs, lang) {
			return nil, fmt.Errorf("replies: language %q is not in languages", lang)
		}
	}
	for lang := range f.Statuses {
		if !slices.Contains(r.langs, lang) {
			return nil, fmt.Errorf("statuses: language %q is not in languages", lang)
		}
	}
	for _, lang := range r.langs {
		texts := maps.Clone(f.Replies[lang])
		if texts == nil {
			texts = map[string]string{}
		}
		for key := range texts {
			if !slices.Contains(ReplyKeys(), key) {
				return nil, fmt.Errorf("replies: language %q: unknown key %q (keys: %s)", lang, key, strings.Join(ReplyKeys(), ", "))
			}
		}
		for _, k := range replyArgs {
			t, ok := texts[k.key]
			if !ok && k.optional && builtIn != nil {
				t, ok = builtIn.Template(builtIn.lang(lang), k.key), true
				texts[k.key] = t
			}
			if !ok || strings.TrimSpace(t) == "" {
				return nil, fmt.Errorf("replies: language %q: key %q is missing", lang, k.key)
			}
			if err := checkTemplate(t, k.args); err != nil {
				return nil, fmt.Errorf("replies: language %q: key %q: %w", lang, k.key, err)
			}
		}
		r.texts[lang] = texts
		labels := f.Statuses[lang]
		for st := range labels {
			if !slices.Contains(data.Statuses, data.Status(st)) {
				return nil, fmt.Errorf("statuses: language %q: unknown status %q", lang, st)
			}
		}
		for _, st := range data.Statuses {
			if strings.TrimSpace(labels[string(st)]) == "" {
				return nil, fmt.Errorf("statuses: language %q: status %q is missing", lang, st)
			}
		}
		r.statuses[lang] = labels
	}
	return r, nil
}

func validLangCode(s string) bool {
	if len(s) < 2 || len(s) > 8 {
		return false
	}
	for _, c := range s {
		if (c < 'a' || c > 'z') && c != '-' {
			return false
		}
	}
	return true
}

// verbPattern finds fmt verbs, with or without an explicit argument index,
// and the example placeholders.
var verbPattern = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%]?)|\{[a-z_]*\}`)

// checkTemplate reports whether tmpl uses exactly the arguments args (one
// verb letter per argument) and only known placeholders.
func checkTemplate(tmpl, args string) error {
	used := make([]bool, len(args))
	next := 1
	for _, m := range verbPattern.FindAllStringSubmatch(tmpl, -1) {
		if strings.HasPrefix(m[0], "{") {
			if !slices.Contains(exampleWords, m[0]) {
				return fmt.Errorf("unknown placeholder %s (known: %s)", m[0], strings.Join(exampleWords, ", "))
			}
			continue
		}
		if m[2] == "%" {
			continue
		}
		n := next
		if m[1] != "" {
			n, _ = strconv.Atoi(m[1])
		}
		next = n + 1
		switch {
		case m[2] == "":
			return fmt.Errorf("%q is not a complete fmt verb (write %%%% for a percent sign)", m[0])
		case n < 1 || n > len(args):
			return fmt.Errorf("%s refers to argument %d, but the key has %d", m[0], n, len(args))
		case m[2] != string(args[n-1]) && !(args[n-1] == 's' && m[2] == "v"):
			return fmt.Errorf("%s: argument %d wants %%%c", m[0], n, args[n-1])
		}
		used[n-1] = true
	}
	for i, u := range used {
		if !u {
			return fmt.Errorf("argument %d (%%%c) is not used", i+1, args[i])
		}
	}
	return nil
}

// Languages returns the languages of the file, in its order.
func (r *Replies) Languages() []string { return slices.Clone(r.langs) }

// Has reports whether the file has replies in lang.
func (r *Replies) Has(lang string) bool { return r.texts[lang] != nil }

// lang returns lang when the file has it, else English, else its first
// language.
func (r *Replies) lang(lang string) string {
	switch {
	case r.texts[lang] != nil:
		return lang
	case r.texts["en"] != nil:
		return "en"
	}
	return r.langs[0]
}

// Template returns the template for key in lang, without falling back to
// another language: "" when there is none.
func (r *Replies) Template(lang, key string) string { return r.texts[lang][key] }

// Text returns the reply for key in lang (falling back to English), with
// the examples filled in and args formatted by fmt. The result is passed
// through ToGSM7, so that a label or place name with a letter outside the
// GSM 03.38 alphabet ("bâtiment", "Côte") does not turn the whole reply
// into a 70-character UCS-2 message. An unknown key gives "".
func (r *Replies) Text(lang, key string, ex Examples, args ...any) string {
	lang = r.lang(lang)
	tmpl := r.texts[lang][key]
	if tmpl == "" {
		return ""
	}
	if strings.Contains(tmpl, "{") {
		fill := func(v, fallback string) string {
			if v == "" {
				v = r.texts[lang][fallback]
			}
			return strings.ReplaceAll(v, "%", "%%")
		}
		tmpl = strings.NewReplacer(
			"{landmark}", fill(ex.Landmark, ReplyExampleLandmark),
			"{area}", fill(ex.Area, ReplyExampleArea),
			"{plus_code}", fill(ex.PlusCode, ReplyExamplePlusCode),
		).Replace(tmpl)
	}
	return ToGSM7(fmt.Sprintf(tmpl, args...))
}

// StatusLabel returns a report status ("new", "verified", "rejected",
// "duplicate", "in_progress", "resolved", "reopened") in lang, falling
// back to English; an unknown status is returned as it is.
func (r *Replies) StatusLabel(lang, status string) string {
	if l, ok := r.statuses[r.lang(lang)][status]; ok {
		return l
	}
	return status
}

// StatusText is the SMS telling a reporter that report id has a new
// status, in the reporter's language.
func (r *Replies) StatusText(lang string, id uint64, status data.Status) string {
	return ToGSM7(fmt.Sprintf("mtaa #%d: %s. STATUS %d", id, r.StatusLabel(lang, string(status)), id))
}
