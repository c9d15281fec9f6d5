#!/bin/sh
# Usage: readme-section.sh NAME FILE
# The part of README.md between <!-- NAME:begin --> and <!-- NAME:end --> must be exactly FILE,
# which the build generates (the groups table from lib/groups.c, the bad-input table from the
# tests that try every row). To refresh README.md, paste FILE between the markers.
set -eu
name=$1 generated=$2
readme="$top_srcdir/README.md"
[ -f "$generated" ] || { echo "missing $generated"; exit 1; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
sed -n "/<!-- $name:begin -->/,/<!-- $name:end -->/p" "$readme" | sed '1d;$d' >"$tmp"
if ! cmp -s "$tmp" "$generated"; then
	echo "README.md's $name section differs from what the code produces ($generated):"
	diff "$tmp" "$generated" || true
	exit 1
fi
echo "README.md's $name section matches ($(grep -c '^| ' "$generated") table lines)"
