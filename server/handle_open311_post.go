package server

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"mime"
	"net/http"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/mapping"
)

// Limits on the Open311 POST fields mtaa keeps.
const (
	maxOpen311NameRunes = 64
	maxOpen311Email     = 128
	maxOpen311Phone     = 32
	maxOpen311ID        = 64
	maxOpen311MediaURL  = 2048
	maxOpen311Address   = 256
	// maxOpen311IdemKey leaves room in data.MaxIdempotencyKeyLen for the
	// "o311:" prefix and the submitter's hash.
	maxOpen311IdemKey = 100
)

// open311FormFields are the POST fields of the specification; anything
// else is refused, so that a misspelt field is not silently lost.
var open311FormFields = []string{"api_key", "jurisdiction_id", "service_code", "lat", "long", "address_string",
	"address_id", "email", "device_id", "account_id", "first_name", "last_name", "phone", "description", "media_url"}

// open311Created is the answer to a POST: the id at once (services are
// realtime), a notice, and the client's own account_id echoed.
type open311Created struct {
	ServiceRequestID uint64   `json:"service_request_id" xml:"service_request_id"`
	ServiceNotice    nullable `json:"service_notice" xml:"service_notice"`
	AccountID        nullable `json:"account_id" xml:"account_id"`
}

type open311CreatedList struct {
	XMLName  xml.Name         `xml:"service_requests"`
	Requests []open311Created `xml:"request"`
}

// open311CreateRequest serves POST /open311/v2/requests.{json,xml}: a
// form-encoded service request becomes a report of channel open311,
// stored through the same path as web reports. The location is lat and
// long, or address_string looked up in the OSM gazetteer. Contact details
// are kept as the report's private reporter and never shown again. An
// Idempotency-Key header makes retries safe: the repeat answers with the
// original's id. The answer is 200 either way (Open311 clients expect
// 200), with a Location header.
func (s *Server) open311CreateRequest(c *gin.Context, f open311Format) error {
	// >> Args
	form, err := readOpen311Form(c)
	if err != nil {
		return err
	}
	key := form.Get("api_key")
	if key == "" {
		key, _ = strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	}
	submitter, userID, ok := "", uint64(0), false
	if key != "" {
		// A wrong api_key counts as a failed bearer token (auth.go).
		if s.limits.badToken.blocked(c.ClientIP(), s.now()) {
			return tooManyRequests(c, "ip")
		}
		if submitter, userID, ok = s.open311Submitter(c.Request.Context(), key); !ok {
			s.limits.badToken.allow(c.ClientIP(), s.now())
		}
	}
	if !ok {
		return &apiError{Status: http.StatusForbidden, Code: "forbidden", Field: "api_key",
			Message: "missing or invalid api_key; a mapper's API token is needed to create service requests"}
	}
	r, err := s.open311Report(form, submitter)
	if err != nil {
		return err
	}
	r.SubmittedBy = userID
	if k := c.GetHeader("Idempotency-Key"); k != "" {
		if len(k) > maxOpen311IdemKey {
			return badParam("Idempotency-Key", "at most "+strconv.Itoa(maxOpen311IdemKey)+" printable ASCII characters")
		}
		// Keys are per submitter: one client cannot fetch another's report
		// by guessing its key.
		h := sha256.Sum256([]byte(submitter))
		r.IdempotencyKey = "o311:" + hex.EncodeToString(h[:8]) + ":" + k
		// The same key with another request is refused (409), not
		// answered with the first one.
		fields := url.Values{}
		for name, v := range form {
			if name != "api_key" {
				fields[name] = v
			}
		}
		sum := sha256.Sum256([]byte(fields.Encode())) // Encode sorts by name
		r.RequestHash = sum[:16]
	}
	now := s.now().UTC()
	r.ObservedAt, r.ReceivedAt = now, now
	if err := r.Validate(s.taxonomy, now); err != nil {
		return open311Field(err)
	}

	// >> Operation
	res, err := s.store.Create(c.Request.Context(), r)
	if errors.Is(err, data.ErrIdempotencyReused) {
		return &apiError{Status: http.StatusConflict, Code: "idempotency_key_reused", Field: "Idempotency-Key",
			Message: "this idempotency key was used with another request; use a new key for a new request"}
	}
	if err != nil {
		return err
	}

	// >> Response
	id := res.Report.ID
	c.Header("Location", s.baseURL(c)+"/open311/v2/requests/"+strconv.FormatUint(id, 10)+formatSuffix(f))
	out := []open311Created{{
		ServiceRequestID: id,
		ServiceNotice:    nullable(s.open311Notice(r.Category, id)),
		AccountID:        nullable(form.Get("account_id")),
	}}
	s.open311Write(c, f, http.StatusOK, out, open311CreatedList{Requests: out})
	return nil
}

