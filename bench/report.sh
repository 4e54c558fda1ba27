#!/usr/bin/env bash
# bench/report.sh (make bench-report): every speed figure of mtaa in one
# Markdown report: the machine, then ingestion over HTTP, bbox queries at
# several store sizes, exports, OSM import against osmium-tool, the SMS
# webhook and the risk recompute, each with its peak memory. HTTP figures
# are also given as ratios to a do-nothing Go server (bench/ceiling) driven
# by the same load generator in the same run. Loopback only; every load
# loop is bounded in time and count, every step by `timeout`.
#
# Knobs (environment):
#   QUICK=1          10k and 100k reports, 5 s per measurement, 1 import run,
#                    fewer SMS messages: a few minutes. Default: 10k, 100k
#                    and 1M, 10 s each, 3 import runs (~30 min).
#   SIZES="..."      store sizes of the query and export benchmarks
#   ROUNDS           rounds of the ingestion benchmark (3; QUICK=1: 1)
#   DURATION, WARMUP each HTTP measurement and its warm-up
#   REPORT=FILE      where the report goes (default bench/report.md;
#                    make bench-report OUT=FILE sets it)
#   OUT=bench/out    binaries, seeded data and the log (bench/out/report.log)
#   KEEP_DATA=1      reuse seeded data directories of an earlier run
#   PORT_BASE=18750  servers on 127.0.0.1:PORT_BASE+0..2
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then
	SIZES=${SIZES:-"10000 100000"}
	DURATION=${DURATION:-5s}
	WARMUP=${WARMUP:-1s}
	IMPORT_RUNS=${IMPORT_RUNS:-1}
	SMS_MESSAGES=${SMS_MESSAGES:-300}
	ROUNDS=${ROUNDS:-1}
else
	SIZES=${SIZES:-"10000 100000 1000000"}
	DURATION=${DURATION:-10s}
	WARMUP=${WARMUP:-2s}
	IMPORT_RUNS=${IMPORT_RUNS:-3}
	SMS_MESSAGES=${SMS_MESSAGES:-3000}
	ROUNDS=${ROUNDS:-3}
fi
OUT=${OUT:-bench/out}
REPORT=${REPORT:-bench/report.md}
PORT_BASE=${PORT_BASE:-18750}
AREA="39.15,-6.95,39.35,-6.70"
GO=${GO:-go}
mkdir -p "$OUT" "$(dirname "$REPORT")"
OUT=$(cd "$OUT" && pwd) # absolute: some steps run in other directories
LOG="$OUT/report.log"
: >"$LOG"
BODY="$OUT/report.body.md"
: >"$BODY"

# shellcheck source=bench/lib.sh
. bench/lib.sh
trap cleanup EXIT
trap 'exit 130' INT TERM

md() { printf '%s\n' "$*" >>"$BODY"; }

if [ ! -x /usr/bin/time ] || ! command -v osmium >/dev/null; then
	say "== installing GNU time and osmium-tool (Debian packages)"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time osmium-tool >/dev/null
fi

# timed CMD...: run CMD under GNU time; prints "wall_seconds max_rss_kb".
timed() {
	/usr/bin/time -v -o "$OUT/time.txt" "$@" >>"$LOG" 2>&1 || { say "failed: $*"; return 1; }
	awk -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
		/Maximum resident set size/ { rss = $2 }
		END { printf "%.3f %d\n", wall, rss }' "$OUT/time.txt"
}

START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date -u +%Y-%m-%dT%H:%M:%SZ)
build_tools
CEIL_ADDR=127.0.0.1:$PORT_BASE
MTAA_ADDR=127.0.0.1:$((PORT_BASE + 1))
"$OUT/ceiling" -listen "$CEIL_ADDR" -get-bytes 20480 >>"$LOG" 2>&1 &
CEIL_PID=$!
PIDS+=("$CEIL_PID")
wait_http "http://$CEIL_ADDR/" 10

HEAD=$ROW_HEAD
SEP=$ROW_SEP

