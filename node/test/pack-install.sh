#!/bin/bash
# The npm package against an installed libnodeseccomp (the Debian packages, or `make install`):
# `npm pack` of node/, `npm install` of the tarball in a fresh temporary project, which builds
# the addon through pkg-config; ldd shows the installed library ($NSC_EXPECT_LIBRARY, when set);
# a sandboxed script runs, and a forbidden call kills it with SIGSYS.
# Run from the top of the source tree. Exit 0 on success, 77 without node/npm, else failure.
set -euo pipefail
for tool in node npm pkg-config; do
	command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
done
pkg-config --exists nodeseccomp || { echo "FAIL: pkg-config finds no nodeseccomp"; exit 1; }
top=$(pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export npm_config_nodedir=${npm_config_nodedir:-/usr}
# The addon is built by npm inside this script, not by a surrounding make (its jobserver).
unset MAKEFLAGS MFLAGS MAKELEVEL

(cd "$top/node" && tar -cf - --exclude=./node_modules --exclude=./build .) | (mkdir "$scratch/pkg" && cd "$scratch/pkg" && tar -xf -)
tarball=$(cd "$scratch/pkg" && npm pack --silent --no-audit --no-fund | tail -n 1)
mkdir "$scratch/project"
cd "$scratch/project"
echo '{ "name": "try-node-seccomp", "version": "1.0.0", "private": true }' >package.json
npm install --no-audit --no-fund "$scratch/pkg/$tarball" >install.log 2>&1 || { cat install.log; echo "FAIL: npm install"; exit 1; }
addon=node_modules/node-seccomp/build/Release/node_seccomp.node
linked=$(ldd "$addon" | sed -n 's/.*libnodeseccomp\.so\.0 => \([^ ]*\).*/\1/p')
echo "addon links $linked"
if [ -n "${NSC_EXPECT_LIBRARY:-}" ] && [ "$(readlink -f "$linked")" != "$(readlink -f "$NSC_EXPECT_LIBRARY")" ]; then
	echo "FAIL: expected $NSC_EXPECT_LIBRARY"; exit 1
fi

cat >ok.js <<'JS'
const seccomp = require('node-seccomp')
const { stdio } = seccomp
seccomp(stdio)
console.log('writing to stdout!')
JS
cat >forbidden.js <<'JS'
const seccomp = require('node-seccomp')
seccomp(seccomp.stdio)
console.log('loaded')
require('node:net').createServer().listen(0)
JS
out=$(sh -c 'ulimit -c 0; exec node ok.js')
[ "$out" = "writing to stdout!" ] || { echo "FAIL: ok.js printed '$out'"; exit 1; }
echo "sandboxed script: $out"
status=0
sh -c 'ulimit -c 0; exec node forbidden.js' >forbidden.out 2>&1 || status=$?
[ "$status" = 159 ] && grep -qx loaded forbidden.out || { echo "FAIL: forbidden.js ended with $status"; cat forbidden.out; exit 1; }
echo "forbidden call: killed by SIGSYS (status $status)"