func formatSuffix(f open311Format) string {
	if f == formatXML {
		return ".xml"
	}
	return ".json"
}

// open311Notice tells the client what happens next.
func (s *Server) open311Notice(category string, id uint64) string {
	n := "Report " + strconv.FormatUint(id, 10) + " received; a moderator will verify it."
	if cat := s.taxonomy.Category(category); cat != nil && cat.Hazard && cat.Severity >= 4 {
		n += " If lives are in danger, also call the emergency services."
	}
	return n
}

// readOpen311Form reads the form-encoded body (at most MaxBodyBytes). The
// query string may carry only api_key and jurisdiction_id; a field given
// twice is refused.
func readOpen311Form(c *gin.Context) (url.Values, error) {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || mt != "application/x-www-form-urlencoded" {
		return nil, badParam("Content-Type", "send the service request as application/x-www-form-urlencoded")
	}
	body, err := readAtMost(c, MaxBodyBytes)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, &apiError{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Field: "body",
			Message: "request body is larger than " + strconv.Itoa(MaxBodyBytes) + " bytes"}
	case err != nil:
		return nil, badParam("body", "could not read the request body")
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, badParam("body", "not a valid form encoding")
	}
	for name, vs := range c.Request.URL.Query() {
		if name != "api_key" && name != "jurisdiction_id" {
			return nil, badParam(name, "send service request fields in the form body, not the URL")
		}
		form[name] = append(form[name], vs...)
	}
	for name, vs := range form {
		if strings.HasPrefix(name, "attribute[") {
			return nil, badParam(name, "no service has attributes (metadata is false); leave them out")
		}
		if !slices.Contains(open311FormFields, name) {
			return nil, &apiError{Status: http.StatusBadRequest, Code: "unknown_parameter", Field: name,
				Message: "not a GeoReport v2 service request field"}
		}
		if len(vs) > 1 {
			return nil, badParam(name, "give this field once")
		}
		if !utf8.ValidString(vs[0]) {
			return nil, badParam(name, "not valid UTF-8")
		}
	}
	return form, nil
}

// open311Report builds the report of a service request form from an
// accepted submitter. It checks every field it reads; Validate checks the
// result.
func (s *Server) open311Report(form url.Values, submitter string) (data.Report, error) {
	r := data.Report{Channel: data.ChannelOpen311, Status: data.StatusNew}
	code := strings.TrimSpace(form.Get("service_code"))
	if code == "" {
		return r, &apiError{Status: http.StatusBadRequest, Code: data.CodeMissing, Field: "service_code",
			Message: "service_code is required; see services.json"}
	}
	if s.taxonomy.Category(code) == nil {
		return r, open311NotFound("service_code", "unknown service_code "+strconv.Quote(code)+"; see services.json")
	}
	r.Category = code
	r.Description = strings.TrimSpace(form.Get("description"))
	if n := utf8.RuneCountInString(r.Description); n > data.MaxDescriptionRunes {
		return r, badParam("description", "description has "+strconv.Itoa(n)+" characters; the maximum here is "+
			strconv.Itoa(data.MaxDescriptionRunes))
	}
	if err := s.open311Locate(form, &r); err != nil {
		return r, err
	}
	reporter, err := s.open311Reporter(form, submitter)
	if err != nil {
		return r, err
	}
	r.Reporter = reporter
	// What the client sent about the place and media is kept for
	// moderators, privately: an address may be someone's home.
	private := url.Values{}
	for _, name := range []string{"address_string", "media_url"} {
		if v := strings.TrimSpace(form.Get(name)); v != "" {
			private.Set(name, v)
		}
	}
	if mu := private.Get("media_url"); mu != "" {
		if err := checkMediaURL(mu); err != nil {
			return r, err
		}
	}
	r.RawText = private.Encode()
	return r, nil
}

