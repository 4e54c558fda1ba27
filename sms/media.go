package sms

import (
	"slices"
	"strings"

	"github.com/mtaa-project/mtaa/classify"
	"github.com/mtaa-project/mtaa/data"
)

// A report keeps one photo (the photo stores hold one per report). A
// draft keeps the references of the photos sent before it is complete,
// on the gateway (Twilio keeps media until the account deletes them):
// no image of an unfinished report is stored, and a purged draft leaves
// none behind. When the report is filed, the first photo that can be
// fetched, decoded and stripped is kept; the resident is told that only
// the first is kept when they send more. Videos, voice notes and
// documents are never kept: only images can be stripped of what
// identifies their sender (EXIF position, camera), a voice cannot, and
// the resident is told so instead of their media vanishing.

// maxDraftPhotos is how many photo references a draft keeps: the first is
// the report's photo, the next stand in when it cannot be fetched.
const maxDraftPhotos = 3

// ActionAddPhoto: a photo is added to the report the phone filed just
// before (a WhatsApp photo sent after the report; never from Parse).
const ActionAddPhoto Action = "add_photo"

// splitMedia sorts the media of a message: its photos, first first, and
// how many other media (video, audio, documents) came with them.
func splitMedia(media []data.MediaRef) (photos []data.MediaRef, others int) {
	for _, m := range media {
		if m.IsPhoto() {
			photos = append(photos, m)
		} else if m.URL != "" || m.ContentType != "" {
			others++
		}
	}
	return photos, others
}

// addPhotos returns have followed by the photos of more it does not hold,
// at most maxDraftPhotos in all (a new slice).
func addPhotos(have, more []data.MediaRef) []data.MediaRef {
	out := slices.Clone(have)
	for _, p := range more {
		if len(out) == maxDraftPhotos {
			break
		}
		if !slices.ContainsFunc(out, func(q data.MediaRef) bool { return q.URL == p.URL }) {
			out = append(out, p)
		}
	}
	return out
}

// decideMedia is decide for the messages a photo or another medium
// changes the meaning of; ok is false for the others. A photo alone
// joins the open draft (and its question is asked again) or the report
// filed just before; media that are not photos alone are answered so.
func (e *Engine) decideMedia(m *message, conv *data.Conversation) (decision, bool, error) {
	switch {
	case len(m.photos) == 0 && m.others == 0:
		return decision{}, false, nil
	case m.text == "" && conv != nil:
		d := e.askAgain(m, conv)
		if len(m.photos) == 0 {
			d.prefix = e.say(m.lang, ReplyMediaNotKept)
		} // else withMedia says what became of the photo
		return d, true, nil
	case len(m.photos) == 0 && m.text == "":
		d := e.refuse(m)
		d.out = e.outcome(m, e.say(m.lang, ReplyMediaNotKept)+" "+e.say(m.lang, ReplyHelp))
		return d, true, nil
	case conv == nil && len(m.photos) > 0:
		return e.addToRecent(m)
	}
	return decision{}, false, nil
}

// askAgain keeps the open conversation as it is and asks its question
// again (the message answered nothing: a photo alone).
func (e *Engine) askAgain(m *message, prev *data.Conversation) decision {
	conv := *prev
	conv.Lang = m.lang
	conv.Needs = slices.Clone(prev.Needs)
	u := Understanding{Category: conv.Draft.Category}
	var d decision
	switch {
	case conv.State == data.AwaitCategory:
		d = e.askCategory(m, &conv, located{}, u)
	case conv.State == data.AwaitChoice && len(conv.Choices) > 0:
		d = e.askChoice(m, &conv, conv.Choices, u)
	case conv.State == data.AwaitConfirm && len(conv.Choices) > 0:
		c := conv.Choices[0]
		d = e.confirmPlace(m, &conv, Place{Name: c.Name, Point: c.Point, Confidence: placeConfirmAt}, u)
	default:
		d = e.askPlace(m, &conv, u)
	}
	d.draftMedia = prev.Media
	return d
}

