package sms

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Reply keys: each names a template of the replies file (sms/replies.json,
// or the city's own copy given with --sms-replies), in every language.
const (
	ReplyReportReceived = "report_received" // args: ref (uint64), what was understood, place description
	ReplyAskPlace       = "ask_place"       // args: what was understood ("Water supply and Food needed")
	ReplyAskCategory    = "ask_category"    // args: numbered categories "1 Water supply, 2 Food needed"
	ReplyConfirmPlace   = "confirm_place"   // args: what was understood, the place ("Near X? 1 yes, 2 no")
	ReplyChoosePlace    = "choose_place"    // args: numbered choices "1 X, 2 Y, 3 Z"
	ReplyStatus         = "status"          // args: ref, status label, category label
	ReplyNotFound       = "not_found"       // args: ref
	ReplyHelp           = "help"            // no args: how to report, STATUS n, JOIN area, STOP
	ReplyNotUnderstood  = "not_understood"  // no args: what to send
	ReplyJoined         = "joined"          // args: area name
	ReplyLeft           = "left"            // no args
	ReplyStopped        = "stopped"         // no args: you will get no more messages; START to resume
	ReplyStarted        = "started"         // no args
	ReplyRateLimited    = "rate_limited"    // no args: too many messages, try again later
	ReplyJoinUnknown    = "join_unknown"    // args: the text they sent
	// The replies about photos (WhatsApp), which a city's own file may
	// leave out (the built-in text in its language is used): a photo kept
	// with a draft, one added to a report filed just before, only one
	// photo kept per report, media other than photos not kept.
	ReplyPhotoKept    = "photo_kept"     // no args
	ReplyPhotoAdded   = "photo_added"    // args: ref
	ReplyOnePhoto     = "one_photo"      // no args
	ReplyMediaNotKept = "media_not_kept" // no args
	// The answers to a greeting ("hi", "bonjou") and to a thanks
	// ("asante", "power is back thank you") that names no need: how to
	// report, in a few words. Optional like the photo replies.
	ReplyWelcome = "welcome" // no args
	ReplyThanks  = "thanks"  // no args
	// ReplyNoted answers a message whose only needs are met ("we don't
	// need tents", "the flood has gone down": classify.Result.Met): it
	// names them and says how to report a problem. Optional like the
	// photo replies.
	ReplyNoted = "noted" // args: the categories met ("Shelter needed")
	// ReplyAskCategoryAt is the category menu of a draft already placed
	// (the message named a place but no need): it names the place
	// understood. Optional like the photo replies; a place name so long
	// that the menu would keep fewer than four categories in one SMS gets
	// ReplyAskCategory.
	ReplyAskCategoryAt = "ask_category_at" // args: the place, numbered categories
	// ReplyPlaceUnknown answers "I don't know" ("sijui", "m pa konnen")
	// to the place question: the team sees the draft already, and any
	// landmark near the resident helps. Optional like the photo replies.
	ReplyPlaceUnknown = "place_unknown" // args: what was understood ("Water supply")
	// ReplyPlaceCorrected is the receipt of a report whose place its
	// resident corrected just after it was filed ("no, Kariakoo"): the
	// same reference, the new place. Optional like the photo replies.
	ReplyPlaceCorrected = "place_corrected" // args: ref, what was understood, the new place
	// ReplyPlaceNoted answers a place correction of the report the phone
	// filed just before when a moderator has reviewed it already: it is
	// not moved, but the team has the resident's message (its audit
	// log). Optional like the photo replies.
	ReplyPlaceNoted = "place_noted" // args: ref, what was understood
	// ReplyCategoryCorrected is the receipt of a report whose needs its
	// resident corrected just after it was filed ("no, it is water not
	// food"): the same reference, the new needs. Optional like the photo
	// replies.
	ReplyCategoryCorrected = "category_corrected" // args: ref, the needs now
	// ReplyCategoryNoted answers a correction of the needs of the report
	// the phone filed just before when a moderator has reviewed it
	// already: it is not changed, but the team has the resident's
	// message (its audit log). Optional like the photo replies.
	ReplyCategoryNoted = "category_noted" // args: ref, what was understood
	// ReplyCorrectionWhat answers a bare "no" or "wrong" just after a
	// receipt: is the place or the problem wrong, and how to say which.
	// Optional like the photo replies.
	ReplyCorrectionWhat = "correction_what" // args: ref, what was understood
	// ReplyCategorySame answers a correction naming the very needs of the
	// report the phone filed just before ("no, it is water not fire"
	// after a water receipt): the report has them already, nothing is
	// changed and no new report begun. Optional like the photo replies.
	ReplyCategorySame = "category_same" // args: ref, the report's needs
	// ReplyPlaceSame answers a place correction naming the very place of
	// the report the phone filed just before ("no, Tandale market" after
	// a receipt near Tandale Market): the report is there already,
	// nothing is changed. Optional like the photo replies.
	ReplyPlaceSame = "place_same" // args: ref, what was understood, the report's place
	// ReplyAskWords answers "none" to the category menu: say the problem
	// in a few words (a second "none" files it as "other"). Optional like
	// the photo replies.
	ReplyAskWords = "ask_words" // no args
	// ReplyAskCategoryAgain is the category menu again, to an answer
	// that reads as no number of it ("12", "0", "1.5", "no 4"): it says
	// so. Optional like the photo replies.
	ReplyAskCategoryAgain = "ask_category_again" // args: numbered categories
	// ReplyStatusHow answers STATUS without a number: how to follow a
	// report. Optional like the photo replies.
	ReplyStatusHow = "status_how" // no args
	// ReplyRejoined answers JOIN and an area from a phone that sent
	// STOP: replies resume and the area's alerts begin. Optional like the
	// photo replies.
	ReplyRejoined = "rejoined" // args: area name
	// ReplyAnd joins the last two needs of "what was understood".
	ReplyAnd = "and"
	// ReplyExampleLandmark, ReplyExampleArea and ReplyExamplePlusCode are
	// the words used for {landmark}, {area} and {plus_code} when the
	// deployment has no extract to take a real example from.
	ReplyExampleLandmark = "example_landmark"
	ReplyExampleArea     = "example_area"
	ReplyExamplePlusCode = "example_plus_code"
)

// replyArgs lists every reply key with the fmt verbs of its arguments, in
// order: a template must use each argument, with that verb, and no other.
// Optional keys were added after cities wrote their own files: one that
// leaves them out gets the built-in text.
var replyArgs = []struct {
	key      string
	args     string
	optional bool
}{
	{ReplyReportReceived, "dss", false}, {ReplyAskPlace, "s", false}, {ReplyAskCategory, "s", false}, {ReplyConfirmPlace, "ss", false},
	{ReplyChoosePlace, "s", false}, {ReplyStatus, "dss", false}, {ReplyNotFound, "d", false}, {ReplyHelp, "", false}, {ReplyNotUnderstood, "", false},
	{ReplyJoined, "s", false}, {ReplyLeft, "", false}, {ReplyStopped, "", false}, {ReplyStarted, "", false}, {ReplyRateLimited, "", false},
	{ReplyJoinUnknown, "s", false},
	{ReplyPhotoKept, "", true}, {ReplyPhotoAdded, "d", true}, {ReplyOnePhoto, "", true}, {ReplyMediaNotKept, "", true},
	{ReplyWelcome, "", true}, {ReplyThanks, "", true}, {ReplyNoted, "s", true}, {ReplyAskCategoryAt, "ss", true}, {ReplyPlaceUnknown, "s", true},
	{ReplyPlaceCorrected, "dss", true}, {ReplyPlaceNoted, "ds", true}, {ReplyAskWords, "", true},
	{ReplyCategoryCorrected, "ds", true}, {ReplyCategoryNoted, "ds", true}, {ReplyCorrectionWhat, "ds", true}, {ReplyCategorySame, "ds", true},
	{ReplyPlaceSame, "dss", true},
	{ReplyStatusHow, "", true}, {ReplyAskCategoryAgain, "s", true}, {ReplyRejoined, "s", true},
	{ReplyAnd, "", false}, {ReplyExampleLandmark, "", false}, {ReplyExampleArea, "", false}, {ReplyExamplePlusCode, "", false},
}

// ReplyKeys returns every reply key, in the order of the built-in file.
func ReplyKeys() []string {
	out := make([]string, len(replyArgs))
	for i, k := range replyArgs {
		out[i] = k.key
	}
	return out
}

// exampleWords are the placeholders a template may hold besides fmt verbs:
// a real place of the deployment's city, filled in when a reply is sent.
var exampleWords = []string{"{landmark}", "{area}", "{plus_code}"}

// Examples are the deployment's own example places for help texts: a
// well-known landmark and an area (neighbourhood) name of its city, and a
// plus code inside its area. An empty field is replaced by the language's
// generic words (ReplyExampleLandmark, ReplyExampleArea, ReplyExamplePlusCode).
type Examples struct {
	Landmark, Area, PlusCode string
}

// gsm7Basic is the GSM 03.38 default alphabet; gsm7Extension holds the
// characters sent through the escape table, which take two septets.
const (
	gsm7Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
		"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsm7Extension = "\f^{}\\[~]|€"
)

// IsGSM7 reports whether s can be sent in the GSM 7-bit alphabet (the
// default table and its extension table), that is without UCS-2.
func IsGSM7(s string) bool {
	for _, r := range s {
		if !isGSM7Rune(r) {
			return false
		}
	}
	return true
}

func isGSM7Rune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '\n' || r == '\r' || r == '\f' || r >= ' ' && r != '`' && r != 0x7f
	}
	return strings.ContainsRune(gsm7Basic, r) || strings.ContainsRune(gsm7Extension, r)
}

