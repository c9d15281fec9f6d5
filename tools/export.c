/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* nodeseccomp export -p PLEDGE [--format bpf|pfc|oci] [--penalty P] [--errno ...] [-o FILE] */
#define _GNU_SOURCE
#include <nodeseccomp.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int cli_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "pledge", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "penalty", required_argument, NULL, 'k' },
		{ "errno", required_argument, NULL, 'e' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *promises = NULL, *format = "pfc", *penalty = NULL, *errnos = NULL, *output = NULL;
	nsc_policy *p;
	int opt, fd = 1, r;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "p:f:k:e:o:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'p': promises = optarg; break;
		case 'f': format = optarg; break;
		case 'k': penalty = optarg; break;
		case 'e': errnos = optarg; break;
		case 'o': output = optarg; break;
		default: return cli_usage_error("export: unknown option");
		}
	}
	if (promises == NULL || optind != argc)
		return cli_usage_error("export needs -p PLEDGE and no other arguments");
	if (strcmp(format, "bpf") && strcmp(format, "pfc") && strcmp(format, "oci"))
		return cli_usage_error("export --format is bpf, pfc or oci");
	if (strcmp(format, "bpf") == 0 && output == NULL && isatty(1))
		return cli_usage_error("export --format bpf writes binary: use -o FILE or a redirection");
	p = cli_policy(promises, NULL, penalty, errnos);
	if (p == NULL)
		return 2;
	if (output && (fd = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0) {
		fprintf(stderr, "nodeseccomp: %s: %s\n", output, strerror(errno));
		nsc_policy_free(p);
		return 1;
	}
	r = strcmp(format, "bpf") == 0 ? nsc_policy_export_bpf(p, fd) :
	    strcmp(format, "oci") == 0 ? nsc_policy_export_oci(p, fd) : nsc_policy_export_pfc(p, fd);
	if (r < 0)
		fprintf(stderr, "nodeseccomp: export: %s\n", nsc_policy_error(p));
	if (output && close(fd) != 0 && r == 0) {
		fprintf(stderr, "nodeseccomp: %s: %s\n", output, strerror(errno));
		r = -EIO;
	}
	nsc_policy_free(p);
	return r < 0 ? 1 : 0;
}
