#!/bin/sh
# The README's two commands.
#   sh tests/quickstart.sh demo   install what is missing, build everything, run the demo
#   sh tests/quickstart.sh test   the same build, then every test (what CI runs)
# Builds go to _build/ (the normal build, -Werror) and _build-asan/ (ASan + UBSan).
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)
jobs=$(nproc 2>/dev/null || echo 2)

sh tests/deps.sh

build() { # build DIR CONFIGURE-ARGS...
	dir=$1; shift
	[ -x configure ] || ./autogen.sh
	mkdir -p "$dir"
	(cd "$dir" && { [ -f Makefile ] || "$top/configure" -q "$@"; } && make -j"$jobs" -s)
}

# Sum the automake test summaries into the closing line CI reads.
summary() {
	passed=0 failed=0 skipped=0
	for log in "$@"; do
		[ -f "$log" ] || continue
		p=$(sed -n 's/^# PASS: *//p' "$log"); f=$(sed -n 's/^# FAIL: *//p' "$log")
		e=$(sed -n 's/^# ERROR: *//p' "$log"); s=$(sed -n 's/^# SKIP: *//p' "$log")
		passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
		skipped=$((skipped + ${s:-0}))
	done
	echo "$passed passed, $failed failed, $skipped skipped"
}

case "${1:-}" in
demo)
	build _build --enable-werror
	make -s -C _build demo
	;;
test)
	build _build --enable-werror
	status=0
	make -C _build -j"$jobs" check || status=1
	make -C _build -j"$jobs" distcheck >_build/distcheck.out 2>&1 || { tail -40 _build/distcheck.out; status=1; }
	build _build-asan --enable-werror --enable-sanitizers
	make -C _build-asan -j"$jobs" check || status=1
	echo "== _build (-Werror) and _build-asan (ASan+UBSan), distcheck $( [ $status = 0 ] && echo ok || echo see above)"
	summary _build/test-suite.log _build-asan/test-suite.log
	exit $status
	;;
*)
	echo "usage: sh tests/quickstart.sh demo|test" >&2
	exit 2
	;;
esac
