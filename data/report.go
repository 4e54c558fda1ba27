package data

import (
	"fmt"
	"math"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"
)

// Status is where a report stands in the moderation workflow.
type Status string

// The report statuses.
const (
	StatusNew        Status = "new"
	StatusVerified   Status = "verified"
	StatusRejected   Status = "rejected"
	StatusDuplicate  Status = "duplicate"
	StatusInProgress Status = "in_progress"
	StatusResolved   Status = "resolved"
	// StatusReopened is a resolved report whose problem came back.
	StatusReopened Status = "reopened"
)

// Statuses lists every valid status in workflow order.
var Statuses = []Status{StatusNew, StatusVerified, StatusRejected, StatusDuplicate, StatusInProgress, StatusResolved, StatusReopened}

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool { return indexOf(Statuses, s) >= 0 }

// Channel is how a report reached mtaa.
type Channel string

// The intake channels.
const (
	ChannelWeb     Channel = "web"
	ChannelSMS     Channel = "sms"
	ChannelOpen311 Channel = "open311"
	ChannelImport  Channel = "import"
	// ChannelUSSD: a numbered menu on a feature phone (*384*123#).
	ChannelUSSD Channel = "ussd"
	// ChannelWhatsApp: a WhatsApp message, through Twilio.
	ChannelWhatsApp Channel = "whatsapp"
)

// Channels lists every valid channel.
var Channels = []Channel{ChannelWeb, ChannelSMS, ChannelOpen311, ChannelImport, ChannelUSSD, ChannelWhatsApp}

// Valid reports whether c is one of Channels.
func (c Channel) Valid() bool { return indexOf(Channels, c) >= 0 }

// LocationSource says how a report's location was obtained.
type LocationSource string

// The location sources, from most to least precise in general.
const (
	SourceGPS         LocationSource = "gps"
	SourceManual      LocationSource = "manual"
	SourceCoordinates LocationSource = "coordinates" // typed as numbers, e.g. in an SMS
	SourcePlusCode    LocationSource = "plus_code"
	SourcePlaceName   LocationSource = "place_name"
	SourceAskBack     LocationSource = "ask_back" // placed after the server asked for a landmark
	SourceImport      LocationSource = "import"
	// SourceArea: the representative point of an area the resident chose
	// from a list (a USSD menu); the report is somewhere in the area.
	SourceArea LocationSource = "area"
)

// LocationSources lists every valid location source.
var LocationSources = []LocationSource{SourceGPS, SourceManual, SourceCoordinates, SourcePlusCode, SourcePlaceName, SourceAskBack, SourceImport, SourceArea}

// Valid reports whether l is one of LocationSources.
func (l LocationSource) Valid() bool { return indexOf(LocationSources, l) >= 0 }

func indexOf[T comparable](list []T, v T) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}

// Limits on report fields.
const (
	MaxDescriptionRunes  = 2000
	MaxIdempotencyKeyLen = 128
	MaxReporterLen       = 512
	MaxRawTextBytes      = 8192
	MaxAccuracyM         = 100_000
	// MaxNeeds is the most needs a report carries, the main category
	// included.
	MaxNeeds = 8
	// MaxSourceCategories and MaxSourceCategoryLen bound the source
	// labels of an imported report: how many, and the bytes of each.
	MaxSourceCategories  = 32
	MaxSourceCategoryLen = 256
	// MaxClockSkew is how far in the future an observed time may lie.
	MaxClockSkew = time.Hour
)

// Report is one observation by a resident or mapper: something at a place.
//
// IdempotencyKey, Reporter and RawText are private: they are stored but
// never appear in public output.
type Report struct {
	ID uint64
	// Category is the main need: the one a report is filed, counted and
	// shown under.
	Category string
	// Needs lists every category the report is about, ranked, Category
	// among them. nil (every report stored before reports had several
	// needs, and every report with one need) means just Category: use
	// AllNeeds to read it. Validate puts Category into a Needs that lacks
	// it.
	Needs []string
	// SourceCategories are the category labels of an imported report as
	// the source wrote them ("2a. Penurie d'aliments | Food Shortage");
	// nil for other reports.
	SourceCategories []string
	Description      string
	// PublicText, when not nil, is the description as moderators edited
	// it for the public (contact details or names removed); the
	// description stays as sent, for staff. nil: the public reads the
	// description with contact details redacted (privacy.go).
	PublicText     *string
	Location       orb.Point // lon, lat (WGS84)
	LocationSource LocationSource
	AccuracyM      *float64 // nil when unknown
	// LocationConfidence, from 0 to 1, is how sure the server is of a
	// location it worked out from text (SMS place names); nil when the
	// location was given as such (GPS, map pin).
	LocationConfidence *float64
	ObservedAt         time.Time
	ReceivedAt         time.Time
	Channel            Channel
	Status             Status

	IdempotencyKey string
	// RequestHash, when set with IdempotencyKey, is a digest of the request
	// that carries the report: it is kept with the key (not in the
	// record), and a later report with the same key and another
	// RequestHash is refused with ErrIdempotencyReused.
	RequestHash []byte
	// Reporter identifies who sent the report, privately: for SMS a keyed
	// hash of the phone number ("sms:<hex>"), never the number itself.
	Reporter string
	// RawText is the message as received (SMS body), shown to moderators
	// only.
	RawText string
	// DuplicateOf is the report this one repeats (status duplicate); 0
	// when none.
	DuplicateOf uint64
	// SubmittedBy is the account (User.ID) that posted the report with a
	// mapper's token or session; 0 for anonymous, SMS and imported reports.
	SubmittedBy uint64

	// Reconciliation places the report on the OSM map; it is computed when
	// the report is stored and again after every extract import.
	Reconciliation
}

