package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/data/datatest"
	"github.com/mtaa-project/mtaa/mapping"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/sms"
)

// fakeTwilioAPI is a local stand-in for Twilio's REST API: it accepts
// Messages.json POSTs with the account's basic auth, records them, and
// fails the first failFirst calls with a 500.
type fakeTwilioAPI struct {
	mu        sync.Mutex
	sid, tok  string
	failFirst int
	calls     int
	sent      []url.Values
}

func (f *fakeTwilioAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	user, pass, ok := r.BasicAuth()
	if !ok || user != f.sid || pass != f.tok {
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"code":20003,"message":"Authenticate","status":401}`)
		return
	}
	if r.Method != http.MethodPost || r.URL.Path != "/2010-04-01/Accounts/"+f.sid+"/Messages.json" {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"code":20404,"message":"not found","status":404}`)
		return
	}
	f.calls++
	if f.calls <= f.failFirst {
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, `{"code":20500,"message":"Internal Server Error","status":500}`)
		return
	}
	r.ParseForm()
	f.sent = append(f.sent, r.PostForm)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	fmt.Fprintf(w, `{"sid":"SM%032d","status":"queued","to":%q,"body":%q}`, len(f.sent), r.PostForm.Get("To"), r.PostForm.Get("Body"))
}

type oneArea struct{}

// Locate knows one neighbourhood, for JOIN.
func (oneArea) Locate(text string) []sms.Place {
	if strings.Contains(strings.ToLower(text), "tandale") {
		return []sms.Place{{Name: "Tandale", Point: orb.Point{39.248, -6.80}, Confidence: 1}}
	}
	return nil
}

type alertWorld struct {
	*smsServer
	api        *fakeTwilioAPI
	dispatcher *sms.Dispatcher
	clock      *time.Time
}

const adminToken = "admin-secret-token"

func newAlertWorld(t *testing.T, failFirst int) *alertWorld {
	t.Helper()
	st, dir := datatest.NewStore(t)
	clock := now
	nowFn := func() time.Time { return clock }
	vault, _ := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	engine, err := sms.NewEngine(sms.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault, Locator: oneArea{}, Now: nowFn}, st)
	if err != nil {
		t.Fatal(err)
	}
	world := osmWorld()
	api := &fakeTwilioAPI{sid: "AC00000000000000000000000000000001", tok: twilioToken, failFirst: failFirst}
	fake := httptest.NewServer(api)
	t.Cleanup(fake.Close)
	sender, err := sms.NewTwilioSender(sms.TwilioSenderConfig{AccountSID: api.sid, AuthToken: twilioToken, From: "+255800000000", APIBase: fake.URL})
	if err != nil {
		t.Fatal(err)
	}
	d, err := sms.NewDispatcher(sms.DispatcherConfig{Phones: vault, Twilio: sender, RetryBase: time.Minute, MaxAttempts: 4, Now: nowFn}, st)
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(server.Config{PublicURL: "https://mtaa.example.org", TwilioAuthToken: twilioToken, AdminToken: adminToken},
		server.Deps{Store: st, SMS: engine, Alerts: d, Phone: d, Now: nowFn, Extract: func() *mapping.Index { return world }})
	return &alertWorld{smsServer: &smsServer{&testServer{t: t, store: st, dir: dir, h: srv.Handler()}}, api: api, dispatcher: d, clock: &clock}
}

func (w *alertWorld) text(sid, from, body string) {
	w.t.Helper()
	form := twilioForm(sid, from, body)
	if r := w.twilio(form, twilioSign(w.t, twilioToken, "https://mtaa.example.org/sms/twilio", form)); r.Status != 200 {
		w.t.Fatalf("webhook %d %s", r.Status, r.Body)
	}
}

const tandaleSquare = `{"type":"Polygon","coordinates":[[[39.24,-6.81],[39.26,-6.81],[39.26,-6.79],[39.24,-6.79],[39.24,-6.81]]]}`

