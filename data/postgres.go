package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/pgkv"
)

// The store on PostgreSQL (package pgkv) keeps, besides its buckets, a
// PostGIS table of the reports and the view reports_public
// (postgres/0001_reports.sql), for GIS teams that read the reports from
// QGIS. The table is a projection of the report records: pgkv calls
// reportRows for the records written to bucketReports or bucketIncoming
// and publicTextRow for every public text, in the transaction that writes
// them. Every value a public reader may see (the public point, the
// redacted description, visible_public) is worked out here by the rules
// of privacy.go, the same that write public Features, so that the view
// only selects columns and rows and has no rule of its own.
//
// A row is keyed by report id and remembers its record's key: a record
// written under a new key (a moved location, a staged record moving to
// its place) replaces the row, and a deletion removes it only when it
// still holds that key, so the order in which one transaction's
// deletions and puts reach the table does not matter.
//
// The rows depend on the deployment's rules (the taxonomy's sensitive
// categories, whether unverified reports are public) and on this code.
// The store compares their fingerprint with the one the rows were last
// written with (keyProjection in the meta bucket) and writes every record
// again when they differ, so that a category made sensitive is
// generalised in the view too (OpenEngine, given a PostgresDB, unless
// read-only).

//go:embed postgres/*.sql
var postgresSQL embed.FS

// projectionVersion names the layout of the rows reportRows writes: bump
// it when reportRows computes a column differently, so that the store
// writes the rows again.
const projectionVersion = 1

// keyProjection holds, in bucketMeta, the fingerprint of the rules the
// reports table was last written with.
var keyProjection = []byte("pg_projection")

// PostgresOptions configures OpenPostgres beyond Options.
type PostgresOptions struct {
	// PublicUnverified says that the public sees new reports before
	// moderators verify them (the server's Config.PublicUnverified): it
	// decides which rows reports_public shows.
	PublicUnverified bool
	// Engine is pgkv's configuration (pool size, ListenError, …); data
	// adds its migrations and projections to the ones it holds.
	Engine pgkv.Options
}

// PostgresDB is the engine of a store on PostgreSQL: a pgkv database
// opened by OpenPostgresDB with data's tables and projections. Its pgkv
// methods (the change feed, Pool) are at hand; OpenEngine, given it,
// also brings the reports table up to date with the rules.
type PostgresDB struct {
	*pgkv.DB
	// rules is the fingerprint of the rules the projections write with.
	rules []byte
}

// OpenPostgresDB connects to the PostgreSQL database at url
// (postgres://…) and creates or upgrades data's tables (pgkv applies the
// migrations under a lock, so servers may start together). The
// projections write the reports table with opts.Taxonomy's sensitive
// categories: pass the same opts to OpenEngine.
func OpenPostgresDB(ctx context.Context, url string, opts Options, pg PostgresOptions) (*PostgresDB, error) {
	proj := newProjector(opts.privacy(), pg.PublicUnverified)
	migs, err := postgresMigrations()
	if err != nil {
		return nil, err
	}
	eng := pg.Engine
	eng.Migrations = append(slices.Clip(eng.Migrations), migs...)
	eng.Projections = append(slices.Clip(eng.Projections), proj.projections()...)
	db, err := pgkv.Open(ctx, url, eng)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	return &PostgresDB{DB: db, rules: proj.fingerprint()}, nil
}

// OpenPostgres opens the store kept in the PostgreSQL database at url:
// OpenPostgresDB, then OpenEngine with dir, the data directory for what
// is not kept in the database. It returns the engine too, for its change
// feed; the store owns it (Store.Close closes it).
func OpenPostgres(ctx context.Context, url, dir string, opts Options, pg PostgresOptions) (*Store, *PostgresDB, error) {
	db, err := OpenPostgresDB(ctx, url, opts, pg)
	if err != nil {
		return nil, nil, err
	}
	s, err := OpenEngine(db, dir, opts) // closes db when it fails
	if err != nil {
		return nil, nil, err
	}
	return s, db, nil
}

