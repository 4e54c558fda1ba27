package server_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"image"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/sms"
	"github.com/mtaa-project/mtaa/sms/smstest"
)

// mediaWorld is a server with moderators, photo storage, Twilio media
// fetched from a local fake of Twilio's API, and a clock the test moves.
type mediaWorld struct {
	*accountWorld
	ss    *smsServer
	fake  *smstest.FakeTwilio
	clock *time.Time
	n     int
}

func newMediaWorld(t *testing.T) *mediaWorld {
	t.Helper()
	vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	fake := smstest.NewFakeTwilio(t, "AC0123", twilioToken)
	clock := now
	mw := &mediaWorld{fake: fake, clock: &clock}
	mw.accountWorld = newAccountWorld(t, server.Config{PublicURL: "https://mtaa.example.org", TwilioAuthToken: twilioToken,
		UploadKey: []byte("0123456789abcdef0123456789abcdef"), PublicUnverified: true}, func(st *data.Store) server.Deps {
		engine, err := sms.NewEngine(sms.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault, Now: func() time.Time { return clock }}, st)
		if err != nil {
			t.Fatal(err)
		}
		photos, err := data.OpenPhotos(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		media, err := sms.NewTwilioMedia(sms.TwilioMediaConfig{AccountSID: "AC0123", AuthToken: twilioToken, APIBase: fake.URL,
			MaxBytes: server.MaxWhatsAppPhotoBytes})
		if err != nil {
			t.Fatal(err)
		}
		return server.Deps{SMS: engine, Photos: photos, TwilioMedia: media}
	})
	mw.ss = &smsServer{mw.testServer}
	return mw
}

// medium is one medium of a WhatsApp message; a nil body is not on the
// fake Twilio (fetching it fails).
type medium struct {
	contentType string
	body        []byte
}

// send posts a signed WhatsApp message with media and returns its reply.
func (mw *mediaWorld) send(from, body string, media ...medium) string {
	mw.t.Helper()
	mw.n++
	sid := "SMmedia" + strconv.Itoa(mw.n)
	form := twilioForm(sid, "whatsapp:"+from, body)
	form.Set("NumMedia", strconv.Itoa(len(media)))
	for i, m := range media {
		msid := "ME" + strconv.Itoa(mw.n) + "x" + strconv.Itoa(i)
		u := mw.fake.URL + "/2010-04-01/Accounts/AC0123/Messages/" + sid + "/Media/" + msid
		if m.body != nil {
			u = mw.fake.AddMedia(sid, msid, m.contentType, m.body)
		}
		form.Set("MediaUrl"+strconv.Itoa(i), u)
		form.Set("MediaContentType"+strconv.Itoa(i), m.contentType)
	}
	return mw.post(form)
}

func (mw *mediaWorld) post(form url.Values) string {
	mw.t.Helper()
	r := mw.ss.twilio(form, twilioSign(mw.t, twilioToken, "https://mtaa.example.org/sms/twilio", form))
	var tw twimlResponse
	if err := xml.Unmarshal(r.Body, &tw); r.Status != 200 || err != nil || len(tw.Messages) != 1 {
		mw.t.Fatalf("webhook: %d %s", r.Status, r.Body)
	}
	return tw.Messages[0]
}

// photo returns the stored photo of report id (moderators), nil if none.
func (mw *mediaWorld) photo(id string) []byte {
	mw.t.Helper()
	r := mw.as(data.RoleModerator, http.MethodGet, "/api/v1/reports/"+id+"/photo", "")
	switch r.Status {
	case http.StatusOK:
		return r.Body
	case http.StatusNotFound:
		return nil
	}
	mw.t.Fatalf("photo of #%s: %d %s", id, r.Status, r.Body)
	return nil
}

// drafts lists the drafts as moderators see them.
func (mw *mediaWorld) drafts() (raw string, ds []sms.Draft) {
	mw.t.Helper()
	r := mw.as(data.RoleModerator, http.MethodGet, "/api/v1/sms/drafts", "")
	var body struct{ Drafts []sms.Draft }
	if err := json.Unmarshal(r.Body, &body); r.Status != 200 || err != nil {
		mw.t.Fatalf("drafts: %d %s", r.Status, r.Body)
	}
	return string(r.Body), body.Drafts
}

var refPattern = regexp.MustCompile(`#(\d+)`)

// refIn returns the report number a reply names, "" if none.
func refIn(reply string) string {
	if m := refPattern.FindStringSubmatch(reply); m != nil {
		return m[1]
	}
	return ""
}

// width is the width of an encoded image, 0 if it is none.
func width(b []byte) int {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return 0
	}
	return cfg.Width
}

