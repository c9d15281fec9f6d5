#!/bin/bash
# tests/packaging/run.sh - the distribution packages, proven by a real install on this machine.
#
#   sudo bash tests/packaging/run.sh            # packages what git HEAD holds
#   sudo bash tests/packaging/run.sh --worktree # ... or the work tree (tracked and untracked,
#                                                 not ignored files), to try uncommitted changes
#
# Needs root and Debian's package registry (apt-get installs what is missing). Never writes
# into the source tree: everything happens in a temporary directory, removed at the end (keep
# it with NSC_KEEP_WORK=1). What it does:
#   1. dpkg-buildpackage -us -uc -b from a clean copy of the tree (the Build-Depends installed
#      first); the three .debs hold exactly the expected files; debian/libnodeseccomp0.symbols
#      is what debian/gen-symbols makes of lib/libnodeseccomp.sym.
#   2. make dist; the tarball carries the generated rpm spec (and no debian/); as
#      libnodeseccomp_VERSION.orig.tar.xz plus debian/ it makes a "3.0 (quilt)" source package.
#   3. rpmbuild -bb --nodeps with the spec from the tarball (its %check runs make check);
#      rpm -qlp shows each file in its package; rpmlint finds no error.
#   4. A local apt repository of the .debs; `apt-get install libnodeseccomp libnodeseccomp-dev
#      nodeseccomp` resolves through it, libnodeseccomp0 providing libnodeseccomp.
#   5. pkg-config gives system paths; debian/tests/build-and-sandbox builds a program with them
#      and runs it sandboxed; nodeseccomp runs from /usr/bin.
#   6. The npm addon against the installed library (node/test/pack-install.sh, when present).
#   7. Everything is purged, the apt source removed and apt-get update run again.
#   8. lintian --pedantic on the binary .changes and the source .dsc: no E: or W: line.
# Prints PASS/FAIL/SKIP per check and a last line "N passed, N failed, N skipped"; exits
# non-zero if anything failed. About 2 minutes on 2 cores.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
mode="head"
case "${1:-}" in
"") ;;
--worktree) mode=worktree ;;
*) echo "usage: bash tests/packaging/run.sh [--worktree]" >&2; exit 2 ;;
esac

export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
unset PKG_CONFIG_PATH PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR LD_LIBRARY_PATH LD_PRELOAD \
	CFLAGS CXXFLAGS CPPFLAGS LDFLAGS MAKEFLAGS MFLAGS DESTDIR

passed=0 failed=0 skipped=0
pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
skip() { echo "SKIP $*"; skipped=$((skipped + 1)); }
# show LOG: the end of a log, after a failure
show() { echo "---- last lines of $(basename "$1"):"; tail -n "${2:-40}" "$1" | sed 's/^/    /'; echo "----"; }
finish() {
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ]
	exit
}

packages="libnodeseccomp0 libnodeseccomp-dev nodeseccomp"
apt_list=/etc/apt/sources.list.d/nodeseccomp-test.list
installed_by_us=no
list_by_us=no
work=

# Other apt users (another session, unattended upgrades) hold the dpkg lock for a while: wait.
apt_get() { apt-get -o DPkg::Lock::Timeout=300 "$@"; }
installed() { dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | grep -q '^ii'; }

