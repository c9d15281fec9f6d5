/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * THE TABLE. Every group nodeseccomp knows lives here, once, as data: name, one-line
 * description, included groups, and rules (syscall + optional argument checks + why).
 * Everything else - the CLI, the man pages, the README tables, the Node addon - reads it
 * through the public API. Read it top to bottom like OpenBSD's kern_pledge.c.
 *
 * Syscall names that libseccomp does not know on the running architecture are skipped when a
 * filter is compiled, so one table spans architectures and libseccomp versions.
 *
 * Seccomp sees syscall numbers and argument registers, never the memory they point to: paths,
 * socket addresses and message contents cannot be checked. Where a pledge(2) promise depends on
 * them, the description says what the Linux group really allows.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <stdio.h> /* RENAME_NOREPLACE and friends */
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <linux/seccomp.h>

#include "table.h"

/* ---- The notation --------------------------------------------------------------------------- */

#define NCHECKS(...) (sizeof((struct nsc_arg_check[]){ __VA_ARGS__ }) / sizeof(struct nsc_arg_check))
/* The argument checks of a rule; all must hold. */
#define IF(...) .nchecks = NCHECKS(__VA_ARGS__), .checks = { __VA_ARGS__ }

#define ARG_EQ(n, v) \
	{ .arg = (n), .cmp = NSC_CMP_EQ, .value = (uint64_t)(v), .text = "arg" #n " == " #v }
#define ARG_LE(n, v) \
	{ .arg = (n), .cmp = NSC_CMP_LE, .value = (uint64_t)(v), .text = "arg" #n " <= " #v }
#define ARG_MASK(n, m, v)                                                                      \
	{ .arg = (n), .cmp = NSC_CMP_MASKED_EQ, .mask = (uint64_t)(m), .value = (uint64_t)(v), \
	  .text = "(arg" #n " & " #m ") == " #v }
#define ARG_NONE_OF(n, m)                                                          \
	{ .arg = (n), .cmp = NSC_CMP_MASKED_EQ, .mask = (uint64_t)(m), .value = 0, \
	  .text = "(arg" #n " & " #m ") == 0" }
#define ARG_IS_SELF(n) \
	{ .arg = (n), .cmp = NSC_CMP_EQ, .self_pid = 1, .text = "arg" #n " == getpid()" }

#define INCLUDES(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define GROUP(name_, description_, includes_, rules_)                             \
	{ .name = (name_), .description = (description_), .includes = (includes_), \
	  .rules = (rules_), .nrules = sizeof(rules_) / sizeof((rules_)[0]) }

/* ---- Constants the checks use ----------------------------------------------------------------- */

/* The bit that makes O_TMPFILE (O_TMPFILE itself also carries O_DIRECTORY). */
#define O_TMPFILE_BIT 020000000
/* What kind of open a flags word asks for; each file group allows exactly its own kinds. */
#define OPEN_KIND (O_ACCMODE | O_CREAT | O_TRUNC | O_TMPFILE_BIT)
#define WRITE_KIND (O_ACCMODE | O_CREAT | O_TMPFILE_BIT)
#define CREATE_NEW_KIND (O_ACCMODE | O_CREAT | O_EXCL | O_TMPFILE_BIT)
#define TMPFILE_KIND (O_ACCMODE | O_TMPFILE_BIT)
/* Namespace flags, never allowed. CLONE_NEWTIME is left out: in clone() that bit is part of
 * the exit signal; it only means a namespace in clone3() and unshare(), never allowed. */
#define CLONE_NAMESPACES                                                                  \
	(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | \
	 CLONE_NEWPID | CLONE_NEWNET)
#define CLONE_THREAD_FLAGS (CLONE_VM | CLONE_SIGHAND | CLONE_THREAD)
/* Mode bits that would let a sandboxed process plant set-ID programs for others. */
#define SETID_BITS (S_ISUID | S_ISGID)
/* renameat2() flags that decide whether anything existing is replaced. */
#define RENAME_FLAGS (RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)
/* socket(2) type without the two flags that only set descriptor state. */
#define SOCK_TYPE_MASK (0xffffffffu & ~(unsigned)(SOCK_NONBLOCK | SOCK_CLOEXEC))

/* ---- always: part of every policy ------------------------------------------------------------- */

static const struct nsc_rule always_rules[] = {
	{ "seccomp", IF(ARG_NONE_OF(1, SECCOMP_FILTER_FLAG_SPEC_ALLOW)),
	  .why = "narrowing is always allowed, as pledge() can always be called again; a new "
		 "filter can only add restrictions" },
	{ "seccomp", IF(ARG_MASK(1, SECCOMP_FILTER_FLAG_SPEC_ALLOW, SECCOMP_FILTER_FLAG_SPEC_ALLOW)),
	  .errno_value = EINVAL,
	  .why = "never the flag that drops the SSB mitigation; libseccomp probes it and takes "
		 "EINVAL as \"not supported\"" },
	{ "prctl", IF(ARG_EQ(0, PR_SET_NO_NEW_PRIVS), ARG_EQ(1, 1)),
	  .why = "libseccomp sets no-new-privs before loading a narrower filter" },
	{ "prctl", IF(ARG_EQ(0, PR_GET_NO_NEW_PRIVS)), .why = "read no-new-privs" },
	{ "prctl", IF(ARG_EQ(0, PR_GET_SECCOMP)), .why = "read the seccomp mode" },
	{ "personality", IF(ARG_EQ(0, 0xffffffff)),
	  .why = "read the personality only: loading refuses to run under READ_IMPLIES_EXEC" },
	{ "clone3", .errno_value = ENOSYS,
	  .why = "flags live in a struct seccomp cannot read; glibc falls back to clone() on ENOSYS" },
	{ "openat2", .errno_value = ENOSYS,
	  .why = "flags live in a struct seccomp cannot read; callers fall back to openat()" },
	{ "io_uring_setup", .errno_value = ENOSYS,
	  .why = "io_uring operations bypass seccomp; libuv copes with ENOSYS" },
	{ "io_uring_enter", .errno_value = ENOSYS, .why = "io_uring bypasses seccomp" },
	{ "io_uring_register", .errno_value = ENOSYS, .why = "io_uring bypasses seccomp" },
};

/* ---- stdio ---------------------------------------------------------------------------------- */

static const struct nsc_rule stdio_rules[] = {
	{ "read", .why = "read from open descriptors" },
	{ "readv", .why = "read from open descriptors" },
	{ "pread64", .why = "read from open descriptors" },
	{ "preadv", .why = "read from open descriptors" },
	{ "preadv2", .why = "read from open descriptors" },
	{ "write", .why = "write to open descriptors" },
	{ "writev", .why = "write to open descriptors" },
	{ "pwrite64", .why = "write to open descriptors" },
	{ "pwritev", .why = "write to open descriptors" },
	{ "pwritev2", .why = "write to open descriptors" },
	{ "lseek", .why = "move in open files" },
	{ "close", .why = "close descriptors" },
	{ "close_range", .why = "close many descriptors (libc and libuv)" },
	{ "dup", .why = "duplicate descriptors" },
	{ "dup2", .why = "duplicate descriptors" },
	{ "dup3", .why = "duplicate descriptors" },
	{ "fstat", .why = "metadata of open descriptors" },
	{ "newfstatat", IF(ARG_MASK(3, AT_EMPTY_PATH, AT_EMPTY_PATH)),
	  .why = "glibc's fstat(); with AT_EMPTY_PATH a path is still looked up if one is given" },
	{ "statx", IF(ARG_MASK(2, AT_EMPTY_PATH, AT_EMPTY_PATH)),
	  .why = "fstat() through statx (libuv); same AT_EMPTY_PATH caveat" },
	{ "fsync", .why = "flush open files" },
	{ "fdatasync", .why = "flush open files" },
	{ "ftruncate", .why = "resize files already open for writing" },
	{ "sendfile", .why = "copy between open descriptors" },
	{ "copy_file_range", .why = "copy between open descriptors" },
	/* F_DUPFD 0, F_GETFD 1, F_SETFD 2, F_GETFL 3, F_SETFL 4: one comparison, not five (hot). */
	{ "fcntl", IF(ARG_LE(1, F_SETFL)),
	  .why = "F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL: duplicate, close-on-exec, status flags" },
	{ "fcntl", IF(ARG_EQ(1, F_DUPFD_CLOEXEC)), .why = "duplicate descriptors" },
	{ "ioctl", IF(ARG_EQ(1, FIONREAD)), .why = "bytes ready to read" },
	{ "ioctl", IF(ARG_EQ(1, FIONBIO)), .why = "non-blocking mode (libuv)" },
	{ "ioctl", IF(ARG_EQ(1, FIOCLEX)), .why = "set close-on-exec" },
	{ "ioctl", IF(ARG_EQ(1, FIONCLEX)), .why = "clear close-on-exec" },
	{ "ioctl", IF(ARG_EQ(1, TCGETS)), .why = "isatty(): read terminal settings" },
	{ "ioctl", IF(ARG_EQ(1, TIOCGWINSZ)), .why = "read the terminal size" },
	{ "mmap", IF(ARG_NONE_OF(2, PROT_EXEC)), .why = "memory, never executable (prot_exec)" },
	{ "mprotect", IF(ARG_NONE_OF(2, PROT_EXEC)), .why = "memory, never executable" },
	{ "pkey_mprotect", IF(ARG_NONE_OF(2, PROT_EXEC)), .why = "memory, never executable" },
	{ "munmap", .why = "free memory" },
	{ "mremap", .why = "grow memory" },
	{ "madvise", .why = "memory hints (malloc, GC)" },
	{ "brk", .why = "malloc" },
	{ "msync", .why = "flush mapped files" },
	{ "mincore", .why = "memory residency (allocators)" },
	{ "futex", .why = "locks and condition variables" },
	{ "set_robust_list", .why = "thread start (glibc)" },
	{ "get_robust_list", IF(ARG_EQ(0, 0)), .why = "own robust futex list only (another's leaks its heap address)" },
	{ "set_tid_address", .why = "thread start (glibc)" },
	{ "rseq", .why = "thread start (glibc registers restartable sequences)" },
	{ "clone", IF(ARG_MASK(0, CLONE_THREAD_FLAGS | CLONE_NAMESPACES, CLONE_THREAD_FLAGS)),
	  .why = "start threads (pthread_create); new processes need proc" },
	{ "sched_yield", .why = "threads" },
	{ "sched_getaffinity", .why = "count usable CPUs" },
	{ "getcpu", .why = "which CPU runs this thread" },
	{ "membarrier", .why = "memory barriers across threads (JITs, RCU)" },
	{ "exit", .why = "end a thread" },
	{ "exit_group", .why = "end the process" },
	{ "clock_gettime", .why = "time (usually through the vDSO)" },
	{ "clock_getres", .why = "time" },
	{ "gettimeofday", .why = "time" },
	{ "time", .why = "time" },
	{ "nanosleep", .why = "sleep" },
	{ "clock_nanosleep", .why = "sleep" },
	{ "getitimer", .why = "timers" },
	{ "setitimer", .why = "timers" },
	{ "alarm", .why = "timers" },
	{ "timerfd_create", .why = "timers as descriptors" },
	{ "timerfd_settime", .why = "timers as descriptors" },
	{ "timerfd_gettime", .why = "timers as descriptors" },
	{ "getpid", .why = "own identity" },
	{ "getppid", .why = "own identity" },
	{ "gettid", .why = "own identity" },
	{ "getuid", .why = "own identity" },
	{ "geteuid", .why = "own identity" },
	{ "getgid", .why = "own identity" },
	{ "getegid", .why = "own identity" },
	{ "getresuid", .why = "own identity" },
	{ "getresgid", .why = "own identity" },
	{ "getgroups", .why = "own identity" },
	{ "getpgrp", .why = "own identity" },
	{ "getpgid", .why = "own identity" },
	{ "getsid", .why = "own identity" },
	{ "uname", .why = "system name and release" },
	{ "getrandom", .why = "random numbers" },
	{ "getrusage", .why = "own resource use" },
	{ "getrlimit", .why = "own limits" },
	{ "prlimit64", IF(ARG_EQ(0, 0), ARG_EQ(2, 0)),
	  .why = "read own limits only (pid 0, no new limit); setting needs proc" },
	{ "umask", .why = "file creation mask" },
	{ "prctl", IF(ARG_EQ(0, PR_SET_NAME)), .why = "name threads" },
	{ "prctl", IF(ARG_EQ(0, PR_GET_NAME)), .why = "read thread names" },
	{ "prctl", IF(ARG_EQ(0, PR_GET_DUMPABLE)), .why = "read dumpability" },
	{ "rt_sigaction", .why = "signal handlers" },
	{ "rt_sigprocmask", .why = "signal masks" },
	{ "rt_sigreturn", .why = "return from signal handlers" },
	{ "rt_sigpending", .why = "signals" },
	{ "rt_sigsuspend", .why = "signals" },
	{ "rt_sigtimedwait", .why = "signals" },
	{ "sigaltstack", .why = "signal stacks" },
	{ "restart_syscall", .why = "the kernel restarts interrupted calls" },
	{ "kill", IF(ARG_IS_SELF(0)), .why = "signal this process only; others need proc" },
	{ "tgkill", IF(ARG_IS_SELF(0)), .why = "signal own threads (raise, abort)" },
	{ "pipe", .why = "pipes" },
	{ "pipe2", .why = "pipes" },
	{ "socketpair", IF(ARG_EQ(0, AF_UNIX)), .why = "connected pairs of local sockets" },
	{ "eventfd", .why = "event descriptors" },
	{ "eventfd2", .why = "event descriptors (libuv wake-ups)" },
	{ "signalfd", .why = "signals as descriptors" },
	{ "signalfd4", .why = "signals as descriptors" },
	{ "poll", .why = "wait for descriptors" },
	{ "ppoll", .why = "wait for descriptors" },
	{ "select", .why = "wait for descriptors" },
	{ "pselect6", .why = "wait for descriptors" },
	{ "epoll_create", .why = "event loop" },
	{ "epoll_create1", .why = "event loop" },
	{ "epoll_ctl", .why = "event loop" },
	{ "epoll_wait", .why = "event loop" },
	{ "epoll_pwait", .why = "event loop (libuv)" },
	{ "epoll_pwait2", .why = "event loop (probed by libuv)" },
	{ "recvfrom", .why = "receive on sockets already open" },
	{ "sendto", IF(ARG_EQ(4, 0)), .why = "send on connected sockets; no address (inet/unix)" },
	{ "shutdown", .why = "shut down sockets already open" },
};

/* ---- Files ------------------------------------------------------------------------------------ */

static const struct nsc_rule rpath_rules[] = {
	{ "openat", IF(ARG_MASK(2, OPEN_KIND, O_RDONLY)),
	  .why = "open existing files read-only: no O_CREAT, O_TRUNC or O_TMPFILE" },
	{ "open", IF(ARG_MASK(1, OPEN_KIND, O_RDONLY)), .why = "the same, older call" },
	{ "newfstatat", .why = "metadata by path" },
	{ "stat", .why = "metadata by path" },
	{ "lstat", .why = "metadata by path" },
	{ "statx", .why = "metadata by path" },
	{ "statfs", .why = "file system metadata" },
	{ "fstatfs", .why = "file system metadata" },
	{ "access", .why = "check access by path" },
	{ "faccessat", .why = "check access by path" },
	{ "faccessat2", .why = "check access by path" },
	{ "readlink", .why = "read symbolic links" },
	{ "readlinkat", .why = "read symbolic links" },
	{ "getdents", .why = "list directories" },
	{ "getdents64", .why = "list directories" },
	{ "getcwd", .why = "current directory" },
	{ "chdir", .why = "change directory" },
	{ "fchdir", .why = "change directory" },
	{ "getxattr", .why = "read extended attributes" },
	{ "lgetxattr", .why = "read extended attributes" },
	{ "fgetxattr", .why = "read extended attributes" },
	{ "listxattr", .why = "list extended attributes" },
	{ "llistxattr", .why = "list extended attributes" },
	{ "flistxattr", .why = "list extended attributes" },
	{ "fadvise64", .why = "read-ahead hints" },
};

static const struct nsc_rule wpath_rules[] = {
	{ "openat", IF(ARG_MASK(2, WRITE_KIND, O_WRONLY)),
	  .why = "open existing files write-only (O_TRUNC, O_APPEND allowed); no O_CREAT" },
	{ "open", IF(ARG_MASK(1, WRITE_KIND, O_WRONLY)), .why = "the same, older call" },
	{ "openat", IF(ARG_MASK(2, WRITE_KIND, O_RDWR)), .also = { "rpath" },
	  .why = "read-write opens need rpath and wpath" },
	{ "open", IF(ARG_MASK(1, WRITE_KIND, O_RDWR)), .also = { "rpath" },
	  .why = "the same, older call" },
	{ "truncate", .why = "resize files by path" },
	{ "fallocate", .why = "reserve space in open files" },
};

static const struct nsc_rule cpath_rules[] = {
	{ "openat", IF(ARG_MASK(2, CREATE_NEW_KIND, O_WRONLY | O_CREAT | O_EXCL), ARG_NONE_OF(3, SETID_BITS)),
	  .why = "create new files only (O_CREAT|O_EXCL): never reads or truncates existing ones; "
		 "never set-user-ID or set-group-ID" },
	{ "open", IF(ARG_MASK(1, CREATE_NEW_KIND, O_WRONLY | O_CREAT | O_EXCL), ARG_NONE_OF(2, SETID_BITS)),
	  .why = "the same, older call" },
	{ "openat", IF(ARG_MASK(2, WRITE_KIND, O_WRONLY | O_CREAT), ARG_NONE_OF(3, SETID_BITS)),
	  .also = { "wpath" }, .why = "create or overwrite files: cpath and wpath" },
	{ "open", IF(ARG_MASK(1, WRITE_KIND, O_WRONLY | O_CREAT), ARG_NONE_OF(2, SETID_BITS)),
	  .also = { "wpath" }, .why = "the same, older call" },
	{ "creat", IF(ARG_NONE_OF(1, SETID_BITS)), .also = { "wpath" },
	  .why = "creat() truncates: cpath and wpath" },
	{ "openat", IF(ARG_MASK(2, WRITE_KIND, O_RDWR | O_CREAT), ARG_NONE_OF(3, SETID_BITS)),
	  .also = { "wpath", "rpath" }, .why = "create or open read-write: cpath, wpath and rpath" },
	{ "open", IF(ARG_MASK(1, WRITE_KIND, O_RDWR | O_CREAT), ARG_NONE_OF(2, SETID_BITS)),
	  .also = { "wpath", "rpath" }, .why = "the same, older call" },
	{ "openat", IF(ARG_MASK(2, OPEN_KIND, O_RDONLY | O_CREAT), ARG_NONE_OF(3, SETID_BITS)),
	  .also = { "rpath" }, .why = "create or open read-only: cpath and rpath" },
	{ "mkdir", .why = "create directories" },
	{ "mkdirat", .why = "create directories" },
	{ "rmdir", .why = "remove directories" },
	{ "unlink", .why = "remove files" },
	{ "unlinkat", .why = "remove files and directories" },
	{ "renameat2", IF(ARG_MASK(4, RENAME_FLAGS, RENAME_NOREPLACE)),
	  .why = "rename without replacing (RENAME_NOREPLACE): cpath alone never overwrites" },
	{ "rename", .also = { "wpath" }, .why = "rename may replace an existing file: needs wpath" },
	{ "renameat", .also = { "wpath" }, .why = "the same" },
	{ "renameat2", IF(ARG_NONE_OF(4, RENAME_WHITEOUT)), .also = { "wpath" },
	  .why = "rename, replacing or exchanging: needs wpath" },
	{ "link", .why = "hard links" },
	{ "linkat", .why = "hard links" },
	{ "symlink", .why = "symbolic links" },
	{ "symlinkat", .why = "symbolic links" },
};

static const struct nsc_rule dpath_rules[] = {
	{ "mknod", IF(ARG_MASK(1, S_IFMT, S_IFIFO)), .why = "create FIFOs; never device nodes" },
	{ "mknodat", IF(ARG_MASK(2, S_IFMT, S_IFIFO)), .why = "create FIFOs; never device nodes" },
};

static const struct nsc_rule tmppath_rules[] = {
	{ "openat", IF(ARG_MASK(2, TMPFILE_KIND, O_WRONLY | O_TMPFILE_BIT), ARG_NONE_OF(3, SETID_BITS)),
	  .why = "anonymous temporary files (O_TMPFILE), never set-ID" },
	{ "openat", IF(ARG_MASK(2, TMPFILE_KIND, O_RDWR | O_TMPFILE_BIT), ARG_NONE_OF(3, SETID_BITS)),
	  .why = "anonymous temporary files (O_TMPFILE), never set-ID" },
	{ "memfd_create", .why = "anonymous memory files" },
};

static const struct nsc_rule fattr_rules[] = {
	{ "chmod", IF(ARG_NONE_OF(1, SETID_BITS)), .why = "file modes, never set-user-ID or set-group-ID" },
	{ "fchmod", IF(ARG_NONE_OF(1, SETID_BITS)), .why = "file modes, never set-ID" },
	{ "fchmodat", IF(ARG_NONE_OF(2, SETID_BITS)), .why = "file modes, never set-ID" },
	{ "utime", .why = "file times" },
	{ "utimes", .why = "file times" },
	{ "futimesat", .why = "file times" },
	{ "utimensat", .why = "file times" },
	{ "setxattr", .why = "extended attributes" },
	{ "lsetxattr", .why = "extended attributes" },
	{ "fsetxattr", .why = "extended attributes" },
	{ "removexattr", .why = "extended attributes" },
	{ "lremovexattr", .why = "extended attributes" },
	{ "fremovexattr", .why = "extended attributes" },
};

static const struct nsc_rule chown_rules[] = {
	{ "chown", .why = "file owners" },
	{ "fchown", .why = "file owners" },
	{ "lchown", .why = "file owners" },
	{ "fchownat", .why = "file owners" },
};

static const struct nsc_rule flock_rules[] = {
	{ "flock", .why = "whole-file locks" },
	{ "fcntl", IF(ARG_EQ(1, F_GETLK)), .why = "record locks" },
	{ "fcntl", IF(ARG_EQ(1, F_SETLK)), .why = "record locks" },
	{ "fcntl", IF(ARG_EQ(1, F_SETLKW)), .why = "record locks" },
	{ "fcntl", IF(ARG_EQ(1, F_OFD_GETLK)), .why = "open file description locks" },
	{ "fcntl", IF(ARG_EQ(1, F_OFD_SETLK)), .why = "open file description locks" },
	{ "fcntl", IF(ARG_EQ(1, F_OFD_SETLKW)), .why = "open file description locks" },
};

static const struct nsc_rule tty_rules[] = {
	{ "ioctl", IF(ARG_EQ(1, TCGETS)), .why = "read terminal settings" },
	{ "ioctl", IF(ARG_EQ(1, TCSETS)), .why = "set terminal settings" },
	{ "ioctl", IF(ARG_EQ(1, TCSETSW)), .why = "set terminal settings" },
	{ "ioctl", IF(ARG_EQ(1, TCSETSF)), .why = "set terminal settings" },
	{ "ioctl", IF(ARG_EQ(1, TIOCGWINSZ)), .why = "read the window size" },
	{ "ioctl", IF(ARG_EQ(1, TIOCSWINSZ)), .why = "set the window size" },
	{ "ioctl", IF(ARG_EQ(1, TIOCGPGRP)), .why = "foreground process group" },
	{ "ioctl", IF(ARG_EQ(1, TIOCSPGRP)), .why = "foreground process group" },
	{ "ioctl", IF(ARG_EQ(1, TCFLSH)), .why = "flush terminal queues" },
	{ "ioctl", IF(ARG_EQ(1, TCXONC)), .why = "flow control" },
	{ "ioctl", IF(ARG_EQ(1, TCSBRK)), .why = "tcdrain()" },
};

/* ---- Networking ------------------------------------------------------------------------------- */

/* Using sockets that exist; creating them is what inet and unix decide. */
static const struct nsc_rule netio_rules[] = {
	{ "bind", .why = "name sockets" },
	{ "listen", .why = "accept connections" },
	{ "accept", .why = "accept connections" },
	{ "accept4", .why = "accept connections" },
	{ "connect", .why = "connect sockets" },
	{ "getsockname", .why = "socket addresses" },
	{ "getpeername", .why = "socket addresses" },
	{ "getsockopt", .why = "read socket options" },
	{ "sendto", .why = "send (any address)" },
	{ "recvfrom", .why = "receive" },
	{ "sendmsg", .why = "send messages (seccomp cannot see SCM_RIGHTS inside)" },
	{ "recvmsg", .why = "receive messages (seccomp cannot see SCM_RIGHTS inside)" },
	{ "sendmmsg", .why = "send many datagrams" },
	{ "recvmmsg", .why = "receive many datagrams" },
	{ "shutdown", .why = "shut down" },
	{ "setsockopt", IF(ARG_EQ(1, SOL_SOCKET), ARG_EQ(2, SO_REUSEADDR)), .why = "reuse ports" },
	{ "setsockopt", IF(ARG_EQ(1, SOL_SOCKET), ARG_EQ(2, SO_REUSEPORT)), .why = "reuse ports" },
	{ "setsockopt", IF(ARG_EQ(1, SOL_SOCKET), ARG_EQ(2, SO_KEEPALIVE)), .why = "keep-alive" },
	{ "setsockopt", IF(ARG_EQ(1, SOL_SOCKET), ARG_EQ(2, SO_BROADCAST)), .why = "broadcast" },
	{ "setsockopt", IF(ARG_EQ(1, SOL_SOCKET), ARG_EQ(2, SO_SNDBUF)), .why = "buffer sizes" },
	{ "setsockopt", IF(ARG_EQ(1, SOL_SOCKET), ARG_EQ(2, SO_RCVBUF)), .why = "buffer sizes" },
	{ "setsockopt", IF(ARG_EQ(1, SOL_SOCKET), ARG_EQ(2, SO_LINGER)), .why = "linger on close" },
	{ "setsockopt", IF(ARG_EQ(1, SOL_SOCKET), ARG_EQ(2, SO_RCVTIMEO)), .why = "time-outs" },
	{ "setsockopt", IF(ARG_EQ(1, SOL_SOCKET), ARG_EQ(2, SO_SNDTIMEO)), .why = "time-outs" },
	{ "setsockopt", IF(ARG_EQ(1, SOL_SOCKET), ARG_EQ(2, SO_PASSCRED)), .why = "peer credentials" },
	{ "setsockopt", IF(ARG_EQ(1, IPPROTO_TCP), ARG_EQ(2, TCP_NODELAY)), .why = "Nagle off" },
	{ "setsockopt", IF(ARG_EQ(1, IPPROTO_TCP), ARG_EQ(2, TCP_KEEPIDLE)), .why = "keep-alive" },
	{ "setsockopt", IF(ARG_EQ(1, IPPROTO_TCP), ARG_EQ(2, TCP_KEEPINTVL)), .why = "keep-alive" },
	{ "setsockopt", IF(ARG_EQ(1, IPPROTO_TCP), ARG_EQ(2, TCP_KEEPCNT)), .why = "keep-alive" },
	{ "setsockopt", IF(ARG_EQ(1, IPPROTO_IPV6), ARG_EQ(2, IPV6_V6ONLY)), .why = "dual stack" },
	{ "setsockopt", IF(ARG_EQ(1, IPPROTO_IP), ARG_EQ(2, IP_TTL)), .why = "datagram TTL" },
	{ "setsockopt", IF(ARG_EQ(1, IPPROTO_IP), ARG_EQ(2, IP_MULTICAST_TTL)), .why = "multicast" },
	{ "setsockopt", IF(ARG_EQ(1, IPPROTO_IP), ARG_EQ(2, IP_MULTICAST_LOOP)), .why = "multicast" },
	{ "setsockopt", IF(ARG_EQ(1, IPPROTO_IP), ARG_EQ(2, IP_MULTICAST_IF)), .why = "multicast" },
	{ "setsockopt", IF(ARG_EQ(1, IPPROTO_IP), ARG_EQ(2, IP_ADD_MEMBERSHIP)), .why = "multicast" },
	{ "setsockopt", IF(ARG_EQ(1, IPPROTO_IP), ARG_EQ(2, IP_DROP_MEMBERSHIP)), .why = "multicast" },
	{ "setsockopt", IF(ARG_EQ(1, IPPROTO_IPV6), ARG_EQ(2, IPV6_UNICAST_HOPS)), .why = "hop limit" },
	{ "setsockopt", IF(ARG_EQ(1, IPPROTO_IPV6), ARG_EQ(2, IPV6_MULTICAST_HOPS)), .why = "multicast" },
	{ "setsockopt", IF(ARG_EQ(1, IPPROTO_IPV6), ARG_EQ(2, IPV6_MULTICAST_LOOP)), .why = "multicast" },
	{ "setsockopt", IF(ARG_EQ(1, IPPROTO_IPV6), ARG_EQ(2, IPV6_MULTICAST_IF)), .why = "multicast" },
	{ "setsockopt", IF(ARG_EQ(1, IPPROTO_IPV6), ARG_EQ(2, IPV6_JOIN_GROUP)), .why = "multicast" },
	{ "setsockopt", IF(ARG_EQ(1, IPPROTO_IPV6), ARG_EQ(2, IPV6_LEAVE_GROUP)), .why = "multicast" },
};

static const struct nsc_rule inet_rules[] = {
	{ "socket", IF(ARG_EQ(0, AF_INET), ARG_MASK(1, SOCK_TYPE_MASK, SOCK_STREAM), ARG_EQ(2, 0)),
	  .why = "TCP over IPv4" },
	{ "socket",
	  IF(ARG_EQ(0, AF_INET), ARG_MASK(1, SOCK_TYPE_MASK, SOCK_STREAM), ARG_EQ(2, IPPROTO_TCP)),
	  .why = "TCP over IPv4" },
	{ "socket", IF(ARG_EQ(0, AF_INET), ARG_MASK(1, SOCK_TYPE_MASK, SOCK_DGRAM), ARG_EQ(2, 0)),
	  .why = "UDP over IPv4" },
	{ "socket",
	  IF(ARG_EQ(0, AF_INET), ARG_MASK(1, SOCK_TYPE_MASK, SOCK_DGRAM), ARG_EQ(2, IPPROTO_UDP)),
	  .why = "UDP over IPv4" },
	{ "socket", IF(ARG_EQ(0, AF_INET6), ARG_MASK(1, SOCK_TYPE_MASK, SOCK_STREAM), ARG_EQ(2, 0)),
	  .why = "TCP over IPv6" },
	{ "socket",
	  IF(ARG_EQ(0, AF_INET6), ARG_MASK(1, SOCK_TYPE_MASK, SOCK_STREAM), ARG_EQ(2, IPPROTO_TCP)),
	  .why = "TCP over IPv6" },
	{ "socket", IF(ARG_EQ(0, AF_INET6), ARG_MASK(1, SOCK_TYPE_MASK, SOCK_DGRAM), ARG_EQ(2, 0)),
	  .why = "UDP over IPv6" },
	{ "socket",
	  IF(ARG_EQ(0, AF_INET6), ARG_MASK(1, SOCK_TYPE_MASK, SOCK_DGRAM), ARG_EQ(2, IPPROTO_UDP)),
	  .why = "UDP over IPv6" },
};

static const struct nsc_rule unix_rules[] = {
	{ "socket", IF(ARG_EQ(0, AF_UNIX), ARG_MASK(1, SOCK_TYPE_MASK, SOCK_STREAM)),
	  .why = "local stream sockets" },
	{ "socket", IF(ARG_EQ(0, AF_UNIX), ARG_MASK(1, SOCK_TYPE_MASK, SOCK_DGRAM)),
	  .why = "local datagram sockets" },
	{ "socket", IF(ARG_EQ(0, AF_UNIX), ARG_MASK(1, SOCK_TYPE_MASK, SOCK_SEQPACKET)),
	  .why = "local packet sockets" },
};

static const struct nsc_rule dns_rules[] = {
	{ "socket", IF(ARG_EQ(0, AF_INET), ARG_MASK(1, SOCK_TYPE_MASK, SOCK_DGRAM), ARG_EQ(2, 0)),
	  .why = "queries over UDP/IPv4" },
	{ "socket", IF(ARG_EQ(0, AF_INET6), ARG_MASK(1, SOCK_TYPE_MASK, SOCK_DGRAM), ARG_EQ(2, 0)),
	  .why = "queries over UDP/IPv6" },
	{ "socket", IF(ARG_EQ(0, AF_INET), ARG_MASK(1, SOCK_TYPE_MASK, SOCK_STREAM), ARG_EQ(2, 0)),
	  .why = "queries over TCP/IPv4 (truncated answers)" },
	{ "socket", IF(ARG_EQ(0, AF_INET6), ARG_MASK(1, SOCK_TYPE_MASK, SOCK_STREAM), ARG_EQ(2, 0)),
	  .why = "queries over TCP/IPv6" },
	{ "socket", IF(ARG_EQ(0, AF_UNIX)), .errno_value = EACCES, .unless = "unix",
	  .why = "glibc asks nscd first and goes on without it" },
	{ "socket", IF(ARG_EQ(0, AF_NETLINK)), .errno_value = EACCES,
	  .why = "getaddrinfo(AI_ADDRCONFIG) asks netlink and assumes both families without it" },
	{ "connect", .why = "to the name server (the address cannot be checked)" },
	{ "bind", .why = "source ports for queries" },
	{ "sendto", .why = "queries" },
	{ "sendmmsg", .why = "parallel A and AAAA queries" },
	{ "recvfrom", .why = "answers" },
	{ "recvmsg", .why = "answers" },
	{ "getsockname", .why = "resolver checks" },
	{ "setsockopt", IF(ARG_EQ(1, SOL_SOCKET), ARG_EQ(2, SO_RCVBUF)), .why = "resolver buffer" },
};

static const struct nsc_rule sendfd_rules[] = {
	{ "sendmsg", .why = "send descriptors with SCM_RIGHTS (all of sendmsg, see description)" },
};

static const struct nsc_rule recvfd_rules[] = {
	{ "recvmsg", .why = "receive descriptors with SCM_RIGHTS (all of recvmsg)" },
};

/* ---- Processes -------------------------------------------------------------------------------- */

static const struct nsc_rule proc_rules[] = {
	{ "fork", .why = "new processes" },
	{ "vfork", .why = "new processes (posix_spawn)" },
	{ "clone", IF(ARG_NONE_OF(0, CLONE_NAMESPACES)), .why = "new processes; never namespaces" },
	{ "wait4", .why = "reap children" },
	{ "waitid", .why = "reap children" },
	{ "kill", .why = "signal other processes" },
	{ "tgkill", .why = "signal other processes' threads" },
	{ "tkill", .why = "signal threads" },
	{ "pidfd_open", .why = "process descriptors" },
	{ "pidfd_send_signal", .why = "signal through process descriptors" },
	{ "setpgid", .why = "process groups" },
	{ "setsid", .why = "sessions" },
	{ "prlimit64", .why = "read and set limits" },
	{ "setrlimit", .why = "set limits" },
	{ "getpriority", .why = "scheduling priority" },
	{ "setpriority", .why = "scheduling priority" },
	{ "sched_setaffinity", .why = "CPU affinity" },
	{ "sched_getscheduler", .why = "scheduling" },
	{ "sched_getparam", .why = "scheduling" },
};

static const struct nsc_rule exec_rules[] = {
	{ "execve", .why = "run programs" },
	{ "execveat", .why = "run programs" },
	{ "arch_prctl", .why = "the new program's start-up (TLS)" },
	{ "access", .why = "the new program's dynamic loader" },
};

static const struct nsc_rule prot_exec_rules[] = {
	{ "mmap", .why = "executable mappings (JIT, shared libraries)" },
	{ "mprotect", .why = "make memory executable" },
	{ "pkey_mprotect", .why = "make memory executable" },
	{ "pkey_alloc", .why = "memory protection keys" },
	{ "pkey_free", .why = "memory protection keys" },
};

static const struct nsc_rule id_rules[] = {
	{ "setuid", .why = "change user" },
	{ "setgid", .why = "change group" },
	{ "setreuid", .why = "change user" },
	{ "setregid", .why = "change group" },
	{ "setresuid", .why = "change user" },
	{ "setresgid", .why = "change group" },
	{ "setgroups", .why = "change groups" },
	{ "setfsuid", .why = "change file system user" },
	{ "setfsgid", .why = "change file system group" },
};

static const struct nsc_rule settime_rules[] = {
	{ "settimeofday", .why = "set the clock" },
	{ "clock_settime", .why = "set the clock" },
	{ "adjtimex", .why = "adjust the clock" },
	{ "clock_adjtime", .why = "adjust the clock" },
};

/* ---- Node.js ---------------------------------------------------------------------------------- */

/* What a Node.js process needs after start-up, beyond stdio (measured with strace -f). */
static const struct nsc_rule node_rules[] = {
	{ "capget", .why = "Node reads capabilities when workers and children start" },
	{ "ioctl", IF(ARG_EQ(1, TIOCGPGRP)), .why = "libuv's TTY handles" },
	{ "sched_getparam", .why = "V8 platform threads" },
	{ "sched_getscheduler", .why = "V8 platform threads" },
	{ "getcwd", .why = "module resolution and process.cwd() (names only, no file access)" },
	{ "readlink", .why = "libuv's exepath() (/proc/self/exe)" },
	{ "getsockname", IF(ARG_LE(0, 2)),
	  .why = "libuv's uv_guess_handle() tells a pipe from a TCP socket when process.stdin, "
		 "stdout or stderr is a socket (child_process gives children socketpairs): "
		 "descriptors 0-2 only" },
	{ "sysinfo", .why = "os.loadavg(), os.freemem() and os.uptime() when /proc is not readable "
			    "(libuv); V8 sizes new heaps from it" },
	{ "getsockopt", IF(ARG_LE(0, 2), ARG_EQ(1, SOL_SOCKET), ARG_EQ(2, SO_TYPE)),
	  .why = "the same uv_guess_handle(): stream or datagram socket, descriptors 0-2 only" },
	{ "openat", IF(ARG_MASK(2, OPEN_KIND, O_RDONLY)), .errno_value = EACCES, .unless = "rpath",
	  .why = "without rpath a read-only open fails instead of killing: glibc probes "
		 "/proc/sys/vm/overcommit_memory when a thread's heap shrinks, at any moment, and "
		 "goes on without it (so do libuv and c-ares with their files); nothing is read" },
	{ "open", IF(ARG_MASK(1, OPEN_KIND, O_RDONLY)), .errno_value = EACCES, .unless = "rpath",
	  .why = "the same, older call" },
};


/* ---- What the diagnose penalty adds ---------------------------------------------------------- */

/* The SIGSYS handler of the diagnose penalty writes one line to stderr, then repeats the
 * blocked call, which the kernel answers by killing the process (see diagnose.c). */
const struct nsc_rule nsc_diagnose_rules[] = {
	{ "write", IF(ARG_EQ(0, 2)), .why = "the diagnose penalty's message to stderr" },
};
const size_t nsc_diagnose_nrules = sizeof(nsc_diagnose_rules) / sizeof(nsc_diagnose_rules[0]);

/* The learn penalty's supervisor thread lives under the filter it answers for (selflearn.c). */
const struct nsc_rule nsc_learn_rules[] = {
	{ "ioctl", IF(ARG_EQ(1, SECCOMP_IOCTL_NOTIF_RECV)), .why = "receive notifications" },
	{ "ioctl", IF(ARG_EQ(1, SECCOMP_IOCTL_NOTIF_SEND)), .why = "answer them: continue" },
	{ "ioctl", IF(ARG_EQ(1, SECCOMP_IOCTL_NOTIF_ID_VALID)), .why = "check notification ids" },
	{ "futex", .why = "wait for the listener; the lock around the record" },
	/* What the thread's own start and the report's memory need, so that it never waits on
	 * itself whatever the policy lacks (never executable memory: that is still learned). */
	{ "brk", .why = "memory for the report" },
	{ "mmap", IF(ARG_NONE_OF(2, PROT_EXEC)), .why = "memory for the report, never executable" },
	{ "munmap", .why = "memory for the report" },
	{ "mremap", .why = "memory for the report" },
	{ "madvise", .why = "memory for the report" },
	{ "rt_sigprocmask", .why = "thread start" },
	{ "set_robust_list", .why = "thread start" },
	{ "rseq", .why = "thread start" },
};
const size_t nsc_learn_nrules = sizeof(nsc_learn_rules) / sizeof(nsc_learn_rules[0]);

/* ---- The table -------------------------------------------------------------------------------- */

const struct nsc_group nsc_table[] = {
	{ .name = "always", .always = 1, .includes = NULL, .rules = always_rules,
	  .nrules = sizeof(always_rules) / sizeof(always_rules[0]),
	  .description = "Part of every policy: loading a narrower filter; clone3, openat2 and "
			 "io_uring answer ENOSYS so callers fall back to calls seccomp can check" },
	GROUP("stdio", "Descriptors already open, memory (never executable), time, threads, "
		       "signals to itself, pipes, the event loop", NULL, stdio_rules),
	GROUP("rpath", "Read-only opens of existing files and path metadata "
		       "(seccomp cannot see paths: any readable file)", NULL, rpath_rules),
	GROUP("wpath", "Write opens of existing files, O_RDWR with rpath "
		       "(any writable file: paths are not checked)", NULL, wpath_rules),
	GROUP("cpath", "Create and remove files, directories and links (never set-ID); overwriting, "
		       "renaming over a file included, needs wpath",
	      NULL, cpath_rules),
	GROUP("dpath", "Create FIFOs with mknod (never device nodes)", NULL, dpath_rules),
	GROUP("tmppath", "Anonymous temporary files only (O_TMPFILE, memfd_create): not /tmp paths",
	      NULL, tmppath_rules),
	GROUP("fattr", "Change file modes (never set-ID bits), times and extended attributes", NULL,
	      fattr_rules),
	GROUP("chown", "Change file owners", NULL, chown_rules),
	GROUP("flock", "File locks (flock, fcntl record and OFD locks)", NULL, flock_rules),
	GROUP("tty", "Terminal settings and window size ioctls (never TIOCSTI)", NULL, tty_rules),
	GROUP("netio", "Use sockets that exist: bind, listen, accept, connect, send, receive, "
		       "common options", NULL, netio_rules),
	GROUP("inet", "TCP and UDP sockets over IPv4 and IPv6 (never raw or packet sockets)",
	      INCLUDES("netio"), inet_rules),
	GROUP("unix", "Local (AF_UNIX) sockets; seccomp cannot check the socket path",
	      INCLUDES("netio"), unix_rules),
	GROUP("dns", "Resolve names through glibc: reads files like rpath, UDP/TCP sockets "
		     "(the server address cannot be checked)", INCLUDES("rpath"), dns_rules),
	GROUP("sendfd", "sendmsg: seccomp cannot see SCM_RIGHTS, so this is all of sendmsg", NULL,
	      sendfd_rules),
	GROUP("recvfd", "recvmsg: seccomp cannot see SCM_RIGHTS, so this is all of recvmsg", NULL,
	      recvfd_rules),
	GROUP("proc", "Create, signal and reap processes, sessions, limits, priorities "
		      "(never namespaces)", NULL, proc_rules),
	GROUP("exec", "Run programs: they inherit this filter, so they need its groups too", NULL,
	      exec_rules),
	GROUP("prot_exec", "Executable memory (JIT compilers, loading shared libraries)", NULL,
	      prot_exec_rules),
	GROUP("id", "Change user and group ids", NULL, id_rules),
	GROUP("settime", "Set the system clock", NULL, settime_rules),
	GROUP("node", "The Node.js runtime after start-up: V8 GC and JIT (executable memory), "
		      "the libuv loop and thread pool", INCLUDES("stdio", "prot_exec"), node_rules),
	/* Measured with Node 20: a Worker starts and runs with what node allows, so worker has no
	 * rules of its own; it says in a policy that Workers are used, and is where their needs go
	 * if a Node release adds some. */
	{ .name = "worker", .includes = INCLUDES("node"), .rules = NULL, .nrules = 0,
	  .description = "Node.js worker_threads: what Workers need (today exactly what node allows)" },
};

const size_t nsc_table_size = sizeof(nsc_table) / sizeof(nsc_table[0]);

int nsc_table_find(const char *name)
{
	for (size_t i = 0; i < nsc_table_size; i++)
		if (strcmp(nsc_table[i].name, name) == 0)
			return (int)i;
	return -1;
}