// TestWhatsAppPhotoBeforeReportComplete: a photo sent before the report
// is complete stays with the draft — alone as the first message (the
// engine asks what it shows, then where) or with words that miss the place
// — and becomes the report's photo, stripped, when the place comes in a
// later message. Nothing is fetched while the report is a draft, and the
// draft shows moderators how many photos it has but not where they are.
func TestWhatsAppPhotoBeforeReportComplete(t *testing.T) {
	mw := newMediaWorld(t)
	jpg := medium{"image/jpeg", jpegWithEXIF(t, 640, 480)}

	t.Run("photo alone, then what, then where", func(t *testing.T) {
		reply := mw.send("+255712300001", "", jpg)
		if refIn(reply) != "" || !strings.Contains(reply, "Photo received") || !strings.Contains(reply, "What is the problem?") {
			t.Fatalf("reply to a photo alone %q: want the photo kept and the category asked", reply)
		}
		raw, ds := mw.drafts()
		if len(ds) != 1 || ds[0].Photos != 1 || ds[0].Waiting != "category" {
			t.Fatalf("drafts %+v, want one waiting for its category with 1 photo", ds)
		}
		if strings.Contains(raw, "MediaUrl") || strings.Contains(raw, mw.fake.URL) || strings.Contains(raw, "712300001") {
			t.Fatalf("the draft shows the medium's address or the number: %s", raw)
		}
		if n := mw.fake.MediaFetches(); n != 0 {
			t.Fatalf("%d fetches for a draft", n)
		}
		reply = mw.send("+255712300001", "flood")
		if refIn(reply) != "" || !strings.Contains(reply, "where") {
			t.Fatalf("reply to the category %q: want the place asked", reply)
		}
		id := refIn(mw.send("+255712300001", "-6.8123, 39.2567"))
		if id == "" {
			t.Fatal("the place filed no report")
		}
		got := mw.photo(id)
		if width(got) != 640 || bytes.Contains(got, []byte(gpsMarker)) {
			t.Fatalf("photo of #%s: %d bytes, width %d, EXIF kept %v", id, len(got), width(got), bytes.Contains(got, []byte(gpsMarker)))
		}
		if _, ds := mw.drafts(); len(ds) != 0 {
			t.Fatalf("drafts after filing: %+v", ds)
		}
	})

	t.Run("photo with words, then the place", func(t *testing.T) {
		reply := mw.send("+255712300002", "flooding, water in the houses", jpg)
		if refIn(reply) != "" || !strings.Contains(reply, "Photo received") || !strings.Contains(reply, ": where?") {
			t.Fatalf("reply %q: want the photo kept and the place asked", reply)
		}
		id := refIn(mw.send("+255712300002", "-6.8123, 39.2567"))
		if id == "" || width(mw.photo(id)) != 640 {
			t.Fatalf("report #%s has no photo", id)
		}
		rep, err := mw.store.Get(mustID(t, id))
		if err != nil || rep.Channel != data.ChannelWhatsApp || rep.Category != "flood" {
			t.Fatalf("report %+v %v", rep, err)
		}
	})

	t.Run("photo between the words and the place", func(t *testing.T) {
		if reply := mw.send("+255712300003", "fire"); !strings.Contains(reply, ": where?") {
			t.Fatalf("reply %q", reply)
		}
		// A photo alone answers nothing: it is kept and the question asked again.
		reply := mw.send("+255712300003", "", jpg)
		if !strings.Contains(reply, "Photo received") || !strings.Contains(reply, ": where?") {
			t.Fatalf("reply to a photo in the conversation %q", reply)
		}
		id := refIn(mw.send("+255712300003", "-6.8123, 39.2567"))
		rep, err := mw.store.Get(mustID(t, id))
		if err != nil || rep.Category != "fire" || width(mw.photo(id)) != 640 {
			t.Fatalf("report #%s %+v %v: want fire with its photo", id, rep, err)
		}
	})
}

func mustID(t *testing.T, s string) uint64 {
	t.Helper()
	id, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatalf("report number %q: %v", s, err)
	}
	return id
}

