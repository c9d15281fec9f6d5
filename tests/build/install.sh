#!/bin/sh
# make install puts the library, header and nodeseccomp.pc where pkg-config finds them, and a
# C program built only from `pkg-config --cflags --libs nodeseccomp` runs sandboxed. The
# uninstalled .pc does the same against the build tree.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

make -s -C "$top_builddir" install DESTDIR="$tmp/root" >/dev/null
pcdir=$(find "$tmp/root" -name nodeseccomp.pc -printf '%h\n')
[ -n "$pcdir" ] || { echo "nodeseccomp.pc not installed"; exit 1; }
[ -f "$(find "$tmp/root" -name nodeseccomp.h | head -n1)" ] || { echo "header not installed"; exit 1; }
lib=$(find "$tmp/root" -name 'libnodeseccomp.so.0' | head -n1)
[ -n "$lib" ] || { echo "libnodeseccomp.so.0 not installed"; exit 1; }

check_program() { # check_program LABEL CFLAGS-AND-LIBS... ; runs with LD_LIBRARY_PATH set by caller
	label=$1; shift
	# shellcheck disable=SC2068
	${CC:-cc} ${SANITIZER_FLAGS:-} -o "$tmp/demo" "$top_srcdir/doc/examples/pledge-demo.c" $@
	out=$("$tmp/demo")
	case "$out" in
	*"killed by SIGSYS when it called socket()"*) echo "$label: ok" ;;
	*) echo "$label: unexpected output:"; echo "$out"; exit 1 ;;
	esac
}

flags=$(PKG_CONFIG_SYSROOT_DIR="$tmp/root" PKG_CONFIG_LIBDIR="$pcdir:$(pkg-config --variable pc_path pkg-config)" \
	pkg-config --cflags --libs nodeseccomp)
echo "installed: pkg-config --cflags --libs nodeseccomp -> $flags"
LD_LIBRARY_PATH=$(dirname "$lib") check_program installed $flags

flags=$(PKG_CONFIG_PATH="$top_builddir" pkg-config --cflags --libs nodeseccomp)
case "$flags" in *"$top_builddir"*) ;; *) echo "uninstalled .pc not preferred: $flags"; exit 1 ;; esac
check_program uninstalled $flags