func (w *alertWorld) alert(body string, token string) response {
	w.t.Helper()
	h := []string{}
	if token != "" {
		h = []string{"Authorization", "Bearer " + token}
	}
	return w.do(http.MethodPost, "/api/v1/alerts", "application/json", strings.NewReader(body), h...)
}

func TestAreaAlertThroughTwilio(t *testing.T) {
	w := newAlertWorld(t, 2) // Twilio fails twice: the dispatcher retries
	w.text("SM1", "+255711000001", "JOIN Tandale")
	w.text("SM2", "+255711000002", "JOIN Tandale")
	w.text("SM3", "+255711000002", "STOP") // honoured at once
	w.text("SM4", "+255711000003", "JOIN Atlantis")

	dry := w.alert(`{"message":"Flood warning","area":`+tandaleSquare+`,"dry_run":true}`, adminToken)
	if dry.Status != 200 || decode[map[string]int](t, dry.Body)["recipients"] != 1 {
		t.Fatalf("dry run %d %s", dry.Status, dry.Body)
	}
	r := w.alert(`{"message":"Mafuriko: hamia eneo la juu sasa","area":`+tandaleSquare+`,"area_name":"Tandale"}`, adminToken)
	if r.Status != 201 || r.Header.Get("Location") != "https://mtaa.example.org/api/v1/alerts/1" {
		t.Fatalf("create %d %s", r.Status, r.Body)
	}
	for _, secret := range []string{"255711000001", "+255711000001"} {
		if strings.Contains(string(r.Body), secret) {
			t.Fatalf("alert response leaks the number: %s", r.Body)
		}
	}
	ctx := context.Background()
	for i := 0; i < 3; i++ { // first two attempts fail; each retry waits longer
		if _, err := w.dispatcher.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		*w.clock = w.clock.Add(10 * time.Minute)
	}
	if len(w.api.sent) != 1 || w.api.sent[0].Get("To") != "+255711000001" || w.api.sent[0].Get("From") != "+255800000000" ||
		w.api.sent[0].Get("Body") != "Mafuriko: hamia eneo la juu sasa" {
		t.Fatalf("Twilio received %v", w.api.sent)
	}
	st := decode[struct {
		Recipients int
		Counts     map[string]int
		Messages   []struct {
			Status   string
			Attempts int
		}
	}](t, w.do(http.MethodGet, "/api/v1/alerts/1", "", nil, "Authorization", "Bearer "+adminToken).Body)
	if st.Recipients != 1 || st.Counts["sent"] != 1 || st.Messages[0].Attempts != 3 {
		t.Fatalf("alert status %+v", st)
	}
}

func TestAlertToAnOSMArea(t *testing.T) {
	w := newAlertWorld(t, 0)
	w.text("SM1", "+255711000001", "JOIN Tandale") // inside the informal settlement way-20
	r := w.alert(`{"message":"Mafuriko","area_id":"way-20","dry_run":true}`, adminToken)
	if r.Status != 200 || decode[map[string]int](t, r.Body)["recipients"] != 1 {
		t.Fatalf("dry run on way-20: %d %s", r.Status, r.Body)
	}
	r = w.alert(`{"message":"Mafuriko","area_id":"way-20"}`, adminToken)
	st := decode[struct {
		AreaName   string `json:"area_name"`
		Recipients int
	}](t, r.Body)
	if r.Status != 201 || st.AreaName != "Mtogole" || st.Recipients != 1 {
		t.Fatalf("alert on way-20: %d %s", r.Status, r.Body)
	}
	for _, body := range []string{
		`{"message":"x","area_id":"node-10"}`,      // a clinic, not an area
		`{"message":"x","area_id":"relation-999"}`, // not in the extract
		`{"message":"x","area_id":"tandale"}`,
		`{"message":"x","area_id":"way-20","area":` + tandaleSquare + `}`,
	} {
		if r := w.alert(body, adminToken); r.Status != 400 || decode[apiErr](t, r.Body).Error.Field != "area_id" {
			t.Errorf("%s: %d %s", body, r.Status, r.Body)
		}
	}
}