// postgresMigrations returns data's schema changes, in file name order.
func postgresMigrations() ([]pgkv.Migration, error) {
	names, err := fs.Glob(postgresSQL, "postgres/*.sql")
	if err != nil {
		return nil, fmt.Errorf("postgres migrations: %w", err)
	}
	sort.Strings(names)
	out := make([]pgkv.Migration, 0, len(names))
	for _, n := range names {
		b, err := postgresSQL.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("postgres migration %s: %w", n, err)
		}
		out = append(out, pgkv.Migration{ID: "data/" + strings.TrimPrefix(n, "postgres/"), SQL: string(b)})
	}
	return out, nil
}

// projector writes the rows of the reports table.
type projector struct {
	privacy Privacy
	// public are the statuses the public sees.
	public []Status
}

func newProjector(p Privacy, publicUnverified bool) *projector {
	return &projector{privacy: p, public: PublicStatusesWith(publicUnverified)}
}

// fingerprint names the rules the rows are written with.
func (p *projector) fingerprint() []byte {
	var sensitive []string
	for c := range p.privacy.sensitive {
		sensitive = append(sensitive, c)
	}
	sort.Strings(sensitive)
	h := sha256.New()
	fmt.Fprintf(h, "version %d\nsensitive %q\npublic %q\n", projectionVersion, sensitive, p.public)
	return h.Sum(nil)
}

// projections are pgkv's hooks: the report records of both buckets, and
// the public texts.
func (p *projector) projections() []pgkv.Projection {
	return []pgkv.Projection{
		{Bucket: string(bucketReports), Rows: p.reportRows,
			Clear: fmt.Sprintf("DELETE FROM reports WHERE length(record_key) = %d", recordKeyLen)},
		{Bucket: string(bucketIncoming), Rows: p.reportRows,
			Clear: "DELETE FROM reports WHERE length(record_key) = 8"},
		{Bucket: string(bucketPublicText), Row: publicTextRow,
			Clear: "WITH t AS (DELETE FROM report_public_texts) UPDATE reports SET public_text = NULL WHERE public_text IS NOT NULL"},
	}
}

// reportColumn is one column reportRows writes: its name, the type of
// the array its values travel in, and how the row's value is made from the
// array's element u.<name> (empty: as it is).
type reportColumn struct{ name, array, expr string }

// reportColumns are the columns reportRows writes, in the order of the
// arrays of reportBatch. public_text is read from report_public_texts on
// insert and left alone on update (publicTextRow keeps it).
var reportColumns = []reportColumn{
	{"id", "bigint[]", ""},
	{"record_key", "bytea[]", ""},
	{"record_sum", "bigint[]", ""},
	{"lon", "float8[]", ""}, {"lat", "float8[]", ""},
	{"status", "text[]", ""},
	{"category", "text[]", ""},
	{"needs", "text[]", "ARRAY(SELECT jsonb_array_elements_text(u.needs::jsonb))"},
	{"source_categories", "text[]", "CASE WHEN u.source_categories IS NOT NULL THEN ARRAY(SELECT jsonb_array_elements_text(u.source_categories::jsonb)) END"},
	{"channel", "text[]", ""},
	{"location_source", "text[]", ""},
	{"accuracy_m", "float8[]", ""},
	{"location_confidence", "float8[]", ""},
	{"observed_at", "timestamptz[]", ""},
	{"received_at", "timestamptz[]", ""},
	{"description", "text[]", ""},
	{"area_name", "text[]", ""},
	{"nearest_name", "text[]", ""},
	{"nearest_distance_m", "float8[]", ""},
	{"not_in_osm", "bool[]", ""},
	{"duplicate_of", "bigint[]", ""},
	{"sensitive", "bool[]", ""},
	{"visible_public", "bool[]", ""},
	{"public_lon", "float8[]", ""}, {"public_lat", "float8[]", ""},
	{"public_accuracy_m", "float8[]", ""},
	{"public_location_confidence", "float8[]", ""},
	{"public_nearest_name", "text[]", ""},
	{"public_nearest_distance_m", "float8[]", ""},
	{"redacted_description", "text[]", ""},
}

