// Command ceiling is the do-nothing HTTP server that mtaa's load figures
// are compared with: it answers every POST with 201 and a fixed ~300-byte
// JSON body (after draining the request body), and every GET with 200 and a
// fixed body of -get-bytes bytes (default 20 KB). Whatever rate it reaches
// with a load generator on the same machine is "the ceiling".
//
// With -durable FILE it is the durable floor instead: each POST body is
// put into the bbolt file FILE under the next sequence number, through
// bbolt's own group commit (DB.Batch: one transaction and fsync for up to
// -batch waiting writers), before the 201. It parses, checks and indexes
// nothing: its rate is what the storage engine alone allows with this HTTP
// stack, the most any durable intake built on it could reach.
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// postReply is shaped like mtaa's answer to POST /api/v1/reports.
const postReply = `{"type":"Feature","id":123456,"geometry":{"type":"Point","coordinates":[39.25,-6.81]},` +
	`"properties":{"id":123456,"category":"flood","description":"water rising near the market","status":"new",` +
	`"channel":"web","location_source":"manual","accuracy_m":null,"observed_at":"2026-01-01T00:00:00Z",` +
	`"received_at":"2026-01-01T00:00:00Z"}}`

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on")
	getBytes := flag.Int("get-bytes", 20<<10, "size of the body answered to GET")
	durable := flag.String("durable", "", "bbolt file: store each POST body, fsynced, before answering")
	batch := flag.Int("batch", 64, "with -durable: most writes per bbolt transaction")
	batchDelay := flag.Duration("batch-delay", 3*time.Millisecond, "with -durable: longest wait for a transaction to fill")
	flag.Parse()

	var db *bolt.DB
	if *durable != "" {
		var err error
		if db, err = openDurable(*durable, *batch, *batchDelay); err != nil {
			log.Fatal(err)
		}
	}

	getBody := makeGetBody(*getBytes)
	postBody := []byte(postReply)
	getLen := strconv.Itoa(len(getBody))
	postLen := strconv.Itoa(len(postBody))

	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if db != nil && r.Method == http.MethodPost {
			if err := store(db, r.Body); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
		}
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

var bucket = []byte("bodies")

// openDurable opens (creating) the bbolt file of the durable floor.
func openDurable(path string, batch int, delay time.Duration) (*bolt.DB, error) {
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.MaxBatchSize, db.MaxBatchDelay = batch, delay
	err = db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists(bucket)
		return err
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("create bucket in %s: %w", path, err)
	}
	return db, nil
}

// store puts the request body under the next sequence number; it returns
// once the transaction that holds it is fsynced.
func store(db *bolt.DB, body io.Reader) error {
	b, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	return db.Batch(func(tx *bolt.Tx) error {
		bk := tx.Bucket(bucket)
		id, err := bk.NextSequence()
		if err != nil {
			return err
		}
		return bk.Put(binary.BigEndian.AppendUint64(nil, id), b)
	})
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
