#!/bin/sh
# README.md's bad-input table for the C API is what tests/bad-input/bad-input prints.
set -eu
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$top_builddir/tests/bad-input/bad-input" >"$out" 2>/dev/null || { echo "bad-input rows failed"; exit 1; }
sh "$top_srcdir/doc/readme-section.sh" bad-input-c "$out"