func TestAlertRetriesGiveUpAsFailed(t *testing.T) {
	w := newAlertWorld(t, 100)
	w.text("SM1", "+255711000001", "JOIN Tandale")
	if r := w.alert(`{"message":"Fire","area":`+tandaleSquare+`}`, adminToken); r.Status != 201 {
		t.Fatalf("%d %s", r.Status, r.Body)
	}
	for i := 0; i < 6; i++ {
		w.dispatcher.DeliverDue(context.Background())
		*w.clock = w.clock.Add(time.Hour)
	}
	st, err := w.dispatcher.Alert(1)
	if err != nil || st.Counts[data.OutboundFailed] != 1 || st.Messages[0].Attempts != 4 || st.Messages[0].LastError == "" {
		t.Fatalf("%+v %v", st, err)
	}
}

func TestAlertRequestsRejected(t *testing.T) {
	w := newAlertWorld(t, 0)
	open := `{"type":"Polygon","coordinates":[[[39.24,-6.81],[39.26,-6.81],[39.26,-6.79],[39.24,-6.79]]]}`
	tests := []struct {
		name, body, token string
		status            int
		field             string
	}{
		{"no token", `{"message":"x","area":` + tandaleSquare + `}`, "", 401, "Authorization"},
		{"wrong token", `{"message":"x","area":` + tandaleSquare + `}`, "nope", 401, "Authorization"},
		{"no message", `{"area":` + tandaleSquare + `}`, adminToken, 400, "message"},
		{"message too long", `{"message":"` + strings.Repeat("a", 460) + `","area":` + tandaleSquare + `}`, adminToken, 400, "message"},
		{"no area", `{"message":"x"}`, adminToken, 400, "area"},
		{"point area", `{"message":"x","area":{"type":"Point","coordinates":[39.2,-6.8]}}`, adminToken, 400, "area"},
		{"open ring", `{"message":"x","area":` + open + `}`, adminToken, 400, "area"},
		{"unknown field", `{"message":"x","area":` + tandaleSquare + `,"urgent":true}`, adminToken, 400, "body"},
	}
	before := w.fileHash()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := w.alert(tt.body, tt.token)
			if r.Status != tt.status || decode[apiErr](t, r.Body).Error.Field != tt.field {
				t.Fatalf("%d %s", r.Status, r.Body)
			}
			if w.fileHash() != before {
				t.Fatal("a rejected alert changed the store")
			}
		})
	}
	if r := w.do(http.MethodGet, "/api/v1/alerts/1", "", nil); r.Status != 401 {
		t.Fatalf("GET without token: %d", r.Status)
	}
}

