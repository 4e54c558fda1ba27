package server

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
)

// ReporterRewriter rewrites the private reporter of every stored report;
// *data.Store is one.
type ReporterRewriter interface {
	RewriteReporters(ctx context.Context, change func(reporter string) (string, error)) (int, error)
}

// open311ContactFields are the contact details an Open311 client may give.
var open311ContactFields = []string{"account_id", "device_id", "email", "first_name", "last_name", "phone"}

// SealClearContacts seals the contact details of Open311 requests stored
// by versions that kept them in clear in the report's reporter, as new
// requests are sealed (open311Reporter), so that a copy of the database
// does not give them away. Without a contact vault it changes nothing. It
// answers how many reports it rewrote; running it again rewrites none.
func (s *Server) SealClearContacts(ctx context.Context, st ReporterRewriter) (int, error) {
	if s.contacts == nil {
		return 0, nil
	}
	n, err := st.RewriteReporters(ctx, s.sealClearOpen311Contact)
	if err != nil {
		return n, fmt.Errorf("seal open311 contacts: %w", err)
	}
	return n, nil
}

// sealClearOpen311Contact returns reporter with the contact details it
// holds in clear moved into its sealed part; any other reporter, or one
// without clear details, is returned as it is.
func (s *Server) sealClearOpen311Contact(reporter string) (string, error) {
	rest, ok := strings.CutPrefix(reporter, "open311:")
	if !ok {
		return reporter, nil
	}
	v, err := url.ParseQuery(rest)
	if err != nil {
		return reporter, nil // not written by mtaa: left alone
	}
	clear := url.Values{}
	for _, name := range open311ContactFields {
		if val := v.Get(name); val != "" {
			clear.Set(name, val)
		}
		v.Del(name)
	}
	if len(clear) == 0 {
		return reporter, nil
	}
	if old := v.Get("sealed"); old != "" {
		// Sealed details kept beside clear ones: open them and merge, the
		// sealed ones winning.
		b, err := base64.RawURLEncoding.DecodeString(old)
		if err != nil {
			return "", fmt.Errorf("open311 reporter: sealed contact: %w", err)
		}
		plain, err := s.contacts.OpenContact(b)
		if err != nil {
			return "", fmt.Errorf("open311 reporter: sealed contact: %w", err)
		}
		sealedFields, err := url.ParseQuery(plain)
		if err != nil {
			return "", fmt.Errorf("open311 reporter: sealed contact: %w", err)
		}
		for name := range sealedFields {
			clear.Set(name, sealedFields.Get(name))
		}
	}
	sealed, err := s.contacts.SealContact(clear.Encode())
	if err != nil {
		return "", fmt.Errorf("open311 contact: %w", err)
	}
	v.Set("sealed", base64.RawURLEncoding.EncodeToString(sealed))
	return "open311:" + v.Encode(), nil
}
