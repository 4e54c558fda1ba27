#!/usr/bin/env bash
# HTTP load benchmarks of mtaa as ratios to a do-nothing Go server (the
# "ceiling") driven by the same load generator in the same run. See
# bench/README.md. Every step is bounded in time; the servers started here
# are stopped on exit.
#
# Knobs (environment):
#   N=1000000        reports seeded for the query benchmarks
#   DURATION=10s     length of each measurement (after WARMUP)
#   WARMUP=2s        warm-up before each measurement, not counted
#   ROUNDS=3         rounds of the ingestion benchmark (median reported)
#   POST_CLIENTS=64  concurrent clients for the ingestion benchmark
#   GET_CLIENTS=16   concurrent clients for the query benchmark
#   BBOX_LIMIT=100   limit= of the bbox queries
#   PORT_BASE=18700  the servers listen on 127.0.0.1:PORT_BASE+0..3
#   OUT=bench/out    where binaries, data and the report go
#   KEEP_DATA=1      keep the seeded data directory between runs (reused
#                    when it holds exactly N reports)
set -euo pipefail

cd "$(dirname "$0")/.."
N=${N:-1000000}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
ROUNDS=${ROUNDS:-3}
POST_CLIENTS=${POST_CLIENTS:-64}
GET_CLIENTS=${GET_CLIENTS:-16}
BBOX_LIMIT=${BBOX_LIMIT:-100}
PORT_BASE=${PORT_BASE:-18700}
OUT=${OUT:-bench/out}
KEEP_DATA=${KEEP_DATA:-0}
AREA="39.15,-6.95,39.35,-6.70"
GO=${GO:-go}

mkdir -p "$OUT"
REPORT="$OUT/load-report.md"
LOG="$OUT/load.log"
: >"$LOG"

# shellcheck source=bench/lib.sh
. bench/lib.sh
trap cleanup EXIT
trap 'exit 130' INT TERM

build_tools

CEIL_ADDR=127.0.0.1:$PORT_BASE
POST_ADDR=127.0.0.1:$((PORT_BASE + 1))
GET_ADDR=127.0.0.1:$((PORT_BASE + 2))
FLOOR_ADDR=127.0.0.1:$((PORT_BASE + 3))

say "== ceiling server on $CEIL_ADDR"
"$OUT/ceiling" -listen "$CEIL_ADDR" -get-bytes 20480 >>"$LOG" 2>&1 &
CEIL_PID=$!
PIDS+=("$CEIL_PID")
wait_http "http://$CEIL_ADDR/" 10

# ---- (a) ingestion
say "== (a) ingestion: POST, $POST_CLIENTS clients, $ROUNDS rounds"
# The load generator posts from one address: mtaa's per-IP write limit is
# off (ingestion_rounds in bench/lib.sh).
ingestion_rounds "$ROUNDS" "$POST_CLIENTS" "$CEIL_ADDR" "$FLOOR_ADDR" "$POST_ADDR" "$OUT/data-post" "$CEIL_PID"

# ---- (b) queries over N reports
GET_DIR="$OUT/data-$N"
say "== (b) queries over $N reports"
seed_data "$GET_DIR" "$N" "$AREA" "$BBOX_LIMIT"
BBOX_SIZE=$(cat "$GET_DIR/bbox-size")
DB_MB=$(($(stat -c %s "$GET_DIR/mtaa.db") / 1048576))
say "bbox side $BBOX_SIZE degrees (about $BBOX_LIMIT reports each); file $DB_MB MB"

# Start-up on a cold page cache (as after a reboot), when this user may
# drop the caches (root); then the measured run, warm.
COLD_MS=n/a
if [ -w /proc/sys/vm/drop_caches ]; then
	sync
	echo 3 >/proc/sys/vm/drop_caches
	T0=$(now_ms)
	"$OUT/mtaa" serve --data "$GET_DIR" --listen "$GET_ADDR" --log-level warn >>"$LOG" 2>&1 &
	COLD_PID=$!
	PIDS+=("$COLD_PID")
	wait_http "http://$GET_ADDR/readyz" 60
	COLD_MS=$(($(now_ms) - T0))
	stop_server "$COLD_PID"
	say "cold start-up to /readyz: $COLD_MS ms"
fi

T0=$(now_ms)
# Seeded reports are new (unverified): show them to the anonymous load.
"$OUT/mtaa" serve --data "$GET_DIR" --listen "$GET_ADDR" --log-level warn --public-unverified >>"$LOG" 2>&1 &
GET_PID=$!
PIDS+=("$GET_PID")
wait_http "http://$GET_ADDR/readyz" 60
STARTUP_MS=$(($(now_ms) - T0))
RSS_START=$(status_kb "$GET_PID" VmRSS)
say "startup to /readyz: $STARTUP_MS ms; VmRSS $RSS_START kB"

