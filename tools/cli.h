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

#endif
