package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"fmt"
	"hash/crc32"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/mtaa-project/mtaa/data/kv"
	"github.com/mtaa-project/mtaa/data/kv/pgkv"
)

// The store on PostgreSQL (package pgkv) keeps, besides its buckets, a
// PostGIS table of the reports and the view reports_public
// (postgres/0001_reports.sql), for GIS teams that read the reports from
// QGIS. The table is a projection of the report records: pgkv calls
// reportRow for every record written to bucketReports or bucketIncoming
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

// projectionVersion names the layout of the rows reportRow writes: bump
// it when reportRow computes a column differently, so that OpenPostgres
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
		{Bucket: string(bucketReports), Row: p.reportRow,
			Clear: fmt.Sprintf("DELETE FROM reports WHERE length(record_key) = %d", recordKeyLen)},
		{Bucket: string(bucketIncoming), Row: p.reportRow,
			Clear: "DELETE FROM reports WHERE length(record_key) = 8"},
		{Bucket: string(bucketPublicText), Row: publicTextRow,
			Clear: "WITH t AS (DELETE FROM report_public_texts) UPDATE reports SET public_text = NULL WHERE public_text IS NOT NULL"},
	}
}

// reportColumns are the columns reportRow writes, in the order of its
// arguments after id; public_text is read from report_public_texts on
// insert and left alone on update (publicTextRow keeps it).
var reportColumns = []string{"record_key", "record_sum", "geom", "status", "category", "needs",
	"source_categories", "channel", "location_source", "accuracy_m", "location_confidence",
	"observed_at", "received_at", "description", "area_name", "nearest_name", "nearest_distance_m",
	"not_in_osm", "duplicate_of", "sensitive", "visible_public", "public_geom", "public_accuracy_m",
	"public_location_confidence", "public_nearest_name", "public_nearest_distance_m", "redacted_description"}

// upsertReport is the statement of reportRow for a record put: $1 is the
// id, then one argument per reportColumns entry (points as two, lon and
// lat). updated_at moves when the record's bytes changed.
var upsertReport = func() string {
	var cols, vals, sets []string
	n := 2
	for _, c := range reportColumns {
		cols = append(cols, c)
		switch c {
		case "geom", "public_geom":
			vals = append(vals, fmt.Sprintf("ST_SetSRID(ST_MakePoint($%d::float8, $%d::float8), 4326)", n, n+1))
			n += 2
		default:
			vals = append(vals, fmt.Sprintf("$%d", n))
			n++
		}
		sets = append(sets, c+" = excluded."+c)
	}
	return fmt.Sprintf(`INSERT INTO reports (id, %s, public_text, updated_at)
		VALUES ($1, %s, (SELECT text FROM report_public_texts WHERE id = $1), $%d)
		ON CONFLICT (id) DO UPDATE SET %s,
			updated_at = CASE WHEN reports.record_sum = excluded.record_sum THEN reports.updated_at ELSE now() END`,
		strings.Join(cols, ", "), strings.Join(vals, ", "), n, strings.Join(sets, ", "))
}()

// reportRow is the projection of a report record stored under key in
// bucketReports (a place key) or bucketIncoming (an id key).
func (p *projector) reportRow(key, value []byte) (string, []any, error) {
	var id uint64
	switch len(key) {
	case recordKeyLen:
		id = keyID(key)
	case 8:
		id = beUint64(key)
	default:
		return "", nil, fmt.Errorf("%w: report key %x", ErrCorrupt, key)
	}
	if value == nil {
		return "DELETE FROM reports WHERE id = $1 AND record_key = $2", []any{int64(id), bytes.Clone(key)}, nil
	}
	v, err := viewStored(id, value)
	if err != nil {
		return "", nil, err
	}
	var pub, staff PublicReport
	p.privacy.publicReport(&pub, &v, AudiencePublic)
	p.privacy.publicReport(&staff, &v, AudienceStaff)
	status := v.status()
	args := []any{int64(id), bytes.Clone(key), int64(crc32.Checksum(value, castagnoli)),
		v.lon, v.lat, string(status), pgText(v.category), pgTexts(staff.Needs),
		pgStrs(v.sources, v.nSources), pgText(v.channel), pgText(v.source),
		optFloat(v.accuracy, v.flags&flagAccuracy != 0), optFloat(v.confidence, v.flags&flagConfidence != 0),
		v.observed, v.received, pgText(v.description), optText(staff.AreaName),
		optText(staff.NearestName), optFloat(staff.NearestDistanceM, staff.HasNearest),
		staff.NotInOSM, optID(v.duplicateOf), pub.Generalised, slices.Contains(p.public, status),
		pub.Location[0], pub.Location[1], optFloat(pub.AccuracyM, pub.HasAccuracy),
		optFloat(v.confidence, v.flags&flagConfidence != 0 && !pub.Generalised),
		optText(pub.NearestName), optFloat(pub.NearestDistanceM, pub.HasNearest),
		pgText(pub.Description), v.received}
	return upsertReport, args, nil
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
