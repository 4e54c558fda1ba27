package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/sms"
)

// smsRepliesCommand prints the built-in reply templates so that a city can
// start its own copy: mtaa sms replies > replies.json, edit, mtaa serve
// --sms-replies replies.json.
func smsRepliesCommand(args []string, stdout, stderr io.Writer) error {
	fs := newEnvFlags("sms replies", stderr)
	if err := fs.parse(args); err != nil {
		return err
	}
	_, err := stdout.Write(sms.DefaultRepliesJSON())
	return err
}

// smsFlags are the SMS engine's settings shared by mtaa serve and mtaa
// sms parse, so that both read messages alike.
type smsFlags struct {
	replies, defaultLang *string
}

func addSMSFlags(fs envFlags) smsFlags {
	return smsFlags{
		replies:     fs.String("sms-replies", "", "SMS reply templates file (default: built in; see mtaa sms replies)"),
		defaultLang: fs.String("sms-default-lang", "en", "language of replies to a new number whose message does not tell (a language of the replies file)"),
	}
}

// loadReplies reads the replies file and checks the default language
// against it.
func loadReplies(path, defaultLang string) (*sms.Replies, error) {
	r, err := sms.LoadReplies(path)
	if err != nil {
		return nil, fmt.Errorf("--sms-replies: %w", err)
	}
	if !r.Has(defaultLang) {
		return nil, fmt.Errorf("--sms-default-lang %q: replies are in %s", defaultLang, strings.Join(r.Languages(), ", "))
	}
	return r, nil
}

// extractArea is the bounds of an extract: the deployment area.
func extractArea(ix *mapping.Index) orb.Bound {
	b := ix.Meta().Bound
	return orb.Bound{Min: orb.Point{b[0], b[1]}, Max: orb.Point{b[2], b[3]}}
}

// maxExampleRunes is the longest name taken as an example in help texts.
const maxExampleRunes = 28

// cityExamples picks the example places of the replies from the extract:
// a named marketplace (else a hospital, school, place of worship or
// police station) and a named neighbourhood nearest the middle of the
// area, and the plus code of the landmark. Empty fields when the extract
// has none.
func cityExamples(ix *mapping.Index) sms.Examples {
	var ex sms.Examples
	if ix == nil {
		return ex
	}
	centre := extractArea(ix).Center()
	nearest := func(kinds []data.FeatureKind, keep func(*data.OSMFeature) bool) *data.OSMFeature {
		var best *data.OSMFeature
		bestD := math.Inf(1)
		for _, f := range ix.Select(kinds, nil, func(f *data.OSMFeature) bool {
			n := f.Name()
			return n != "" && utf8.RuneCountInString(n) <= maxExampleRunes && !strings.ContainsAny(n, "{}%") && keep(f)
		}) {
			if d := geo.Distance(centre, f.Point); d < bestD {
				best, bestD = f, d
			}
		}
		return best
	}
	for _, pick := range []struct {
		kind    data.FeatureKind
		classes string
	}{
		{data.KindCommunity, "marketplace"}, {data.KindHealth, "hospital"}, {data.KindEducation, "school"},
		{data.KindCommunity, "place_of_worship"}, {data.KindSafety, "police"}, {data.KindCommunity, ""},
	} {
		f := nearest([]data.FeatureKind{pick.kind}, func(f *data.OSMFeature) bool { return pick.classes == "" || f.Class == pick.classes })
		if f != nil {
			ex.Landmark = f.Name()
			if code, err := sms.EncodePlusCode(f.Point, 10); err == nil {
				ex.PlusCode = code
			}
			break
		}
	}
	if f := nearest([]data.FeatureKind{data.KindNeighbourhood, data.KindPlace}, func(f *data.OSMFeature) bool {
		return f.Kind == data.KindNeighbourhood || f.Class == "suburb" || f.Class == "neighbourhood" || f.Class == "quarter" || f.Class == "village" || f.Class == "town"
	}); f != nil {
		ex.Area = f.Name()
	}
	if ex.PlusCode == "" {
		if code, err := sms.EncodePlusCode(centre, 10); err == nil {
			ex.PlusCode = code
		}
	}
	return ex
}

// purgeDrafts deletes the drafts older than the retention
// (--sms-draft-retention), and the records of messages handled more than
// sms.HandledKeptFor ago, at start and then every interval, until ctx
// ends. Every server of a shared database does; it is idempotent.
func purgeDrafts(ctx context.Context, engine *sms.Engine, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := engine.PurgeDrafts(ctx); err != nil && ctx.Err() == nil {
			log.Warn("purging old drafts", "err", err)
		} else if n > 0 {
			log.Info("purged old drafts", "drafts", n)
		}
		if n, err := engine.PurgeHandled(ctx); err != nil && ctx.Err() == nil {
			log.Warn("purging records of handled messages", "err", err)
		} else if n > 0 {
			log.Info("purged records of handled messages", "messages", n, "older_than", sms.HandledKeptFor)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
