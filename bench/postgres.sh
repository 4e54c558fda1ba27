#!/usr/bin/env bash
# mtaa on PostgreSQL against mtaa on bbolt, in one run (issue 18; see
# bench/README.md, "PostgreSQL store"): ingestion (one server each, 64
# clients), bbox reads over N reports (16 clients; as the public, and as
# staff through an admin token) with PostGIS's own ST_AsGeoJSON query
# through pgx as a baseline, start-up time and RSS at N.
# Rounds alternate the engines; the figures are medians of the rounds.
# Every step is bounded in time; what is started here is stopped on exit.
#
# Knobs (environment):
#   QUICK=1          N=100000, 5 s loads: a few minutes
#   N=1000000        reports seeded for the reads
#   ROUNDS=3         rounds of each comparison
#   POST_DURATION=20s, DURATION=10s, WARMUP=2s   ingestion / read loads
#   POST_CLIENTS=64  GET_CLIENTS=16  BBOX_LIMIT=100
#   PORT_BASE=18760  OUT=bench/out  KEEP_DATA=1 (reuse the seeded bbolt dir)
set -euo pipefail

cd "$(dirname "$0")/.."
QUICK=${QUICK:-0}
if [ "$QUICK" = 1 ]; then
	N=${N:-100000} POST_DURATION=${POST_DURATION:-5s} DURATION=${DURATION:-5s} WARMUP=${WARMUP:-1s}
fi
N=${N:-1000000}
ROUNDS=${ROUNDS:-3}
POST_DURATION=${POST_DURATION:-20s}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-2s}
POST_CLIENTS=${POST_CLIENTS:-64}
GET_CLIENTS=${GET_CLIENTS:-16}
BBOX_LIMIT=${BBOX_LIMIT:-100}
PORT_BASE=${PORT_BASE:-18760}
OUT=${OUT:-bench/out}
AREA="39.15,-6.95,39.35,-6.70"
GO=${GO:-go}

mkdir -p "$OUT"
REPORT="$OUT/postgres-report.md"
LOG="$OUT/postgres.log"
: >"$LOG"

# shellcheck source=bench/lib.sh
. bench/lib.sh
trap cleanup EXIT
trap 'exit 130' INT TERM

build_tools
CGO_ENABLED=0 $GO build -trimpath -o "$OUT/pgdb" ./bench/pgdb
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)

BOLT_ADDR=127.0.0.1:$PORT_BASE
PG_ADDR=127.0.0.1:$((PORT_BASE + 1))
NOLIMIT=(--log-level warn --rate-limit-ip 0 --rate-limit-account 0)

# One throwaway cluster (fsync, synchronous_commit on): a fresh database
# per ingestion round, one for the reads.
say "== PostgreSQL (durable), $((ROUNDS + 1)) databases"
"$OUT/pgdb" -n $((ROUNDS + 1)) >"$OUT/pgdb.out" 2>>"$LOG" &
PIDS+=($!)
for ((i = 0; i < 600; i++)); do
	[ "$(grep -c '^URL ' "$OUT/pgdb.out")" -ge $((ROUNDS + 1)) ] && break
	sleep 0.1
done
mapfile -t URLS < <(sed -n 's/^URL //p' "$OUT/pgdb.out")
[ "${#URLS[@]}" -ge $((ROUNDS + 1)) ] || { say "PostgreSQL did not start"; exit 1; }
READ_URL=${URLS[$ROUNDS]}

# start NAME ADDR ARGS...: start `mtaa serve` and wait for /readyz; sets
# PID and STARTUP_MS (process start until /readyz answers 200).
start() {
	local addr=$1 t0
	shift
	t0=$(now_ms)
	"$OUT/mtaa" serve --listen "$addr" "$@" >>"$LOG" 2>&1 &
	PID=$!
	PIDS+=("$PID")
	wait_http "http://$addr/readyz" 300
	STARTUP_MS=$(($(now_ms) - t0))
}

