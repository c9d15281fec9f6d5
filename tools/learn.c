/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * nodeseccomp learn [--format text|pledge|node|oci] [-o FILE] -- CMD [ARGS...]
 *
 * Runs CMD with every syscall reported through seccomp user notification (nothing is blocked),
 * and prints the pledge that would have let it run. nodeseccomp-preload.so marks where CMD's
 * own code starts, so the pledge printed for `nodeseccomp exec` leaves out what the dynamic
 * loader needs (exec adds that for start-up itself). The OCI profile covers the whole run.
 */
#define _GNU_SOURCE
#include <nodeseccomp.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

static int print_call(const struct nsc_learned_call *call, void *userdata)
{
	FILE *out = userdata;
	char text[256];

	snprintf(text, sizeof(text), "%s(%s)", call->syscall, call->arguments);
	fprintf(out, "  %-52s x%-6lu %s%s\n", text, call->count,
		call->groups[0] ? call->groups : "(no group: by name)",
		call->after_mark ? "" : "  [start-up]");
	return 0;
}

struct checked_search {
	const char *syscall;
	int checked;
};

static int find_checked_rule(const struct nsc_rule_info *rule, void *userdata)
{
	struct checked_search *search = userdata;

	if (strcmp(rule->syscall, search->syscall) == 0 && rule->condition[0] != '\0')
		search->checked = 1;
	return search->checked;
}

/*
 * A syscall that the learned pledge allows by name, with no argument checks, while groups allow
 * only some of its uses (ioctl, socket, openat...): say so on stderr, whatever the format, since
 * by name it allows every use (TIOCSTI, raw sockets, ...).
 */
static void warn_unchecked(const char *pledge)
{
	char *copy = strdup(pledge), *save = NULL;

	for (char *name = strtok_r(copy, " ", &save); copy && name; name = strtok_r(NULL, " ", &save)) {
		struct checked_search search = { .syscall = name };

		if (nsc_group_index(name) >= 0)
			continue;
		for (size_t g = 0; g < nsc_group_count() && !search.checked; g++)
			nsc_group_foreach_rule(nsc_group_name(g), find_checked_rule, &search);
		if (search.checked)
			fprintf(stderr,
				"nodeseccomp learn: warning: the pledge allows %s by name, every use of "
				"it: the groups allow only some (nodeseccomp show shows which); check "
				"what the program did with it\n", name);
	}
	free(copy);
}

static void print_node_call(FILE *out, const char *pledge)
{
	fprintf(out, "require('node-seccomp').pledge('%s')\n", pledge);
}

static int write_oci(FILE *out, const char *pledge)
{
	nsc_policy *p = nsc_policy_new();
	int r;

	fflush(out);
	r = p ? nsc_policy_pledge(p, pledge) : -ENOMEM;
	if (r == 0)
		r = nsc_policy_export_oci(p, fileno(out));
	if (r < 0)
		fprintf(stderr, "nodeseccomp: learn: %s\n", p ? nsc_policy_error(p) : "out of memory");
	nsc_policy_free(p);
	return r;
}

static void print_text(FILE *out, const nsc_learner *l, char **argv, const char *own, int status)
{
	fprintf(out, "\nnodeseccomp learn: %s ", argv[0]);
	if (WIFEXITED(status))
		fprintf(out, "exited with status %d\n", WEXITSTATUS(status));
	else
		fprintf(out, "was killed by %s\n", sigabbrev_np(WTERMSIG(status)) ?: "a signal");
	fprintf(out, "calls (deciding arguments, count, groups that allow them):\n");
	nsc_learner_foreach(l, print_call, out);
	fprintf(out, "\npledge: %s\n\nrun it:\n  nodeseccomp exec -p \"%s\" --", own, own);
	for (char **a = argv; *a; a++)
		fprintf(out, " %s", *a);
	fprintf(out, "\nfrom Node.js (the node group is always added):\n  ");
	print_node_call(out, own);
}

int cli_learn(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = "text", *output = NULL;
	char own[4096], whole[4096];
	nsc_learner *l;
	FILE *out = stdout;
	int opt, r, status = 0;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "+f:o:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		default: return cli_usage_error("learn: unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage_error("learn needs a command after --");
	if (strcmp(format, "text") && strcmp(format, "pledge") && strcmp(format, "node") &&
	    strcmp(format, "oci"))
		return cli_usage_error("learn --format is text, pledge, node or oci");
	if (output && (out = fopen(output, "we")) == NULL) {
		fprintf(stderr, "nodeseccomp: %s: %s\n", output, strerror(errno));
		return 1;
	}
	/* The preload library marks where the program's own code starts. */
	setenv("NODESECCOMP_LEARN_MARK", "1", 1);
	cli_add_preload();
	l = nsc_learner_new();
	r = l ? nsc_learner_run(l, argv + optind, &status) : -ENOMEM;
	if (r < 0) {
		fprintf(stderr, "nodeseccomp: learn: %s\n", strerror(-r));
		nsc_learner_free(l);
		return 1;
	}
	if (nsc_learner_pledge(l, 1, own, sizeof(own)) < 0 ||
	    nsc_learner_pledge(l, 0, whole, sizeof(whole)) < 0) {
		fprintf(stderr, "nodeseccomp: learn: the pledge is too long\n");
		nsc_learner_free(l);
		return 1;
	}
	if (own[0] == '\0') /* no mark: a static program, or the preload was not loaded */
		memcpy(own, whole, sizeof(own));
	warn_unchecked(strcmp(format, "oci") == 0 ? whole : own);
	if (strcmp(format, "pledge") == 0)
		fprintf(out, "%s\n", own);
	else if (strcmp(format, "node") == 0)
		print_node_call(out, own);
	else if (strcmp(format, "oci") == 0)
		r = write_oci(out, whole);
	else
		print_text(out, l, argv + optind, own, status);
	nsc_learner_free(l);
	if (out != stdout && fclose(out) != 0)
		r = -errno;
	return r < 0 ? 1 : 0;
}
