// Package httpjson is what the crash programs share to read a server's
// JSON answers.
package httpjson

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// Get fetches url with client and decodes its JSON body into v; an answer
// other than 200 is an error naming the status.
func Get(ctx context.Context, client *http.Client, url string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: status %d", url, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}