# ---- (1) ingestion
say "== (1) ingestion: $POST_CLIENTS clients, $POST_DURATION, $ROUNDS rounds, bbolt and PostgreSQL alternating"
ING_ROWS=() ING_R=$(mktemp)
ingest() { # ENGINE ROUND
	local r=$2 m
	if [ "$1" = bolt ]; then
		rm -rf "$OUT/pg-ingest-bolt"
		start "$BOLT_ADDR" --data "$OUT/pg-ingest-bolt" "${NOLIMIT[@]}"
		m=$(DURATION=$POST_DURATION load "bbolt POST, round $r" -mode post -url "http://$BOLT_ADDR" -clients "$POST_CLIENTS" -server-pid "$PID")
		B=$m
	else
		rm -rf "$OUT/pg-ingest-pg"
		start "$PG_ADDR" --data "$OUT/pg-ingest-pg" --store "${URLS[$((r - 1))]}" "${NOLIMIT[@]}"
		m=$(DURATION=$POST_DURATION load "PostgreSQL POST, round $r" -mode post -url "http://$PG_ADDR" -clients "$POST_CLIENTS" -server-pid "$PID")
		P=$m
	fi
	stop_server "$PID"
	ING_ROWS+=("$(row "round $r: $1 POST /api/v1/reports" "$m")")
}
for ((r = 1; r <= ROUNDS; r++)); do
	if ((r % 2)); then ingest bolt "$r"; ingest pg "$r"; else ingest pg "$r"; ingest bolt "$r"; fi
	echo "$(ratio "$(field "$P" rps)" "$(field "$B" rps)")" >>"$ING_R"
	say "round $r: PostgreSQL/bbolt $(tail -1 "$ING_R")"
done
ING_RATIO=$(median <"$ING_R")
rm -rf "$OUT/pg-ingest-bolt" "$OUT/pg-ingest-pg"

# ---- (2) reads over N reports
GET_DIR="$OUT/data-$N"
say "== (2) reads over $N reports"
seed_data "$GET_DIR" "$N" "$AREA" "$BBOX_LIMIT"
BBOX_SIZE=$(cat "$GET_DIR/bbox-size")
T0=$(now_ms)
timeout 1200 "$OUT/mtaa" migrate --from "$GET_DIR" --to "$READ_URL" --public-unverified 2>&1 | tee -a "$LOG" >&2
MIGRATE_S=$(awk -v t="$(($(now_ms) - T0))" 'BEGIN { printf "%.0f", t / 1000 }')
say "migrated into PostgreSQL in $MIGRATE_S s"

ITEMS="/ogc/collections/reports/items?limit=$BBOX_LIMIT"
# Staff reads: the admin token reads exact positions and every status.
ADMIN=bench-admin-token-$RANDOM$RANDOM$RANDOM$RANDOM
READ_ROWS=() RB=$(mktemp) RBS=$(mktemp) RS=$(mktemp) SU_B=$(mktemp) SU_P=$(mktemp) RSS_B=$(mktemp) RSS_P=$(mktemp)
# bbox_loads NAME ADDR ROUND: the public then the staff bbox GET load on
# the server at ADDR; sets PUB and STAFF.
bbox_loads() {
	local get=(-mode get -url "http://$2" -path "$ITEMS" -bbox-size "$BBOX_SIZE" -area "$AREA" -clients "$GET_CLIENTS" -seed "$3" -server-pid "$PID")
	PUB=$(load "$1 bbox GET, round $3" "${get[@]}")
	STAFF=$(load "$1 bbox GET as staff, round $3" "${get[@]}" -bearer "$ADMIN")
}
read_round() { # ENGINE ROUND
	local r=$2 m
	case $1 in
	bolt)
		start "$BOLT_ADDR" --data "$GET_DIR" --public-unverified --log-level warn --admin-token "$ADMIN"
		echo "$STARTUP_MS" >>"$SU_B"
		bbox_loads bbolt "$BOLT_ADDR" "$r"
		status_kb "$PID" VmRSS >>"$RSS_B"
		stop_server "$PID"
		m=$PUB GB=$PUB GBS=$STAFF
		;;
	pg)
		rm -rf "$OUT/pg-read-pg"
		start "$PG_ADDR" --data "$OUT/pg-read-pg" --store "$READ_URL" --public-unverified --log-level warn --admin-token "$ADMIN"
		echo "$STARTUP_MS" >>"$SU_P"
		bbox_loads PostgreSQL "$PG_ADDR" "$r"
		status_kb "$PID" VmRSS >>"$RSS_P"
		stop_server "$PID"
		m=$PUB GP=$PUB GPS=$STAFF
		;;
	sql)
		m=$(load "PostGIS ST_AsGeoJSON through pgx, round $r" -mode sql -url "$READ_URL" -limit "$BBOX_LIMIT" -bbox-size "$BBOX_SIZE" -area "$AREA" -clients "$GET_CLIENTS" -seed "$r")
		GS=$m
		;;
	esac
	READ_ROWS+=("$(row "round $r: $1" "$m")")
	[ "$1" = sql ] || READ_ROWS+=("$(row "round $r: $1 staff" "$STAFF")")
}
for ((r = 1; r <= ROUNDS; r++)); do
	say "== read round $r of $ROUNDS"
	if ((r % 2)); then order=(bolt pg sql); else order=(sql pg bolt); fi
	for e in "${order[@]}"; do read_round "$e" "$r"; done
	echo "$(ratio "$(field "$GP" rps)" "$(field "$GB" rps)")" >>"$RB"
	echo "$(ratio "$(field "$GPS" rps)" "$(field "$GBS" rps)")" >>"$RBS"
	echo "$(ratio "$(field "$GP" rps)" "$(field "$GS" rps)")" >>"$RS"
	say "round $r: PostgreSQL/bbolt $(tail -1 "$RB") (staff $(tail -1 "$RBS")), PostgreSQL/PostGIS query $(tail -1 "$RS")"