// upsertReports is the statement of reportRows for the records put in a
// flush, one array argument per reportColumns entry. updated_at moves when
// a record's bytes changed.
var upsertReports = func() string {
	var cols, vals, arrays, names, sets []string
	for i, c := range reportColumns {
		arrays = append(arrays, fmt.Sprintf("$%d::%s", i+1, c.array))
		names = append(names, c.name)
		switch {
		case c.name == "lat" || c.name == "public_lat":
			continue // with lon
		case c.name == "lon":
			cols, vals = append(cols, "geom"), append(vals, "ST_SetSRID(ST_MakePoint(u.lon, u.lat), 4326)")
		case c.name == "public_lon":
			cols, vals = append(cols, "public_geom"), append(vals, "ST_SetSRID(ST_MakePoint(u.public_lon, u.public_lat), 4326)")
		case c.expr != "":
			cols, vals = append(cols, c.name), append(vals, c.expr)
		default:
			cols, vals = append(cols, c.name), append(vals, "u."+c.name)
		}
		if c := cols[len(cols)-1]; c != "id" {
			sets = append(sets, c+" = excluded."+c)
		}
	}
	return fmt.Sprintf(`INSERT INTO reports (%s, public_text, updated_at)
		SELECT %s, (SELECT t.text FROM report_public_texts t WHERE t.id = u.id), u.received_at
		FROM unnest(%s) AS u(%s)
		ON CONFLICT (id) DO UPDATE SET %s,
			updated_at = CASE WHEN reports.record_sum = excluded.record_sum THEN reports.updated_at ELSE now() END`,
		strings.Join(cols, ", "), strings.Join(vals, ", "), strings.Join(arrays, ", "),
		strings.Join(names, ", "), strings.Join(sets, ", "))
}()

// deleteReports is the statement of reportRows for the records removed
// in a flush: a row goes only while it still holds the removed key.
const deleteReports = `DELETE FROM reports r USING unnest($1::bigint[], $2::bytea[]) AS d(id, k)
	WHERE r.id = d.id AND r.record_key = d.k`

// reportBatch holds the column arrays of upsertReports, in the order of
// reportColumns.
type reportBatch struct {
	id, sum, dup                                        []int64
	key                                                 [][]byte
	lon, lat, plon, plat                                []float64
	status, category, needs, channel, source, desc      []string
	redacted                                            []string
	sources, area, nearest, pubNearest                  []*string
	acc, conf, nearestDist, pubAcc, pubConf, pubNearDst []*float64
	observed, received                                  []time.Time
	notInOSM, sensitive, visible                        []bool
	dupOf                                               []*int64
}

func (b *reportBatch) args() []any {
	return []any{b.id, b.key, b.sum, b.lon, b.lat, b.status, b.category, b.needs, b.sources, b.channel,
		b.source, b.acc, b.conf, b.observed, b.received, b.desc, b.area, b.nearest, b.nearestDist,
		b.notInOSM, b.dupOf, b.sensitive, b.visible, b.plon, b.plat, b.pubAcc, b.pubConf, b.pubNearest,
		b.pubNearDst, b.redacted}
}

