#!/bin/sh
# The shared library exports exactly the nsc_ symbols of the version script, under
# NODESECCOMP_0.1, with the SONAME libnodeseccomp.so.0.
set -eu
lib="$top_builddir/lib/.libs/libnodeseccomp.so"
[ -e "$lib" ] || { echo "no $lib"; exit 1; }

soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = libnodeseccomp.so.0 ] || { echo "SONAME is '$soname'"; exit 1; }

symbols=$(nm -D --defined-only "$lib" | awk '{print $3}')
exported=$(printf '%s\n' "$symbols" | sed 's/@.*//' | sort)
stray=$(printf '%s\n' "$exported" | grep -v -e '^nsc_[a-z_]*$' -e '^NODESECCOMP_[0-9.]*$' || true)
[ -z "$stray" ] || { echo "exported without the nsc_ prefix:"; echo "$stray"; exit 1; }

listed=$(sed -n 's/^[[:space:]]*\(nsc_[a-z_]*\);$/\1/p' "$top_srcdir/lib/libnodeseccomp.sym" | sort)
actual=$(printf '%s\n' "$exported" | grep '^nsc_')
[ "$listed" = "$actual" ] || {
	echo "version script and exports differ:"; printf "%s\n" "$listed" > abi.listed.tmp; printf "%s\n" "$actual" > abi.actual.tmp; diff abi.listed.tmp abi.actual.tmp || true; rm -f abi.*.tmp; exit 1; }

versioned=$(printf '%s\n' "$symbols" | grep '^nsc_' | grep -v '@@NODESECCOMP_0\.1$' || true)
[ -z "$versioned" ] || { echo "symbols outside NODESECCOMP_0.1:"; echo "$versioned"; exit 1; }
echo "abi: $(printf '%s\n' "$actual" | wc -l) symbols, all nsc_, all NODESECCOMP_0.1, SONAME $soname"