// TestSMSSyncPhoneGateway drives the SMSSync protocol: an incoming message
// with an instant reply, a replay, a wrong secret, and the outbound task
// cycle send → sent → result.
func TestSMSSyncPhoneGateway(t *testing.T) {
	st, dir := datatest.NewStore(t)
	vault, _ := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
	engine, _ := sms.NewEngine(sms.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault, Locator: oneArea{}, Now: func() time.Time { return now }}, st)
	d, _ := sms.NewDispatcher(sms.DispatcherConfig{Phones: vault, Now: func() time.Time { return now }}, st)
	srv := server.New(server.Config{SMSSyncSecret: "s3cret", AdminToken: adminToken},
		server.Deps{Store: st, SMS: engine, Alerts: d, Phone: d, Now: func() time.Time { return now }})
	ts := &testServer{t: t, store: st, dir: dir, h: srv.Handler()}
	post := func(form url.Values) response {
		return ts.do(http.MethodPost, "/sms/smssync", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	}
	sentAt := now.Add(-90 * time.Minute) // queued on the phone while offline
	incoming := url.Values{"from": {"+255722000001"}, "message": {"mafuriko -6.8123, 39.2567"}, "message_id": {"m-1"},
		"sent_to": {"+255800000000"}, "secret": {"s3cret"}, "device_id": {"phone-1"},
		"sent_timestamp": {strconv.FormatInt(sentAt.UnixMilli(), 10)}}
	r := post(incoming)
	type payload struct {
		Payload struct {
			Success  bool
			Error    *string
			Task     string
			Messages []struct{ To, Message, UUID string }
		}
	}
	p := decode[payload](t, r.Body)
	if r.Status != 200 || !p.Payload.Success || len(p.Payload.Messages) != 1 || p.Payload.Messages[0].To != "+255722000001" ||
		!strings.Contains(p.Payload.Messages[0].Message, "#1") {
		t.Fatalf("incoming: %d %s", r.Status, r.Body)
	}
	if rep, err := ts.store.Get(1); err != nil || !rep.ObservedAt.Equal(sentAt) {
		t.Fatalf("observed_at %v, want the phone's sent time %v (%v)", rep.ObservedAt, sentAt, err)
	}
	if again := post(incoming); string(again.Body) != string(r.Body) || ts.store.Extent().Count != 1 {
		t.Fatalf("replay: %s", again.Body)
	}
	bad := url.Values{}
	for k, v := range incoming {
		bad[k] = v
	}
	bad.Set("secret", "guess")
	bad.Set("message_id", "m-2")
	if r := post(bad); r.Status != 403 || decode[payload](t, r.Body).Payload.Success {
		t.Fatalf("wrong secret: %d %s", r.Status, r.Body)
	}

	// A subscriber, an alert, and the phone's task cycle.
	join := url.Values{"from": {"+255722000002"}, "message": {"JOIN Tandale"}, "message_id": {"m-3"}, "secret": {"s3cret"}}
	post(join)
	alert := ts.do(http.MethodPost, "/api/v1/alerts", "application/json",
		strings.NewReader(`{"message":"Flood warning","area":`+tandaleSquare+`}`), "Authorization", "Bearer "+adminToken)
	if alert.Status != 201 {
		t.Fatalf("alert %d %s", alert.Status, alert.Body)
	}
	if r := ts.get("/sms/smssync?task=send"); r.Status != 403 {
		t.Fatalf("task=send without secret: %d", r.Status)
	}
	tasks := decode[payload](t, ts.get("/sms/smssync?task=send&secret=s3cret").Body)
	if tasks.Payload.Task != "send" || len(tasks.Payload.Messages) != 1 || tasks.Payload.Messages[0].To != "+255722000002" {
		t.Fatalf("tasks %+v", tasks)
	}
	uuid := tasks.Payload.Messages[0].UUID
	sent := ts.do(http.MethodPost, "/sms/smssync?task=sent&secret=s3cret", "application/json", strings.NewReader(`{"queued_messages":["`+uuid+`","unknown"]}`))
	if got := decode[struct {
		MessageUUIDs []string `json:"message_uuids"`
	}](t, sent.Body); len(got.MessageUUIDs) != 1 || got.MessageUUIDs[0] != uuid {
		t.Fatalf("sent: %s", sent.Body)
	}
	if again := decode[payload](t, ts.get("/sms/smssync?task=send&secret=s3cret").Body); len(again.Payload.Messages) != 0 {
		t.Fatalf("confirmed message offered again: %+v", again)
	}
	awaiting := decode[struct {
		MessageUUIDs []string `json:"message_uuids"`
	}](t, ts.get("/sms/smssync?task=result&secret=s3cret").Body)
	if len(awaiting.MessageUUIDs) != 1 {
		t.Fatalf("awaiting results %+v", awaiting)
	}
	res, _ := json.Marshal(map[string]any{"message_result": []map[string]any{{"uuid": uuid, "sent_result_code": 0, "delivered_result_code": 0}}})
	ts.do(http.MethodPost, "/sms/smssync?task=result&secret=s3cret", "application/json", strings.NewReader(string(res)))
	status, err := d.Alert(1)
	if err != nil || status.Counts[data.OutboundDelivered] != 1 {
		t.Fatalf("after results %+v %v", status, err)
	}
}
