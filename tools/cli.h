/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The commands of the nodeseccomp tool. */
#ifndef NSC_CLI_H
#define NSC_CLI_H

#include <stdio.h>

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv); /* argv[0] is the command's name */
	const char *args;
	const char *help;
};

/* Print message and the usage to stderr; returns the exit status for usage errors (2). */
int cli_usage_error(const char *message);

int cli_groups(int argc, char **argv);
int cli_show(int argc, char **argv);
int cli_exec(int argc, char **argv);
int cli_export(int argc, char **argv);
int cli_learn(int argc, char **argv);

/* A policy from a pledge string (plus extra groups), a penalty and per-syscall errnos; NULL
 * after printing what was wrong. */
struct nsc_policy;
struct nsc_policy *cli_policy(const char *promises, const char *extra, const char *penalty,
			      const char *errnos);

/* Where nodeseccomp-preload.so is: $NODESECCOMP_PRELOAD, or the installed one. */
const char *cli_preload_path(void);

/* Append it to LD_PRELOAD (after entries already there, which may need to come first). */
void cli_add_preload(void);

#endif