done
rm -rf "$OUT/pg-read-pg"
R_BOLT=$(median <"$RB") R_BOLT_STAFF=$(median <"$RBS") R_SQL=$(median <"$RS")
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)

{
	echo "# mtaa on PostgreSQL vs bbolt"
	echo
	echo "$(date -u +%Y-%m-%dT%H:%M:%SZ); $(machine_line). Load average (1/5/15 min) at the start $LOAD0, at the end $LOAD1."
	echo "One server per engine, started for its load and stopped after it; load generator on the same machine; PostgreSQL 15 with fsync and synchronous_commit on (bench/pgdb); rounds alternate the order."
	echo
	echo "$ROW_HEAD"
	echo "$ROW_SEP"
	printf '%s\n' "${ING_ROWS[@]}" "${READ_ROWS[@]}"
	echo
	echo "| target (medians of $ROUNDS rounds) | measured | goal | result |"
	echo "|---|---:|---:|---|"
	echo "| ingestion, $POST_CLIENTS clients: PostgreSQL / bbolt | $ING_RATIO | >= 0.5 | $(passfail "$ING_RATIO" '>=' 0.5) |"
	echo "| bbox GET, $N reports, $GET_CLIENTS clients: PostgreSQL / bbolt | $R_BOLT | >= 0.8 | $(passfail "$R_BOLT" '>=' 0.8) |"
	echo "| the same as staff (admin token): PostgreSQL / bbolt | $R_BOLT_STAFF | >= 0.8 | $(passfail "$R_BOLT_STAFF" '>=' 0.8) |"
	echo "| bbox GET on PostgreSQL / PostGIS ST_AsGeoJSON query through pgx | $R_SQL | >= 2 | $(passfail "$R_SQL" '>=' 2) |"
	echo "| start-up to /readyz 200, $N reports: bbolt / PostgreSQL | $(median <"$SU_B") ms / $(median <"$SU_P") ms | | |"
	echo "| mtaa VmRSS after the read load: bbolt / PostgreSQL | $(mb "$(median <"$RSS_B")") MB / $(mb "$(median <"$RSS_P")") MB | | |"
	echo
	echo "Reads: random square boxes of side $BBOX_SIZE° inside $AREA (about $BBOX_LIMIT reports each), \`$ITEMS&bbox=…\`; the PostGIS query: \`json_build_object('type','FeatureCollection','features',json_agg(ST_AsGeoJSON(r.*)::json))\` over \`reports_public WHERE geom && ST_MakeEnvelope(…) LIMIT $BBOX_LIMIT\` (bench/loadgen -mode sql). Staff reads send the servers' \`--admin-token\` (every status, exact positions, no generalised search). $N reports copied into PostgreSQL by \`mtaa migrate\` in $MIGRATE_S s. bbolt's VmRSS includes the file pages of its memory-mapped database; PostgreSQL's own processes are not counted in mtaa's."
} | tee "$REPORT"
rm -f "$ING_R" "$RB" "$RBS" "$RS" "$SU_B" "$SU_P" "$RSS_B" "$RSS_P"
say "report written to $REPORT"
