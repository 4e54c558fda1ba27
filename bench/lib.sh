# Shell helpers shared by bench/load.sh and bench/report.sh (sourced, not
# run). They expect OUT, LOG, DURATION and WARMUP to be set, and append the
# PIDs of the servers they start to PIDS for the caller's exit trap.

PIDS=()

# cleanup stops every server started through PIDS.
cleanup() {
	local p
	for p in "${PIDS[@]}"; do
		kill "$p" 2>/dev/null || true
	done
	for p in "${PIDS[@]}"; do
		wait "$p" 2>/dev/null || true
	done
}

say() { printf '%s\n' "$*" | tee -a "$LOG" >&2; }

# stop_server PID: SIGTERM, then SIGKILL after 25 s.
stop_server() {
	local pid=$1 i
	kill "$pid" 2>/dev/null || return 0
	for ((i = 0; i < 250; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# wait_http URL TIMEOUT_S: until URL answers 200.
wait_http() {
	local url=$1 deadline=$((SECONDS + $2))
	until [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url" || true)" = 200 ]; do
		if ((SECONDS >= deadline)); then
			say "timed out waiting for $url"
			return 1
		fi
		sleep 0.01
	done
}

now_ms() { date +%s%3N; }

# field JSON NAME: a number from a loadgen RESULT line.
field() { sed -E 's/.*"'"$2"'":([-0-9.e+]+).*/\1/' <<<"$1"; }

# load LABEL ARGS...: run the load generator (bounded by -duration and
# -requests) and print its RESULT JSON.
load() {
	local label=$1 out
	shift
	out=$(timeout 300 "$OUT/loadgen" -label "$label" -duration "$DURATION" -warmup "$WARMUP" -requests 50000000 "$@" 2>&1) ||
		say "load generator: no successful request for: $label"
	printf '%s\n' "$out" | grep -v '^RESULT ' | tee -a "$LOG" >&2
	if ! grep -q '^RESULT ' <<<"$out"; then
		say "load generator failed: $label"
		return 1
	fi
	printf '%s\n' "$out" | sed -n 's/^RESULT //p'
}

status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
passfail() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == ">=") ? v >= t : v <= t; print ok ? "PASS" : "FAIL" }'; }
num() { awk -v v="$1" 'BEGIN { printf "%.0f", v }'; }
ms() { awk -v v="$1" 'BEGIN { printf "%.2f", v }'; }
us() { awk -v v="$1" 'BEGIN { printf "%.1f", v }'; }
mb() { awk -v v="$1" 'BEGIN { printf "%.0f", v / 1024 }'; }

# row LABEL RESULT: one Markdown table row of a loadgen result.
row() {
	printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s |\n' "$1" "$(field "$2" clients)" "$(num "$(field "$2" rps)")" \
		"$(ms "$(field "$2" p50_ms)")" "$(ms "$(field "$2" p90_ms)")" "$(ms "$(field "$2" p99_ms)")" "$(ms "$(field "$2" max_ms)")" \
		"$(field "$2" errors)" "$(num "$(field "$2" avg_bytes)")" "$(us "$(field "$2" server_cpu_us)")" "$(us "$(field "$2" client_cpu_us)")"
}

# ROW_HEAD and ROW_SEP head a table of row lines.
ROW_HEAD='| measurement | clients | req/s (2xx) | p50 ms | p90 ms | p99 ms | max ms | errors | bytes/answer | CPU µs/answer: server / load generator |'
ROW_SEP='|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'

# build_tools: mtaa, ceiling, loadgen and seed into OUT.
build_tools() {
	local t
	say "== building into $OUT"
	CGO_ENABLED=0 ${GO:-go} build -trimpath -o "$OUT/mtaa" ./cmd/mtaa
	for t in ceiling loadgen seed; do
		CGO_ENABLED=0 ${GO:-go} build -trimpath -o "$OUT/$t" "./bench/$t"
	done
}

# seed_data DIR N AREA PER_BOX: store N reports into DIR (bench/seed) and
# keep the bbox side that holds about PER_BOX of them in DIR/bbox-size.
# With KEEP_DATA=1 an earlier seeding of the same N is reused.
seed_data() {
	local dir=$1 n=$2 area=$3 per=$4
	if [ "${KEEP_DATA:-0}" = 1 ] && [ -f "$dir/bbox-size" ]; then
		say "reusing $dir"
		return 0
	fi
	say "seeding $n reports into $dir"
	rm -rf "$dir"
	timeout 1200 "$OUT/seed" -data "$dir" -n "$n" -area "$area" -per-box "$per" 2>>"$LOG" | tee -a "$LOG" >"$OUT/seed.out"
	sed -n 's/^BBOX_SIZE //p' "$OUT/seed.out" >"$dir/bbox-size"
}

# machine_line: one line describing the machine and the build.
machine_line() {
	local cpu mem
	cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
	mem=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
	printf '%s, %s cores, %s memory, Linux %s, %s, commit %s%s' "${cpu:-unknown CPU}" "$(nproc)" "$mem" "$(uname -r)" \
		"$(${GO:-go} version | awk '{print $3}')" "$(git rev-parse --short HEAD 2>/dev/null || echo '?')" \
		"$(git diff --quiet 2>/dev/null || echo ' (dirty tree)')"
}

# median: the median of the numbers on standard input, one per line.
median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# ingestion_rounds ROUNDS CLIENTS CEIL_ADDR FLOOR_ADDR MTAA_ADDR DIR CEIL_PID:
# the ingestion benchmark in ROUNDS rounds, each of three POST loads one
# after the other: the ceiling (already running at CEIL_ADDR, process
# CEIL_PID), the durable floor (bench/ceiling -durable: each body put into a fresh bbolt file by a group
# commit before the 201, what the storage engine alone allows with this
# HTTP stack) and mtaa on a fresh data directory DIR. The floor and mtaa
# are started for their load and stopped after it, so no background work
# of one overlaps another's measurement. The machine's speed drifts between
# rounds; each round's ratios compare loads seconds apart, and the medians
# of the rounds are the figures. Sets ROUND_ROWS (Markdown rows),
# ING_RATIO and FLOOR_RATIO (the medians of the rounds' ratios to the
# ceiling), OF_FLOOR_RATIO (the median of mtaa's rate over the floor's),
# ING_CPU (medians of the server CPU µs per answer: ceiling/floor/mtaa), ING_MEDIAN (the mtaa result of the median round), CEIL_MEDIAN
# (the ceiling result of that round), COMMITS (group commit figures of
# that round) and ING_HWM (its VmHWM in kB).
ingestion_rounds() {
	local rounds=$1 clients=$2 ceil=$3 floor=$4 addr=$5 dir=$6 ceil_pid=$7 r pid c f m rm rf commits hwm
	local -a ceils=() mtaas=() ratios=() commitss=() hwms=()
	ROUND_ROWS=()
	local floors_file mtaa_file of_floor_file cpu_file
	floors_file=$(mktemp) mtaa_file=$(mktemp) of_floor_file=$(mktemp) cpu_file=$(mktemp)
	for ((r = 1; r <= rounds; r++)); do
		say "== ingestion round $r of $rounds, $clients clients"
		c=$(load "ceiling POST, round $r" -mode post -url "http://$ceil" -clients "$clients" -server-pid "$ceil_pid")

		rm -f "$dir.floor.db"
		"$OUT/ceiling" -listen "$floor" -durable "$dir.floor.db" >>"$LOG" 2>&1 &
		pid=$!
		PIDS+=("$pid")
		wait_http "http://$floor/" 10
		f=$(load "durable floor POST, round $r" -mode post -url "http://$floor" -clients "$clients" -server-pid "$pid")
		stop_server "$pid"

		rm -rf "$dir"
		"$OUT/mtaa" serve --data "$dir" --listen "$addr" --log-level warn --rate-limit-ip 0 --rate-limit-account 0 >>"$LOG" 2>&1 &
		pid=$!
		PIDS+=("$pid")
		wait_http "http://$addr/readyz" 30
		m=$(load "mtaa POST, round $r" -mode post -url "http://$addr" -clients "$clients" -server-pid "$pid")
		commits=$(curl -s -m 5 "http://$addr/metrics" | awk '$1 == "mtaa_store_commits_total" { c = $2 } $1 == "mtaa_store_commit_writes_total" { w = $2 }
			END { if (c > 0) printf "%d commits (fsyncs) carried %d writes, %.1f per commit (warm-up included)", c, w, w / c }')
		hwm=$(status_kb "$pid" VmHWM)
		stop_server "$pid"

		rf=$(ratio "$(field "$f" rps)" "$(field "$c" rps)")
		rm=$(ratio "$(field "$m" rps)" "$(field "$c" rps)")
		say "round $r: mtaa/ceiling $rm, floor/ceiling $rf"
		echo "$rf" >>"$floors_file"
		echo "$rm" >>"$mtaa_file"
		printf '%s\n' "$(ratio "$(field "$m" rps)" "$(field "$f" rps)")" >>"$of_floor_file"
		printf '%s %s %s\n' "$(field "$c" server_cpu_us)" "$(field "$f" server_cpu_us)" "$(field "$m" server_cpu_us)" >>"$cpu_file"
		ceils+=("$c") mtaas+=("$m") ratios+=("$rm") commitss+=("$commits") hwms+=("$hwm")
		ROUND_ROWS+=("$(row "round $r: ceiling POST (201, fixed reply)" "$c")"
			"$(row "round $r: durable floor POST (bbolt group commit of the body)" "$f")"
			"$(row "round $r: mtaa POST /api/v1/reports (durable); $rm x ceiling" "$m")")
	done
	ING_RATIO=$(median <"$mtaa_file")
	FLOOR_RATIO=$(median <"$floors_file")
	OF_FLOOR_RATIO=$(median <"$of_floor_file")
	ING_CPU=$(us "$(awk '{ print $1 }' "$cpu_file" | median)")/$(us "$(awk '{ print $2 }' "$cpu_file" | median)")/$(us "$(awk '{ print $3 }' "$cpu_file" | median)")
	rm -f "$floors_file" "$mtaa_file" "$of_floor_file" "$cpu_file" "$dir.floor.db"
	# The round whose mtaa ratio is closest to the median speaks for all.
	local best=0 i d bestd=
	for i in "${!ratios[@]}"; do
		d=$(awk -v a="${ratios[$i]}" -v b="$ING_RATIO" 'BEGIN { d = a - b; print (d < 0) ? -d : d }')
		if [ -z "$bestd" ] || awk -v a="$d" -v b="$bestd" 'BEGIN { exit !(a < b) }'; then
			best=$i bestd=$d
		fi
	done
	ING_MEDIAN=${mtaas[$best]}
	CEIL_MEDIAN=${ceils[$best]}
	COMMITS=${commitss[$best]}
	ING_HWM=${hwms[$best]}
}
