#!/usr/bin/env bash
# Installs what `make test` needs on a fresh Debian machine, only when it is
# missing: GDAL's command-line clients (ogrinfo, ogr2ogr) for the OGC API
# client tests, and Node.js with npm for @mapbox/geojsonhint (installed by
# scripts/geojsonhint.sh into a cache folder on first use).
set -euo pipefail

need=()
command -v ogrinfo >/dev/null 2>&1 || need+=(gdal-bin)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)

if [ ${#need[@]} -eq 0 ]; then
	exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO="sudo"
fi
echo "installing test dependencies: ${need[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
