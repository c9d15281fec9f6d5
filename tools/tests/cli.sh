#!/bin/bash
# Tests of every nodeseccomp command, on real programs. Commands that load a filter run it in
# the child nodeseccomp forks; every case checks the exact exit status and output.
set -u
nsc="$top_builddir/tools/nodeseccomp"
export NODESECCOMP_PRELOAD="$top_builddir/tools/.libs/nodeseccomp-preload.so"
# In a sanitizer build the preload library is ASan-linked, and the ASan runtime it would pull
# into every program exec and learn start needs syscalls (setrlimit, ...) that no narrow pledge
# allows: there only the commands that start no program are tested; the normal build tests all.
sanitized=0
ldd "$top_builddir/lib/.libs/libnodeseccomp.so" | grep -q libasan && sanitized=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

check() { # check NAME EXPECTED-STATUS ACTUAL-STATUS [OUTPUT-FILE PATTERN]...
	local name=$1 want=$2 got=$3 ok=1
	shift 3
	[ "$want" = "$got" ] || { ok=0; echo "   status $got, expected $want"; }
	while [ $# -ge 2 ]; do
		grep -qE -- "$2" "$1" || { ok=0; echo "   no /$2/ in $(basename "$1"):"; sed 's/^/     /' "$1" | head -20; }
		shift 2
	done
	if [ $ok = 1 ]; then passed=$((passed + 1)); echo "ok - $name"
	else failed=$((failed + 1)); echo "not ok - $name"; fi
}

run() { # run NAME: stdout to $tmp/NAME.out, stderr to $tmp/NAME.err, status to $status
	local name=$1; shift
	"$@" >"$tmp/$name.out" 2>"$tmp/$name.err" </dev/null
	status=$?
}

# ---- groups, show -------------------------------------------------------------------------------
run groups "$nsc" groups
check "groups lists stdio, inet and node" 0 $status "$tmp/groups.out" '^stdio ' "$tmp/groups.out" '^inet .*\[includes netio\]' "$tmp/groups.out" '^node '
run markdown "$nsc" groups --markdown
check "groups --markdown is a table" 0 $status "$tmp/markdown.out" '^\| `stdio` \|'
run show "$nsc" show inet
check "show inet lists its socket checks and netio's rules" 0 $status "$tmp/show.out" 'inet +socket -?.*arg0 == AF_INET' "$tmp/show.out" 'netio +connect'
run show_bad "$nsc" show inett
check "show of an unknown group fails" 2 $status "$tmp/show_bad.err" 'unknown group "inett"'
run help "$nsc" --help
check "--help lists every command" 0 $status "$tmp/help.out" 'nodeseccomp exec' "$tmp/help.out" 'nodeseccomp learn'
# --help and the man page name the same commands.
help_cmds=$(sed -n 's/^  nodeseccomp \([a-z]*\) .*/\1/p' "$tmp/help.out" | sort | tr '\n' ' ')
man_cmds=$(sed -n 's/^\.B nodeseccomp \([a-z]*\)$/\1/p; s/^\.B nodeseccomp \([a-z]*\) .*/\1/p' "$top_srcdir/doc/nodeseccomp.1" | grep -v -- '^-' | sort -u | tr '\n' ' ')
[ "$help_cmds" = "$man_cmds" ]; check "--help and nodeseccomp(1) name the same commands ($help_cmds)" 0 $?

# ---- export -------------------------------------------------------------------------------------
run pfc "$nsc" export -p "stdio inet"
check "export pfc" 0 $status "$tmp/pfc.out" 'filter for syscall "socket"' "$tmp/pfc.out" 'action KILL_PROCESS;'
run bpf "$nsc" export -p "stdio inet" --format bpf -o "$tmp/filter.bpf"
size=$(stat -c %s "$tmp/filter.bpf")
[ $((size % 8)) = 0 ] && [ "$size" -gt 800 ]; check "export bpf: whole instructions ($((size / 8)))" 0 $?
run oci "$nsc" export -p "stdio rpath inet" --format oci -o "$tmp/profile.json"
check "export oci" 0 $status
python3 "$top_srcdir/tools/tests/check-oci.py" "$tmp/profile.json" "$top_srcdir/bench/docker-default-seccomp.json" >"$tmp/oci-check.out" 2>&1
check "export oci: the profile has the OCI runtime-spec shape" 0 $? "$tmp/oci-check.out" 'valid'
run oci_errno "$nsc" export -p "stdio" --penalty errno:EACCES --format oci
check "export oci with the errno penalty" 0 $status "$tmp/oci_errno.out" '"defaultAction": "SCMP_ACT_ERRNO"' "$tmp/oci_errno.out" '"defaultErrnoRet": 13'
run export_bad "$nsc" export -p "stdio" --format yaml
check "export: an unknown format is refused" 2 $status "$tmp/export_bad.err" 'bpf, pfc or oci'

# ---- exec and learn (they start programs) ---------------------------------------------------------
if [ $sanitized = 1 ]; then
	echo "skip - exec and learn: sanitizer build (see the top of this file)"
	echo "$passed passed, $failed failed, 1 skipped"
	[ $failed = 0 ]
	exit
fi

# exec
run exec_ok "$nsc" exec -p "stdio rpath" -- cat /etc/hostname
check "exec: an allowed program runs" 0 $status "$tmp/exec_ok.out" "^$(cat /etc/hostname)\$"
run exec_kill "$nsc" exec -p "stdio rpath" -- sh -c 'echo x > '"$tmp"'/created'
check "exec: a forbidden call kills, status 159, with a message" 159 $status "$tmp/exec_kill.err" 'sh was killed by SIGSYS: it made a syscall its pledge does not allow'
[ ! -e "$tmp/created" ]; check "exec: the forbidden file was not created" 0 $?
run exec_status "$nsc" exec -p "stdio rpath" -- sh -c 'exit 3'
check "exec: the exit status is passed through" 3 $status
run exec_errno "$nsc" exec -p "stdio rpath" --penalty errno -- touch "$tmp/t"
check "exec: --penalty errno fails the call with EPERM" 1 $status "$tmp/exec_errno.err" 'Operation not permitted'
run exec_errno2 "$nsc" exec -p "stdio rpath" --penalty errno:EACCES -- touch "$tmp/t"
check "exec: --penalty errno:EACCES" 1 $status "$tmp/exec_errno2.err" 'Permission denied'
run exec_diag "$nsc" exec -p "stdio rpath" --penalty diagnose -- touch "$tmp/t"
check "exec: --penalty diagnose names the call and the group" 159 $status "$tmp/exec_diag.err" '^nodeseccomp: blocked openat\(flags=O_WRONLY\|O_CREAT.*\) - allowed by group "cpath" with "wpath"$'
run exec_log "$nsc" exec -p "stdio rpath" --penalty log -- touch "$tmp/logged"
check "exec: --penalty log lets the call run" 0 $status
run exec_errnos "$nsc" exec -p "stdio rpath" --errno openat=ENOSPC -- cat /etc/hostname
check "exec: --errno gives one syscall its errno" 1 $status "$tmp/exec_errnos.err" 'No space left on device'
# Small programs of our own: one that reads a file, one that opens a socket (dynamic and static).
cat >"$tmp/readfile.c" <<'C'
#include <stdio.h>
int main(int argc, char **argv) { char line[256]; FILE *f = fopen(argv[1], "r"); if (!f) { perror("fopen"); return 1; } if (fgets(line, sizeof line, f)) fputs(line, stdout); return 0; }
C
cat >"$tmp/opensocket.c" <<'C'
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
int main(void) { int fd = socket(AF_INET, SOCK_STREAM, 0); printf("%s\n", fd >= 0 ? "socket" : strerrorname_np(errno)); return 0; }
C
${CC:-cc} -o "$tmp/readfile" "$tmp/readfile.c" && ${CC:-cc} -static -o "$tmp/readfile-static" "$tmp/readfile.c" &&
	${CC:-cc} -o "$tmp/opensocket" "$tmp/opensocket.c"
check "compiled the test programs (dynamic and static)" 0 $?
for var in NODESECCOMP_LEARN_MARK=1 NODESECCOMP_PENALTY=log NODESECCOMP_ERRNOS=openat=EPERM; do
	run exec_env env "$var" "$nsc" exec -p "stdio" -- "$tmp/readfile" /etc/hostname
	check "exec: $var in the caller's environment does not weaken the pledge" 159 $status
done
run exec_static "$nsc" exec -p "stdio" -- "$tmp/readfile-static" /etc/hostname
check "exec: a static program (no preload) is under the pledge itself" 159 $status
run exec_static_ok "$nsc" exec -p "stdio rpath" -- "$tmp/readfile-static" /etc/hostname
check "exec: a static program runs when its pledge allows it" 0 $status "$tmp/exec_static_ok.out" "^$(cat /etc/hostname)\$"
run exec_errno_socket "$nsc" exec -p "stdio" --errno socket=EACCES -- "$tmp/opensocket"
check "exec: --errno on a syscall the pledge does not allow answers it with the errno" 0 $status "$tmp/exec_errno_socket.out" '^EACCES$'
run exec_typo "$nsc" exec -p "stdio rpth" -- true
check "exec: a bad pledge is refused before anything runs" 2 $status "$tmp/exec_typo.err" 'unknown group or syscall "rpth" \(did you mean "rpath"\?\)'
run exec_badpen "$nsc" exec -p "stdio" --penalty maim -- true
check "exec: a bad penalty is refused" 2 $status "$tmp/exec_badpen.err" 'penalty must be kill, errno, errno:NAME, log or diagnose'
run exec_missing "$nsc" exec -p "stdio rpath" -- /nonexistent/program
check "exec: a missing command exits 127" 127 $status "$tmp/exec_missing.err" 'cannot run /nonexistent/program'
run exec_noarg "$nsc" exec -p "stdio"
check "exec: no command is a usage error" 2 $status "$tmp/exec_noarg.err" 'exec needs a command'
run exec_fork "$nsc" exec -p "stdio rpath wpath cpath proc exec prot_exec" -- sh -c 'ls / >/dev/null 2>&1; echo forked'
check "exec: with proc and exec, children run" 0 $status "$tmp/exec_fork.out" '^forked$'
run exec_nofork "$nsc" exec -p "stdio rpath" -- sh -c '/bin/true; echo no'
check "exec: without proc, fork kills" 159 $status

# ---- learn --------------------------------------------------------------------------------------
run learn_cat "$nsc" learn -- cat /etc/hostname
check "learn: the report of cat" 0 $status "$tmp/learn_cat.out" '^pledge: stdio rpath$' "$tmp/learn_cat.out" 'openat\(flags=O_RDONLY\) +x[0-9]+ +rpath' "$tmp/learn_cat.out" '\[start-up\]'
run learn_sh "$nsc" learn --format pledge -o "$tmp/sh.pledge" -- sh -c 'ls / >/dev/null; cat /etc/hostname > '"$tmp"'/copy'
pledge=$(cat "$tmp/sh.pledge")
check "learn: a program that forks and execs needs proc and exec ($pledge)" 0 $status "$tmp/sh.pledge" 'proc' "$tmp/sh.pledge" 'exec' "$tmp/sh.pledge" 'cpath'
rm -f "$tmp/copy"
run learned_sh "$nsc" exec -p "$pledge" -- sh -c 'ls / >/dev/null; cat /etc/hostname > '"$tmp"'/copy'
check "learn: the learned pledge runs the same program" 0 $status
cmp -s "$tmp/copy" /etc/hostname; check "learn: ... and it did its work" 0 $?
run learned_less "$nsc" exec -p "stdio rpath" -- sh -c 'ls / >/dev/null; cat /etc/hostname > '"$tmp"'/copy'
check "learn: less than the learned pledge is not enough" 159 $status
if command -v node >/dev/null; then
	js='const fs = require("fs"); fs.writeFileSync(process.argv[1], "x"); setTimeout(() => console.log(fs.readFileSync(process.argv[1], "utf8")), 5)'
	run learn_node "$nsc" learn --format pledge -o "$tmp/node.pledge" -- node -e "$js" "$tmp/n1"
	pledge=$(cat "$tmp/node.pledge")
	check "learn: a Node.js program ($pledge)" 0 $status "$tmp/node.pledge" 'node'
	run learned_node "$nsc" exec -p "$pledge" -- node -e "$js" "$tmp/n2"
	check "learn: the learned pledge runs the Node.js program" 0 $status "$tmp/learned_node.out" '^x$'
	run learn_node_oci "$nsc" learn --format oci -o "$tmp/node.json" -- node -e "$js" "$tmp/n3"
	python3 "$top_srcdir/tools/tests/check-oci.py" "$tmp/node.json" "$top_srcdir/bench/docker-default-seccomp.json" >"$tmp/oci2.out" 2>&1
	check "learn: --format oci gives a valid profile" 0 $? "$tmp/oci2.out" 'valid'
else
	echo "skip - learn on Node.js: node not installed"
fi
cat >"$tmp/rawsocket.c" <<'C'
#include <sys/socket.h>
#include <netinet/in.h>
int main(void) { return socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) < 0; }
C
${CC:-cc} -o "$tmp/rawsocket" "$tmp/rawsocket.c"
run learn_raw "$nsc" learn --format pledge -- "$tmp/rawsocket"
check "learn: a raw socket is allowed by name, with a warning that this allows every socket" 0 $status "$tmp/learn_raw.out" ' socket$' "$tmp/learn_raw.err" 'warning: the pledge allows socket by name'
run learn_noarg "$nsc" learn
check "learn: no command is a usage error" 2 $status

echo "$passed passed, $failed failed"
[ $failed = 0 ]
