#!/bin/sh
# Install the Debian packages that building and testing nodeseccomp need (Debian 12, as root).
# Idempotent: runs apt-get only when something is missing.
set -eu

packages="gcc g++ make autoconf automake libtool pkg-config libseccomp-dev check
	nodejs strace valgrind clang libclang-rt-14-dev xz-utils python3 git
	${NSC_EXTRA_PACKAGES:-}"

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
		missing="$missing $p"
done
[ -n "$missing" ] || exit 0
echo "deps: installing$missing"
if [ "$(id -u)" != 0 ]; then
	echo "deps: run as root, or install these Debian packages:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
