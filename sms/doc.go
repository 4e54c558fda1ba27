// Package sms is mtaa's SMS channel: residents with basic phones report
// hazards and problems by text message, and receive a reference number,
// status answers and area alerts.
//
// It holds the gateway adapters (Twilio webhooks: signature validation and
// TwiML replies; SMSSync Android phones), the message grammar (categories
// through package classify, coordinates in common notations, Open Location
// Codes, place names through a Locator), the conversation engine (asking
// for the category with a numbered menu when unsure, for the place, or to
// confirm a likely one; several needs per report, accumulated over a
// conversation; STATUS, HELP, JOIN, LEAVE, STOP, START), Engine.Parse (the
// same decisions without storing anything, for mtaa sms parse and the
// parse API), the drafts moderators finish by hand, the reply templates of
// the replies file (replies.json, a city's own copy with --sms-replies) and
// the privacy of phone numbers (keyed hashes, sealed numbers).
//
// sms imports data, text and classify only. Place names come through the Locator interface
// declared here; cmd wires the OSM gazetteer from package mapping into it.
package sms
