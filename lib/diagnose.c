/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The diagnose penalty: the filter answers forbidden syscalls with SECCOMP_RET_TRAP, and this
 * SIGSYS handler prints what was blocked and which group would allow it, e.g.
 *
 *   nodeseccomp: blocked openat(flags=O_WRONLY|O_CREAT|O_TRUNC) - allowed by group "cpath" with "wpath"
 *
 * then makes the same call again. SIGSYS is blocked while its handler runs, and the kernel
 * answers a trap with a blocked SIGSYS by restoring the default action and delivering it: the
 * process dies by SIGSYS, like under the kill penalty. The forbidden call never runs.
 *
 * The trade-off (documented in nodeseccomp(3)): a process that installs its own SIGSYS handler
 * after the load can catch the trap and go on running (the call still never runs), which the
 * kill penalty does not allow; and the handler may write to descriptor 2.
 *
 * The handler runs in signal context, so it only reads tables built here beforehand, formats
 * with the small appenders below, and calls write(2).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "diagnose.h"
#include "internal.h"
#include "table.h"

struct indexed_rule {
	int nr;
	const struct nsc_rule *rule;
	const char *group;
};

static struct {
	char *names[NSC_SYSCALL_SCAN_MAX]; /* syscall names by number */
	struct indexed_rule *rules;        /* every rule of the table, with its number */
	size_t nrules;
	pid_t pid;                         /* the loading process, for self-pid checks */
	bool ready;
} diag;

/* ---- formatting without allocation ------------------------------------------------------------ */

struct line {
	char text[512];
	size_t len;
};

static void put(struct line *l, const char *s)
{
	while (*s && l->len < sizeof(l->text) - 1)
		l->text[l->len++] = *s++;
}

static void put_hex(struct line *l, uint64_t v)
{
	char digits[19] = "0x";
	int n = 2;

	for (int shift = 60; shift >= 0; shift -= 4)
		if ((v >> shift) != 0 || shift == 0 || n > 2)
			digits[n++] = "0123456789abcdef"[(v >> shift) & 0xf];
	digits[n] = '\0';
	put(l, digits);
}

static void put_dec(struct line *l, uint64_t v)
{
	char digits[21];
	int n = sizeof(digits) - 1;

	digits[n] = '\0';
	do
		digits[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	put(l, digits + n);
}

struct flag {
	uint64_t bit;
	const char *name;
};

static void put_flags(struct line *l, uint64_t v, const struct flag *flags, size_t n)
{
	bool first = true;

	for (size_t i = 0; i < n; i++) {
		if (!(v & flags[i].bit))
			continue;
		put(l, first ? "" : "|");
		put(l, flags[i].name);
		v &= ~flags[i].bit;
		first = false;
	}
	if (v || first) {
		put(l, first ? "" : "|");
		put_hex(l, v);
	}
}

/* ---- the arguments that decide between groups --------------------------------------------------- */

static void put_open_flags(struct line *l, uint64_t flags)
{
	static const struct flag bits[] = {
		{ O_CREAT, "O_CREAT" },       { O_EXCL, "O_EXCL" },     { O_TRUNC, "O_TRUNC" },
		{ O_APPEND, "O_APPEND" },     { O_TMPFILE & ~O_DIRECTORY, "O_TMPFILE" },
		{ O_DIRECTORY, "O_DIRECTORY" }, { O_PATH, "O_PATH" },
	};
	static const char *const modes[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };

	put(l, "flags=");
	put(l, modes[flags & O_ACCMODE]);
	flags &= ~(uint64_t)(O_ACCMODE | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | O_LARGEFILE |
			     O_NOFOLLOW);
	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		if (flags & bits[i].bit) {
			put(l, "|");
			put(l, bits[i].name);
		}
	}
}

static void put_prot(struct line *l, uint64_t prot)
{
	static const struct flag bits[] = {
		{ PROT_READ, "PROT_READ" }, { PROT_WRITE, "PROT_WRITE" }, { PROT_EXEC, "PROT_EXEC" },
	};
	put(l, "prot=");
	put_flags(l, prot, bits, sizeof(bits) / sizeof(bits[0]));
}

static void put_socket(struct line *l, const uint64_t *args)
{
	static const char *const families[] = { [AF_UNIX] = "AF_UNIX",     [AF_INET] = "AF_INET",
						[AF_INET6] = "AF_INET6",   [AF_NETLINK] = "AF_NETLINK",
						[AF_PACKET] = "AF_PACKET", [AF_VSOCK] = "AF_VSOCK" };
	static const char *const types[] = { [SOCK_STREAM] = "SOCK_STREAM", [SOCK_DGRAM] = "SOCK_DGRAM",
					     [SOCK_RAW] = "SOCK_RAW", [SOCK_SEQPACKET] = "SOCK_SEQPACKET" };
	uint64_t type = args[1] & 0xf;

	put(l, "family=");
	if (args[0] < sizeof(families) / sizeof(families[0]) && families[args[0]])
		put(l, families[args[0]]);
	else
		put_dec(l, args[0]);
	put(l, ", type=");
	if (type < sizeof(types) / sizeof(types[0]) && types[type])
		put(l, types[type]);
	else
		put_dec(l, type);
	put(l, ", protocol=");
	put_dec(l, args[2]);
}

