#!/usr/bin/env bash
# Runs every fuzz target in the module for a while each (default 1m):
#   ./scripts/fuzz.sh 5m
# New crashers land in <package>/testdata/fuzz/<Target>/ and become
# regression seeds once committed. Minimising an input is limited to
# FUZZMINIMIZETIME (default 10 runs): with go test's default (a minute),
# targets whose coverage varies between runs of one input (a store, the
# classifier's pools) spent their whole time minimising and ran almost no
# new inputs (FuzzHandle: 0 execs/s; FuzzClassify stalled at 0/s after
# its first seconds). Shrink a crasher afterwards with
# `go test -run '^$' -fuzz '^Target$' -fuzzminimizetime 1m`.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-1m}
minimize=${FUZZMINIMIZETIME:-10x}
status=0
for pkg in $(go list ./...); do
	dir=$(go list -f '{{.Dir}}' "$pkg")
	for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
		echo "== $pkg $target ($fuzztime)"
		if ! go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize"; then
			status=1
		fi
	done
done
exit $status
