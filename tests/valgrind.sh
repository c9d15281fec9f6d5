#!/bin/sh
# valgrind memcheck over the C code paths that load nothing (valgrind cannot run inside a
# filtered process): the API unit tests, the bad-input rows, the CLI. No errors, no leaks.
set -eu
command -v valgrind >/dev/null || { echo "valgrind not installed"; exit 77; }
if nm -D "$top_builddir/lib/.libs/libnodeseccomp.so" 2>/dev/null | grep -q __asan_init; then
	echo "sanitizer build: ASan's leak checker covers this build instead"; exit 77
fi
# valgrind hides the seccomp() syscall; NSC_TEST_SECCOMP_API=3 tells the test programs the
# level that KILL_PROCESS and LOG need (see force_api_level_for_valgrind in them).
run() {
	echo "valgrind: $*"
	NSC_TEST_SECCOMP_API=3 CK_FORK=no "$top_builddir/libtool" --mode=execute valgrind --quiet --error-exitcode=99 \
		--leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
		"$@" >/dev/null
}
run "$top_builddir/lib/tests/test-api"
run "$top_builddir/tests/bad-input/bad-input" --no-load
run "$top_builddir/tools/nodeseccomp" groups --man
run "$top_builddir/tools/nodeseccomp" show stdio inet
echo "valgrind: no errors, no leaks"
