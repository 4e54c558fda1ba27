package server_test

// Security checks as tests (issue 8 item 6), generated from the route
// table (Server.Routes) wherever they apply, so that a new route cannot
// escape them. Checks that live elsewhere and are not repeated here:
//
//   - forged Twilio signatures (missing, wrong token, wrong URL, tampered
//     body): sms_test.go TestTwilioWebhookRejects;
//   - a wrong SMSSync secret: alerts_test.go TestSMSSyncPhoneGateway;
//   - every route × every role, and CSRF on every unsafe route:
//     permissions_test.go TestPermissionMatrix, TestCSRFMatrix;
//   - oversized and deeply nested report bodies, field by field:
//     server_test.go TestBadRequestsChangeNothing;
//   - path traversal on static files, raw and normalised: handle_web_test.go
//     TestWebStaticTraversal; bad tile paths: handle_tiles_test.go
//     TestBasemapTileBadPaths.

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/server"
	"github.com/mtaa-project/mtaa/server/servertest"
	"github.com/mtaa-project/mtaa/sms"
)

const smssyncSecret = "s3cret-phone"

// securityWorld is an account world with every optional route on:
// photos, settlements, the Twilio and SMSSync webhooks, alerts.
type securityWorld struct {
	*accountWorld
	photoDir string
}

func newSecurityWorld(t *testing.T) *securityWorld {
	t.Helper()
	photoRoot := t.TempDir()
	photos, err := data.OpenPhotos(photoRoot)
	if err != nil {
		t.Fatal(err)
	}
	cfg := server.Config{PublicURL: "https://mtaa.example.org", TwilioAuthToken: twilioToken, SMSSyncSecret: smssyncSecret,
		AfricasTalkingSecret: "at-secret", UploadKey: []byte("0123456789abcdef0123456789abcdef")}
	w := newAccountWorld(t, cfg, func(st *data.Store) server.Deps {
		vault, err := sms.NewPhoneVault(make([]byte, sms.KeySize), make([]byte, sms.KeySize))
		if err != nil {
			t.Fatal(err)
		}
		engine, err := sms.NewEngine(sms.Config{Taxonomy: data.DefaultTaxonomy(), Phones: vault, Now: func() time.Time { return now }}, st)
		if err != nil {
			t.Fatal(err)
		}
		d, err := sms.NewDispatcher(sms.DispatcherConfig{Phones: vault, Now: func() time.Time { return now }}, st)
		if err != nil {
			t.Fatal(err)
		}
		return server.Deps{SMS: engine, Alerts: d, Phone: d, Replies: d, Photos: photos, Settlements: st, Campaigns: st, Facilities: st}
	})
	return &securityWorld{accountWorld: w, photoDir: photos.Dir()}
}

// snapshot is what a rejected request must leave as it was.
type snapshot struct {
	db      [32]byte
	reports int
	photos  int
}

func (w *securityWorld) snapshot() snapshot {
	w.t.Helper()
	entries, err := os.ReadDir(w.photoDir)
	if err != nil {
		w.t.Fatal(err)
	}
	return snapshot{db: w.fileHash(), reports: w.store.Extent().Count, photos: len(entries)}
}

// bodyRule is how a write route treats its body.
type bodyRule struct {
	// limit is the largest body accepted.
	limit int
	// contentType is a type the route takes; filler builds a body of n
	// bytes of it.
	contentType string
	filler      func(n int) string
	// json: the route takes JSON only, and answers 415 to other types.
	json bool
	// noBody: the route reads no body at all (it is ignored).
	noBody bool
}

func jsonFiller(n int) string { return `{"x":"` + strings.Repeat("a", max(n-8, 0)) + `"}` }
func formFiller(n int) string { return "Body=" + strings.Repeat("a", max(n-5, 0)) }

