package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/sms"
)

// maxParseLine is the longest input line of mtaa sms parse.
const maxParseLine = 1 << 20

// smsParseCommand prints what the SMS engine makes of each message on
// stdin, one JSON line per message, storing nothing. It builds the engine
// as mtaa serve does (taxonomy, replies, default language, and DIR's
// extract when there is one) and reads the extract file only: a server
// running on DIR is not disturbed, and no report is read (STATUS n
// answers as for an unknown report).
func smsParseCommand(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fl := newEnvFlags("sms parse", stderr)
	dataDir := fl.String("data", "", "data directory whose extract (osm.db) places the messages (default: none, no place names)")
	taxonomy := fl.String("taxonomy", "", "category taxonomy file (default: built in; see mtaa taxonomy)")
	lang := fl.String("lang", "", "language assumed when a message does not tell (default: --sms-default-lang)")
	sf := addSMSFlags(fl)
	if err := fl.parse(args); err != nil {
		return err
	}
	engine, replies, err := newParseEngine(*dataDir, *taxonomy, *sf.replies, *sf.defaultLang)
	if err != nil {
		return err
	}
	if *lang != "" && !replies.Has(*lang) {
		return fmt.Errorf("--lang %q: replies are in %s", *lang, strings.Join(replies.Languages(), ", "))
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 64<<10), maxParseLine)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		id, text, err := parseInputLine(line, n)
		if err != nil {
			return fmt.Errorf("stdin line %d: %w", n, err)
		}
		u, err := engine.Parse(text, *lang)
		if err != nil {
			return fmt.Errorf("stdin line %d: %w", n, err)
		}
		if err := enc.Encode(u.Message(id)); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("stdin: a line is longer than %d bytes", maxParseLine)
		}
		return fmt.Errorf("stdin: %w", err)
	}
	return nil
}

// parseInputLine reads one input line: a JSON object {"id":…,"text":…}
// when it starts with "{", else the message itself, whose id is its line
// number.
func parseInputLine(line []byte, n int) (json.RawMessage, string, error) {
	if line[0] != '{' {
		return json.RawMessage(strconv.Itoa(n)), string(line), nil
	}
	var in struct {
		ID   json.RawMessage `json:"id"`
		Text *string         `json:"text"`
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&in); err != nil {
		return nil, "", fmt.Errorf("not a JSON object {\"id\":…,\"text\":…}: %w", err)
	}
	if in.Text == nil {
		return nil, "", errors.New(`field "text": missing (want a string)`)
	}
	if len(in.ID) == 0 || string(in.ID) == "null" {
		in.ID = json.RawMessage(strconv.Itoa(n))
	}
	return in.ID, *in.Text, nil
}

// newParseEngine builds a parse-only SMS engine wired as mtaa serve's: the
// taxonomy, the replies and default language, and dataDir's extract when
// it has one (the gazetteer, the deployment area, the example places).
func newParseEngine(dataDir, taxonomy, replies, defaultLang string) (*sms.Engine, *sms.Replies, error) {
	tax, err := data.LoadTaxonomy(taxonomy)
	if err != nil {
		return nil, nil, err
	}
	rep, err := loadReplies(replies, defaultLang)
	if err != nil {
		return nil, nil, err
	}
	// The phone vault is needed by the engine's config only: parse never
	// sees a number.
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	if err != nil {
		return nil, nil, err
	}
	cfg := sms.Config{Taxonomy: tax, Phones: vault, Replies: rep, DefaultLang: defaultLang}
	if dataDir != "" {
		path := filepath.Join(dataDir, data.ExtractFileName)
		if _, err := os.Stat(path); err == nil {
			ix, err := mapping.Load(path)
			if err != nil {
				return nil, nil, err
			}
			area := extractArea(ix)
			cfg.Area = area
			cfg.Locator = gazetteerLocator{g: mapping.GazetteerFor(ix, gazetteerOptions(tax)), hint: &area}
			ex := cityExamples(ix)
			cfg.Examples = func() sms.Examples { return ex }
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("extract %s: %w", path, err)
		}
	}
	engine, err := sms.NewEngine(cfg, nil)
	return engine, rep, err
}
