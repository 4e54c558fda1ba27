#!/usr/bin/env bash
# Refreshes the JavaScript the web UI vendors from npm: packs each pinned
# package in a temporary folder, copies only the files the pages load into
# web/static/vendor/<name>-<version>/ and writes web/static/vendor/README.md
# with each file's licence and SHA-256. Usage: scripts/vendor-web.sh
set -euo pipefail

MAPLIBRE_VERSION=6.17.0

root=$(cd "$(dirname "$0")/.." && pwd)
vendor="$root/web/static/vendor"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "maplibre-gl@$MAPLIBRE_VERSION" >/dev/null && tar xzf "maplibre-gl-$MAPLIBRE_VERSION.tgz")
dest="$vendor/maplibre-gl-$MAPLIBRE_VERSION"
rm -rf "$vendor"/maplibre-gl-*
mkdir -p "$dest"
for f in dist/maplibre-gl.mjs dist/maplibre-gl-worker.mjs dist/maplibre-gl.css LICENSE.txt; do
	cp "$tmp/package/$f" "$dest/"
done
licence=$(node -p "require('$tmp/package/package.json').license")

{
	echo "# Vendored JavaScript"
	echo
	echo "Files copied unchanged from npm packages at pinned versions; nothing is loaded from a CDN."
	echo "Refresh with \`make vendor-web\` (scripts/vendor-web.sh: \`npm pack maplibre-gl@$MAPLIBRE_VERSION\`,"
	echo "then copies the files below). Change the version in that script, never by hand here."
	echo
	echo "MapLibre GL JS was chosen over Leaflet because the basemap is our own vector tiles"
	echo "(/tiles/basemap/{z}/{x}/{y}.mvt): Leaflet draws raster tiles and would need a plug-in to"
	echo "draw MVT on canvas, while MapLibre styles vector tiles on WebGL, clusters GeoJSON sources"
	echo "and, since 5.11, draws text labels with the device's own fonts when the style has no"
	echo "\`glyphs\` URL, so labels work with no glyph server and no internet."
	echo
	echo "| package | version | licence | file | sha256 |"
	echo "| --- | --- | --- | --- | --- |"
	for f in "$dest"/*; do
		echo "| maplibre-gl | $MAPLIBRE_VERSION | $licence | maplibre-gl-$MAPLIBRE_VERSION/$(basename "$f") | $(sha256sum "$f" | cut -d' ' -f1) |"
	done
} >"$vendor/README.md"
echo "vendored maplibre-gl $MAPLIBRE_VERSION into $dest" >&2
