package server

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/mtaa-project/mtaa/data"
)

// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under
// /open311/v2/: the wire types, the format switch (.json or .xml), the
// error body, the api_key seam and the visibility seam. The handlers are in
// handle_open311*.go.

// open311Spec is the specification token the discovery document names.
const open311Spec = "http://wiki.open311.org/GeoReport_v2"

// Content types of the two formats, as the specification asks.
const (
	contentTypeOpen311JSON = "application/json; charset=utf-8"
	contentTypeOpen311XML  = "text/xml; charset=utf-8"
)

// APIKeyChecker resolves the api_key of an Open311 POST to the submitter it
// belongs to (a user id or name, stored privately with the report); ok is
// false for a missing, unknown or revoked key. It must not block for long:
// it runs on every POST.
//
// This is the seam between Open311 and accounts: the specification's
// api_key is a mapper's API token. Until accounts exist, New backs it with
// Config.AdminToken (see adminAPIKeys).
type APIKeyChecker func(ctx context.Context, key string) (submitter string, ok bool)

// adminAPIKeys accepts the admin token, and nothing when it is empty, as
// the submitter "admin".
func adminAPIKeys(token string) APIKeyChecker {
	return func(_ context.Context, key string) (string, bool) {
		if token == "" || subtle.ConstantTimeCompare([]byte(key), []byte(token)) != 1 {
			return "", false
		}
		return "admin", true
	}
}

// open311Submitter resolves an Open311 api_key: the checker given in
// Deps.Open311Keys when there is one; else the bootstrap admin token, or
// an API token of an account whose role (as the token's scope allows) is
// mapper or higher. userID is the account, 0 for the admin token or a
// custom checker.
func (s *Server) open311Submitter(ctx context.Context, key string) (submitter string, userID uint64, ok bool) {
	if s.apiKeys != nil {
		submitter, ok = s.apiKeys(ctx, key)
		return submitter, 0, ok
	}
	if submitter, ok = adminAPIKeys(s.cfg.AdminToken)(ctx, key); ok || s.accounts == nil {
		return submitter, 0, ok
	}
	u, tok, err := s.accounts.TokenUser(key)
	if err != nil {
		return "", 0, false
	}
	if !tokenRole(u, tok).AtLeast(data.RoleMapper) {
		return "", 0, false
	}
	return "user:" + strconv.FormatUint(u.ID, 10), u.ID, true
}

// open311VisibleStatuses is the one place that decides which reports an
// Open311 reader sees, by status: GET requests.{fmt} and GET
// requests/{id}.{fmt} show only reports whose status is in the returned
// list (never nil or empty: an empty data.Query status list means "any"):
// viewers and above see every status, everyone else (the public, mappers)
// the public statuses (auth_visibility.go).
func (s *Server) open311VisibleStatuses(c *gin.Context) []data.Status {
	if seesAllStatuses(who(c)) {
		return data.Statuses
	}
	return s.publicStatuses()
}

// open311Format is the output format, chosen by the suffix of the path.
type open311Format int

const (
	formatJSON open311Format = iota
	formatXML
)

// open311FormatOf returns the format named by path's suffix; anything but
// ".xml" is JSON (unknown suffixes never reach a handler).
func open311FormatOf(path string) open311Format {
	if strings.HasSuffix(path, ".xml") {
		return formatXML
	}
	return formatJSON
}

// cutFormat splits "123.json" into "123" and its format; ok is false
// without a .json or .xml suffix.
func cutFormat(name string) (string, open311Format, bool) {
	if base, ok := strings.CutSuffix(name, ".json"); ok {
		return base, formatJSON, true
	}
	if base, ok := strings.CutSuffix(name, ".xml"); ok {
		return base, formatXML, true
	}
	return "", formatJSON, false
}

// open311Error is one entry of the specification's error array.
type open311Error struct {
	// Code is the HTTP status of the response.
	Code int `json:"code" xml:"code"`
	// Description names the parameter at fault and what is wrong with it.
	Description string `json:"description" xml:"description"`
}

type open311Errors struct {
	XMLName xml.Name       `json:"-" xml:"errors"`
	Errors  []open311Error `xml:"error"`
}

// open311 adapts an Open311 handler: errors become the specification's
// error array in the request's format, with 400 for bad input, 403 for a
// bad api_key and 404 for unknown resources.
func (s *Server) open311(fn func(c *gin.Context, f open311Format) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		f := open311FormatOf(c.Request.URL.Path)
		if err := fn(c, f); err != nil {
			s.open311Abort(c, f, err)
		}
	}
}

// open311Abort renders err in the Open311 error format.
func (s *Server) open311Abort(c *gin.Context, f open311Format, err error) {
	ae := statusFor(err)
	if ae.Status >= 500 {
		s.log.Error("request failed", "route", c.FullPath(), "status", ae.Status, "err", err)
	}
	desc := ae.Message
	if ae.Field != "" {
		desc = ae.Field + ": " + desc
	}
	list := []open311Error{{Code: ae.Status, Description: desc}}
	s.open311Write(c, f, ae.Status, list, open311Errors{Errors: list})
	c.Abort()
}

// open311Write sends jsonValue as JSON or xmlValue (whose root element
// names the document) as XML with its declaration.
func (s *Server) open311Write(c *gin.Context, f open311Format, status int, jsonValue, xmlValue any) {
	var b []byte
	var err error
	ct := contentTypeOpen311JSON
	if f == formatXML {
		ct = contentTypeOpen311XML
		var buf bytes.Buffer
		buf.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n")
		enc := xml.NewEncoder(&buf)
		enc.Indent("", "  ")
		if err = enc.Encode(xmlValue); err == nil {
			buf.WriteByte('\n')
			b = buf.Bytes()
		}
	} else {
		b, err = json.Marshal(jsonValue)
	}
	if err != nil {
		// Every value sent is built from plain strings and numbers.
		s.log.Error("encode open311 response", "route", c.FullPath(), "err", err)
		c.Status(http.StatusInternalServerError)
		return
	}
	c.Data(status, ct, b)
}

// nullable is a string sent as JSON null when empty and as an empty
// element in XML, the way the specification shows fields it has no value
// for ("account_id":null, <account_id/>).
type nullable string

// MarshalJSON writes null for "" and a JSON string otherwise.
func (n nullable) MarshalJSON() ([]byte, error) {
	if n == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(n))
}
