/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A table-driven harness for "under these groups, this operation ends like that". Each probe
 * runs in its own child process (RLIMIT_CORE 0), in a scratch directory: the child loads the
 * policy, performs the operation, and exits 0 on success or with the errno. The parent compares
 * the exact end with what the probe expects and prints one line per probe, then a summary.
 */
#ifndef NSC_PROBE_H
#define NSC_PROBE_H

#include <stddef.h>

enum outcome { SUCCEEDS, KILLED, FAILS_WITH };

struct probe {
	const char *name;
	const char *pledge;     /* the policy, as a pledge string */
	int (*op)(void);        /* 0 on success, else an errno value (positive) */
	enum outcome expected;
	int expected_errno;     /* FAILS_WITH only */
	void (*before)(void);   /* optional: runs in the child before the policy is loaded */
};

#define EXPECT_OK(pledge, op) { #op " under \"" pledge "\"", pledge, op, SUCCEEDS, 0 }
#define EXPECT_KILL(pledge, op) { #op " under \"" pledge "\"", pledge, op, KILLED, 0 }
#define EXPECT_ERRNO(pledge, op, e) { #op " under \"" pledge "\"", pledge, op, FAILS_WITH, e }
#define EXPECT_OK_AFTER(before_, pledge, op) \
	{ #op " under \"" pledge "\"", pledge, op, SUCCEEDS, 0, before_ }

/* Run every probe; print "<title>: N attempts, ..." and return the number that went wrong. */
int run_probes(const char *title, const struct probe *probes, size_t n, int escape_style);

/* The same, with setup() run once in the scratch directory first (0 on success). */
int run_probes_with_setup(const char *title, const struct probe *probes, size_t n,
			  int escape_style, int (*setup)(void));

/* A scratch file name unique to this child, inside the probe's scratch directory. */
const char *fresh_name(void);

/* The name of a file that exists (with some text) in the scratch directory. */
#define EXISTING_FILE "existing.txt"

/* sendto() with a destination address on a local datagram pair (used by several suites). */
int sendto_with_address(void);

/* 0 if r >= 0, else errno: how an op turns a libc result into the child's report. */
int result(long r);

#endif
