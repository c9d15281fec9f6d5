#!/bin/sh
# The whole check of the npm package node-seccomp, against a libnodeseccomp that pkg-config
# finds (a build tree: PKG_CONFIG_PATH=/path/to/_build; or an installed library):
#
#   1. copy node/ to a scratch directory outside the source tree (the source may be read-only,
#      or a VPATH build's srcdir), and `npm ci` there: the install step checks for the library
#      and compiles the addon with node-gyp against /usr's Node headers (nothing is downloaded);
#   2. the addon links libnodeseccomp.so.0 and contains no copy of it; no compiler warnings;
#   3. node --test test/*.test.js;
#   4. npm pack ships exactly the files listed below, and the tarball installs in a fresh
#      project, where require() and import load it and a filter works.
#
# Usage: PKG_CONFIG_PATH=/path/to/build node/test/run.sh    (KEEP_SCRATCH=1 keeps the copy)
# Under automake's test harness, the build tree ($top_builddir) comes first on PKG_CONFIG_PATH.
# Exits non-zero on any failure; 77 (skipped) when node or npm is not installed.
set -eu

for tool in node npm; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "run.sh: SKIP: $tool is not installed" >&2
		exit 77
	fi
done
if [ -n "${top_builddir:-}" ]; then
	PKG_CONFIG_PATH=$(cd "$top_builddir" && pwd)${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
	export PKG_CONFIG_PATH
fi

# Node itself is not built with sanitizers, and an ASan-linked libnodeseccomp cannot be loaded
# into it (the ASan runtime must come first); the C tests cover that build.
if [ -n "${top_builddir:-}" ] && ldd "$top_builddir/lib/.libs/libnodeseccomp.so" 2>/dev/null | grep -q libasan; then
	echo "run.sh: SKIP: a sanitizer build of libnodeseccomp cannot be loaded into node" >&2
	exit 77
fi

here=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/node-seccomp-check.XXXXXX")
if [ "${KEEP_SCRATCH:-0}" = 1 ]; then
	echo "run.sh: keeping $scratch"
else
	trap 'rm -rf "$scratch"' EXIT
fi

# node-gyp must never download headers: use the system Node's (/usr/include/node).
npm_config_nodedir=${npm_config_nodedir:-/usr}
export npm_config_nodedir
npm_flags="--prefer-offline --no-audit --no-fund"

fail() {
	echo "run.sh: FAIL: $*" >&2
	exit 1
}

step() {
	echo "run.sh: == $*"
}

step "copy $here to $scratch/node-seccomp"
mkdir "$scratch/node-seccomp"
(cd "$here" && tar -cf - --exclude=./node_modules --exclude=./build --exclude='./*.tgz' .) |
	(cd "$scratch/node-seccomp" && tar -xf -)
chmod -R u+w "$scratch/node-seccomp"
cd "$scratch/node-seccomp"

step "package-lock.json has no download addresses"
if grep -q '"resolved"' package-lock.json; then
	fail "package-lock.json contains resolved URLs (npm's omit-lockfile-registry-resolved)"
fi

# npm and node-gyp run their own make: a surrounding `make -j` must not hand them its jobserver
# (GNU make then warns, and this script refuses any warning).
unset MAKEFLAGS MFLAGS MAKELEVEL

step "npm ci (checks for libnodeseccomp, builds the addon)"
# shellcheck disable=SC2086 # npm_flags is a list of flags
npm ci $npm_flags --foreground-scripts >"$scratch/install.log" 2>&1 ||
	{ cat "$scratch/install.log"; fail "npm ci"; }
if grep -E 'warning:|error:' "$scratch/install.log"; then
	fail "the addon does not compile cleanly (see above)"
fi

addon=build/Release/node_seccomp.node
step "$addon links libnodeseccomp.so.0 and holds no copy of the library"
ldd "$addon" | grep -q 'libnodeseccomp\.so\.0 => /' || { ldd "$addon"; fail "not linked to libnodeseccomp.so.0"; }
if nm -D --defined-only "$addon" | grep -q ' nsc_'; then
	fail "the addon defines nsc_* symbols itself"
fi
nm -D --undefined-only "$addon" | grep -q ' nsc_policy_load' || fail "the addon does not call nsc_policy_load"

step "node --test"
node --test test/*.test.js

# The cross-cutting Node tests of the repository (real workloads, JS probes), when run from it.
extra=""
for dir in "$here/../tests/workloads" "$here/../tests/probes" "$here/../tests/bad-input"; do
	for file in "$dir"/*.test.js; do
		[ -f "$file" ] && extra="$extra $file"
	done
done
if [ -n "$extra" ]; then
	step "node --test$extra"
	# shellcheck disable=SC2086 # a list of files
	NODE_SECCOMP_PACKAGE="$scratch/node-seccomp" node --test $extra
fi

step "npm pack ships exactly what is needed"
tarball=$(npm pack --silent $npm_flags | tail -n 1)
[ "$tarball" = node-seccomp-0.1.0.tgz ] || fail "npm pack made '$tarball'"
expected='package/README.md
package/binding.gyp
package/index.d.ts
package/index.js
package/index.mjs
package/package.json
package/scripts/check-library.js
package/src/binding.c'
shipped=$(tar -tzf "$tarball" | LC_ALL=C sort)
[ "$shipped" = "$expected" ] || fail "the tarball holds:
$shipped
expected:
$expected"

step "the tarball installs in a fresh project"
mkdir "$scratch/project"
cd "$scratch/project"
echo '{ "name": "try-node-seccomp", "version": "1.0.0", "private": true }' >package.json
# shellcheck disable=SC2086
npm install $npm_flags "$scratch/node-seccomp/$tarball" >"$scratch/project-install.log" 2>&1 ||
	{ cat "$scratch/project-install.log"; fail "npm install of the tarball"; }
ldd node_modules/node-seccomp/build/Release/node_seccomp.node | grep -q 'libnodeseccomp\.so\.0 => /' ||
	fail "the installed addon does not link libnodeseccomp.so.0"

cat >try.js <<'EOF'
const seccomp = require('node-seccomp')
const { stdio } = seccomp
seccomp(stdio)
console.log('writing to stdout!')
EOF
cat >try.mjs <<'EOF'
import seccomp from 'node-seccomp'
seccomp.pledge('stdio')
console.log(`node-seccomp ${seccomp.version.addon} with libnodeseccomp ${seccomp.version.library}`)
EOF
out=$(sh -c 'ulimit -c 0; exec "$@"' sh node try.js) || fail "require() in the fresh project"
[ "$out" = 'writing to stdout!' ] || fail "try.js printed '$out'"
out=$(sh -c 'ulimit -c 0; exec "$@"' sh node try.mjs) || fail "import in the fresh project"
case $out in
"node-seccomp 0.1.0 with libnodeseccomp "*) ;;
*) fail "try.mjs printed '$out'" ;;
esac

# The install step's refusal, for real: no library for pkg-config to find.
mkdir "$scratch/project-nolib"
cd "$scratch/project-nolib"
echo '{ "name": "try-without-library", "version": "1.0.0", "private": true }' >package.json
# shellcheck disable=SC2086
if PKG_CONFIG_PATH="$scratch/none" PKG_CONFIG_LIBDIR="$scratch/none" \
	npm install $npm_flags "$scratch/node-seccomp/$tarball" >"$scratch/nolib.log" 2>&1; then
	fail "the tarball installed without libnodeseccomp"
fi
grep -q 'node-seccomp needs libnodeseccomp: apt install libnodeseccomp-dev pkg-config' "$scratch/nolib.log" ||
	{ cat "$scratch/nolib.log"; fail "no clear message when the library is missing"; }

step "all node-seccomp checks passed"