// bodyRules lists the write routes that do not take a JSON body of at
// most server.MaxBodyBytes; every other write route must (a new route
// that reads more, or none, fails TestWriteRoutesBodyLimits until it is
// listed here).
var bodyRules = map[string]bodyRule{
	"POST /api/v1/reports/:id/photo": {limit: server.MaxPhotoBytes, contentType: "image/jpeg",
		filler: func(n int) string { return "\xff\xd8\xff" + strings.Repeat("a", n-3) }, json: false},
	"POST /api/v1/admin/import-reports": {limit: server.MaxImportBytes, contentType: "application/json", filler: jsonFiller, json: true},
	"POST /sms/twilio":                  {limit: server.MaxBodyBytes, contentType: "application/x-www-form-urlencoded", filler: formFiller},
	"POST /sms/smssync":                 {limit: server.MaxBodyBytes, contentType: "application/x-www-form-urlencoded", filler: formFiller},
	"POST /sms/africastalking":          {limit: server.MaxBodyBytes, contentType: "application/x-www-form-urlencoded", filler: formFiller},
	"POST /sms/africastalking/delivery": {limit: server.MaxBodyBytes, contentType: "application/x-www-form-urlencoded", filler: formFiller},
	"POST /ussd/africastalking":         {limit: server.MaxBodyBytes, contentType: "application/x-www-form-urlencoded", filler: formFiller},
	"POST /ussd/africastalking/events":  {limit: server.MaxBodyBytes, contentType: "application/x-www-form-urlencoded", filler: formFiller},
	"POST /open311/v2/requests.json":    {limit: server.MaxBodyBytes, contentType: "application/x-www-form-urlencoded", filler: formFiller},
	"POST /open311/v2/requests.xml":     {limit: server.MaxBodyBytes, contentType: "application/x-www-form-urlencoded", filler: formFiller},
	// Logging out and revoking a token read no body.
	"POST /api/v1/logout":             {noBody: true},
	"DELETE /api/v1/admin/tokens/:id": {noBody: true},
}

func ruleOf(method, path string) bodyRule {
	if r, ok := bodyRules[method+" "+path]; ok {
		return r
	}
	return bodyRule{limit: server.MaxBodyBytes, contentType: "application/json", filler: jsonFiller, json: true}
}

func isWrite(method string) bool {
	return method != http.MethodGet && method != http.MethodHead && method != http.MethodOptions
}

// TestWriteRoutesBodyLimits sends every write route of the route table,
// as an admin account (so that authentication hides nothing), a body just over its
// limit (413), a JSON nesting bomb of 100k '[' and one just under the
// limit (4xx), and, where the route takes JSON, another content type
// (415). No answer is a 5xx, and nothing is stored.
func TestWriteRoutesBodyLimits(t *testing.T) {
	w := newSecurityWorld(t)
	// Report 1 and its upload token, so the photo route reads its body.
	seed := w.do(http.MethodPost, "/api/v1/reports", "application/geo+json", strings.NewReader(report(39.2, -6.8, "flood")))
	if seed.Status != http.StatusCreated || seed.Header.Get("X-Upload-Token") == "" {
		t.Fatalf("seed report: %d %s", seed.Status, seed.Body)
	}
	upload := seed.Header.Get("X-Upload-Token")
	before := w.snapshot()
	seen := 0
	for _, rt := range w.srv.Routes() {
		if !isWrite(rt.Method) {
			continue
		}
		seen++
		rule := ruleOf(rt.Method, rt.Path)
		target := pathParam.ReplaceAllString(rt.Path, "1")
		// An admin account's token (the bootstrap token has no account,
		// which the password route refuses before reading its body).
		header := []string{"Authorization", "Bearer " + w.tokens[data.RoleAdmin], "X-Upload-Token", upload}
		type attempt struct {
			name, contentType, body string
			check                   func(status int) bool
			want                    string
		}
		clientError := func(status int) bool { return status >= 400 && status < 500 }
		var attempts []attempt
		if rule.noBody {
			attempts = []attempt{{"big body ignored", "application/json", jsonFiller(server.MaxBodyBytes + 1024),
				func(status int) bool { return status < 500 }, "no 5xx"}}
		} else {
			attempts = []attempt{
				{"body over the limit", rule.contentType, rule.filler(rule.limit + 1024),
					func(status int) bool { return status == http.StatusRequestEntityTooLarge }, "413"},
				{"nesting bomb 100k", "application/json", strings.Repeat("[", 100000), clientError, "4xx"},
				{"nesting bomb under the limit", "application/json", strings.Repeat("[", server.MaxBodyBytes-16), clientError, "4xx"},
			}
			if rule.json {
				attempts = append(attempts, attempt{"wrong content type", "text/plain", "{}",
					func(status int) bool { return status == http.StatusUnsupportedMediaType }, "415"})
			}
		}
		for _, a := range attempts {
			t.Run(rt.Method+" "+rt.Path+" "+a.name, func(t *testing.T) {
				r := w.do(rt.Method, target, a.contentType, strings.NewReader(a.body), header...)
				if !a.check(r.Status) || r.Status >= 500 {
					t.Fatalf("status %d, want %s: %.300s", r.Status, a.want, r.Body)
				}
				if after := w.snapshot(); after != before {
					t.Fatalf("the request changed the store: %+v, was %+v", after, before)
				}
			})
		}
	}
	if seen < 15 {
		t.Fatalf("only %d write routes in the table: the world lacks optional routes", seen)
	}
}

