// Command ceiling is the do-nothing HTTP server that mtaa's load figures
// are compared with: it answers every POST with 201 and a fixed ~300-byte
// JSON body (after draining the request body), and every GET with 200 and a
// fixed body of -get-bytes bytes (default 20 KB). Whatever rate it reaches
// with a load generator on the same machine is "the ceiling".
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"
)

// postReply is shaped like mtaa's answer to POST /api/v1/reports.
const postReply = `{"type":"Feature","id":123456,"geometry":{"type":"Point","coordinates":[39.25,-6.81]},` +
	`"properties":{"id":123456,"category":"flood","description":"water rising near the market","status":"new",` +
	`"channel":"web","location_source":"manual","accuracy_m":null,"observed_at":"2026-01-01T00:00:00Z",` +
	`"received_at":"2026-01-01T00:00:00Z"}}`

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	getBytes := flag.Int("get-bytes", 20<<10, "size of the body answered to GET")
	flag.Parse()

	getBody := makeGetBody(*getBytes)
	postBody := []byte(postReply)
	getLen := strconv.Itoa(len(getBody))
	postLen := strconv.Itoa(len(postBody))

	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		hd := w.Header()
		hd["Content-Type"] = []string{"application/geo+json"}
		switch r.Method {
		case http.MethodPost:
			hd["Content-Length"] = []string{postLen}
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write(postBody)
		default:
			hd["Content-Length"] = []string{getLen}
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write(getBody)
		}
	})
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ln.Addr().String())
	_ = os.Stdout.Sync()
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 120 * time.Second}
	log.Fatal(srv.Serve(ln))
}

// makeGetBody builds a JSON FeatureCollection-like document of about n
// bytes, so that the GET body looks like what mtaa sends.
func makeGetBody(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := 0; b.Len() < n-len(postReply)-3; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(postReply)
	}
	b.WriteString(`]}`)
	for b.Len() < n {
		b.WriteByte(' ')
	}
	return b.Bytes()
}