# Purge what this script installed and drop its apt source (also after a failure or ^C).
cleanup_apt() {
	local any=no p
	for p in $packages; do
		dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^.[^n]' && any=yes
	done
	if [ "$installed_by_us" = yes ] && [ "$any" = yes ]; then
		# shellcheck disable=SC2086
		apt_get purge -y -q $packages >"${work:-/tmp}/purge.log" 2>&1 ||
			{ echo "cleanup: apt-get purge failed:"; tail -n 20 "${work:-/tmp}/purge.log"; } >&3
	fi
	if [ "$list_by_us" = yes ]; then
		rm -f "$apt_list"
		# Forget the local repository's index: a full update, or, offline, remove its lists.
		apt_get update -q >"${work:-/tmp}/update-after.log" 2>&1 ||
			rm -f /var/lib/apt/lists/*nodeseccomp-packaging*
	fi
	installed_by_us=no list_by_us=no
}
# shellcheck disable=SC2317 # called by the EXIT trap
on_exit() {
	local status=$?
	trap - EXIT INT TERM
	cleanup_apt
	if [ -n "$work" ] && [ -d "$work" ]; then
		if [ "${NSC_KEEP_WORK:-0}" = 1 ]; then echo "kept $work" >&3; else rm -rf "$work"; fi
	fi
	exit "$status"
}
# fd 3 is the script's own stdout: a trap can run while a command's output goes to a log.
exec 3>&1
trap on_exit EXIT
trap 'failed=$((failed + 1)); echo "FAIL: interrupted" >&3; echo "$passed passed, $failed failed, $skipped skipped" >&3; exit 130' INT TERM

# ---- 0. the machine ---------------------------------------------------------------------------
if [ "$(id -u)" != 0 ]; then
	echo "tests/packaging/run.sh installs packages: run it as root"
	fail "running as root"
	finish
fi
work=$(mktemp -d /tmp/nodeseccomp-packaging.XXXXXX)
chmod 755 "$work" # apt's _apt user reads the local repository
logs=$work/logs
mkdir -p "$logs"

# A killed earlier run may have left its apt source and packages behind: they are ours.
if [ -e "$apt_list" ]; then
	echo "note: $apt_list is left from an earlier run; removing it and its packages"
	installed_by_us=yes list_by_us=yes
	cleanup_apt
fi

tools="build-essential debhelper dpkg-dev fakeroot lintian rpm rpmlint git xz-utils
	autoconf automake libtool pkgconf libseccomp-dev check"
missing=
for p in $tools; do installed "$p" || missing="$missing $p"; done
if [ -n "$missing" ]; then
	echo "installing:$missing"
	# shellcheck disable=SC2086
	if apt_get update -q >"$logs/apt-update.log" 2>&1 &&
		apt_get install -y -q --no-install-recommends $missing >"$logs/apt-tools.log" 2>&1; then
		pass "tools installed:$missing"
	else
		fail "installing the tools:$missing"; show "$logs/apt-tools.log"; finish
	fi
fi

fresh=yes
for p in $packages; do
	if installed "$p"; then echo "    $p is installed already"; fresh=no; fi
done
if pc=$(pkg-config --path nodeseccomp 2>/dev/null); then echo "    pkg-config finds $pc"; fresh=no; fi
if ldconfig -p | grep -q 'libnodeseccomp\.so\.0'; then
	echo "    the dynamic linker finds: $(ldconfig -p | grep 'libnodeseccomp\.so\.0' | tr -s ' ')"; fresh=no
fi
if [ "$fresh" = yes ]; then
	pass "no nodeseccomp on the machine before the test"
else
	fail "nodeseccomp is on the machine already (purge the packages, or make uninstall a /usr/local install): the test could not tell what it installed"
	finish
fi

# ---- the tree, clean ---------------------------------------------------------------------------
copy_tree() { # copy_tree DEST: the files of git HEAD, or of the work tree with --worktree
	mkdir -p "$1"
	if [ "$mode" = head ]; then
		git -C "$top" archive --format=tar HEAD | tar -x -C "$1"
	else
		# shellcheck disable=SC2016 # $f is for the inner sh
		(cd "$top" && git ls-files -z --cached --others --exclude-standard |
			xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
			tar --null -T - -cf -) | tar -x -C "$1"
	fi
}
if [ "$mode" = head ]; then what="git HEAD $(git -C "$top" rev-parse --short HEAD)"; else what="the work tree of $top"; fi
src=$work/deb/libnodeseccomp
copy_tree "$src"
if [ -f "$src/debian/control" ] && [ -f "$src/configure.ac" ]; then
	pass "clean copy of $what"
else
	fail "clean copy of $what (no debian/control or configure.ac in it)"; finish
fi
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
libdir=/usr/lib/$multiarch
version=$(sed -n 's/^#define NSC_VERSION_STRING "\(.*\)"$/\1/p' "$src/include/nodeseccomp.h")
debversion=$(cd "$src" && dpkg-parsechangelog -S Version)
distribution=$(cd "$src" && dpkg-parsechangelog -S Distribution)
specversion=$(sed -n 's/^\* .* - \([^ ]*\)$/\1/p' "$src/rpm/libnodeseccomp.spec.in" | head -n1)
if [ "${debversion%-*}" = "$version" ] && [ "${specversion%-*}" = "$version" ] && [ "$distribution" != UNRELEASED ]; then
	pass "versions agree: nodeseccomp.h $version, debian/changelog $debversion ($distribution), rpm %changelog $specversion"
else
	fail "versions: nodeseccomp.h says $version, debian/changelog $debversion ($distribution), the rpm %changelog $specversion: add entries (dch -v $version-1; a %changelog entry in rpm/libnodeseccomp.spec.in)"
fi

# ---- 1. Debian packages from the clean tree ----------------------------------------------------------
debs_ok=no
if (cd "$src" && apt_get build-dep -y -q ./ >"$logs/build-dep.log" 2>&1); then
	pass "Build-Depends installed (apt-get build-dep)"
else
	fail "apt-get build-dep ./"; show "$logs/build-dep.log"
fi
start=$SECONDS
if (cd "$src" && dpkg-buildpackage -us -uc -b) >"$logs/dpkg-buildpackage.log" 2>&1; then
	pass "dpkg-buildpackage -us -uc -b ($((SECONDS - start)) s; make check: $(grep -o '^# PASS: *[0-9]*' "$logs/dpkg-buildpackage.log" | tr -s ' ' | sed 's/# PASS: //') passed)"
	debs_ok=yes
else
	fail "dpkg-buildpackage -us -uc -b"; show "$logs/dpkg-buildpackage.log" 60
fi
grep -E '^(PASS|FAIL|SKIP|XFAIL|XPASS|ERROR): ' "$logs/dpkg-buildpackage.log" | sed 's/^/    make check: /'
deb() { ls "$work"/deb/"$1"_*.deb 2>/dev/null | head -n1; }

# expect_files LISTING LABEL PATTERN...: each pattern (grep -E, anchored) matches a line
expect_files() {
	local listing=$1 label=$2 missing_here="" p
	shift 2
	for p in "$@"; do grep -Eq "^$p\$" "$listing" || missing_here="$missing_here $p"; done
	if [ -z "$missing_here" ]; then pass "$label"; else fail "$label: missing$missing_here"; sed 's/^/    /' "$listing"; fi
}

if [ "$debs_ok" = yes ]; then
	for p in $packages; do
		f=$(deb "$p")
		[ -n "$f" ] || { fail "no $p .deb"; continue; }
		dpkg-deb -c "$f" | awk '{ print $6 }' | sed 's,^\./,/,' >"$logs/$p.files"
	done
	expect_files "$logs/libnodeseccomp0.files" "libnodeseccomp0.deb: the library only" \
		"$libdir/libnodeseccomp\.so\.0" "$libdir/libnodeseccomp\.so\.0\.0\.0" \
		"/usr/share/doc/libnodeseccomp0/copyright"
	if grep -Ev "^/usr/lib/$multiarch/libnodeseccomp\.so\.0(\.[0-9.]+)?$|^/usr/share/(doc|lintian/overrides)/|/$" \
		"$logs/libnodeseccomp0.files" >"$logs/lib-extra"; then
		fail "libnodeseccomp0.deb holds more than the library:"; sed 's/^/    /' "$logs/lib-extra"
	fi
	expect_files "$logs/libnodeseccomp-dev.files" "libnodeseccomp-dev.deb: header, .so, .pc, nodeseccomp(3)" \
		"/usr/include/nodeseccomp\.h" "$libdir/libnodeseccomp\.so" "$libdir/pkgconfig/nodeseccomp\.pc" \
		"/usr/share/man/man3/nodeseccomp\.3\.gz"
	expect_files "$logs/nodeseccomp.files" "nodeseccomp.deb: /usr/bin/nodeseccomp, its preload module, nodeseccomp(1), nodeseccomp-groups(7)" \
		"/usr/bin/nodeseccomp" "$libdir/nodeseccomp/nodeseccomp-preload\.so" \
		"/usr/share/man/man1/nodeseccomp\.1\.gz" "/usr/share/man/man7/nodeseccomp-groups\.7\.gz"
	if cat "$logs"/*.files | grep -q '\.la$'; then fail "a .la file is packaged"; fi
	info=$(dpkg-deb -f "$(deb libnodeseccomp0)" Provides Depends)
	devdeps=$(dpkg-deb -f "$(deb libnodeseccomp-dev)" Depends)
	case "$info" in
	*"Provides: libnodeseccomp"*) pass "libnodeseccomp0 Provides: libnodeseccomp" ;;
	*) fail "libnodeseccomp0 does not provide libnodeseccomp: $info" ;;
	esac
	case "$devdeps" in
	*"libnodeseccomp0 (= $debversion)"*libseccomp-dev*) pass "libnodeseccomp-dev Depends: $devdeps" ;;
	*) fail "libnodeseccomp-dev Depends: $devdeps" ;;
	esac
	dpkg-deb --ctrl-tarfile "$(deb libnodeseccomp0)" | tar -xO ./symbols >"$logs/shipped.symbols" 2>/dev/null
fi
if sh "$src/debian/gen-symbols" "$src/lib/libnodeseccomp.sym" >"$logs/generated.symbols" &&
	diff -u "$src/debian/libnodeseccomp0.symbols" "$logs/generated.symbols" >"$logs/symbols.diff"; then
	n=$(grep -c '@' "$logs/generated.symbols")
	if [ "$debs_ok" = yes ] && ! grep -q 'Build-Depends-Package: libnodeseccomp-dev' "$logs/shipped.symbols"; then
		fail "libnodeseccomp0.deb ships no symbols file with Build-Depends-Package"
	else
		pass "debian/libnodeseccomp0.symbols = debian/gen-symbols lib/libnodeseccomp.sym ($n entries; dpkg-gensymbols -c4 held the library to it)"
	fi
else
	fail "debian/libnodeseccomp0.symbols is not what debian/gen-symbols makes of lib/libnodeseccomp.sym:"
	sed 's/^/    /' "$logs/symbols.diff"
fi

# ---- 2. the release tarball and the source package ----------------------------------------------------
tarball=
dist=$work/dist/src
copy_tree "$dist"
(cd "$dist" && find rpm -type f ! -name .gitignore | sort) >"$logs/packaging.files"
echo rpm/libnodeseccomp.spec >>"$logs/packaging.files"
if (cd "$dist" && ./autogen.sh && mkdir _build && cd _build && ../configure -q && make -s dist) \
	>"$logs/dist.log" 2>&1; then
	tarball=$dist/_build/nodeseccomp-$version.tar.xz
	pass "make dist: $(basename "$tarball")"
else
	fail "autogen.sh, configure, make dist"; show "$logs/dist.log"
fi
if [ -n "$tarball" ]; then
	tar -tJf "$tarball" | sed "s,^nodeseccomp-$version/,," | sort >"$logs/tarball.files"
	notin=$(sort -u "$logs/packaging.files" | comm -23 - "$logs/tarball.files")
	if [ -z "$notin" ] && ! grep -q '^debian/' "$logs/tarball.files"; then
		pass "the tarball carries rpm/ with the generated spec ($(sort -u "$logs/packaging.files" | wc -l) files), and no debian/"
	else
		fail "the tarball: rpm/ files missing (add them to EXTRA_DIST):${notin:- none}; debian/ files in it: $(grep -c '^debian/' "$logs/tarball.files")"
	fi
	srcpkg=$work/srcpkg
	mkdir -p "$srcpkg"
	cp "$tarball" "$srcpkg/libnodeseccomp_$version.orig.tar.xz"
	if (cd "$srcpkg" && tar -xJf "libnodeseccomp_$version.orig.tar.xz" &&
		cp -a "$dist/debian" "nodeseccomp-$version/" &&
		cd "nodeseccomp-$version" && dpkg-source -b .) >"$logs/dpkg-source.log" 2>&1 &&
		dsc=$(ls "$srcpkg"/libnodeseccomp_"$debversion".dsc 2>/dev/null); then
		pass "dpkg-source -b: $(basename "$dsc") ($(sed -n 's/^Format: //p' "$dsc")): the tarball as orig, debian/ from the tree"
	else
		dsc=
		fail "dpkg-source -b on the unpacked tarball"; show "$logs/dpkg-source.log"
	fi
fi

# ---- 3. RPM packages from the tarball ------------------------------------------------------------
rpms_ok=no
rpmtop=$work/rpmbuild
if [ -n "$tarball" ]; then
	mkdir -p "$rpmtop/SOURCES" "$rpmtop/SPECS"
	cp "$tarball" "$rpmtop/SOURCES/"
	tar -xJOf "$tarball" "nodeseccomp-$version/rpm/libnodeseccomp.spec" >"$rpmtop/SPECS/libnodeseccomp.spec"
	start=$SECONDS
	if rpmbuild -bb --nodeps --define "_topdir $rpmtop" \
		--define "packager nodeseccomp developers <dev@nodeseccomp.invalid>" \
		"$rpmtop/SPECS/libnodeseccomp.spec" >"$logs/rpmbuild.log" 2>&1; then
		pass "rpmbuild -bb --nodeps, spec from the tarball ($((SECONDS - start)) s; %check: $(grep -o '^# PASS: *[0-9]*' "$logs/rpmbuild.log" | tr -s ' ' | sed 's/# PASS: //') passed)"
		rpms_ok=yes
	else
		fail "rpmbuild -bb --nodeps"; show "$logs/rpmbuild.log" 60
	fi
fi
rpm_of() { ls "$rpmtop"/RPMS/*/"$1"-"$version"-*.rpm 2>/dev/null | head -n1; }
if [ "$rpms_ok" = yes ]; then
	for p in libnodeseccomp libnodeseccomp-devel nodeseccomp-tools; do
		f=$(rpm_of "$p")
		[ -n "$f" ] || { fail "no $p rpm"; continue; }
		rpm -qlp "$f" 2>/dev/null >"$logs/$p.rpmfiles"
	done
	expect_files "$logs/libnodeseccomp.rpmfiles" "rpm libnodeseccomp: /usr/lib64/libnodeseccomp.so.0*, license" \
		"/usr/lib64/libnodeseccomp\.so\.0" "/usr/lib64/libnodeseccomp\.so\.0\.0\.0" "/usr/share/licenses/.*/LICENSE"
	expect_files "$logs/libnodeseccomp-devel.rpmfiles" "rpm libnodeseccomp-devel: header, .so, .pc, nodeseccomp(3)" \
		"/usr/include/nodeseccomp\.h" "/usr/lib64/libnodeseccomp\.so" "/usr/lib64/pkgconfig/nodeseccomp\.pc" \
		"/usr/share/man/man3/nodeseccomp\.3.*"
	expect_files "$logs/nodeseccomp-tools.rpmfiles" "rpm nodeseccomp-tools: /usr/bin/nodeseccomp, its preload module, nodeseccomp(1), nodeseccomp-groups(7)" \
		"/usr/bin/nodeseccomp" "/usr/lib64/nodeseccomp/nodeseccomp-preload\.so" \
		"/usr/share/man/man1/nodeseccomp\.1.*" "/usr/share/man/man7/nodeseccomp-groups\.7.*"
	if cat "$logs"/*.rpmfiles | grep -q '\.la$'; then fail "a .la file is in an rpm"; fi
	if grep -q 'nodeseccomp\.so\.0(NODESECCOMP_0\.1)' <(rpm -qp --provides "$(rpm_of libnodeseccomp)" 2>/dev/null) &&
		grep -q 'libnodeseccomp(.*) = ' <(rpm -qp --requires "$(rpm_of libnodeseccomp-devel)" 2>/dev/null) &&
		grep -q 'pkgconfig(libseccomp)' <(rpm -qp --requires "$(rpm_of libnodeseccomp-devel)" 2>/dev/null) &&
		[ "$(rpm -qp --scripts "$(rpm_of libnodeseccomp)" 2>/dev/null | grep -c ldconfig)" -ge 2 ]; then
		pass "rpm dependencies: versioned ABI provided, -devel requires the library and libseccomp, ldconfig scriptlets"
	else
		fail "rpm dependencies or scriptlets"
		for p in libnodeseccomp libnodeseccomp-devel; do rpm -qp --provides --requires --scripts "$(rpm_of "$p")" 2>/dev/null | sed "s/^/    $p: /"; done
	fi
	rpmlint -r "$src/rpm/libnodeseccomp.rpmlintrc" "$rpmtop"/RPMS/*/*.rpm "$rpmtop/SPECS/libnodeseccomp.spec" >"$logs/rpmlint.log" 2>&1
	summary=$(grep -E 'packages and .* checked' "$logs/rpmlint.log")
	if grep -E ': E: ' "$logs/rpmlint.log" >/dev/null || ! grep -q ' 0 errors' <<<"$summary"; then
		fail "rpmlint: errors"; grep -E ': [EW]: |checked' "$logs/rpmlint.log" | sed 's/^/    /'
	else
		pass "rpmlint: no errors ($(sed 's/^ *//; s/;.*badness//' <<<"$summary"))"
		grep -E ': W: ' "$logs/rpmlint.log" | sed 's/^/    rpmlint: /'
	fi