// TestDeclaredOversizeRefusedUnread sends every write route that reads a
// body, over TCP, only the headers of a request whose Content-Length is
// over the route's limit: the server answers 413 at once instead of
// waiting (until its read timeout) for a body that never comes.
func TestDeclaredOversizeRefusedUnread(t *testing.T) {
	w := newSecurityWorld(t)
	seed := w.do(http.MethodPost, "/api/v1/reports", "application/geo+json", strings.NewReader(report(39.2, -6.8, "flood")))
	if seed.Status != http.StatusCreated {
		t.Fatalf("seed report: %d %s", seed.Status, seed.Body)
	}
	hs := httptest.NewServer(w.srv.Handler())
	defer hs.Close()
	addr := strings.TrimPrefix(hs.URL, "http://")
	before := w.snapshot()
	for _, rt := range w.srv.Routes() {
		rule := ruleOf(rt.Method, rt.Path)
		if !isWrite(rt.Method) || rule.noBody {
			continue
		}
		target := pathParam.ReplaceAllString(rt.Path, "1")
		status, _, body := servertest.RawRequest(t, addr, rt.Method+" "+target+" HTTP/1.1",
			"Authorization: Bearer "+w.tokens[data.RoleAdmin], "X-Upload-Token: "+seed.Header.Get("X-Upload-Token"),
			"Content-Type: "+rule.contentType, fmt.Sprintf("Content-Length: %d", rule.limit+1))
		if status != http.StatusRequestEntityTooLarge {
			t.Errorf("%s %s: %d, want 413: %.200s", rt.Method, rt.Path, status, body)
		}
	}
	if w.snapshot() != before {
		t.Fatal("a refused request changed the store")
	}
}

// evilSegments are path parameter values that try to leave the route's
// directory or confuse its parser.
var evilSegments = []string{
	"..", "%2e%2e", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "..%2f..%2f..%2fetc%2fpasswd", "..%5c..%5cwindows",
	"%00", "1%00", "a%00.json", "%ff%fe", "%C3%A9t%C3%A9", "%E2%80%AE1", "%F0%9F%92%A9.json",
	strings.Repeat("a", 8000), strings.Repeat("9", 400), "-1", "18446744073709551616", "%20", "1.json%00.xml",
}

// TestPathParameterTraversal substitutes every path parameter of every
// GET (and HEAD) route with each evil segment (the others set to 1) and asks as an
// admin: the answer is a 4xx in the route's error format, never a 5xx,
// never a file from outside.
func TestPathParameterTraversal(t *testing.T) {
	w := newSecurityWorld(t)
	if r := w.do(http.MethodPost, "/api/v1/reports", "application/geo+json", strings.NewReader(report(39.2, -6.8, "flood"))); r.Status != http.StatusCreated {
		t.Fatalf("seed: %d %s", r.Status, r.Body)
	}
	routes := 0
	for _, rt := range w.srv.Routes() {
		if (rt.Method != http.MethodGet && rt.Method != http.MethodHead) || !pathParam.MatchString(rt.Path) {
			continue
		}
		routes++
		params := pathParam.FindAllStringIndex(rt.Path, -1)
		for i := range params {
			for _, evil := range evilSegments {
				n := 0
				target := pathParam.ReplaceAllStringFunc(rt.Path, func(string) string {
					n++
					if n-1 == i {
						return evil
					}
					return "1"
				})
				t.Run(fmt.Sprintf("%s %s param %d %.40s", rt.Method, rt.Path, i, evil), func(t *testing.T) {
					r := w.do(rt.Method, target, "", nil, "Authorization", "Bearer "+bootstrapToken)
					if rt.Method == http.MethodHead {
						if r.Status < 400 || r.Status >= 500 {
							t.Fatalf("HEAD %.120s: %d", target, r.Status)
						}
						return
					}
					checkRefused(t, target, r.Status, r.Header, r.Body)
				})
			}
		}
	}
	if routes < 10 {
		t.Fatalf("only %d GET routes with path parameters", routes)
	}
}

