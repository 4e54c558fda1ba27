#!/usr/bin/env bash
# Installs what `make test` needs on a fresh Debian machine, only when it is
# missing: GDAL's command-line clients (ogrinfo, ogr2ogr) for the OGC API
# client tests.
set -euo pipefail

need=()
command -v ogrinfo >/dev/null 2>&1 || need+=(gdal-bin)

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
