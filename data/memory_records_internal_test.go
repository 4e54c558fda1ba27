package data

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/paulmach/orb"
)

// TestMemRecordsKeepsTheLatest: records replaced many times, of sizes
// around a block's, each read back as last put; the blocks let go when
// half empty keep the memory within about twice the records' bytes.
func TestMemRecordsKeepsTheLatest(t *testing.T) {
	m := newMemRecords()
	rng := rand.New(rand.NewPCG(1, 2))
	want := map[uint64][]byte{}
	const ids = 3000
	for i := range 40_000 {
		id := uint64(1 + rng.IntN(ids))
		n := 1 + rng.IntN(900)
		if i%5000 == 0 {
			n = memBlockSize + 10 // a record larger than a block
		}
		rec := bytes.Repeat([]byte{byte(i)}, n)
		m.put(id, rec)
		rec[0]++ // put copied it
		rec[0]--
		want[id] = rec
	}
	for id := uint64(0); id <= ids+1; id++ {
		got, _, _ := m.get(id)
		if !bytes.Equal(got, want[id]) {
			t.Fatalf("record %d: %d bytes %x..., want %d bytes", id, len(got), got[:min(4, len(got))], len(want[id]))
		}
	}
	st := m.stats()
	var total int64
	for _, rec := range want {
		total += int64(memEntryHeader + len(rec))
	}
	if st.Records != len(want) || st.Bytes != total {
		t.Errorf("stats %+v, want %d records of %d bytes", st, len(want), total)
	}
	// Each block but the tail is at least half live, and big records
	// have blocks of their own: 2x plus a block or two of slack.
	if limit := 2*total + 3*memBlockSize; st.Allocated > limit {
		t.Errorf("%d bytes allocated for %d bytes of records (limit %d)", st.Allocated, total, limit)
	}
}

// TestMemRecordsTexts: public texts are copied, replaced and removed,
// and an empty text is a text.
func TestMemRecordsTexts(t *testing.T) {
	m := newMemRecords()
	txt := []byte("fixed")
	m.setText(7, txt)
	txt[0] = 'X'
	if _, got, ok := m.get(7); !ok || string(got) != "fixed" {
		t.Fatalf("text of 7: %q %v", got, ok)
	}
	m.setText(7, []byte{})
	if _, got, ok := m.get(7); !ok || len(got) != 0 {
		t.Fatalf("empty text of 7: %q %v", got, ok)
	}
	m.setText(7, nil)
	if _, _, ok := m.get(7); ok {
		t.Fatal("removed text still held")
	}
}

// TestRecordsInMemoryMatchTheDatabase: a store keeping its records in
// memory (as on PostgreSQL), through creates one by one and in bulk,
// moderations that move reports and set or remove their public text, a
// reconciliation and the stager's moves, answers every read as the same
// database read by a store that reads its records from the file.
func TestRecordsInMemoryMatchTheDatabase(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{recordsInMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.mem == nil {
		t.Fatal("recordsInMemory: no records in memory")
	}
	ctx := context.Background()
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	report := func(i int) Report {
		r := feedReport(39.2+float64(i%40)*0.002, -6.8+float64(i/40)*0.002, fmt.Sprintf("report %d call 0712345678", i))
		if i%3 == 0 {
			r.Category = "gbv" // sensitive: generalised in public
		}
		if i%4 == 0 {
			r.Reporter = fmt.Sprintf("reporter %d", i)
		}
		r.ObservedAt, r.ReceivedAt = at.Add(time.Duration(i)*time.Minute), at.Add(time.Duration(i)*time.Minute)
		return r
	}
	var ids []uint64
	// same checks that the records in memory read as the database does.
	same := func(step string) {
		t.Helper()
		got := readAll(t, s, ids)
		mem := s.mem
		s.mem = nil // read from the file
		want := readAll(t, s, ids)
		s.mem = mem
		if got != want {
			t.Fatalf("after %s: reads from memory differ from the file's:\n%s\n%s", step, got, want)
		}
	}
	for i := range 50 {
		res, err := s.Create(ctx, report(i))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.Report.ID)
	}
	bulk := make([]Report, 50)
	for i := range bulk {
		bulk[i] = report(50 + i)
	}
	created, err := s.CreateMany(ctx, bulk)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range created {
		ids = append(ids, c.Report.ID)
	}
	same("creates")
	text := "public words"
	for i, id := range ids[:30] {
		_, _, err := s.UpdateReport(ctx, id, ReportUpdate{At: at, Change: func(r *Report) error {
			r.Status = StatusVerified
			switch i % 3 {
			case 0:
				r.Location = orb.Point{r.Location[0] + 0.01, r.Location[1]} // a new place key
			case 1:
				r.PublicText = &text
			}
			return nil
		}})
		if err != nil {
			t.Fatal(err)
		}
	}
	same("moderations")
	for i := 1; i < 30; i += 6 { // half the texts set above, removed again
		if _, _, err := s.UpdateReport(ctx, ids[i], ReportUpdate{At: at, Change: func(r *Report) error {
			r.PublicText = nil
			return nil
		}}); err != nil {
			t.Fatal(err)
		}
	}
	same("public texts removed")
	s.SetReconciler(func(r *Report) { r.NotInOSM = r.ID%2 == 0 })
	if n, err := s.ReconcileAll(ctx); err != nil || n != len(ids) {
		t.Fatalf("ReconcileAll = %d, %v", n, err)
	}
	same("reconciliation")
	n, err := s.RewriteReporters(ctx, func(reporter string) (string, error) { return "sealed " + reporter, nil })
	if err != nil || n != 25 {
		t.Fatalf("RewriteReporters = %d, %v; want 25", n, err)
	}
	same("reporters rewritten")
	if r, err := s.Get(ids[0]); err != nil || r.Reporter != "sealed reporter 0" {
		t.Fatalf("report %d after RewriteReporters: %q, %v", ids[0], r.Reporter, err)
	}
	if err := s.db.Update(s.staging.step); err != nil { // staged records to their place
		t.Fatal(err)
	}
	same("staged records moved")

	texts := 0
	for _, id := range ids {
		if r, err := s.Get(id); err == nil && r.PublicText != nil {
			texts++
		}
	}
	if texts == 0 || texts == 10 {
		t.Errorf("%d public texts: the test should have set some and removed some", texts)
	}
	if _, err := s.Feature(1 << 40); err == nil {
		t.Error("a report that does not exist has a Feature")
	}
	live := readAll(t, s, ids)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(dir, Options{recordsInMemory: true}) // loaded into memory at start
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if again.mem == nil {
		t.Fatal("reopened without records in memory")
	}
	if got := readAll(t, again, ids); got != live {
		t.Errorf("reopened: reads from memory differ from the live store's:\n%s\n%s", got, live)
	}
}

