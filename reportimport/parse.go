package reportimport

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"github.com/mtaa-project/mtaa/data"
	"github.com/mtaa-project/mtaa/text"
)

// Options configures Parse.
type Options struct {
	// Taxonomy is the category list; nil means the built-in one.
	Taxonomy *data.Taxonomy
	// Mapping is the checked mapping file; nil means DefaultMapping.
	Mapping *Mapping
	// Area is the deployment area (the OSM extract's bounds): rows outside
	// it are rejected. A zero Area accepts the whole world.
	Area orb.Bound
	// Now is the clock for received times and for rejecting observed times
	// in the future; zero means time.Now.
	Now time.Time
	// KeepOutliers imports rows that the sanity check without an area
	// would reject as outliers (far from the bulk of the file, or
	// probably with swapped or sign-dropped coordinates).
	KeepOutliers bool
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Parse reads a whole file, recognising its format from its content (a
// GeoJSON FeatureCollection, or a CSV export of Ushahidi, KoboToolbox or
// ODK Central by its header), detects its date order, and checks every
// row. A *FileError means the file as a whole is unusable.
func Parse(src []byte, opts Options) (*Parsed, error) {
	return NewParser(opts).Parse(src)
}

// Parser parses files with one set of Options; building it prepares the
// category matcher once (some 15 ms), so a Parser serves many files. It is
// safe for concurrent use.
type Parser struct {
	opts Options
	cats *categoryResolver
}

// NewParser prepares a Parser; see Options for the defaults.
func NewParser(opts Options) *Parser {
	if opts.Taxonomy == nil {
		opts.Taxonomy = data.DefaultTaxonomy()
	}
	if opts.Mapping == nil {
		opts.Mapping = DefaultMapping()
	}
	return &Parser{opts: opts, cats: newCategoryResolver(opts.Taxonomy, opts.Mapping)}
}

// Parse parses one file as the package-level Parse does.
func (p *Parser) Parse(src []byte) (*Parsed, error) {
	src = bytes.TrimPrefix(src, utf8BOM)
	if !utf8.Valid(src) {
		return nil, &FileError{Line: firstInvalidLine(src), Message: "the file is not UTF-8 text (save it as UTF-8)"}
	}
	b := p.newBuilder()
	trimmed := bytes.TrimLeft(src, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return nil, &FileError{Message: "the file is empty"}
	case trimmed[0] == '{':
		b.parsed.Format = FormatGeoJSON
		if err := readGeoJSON(src, b); err != nil {
			return nil, err
		}
	case trimmed[0] == '[':
		return nil, &FileError{Line: 1, Message: "a JSON array is not a GeoJSON FeatureCollection (want {\"type\":\"FeatureCollection\",\"features\":[…]})"}
	default:
		if err := readCSV(src, b); err != nil {
			return nil, err
		}
	}
	if err := b.finish(p.opts.KeepOutliers); err != nil {
		return nil, err
	}
	return b.parsed, nil
}

func firstInvalidLine(src []byte) int {
	line := 1
	for len(src) > 0 {
		r, n := utf8.DecodeRune(src)
		if r == utf8.RuneError && n <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		src = src[n:]
	}
	return line
}

// builder turns source rows into reports or rejections, with the checks
// every format shares. Readers queue the rows they could read in pending
// (and reject the others); finish then decides the date order from all of
// them and checks each.
type builder struct {
	tax     *data.Taxonomy
	mapping *Mapping
	cats    *categoryResolver
	area    orb.Bound
	now     time.Time
	seen    map[string]string // idempotency key -> where the first row is
	// resolved caches the categories of each distinct list of labels: an
	// export repeats a few dozen of them over thousands of rows.
	resolved map[string]*resolution
	pending  []*sourceRow
	order    string // the date order in force: "dmy", "mdy" or ""
	labels   map[string]*LabelCount
	parsed   *Parsed
}

func (p *Parser) newBuilder() *builder {
	b := &builder{tax: p.opts.Taxonomy, mapping: p.opts.Mapping, cats: p.cats, area: p.opts.Area, now: p.opts.Now,
		seen: map[string]string{}, resolved: map[string]*resolution{}, labels: map[string]*LabelCount{}, parsed: &Parsed{}}
	if b.now.IsZero() {
		b.now = time.Now()
	}
	b.now = b.now.UTC()
	return b
}

// sourceRow is one row as a reader found it, before the shared checks.
type sourceRow struct {
	line     int
	feature  int // -1 for CSV
	id       string
	location orb.Point
	// Field names, as the rejections name them.
	coordField, categoryField, timeField string
	categories                           []string
	observed                             string
	// timeUTC: the time column holds UTC times without a zone.
	timeUTC     bool
	description string
	status      data.Status
	// content is hashed into the idempotency key of a row without id.
	content string
	// source is the row as read (CSV cells, or the feature's JSON), for
	// the rejected-rows file.
	source []string
	// counted: the row's labels are in the file's label counts.
	counted bool
}

// finish decides the date order from every queued row (the mapping's, or
// the one the file's dates agree on), checks each row, runs the sanity
// check on the positions when there is no deployment area, and puts the
// rejections in file order.
func (b *builder) finish(keepOutliers bool) error {
	var ev dateEvidence
	for _, r := range b.pending {
		ev.observe(r.observed, r.where)
	}
	if b.mapping.defaults.ObservedAt != "" {
		ev.observe(b.mapping.defaults.ObservedAt, func() string { return "defaults.observed_at" })
	}
	b.order = b.mapping.dateOrder
	switch {
	case b.order != "":
		b.parsed.DateOrder = b.order + " (mapping file)"
	default:
		order, err := ev.order()
		if err != nil {
			return &FileError{Element: "dates", Message: err.Error()}
		}
		b.order = order
		b.parsed.DateOrder = ev.describe(order)
	}
	b.parsed.Timezone = "UTC (default; set \"timezone\" in the mapping file for local times: mtaa has no time-zone lookup for the extract's place)"
	if b.mapping.timezone != "" {
		b.parsed.Timezone = b.mapping.timezone + " (mapping file)"
	}
	b.parsed.dateOrder = b.order
	for _, r := range b.pending {
		b.add(r)
	}
	b.pending = nil
	if b.area.IsZero() && !keepOutliers {
		b.rejectOutliers()
	}
	sort.SliceStable(b.parsed.Rejected, func(i, j int) bool { return b.parsed.Rejected[i].Line < b.parsed.Rejected[j].Line })
	b.parsed.Labels = make([]LabelCount, 0, len(b.labels))
	for _, lc := range b.labels {
		b.parsed.Labels = append(b.parsed.Labels, *lc)
	}
	sort.Slice(b.parsed.Labels, func(i, j int) bool {
		li, lj := b.parsed.Labels[i], b.parsed.Labels[j]
		if li.Rows != lj.Rows {
			return li.Rows > lj.Rows
		}
		return li.Label < lj.Label
	})
	return nil
}

// where says where the row is, as Rejection.Where.
func (r *sourceRow) where() string {
	if r.feature >= 0 {
		return fmt.Sprintf("feature %d (line %d)", r.feature, r.line)
	}
	return fmt.Sprintf("line %d", r.line)
}

// reject records a rejection of row.
func (b *builder) reject(row *sourceRow, code, field, reason string) {
	if !row.counted && len(row.categories) > 0 {
		b.countLabels(row, b.category(row.categories))
	}
	rj := Rejection{Line: row.line, SourceID: row.id, Code: code, Field: field, Reason: reason, Source: row.source}
	if row.feature >= 0 {
		f := row.feature
		rj.Feature = &f
	}
	b.parsed.Rejected = append(b.parsed.Rejected, rj)
}

// add runs the shared checks on row and records it as accepted or
// rejected: coordinates, deployment area, category, observed time, the
// report's own validation, and duplicates of an earlier row.
func (b *builder) add(row *sourceRow) {
	if len(row.categories) == 0 && b.mapping.defaults.Category != "" {
		row.categories = []string{b.mapping.defaults.Category}
	}
	res := b.category(row.categories)
	b.countLabels(row, res)
	if err := data.ValidateLocation(row.location); err != nil {
		b.reject(row, CodeBadCoordinates, row.coordField, validationMessage(err))
		return
	}
	if !b.area.IsZero() && !b.area.Contains(row.location) {
		reason := fmt.Sprintf("%.6f, %.6f (lat, lon) is outside the deployment area %s", row.location[1], row.location[0], boundString(b.area))
		if b.area.Contains(orb.Point{row.location[1], row.location[0]}) {
			reason += "; with latitude and longitude swapped it would be inside"
		}
		b.reject(row, CodeOutsideArea, row.coordField, reason)
		return
	}
	if res.rj != nil {
		b.reject(row, res.rj.Code, row.categoryField, res.rj.Reason)
		return
	}
	observedText := strings.TrimSpace(row.observed)
	loc := b.mapping.loc
	if row.timeUTC {
		loc = time.UTC
	}
	if observedText == "" {
		observedText, loc = b.mapping.defaults.ObservedAt, b.mapping.loc
	}
	if observedText == "" {
		b.reject(row, CodeMissingField, row.timeField, "no observed date and time (set \"defaults\": {\"observed_at\": …} in the mapping file for rows without one)")
		return
	}
	observed, err := parseTime(observedText, loc, b.order)
	if err != nil {
		b.reject(row, CodeBadDate, row.timeField, err.Error())
		return
	}
	status := row.status
	if status == "" {
		status = data.StatusNew
	}
	r := data.Report{
		Category:         res.main,
		Needs:            res.reportNeeds(),
		SourceCategories: res.sourceLabels(),
		Description:      text.Shorten(strings.TrimSpace(row.description), data.MaxDescriptionRunes),
		Location:         row.location,
		LocationSource:   data.SourceImport,
		ObservedAt:       observed,
		ReceivedAt:       b.now,
		Channel:          data.ChannelImport,
		Status:           status,
		IdempotencyKey:   b.idempotencyKey(row),
	}
	if err := r.Validate(b.tax, b.now); err != nil {
		code, field := CodeInvalidField, ""
		if strings.Contains(validationField(err), "observed_at") {
			code, field = CodeBadDate, row.timeField
		}
		b.reject(row, code, field, validationMessage(err))
		return
	}
	if first, dup := b.seen[r.IdempotencyKey]; dup {
		what := "the same id"
		if row.id == "" {
			what = "the same content"
		}
		b.reject(row, CodeDuplicateID, "", fmt.Sprintf("%s as the row at %s", what, first))
		return
	}
	accepted := Row{Line: row.line, Feature: row.feature, SourceID: row.id, Report: r, coordField: row.coordField, source: row.source}
	b.seen[r.IdempotencyKey] = accepted.Where()
	b.parsed.Rows = append(b.parsed.Rows, accepted)
}

// countLabels counts the labels of row (once), for the summary and the
// mapping skeleton: rows rejected for another reason count too.
func (b *builder) countLabels(row *sourceRow, res *resolution) {
	row.counted = true
	for _, l := range res.labels {
		lc := b.labels[l.label]
		if lc == nil {
			lc = &LabelCount{Label: l.label, Category: l.id, How: l.how}
			b.labels[l.label] = lc
		}
		lc.Rows++
	}
}

// category resolves labels through the per-file cache.
func (b *builder) category(labels []string) *resolution {
	key := strings.Join(labels, "\x00")
	if c, ok := b.resolved[key]; ok {
		return c
	}
	res := b.cats.resolve(labels)
	b.resolved[key] = res
	return res
}

// idempotencyKey is "import:FORMAT:[SOURCE:]ID" for a row with a source
// id, "import:FORMAT:[SOURCE:]sha256:HEX" (of its content) for one
// without; ids that are long or not printable ASCII are hashed too.
func (b *builder) idempotencyKey(row *sourceRow) string {
	prefix := "import:" + string(b.parsed.Format) + ":"
	if b.mapping.source != "" {
		prefix += b.mapping.source + ":"
	}
	if row.id != "" {
		key := prefix + row.id
		if len(key) <= data.MaxIdempotencyKeyLen && printableASCII(row.id) {
			return key
		}
		return prefix + "id-sha256:" + shortHash(row.id)
	}
	return prefix + "sha256:" + shortHash(row.content)
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}

func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

func boundString(b orb.Bound) string {
	return fmt.Sprintf("(lon %.4f to %.4f, lat %.4f to %.4f)", b.Min[0], b.Max[0], b.Min[1], b.Max[1])
}

func validationMessage(err error) string {
	if ve := (*data.ValidationError)(nil); errors.As(err, &ve) {
		return ve.Message
	}
	return err.Error()
}

func validationField(err error) string {
	if ve := (*data.ValidationError)(nil); errors.As(err, &ve) {
		return ve.Field
	}
	return ""
}