// GSM7Len returns the number of septets s takes in the GSM 7-bit alphabet
// (extension characters count two), or -1 if s is not GSM-7.
func GSM7Len(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case !isGSM7Rune(r):
			return -1
		case strings.ContainsRune(gsm7Extension, r):
			n += 2
		default:
			n++
		}
	}
	return n
}

// gsm7Fold replaces common characters outside GSM-7 with the nearest
// GSM-7 text.
var gsm7Fold = strings.NewReplacer(
	"ç", "c", // only the capital Ç is in the default table
	"‘", "'", "’", "'", "‚", "'", "“", "\"", "”", "\"", "„", "\"", "«", "\"", "»", "\"",
	"–", "-", "—", "-", "…", "...", "\u00a0", " ", "`", "'",
	"œ", "oe", "Œ", "OE", "ł", "l", "Ł", "L", "đ", "d", "Đ", "D",
)

// ToGSM7 returns s with characters outside the GSM 7-bit alphabet replaced
// by their nearest GSM-7 form where there is one: accents not in the
// alphabet are dropped (â→a, ó→o, ã→a) while those in it are kept (é, è,
// à, ñ, ü), and typographic quotes and dashes become ASCII. Characters with
// no such form (other scripts, emoji) are left as they are.
func ToGSM7(s string) string {
	if IsGSM7(s) {
		return s
	}
	s = gsm7Fold.Replace(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if isGSM7Rune(r) {
			b.WriteRune(r)
			continue
		}
		// Decompose and keep the base letter when it is GSM-7.
		var buf [utf8.UTFMax]byte
		n := utf8.EncodeRune(buf[:], r)
		if d := norm.NFD.Properties(buf[:n]).Decomposition(); d != nil {
			base, _ := utf8.DecodeRune(d)
			if isGSM7Rune(base) {
				b.WriteRune(base)
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
