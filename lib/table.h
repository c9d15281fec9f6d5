/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The shape of the group table. The table itself is data, in one place: groups.c.
 * Nothing here is exported.
 */
#ifndef NSC_TABLE_H
#define NSC_TABLE_H

#include <stddef.h>
#include <stdint.h>

/* How one argument is compared. One check per argument at most (libseccomp's rule). */
enum nsc_cmp {
	NSC_CMP_EQ,        /* arg == value                                   */
	NSC_CMP_MASKED_EQ, /* (arg & mask) == value                           */
	NSC_CMP_LE         /* arg <= value (unsigned)                         */
};

struct nsc_arg_check {
	unsigned arg;     /* 0..5 */
	enum nsc_cmp cmp;
	uint64_t mask;    /* NSC_CMP_MASKED_EQ only */
	uint64_t value;
	int self_pid;     /* compare with the pid of the process that compiles the filter */
	const char *text; /* readable form, made by the macros from the source text */
};

#define NSC_MAX_CHECKS 3

/*
 * One rule: a syscall, optional argument checks (all must hold), and the action. Several rules
 * for one syscall are alternatives. A rule can depend on other groups: it applies only when
 * every group in `also` is chosen too (O_RDWR needs rpath and wpath), and never when `unless`
 * is chosen (dns answers AF_UNIX sockets with EACCES unless unix is chosen).
 */
struct nsc_rule {
	const char *syscall;
	int errno_value; /* 0: allow; > 0: fail with this errno */
	unsigned nchecks;
	struct nsc_arg_check checks[NSC_MAX_CHECKS];
	const char *also[2];
	const char *unless;
	const char *why;
};

struct nsc_group {
	const char *name;
	const char *description;
	const char *const *includes; /* NULL-terminated; NULL for none */
	const struct nsc_rule *rules;
	size_t nrules;
	int always; /* part of every policy (the ENOSYS answers that libc and libuv probe) */
};

extern const struct nsc_group nsc_table[];
extern const size_t nsc_table_size;

/* Rules the diagnose penalty adds to every policy. */
extern const struct nsc_rule nsc_diagnose_rules[];
extern const size_t nsc_diagnose_nrules;

/* Rules the learn penalty adds to every policy. */
extern const struct nsc_rule nsc_learn_rules[];
extern const size_t nsc_learn_nrules;

/* The index of a group, or -1. */
int nsc_table_find(const char *name);

#endif