// reportRows is the projection of the report records a flush writes in
// bucketReports (place keys) or bucketIncoming (id keys): one statement
// for the records put, one for those removed.
func (p *projector) reportRows(keys, values [][]byte, queue func(sql string, args ...any)) error {
	var b reportBatch
	var delIDs []int64
	var delKeys [][]byte
	for i, key := range keys {
		var id uint64
		switch len(key) {
		case recordKeyLen:
			id = keyID(key)
		case 8:
			id = beUint64(key)
		default:
			return fmt.Errorf("%w: report key %x", ErrCorrupt, key)
		}
		if values[i] == nil {
			delIDs, delKeys = append(delIDs, int64(id)), append(delKeys, bytes.Clone(key))
			continue
		}
		if err := p.appendRow(&b, id, key, values[i]); err != nil {
			return err
		}
	}
	if len(delIDs) > 0 {
		queue(deleteReports, delIDs, delKeys)
	}
	if len(b.id) > 0 {
		queue(upsertReports, b.args()...)
	}
	return nil
}

// appendRow adds the row of report id, stored as value under key, to b.
func (p *projector) appendRow(b *reportBatch, id uint64, key, value []byte) error {
	v, err := viewStored(id, value)
	if err != nil {
		return err
	}
	var pub, staff PublicReport
	p.privacy.publicReport(&pub, &v, AudiencePublic)
	p.privacy.publicReport(&staff, &v, AudienceStaff)
	status := v.status()
	b.id, b.key, b.sum = append(b.id, int64(id)), append(b.key, bytes.Clone(key)), append(b.sum, int64(crc32.Checksum(value, castagnoli)))
	b.lon, b.lat = append(b.lon, v.lon), append(b.lat, v.lat)
	b.status, b.category = append(b.status, string(status)), append(b.category, pgText(v.category))
	b.needs = append(b.needs, pgJSON(pgTexts(staff.Needs)))
	var sources *string
	if v.nSources > 0 {
		s := pgJSON(pgStrs(v.sources, v.nSources))
		sources = &s
	}
	b.sources = append(b.sources, sources)
	b.channel, b.source = append(b.channel, pgText(v.channel)), append(b.source, pgText(v.source))
	b.acc = append(b.acc, optFloat(v.accuracy, v.flags&flagAccuracy != 0))
	b.conf = append(b.conf, optFloat(v.confidence, v.flags&flagConfidence != 0))
	b.observed, b.received = append(b.observed, v.observed), append(b.received, v.received)
	b.desc = append(b.desc, pgText(v.description))
	b.area = append(b.area, optText(staff.AreaName))
	b.nearest = append(b.nearest, optText(staff.NearestName))
	b.nearestDist = append(b.nearestDist, optFloat(staff.NearestDistanceM, staff.HasNearest))
	b.notInOSM = append(b.notInOSM, staff.NotInOSM)
	b.dupOf = append(b.dupOf, optID(v.duplicateOf))
	b.sensitive = append(b.sensitive, pub.Generalised)
	b.visible = append(b.visible, slices.Contains(p.public, status))
	b.plon, b.plat = append(b.plon, pub.Location[0]), append(b.plat, pub.Location[1])
	b.pubAcc = append(b.pubAcc, optFloat(pub.AccuracyM, pub.HasAccuracy))
	b.pubConf = append(b.pubConf, optFloat(v.confidence, v.flags&flagConfidence != 0 && !pub.Generalised))
	b.pubNearest = append(b.pubNearest, optText(pub.NearestName))
	b.pubNearDst = append(b.pubNearDst, optFloat(pub.NearestDistanceM, pub.HasNearest))
	b.redacted = append(b.redacted, pgText(pub.Description))
	return nil
}

// publicTextRow is the projection of the public text of the report whose
// id key is key (nil value: the text was removed).
func publicTextRow(key, value []byte) (string, []any, error) {
	if len(key) != 8 {
		return "", nil, fmt.Errorf("%w: public text key %x", ErrCorrupt, key)
	}
	id := int64(beUint64(key))
	if value == nil {
		return `WITH t AS (DELETE FROM report_public_texts WHERE id = $1)
			UPDATE reports SET public_text = NULL, updated_at = now() WHERE id = $1 AND public_text IS NOT NULL`,
			[]any{id}, nil
	}
	return `WITH t AS (INSERT INTO report_public_texts (id, text) VALUES ($1, $2)
				ON CONFLICT (id) DO UPDATE SET text = excluded.text)
			UPDATE reports SET public_text = $2, updated_at = now() WHERE id = $1 AND public_text IS DISTINCT FROM $2`,
		[]any{id, pgText(value)}, nil
}

