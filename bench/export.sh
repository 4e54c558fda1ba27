#!/usr/bin/env bash
# Export speed and memory at process level: seeds N reports (bench/seed),
# starts `mtaa serve --public-unverified` on them, downloads
# /api/v1/export/reports.{geojson,csv} with curl to /dev/null and samples
# the server's VmRSS from /proc every 50 ms during each download (a fresh
# server for each download). Prints
# features/s and the RSS growth (peak during the export minus RSS just
# before it). BASE_REF=<git ref> also builds mtaa at that ref (git archive
# into OUT, no worktree) and measures it on the same data, alternating.
#
#   N=1000000 bench/export.sh            # ~2 min to seed, then a few s per export
#   BASE_REF=HEAD~1 N=1000000 bench/export.sh
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000000}
OUT=${OUT:-bench/out}
PORT=${PORT:-18790}
ROUNDS=${ROUNDS:-2}
KEEP_DATA=${KEEP_DATA:-0}
BASE_REF=${BASE_REF:-}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
DATA="$OUT/export-data-$N"
LOG="$OUT/export.log"
: >"$LOG"

go build -o "$OUT/mtaa" ./cmd/mtaa
go build -o "$OUT/seed" ./bench/seed
bins=(new)
if [ -n "$BASE_REF" ]; then
	rm -rf "$OUT/base-src" && mkdir -p "$OUT/base-src"
	git archive "$BASE_REF" | tar -x -C "$OUT/base-src"
	(cd "$OUT/base-src" && go build -o "$OUT/mtaa-base" ./cmd/mtaa)
	bins=(base new)
fi

if [ "$KEEP_DATA" != 1 ] || [ ! -d "$DATA" ]; then
	rm -rf "$DATA"
	"$OUT/seed" -data "$DATA" -n "$N" >>"$LOG" 2>&1
fi

server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; true' EXIT

rss_kb() { awk '$1 == "VmRSS:" { print $2 }' "/proc/$1/status"; }

# measure BIN FORMAT: one export; prints "features/s rss_before_kb peak_growth_kb bytes".
measure() {
	local bin=$1 format=$2 url before peak t0 t1 bytes sampler rows
	url="http://127.0.0.1:$PORT/api/v1/export/reports.$format"
	before=$(rss_kb "$server")
	(
		p=0
		while kill -0 "$server" 2>/dev/null; do
			r=$(rss_kb "$server") || break
			((r > p)) && p=$r && echo "$p" >"$OUT/export-peak"
			sleep 0.05
		done
	) &
	sampler=$!
	echo "$before" >"$OUT/export-peak"
	t0=$(date +%s%N)
	bytes=$(curl -sS -o /dev/null -w '%{size_download}' "$url")
	t1=$(date +%s%N)
	sleep 0.1
	kill "$sampler" 2>/dev/null || true
	wait "$sampler" 2>/dev/null || true
	peak=$(cat "$OUT/export-peak")
	awk -v n="$N" -v t0="$t0" -v t1="$t1" -v b="$before" -v p="$peak" -v bytes="$bytes" \
		'BEGIN { printf "%.0f %d %d %d\n", n / ((t1 - t0) / 1e9), b, p - b, bytes }'
}

printf '| build | format | round | features/s | VmRSS before (MB) | growth during export (MB) | MB written |\n|---|---|---|---|---|---|---|\n'
for round in $(seq "$ROUNDS"); do
	for b in "${bins[@]}"; do
		bin="$OUT/mtaa"
		[ "$b" = base ] && bin="$OUT/mtaa-base"
		for format in geojson csv; do
			# A fresh server for each export, so that each starts from the
			# heap and page cache of a server that has only opened the store.
			"$bin" serve --data "$DATA" --listen "127.0.0.1:$PORT" --public-unverified >>"$LOG" 2>&1 &
			server=$!
			until curl -sf -o /dev/null "http://127.0.0.1:$PORT/readyz"; do sleep 0.1; done
			sleep 1
			read -r fps before growth bytes < <(measure "$b" "$format")
			printf '| %s | %s | %d | %s | %.0f | %.1f | %.0f |\n' "$b" "$format" "$round" "$fps" \
				"$(awk -v v="$before" 'BEGIN { print v / 1024 }')" "$(awk -v v="$growth" 'BEGIN { print v / 1024 }')" \
				"$(awk -v v="$bytes" 'BEGIN { print v / 1e6 }')"
			kill "$server" && wait "$server" 2>/dev/null || true
			server=
		done
	done
done