# ---- ingestion
say "== ingestion over HTTP"
DIR="$OUT/data-post"
# One load generator is one client IP: the per-IP and per-account write
# limits (1,200 a minute by default) are turned off (ingestion_rounds).
ingestion_rounds "$ROUNDS" 64 "$CEIL_ADDR" "127.0.0.1:$((PORT_BASE + 2))" "$MTAA_ADDR" "$DIR" "$CEIL_PID"
rm -rf "$DIR"
"$OUT/mtaa" serve --data "$DIR" --listen "$MTAA_ADDR" --log-level warn --rate-limit-ip 0 --rate-limit-account 0 >>"$LOG" 2>&1 &
PID=$!
PIDS+=("$PID")
wait_http "http://$MTAA_ADDR/readyz" 30
MTAA_POST1=$(load "mtaa POST, 1 client" -mode post -url "http://$MTAA_ADDR" -clients 1 -seed 7 -server-pid "$PID")
stop_server "$PID"
md "## Ingestion over HTTP"
md ""
md "\`POST /api/v1/reports\` (a small GeoJSON Feature at a random point) from closed-loop clients on a fresh store; every 201 is committed and fsynced. The ceiling answers 201 with a fixed 327-byte reply; the durable floor (bench/ceiling -durable) puts each body into bbolt by bbolt's own group commit before answering, parsing and checking nothing. Rounds: $ROUNDS, the three loads of a round seconds apart."
md ""
md "$HEAD"
md "$SEP"
printf '%s\n' "${ROUND_ROWS[@]}" >>"$BODY"
row "mtaa POST (durable), 1 client" "$MTAA_POST1" >>"$BODY"
md ""
md "Ratio to the ceiling at 64 clients, median of the rounds: **$ING_RATIO** (target >= 0.60); the durable floor's: $FLOOR_RATIO; mtaa over the floor: $OF_FLOOR_RATIO; server CPU µs per answer (medians, ceiling/floor/mtaa): $ING_CPU. Group commit in the median round: $COMMITS. Peak memory (VmHWM) of the server: $(mb "$ING_HWM") MB."
md ""

# ---- queries and exports per store size
QROWS=()
SROWS=()
EROWS=()
for N in $SIZES; do
	say "== $N reports"
	DIR="$OUT/data-$N"
	seed_data "$DIR" "$N" "$AREA" 100
	BBOX=$(cat "$DIR/bbox-size")
	DB_MB=$(($(stat -c %s "$DIR/mtaa.db") / 1048576))
	T0=$(now_ms)
	# The seeded reports are new (unverified): --public-unverified lets the
	# anonymous load generator read them, as a city that shows them would.
	"$OUT/mtaa" serve --data "$DIR" --listen "$MTAA_ADDR" --log-level warn --public-unverified >>"$LOG" 2>&1 &
	PID=$!
	PIDS+=("$PID")
	wait_http "http://$MTAA_ADDR/readyz" 120
	UP=$(($(now_ms) - T0))
	ITEMS="/ogc/collections/reports/items?limit=100"
	CG=$(load "ceiling GET 20 KB" -mode get -url "http://$CEIL_ADDR" -path / -clients 16 -server-pid "$CEIL_PID")
	MG=$(load "mtaa bbox GET $N" -mode get -url "http://$MTAA_ADDR" -path "$ITEMS" -bbox-size "$BBOX" -area "$AREA" -clients 16 -server-pid "$PID")
	MG1=$(load "mtaa bbox GET $N, 1 client" -mode get -url "http://$MTAA_ADDR" -path "$ITEMS" -bbox-size "$BBOX" -area "$AREA" -clients 1 -seed 7 -server-pid "$PID")
	QHWM=$(status_kb "$PID" VmHWM)
	QROWS+=("$(row "ceiling GET 20 KB" "$CG")" "$(row "mtaa bbox GET, $N reports" "$MG")" "$(row "mtaa bbox GET, $N reports, 1 client" "$MG1")")
	SROWS+=("| $N | **$(ratio "$(field "$MG" rps)" "$(field "$CG" rps)")** | $(ms "$(field "$MG1" p50_ms)") | $UP | $DB_MB | $(mb "$QHWM") |")
	for f in geojson csv; do
		T0=$(now_ms)
		BYTES=$(curl -s -m 600 -o /dev/null -w '%{size_download}' "http://$MTAA_ADDR/api/v1/export/reports.$f") || BYTES=0
		MSEC=$(($(now_ms) - T0))
		EROWS+=("| $N | $f | $(awk -v m="$MSEC" 'BEGIN { printf "%.2f", m / 1000 }') | $(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1048576 }') | $(awk -v n="$N" -v m="$MSEC" 'BEGIN { printf "%.0f", (m > 0) ? n * 1000 / m : 0 }') | $(mb "$(status_kb "$PID" VmHWM)") |")
	done
	stop_server "$PID"
done
md "## Bbox queries"
md ""
md "\`GET /ogc/collections/reports/items?limit=100&bbox=...\`: random square boxes holding ~100 of N reports (uniform random points over Dar es Salaam), against the ceiling serving a fixed 20 KB body. Targets at 1M (16 clients): ratio >= 0.30, p50 <= 1 ms with 1 client, start-up <= 5 s, memory <= 500 MB."
md ""
md "$HEAD"
md "$SEP"
printf '%s\n' "${QROWS[@]}" >>"$BODY"
md ""
md "| reports | rate / ceiling GET, 16 clients | p50 ms, 1 client | start-up to /readyz ms | file MB | VmHWM after the queries MB |"
md "|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${SROWS[@]}" >>"$BODY"
md ""
md "## Exports"
md ""
md "\`GET /api/v1/export/reports.{geojson,csv}\`: every stored report, streamed, timed by curl on loopback. VmHWM is the server's peak after the export (queries included)."
md ""
md "| reports | format | seconds | MB | reports/s | server VmHWM MB |"
md "|---:|---|---:|---:|---:|---:|"
printf '%s\n' "${EROWS[@]}" >>"$BODY"
md ""
stop_server "$CEIL_PID"