// checkRefused asserts a 4xx answer in the error format of the path.
func checkRefused(t *testing.T, target string, status int, header http.Header, body []byte) {
	t.Helper()
	if status < 400 || status >= 500 {
		t.Fatalf("GET %.120s: status %d, want 4xx: %.200s", target, status, body)
	}
	if bytes.Contains(body, []byte("root:")) || bytes.Contains(body, []byte("[boot loader]")) {
		t.Fatalf("GET %.120s served a system file", target)
	}
	ct := header.Get("Content-Type")
	switch {
	case strings.HasPrefix(target, "/open311/") && strings.HasPrefix(ct, "text/xml"):
		if !bytes.Contains(body, []byte("<errors>")) {
			t.Fatalf("GET %.120s: Open311 XML error expected: %.200s", target, body)
		}
	case strings.HasPrefix(target, "/open311/"):
		if !strings.HasPrefix(ct, "application/json") || !bytes.HasPrefix(body, []byte(`[{"code":`)) {
			t.Fatalf("GET %.120s: Open311 JSON error expected, got %s %.200s", target, ct, body)
		}
	default:
		if !strings.HasPrefix(ct, "application/json") || !bytes.HasPrefix(body, []byte(`{"error":{`)) {
			t.Fatalf("GET %.120s: JSON error expected, got %q %.200s", target, ct, body)
		}
	}
}

// TestRawPathTraversal sends non-normalised paths as they are over TCP to
// a real server, under every GET route prefix with a path parameter.
func TestRawPathTraversal(t *testing.T) {
	w := newSecurityWorld(t)
	hs := httptest.NewServer(w.srv.Handler())
	defer hs.Close()
	addr := strings.TrimPrefix(hs.URL, "http://")
	tails := []string{
		"../../../../../../etc/passwd", "..%2f..%2f..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
		"..\\..\\..\\etc\\passwd", "....//....//etc/passwd", "%252e%252e%252fetc%252fpasswd", "./../.././etc/passwd%00.json",
		"%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
	}
	for _, rt := range w.srv.Routes() {
		if rt.Method != http.MethodGet || !pathParam.MatchString(rt.Path) {
			continue
		}
		prefix := rt.Path[:pathParam.FindStringIndex(rt.Path)[0]]
		for _, tail := range tails {
			target := prefix + tail
			status, header, body := servertest.RawRequest(t, addr, "GET "+target+" HTTP/1.1", "Authorization: Bearer "+bootstrapToken)
			if status == http.StatusBadRequest && header.Get("Content-Type") == "text/plain; charset=utf-8" && strings.HasPrefix(body, "400 Bad Request") {
				continue // refused by net/http before any handler
			}
			checkRefused(t, target, status, header, []byte(body))
			checkSecurityHeaders(t, "raw GET "+target, header)
		}
	}
}

