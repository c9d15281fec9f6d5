/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * An index of the table by syscall number, and readable descriptions of a call's deciding
 * arguments. Used by the diagnose penalty (from a signal handler: the index is built before the
 * filter is loaded, and describing allocates nothing) and by the learner. Nothing exported.
 */
#ifndef NSC_CALLINDEX_H
#define NSC_CALLINDEX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "internal.h"
#include "table.h"

struct nsc_indexed_rule {
	int nr;
	const struct nsc_rule *rule;
	size_t group; /* table index of the group that declares it */
};

struct nsc_call_index {
	char *names[NSC_SYSCALL_SCAN_MAX]; /* syscall names by number, NULL where none */
	struct nsc_indexed_rule *rules;    /* every allow rule of every group but "always" */
	size_t nrules;
};

/* Text built piece by piece into a caller's buffer, always NUL-terminated, never allocating
 * (the diagnose handler uses it in signal context). */
struct nsc_line {
	char *text;
	size_t size;
	size_t len;
};

void nsc_line_put(struct nsc_line *l, const char *s);
void nsc_line_put_dec(struct nsc_line *l, uint64_t v);

/* The index, built once per process; NULL when out of memory. */
const struct nsc_call_index *nsc_call_index(void);

/* Does the rule's every check hold for these arguments? self is the caller's process id. */
int nsc_rule_holds(const struct nsc_rule *rule, const uint64_t *args, pid_t self);

/* "flags=O_WRONLY|O_CREAT", "family=AF_INET, type=SOCK_STREAM, protocol=0", "arg1=0x5401", or
 * "" - the arguments some rule checks for this syscall. Allocation-free, signal-safe. */
void nsc_describe_arguments(const struct nsc_call_index *index, int nr, const uint64_t *args,
			    char *out, size_t len);

#endif
