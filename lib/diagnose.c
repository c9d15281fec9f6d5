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
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "callindex.h"
#include "diagnose.h"
#include "internal.h"
#include "table.h"

static struct {
	const struct nsc_call_index *index; /* built before the filter is loaded */
	pid_t pid;                          /* the loading process, for self-pid checks */
} diag;

/* The first rule of a group (other than "always") that would allow the call. */
static const struct nsc_indexed_rule *allowing_rule(int nr, const uint64_t *args)
{
	for (size_t i = 0; i < diag.index->nrules; i++) {
		const struct nsc_indexed_rule *r = &diag.index->rules[i];
		if (r->nr == nr && nsc_rule_holds(r->rule, args, diag.pid))
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
	const struct nsc_indexed_rule *allow;
	char text[512], arguments[256];
	struct nsc_line l = { .text = text, .size = sizeof(text), .len = 0 };

	(void)sig;
	read_arguments(context, args);
	nsc_line_put(&l, "nodeseccomp: blocked ");
	if (nr >= 0 && nr < NSC_SYSCALL_SCAN_MAX && diag.index->names[nr])
		nsc_line_put(&l, diag.index->names[nr]);
	else {
		nsc_line_put(&l, "syscall ");
		nsc_line_put_dec(&l, (uint64_t)nr);
	}
	nsc_line_put(&l, "(");
	nsc_describe_arguments(diag.index, nr, args, arguments, sizeof(arguments));
	nsc_line_put(&l, arguments);
	nsc_line_put(&l, ")");
	allow = allowing_rule(nr, args);
	if (allow) {
		nsc_line_put(&l, " - allowed by group \"");
		nsc_line_put(&l, nsc_table[allow->group].name);
		nsc_line_put(&l, "\"");
		for (size_t i = 0; i < 2 && allow->rule->also[i]; i++) {
			nsc_line_put(&l, i ? " and \"" : " with \"");
			nsc_line_put(&l, allow->rule->also[i]);
			nsc_line_put(&l, "\"");
		}
	} else {
		nsc_line_put(&l, " - no group allows it; allow the syscall by name");
	}
	nsc_line_put(&l, "\n");
	if (write(2, l.text, l.len) < 0)
		errno = saved_errno;
	/* Again, with SIGSYS blocked: the kernel now delivers it with its default action. */
	syscall(nr, args[0], args[1], args[2], args[3], args[4], args[5]);
	_exit(128 + SIGSYS); /* not reached */
}

int nsc_diagnose_prepare(void)
{
	struct sigaction sa = { .sa_sigaction = on_sigsys, .sa_flags = SA_SIGINFO };

	diag.index = nsc_call_index();
	if (diag.index == NULL)
		return -ENOMEM;
	diag.pid = getpid();
	sigemptyset(&sa.sa_mask);
	return sigaction(SIGSYS, &sa, NULL) == 0 ? 0 : -errno;
}