/* The arguments some rule of the table checks for this syscall, the well-known ones decoded. */
static void put_arguments(struct line *l, int nr, const uint64_t *args)
{
	bool checked[6] = { false }, any = false;

	if (nr == SYS_openat || nr == SYS_open) {
		put_open_flags(l, args[nr == SYS_openat ? 2 : 1]);
		return;
	}
	if (nr == SYS_socket || nr == SYS_socketpair) {
		put_socket(l, args);
		return;
	}
	if (nr == SYS_mmap || nr == SYS_mprotect || nr == SYS_pkey_mprotect) {
		put_prot(l, args[2]);
		return;
	}
	for (size_t i = 0; i < diag.nrules; i++)
		if (diag.rules[i].nr == nr)
			for (unsigned c = 0; c < diag.rules[i].rule->nchecks; c++)
				checked[diag.rules[i].rule->checks[c].arg] = true;
	for (unsigned a = 0; a < 6; a++) {
		if (!checked[a])
			continue;
		put(l, any ? ", arg" : "arg");
		put_dec(l, a);
		put(l, "=");
		put_hex(l, args[a]);
		any = true;
	}
}

/* ---- which group would allow it --------------------------------------------------------------- */

static bool check_holds(const struct nsc_arg_check *c, const uint64_t *args)
{
	uint64_t value = c->self_pid ? (uint64_t)diag.pid : c->value;
	uint64_t arg = args[c->arg];

	switch (c->cmp) {
	case NSC_CMP_EQ:
		return arg == value;
	case NSC_CMP_LE:
		return arg <= value;
	default:
		return (arg & c->mask) == value;
	}
}

static const struct indexed_rule *allowing_rule(int nr, const uint64_t *args)
{
	for (size_t i = 0; i < diag.nrules; i++) {
		const struct indexed_rule *r = &diag.rules[i];
		bool holds = r->nr == nr && r->rule->errno_value == 0;

		for (unsigned c = 0; holds && c < r->rule->nchecks; c++)
			holds = check_holds(&r->rule->checks[c], args);
		if (holds)
			return r;
	}
	return NULL;
}

/* ---- the handler ------------------------------------------------------------------------------ */

static void read_arguments(const void *context, uint64_t *args)
{
	const ucontext_t *uc = context;
#if defined(__x86_64__)
	const greg_t *g = uc->uc_mcontext.gregs;
	args[0] = (uint64_t)g[REG_RDI];
	args[1] = (uint64_t)g[REG_RSI];
	args[2] = (uint64_t)g[REG_RDX];
	args[3] = (uint64_t)g[REG_R10];
	args[4] = (uint64_t)g[REG_R8];
	args[5] = (uint64_t)g[REG_R9];
#elif defined(__aarch64__)
	for (int i = 0; i < 6; i++)
		args[i] = uc->uc_mcontext.regs[i];
#else
	(void)uc;
	memset(args, 0, 6 * sizeof(*args));
#endif
}

static void on_sigsys(int sig, siginfo_t *info, void *context)
{
	int nr = info->si_syscall, saved_errno = errno;
	uint64_t args[6];
	const struct indexed_rule *allow;
	struct line l = { .len = 0 };

	(void)sig;
	read_arguments(context, args);
	put(&l, "nodeseccomp: blocked ");
	if (nr >= 0 && nr < NSC_SYSCALL_SCAN_MAX && diag.names[nr])
		put(&l, diag.names[nr]);
	else {
		put(&l, "syscall ");
		put_dec(&l, (uint64_t)nr);
	}
	put(&l, "(");
	put_arguments(&l, nr, args);
	put(&l, ")");
	allow = allowing_rule(nr, args);
	if (allow) {
		put(&l, " - allowed by group \"");
		put(&l, allow->group);
		put(&l, "\"");
		for (size_t i = 0; i < 2 && allow->rule->also[i]; i++) {
			put(&l, i ? " and \"" : " with \"");
			put(&l, allow->rule->also[i]);
			put(&l, "\"");
		}
	} else {
		put(&l, " - no group allows it; allow the syscall by name");
	}
	put(&l, "\n");
	if (write(2, l.text, l.len) < 0)
		errno = saved_errno;
	/* Again, with SIGSYS blocked: the kernel now delivers it with its default action. */
	syscall(nr, args[0], args[1], args[2], args[3], args[4], args[5]);
	_exit(128 + SIGSYS); /* not reached */
}

static int index_rules(void)
{
	size_t n = 0, k = 0;

	for (size_t g = 0; g < nsc_table_size; g++)
		n += nsc_table[g].nrules;
	diag.rules = calloc(n, sizeof(*diag.rules));
	if (diag.rules == NULL)
		return -ENOMEM;
	for (size_t g = 0; g < nsc_table_size; g++) {
		if (nsc_table[g].always)
			continue; /* part of every policy: never the answer to "which group" */
		for (size_t i = 0; i < nsc_table[g].nrules; i++) {
			int nr = nsc_resolve_syscall(nsc_table[g].rules[i].syscall);
			if (nr < 0)
				continue;
			diag.rules[k++] = (struct indexed_rule){ nr, &nsc_table[g].rules[i],
								 nsc_table[g].name };
		}
	}
	diag.nrules = k;
	return 0;
}

int nsc_diagnose_prepare(void)
{
	struct sigaction sa = { .sa_sigaction = on_sigsys, .sa_flags = SA_SIGINFO };

	if (!diag.ready) {
		for (int nr = 0; nr < NSC_SYSCALL_SCAN_MAX; nr++)
			diag.names[nr] = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
		if (index_rules() < 0)
			return -ENOMEM;
		diag.ready = true;
	}
	diag.pid = getpid();
	sigemptyset(&sa.sa_mask);
	return sigaction(SIGSYS, &sa, NULL) == 0 ? 0 : -errno;
}