// syncProjection writes every record (and public text) again, with the
// store's current rules, when the reports table was written with other
// ones (fingerprint want), then records want. Each write transaction
// carries at most syncChunk records, so that other writers wait little.
func (s *Store) syncProjection(want []byte) error {
	var have []byte
	err := s.db.View(func(tx kv.Tx) error {
		have = bytes.Clone(tx.Bucket(bucketMeta).Get(keyProjection))
		return nil
	})
	if err != nil || bytes.Equal(have, want) {
		return storageError(err)
	}
	for _, b := range [][]byte{bucketIncoming, bucketReports, bucketPublicText} {
		if err := s.rewriteBucket(b); err != nil {
			return fmt.Errorf("write %s again: %w", b, storageError(err))
		}
	}
	return storageError(s.db.Update(func(tx kv.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyProjection, want)
	}))
}

// syncChunk is how many keys one transaction of rewriteBucket puts.
const syncChunk = 5000

// rewriteBucket puts every key of the top-level bucket name again with
// its value, syncChunk keys per write transaction, so that the engine's
// projection of the bucket runs for each.
func (s *Store) rewriteBucket(name []byte) error {
	var after []byte
	for done := false; !done; {
		err := s.db.Update(func(tx kv.Tx) error {
			b := tx.Bucket(name)
			if b == nil {
				done = true
				return nil
			}
			var keys, vals [][]byte
			c := b.Cursor()
			k, v := c.First()
			if after != nil {
				if k, v = c.Seek(after); k != nil && bytes.Equal(k, after) {
					k, v = c.Next()
				}
			}
			for ; k != nil && len(keys) < syncChunk; k, v = c.Next() {
				if v != nil { // not a nested bucket
					keys, vals = append(keys, bytes.Clone(k)), append(vals, bytes.Clone(v))
				}
			}
			done = k == nil
			for i := range keys {
				if err := b.Put(keys[i], vals[i]); err != nil {
					return err
				}
			}
			if len(keys) > 0 {
				after = keys[len(keys)-1]
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// pgText returns b as PostgreSQL text: valid UTF-8 without NUL bytes
// (which text cannot hold), each replaced by U+FFFD.
func pgText(b []byte) string {
	s := string(b)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "\uFFFD")
	}
	return s
}

// pgTexts is pgText for each of list.
func pgTexts(list [][]byte) []string {
	out := make([]string, len(list))
	for i, b := range list {
		out[i] = pgText(b)
	}
	return out
}

// pgJSON returns list as a JSON array, for a text[] column of a batch
// (a row's array cannot be an element of an array argument).
func pgJSON(list []string) string {
	b, err := json.Marshal(list)
	if err != nil {
		panic("data: JSON of strings: " + err.Error()) // strings always encode
	}
	return string(b)
}

// pgStrs returns the n strs encoded in list as PostgreSQL text, or nil
// (NULL) when there are none.
func pgStrs(list []byte, n int) []string {
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	eachStr(list, n, func(b []byte) { out = append(out, pgText(b)) })
	return out
}

// optText is b as text, NULL when empty.
func optText(b []byte) *string {
	if len(b) == 0 {
		return nil
	}
	s := pgText(b)
	return &s
}

// optFloat is f, or NULL when !ok.
func optFloat(f float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	return &f
}

// optID is id, or NULL when 0.
func optID(id uint64) *int64 {
	if id == 0 {
		return nil
	}
	n := int64(id)
	return &n
}
