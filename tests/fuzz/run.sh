#!/bin/sh
# Build the libFuzzer targets with clang (the library's sources compiled in, with ASan and
# UBSan) and run each for a bounded time on the committed seed corpus.
#   sh tests/fuzz/run.sh [SECONDS-PER-TARGET]     (CI: 20; a longer run: 600)
# Prints, per target, the executions and crashes, and a closing "N passed, N failed" line.
set -eu
seconds=${1:-20}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${top_builddir:-$src/_build}
[ -f "$build/config.h" ] || { echo "fuzz: configure the tree first (no $build/config.h)"; exit 1; }
command -v clang >/dev/null || { echo "fuzz: clang not installed"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0 failed=0
for target in pledge names policy; do
	bin="$work/fuzz-$target"
	clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-I"$src/include" -I"$build" $(pkg-config --cflags libseccomp) \
		"$src"/lib/*.c "$src/tests/fuzz/fuzz-$target.c" \
		$(pkg-config --libs libseccomp) -o "$bin"
	corpus="$work/corpus-$target"
	cp -r "$src/tests/fuzz/corpus/$target" "$corpus"
	if (cd "$work" && "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 "$corpus" >"$work/$target.log" 2>&1); then
		status=ok; passed=$((passed + 1))
	else
		status=CRASH; failed=$((failed + 1))
		grep -E 'ERROR|SUMMARY|runtime error' "$work/$target.log" | head -20
		ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* 2>/dev/null || true
	fi
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log")
	echo "fuzz-$target: $status, ${execs:-0} executions in ${seconds}s, $( [ $status = ok ] && echo 0 || echo 1) crashes"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
