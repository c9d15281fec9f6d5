/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * nodeseccomp-preload.so: what `nodeseccomp exec` puts in LD_PRELOAD. Its constructor runs in
 * the target program before main() and loads the pledge the user asked for, narrowing the
 * wider start-up filter the CLI loaded before execve (which also allows what ld.so needs:
 * exec, rpath, prot_exec). It fails closed: if the pledge cannot be loaded, the program ends
 * with status 127 instead of running under the wider filter.
 */
#define _GNU_SOURCE
#include <nodeseccomp.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "options.h"

#define EXPORT __attribute__((visibility("default")))

/* Remove our entry from LD_PRELOAD, so that programs this one runs start clean (they inherit
 * the filter anyway). */
static void forget_preload(void)
{
	const char *value = getenv("LD_PRELOAD");
	char *copy, *out, *save = NULL;

	if (value == NULL || (copy = strdup(value)) == NULL)
		return;
	out = calloc(1, strlen(value) + 1);
	for (char *item = strtok_r(copy, ": ", &save); out && item; item = strtok_r(NULL, ": ", &save)) {
		if (strstr(item, "nodeseccomp-preload") != NULL)
			continue;
		if (*out)
			strcat(out, ":");
		strcat(out, item);
	}
	if (out && *out)
		setenv("LD_PRELOAD", out, 1);
	else
		unsetenv("LD_PRELOAD");
	free(out);
	free(copy);
}

static void die(const char *what, const char *message)
{
	fprintf(stderr, "nodeseccomp: %s: %s\n", what, message);
	_exit(127);
}

__attribute__((constructor)) static void pledge_before_main(void)
{
	const char *promises = getenv("NODESECCOMP_PLEDGE");
	const char *penalty = getenv("NODESECCOMP_PENALTY");
	const char *errnos = getenv("NODESECCOMP_ERRNOS");
	const char *why = NULL;
	nsc_policy *p;

	/* The learn mark only when no pledge was asked for: a pledge is never skipped. */
	if (promises == NULL && getenv("NODESECCOMP_LEARN_MARK") != NULL) {
		/* Under `nodeseccomp learn`: only say where the program's own code starts. */
		unsetenv("NODESECCOMP_LEARN_MARK");
		forget_preload();
		nsc_learn_mark();
		return;
	}
	if (promises == NULL)
		return; /* preloaded by someone else: do nothing */
	p = nsc_policy_new();
	if (p == NULL)
		die("preload", "out of memory");
	if (nsc_policy_pledge(p, promises) != 0)
		die("pledge", nsc_policy_error(p));
	if (penalty && apply_penalty(p, penalty, &why) != 0)
		die("penalty", options_error(p, why));
	if (errnos && *errnos && apply_errnos(p, errnos, &why) != 0)
		die("errno", options_error(p, why));
	unsetenv("NODESECCOMP_PLEDGE");
	unsetenv("NODESECCOMP_PENALTY");
	unsetenv("NODESECCOMP_ERRNOS");
	forget_preload();
	if (nsc_policy_load(p) != 0)
		die("load", nsc_policy_error(p));
	nsc_policy_free(p);
}

/* Lets `nodeseccomp exec` check that it found the right library. */
EXPORT const char *nodeseccomp_preload_version(void);
EXPORT const char *nodeseccomp_preload_version(void)
{
	return NSC_VERSION_STRING;
}
