#!/usr/bin/env bash
# Installs what `make test` needs on a fresh Debian machine, only when it is
# missing: GDAL's command-line clients (ogrinfo, ogr2ogr) for the OGC API
# client tests, osmium-tool for checking the OSM change export, Node.js with npm for @mapbox/geojsonhint (installed by
# scripts/geojsonhint.sh into a cache folder on first use), and for the
# browser tests of the web UI Debian's Chromium plus playwright-core at the
# version pinned in web/test/package-lock.json (no browser download: the
# tests drive /usr/bin/chromium). For the PostgreSQL store, PostgreSQL 15
# with PostGIS 3: the tests start their own throwaway cluster in a temp
# folder on a free port (internal/pgcluster), so the system service the
# package may start is not used.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)

need=()
command -v ogrinfo >/dev/null 2>&1 || need+=(gdal-bin)
command -v osmium >/dev/null 2>&1 || need+=(osmium-tool)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/lib/postgresql/15/bin/postgres ] || need+=(postgresql-15)
[ -f /usr/share/postgresql/15/extension/postgis.control ] || need+=(postgresql-15-postgis-3)

if [ ${#need[@]} -gt 0 ]; then
	SUDO=""
	if [ "$(id -u)" -ne 0 ]; then
		SUDO="sudo"
	fi
	echo "installing test dependencies: ${need[*]}" >&2
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# playwright-core for web/test, reinstalled when the lock file changes.
web_test="$root/web/test"
stamp="$web_test/node_modules/.mtaa-lock"
if ! cmp -s "$web_test/package-lock.json" "$stamp" 2>/dev/null; then
	echo "installing playwright-core for the browser tests (npm ci in web/test)" >&2
	(cd "$web_test" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
	cp "$web_test/package-lock.json" "$stamp"
fi