// addToRecent adds the photo of a message to the report the phone filed
// just before (within Config.PhotoWindow), when the message is no report
// of its own: no caption, or one that names neither a need nor a place
// ("here it is"). ok is false otherwise.
func (e *Engine) addToRecent(m *message) (decision, bool, error) {
	if e.store == nil {
		return decision{}, false, nil
	}
	if m.text != "" {
		found := e.locate(m.text)
		res := e.readNeeds(m, found)
		if found.any() || slices.ContainsFunc(res.Needs, func(n classify.Need) bool { return n.Category != otherCategory }) {
			return decision{}, false, nil
		}
	}
	id, hasPhoto, err := e.store.RecentReport(m.phone, m.now)
	if err != nil || id == 0 {
		return decision{}, false, err
	}
	lang, replies, ex := m.lang, e.cfg.Replies, e.examples()
	out := data.SMSOutcome{MessageKey: m.key, PhoneHash: m.phone, AddTo: id}
	if hasPhoto {
		// The report has its photo: this one is not kept.
		out.Reply = func(uint64) string { return replies.Text(lang, ReplyOnePhoto, ex) }
	} else {
		out.Media, out.PhotosUntil = m.photos, m.now.Add(e.cfg.PhotoWindow)
		out.Reply = func(id uint64) string { return replies.Text(lang, ReplyPhotoAdded, ex, id) }
	}
	return decision{out: out, u: Understanding{Action: ActionAddPhoto}, photosGone: true}, true, nil
}

// withMedia gives the outcome of a message its photos: a draft kept open
// holds them with those it had, a report filed gets them all to attach,
// and the reply says what was not kept.
func (e *Engine) withMedia(m *message, d *decision) {
	all := d.draftMedia
	if !d.photosGone {
		all = addPhotos(d.draftMedia, m.photos)
	}
	onePhoto := len(m.photos) > 0 && (len(d.draftMedia) > 0 || len(m.photos) > 1) &&
		(d.out.Conversation != nil || d.out.Report != nil || len(d.out.Media) > 0 || d.out.Correct != nil || d.out.Note != nil)
	var notes []string
	switch {
	case d.out.Conversation != nil:
		d.out.Conversation.Media = all
		if len(m.photos) > 0 && !d.photosGone && d.prefix == "" {
			if len(d.draftMedia) > 0 {
				// The draft has its photo: say first that this one is not it.
				d.prefix, onePhoto = e.say(m.lang, ReplyOnePhoto), false
			} else {
				d.prefix = e.say(m.lang, ReplyPhotoKept)
			}
		}
	case d.out.Report != nil:
		d.out.Media = all
		d.out.PhotosUntil = m.now.Add(e.cfg.PhotoWindow)
	case (d.out.Correct != nil || d.out.Note != nil) && len(all) > 0:
		// A correction's photos join the report it corrects, unless it
		// was given one just before (RecentReport).
		var id uint64
		if d.out.Correct != nil {
			id = d.out.Correct.ReportID
		} else {
			id = d.out.Note.ReportID
		}
		// An error reading it attaches the photo: attaching keeps a
		// report's first photo.
		if recent, hasPhoto, err := e.store.RecentReport(m.phone, m.now); err == nil && recent == id && hasPhoto {
			notes, onePhoto = append(notes, e.say(m.lang, ReplyOnePhoto)), false
			break
		}
		d.out.Media, d.out.PhotosUntil = all, m.now.Add(e.cfg.PhotoWindow)
	}
	if onePhoto {
		notes = append(notes, e.say(m.lang, ReplyOnePhoto))
	}
	if m.others > 0 && len(m.photos)+len(m.text) > 0 {
		notes = append(notes, e.say(m.lang, ReplyMediaNotKept))
	}
	if d.prefix == "" && len(notes) == 0 {
		return
	}
	reply, prefix, suffix := d.out.Reply, d.prefix, strings.Join(notes, " ")
	d.out.Reply = func(id uint64) string { return spaced(prefix, reply(id), suffix) }
}

// spaced joins the non-empty texts with spaces.
func spaced(texts ...string) string {
	return strings.Join(slices.DeleteFunc(texts, func(s string) bool { return s == "" }), " ")
}
