#!/usr/bin/env bash
# Runs every fuzz target in the module for a while each (default 1m):
#   ./scripts/fuzz.sh 5m
# New crashers land in <package>/testdata/fuzz/<Target>/ and become
# regression seeds once committed.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-1m}
status=0
for pkg in $(go list ./...); do
	dir=$(go list -f '{{.Dir}}' "$pkg")
	for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
		echo "== $pkg $target ($fuzztime)"
		if ! go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime"; then
			status=1
		fi
	done
done
exit $status