// TestTwilioForgeryVariants: signatures that are almost right are
// refused with 403 and store nothing.
func TestTwilioForgeryVariants(t *testing.T) {
	w := newSecurityWorld(t)
	const hook = "https://mtaa.example.org/sms/twilio"
	form := twilioForm("SM9001", "+255712345678", "mafuriko -6.8123, 39.2567")
	sig := twilioSign(t, twilioToken, hook, form)
	added := url.Values{}
	for k, v := range form {
		added[k] = v
	}
	added.Set("Extra", "1")
	repeated := url.Values{}
	for k, v := range form {
		repeated[k] = append([]string(nil), v...)
	}
	repeated.Add("Body", "mafuriko -6.9, 39.3")
	send := func(target string, form url.Values, signature string, present bool) response {
		h := []string{}
		if present {
			h = append(h, "X-Twilio-Signature", signature)
		}
		return w.do(http.MethodPost, target, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), h...)
	}
	tests := []struct {
		name, target string
		form         url.Values
		sig          string
	}{
		{"signed without the query string, sent with one", "/sms/twilio?x=1", form, sig},
		{"signed with a query string, sent without", "/sms/twilio", form, twilioSign(t, twilioToken, hook+"?x=1", form)},
		{"signed for another query string", "/sms/twilio?x=2", form, twilioSign(t, twilioToken, hook+"?x=1", form)},
		{"replayed with a parameter added", "/sms/twilio", added, sig},
		{"replayed with a second value of a signed parameter", "/sms/twilio", repeated, sig},
		{"signature in lower case", "/sms/twilio", form, strings.ToLower(sig)},
		{"base64 padding stripped", "/sms/twilio", form, strings.TrimRight(sig, "=")},
		{"URL-safe base64", "/sms/twilio", form, strings.NewReplacer("+", "-", "/", "_").Replace(sig) + "-_"},
		{"signature twice", "/sms/twilio", form, sig + sig},
		{"empty signature header", "/sms/twilio", form, ""},
		{"http instead of https", "/sms/twilio", form, twilioSign(t, twilioToken, "http://mtaa.example.org/sms/twilio", form)},
		{"other port", "/sms/twilio", form, twilioSign(t, twilioToken, "https://mtaa.example.org:8443/sms/twilio", form)},
	}
	before := w.snapshot()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(tt.target, tt.form, tt.sig, true)
			if r.Status != http.StatusForbidden || decode[apiErr](t, r.Body).Error.Field != sms.TwilioSignatureHeader {
				t.Fatalf("%d %s", r.Status, r.Body)
			}
			if w.snapshot() != before {
				t.Fatal("a forged webhook changed the store")
			}
		})
	}
	// The genuine request passes, so the refusals above are about the
	// forgery only.
	if r := send("/sms/twilio", form, sig, true); r.Status != http.StatusOK || w.store.Extent().Count != 1 {
		t.Fatalf("genuine webhook: %d %s", r.Status, r.Body)
	}
}

// TestSMSSyncSecretVariants: an SMSSync call with the secret missing,
// empty, wrong, or wrong in the form with the right one in the query (the
// form wins), is refused with 403 and stores nothing.
func TestSMSSyncSecretVariants(t *testing.T) {
	w := newSecurityWorld(t)
	msg := func(secret ...string) url.Values {
		v := url.Values{"from": {"+255722000001"}, "message": {"mafuriko -6.8123, 39.2567"}, "message_id": {"m-1"}, "device_id": {"p"}}
		if len(secret) > 0 {
			v["secret"] = secret
		}
		return v
	}
	tests := []struct {
		name, query string
		form        url.Values
	}{
		{"no secret", "", msg()},
		{"empty secret", "", msg("")},
		{"empty secret in form and query", "?secret=", msg("")},
		{"wrong secret", "", msg("guess")},
		{"secret with a suffix", "", msg(smssyncSecret + "x")},
		{"secret prefix", "", msg(smssyncSecret[:4])},
		{"secret in other case", "", msg(strings.ToUpper(smssyncSecret))},
		{"wrong in the form, right in the query", "?secret=" + smssyncSecret, msg("guess")},
		{"wrong in the query", "?secret=guess", msg()},
		{"wrong first of two", "", msg("guess", smssyncSecret)},
		{"secret with a NUL", "", msg(smssyncSecret + "\x00")},
	}
	before := w.snapshot()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := w.do(http.MethodPost, "/sms/smssync"+tt.query, "application/x-www-form-urlencoded", strings.NewReader(tt.form.Encode()))
			if r.Status != http.StatusForbidden {
				t.Fatalf("%d %s", r.Status, r.Body)
			}
			if w.snapshot() != before {
				t.Fatal("a refused SMSSync call changed the store")
			}
		})
	}
	for _, q := range []string{"?task=send", "?task=send&secret=", "?task=send&secret=guess", "?task=result&secret=" + url.QueryEscape(smssyncSecret+" ")} {
		if r := w.do(http.MethodGet, "/sms/smssync"+q, "", nil); r.Status != http.StatusForbidden || bytes.Contains(r.Body, []byte(smssyncSecret)) {
			t.Errorf("GET %s: %d %s", q, r.Status, r.Body)
		}
	}
	for _, task := range []string{"sent", "result"} {
		r := w.do(http.MethodPost, "/sms/smssync?task="+task+"&secret=guess", "application/json", strings.NewReader(`{"queued_messages":[]}`))
		if r.Status != http.StatusForbidden || w.snapshot() != before {
			t.Errorf("POST task=%s with a wrong secret: %d %s", task, r.Status, r.Body)
		}
	}
	// The right secret passes, so the refusals are about the secret only.
	if r := w.do(http.MethodPost, "/sms/smssync?secret="+smssyncSecret, "application/x-www-form-urlencoded",
		strings.NewReader(msg().Encode())); r.Status != http.StatusOK || w.store.Extent().Count != 1 {
		t.Fatalf("right secret in the query: %d %s", r.Status, r.Body)
	}
}

