package server

import (
	"cmp"
	"encoding/xml"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
)

// Open311 service groups: hazard categories are disasters, the rest city
// services.
const (
	groupDisaster     = "disaster"
	groupCityServices = "city services"
)

type open311Discovery struct {
	XMLName    xml.Name          `json:"-" xml:"discovery"`
	Changeset  string            `json:"changeset" xml:"changeset"`
	Contact    string            `json:"contact" xml:"contact"`
	KeyService string            `json:"key_service" xml:"key_service"`
	Endpoints  []open311Endpoint `json:"endpoints" xml:"endpoints>endpoint"`
}

type open311Endpoint struct {
	Specification string   `json:"specification" xml:"specification"`
	URL           string   `json:"url" xml:"url"`
	Changeset     string   `json:"changeset" xml:"changeset"`
	Type          string   `json:"type" xml:"type"`
	Formats       []string `json:"formats" xml:"formats>format"`
}

// open311DiscoveryDoc serves GET /open311/v2/discovery.{json,xml}: the one
// GeoReport v2 endpoint of this server. The changeset is the server's start
// time: the service list (the taxonomy) can only change with a restart.
func (s *Server) open311DiscoveryDoc(c *gin.Context, f open311Format) error {
	d := open311Discovery{
		Changeset: s.open311Changeset,
		Contact: "mtaa at " + s.baseURL(c) + "; ask the operator of this server. " +
			"Addresses of service requests are derived from OpenStreetMap: " + osmAttribution + ".",
		KeyService: "api_key is an mtaa mapper API token: ask an administrator of this server for one.",
		Endpoints: []open311Endpoint{{
			Specification: open311Spec,
			URL:           s.baseURL(c) + "/open311/v2",
			Changeset:     s.open311Changeset,
			Type:          "production",
			Formats:       []string{"text/xml", "application/json"},
		}},
	}
	s.open311Write(c, f, http.StatusOK, d, d)
	return nil
}

type open311Service struct {
	ServiceCode string `json:"service_code" xml:"service_code"`
	ServiceName string `json:"service_name" xml:"service_name"`
	Description string `json:"description" xml:"description"`
	Metadata    bool   `json:"metadata" xml:"metadata"`
	Type        string `json:"type" xml:"type"`
	Keywords    string `json:"keywords" xml:"keywords"`
	Group       string `json:"group" xml:"group"`
}

type open311Services struct {
	XMLName  xml.Name         `xml:"services"`
	Services []open311Service `xml:"service"`
}

// open311ServiceList serves GET /open311/v2/services.{json,xml}: the
// taxonomy, one service per category, named in the request's language.
func (s *Server) open311ServiceList(c *gin.Context, f open311Format) error {
	if err := open311Params(c, "jurisdiction_id", "locale", "api_key"); err != nil {
		return err
	}
	lang := s.open311Lang(c)
	list := make([]open311Service, 0, len(s.taxonomy.Categories))
	for i := range s.taxonomy.Categories {
		list = append(list, open311ServiceOf(&s.taxonomy.Categories[i], lang))
	}
	s.open311Write(c, f, http.StatusOK, list, open311Services{Services: list})
	return nil
}

// open311ServiceOf describes category cat in lang. No service has
// attributes (metadata false), and every request gets its id at once
// (type realtime).
func open311ServiceOf(cat *data.Category, lang string) open311Service {
	group, kind := groupCityServices, "report"
	if cat.Hazard {
		group, kind = groupDisaster, "hazard report"
	}
	desc := cat.Label("en") + ": " + kind + ", severity " + strconv.Itoa(cat.Severity) + " of " + strconv.Itoa(data.MaxSeverity) + "."
	if cat.Sensitive {
		desc += " Locations are generalised in public output."
	}
	kws := cat.Keywords[lang]
	if len(kws) == 0 {
		kws = cat.Keywords["en"]
	}
	return open311Service{
		ServiceCode: cat.ID,
		ServiceName: cat.Label(lang),
		Description: desc,
		Metadata:    false,
		Type:        "realtime",
		Keywords:    strings.Join(kws, ", "),
		Group:       group,
	}
}

type open311ServiceDefinition struct {
	XMLName     xml.Name `json:"-" xml:"service_definition"`
	ServiceCode string   `json:"service_code" xml:"service_code"`
	// Attributes is always empty, as no service has extra fields: [] in
	// JSON and an empty <attributes/> element in XML.
	Attributes    []struct{} `json:"attributes" xml:"-"`
	XMLAttributes struct{}   `json:"-" xml:"attributes"`
}

// open311ServiceDefinitionDoc serves GET /open311/v2/services/{code}.{fmt}.
// Every service has metadata false, so a client never needs this call; it
// answers anyway, with an empty attribute list, so that generic clients
// that always ask do not fail; an unknown code is 404.
func (s *Server) open311ServiceDefinitionDoc(c *gin.Context, f open311Format) error {
	code, _, ok := cutFormat(c.Param("file"))
	if !ok {
		return open311NotFound("path", "no such resource; end the path in .json or .xml")
	}
	if err := open311Params(c, "jurisdiction_id", "locale", "api_key"); err != nil {
		return err
	}
	if s.taxonomy.Category(code) == nil {
		return open311NotFound("service_code", "unknown service_code "+strconv.Quote(code)+"; see services.json")
	}
	d := open311ServiceDefinition{ServiceCode: code, Attributes: []struct{}{}}
	s.open311Write(c, f, http.StatusOK, d, d)
	return nil
}

func open311NotFound(field, message string) *apiError {
	return &apiError{Status: http.StatusNotFound, Code: "not_found", Field: field, Message: message}
}

// open311Params rejects query parameters other than allowed, and repeated
// ones. Empty values count as absent (the specification's "optional").
func open311Params(c *gin.Context, allowed ...string) error {
	for name, vs := range c.Request.URL.Query() {
		if !slices.Contains(allowed, name) {
			return &apiError{Status: http.StatusBadRequest, Code: "unknown_parameter", Field: name,
				Message: "unknown parameter; this route takes " + strings.Join(allowed, ", ")}
		}
		if len(vs) > 1 {
			return badParam(name, "give this parameter once (comma-separate a list)")
		}
	}
	return nil
}

// open311Lang picks the language of service names: the locale parameter
// if the taxonomy has labels in it, else the best of Accept-Language, else
// English. Region subtags are ignored ("fr-CD" is "fr"); an unsupported
// language falls back rather than failing, as Accept-Language does.
func (s *Server) open311Lang(c *gin.Context) string {
	supported := func(tag string) (string, bool) {
		tag = strings.ToLower(strings.TrimSpace(tag))
		if i := strings.IndexAny(tag, "-_"); i >= 0 {
			tag = tag[:i]
		}
		return tag, tag != "" && slices.Contains(s.taxonomy.LabelLanguages(), tag)
	}
	if l, ok := supported(c.Query("locale")); ok {
		return l
	}
	type weighted struct {
		lang string
		q    float64
	}
	var prefs []weighted
	for part := range strings.SplitSeq(c.GetHeader("Accept-Language"), ",") {
		tag, params, _ := strings.Cut(part, ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if n, err := strconv.ParseFloat(v, 64); err == nil && n >= 0 && n <= 1 {
				q = n
			}
		}
		if l, ok := supported(tag); ok && q > 0 {
			prefs = append(prefs, weighted{l, q})
		}
	}
	slices.SortStableFunc(prefs, func(a, b weighted) int { return cmp.Compare(b.q, a.q) })
	if len(prefs) > 0 {
		return prefs[0].lang
	}
	return "en"
}