fi

# ---- 4. a local apt repository and the install ----------------------------------------------------
if [ "$debs_ok" = yes ]; then
	repo=$work/repo
	mkdir -p "$repo"
	cp "$work"/deb/*.deb "$repo/"
	(cd "$repo" && dpkg-scanpackages --multiversion . >Packages 2>"$logs/scanpackages.log")
	chmod -R a+rX "$work/repo"
	echo "deb [trusted=yes] file:$repo ./" >"$apt_list"
	list_by_us=yes
	if apt_get update -q >"$logs/apt-update-repo.log" 2>&1 &&
		apt-cache policy libnodeseccomp0 | grep -q "file:$repo"; then
		pass "local apt repository: $(grep -c '^Package:' "$repo/Packages") packages, file:$repo"
	else
		fail "apt-get update with the local repository"; show "$logs/apt-update-repo.log"
	fi
	# libnodeseccomp is a virtual package: alone, it must resolve to its provider libnodeseccomp0.
	if apt_get install -s libnodeseccomp >"$logs/apt-simulate.log" 2>&1 &&
		grep -q '^Inst libnodeseccomp0 ' "$logs/apt-simulate.log" &&
		[ "$(grep -c '^Inst ' "$logs/apt-simulate.log")" = 1 ]; then
		pass "apt-get install libnodeseccomp resolves to its provider: $(grep '^Inst ' "$logs/apt-simulate.log")"
	else
		fail "apt-get install -s libnodeseccomp does not install just libnodeseccomp0"; show "$logs/apt-simulate.log" 20
	fi
	installed_by_us=yes
	if apt_get install -y -q libnodeseccomp libnodeseccomp-dev nodeseccomp >"$logs/apt-install.log" 2>&1; then
		pass "apt-get install -y libnodeseccomp libnodeseccomp-dev nodeseccomp"
	else
		fail "apt-get install -y libnodeseccomp libnodeseccomp-dev nodeseccomp"; show "$logs/apt-install.log"
	fi
	v=$(dpkg-query -W -f='${Version}' libnodeseccomp0 2>/dev/null)
	if installed libnodeseccomp0 && [ "$v" = "$debversion" ] &&
		apt-cache policy libnodeseccomp0 | grep -q "file:$repo"; then
		pass "libnodeseccomp0 $v installed, from file:$repo"
	else
		fail "libnodeseccomp0 $debversion from the local repository (installed: ${v:-none})"; apt-cache policy libnodeseccomp0 | sed 's/^/    /'
	fi

	# ---- 5. using the installed packages ------------------------------------------------------
	flags=$(pkg-config --cflags --libs nodeseccomp 2>&1)
	pcfile=$(pkg-config --path nodeseccomp 2>/dev/null)
	case " $flags " in
	*"$work"* | *"/tmp"* | *"_build"* | *"uninstalled"*) fail "pkg-config --cflags --libs nodeseccomp: build-tree paths: $flags" ;;
	*" -lnodeseccomp "*)
		if [ "$pcfile" = "$libdir/pkgconfig/nodeseccomp.pc" ] && [ "$(pkg-config --variable=libdir nodeseccomp)" = "$libdir" ] &&
			dpkg -S "$pcfile" 2>/dev/null | grep -q '^libnodeseccomp-dev:'; then
			pass "pkg-config --cflags --libs nodeseccomp: '$flags' (from $pcfile, libnodeseccomp-dev)"
		else
			fail "pkg-config finds $pcfile, libdir $(pkg-config --variable=libdir nodeseccomp)"
		fi ;;
	*) fail "pkg-config --cflags --libs nodeseccomp: $flags" ;;
	esac
	# from_package FILE: the package that ships FILE, after symlinks (/lib is /usr/lib here)
	from_package() { dpkg -S "$(readlink -f "$1")" 2>/dev/null | sed -n 's/^\([^:]*\):.*/\1/p' | head -n1; }
	if (cd "$src" && sh debian/tests/build-and-sandbox) >"$logs/autopkgtest.log" 2>&1 &&
		loaded=$(sed -n 's/.*it loads: //p' "$logs/autopkgtest.log") &&
		[ "$(readlink -f "$loaded")" = "$(readlink -f "$libdir/libnodeseccomp.so.0")" ] &&
		[ "$(from_package "$loaded")" = libnodeseccomp0 ] &&
		grep -q '^ok .* - a forbidden syscall kills the process with SIGSYS' "$logs/autopkgtest.log" &&
		! grep -q '^not ok' "$logs/autopkgtest.log"; then
		pass "debian/tests/build-and-sandbox: built with pkg-config, runs with $loaded (libnodeseccomp0), $(grep -c '^ok' "$logs/autopkgtest.log") checks ok"
		sed 's/^/    /' "$logs/autopkgtest.log"
	else
		fail "debian/tests/build-and-sandbox"; show "$logs/autopkgtest.log"
	fi
	if [ "$(command -v nodeseccomp)" = /usr/bin/nodeseccomp ] && dpkg -S /usr/bin/nodeseccomp 2>/dev/null | grep -q '^nodeseccomp:' &&
		(cd "$src" && sh debian/tests/cli) >"$logs/cli.log" 2>&1 &&
		[ "$(from_package "$(ldd /usr/bin/nodeseccomp | sed -n 's/.*libnodeseccomp\.so\.0 => \([^ ]*\).*/\1/p')")" = libnodeseccomp0 ]; then
		pass "nodeseccomp from /usr/bin: debian/tests/cli ($(grep -c '^ok' "$logs/cli.log") checks ok: groups, exec allowed, exec forbidden -> SIGSYS)"
		sed 's/^/    /' "$logs/cli.log"
	else
		fail "nodeseccomp from /usr/bin ($(command -v nodeseccomp || echo 'not on PATH'))"; show "$logs/cli.log"
	fi

	# ---- 6. HOOK: the npm addon against the installed library -----------------------------------
	# node/test/pack-install.sh (written with the addon) packs node/ and installs it into a fresh
	# temporary project against the installed libnodeseccomp, checking that ldd shows
	# $libdir/libnodeseccomp.so.0. Contract: run from the top of the clean copy, with
	# NSC_EXPECT_LIBRARY set to that path; exit 0 passes, 77 skips, anything else fails.
	addon_install() {
		local script="$src/node/test/pack-install.sh"
		if [ ! -f "$script" ]; then
			skip "addon install: node/test/pack-install.sh not present"
			return
		fi
		local status=0
		(cd "$src" && NSC_EXPECT_LIBRARY="$libdir/libnodeseccomp.so.0" bash "$script") \
			>"$logs/addon.log" 2>&1 || status=$?
		case $status in
		0) pass "addon install: node/test/pack-install.sh against $libdir/libnodeseccomp.so.0"; tail -n 5 "$logs/addon.log" | sed 's/^/    /' ;;
		77) skip "addon install: node/test/pack-install.sh skipped ($(tail -n1 "$logs/addon.log"))" ;;
		*) fail "addon install: node/test/pack-install.sh (exit $status)"; show "$logs/addon.log" ;;
		esac
	}
	addon_install
