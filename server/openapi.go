package server

import (
	"encoding/json"

	"github.com/mtaa-project/mtaa/data"
)

type obj = map[string]any

// openAPIDocument builds the OpenAPI 3.0 definition of the /ogc API. Its
// server URL is relative ("/ogc") unless a public URL is configured, so the
// same document is right behind any proxy.
func (s *Server) openAPIDocument() []byte {
	serverURL := "/ogc"
	if s.cfg.PublicURL != "" {
		serverURL = s.cfg.PublicURL + "/ogc"
	}
	statuses := make([]string, len(data.Statuses))
	for i, st := range data.Statuses {
		statuses[i] = string(st)
	}
	jsonResp := func(desc string) obj {
		return obj{"description": desc, "content": obj{contentTypeJSON: obj{"schema": obj{"type": "object"}}}}
	}
	geoResp := func(desc string) obj {
		return obj{"description": desc, "content": obj{contentTypeGeoJSON: obj{"schema": obj{"type": "object"}}}}
	}
	errResp := obj{"description": "Invalid request; the body names the parameter.", "content": obj{contentTypeJSON: obj{"schema": obj{"$ref": "#/components/schemas/error"}}}}
	notFound := obj{"description": "Not found.", "content": obj{contentTypeJSON: obj{"schema": obj{"$ref": "#/components/schemas/error"}}}}
	ref := func(name string) obj { return obj{"$ref": "#/components/parameters/" + name} }
	op := func(id, summary string, params []obj, ok obj) obj {
		o := obj{"operationId": id, "summary": summary, "responses": obj{"200": ok, "400": errResp, "404": notFound}}
		if params != nil {
			o["parameters"] = params
		}
		return obj{"get": o}
	}
	doc := obj{
		"openapi": "3.0.3",
		"info": obj{
			"title":       "mtaa OGC API – Features",
			"version":     s.cfg.Version,
			"description": "Reports by residents and mappers, and OpenStreetMap-derived layers, as OGC API – Features (Part 1: Core) with GeoJSON.",
			"license":     obj{"name": "Data: ODbL 1.0 for OpenStreetMap-derived layers (© OpenStreetMap contributors)"},
		},
		"servers": []obj{{"url": serverURL}},
		"paths": obj{
			"/":                                      op("getLandingPage", "Landing page", nil, jsonResp("Links to the API definition, conformance and collections.")),
			"/api":                                   obj{"get": obj{"operationId": "getAPI", "summary": "This document", "responses": obj{"200": obj{"description": "The OpenAPI document.", "content": obj{contentTypeOpenAPI: obj{"schema": obj{"type": "object"}}}}}}},
			"/conformance":                           op("getConformance", "Conformance classes", nil, jsonResp("The conformance classes implemented.")),
			"/collections":                           op("getCollections", "Feature collections", nil, jsonResp("The collections.")),
			"/collections/{collectionId}":            op("describeCollection", "One collection", []obj{ref("collectionId")}, jsonResp("The collection, with its extent.")),
			"/collections/reports/items":             op("getReports", "Reports as GeoJSON", []obj{ref("bbox"), ref("datetime"), ref("limit"), ref("offset"), ref("category"), ref("status"), ref("f")}, geoResp("A page of reports.")),
			"/collections/reports/items/{featureId}": op("getReport", "One report", []obj{ref("featureId")}, geoResp("The report.")),
		},
		"components": obj{
			"parameters": obj{
				"collectionId": obj{"name": "collectionId", "in": "path", "required": true, "schema": obj{"type": "string"}},
				"featureId":    obj{"name": "featureId", "in": "path", "required": true, "schema": obj{"type": "integer", "minimum": 1}},
				"bbox": obj{"name": "bbox", "in": "query", "required": false, "style": "form", "explode": false,
					"description": "minLon,minLat,maxLon,maxLat in CRS84",
					"schema":      obj{"type": "array", "minItems": 4, "maxItems": 6, "items": obj{"type": "number"}}},
				"datetime": obj{"name": "datetime", "in": "query", "required": false,
					"description": "Observation time: an RFC 3339 instant or date, or an interval start/end with '..' for an open end.",
					"schema":      obj{"type": "string"}},
				"limit": obj{"name": "limit", "in": "query", "required": false, "style": "form", "explode": false,
					"schema": obj{"type": "integer", "minimum": 1, "maximum": MaxLimit, "default": DefaultLimit}},
				"offset": obj{"name": "offset", "in": "query", "required": false,
					"schema": obj{"type": "integer", "minimum": 0, "default": 0}},
				"category": obj{"name": "category", "in": "query", "required": false, "style": "form", "explode": false,
					"description": "Comma-separated category ids; a report matches when any of its needs (the main category or another) is one of them.",
					"schema":      obj{"type": "array", "items": obj{"type": "string", "enum": s.taxonomy.IDs()}}},
				"status": obj{"name": "status", "in": "query", "required": false, "style": "form", "explode": false,
					"description": "Comma-separated statuses.",
					"schema":      obj{"type": "array", "items": obj{"type": "string", "enum": statuses}}},
				"f": obj{"name": "f", "in": "query", "required": false, "schema": obj{"type": "string", "enum": []string{"json", "geojson"}}},
			},
			"schemas": obj{
				"error": obj{"type": "object", "properties": obj{"error": obj{"type": "object", "properties": obj{
					"code": obj{"type": "string"}, "field": obj{"type": "string"}, "message": obj{"type": "string"}}}}},
			},
		},
	}
	if s.extract != nil {
		paths := doc["paths"].(obj)
		params := doc["components"].(obj)["parameters"].(obj)
		params["class"] = obj{"name": "class", "in": "query", "required": false, "style": "form", "explode": false,
			"description": "Comma-separated OSM tag values, e.g. hospital,clinic.", "schema": obj{"type": "array", "items": obj{"type": "string"}}}
		params["osmFeatureId"] = obj{"name": "featureId", "in": "path", "required": true,
			"description": "node-123, way-45 or relation-6", "schema": obj{"type": "string"}}
		for _, col := range osmCollections {
			kinds := make([]string, len(col.osmKinds))
			for i, k := range col.osmKinds {
				kinds[i] = k.String()
			}
			params["kind-"+col.id] = obj{"name": "kind", "in": "query", "required": false, "style": "form", "explode": false,
				"schema": obj{"type": "array", "items": obj{"type": "string", "enum": kinds}}}
			paths["/collections/"+col.id+"/items"] = op("get-"+col.id, col.title+" from OpenStreetMap as GeoJSON",
				[]obj{ref("bbox"), ref("limit"), ref("offset"), ref("kind-" + col.id), ref("class"), ref("f")}, geoResp("A page of features."))
			paths["/collections/"+col.id+"/items/{featureId}"] = op("get-"+col.id+"-item", "One feature",
				[]obj{ref("osmFeatureId")}, geoResp("The feature."))
		}
	}
	s.layerOpenAPI(doc["paths"].(obj), doc["components"].(obj)["parameters"].(obj), op, geoResp)
	b, err := json.Marshal(doc)
	if err != nil {
		panic("server: encode OpenAPI document: " + err.Error()) // static maps of plain values
	}
	return b
}
