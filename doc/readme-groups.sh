#!/bin/sh
# The groups table in README.md is the one generated from lib/groups.c (doc/groups.md).
# To refresh it: make doc/groups.md, then paste it between the two markers.
set -eu
generated="$top_builddir/doc/groups.md"
readme="$top_srcdir/README.md"
[ -f "$generated" ] || { echo "missing $generated"; exit 1; }
sed -n '/<!-- groups:begin -->/,/<!-- groups:end -->/p' "$readme" | sed '1d;$d' >readme-groups.tmp
if ! cmp -s readme-groups.tmp "$generated"; then
	echo "README.md's groups table differs from the table in lib/groups.c:"
	diff readme-groups.tmp "$generated" || true
	rm -f readme-groups.tmp
	exit 1
fi
rm -f readme-groups.tmp
echo "README groups table matches lib/groups.c ($(grep -c '^| `' "$generated") groups)"