else
	skip "install, pkg-config, sandboxed program, CLI, addon: no .debs were built"
fi

# ---- 7. purge, and the machine as before ----------------------------------------------------------
if [ "$installed_by_us" = yes ] || [ "$list_by_us" = yes ]; then
	cleanup_apt
	left=
	for p in $packages; do dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^.[^n]' && left="$left $p"; done
	if [ -z "$left" ] && [ ! -e "$apt_list" ] && ! pkg-config --exists nodeseccomp &&
		! ldconfig -p | grep -q 'libnodeseccomp\.so\.0' && [ ! -e /usr/bin/nodeseccomp ] &&
		! apt-cache policy libnodeseccomp0 2>/dev/null | grep -q "file:"; then
		pass "purged (apt-get purge -y $packages), apt source removed, apt-get update run"
	else
		fail "after the purge:${left:- no packages left}; $(ls "$apt_list" 2>/dev/null)"
	fi
fi

# ---- 8. lintian ----------------------------------------------------------------------------------
lint() { # lint ID LABEL FILE
	local log="$logs/lintian-$1.log" status=0
	lintian --pedantic --display-info --display-experimental --color never --fail-on error,warning \
		"$3" >"$log" 2>&1 || status=$?
	if [ "$status" = 0 ] && ! grep -qE '^[EW]: ' "$log"; then
		pass "lintian --pedantic on the $2 $(basename "$3"): no E:/W: ($(grep -cE '^[IPX]: ' "$log") info/pedantic/experimental)"
		grep -E '^[IPXO]: ' "$log" | sed 's/^/    lintian: /'
	else
		fail "lintian --pedantic on the $2 $(basename "$3") (exit $status)"
		if grep -qE '^[EWIPXO]: ' "$log"; then grep -E '^[EWIPXO]: ' "$log" | sed 's/^/    /'; else show "$log"; fi
	fi
}
changes=$(ls "$work"/deb/*.changes 2>/dev/null | head -n1)
if [ -n "$changes" ]; then lint binary "binary .changes" "$changes"; else skip "lintian on the .changes: none built"; fi
if [ -n "${dsc:-}" ]; then lint source "source package" "$dsc"; else skip "lintian on the .dsc: none built"; fi

finish
