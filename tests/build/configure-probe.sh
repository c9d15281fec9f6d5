#!/bin/sh
# configure refuses a libseccomp that is too old, or one without SCMP_ACT_KILL_PROCESS, with a
# message naming the version found, the version needed and the Debian package to install.
set -eu
if [ -f "$top_srcdir/config.status" ]; then
	# configure refuses a second build directory once the source directory is configured.
	echo "SKIP: in-tree build (the source directory is configured); a VPATH build runs this"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fake_libseccomp() { # fake_libseccomp VERSION HEADER-TEXT
	mkdir -p "$tmp/$1/include"
	printf '%s\n' "$2" >"$tmp/$1/include/seccomp.h"
	cat >"$tmp/$1/libseccomp.pc" <<PC
Name: libseccomp
Description: fake for the configure test
Version: $1
Cflags: -I$tmp/$1/include
Libs: -lseccomp
PC
}

expect_failure() { # expect_failure VERSION PATTERN...
	version=$1; shift
	mkdir -p "$tmp/build-$version"
	if (cd "$tmp/build-$version" && PKG_CONFIG_PATH="$tmp/$version" \
		"$top_srcdir/configure" -q >"$tmp/out-$version" 2>&1); then
		echo "configure accepted libseccomp $version"; exit 1
	fi
	for pattern in "$@"; do
		grep -q -- "$pattern" "$tmp/out-$version" || {
			echo "libseccomp $version: message lacks '$pattern':"; cat "$tmp/out-$version"; exit 1; }
	done
	echo "libseccomp $version refused: $(grep 'error:' "$tmp/out-$version" | head -n1)"
}

fake_libseccomp 2.3.1 '#define SCMP_ACT_KILL 0'
expect_failure 2.3.1 'libseccomp 2.3.1 found' '>= 2.4.0' 'apt-get install libseccomp-dev'
fake_libseccomp 2.4.9 '#define SCMP_ACT_KILL 0'
expect_failure 2.4.9 'libseccomp 2.4.9 does not declare SCMP_ACT_KILL_PROCESS' 'apt-get install libseccomp-dev'
