package sms

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// twilioListPageSize is the page size of Messages list requests (Twilio's
// maximum is 1000) and twilioListMaxPages how many pages one lookup reads
// at most: more is an error (the message is tried again later), never a
// "not found".
const (
	twilioListPageSize = 1000
	twilioListMaxPages = 20
)

// twilioMessagePage is the part of a Messages list page LookupSent reads.
type twilioMessagePage struct {
	Messages []struct {
		SID                 string  `json:"sid"`
		To                  string  `json:"to"`
		From                string  `json:"from"`
		Body                string  `json:"body"`
		Direction           string  `json:"direction"`
		MessagingServiceSID *string `json:"messaging_service_sid"`
		DateCreated         string  `json:"date_created"`
	} `json:"messages"`
	NextPageURI *string `json:"next_page_uri"`
}

// LookupSent asks Twilio whether it took a message with exactly this body
// to the number to from this sender (the From number, or the Messaging
// Service) created at since or later, and returns its SID. It reads the
// account's Messages list filtered by To (and From for a number) and
// DateSent>= the day of since (GMT), every page. An error means the
// answer is unknown.
//
// A message Twilio took but has not sent yet has no date_sent and may be
// missing from a DateSent-filtered list; by the time a send lease has
// ended Twilio has normally sent it.
func (t *TwilioSender) LookupSent(ctx context.Context, to, body string, since time.Time) (string, bool, error) {
	q := url.Values{}
	q.Set("To", to)
	service := strings.HasPrefix(t.from, "MG")
	if !service {
		q.Set("From", t.from)
	}
	q.Set("DateSent>", since.UTC().Format(time.DateOnly))
	q.Set("PageSize", fmt.Sprint(twilioListPageSize))
	next := DefaultTwilioAPIBase + "/2010-04-01/Accounts/" + t.accountSID + "/Messages.json?" + q.Encode()
	for range twilioListMaxPages {
		page, err := t.messagePage(ctx, next)
		if err != nil {
			return "", false, err
		}
		for _, m := range page.Messages {
			if m.Direction != "outbound-api" || m.To != to || m.Body != body {
				continue
			}
			if service && (m.MessagingServiceSID == nil || *m.MessagingServiceSID != t.from) || !service && m.From != t.from {
				continue
			}
			created, err := time.Parse(time.RFC1123Z, m.DateCreated)
			if err != nil {
				return "", false, fmt.Errorf("twilio lookup: message %s: date_created %q: %w", m.SID, m.DateCreated, err)
			}
			if !created.Before(since) {
				return m.SID, true, nil
			}
		}
		if page.NextPageURI == nil || *page.NextPageURI == "" {
			return "", false, nil
		}
		ref, err := url.Parse(*page.NextPageURI)
		if err != nil {
			return "", false, fmt.Errorf("twilio lookup: next page %q: %w", *page.NextPageURI, err)
		}
		base, _ := url.Parse(DefaultTwilioAPIBase)
		next = base.ResolveReference(ref).String()
	}
	return "", false, fmt.Errorf("twilio lookup: more than %d pages of messages to one number", twilioListMaxPages)
}

// messagePage GETs one page of the Messages list.
func (t *TwilioSender) messagePage(ctx context.Context, pageURL string) (*twilioMessagePage, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, pageURL, nil)
	if err != nil {
		return nil, fmt.Errorf("twilio lookup: %w", err)
	}
	req.SetBasicAuth(t.accountSID, t.authToken)
	req.Header.Set("Accept", "application/json")
	resp, err := t.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("twilio lookup: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return nil, fmt.Errorf("twilio lookup: HTTP %d: %s", resp.StatusCode, strings.TrimSpace(string(msg)))
	}
	var page twilioMessagePage
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<20)).Decode(&page); err != nil {
		return nil, fmt.Errorf("twilio lookup: decode page: %w", err)
	}
	return &page, nil
}