// open311Locate sets r's location from lat and long, or else from
// address_string through the gazetteer. address_id is not supported: mtaa
// has no address register.
func (s *Server) open311Locate(form url.Values, r *data.Report) error {
	lat, long := strings.TrimSpace(form.Get("lat")), strings.TrimSpace(form.Get("long"))
	address := strings.TrimSpace(form.Get("address_string"))
	switch {
	case lat != "" || long != "":
		if lat == "" || long == "" {
			field := "lat"
			if lat != "" {
				field = "long"
			}
			return &apiError{Status: http.StatusBadRequest, Code: data.CodeMissing, Field: field,
				Message: "lat and long go together"}
		}
		y, err := parseCoordinate("lat", lat, 90)
		if err != nil {
			return err
		}
		x, err := parseCoordinate("long", long, 180)
		if err != nil {
			return err
		}
		r.Location = orb.Point{x, y}
		if err := data.ValidateLocation(r.Location); err != nil {
			return badParam("lat", "0,0 is a missing position fix, not a place")
		}
		r.LocationSource = data.SourceManual
		return nil
	case address != "":
		return s.open311Geocode(address, r)
	case strings.TrimSpace(form.Get("address_id")) != "":
		return badParam("address_id", "mtaa has no address register; send lat and long, or address_string")
	}
	return &apiError{Status: http.StatusBadRequest, Code: data.CodeMissing, Field: "lat",
		Message: "a location is required: lat and long, or address_string"}
}

// parseCoordinate reads a decimal degree within ±limit.
func parseCoordinate(field, v string, limit float64) (float64, error) {
	// Plain decimal notation only: ParseFloat alone would also take hex
	// floats, Inf and NaN.
	plain := !strings.ContainsFunc(v, func(r rune) bool { return !strings.ContainsRune("0123456789.+-eE", r) })
	n, err := strconv.ParseFloat(v, 64)
	if !plain || err != nil || math.IsNaN(n) || math.IsInf(n, 0) || n < -limit || n > limit {
		return 0, badParam(field, field+" must be a decimal number of degrees between -"+
			strconv.Itoa(int(limit))+" and "+strconv.Itoa(int(limit))+" (WGS84)")
	}
	return n, nil
}

// open311Geocode places r at the place address names, as the SMS channel
// does: the best match of the gazetteer if it is a clear winner; when two
// places match about as well, the client is asked to be more specific.
func (s *Server) open311Geocode(address string, r *data.Report) error {
	if utf8.RuneCountInString(address) > maxOpen311Address {
		return badParam("address_string", "at most "+strconv.Itoa(maxOpen311Address)+" characters")
	}
	g := s.currentGazetteer()
	if g == nil {
		return badParam("address_string", "this server has no OSM extract to look places up in; send lat and long")
	}
	ms := g.FindInText(address, nil, 3)
	if len(ms) == 0 {
		return badParam("address_string", "no place of that name in the OSM extract; send lat and long, or name a nearby landmark")
	}
	if len(ms) > 1 && ms[1].Confidence >= ms[0].Confidence-placeClearWinner {
		labels := make([]string, len(ms))
		for i, m := range ms {
			labels[i] = m.Label
		}
		return badParam("address_string", "ambiguous: could be "+strings.Join(labels, "; ")+"; be more specific")
	}
	conf := math.Round(ms[0].Confidence*1000) / 1000
	r.Location, r.LocationSource, r.LocationConfidence = ms[0].Point, data.SourcePlaceName, &conf
	return nil
}

// currentGazetteer is the gazetteer of the extract in use, or nil.
func (s *Server) currentGazetteer() *mapping.Gazetteer {
	if s.gazetteer == nil {
		return nil
	}
	return s.gazetteer()
}

// placeClearWinner is how much more confident the best place must be than
// the second to be taken (as in the SMS channel).
const placeClearWinner = 0.15

