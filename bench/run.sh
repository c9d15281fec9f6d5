#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# The whole benchmark in one command: what the sandbox costs, against the seccomp floor and the
# alternatives, measured side by side in one run. Writes bench/results.md, bench/results.png
# and the raw numbers bench/results.tsv, copies the results into bench/README.md, and prints
# the targets (met or MISSED).
#
#   sh bench/run.sh [--quick]        (make bench does the same; --quick: a short smoke run)
#
# The library is built in $top_builddir (default: _build-bench in the source tree; configured
# there if it is not). Needs gcc, libseccomp-dev, python3; optional: valgrind (instruction
# count), node + npm (Node.js measurements), wrk (HTTP), python3-matplotlib (the plot).
# Nothing is downloaded except what `npm ci` of node/ needs. About 5 minutes on 2 cores.
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
build=${top_builddir:-$src/_build-bench}
build=$(mkdir -p "$build" && cd "$build" && pwd)
mode=full
reps=15
latency_runs=50
case "${1:-}" in
--quick) mode=quick reps=3 latency_runs=5 ;;
"") ;;
*) echo "usage: sh bench/run.sh [--quick]" >&2; exit 2 ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/nodeseccomp-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
raw=$work/raw.tsv
: >"$raw"

say() { echo "bench: $*"; }
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$raw"; }

# A python with matplotlib if there is one (Debian's python3-matplotlib is in /usr/bin).
python=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import matplotlib' 2>/dev/null; then python=$p; break; fi
done
[ -n "$python" ] || python=python3

# ---- the library -----------------------------------------------------------------------------
if [ ! -f "$build/Makefile" ]; then
	say "configure the library in $build"
	[ -x "$src/configure" ] || (cd "$src" && ./autogen.sh >"$work/autogen.log" 2>&1)
	(cd "$build" && "$src/configure" >"$work/configure.log" 2>&1) ||
		{ cat "$work/configure.log"; exit 1; }
fi
say "make the library in $build"
make -C "$build" >"$work/make.log" 2>&1 || { tail -30 "$work/make.log"; exit 1; }

say "compile nscbench (the library as built: level 2) and nscbench-o1 (lib/*.c, level 1)"
seccomp_cflags=$(pkg-config --cflags libseccomp)
seccomp_libs=$(pkg-config --libs libseccomp)
# shellcheck disable=SC2086 # flag lists
gcc -std=gnu11 -O2 -g -Wall -Wextra -I"$src/include" -I"$build" $seccomp_cflags \
	"$src/bench/nscbench.c" -o "$work/nscbench" \
	-L"$build/lib/.libs" -Wl,-rpath,"$build/lib/.libs" -lnodeseccomp $seccomp_libs
