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

case "${1:-}" in
demo)
	build _build --enable-werror
	echo "== the C library: doc/examples/pledge-demo.c"
	make -s -C _build demo
	echo "== the CLI: nodeseccomp exec"
	export NODESECCOMP_PRELOAD="$top/_build/tools/.libs/nodeseccomp-preload.so"
	_build/tools/nodeseccomp exec -p "stdio rpath" -- cat /etc/os-release | head -n 1
	_build/tools/nodeseccomp exec -p "stdio rpath" --penalty diagnose -- touch /tmp/nodeseccomp-demo || true
	echo "== the Node addon: built against _build, then the original README example"
	rm -rf _build/node-demo && mkdir -p _build/node-demo
	(cd node && tar -cf - --exclude=./node_modules --exclude=./build .) | (cd _build/node-demo && tar -xf -)
	(cd _build/node-demo && PKG_CONFIG_PATH="$top/_build" npm_config_nodedir=/usr \
		npm ci --omit=dev --no-audit --no-fund >npm.log 2>&1) || { cat _build/node-demo/npm.log; exit 1; }
	NODE_PATH="$top/_build" node -e "
		const seccomp = require('$top/_build/node-demo'); const { stdio } = seccomp
		seccomp(stdio)
		console.log('writing to stdout!  (node-seccomp ' + seccomp.version.addon + ', libnodeseccomp ' + seccomp.version.library + ')')"
	;;
test)
	build _build --enable-werror
	status=0
	make -C _build -j"$jobs" check || status=1
	make -C _build -j"$jobs" distcheck >_build/distcheck.out 2>&1 || { tail -40 _build/distcheck.out; status=1; }
	build _build-asan --enable-werror --enable-sanitizers
	make -C _build-asan -j"$jobs" check || status=1
	# Bounded fuzzing: 20 s for each of the three targets (sh tests/fuzz/run.sh 600 for longer).
	top_builddir=$top/_build sh tests/fuzz/run.sh 20 >_build/fuzz.out 2>&1 || status=1
	grep -E '^fuzz-' _build/fuzz.out
	fuzz=$(tail -n 1 _build/fuzz.out)
	# Distribution packages: built, installed from a local apt repository, purged (root only).
	packaging=""
	if [ "$(id -u)" = 0 ] && [ -f tests/packaging/run.sh ]; then
		bash tests/packaging/run.sh >_build/packaging.out 2>&1 || { tail -40 _build/packaging.out; status=1; }
		packaging=$(tail -n 1 _build/packaging.out)
	fi
	echo "== _build (-Werror), _build-asan (ASan+UBSan), distcheck $( [ $status = 0 ] && echo ok || echo see above)"
	echo "== fuzzing: $fuzz; packaging: ${packaging:-not run (needs root)}"
	# Every test counted once, as its runner counts: the line CI reads.
	python3 tests/summary.py _build _build-asan _build/fuzz.out _build/packaging.out
	exit $status
	;;
*)
	echo "usage: sh tests/quickstart.sh demo|test" >&2
	exit 2
	;;
esac
