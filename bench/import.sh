#!/usr/bin/env bash
# bench/import.sh — `mtaa import` against `osmium export` on the same file,
# in the same run, interleaved so both see the same machine load.
#
#   bench/import.sh [FILE.osm.pbf]     (default: Delaware from the module cache)
#   RUNS=7 bench/import.sh
#
# Reports the median wall time of each, the ratio mtaa/osmium (target
# <= 1.25) and mtaa's peak RSS (target <= 300 MB), from /usr/bin/time -v.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
FILE=${1:-$(go list -m -f '{{.Dir}}' github.com/paulmach/osm)/testdata/delaware-latest.osm.pbf}
command -v osmium >/dev/null || { echo "osmium (osmium-tool) is required" >&2; exit 1; }
if [ ! -x /usr/bin/time ]; then
	echo "installing GNU time" >&2
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CGO_ENABLED=0 go build -trimpath -o "$work/mtaa" ./cmd/mtaa

# measure CMD...: prints "wall_seconds max_rss_kb"
measure() {
	/usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || {
		cat "$work/stderr.txt" >&2
		exit 1
	}
	awk -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
		/Maximum resident set size/ { rss = $2 }
		END { printf "%.3f %d\n", wall, rss }' "$work/time.txt"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "file: $FILE ($(du -h "$FILE" | cut -f1)), $RUNS runs each, $(nproc) cores"
: >"$work/osmium" ; : >"$work/mtaa.wall" ; : >"$work/mtaa.rss"
for i in $(seq "$RUNS"); do
	read -r w _ < <(measure osmium export -f geojsonseq "$FILE" -o "$work/x.geojsonseq" --overwrite)
	echo "$w" >>"$work/osmium"
	rm -rf "$work/data"
	read -r w rss < <(measure "$work/mtaa" import --quiet --data "$work/data" "$FILE")
	echo "$w" >>"$work/mtaa.wall"
	echo "$rss" >>"$work/mtaa.rss"
	printf 'run %d: osmium export %ss, mtaa import %ss (%d MB peak RSS)\n' "$i" "$(tail -1 "$work/osmium")" "$w" $((rss / 1024))
done
o=$(median <"$work/osmium")
m=$(median <"$work/mtaa.wall")
peak=$(sort -n "$work/mtaa.rss" | tail -1)
ratio=$(awk -v m="$m" -v o="$o" 'BEGIN { printf "%.2f", m / o }')
echo
echo "osmium export (median): ${o}s"
echo "mtaa import   (median): ${m}s"
echo "ratio mtaa/osmium:      ${ratio}x (target <= 1.25)"
echo "mtaa peak RSS:          $((peak / 1024)) MB (target <= 300)"
"$work/mtaa" import --quiet --data "$work/data" "$FILE" | sed 's/^/  /'