// TestWhatsAppSeveralPhotos: of several photos (in one message or over a
// conversation) the report keeps the first, and the reply says so; when
// the first cannot be fetched the next stands in.
func TestWhatsAppSeveralPhotos(t *testing.T) {
	mw := newMediaWorld(t)
	first, second := medium{"image/jpeg", jpegWithEXIF(t, 640, 480)}, medium{"image/png", pngWithText(t, 320, 240)}

	reply := mw.send("+255712300011", "fire -6.8123, 39.2567", first, second)
	id := refIn(reply)
	if id == "" || !strings.Contains(reply, "Only one photo is kept per report: the first one.") {
		t.Fatalf("reply %q: want the report and which photo is kept", reply)
	}
	if w := width(mw.photo(id)); w != 640 {
		t.Fatalf("kept a photo %d wide, want the first (640)", w)
	}

	// Over a conversation: the first message's photo is kept.
	mw.send("+255712300012", "flood", first)
	reply = mw.send("+255712300012", "-6.8123, 39.2567", second)
	if id = refIn(reply); id == "" || !strings.Contains(reply, "Only one photo") || width(mw.photo(id)) != 640 {
		t.Fatalf("reply %q, photo %d wide: want the first photo (640) and the note", reply, width(mw.photo(id)))
	}

	// A second photo alone while the place is awaited: the reply says it is
	// not the one kept, and asks again.
	mw.send("+255712300014", "flood", first)
	reply = mw.send("+255712300014", "", second)
	if !strings.HasPrefix(reply, "Only one photo is kept per report: the first one.") || !strings.Contains(reply, ": where?") || strings.Contains(reply, "Photo received") {
		t.Fatalf("second photo alone: reply %q", reply)
	}
	if id = refIn(mw.send("+255712300014", "-6.8123, 39.2567")); id == "" || width(mw.photo(id)) != 640 {
		t.Fatalf("report #%s: photo %d wide, want the first (640)", id, width(mw.photo(id)))
	}

	// The first is gone from Twilio: the second stands in.
	reply = mw.send("+255712300013", "fire -6.8123, 39.2567", medium{"image/jpeg", nil}, second)
	if id = refIn(reply); id == "" || width(mw.photo(id)) != 320 {
		t.Fatalf("reply %q: photo %d wide, want the second (320)", reply, width(mw.photo(id)))
	}
}

// TestWhatsAppPhotoRightAfterReport: a photo sent on its own (or with
// words that are no report) shortly after a report is filed joins that
// report; a second one is not kept and the resident is told; after the
// window a photo starts a new draft instead.
func TestWhatsAppPhotoRightAfterReport(t *testing.T) {
	mw := newMediaWorld(t)
	const phone = "+255712300021"
	id := refIn(mw.send(phone, "fire -6.8123, 39.2567"))
	if id == "" || mw.photo(id) != nil {
		t.Fatalf("report #%q, want one without photo", id)
	}
	*mw.clock = now.Add(5 * time.Minute)
	reply := mw.send(phone, "here it is", medium{"image/jpeg", jpegWithEXIF(t, 640, 480)})
	if reply != "Photo added to report #"+id+"." || width(mw.photo(id)) != 640 {
		t.Fatalf("reply %q, photo %d wide: want the photo added to #%s", reply, width(mw.photo(id)), id)
	}
	fetches := mw.fake.MediaFetches()
	reply = mw.send(phone, "", medium{"image/png", pngWithText(t, 320, 240)})
	if reply != "Only one photo is kept per report: the first one." || width(mw.photo(id)) != 640 || mw.fake.MediaFetches() != fetches {
		t.Fatalf("second photo: reply %q, photo %d wide, %d fetches (was %d)", reply, width(mw.photo(id)), mw.fake.MediaFetches(), fetches)
	}
	if n := mw.store.Find(data.Query{}).Matched; n != 1 {
		t.Fatalf("%d reports, want 1", n)
	}

	// A photo with words that are a report of their own is a new report.
	id2 := refIn(mw.send(phone, "flood -6.8200, 39.2600", medium{"image/png", pngWithText(t, 320, 240)}))
	if id2 == "" || id2 == id || width(mw.photo(id2)) != 320 {
		t.Fatalf("new report #%s with photo %d wide", id2, width(mw.photo(id2)))
	}

	// Past the window a photo alone is a new draft.
	*mw.clock = now.Add(5*time.Minute + sms.DefaultPhotoWindow + time.Second)
	if reply := mw.send(phone, "", medium{"image/jpeg", jpegWithEXIF(t, 64, 48)}); refIn(reply) != "" || !strings.Contains(reply, "What is the problem?") {
		t.Fatalf("late photo: reply %q, want a new draft", reply)
	}
}