# shellcheck disable=SC2086
gcc -std=gnu11 -O2 -g -DNSC_OPTIMIZE_LEVEL=1 -I"$src/include" -I"$build" $seccomp_cflags \
	"$src"/lib/*.c "$src/bench/nscbench.c" -o "$work/nscbench-o1" $seccomp_libs -lpthread
bench=$work/nscbench

# ---- the environment ---------------------------------------------------------------------------
record env mode "$mode"
record env date "$(date -u '+%Y-%m-%d %H:%M UTC')"
commit=$(cd "$src" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(cd "$src" && git status --porcelain -- lib include 2>/dev/null)" ]; then
	commit="$commit (lib/ or include/ with uncommitted changes)"
fi
record env commit "$commit"
record env kernel "$(uname -r)"
record env cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
record env cpus "$(nproc)"
record env libseccomp "$(pkg-config --modversion libseccomp)"
record env load-before "$(cut -d' ' -f1-3 /proc/loadavg)"

# ---- BPF sizes, all groups, Docker's profile ---------------------------------------------------
"$python" "$src/bench/docker2txt.py" "$src/bench/docker-default-seccomp.json" >"$work/docker.txt"
say "BPF sizes; all groups at once in a child"
"$bench" bpf o2 "$work/docker.txt" >>"$raw"
"$work/nscbench-o1" bpf o1 >>"$raw"
"$bench" allload >>"$raw" || true
if [ "$(grep -c '^bpf' "$raw")" -gt 0 ] &&
	[ "$(awk -F'\t' '$1=="bpf"&&$2=="o1"&&$3~/^policy node/{print $4}' "$raw")" = \
	  "$(awk -F'\t' '$1=="bpf"&&$2=="o2"&&$3~/^policy node/{print $4}' "$raw")" ]; then
	record error "optimisation level" "level 1 and level 2 give the same program: is SCMP_FLTATR_CTL_OPTIMIZE applied (config.h)?"
fi

say "BPF instructions each timed call runs (an interpreter over the exported programs)"
"$bench" path "$work/docker.txt" floor argfloor typical nonode docker >>"$raw"
"$work/nscbench-o1" path "$work/docker.txt" typical-o1 nonode-o1 >>"$raw"

# ---- per-syscall cost --------------------------------------------------------------------------
echo hello >"$work/file"
[ "$mode" = quick ] && export NSCBENCH_SCALE=0.2
say "per-syscall cost: 8 configurations x $reps repetitions, each in its own child"
"$bench" syscalls "$reps" "$work/file" "$work/docker.txt" "$work/nscbench-o1" >>"$raw" || true

# ---- build + load --------------------------------------------------------------------------------
say "build+load latency: $latency_runs fresh processes per kind"
"$bench" latency "$latency_runs" "$work/nscbench-o1" >>"$raw" || true
if command -v valgrind >/dev/null 2>&1; then
	say "callgrind: build + export of the typical policy"
	NSCBENCH_SECCOMP_API=$("$bench" apilevel) valgrind --tool=callgrind \
		--callgrind-out-file="$work/callgrind.out" --collect-atstart=no \
		--toggle-collect=bench_build_export "$bench" callgrind >"$work/callgrind.log" 2>&1 ||
		record error callgrind "valgrind failed: $(tail -n 3 "$work/callgrind.log" | tr '\n\t' '  ')"
	if [ -f "$work/callgrind.out" ]; then
		callgrind_annotate --inclusive=yes "$work/callgrind.out" 2>/dev/null >"$work/callgrind.txt" || true
		awk '
			function num(s) { gsub(/,/, "", s); return s }
			/PROGRAM TOTALS/ { printf "cg\ttotal\t%s\n", num($1) }
			/:seccomp_export_bpf / { printf "cg\tlibseccomp generating the BPF (seccomp_export_bpf)\t%s\n", num($1) }
			/:seccomp_syscall_resolve_num_arch / { printf "cg\tnewest_known_syscall() in lib/bpf.c (number-to-name lookups)\t%s\n", num($1) }
			/:seccomp_rule_add_array / { printf "cg\tlibseccomp adding the rules (seccomp_rule_add_array)\t%s\n", num($1) }
		' "$work/callgrind.txt" >>"$raw"
	fi
else
	record error callgrind "valgrind is not installed: no instruction count"
fi

# ---- Node.js -------------------------------------------------------------------------------------
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
	say "build the Node addon in a scratch copy of node/ (as node/test/run.sh does)"
	mkdir "$work/node-seccomp"
	(cd "$src/node" && tar -cf - --exclude=./node_modules --exclude=./build --exclude='./*.tgz' .) |
		(cd "$work/node-seccomp" && tar -xf -)
	if (cd "$work/node-seccomp" && PKG_CONFIG_PATH=$build${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH} \
		npm_config_nodedir=${npm_config_nodedir:-/usr} npm ci --omit=dev --prefer-offline \
		--no-audit --no-fund --foreground-scripts >"$work/npm.log" 2>&1) &&
		[ -f "$work/node-seccomp/build/Release/node_seccomp.node" ]; then
		say "Node.js: start-up, HTTP (wrk), fs workload; A/B interleaved"
		"$python" "$src/bench/nodebench.py" "$work/node-seccomp" $([ "$mode" = quick ] && echo --quick) >>"$raw" ||
			record error node "nodebench.py failed"
	else
		tail -n 20 "$work/npm.log"
		record error node "the addon could not be built (npm ci in a copy of node/ failed): no Node.js numbers"
	fi
else
	record error node "node or npm is not installed: no Node.js numbers"
fi

# ---- report ----------------------------------------------------------------------------------------
record env load-after "$(cut -d' ' -f1-3 /proc/loadavg)"
cp "$raw" "$src/bench/results.tsv"
say "report"
"$python" "$src/bench/report.py" "$raw" "$src/bench/results.md" "$src/bench/results.png" \
	"$src/bench/README.md" "$src/README.md"
say "wrote bench/results.md, bench/results.png, bench/results.tsv; results copied into bench/README.md and the targets into README.md"
