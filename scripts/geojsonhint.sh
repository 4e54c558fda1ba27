#!/bin/sh
# geojsonhint.sh FILE... checks GeoJSON files with @mapbox/geojsonhint
# (RFC 7946), installing a pinned version with npm on first use into a
# cache directory: $MTAA_GEOJSONHINT_DIR, else ~/.cache/mtaa/geojsonhint.
# It exits non-zero when a file has errors or when npm is missing.
set -eu

version=3.2.0 # 3.3.0 pulls a dependency straight from GitHub, not the npm registry

if [ "$#" -eq 0 ]; then
	echo "usage: $0 FILE.geojson..." >&2
	exit 2
fi
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
	echo "geojsonhint.sh: npm and node are required (Debian: apt-get install npm)" >&2
	exit 127
fi

dir="${MTAA_GEOJSONHINT_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/mtaa/geojsonhint}"
bin="$dir/node_modules/.bin/geojsonhint"
if [ ! -x "$bin" ] || ! grep -q "\"version\": \"$version\"" "$dir/node_modules/@mapbox/geojsonhint/package.json" 2>/dev/null; then
	mkdir -p "$dir"
	# A private prefix: nothing is installed globally or into the repository.
	npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error "@mapbox/geojsonhint@$version" >&2
fi

status=0
for f in "$@"; do
	# geojsonhint prints one line per problem; its exit status alone is not
	# reliable across versions, so any output counts as a failure.
	out=$("$bin" "$f" 2>&1) || status=1
	if [ -n "$out" ]; then
		printf '%s: %s\n' "$f" "$out" >&2
		status=1
	fi
done
exit "$status"
