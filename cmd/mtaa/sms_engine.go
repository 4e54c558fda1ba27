package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math"
	"strings"
	"time"

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

// maxLandmarkRunes and maxAreaRunes are the longest names (in GSM-7
// characters) taken as the replies' example landmark and area: with them
// every built-in reply holding {landmark} or {area} stays within one SMS
// in every language, even naming the longest need label
// (TestExampleRepliesFitOneSMS).
const (
	maxLandmarkRunes = 24
	maxAreaRunes     = 14
)

// exampleName is the name of f to show as an example of at most max
// GSM-7 characters, or "" when it has none: its name, else its English
// name when the name is in another script (an SMS with one letter outside
// GSM-7 holds 70 characters, not 160); a name too long loses what follows
// its first comma ("Palashi Bazar Masjid, Palashi Bazar, BUET Market,
// Dhaka"), when what is left still fits and is more than one letter.
func exampleName(f *data.OSMFeature, max int) string {
	for _, tag := range []string{"name", "name:en"} {
		n := strings.TrimSpace(sms.ToGSM7(f.Names.Get(tag)))
		if n == "" || !sms.IsGSM7(n) || strings.ContainsAny(n, "{}%") {
			continue
		}
		if sms.GSM7Len(n) > max {
			head, _, _ := strings.Cut(n, ",")
			n = strings.TrimSpace(head)
		}
		if l := sms.GSM7Len(n); l > 1 && l <= max {
			return n
		}
	}
	return ""
}

// cityExamples picks the example places of the replies from the extract:
// the landmark is a named marketplace, else a hospital, school, place of
// worship, police station, then any named community place, health or
// education facility; the area a named neighbourhood (suburb, quarter,
// village, town). Each is the one nearest the middle of the area among
// those of the first kind that has a short GSM-7 name (exampleName,
// maxLandmarkRunes, maxAreaRunes); the plus code is the landmark's, else
// the middle's. The choice depends on the extract alone. Empty fields
// when the extract has none: the replies then use the language's generic
// words.
func cityExamples(ix *mapping.Index) sms.Examples {
	var ex sms.Examples
	if ix == nil {
		return ex
	}
	centre := extractArea(ix).Center()
	nearest := func(kinds []data.FeatureKind, max int, keep func(*data.OSMFeature) bool) (*data.OSMFeature, string) {
		var best *data.OSMFeature
		var bestName string
		bestD := math.Inf(1)
		for _, f := range ix.Select(kinds, nil, keep) {
			n := exampleName(f, max)
			if n == "" {
				continue
			}
			// Ties (two places at one distance) go to the first name in
			// order, so that the choice does not depend on the index's.
			if d := geo.Distance(centre, f.Point); d < bestD || d == bestD && n < bestName {
				best, bestName, bestD = f, n, d
			}
		}
		return best, bestName
	}
	for _, pick := range []struct {
		kinds   []data.FeatureKind
		classes string
	}{
		{[]data.FeatureKind{data.KindCommunity}, "marketplace"}, {[]data.FeatureKind{data.KindHealth}, "hospital"},
		{[]data.FeatureKind{data.KindEducation}, "school"}, {[]data.FeatureKind{data.KindCommunity}, "place_of_worship"},
		{[]data.FeatureKind{data.KindSafety}, "police"},
		{[]data.FeatureKind{data.KindCommunity, data.KindHealth, data.KindEducation}, ""},
	} {
		f, name := nearest(pick.kinds, maxLandmarkRunes, func(f *data.OSMFeature) bool { return pick.classes == "" || f.Class == pick.classes })
		if f != nil {
			ex.Landmark = name
			if code, err := sms.EncodePlusCode(f.Point, 10); err == nil {
				ex.PlusCode = code
			}
			break
		}
	}
	if _, name := nearest([]data.FeatureKind{data.KindNeighbourhood, data.KindPlace}, maxAreaRunes, func(f *data.OSMFeature) bool {
		return f.Kind == data.KindNeighbourhood || f.Class == "suburb" || f.Class == "neighbourhood" || f.Class == "quarter" || f.Class == "village" || f.Class == "town"
	}); name != "" {
		ex.Area = name
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