// AreaRef is an OSM area a report lies in: an administrative area, a
// neighbourhood or an informal settlement whose boundary contains it, or,
// where the extract has no boundary around it, the nearest place point.
type AreaRef struct {
	OSMType string `json:"osm_type"`
	OSMID   int64  `json:"osm_id"`
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	// AdminLevel is set for administrative areas only.
	AdminLevel *int `json:"admin_level"`
	// Basis says how the report was found to lie in the area:
	// AreaBasisBoundary or AreaBasisNearestPlace.
	Basis string `json:"basis"`
}

// The values of AreaRef.Basis.
const (
	// AreaBasisBoundary: the area's boundary polygon contains the report.
	AreaBasisBoundary = "boundary"
	// AreaBasisNearestPlace: no boundary polygon contains the report and
	// the area is the nearest place point (suburb, neighbourhood, quarter,
	// village) within that kind of place's reach.
	AreaBasisNearestPlace = "nearest_place"
)

// FeatureRef is the OSM feature nearest to a report among those relevant
// to its category, with the distance in metres.
type FeatureRef struct {
	OSMType   string  `json:"osm_type"`
	OSMID     int64   `json:"osm_id"`
	Name      string  `json:"name"`
	Kind      string  `json:"kind"`
	DistanceM float64 `json:"distance_m"`
}

// Reconciliation is what mtaa knows of a report's place from the OSM
// extract and from other reports.
type Reconciliation struct {
	// Areas contain the report, largest first (country down to
	// neighbourhood).
	Areas []AreaRef
	// Nearest is the nearest relevant feature, nil when none is in range.
	Nearest *FeatureRef
	// NotInOSM marks a report about a facility that OSM lacks nearby: the
	// to-map list for OSM volunteers.
	NotInOSM bool
	// PossibleDuplicateOf lists earlier reports of the same category close
	// in space and time.
	PossibleDuplicateOf []uint64
}

// AllNeeds returns the report's needs, ranked: Needs, or just Category
// when Needs is empty. The result must not be modified.
func (r *Report) AllNeeds() []string {
	if len(r.Needs) == 0 {
		return []string{r.Category}
	}
	return r.Needs
}

// HasNeed reports whether category id is one of r's needs (its main
// category included).
func (r *Report) HasNeed(id string) bool {
	return r.Category == id || slices.Contains(r.Needs, id)
}

// normalizeNeeds puts Category first into a Needs that lacks it, and
// empties a Needs that holds nothing but Category (one need is stored as
// none: see Report.Needs).
func (r *Report) normalizeNeeds() {
	if len(r.Needs) > 0 && r.Category != "" && !slices.Contains(r.Needs, r.Category) {
		r.Needs = append([]string{r.Category}, r.Needs...)
	}
	if len(r.Needs) == 1 && r.Needs[0] == r.Category {
		r.Needs = nil
	}
}

