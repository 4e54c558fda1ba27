package server

import (
	"encoding/xml"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mtaa-project/mtaa/data"
)

// open311Request is a service request as GET requests returns it: built
// from a report's public fields only. It has no field for the reporter,
// contact details, raw text or idempotency key, so they cannot leak.
type open311Request struct {
	ServiceRequestID  uint64     `json:"service_request_id" xml:"service_request_id"`
	Status            string     `json:"status" xml:"status"`
	StatusNotes       nullable   `json:"status_notes" xml:"status_notes"`
	ServiceName       string     `json:"service_name" xml:"service_name"`
	ServiceCode       string     `json:"service_code" xml:"service_code"`
	Description       nullable   `json:"description" xml:"description"`
	AgencyResponsible nullable   `json:"agency_responsible" xml:"agency_responsible"`
	ServiceNotice     nullable   `json:"service_notice" xml:"service_notice"`
	RequestedDatetime string     `json:"requested_datetime" xml:"requested_datetime"`
	UpdatedDatetime   string     `json:"updated_datetime" xml:"updated_datetime"`
	ExpectedDatetime  nullable   `json:"expected_datetime" xml:"expected_datetime"`
	Address           nullable   `json:"address" xml:"address"`
	AddressID         nullable   `json:"address_id" xml:"address_id"`
	Zipcode           nullable   `json:"zipcode" xml:"zipcode"`
	Lat               coordinate `json:"lat" xml:"lat"`
	Long              coordinate `json:"long" xml:"long"`
	MediaURL          nullable   `json:"media_url" xml:"media_url"`
}

type open311Requests struct {
	XMLName  xml.Name         `xml:"service_requests"`
	Requests []open311Request `xml:"request"`
}

// The Open311 statuses.
const (
	open311Open   = "open"
	open311Closed = "closed"
)

// open311StatusOf maps an mtaa status onto Open311's two: a report is
// closed once resolved, rejected or found a duplicate, and open in every
// other status (new, verified, in_progress, and reopened or any status
// added later).
func open311StatusOf(st data.Status) string {
	switch st {
	case data.StatusResolved, data.StatusRejected, data.StatusDuplicate:
		return open311Closed
	}
	return open311Open
}

// open311StatusNotes says what the mtaa status behind open or closed is.
// Moderators' internal notes are never shown here.
var open311StatusNotes = map[data.Status]string{
	data.StatusNew:        "new: received, not yet verified by a moderator",
	data.StatusVerified:   "verified: confirmed by a moderator",
	data.StatusInProgress: "in_progress: being addressed",
	data.StatusResolved:   "resolved",
	data.StatusRejected:   "rejected by a moderator",
	data.StatusDuplicate:  "duplicate of another report",
}

// statusesFor returns the mtaa statuses in visible that map to one of the
// Open311 statuses wanted (all of visible when wanted is empty).
func statusesFor(wanted []string, visible []data.Status) []data.Status {
	if len(wanted) == 0 {
		return visible
	}
	var out []data.Status
	for _, st := range visible {
		if slices.Contains(wanted, open311StatusOf(st)) {
			out = append(out, st)
		}
	}
	return out
}

// open311RequestOf turns r into its public Open311 form, with the service
// named in lang (the main category: Open311 has one service per request).
// Reports with a sensitive need are generalised as in exports: the point
// snapped to its grid cell and the nearest feature left out of the
// address.
func (s *Server) open311RequestOf(r *data.Report, lang string) open311Request {
	name, sensitive := r.Category, data.SensitiveNeeds(s.taxonomy, r.AllNeeds())
	if cat := s.taxonomy.Category(r.Category); cat != nil {
		name = cat.Label(lang)
	}
	p := r.Location
	if sensitive {
		p = generalisePoint(p)
	}
	notes := open311StatusNotes[r.Status]
	if notes == "" {
		notes = string(r.Status)
	}
	return open311Request{
		ServiceRequestID:  r.ID,
		Status:            open311StatusOf(r.Status),
		StatusNotes:       nullable(notes),
		ServiceName:       name,
		ServiceCode:       r.Category,
		Description:       nullable(r.Description),
		RequestedDatetime: w3cTime(r.ObservedAt),
		UpdatedDatetime:   w3cTime(open311UpdatedAt(r)),
		Address:           nullable(open311Address(r, sensitive)),
		Lat:               coordinate(roundCoordinate(p[1])),
		Long:              coordinate(roundCoordinate(p[0])),
	}
}

// open311UpdatedAt is when r last changed. Reports carry no modification
// time yet, so it is when the report was received, or observed if that is
// later; moderation (accounts work) should return its last change here.
func open311UpdatedAt(r *data.Report) time.Time {
	if r.ObservedAt.After(r.ReceivedAt) {
		return r.ObservedAt
	}
	return r.ReceivedAt
}

// open311Address describes where r is from the OSM areas around it, most
// specific first ("near Zahanati ya Tandale, Mtogole, Kinondoni"), or ""
// when the extract knows nothing of the place.
func open311Address(r *data.Report, sensitive bool) string {
	var parts []string
	if n := r.Nearest; n != nil && n.Name != "" && !sensitive {
		parts = append(parts, "near "+n.Name)
	}
	for i := len(r.Areas) - 1; i >= 0; i-- {
		name := r.Areas[i].Name
		if name != "" && (len(parts) == 0 || parts[len(parts)-1] != name) {
			parts = append(parts, name)
		}
	}
	return strings.Join(parts, ", ")
}

// w3cTime formats t as the specification's w3 date-time, in UTC with "Z".
func w3cTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// coordinate is a degree written in plain decimal notation in both
// formats: encoding/xml would write 1e-05 for a point near the equator or
// the prime meridian.
type coordinate float64

// MarshalJSON writes the number in decimal notation.
func (v coordinate) MarshalJSON() ([]byte, error) { return v.MarshalText() }

// MarshalText writes the number in decimal notation.
func (v coordinate) MarshalText() ([]byte, error) {
	return strconv.AppendFloat(nil, float64(v), 'f', -1, 64), nil
}

// roundCoordinate keeps 7 decimals (about a centimetre), as the GeoJSON
// output does.
func roundCoordinate(v float64) float64 { return math.Round(v*1e7) / 1e7 }