// readAll is what s answers for ids: their features for each audience
// and each report as Get returns it.
func readAll(t *testing.T, s *Store, ids []uint64) string {
	t.Helper()
	var out []byte
	for _, a := range []Audience{AudiencePublic, AudienceStaff} {
		f, n, err := s.AppendListFeatures(nil, ids, a)
		if err != nil || n != len(ids) {
			t.Fatalf("%d features of %d, %v", n, len(ids), err)
		}
		out = append(append(out, f...), '\n')
	}
	for _, id := range ids {
		r, err := s.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		out = append(append(out, mustJSON(r)...), '\n')
	}
	return string(out)
}

// TestApplyChangesKeepsRecordsInMemory: the records and public texts
// another server writes reach this server's records in memory through
// the feed, as that server reads them.
func TestApplyChangesKeepsRecordsInMemory(t *testing.T) {
	a, b, _ := twoServers(t)
	if a.mem == nil {
		t.Fatal("a store on a database that is not a file keeps no records in memory")
	}
	ctx := context.Background()
	r, err := b.Create(ctx, feedReport(39.25, -6.80, "from b"))
	if err != nil {
		t.Fatal(err)
	}
	id := r.Report.ID
	if _, err := a.ApplyChanges([]ChangedKey{stagedKey(id)}); err != nil {
		t.Fatal(err)
	}
	text := "said in public"
	if _, _, err := b.UpdateReport(ctx, id, ReportUpdate{At: time.Now(), Change: func(r *Report) error {
		r.Status, r.Description, r.PublicText = StatusVerified, "verified by b", &text
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	same := func(step string) {
		t.Helper()
		for _, au := range []Audience{AudiencePublic, AudienceStaff} {
			got, errA := a.FeatureFor(id, au)
			want, errB := b.FeatureFor(id, au)
			if errA != nil || errB != nil || !bytes.Equal(got, want) {
				t.Errorf("%s: a reads %s (%v), b %s (%v)", step, got, errA, want, errB)
			}
		}
	}
	changed := []ChangedKey{stagedKey(id), {Bucket: [][]byte{bucketPublicText}, Key: idKey(id)}}
	if _, err := a.ApplyChanges(changed); err != nil {
		t.Fatal(err)
	}
	same("public text set")
	if f, _ := a.Feature(id); !bytes.Contains(f, []byte(text)) {
		t.Errorf("a's public Feature %s lacks the public text", f)
	}
	if _, _, err := b.UpdateReport(ctx, id, ReportUpdate{At: time.Now(), Change: func(r *Report) error {
		r.PublicText = nil
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ApplyChanges(changed); err != nil {
		t.Fatal(err)
	}
	same("public text removed")
}

// TestMemRecordsConcurrentReaders: readers keep and read the bytes they
// got while a writer replaces records and blocks are compacted (run with
// -race): every record read is one that was put, whole.
func TestMemRecordsConcurrentReaders(t *testing.T) {
	m := newMemRecords()
	rec := func(id uint64, version int) []byte {
		return []byte(fmt.Sprintf("%d:%d:%s", id, version, bytes.Repeat([]byte{'x'}, int(id%300))))
	}
	const ids = 500
	for id := uint64(1); id <= ids; id++ {
		m.put(id, rec(id, 0))
	}
	done := make(chan struct{})
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			var kept [][]byte
			for {
				select {
				case <-done:
					for _, b := range kept {
						var id uint64
						var v int
						if _, err := fmt.Sscanf(string(b), "%d:%d:", &id, &v); err != nil || !bytes.Equal(b, rec(id, v)) {
							errs <- fmt.Errorf("kept record %q changed", b)
							return
						}
					}
					errs <- nil
					return
				default:
				}
				for id := uint64(1); id <= ids; id += 7 {
					b, _, _ := m.get(id)
					if !bytes.HasPrefix(b, []byte(fmt.Sprint(id, ":"))) {
						errs <- fmt.Errorf("record %d reads %q", id, b)
						return
					}
					if len(kept) < 1000 {
						kept = append(kept, b)
					}
				}
			}
		}()
	}
	for v := 1; v <= 40; v++ {
		for id := uint64(1); id <= ids; id++ {
			m.put(id, rec(id, v))
		}
	}
	close(done)
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