// TestWhatsAppMediaOtherThanPhotos: a video, a voice note or a document is
// never fetched nor kept, and the resident is told so in their language —
// alone (with the question asked again in a conversation) or beside words
// that file a report.
func TestWhatsAppMediaOtherThanPhotos(t *testing.T) {
	mw := newMediaWorld(t)
	notKeptSw := sms.DefaultReplies().Text("sw", sms.ReplyMediaNotKept, sms.Examples{})
	if reply := mw.send("+255712300031", "mafuriko"); !strings.Contains(reply, "iko wapi") && !strings.Contains(reply, "wapi") {
		t.Fatalf("reply %q, want the place asked in Swahili", reply)
	}
	reply := mw.send("+255712300031", "", medium{"audio/ogg", []byte("OggS voice")})
	if !strings.HasPrefix(reply, notKeptSw) || !strings.Contains(reply, "wapi") {
		t.Fatalf("voice note: reply %q, want %q and the question again", reply, notKeptSw)
	}
	if _, ds := mw.drafts(); len(ds) != 1 || ds[0].Photos != 0 {
		t.Fatalf("drafts %+v, want one without photos", ds)
	}
	reply = mw.send("+255712300031", "-6.8123, 39.2567", medium{"video/mp4", []byte("....ftypmp42")})
	id := refIn(reply)
	if id == "" || !strings.HasSuffix(reply, notKeptSw) || mw.photo(id) != nil {
		t.Fatalf("video with the place: reply %q, want the report and the note, no photo", reply)
	}

	reply = mw.send("+255712300032", "", medium{"application/pdf", []byte("%PDF-1.4")})
	if !strings.HasPrefix(reply, "Only photos are kept") || refIn(reply) != "" {
		t.Fatalf("document alone: reply %q", reply)
	}
	if n := mw.fake.MediaFetches(); n != 0 {
		t.Fatalf("%d media fetched, want none", n)
	}
}

// TestWhatsAppDraftPhotoFiledByModerator: a draft with a photo filed by a
// moderator gets the photo; the public report shows neither the photo nor
// anything of the sender or of the medium.
func TestWhatsAppDraftPhotoFiledByModerator(t *testing.T) {
	mw := newMediaWorld(t)
	mw.send("+255712300041", "maji hayatoki", medium{"image/jpeg", jpegWithEXIF(t, 640, 480)})
	_, ds := mw.drafts()
	if len(ds) != 1 || ds[0].Photos != 1 {
		t.Fatalf("drafts %+v", ds)
	}
	r := mw.as(data.RoleModerator, http.MethodPost, "/api/v1/sms/drafts/"+strconv.FormatUint(ds[0].ID, 10)+"/file",
		`{"location": [39.2567, -6.8123], "place_name": "Kariakoo"}`)
	var filed struct{ ID uint64 }
	if err := json.Unmarshal(r.Body, &filed); r.Status != http.StatusCreated || err != nil {
		t.Fatalf("filing: %d %s", r.Status, r.Body)
	}
	id := strconv.FormatUint(filed.ID, 10)
	if width(mw.photo(id)) != 640 {
		t.Fatal("the filed draft has no photo")
	}
	for _, path := range []string{"/api/v1/reports/" + id, "/ogc/collections/reports/items", "/ogc/collections/reports/items/" + id} {
		pub := mw.do(http.MethodGet, path, "", nil)
		if pub.Status != 200 {
			t.Fatalf("%s: %d", path, pub.Status)
		}
		for _, secret := range []string{"712300041", "whatsapp:", mw.fake.URL, "/Media/", "maji hayatoki"} {
			if strings.Contains(string(pub.Body), secret) {
				t.Fatalf("%s shows %q: %s", path, secret, pub.Body)
			}
		}
	}
	if pub := mw.do(http.MethodGet, "/api/v1/reports/"+id+"/photo", "", nil); pub.Status == 200 {
		t.Fatal("the photo is public")
	}
}

// TestWhatsAppDraftPhotoOnRedelivery: when the draft's photo cannot be
// fetched as the report is filed (Twilio failing), the report stands
// without it, and Twilio's redelivery of the same message fetches it then:
// the photos to attach are kept with the message's record.
func TestWhatsAppDraftPhotoOnRedelivery(t *testing.T) {
	mw := newMediaWorld(t)
	mw.send("+255712300051", "flood", medium{"image/jpeg", nil}) // message 1: its photo not (yet) served
	form := twilioForm("SMplace51", "whatsapp:+255712300051", "-6.8123, 39.2567")
	id := refIn(mw.post(form))
	if id == "" || mw.photo(id) != nil {
		t.Fatalf("report #%q: want it filed without its photo", id)
	}
	mw.fake.AddMedia("SMmedia1", "ME1x0", "image/jpeg", jpegWithEXIF(t, 640, 480))
	if again := refIn(mw.post(form)); again != id {
		t.Fatalf("redelivery answered #%s, want #%s", again, id)
	}
	if width(mw.photo(id)) != 640 {
		t.Fatal("the redelivery did not attach the draft's photo")
	}
	if n := mw.store.Find(data.Query{}).Matched; n != 1 {
		t.Fatalf("%d reports, want 1", n)
	}
}