// open311Reporter encodes who sent the request, privately: the submitter
// the api_key belongs to and the contact details the client gave, as
// "open311:" and a form encoding, at most data.MaxReporterLen bytes.
func (s *Server) open311Reporter(form url.Values, submitter string) (string, error) {
	contact := url.Values{}
	for _, name := range open311ContactFields {
		val := strings.TrimSpace(form.Get(name))
		if val == "" {
			continue
		}
		if err := checkContactField(name, val); err != nil {
			return "", err
		}
		contact.Set(name, val)
	}
	v := url.Values{"by": {submitter}}
	if len(contact) > 0 && s.contacts != nil {
		// Sealed at rest as subscribers' numbers are: a copy of the
		// database (a backup) does not give them away.
		sealed, err := s.contacts.SealContact(contact.Encode())
		if err != nil {
			return "", fmt.Errorf("open311 contact: %w", err)
		}
		v.Set("sealed", base64.RawURLEncoding.EncodeToString(sealed))
	}
	rep := "open311:" + v.Encode()
	if len(rep) > data.MaxReporterLen {
		return "", badParam("email", "the contact details (account_id, device_id, email, names, phone) are too long together")
	}
	return rep, nil
}

// open311Contact returns the contact details sealed in an Open311
// reporter, for moderators, or nil when there are none (or no key).
func (s *Server) open311Contact(reporter string) map[string]string {
	rest, ok := strings.CutPrefix(reporter, "open311:")
	if !ok || s.contacts == nil {
		return nil
	}
	v, err := url.ParseQuery(rest)
	if err != nil || v.Get("sealed") == "" {
		return nil
	}
	sealed, err := base64.RawURLEncoding.DecodeString(v.Get("sealed"))
	if err != nil {
		return nil
	}
	plain, err := s.contacts.OpenContact(sealed)
	if err != nil {
		s.log.Warn("open311 contact cannot be opened (another key?)", "err", err)
		return nil
	}
	fields, err := url.ParseQuery(plain)
	if err != nil {
		return nil
	}
	out := map[string]string{}
	for k := range fields {
		out[k] = fields.Get(k)
	}
	return out
}

// checkContactField checks one personal field of the form.
func checkContactField(name, v string) error {
	switch name {
	case "email":
		a, err := mail.ParseAddress(v)
		if err != nil || a.Address != v || len(v) > maxOpen311Email {
			return badParam(name, "not an e-mail address (at most "+strconv.Itoa(maxOpen311Email)+" characters)")
		}
	case "phone":
		digits := 0
		for _, r := range v {
			switch {
			case r >= '0' && r <= '9':
				digits++
			case strings.ContainsRune("+ ()-.", r):
			default:
				return badParam(name, "a phone number has digits, spaces and + ( ) - . only")
			}
		}
		if digits < 3 || len(v) > maxOpen311Phone {
			return badParam(name, "not a phone number")
		}
	case "first_name", "last_name":
		if utf8.RuneCountInString(v) > maxOpen311NameRunes || strings.ContainsFunc(v, unicode.IsControl) {
			return badParam(name, "at most "+strconv.Itoa(maxOpen311NameRunes)+" characters, no control characters")
		}
	default: // account_id, device_id
		if len(v) > maxOpen311ID || strings.ContainsFunc(v, func(r rune) bool { return r < 0x21 || r > 0x7e }) {
			return badParam(name, "at most "+strconv.Itoa(maxOpen311ID)+" printable ASCII characters")
		}
	}
	return nil
}

// checkMediaURL accepts an absolute http or https URL.
func checkMediaURL(v string) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(v) > maxOpen311MediaURL {
		return badParam("media_url", "an absolute http or https URL of at most "+strconv.Itoa(maxOpen311MediaURL)+" characters")
	}
	return nil
}

// open311Field renames the fields of a report validation error to the
// form's names.
func open311Field(err error) error {
	var ve *data.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	field := ve.Field
	switch field {
	case "geometry.coordinates":
		field = "lat"
	case "properties.category":
		field = "service_code"
	case "properties.description":
		field = "description"
	case "properties.reporter":
		field = "email"
	case "raw_text":
		field = "address_string"
	case "idempotency_key":
		field = "Idempotency-Key"
	}
	return &apiError{Status: http.StatusBadRequest, Code: ve.Code, Field: field, Message: ve.Message}
}