ITEMS="/ogc/collections/reports/items?limit=$BBOX_LIMIT"
CEIL_GET=$(load "ceiling GET 20 KB" -mode get -url "http://$CEIL_ADDR" -path / -clients "$GET_CLIENTS" -server-pid "$CEIL_PID")
MTAA_GET=$(load "mtaa bbox GET" -mode get -url "http://$GET_ADDR" -path "$ITEMS" -bbox-size "$BBOX_SIZE" -area "$AREA" -clients "$GET_CLIENTS" -server-pid "$GET_PID")
MTAA_GET1=$(load "mtaa bbox GET, 1 client" -mode get -url "http://$GET_ADDR" -path "$ITEMS" -bbox-size "$BBOX_SIZE" -area "$AREA" -clients 1 -seed 7 -server-pid "$GET_PID")
RSS=$(status_kb "$GET_PID" VmRSS)
HWM=$(status_kb "$GET_PID" VmHWM)
ANON=$(status_kb "$GET_PID" RssAnon)
FILE=$(status_kb "$GET_PID" RssFile)
stop_server "$GET_PID"
stop_server "$CEIL_PID"
say "after load: VmRSS $RSS kB, VmHWM $HWM kB (anon $ANON kB, file $FILE kB)"

# ---- report
R_POST=$ING_RATIO
R_GET=$(ratio "$(field "$MTAA_GET" rps)" "$(field "$CEIL_GET" rps)")
P50_1=$(field "$MTAA_GET1" p50_ms)

{
	echo "# mtaa load benchmark"
	echo
	echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(go version | awk '{print $3}'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (dirty tree)')."
	echo "Load generator and servers on the same machine; $DURATION per measurement after $WARMUP warm-up."
	echo
	echo "$ROW_HEAD"
	echo "$ROW_SEP"
	printf '%s\n' "${ROUND_ROWS[@]}"
	row "ceiling GET (200, fixed 20 KB)" "$CEIL_GET"
	row "mtaa bbox GET, $N reports" "$MTAA_GET"
	row "mtaa bbox GET, $N reports, 1 client" "$MTAA_GET1"
	echo
	echo "| target | measured | goal | result |"
	echo "|---|---:|---:|---|"
	echo "| ingestion rate / ceiling POST rate (median of $ROUNDS rounds) | $R_POST | >= 0.60 | $(passfail "$R_POST" '>=' 0.6) |"
	echo "| bbox query rate / ceiling GET rate ($GET_CLIENTS clients) | $R_GET | >= 0.30 | $(passfail "$R_GET" '>=' 0.3) |"
	echo "| bbox query p50, 1 client | $(ms "$P50_1") ms | <= 1 ms | $(passfail "$P50_1" '<=' 1) |"
	echo "| start-up to /readyz 200, $N reports | $STARTUP_MS ms | <= 5000 ms | $(passfail "$STARTUP_MS" '<=' 5000) |"
	if [ "$COLD_MS" != n/a ]; then
		echo "| start-up to /readyz 200, $N reports, cold page cache | $COLD_MS ms | <= 5000 ms | $(passfail "$COLD_MS" '<=' 5000) |"
	fi
	echo "| resident memory after the query load, VmHWM | $(mb "$HWM") MB | <= 500 MB | $(passfail "$HWM" '<=' 512000) |"
	echo
	echo "Ingestion: every 201 is a report committed and fsynced; round closest to the median: $COMMITS. The durable floor (bench/ceiling -durable: the body put into bbolt by its own group commit, nothing parsed or checked) reached a median $FLOOR_RATIO x the ceiling: what the storage engine alone allows with this HTTP stack; mtaa reached a median $OF_FLOOR_RATIO x the floor. Server CPU per answer, medians, ceiling/floor/mtaa: $ING_CPU µs."
	echo "Queries: random square boxes of side $BBOX_SIZE° inside $AREA, limit=$BBOX_LIMIT; database file $DB_MB MB."
	echo "Memory after the query load: VmRSS $(mb "$RSS") MB = anonymous $(mb "$ANON") MB + file-backed $(mb "$FILE") MB (pages of the memory-mapped database); at /readyz: VmRSS $(mb "$RSS_START") MB."
} | tee "$REPORT"
say "report written to $REPORT"
