package server_test

import (
	"encoding/xml"
	"math"
	"strings"
	"testing"

	"github.com/mtaa-project/mtaa/data"
)

// TestWhatsAppThroughTwilio: a WhatsApp message (From whatsapp:+…) goes
// through the Twilio webhook and the same engine: a text report gets the
// same #id reply with channel whatsapp, a location message is placed at
// its Latitude/Longitude, a redelivery stores nothing, a bad position is a
// 400 naming Latitude, and the sender's number reaches no report.
func TestWhatsAppThroughTwilio(t *testing.T) {
	ss := newSMSServer(t)
	const url = "https://mtaa.example.org/sms/twilio"

	form := twilioForm("SMwa01", "whatsapp:+255712345678", "moto -6.8123, 39.2567")
	r := ss.twilio(form, twilioSign(t, twilioToken, url, form))
	var tw twimlResponse
	if err := xml.Unmarshal(r.Body, &tw); r.Status != 200 || err != nil || len(tw.Messages) != 1 || !strings.Contains(tw.Messages[0], "#1") {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	rep, err := ss.store.Get(1)
	if err != nil || rep.Channel != data.ChannelWhatsApp || rep.Category != "fire" || strings.Contains(rep.Reporter, "whatsapp") || strings.Contains(rep.Reporter, "255712345678") {
		t.Fatalf("report %+v %v", rep, err)
	}

	// A location message: Body empty or a label, the position in
	// Latitude/Longitude.
	form = twilioForm("SMwa02", "whatsapp:+255712345679", "mafuriko")
	form.Set("Latitude", "-6.7924")
	form.Set("Longitude", "39.2083")
	form.Set("Address", "Kariakoo Market")
	sig := twilioSign(t, twilioToken, url, form)
	r = ss.twilio(form, sig)
	tw = twimlResponse{}
	if err := xml.Unmarshal(r.Body, &tw); r.Status != 200 || err != nil || len(tw.Messages) != 1 || !strings.Contains(tw.Messages[0], "#2") {
		t.Fatalf("location message: %d %s", r.Status, r.Body)
	}
	rep, err = ss.store.Get(2)
	if err != nil || rep.Channel != data.ChannelWhatsApp || rep.Category != "flood" ||
		math.Abs(rep.Location[0]-39.2083) > 1e-6 || math.Abs(rep.Location[1]+6.7924) > 1e-6 {
		t.Fatalf("location report %+v %v", rep, err)
	}
	before := ss.fileHash()
	if again := ss.twilio(form, sig); again.Status != 200 || string(again.Body) != string(r.Body) || ss.fileHash() != before {
		t.Fatalf("redelivery: %d %s", again.Status, again.Body)
	}

	// A whole degree (which bare decimals would not read as a position)
	// and more digits than six: the shared position, to the digit.
	form = twilioForm("SMwa04", "whatsapp:+255712345670", "mafuriko")
	form.Set("Latitude", "-6")
	form.Set("Longitude", "39.2083551")
	r = ss.twilio(form, twilioSign(t, twilioToken, url, form))
	tw = twimlResponse{}
	if err := xml.Unmarshal(r.Body, &tw); r.Status != 200 || err != nil || len(tw.Messages) != 1 || !strings.Contains(tw.Messages[0], "#3") {
		t.Fatalf("whole-degree location: %d %s", r.Status, r.Body)
	}
	if rep, err = ss.store.Get(3); err != nil || rep.Location[0] != 39.2083551 || rep.Location[1] != -6 || rep.LocationSource != data.SourceCoordinates {
		t.Fatalf("whole-degree location report at %v (%s), %v; want exactly 39.2083551, -6", rep.Location, rep.LocationSource, err)
	}

	form = twilioForm("SMwa03", "whatsapp:+255712345679", "mafuriko")
	form.Set("Latitude", "-96.1")
	form.Set("Longitude", "39.2")
	if r := ss.twilio(form, twilioSign(t, twilioToken, url, form)); r.Status != 400 || !strings.Contains(string(r.Body), "Latitude") {
		t.Fatalf("bad latitude: %d %s", r.Status, r.Body)
	}
}