// TestSecurityHeadersEveryRoute asks every route of the route table (and
// an unknown one, and a wrong method) as the public and as an admin, and
// checks the security headers on every answer, whatever its status.
func TestSecurityHeadersEveryRoute(t *testing.T) {
	w := newSecurityWorld(t)
	check := checkSecurityHeaders
	for _, rt := range w.srv.Routes() {
		target := pathParam.ReplaceAllString(rt.Path, "1")
		w.ctx = nil
		if streams[rt.Method+" "+rt.Path] {
			ctx, cancel := contextCancelled()
			defer cancel()
			w.ctx = ctx
		}
		for _, auth := range [][]string{nil, {"Authorization", "Bearer " + bootstrapToken}} {
			r := w.do(rt.Method, target, "application/json", strings.NewReader("{}"), auth...)
			check(t, fmt.Sprintf("%s %s (%d, auth %v)", rt.Method, target, r.Status, auth != nil), r.Header)
		}
	}
	w.ctx = nil
	// A path that differs from a route by a trailing slash is redirected
	// to it, with the headers too (Gin's own redirect skipped them).
	for _, rt := range w.srv.Routes() {
		if rt.Method != http.MethodGet || rt.Path == "/" || strings.Contains(rt.Path, "*") {
			continue
		}
		target := pathParam.ReplaceAllString(rt.Path, "1")
		r := w.do(http.MethodGet, target+"/?limit=1", "", nil)
		if r.Status != http.StatusMovedPermanently || r.Header.Get("Location") != target+"?limit=1" {
			t.Errorf("GET %s/: %d to %q", target, r.Status, r.Header.Get("Location"))
		}
		check(t, "GET "+target+"/", r.Header)
	}
	if r := w.do(http.MethodPost, "/api/v1/reports/", "application/json", strings.NewReader("{}")); r.Status != http.StatusPermanentRedirect {
		t.Errorf("POST /api/v1/reports/: %d", r.Status)
	}
	for _, target := range []string{"/nope/", "//evil.example.org/", "/api/v1/reports//"} {
		r := w.do(http.MethodGet, target, "", nil)
		if r.Status != http.StatusNotFound || r.Header.Get("Location") != "" {
			t.Errorf("GET %s: %d to %q", target, r.Status, r.Header.Get("Location"))
		}
		check(t, "GET "+target, r.Header)
	}
	check(t, "unknown route", w.do(http.MethodGet, "/nope", "", nil).Header)
	check(t, "wrong method", w.do(http.MethodPut, "/api/v1/reports", "", nil).Header)
	check(t, "unknown Open311 route", w.do(http.MethodGet, "/open311/v2/nope.json", "", nil).Header)
}

// contextCancelled returns a context that is already cancelled: an event
// stream given it ends as soon as its handler starts.
func contextCancelled() (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx, cancel
}

// checkSecurityHeaders asserts the headers every answer carries (on the
// https server of securityWorld).
func checkSecurityHeaders(t *testing.T, what string, h http.Header) {
	t.Helper()
	servertest.CheckSecurityHeaders(t, what, h)
	if h.Get("Strict-Transport-Security") == "" {
		t.Errorf("%s: no Strict-Transport-Security on an https server", what)
	}
}