// Validate checks every field of r against its limits and the taxonomy.
// It returns a *ValidationError naming the first bad field. now is the
// server's clock, used to reject observation times in the future. It puts
// Category into a Needs that lacks it (first, as the main need), and
// leaves Needs nil when Category is the only need.
func (r *Report) Validate(tax *Taxonomy, now time.Time) error {
	if err := ValidateLocation(r.Location); err != nil {
		return err
	}
	if r.Category == "" {
		return &ValidationError{Code: CodeMissing, Field: "properties.category", Message: "category is required"}
	}
	if tax != nil && tax.Category(r.Category) == nil {
		return invalid("properties.category", "unknown category %q", r.Category)
	}
	r.normalizeNeeds()
	if err := ValidateNeeds(r.Needs, tax, "properties.needs"); err != nil {
		return err
	}
	if err := validateSourceCategories(r.SourceCategories); err != nil {
		return err
	}
	if !utf8.ValidString(r.Description) {
		return invalid("properties.description", "not valid UTF-8")
	}
	if n := utf8.RuneCountInString(r.Description); n > MaxDescriptionRunes {
		return &ValidationError{Code: CodeTooLarge, Field: "properties.description",
			Message: fmt.Sprintf("description has %d characters; the maximum is %d", n, MaxDescriptionRunes)}
	}
	if !r.LocationSource.Valid() {
		return invalid("properties.location_source", "unknown location source %q", r.LocationSource)
	}
	if a := r.AccuracyM; a != nil && (math.IsNaN(*a) || *a < 0 || *a > MaxAccuracyM) {
		return invalid("properties.accuracy_m", "accuracy must be between 0 and %d metres", MaxAccuracyM)
	}
	if c := r.LocationConfidence; c != nil && !(*c >= 0 && *c <= 1) {
		return invalid("properties.location_confidence", "confidence must be between 0 and 1")
	}
	if !r.Channel.Valid() {
		return invalid("properties.channel", "unknown channel %q", r.Channel)
	}
	if !r.Status.Valid() {
		return invalid("properties.status", "unknown status %q", r.Status)
	}
	if r.ObservedAt.IsZero() {
		return &ValidationError{Code: CodeMissing, Field: "properties.observed_at", Message: "observed time is required"}
	}
	if r.ObservedAt.Year() < 1970 {
		return invalid("properties.observed_at", "observed time before 1970")
	}
	if !now.IsZero() && r.ObservedAt.After(now.Add(MaxClockSkew)) {
		return invalid("properties.observed_at", "observed time is in the future")
	}
	if len(r.IdempotencyKey) > MaxIdempotencyKeyLen || !printableASCII(r.IdempotencyKey) {
		return invalid("idempotency_key", "must be at most %d printable ASCII characters", MaxIdempotencyKeyLen)
	}
	if len(r.Reporter) > MaxReporterLen || !utf8.ValidString(r.Reporter) {
		return invalid("properties.reporter", "must be at most %d bytes of UTF-8", MaxReporterLen)
	}
	if len(r.RawText) > MaxRawTextBytes || !utf8.ValidString(r.RawText) {
		return invalid("raw_text", "must be at most %d bytes of UTF-8", MaxRawTextBytes)
	}
	return nil
}

// ValidateNeeds checks a list of needs: at most MaxNeeds, no repeats, and
// each a category of tax (any non-empty id when tax is nil). Errors are
// *ValidationError naming field.
func ValidateNeeds(needs []string, tax *Taxonomy, field string) error {
	if len(needs) > MaxNeeds {
		return &ValidationError{Code: CodeTooLarge, Field: field,
			Message: fmt.Sprintf("%d needs; a report carries at most %d", len(needs), MaxNeeds)}
	}
	for i, id := range needs {
		if id == "" {
			return invalid(field, "need %d is empty", i+1)
		}
		if tax != nil && tax.Category(id) == nil {
			return invalid(field, "unknown category %q", id)
		}
		if slices.Contains(needs[:i], id) {
			return invalid(field, "category %q is listed twice", id)
		}
	}
	return nil
}

func validateSourceCategories(labels []string) error {
	const field = "properties.source_categories"
	if len(labels) > MaxSourceCategories {
		return &ValidationError{Code: CodeTooLarge, Field: field,
			Message: fmt.Sprintf("%d source categories; the maximum is %d", len(labels), MaxSourceCategories)}
	}
	for i, l := range labels {
		if l == "" || len(l) > MaxSourceCategoryLen || !utf8.ValidString(l) {
			return invalid(field, "label %d must be 1 to %d bytes of UTF-8", i+1, MaxSourceCategoryLen)
		}
	}
	return nil
}

// ValidateLocation checks that p is a plausible WGS84 longitude/latitude.
func ValidateLocation(p orb.Point) error {
	lon, lat := p[0], p[1]
	if math.IsNaN(lon) || math.IsInf(lon, 0) || lon < -180 || lon > 180 {
		return invalid("geometry.coordinates", "longitude must be a number between -180 and 180")
	}
	if math.IsNaN(lat) || math.IsInf(lat, 0) || lat < -90 || lat > 90 {
		return invalid("geometry.coordinates", "latitude must be a number between -90 and 90")
	}
	if lon == 0 && lat == 0 {
		return invalid("geometry.coordinates", "0,0 is a missing position fix, not a place")
	}
	return nil
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}