# ---- OSM import against osmium
say "== OSM import against osmium-tool"
PBF=$($GO list -m -f '{{.Dir}}' github.com/paulmach/osm)/testdata/delaware-latest.osm.pbf
: >"$OUT/imp.txt"
for i in $(seq "$IMPORT_RUNS"); do
	read -r ow orss < <(timed timeout 600 osmium export -f geojsonseq "$PBF" -o "$OUT/delaware.geojsonseq" --overwrite)
	rm -rf "$OUT/data-import"
	read -r mw mrss < <(timed timeout 600 "$OUT/mtaa" import --quiet --data "$OUT/data-import" "$PBF")
	echo "$ow $orss $mw $mrss" >>"$OUT/imp.txt"
done
read -r OW ORSS MW MRSS < <(sort -k3 -n "$OUT/imp.txt" | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }')
md "## OSM import against osmium-tool"
md ""
md "The Delaware extract ($(du -h "$PBF" | cut -f1), from the paulmach/osm module) read by \`mtaa import\` and by Debian's \`$(osmium --version 2>/dev/null | head -1)\` (\`osmium export -f geojsonseq\`), interleaved, $IMPORT_RUNS run(s) each, the median mtaa run shown with the osmium run next to it."
md ""
md "| tool | seconds | peak RSS MB |"
md "|---|---:|---:|"
md "| osmium export | $OW | $(mb "$ORSS") |"
md "| mtaa import | $MW | $(mb "$MRSS") |"
md ""
md "Ratio mtaa/osmium: **$(ratio "$MW" "$OW")** (target <= 1.25; mtaa also reconciles and indexes, osmium only converts)."
md ""

# ---- SMS webhook
say "== SMS webhook"
$GO test -c -o "$OUT/mtaa-cmd.test" ./cmd/mtaa >>"$LOG" 2>&1
read -r _ SRSS < <(cd cmd/mtaa && timed timeout 600 "$OUT/mtaa-cmd.test" -test.run '^$' -test.bench '^BenchmarkTwilioWebhook$' -test.benchtime "${SMS_MESSAGES}x")
SLINE=$(grep -E '^BenchmarkTwilioWebhook' "$LOG" | tail -1)
md "## SMS webhook"
md ""
md "\`POST /sms/twilio\` in process (signature, grammar, gazetteer, reconciliation against the Delaware extract, durable commit, TwiML reply), one message at a time, $SMS_MESSAGES messages of the acceptance corpus (\`BenchmarkTwilioWebhook\`):"
md ""
md "| p50 ms | p99 ms | ns/op | peak RSS MB (test binary) |"
md "|---:|---:|---:|---:|"
md "| $(awk '{ for (i = 1; i < NF; i++) if ($(i + 1) == "p50-ms") print $i }' <<<"$SLINE") | $(awk '{ for (i = 1; i < NF; i++) if ($(i + 1) == "p99-ms") print $i }' <<<"$SLINE") | $(awk '{ for (i = 1; i < NF; i++) if ($(i + 1) == "ns/op") print $i }' <<<"$SLINE") | $(mb "$SRSS") |"
md ""
md "Target: p99 <= 15 ms."
md ""

# ---- risk recompute
say "== risk recompute"
md "## Risk recompute"
md ""
if grep -rqs 'func BenchmarkRiskFullRecomputeDelaware' mapping/; then
	$GO test -c -o "$OUT/mapping.test" ./mapping >>"$LOG" 2>&1
	read -r _ RRSS < <(cd mapping && timed timeout 900 "$OUT/mapping.test" -test.run '^$' -test.bench '^BenchmarkRiskFullRecomputeDelaware$' -test.benchtime 3x -test.benchmem)
	RLINE=$(grep -E '^BenchmarkRiskFullRecomputeDelaware' "$LOG" | tail -1)
	md "\`BenchmarkRiskFullRecomputeDelaware\` (./mapping), 3 runs: \`$RLINE\`; peak RSS of the test binary $(mb "$RRSS") MB."
else
	md "not available (no \`BenchmarkRiskFullRecomputeDelaware\` in ./mapping at this commit)."
fi
md ""

# ---- assemble
{
	echo "# mtaa benchmark report"
	echo
	echo "$START to $(date -u +%Y-%m-%dT%H:%M:%SZ)$([ "$QUICK" = 1 ] && echo ' (QUICK=1)')."
	echo
	echo "Machine: $(machine_line)."
	echo "Load average (1, 5, 15 min) at the start: $START_LOAD; at the end: $(cut -d' ' -f1-3 /proc/loadavg). Load generator and servers share the machine; $DURATION per HTTP measurement after $WARMUP warm-up. Compare ratios across machines, not absolute rates."
	echo
	cat "$BODY"
} >"$REPORT"
say "report written to $REPORT"
