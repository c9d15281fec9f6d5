/* SPDX-License-Identifier: LGPL-2.1-or-later */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

int errno_from_text(const char *text)
{
	char *end;
	long n;

	if (text == NULL || *text == '\0')
		return -1;
	for (int e = 1; e < 4096; e++) {
		const char *name = strerrorname_np(e);
		if (name != NULL && strcmp(name, text) == 0)
			return e;
	}
	n = strtol(text, &end, 10);
	return *end == '\0' && n >= 1 && n <= 4095 ? (int)n : -1;
}

int apply_penalty(nsc_policy *p, const char *text, const char **why)
{
	*why = NULL;
	if (strcmp(text, "kill") == 0)
		return nsc_policy_set_penalty(p, NSC_PENALTY_KILL, 0);
	if (strcmp(text, "log") == 0)
		return nsc_policy_set_penalty(p, NSC_PENALTY_LOG, 0);
	if (strcmp(text, "diagnose") == 0)
		return nsc_policy_set_penalty(p, NSC_PENALTY_DIAGNOSE, 0);
	if (strcmp(text, "errno") == 0)
		return nsc_policy_set_penalty(p, NSC_PENALTY_ERRNO, 0);
	if (strncmp(text, "errno:", 6) == 0) {
		int e = errno_from_text(text + 6);
		if (e < 0) {
			*why = "unknown errno after \"errno:\" (a name like EACCES, or a number)";
			return -EINVAL;
		}
		return nsc_policy_set_penalty(p, NSC_PENALTY_ERRNO, e);
	}
	*why = "penalty must be kill, errno, errno:NAME, log or diagnose";
	return -EINVAL;
}

/* Call fn(p, syscall, errno) for each SYSCALL=ERRNO of a comma-separated list. */
static int each_errno(nsc_policy *p, const char *text, const char **why,
		      int (*fn)(nsc_policy *p, const char *syscall, int errno_value))
{
	char *copy = strdup(text), *save = NULL;
	int r = 0;

	*why = NULL;
	if (copy == NULL)
		return -ENOMEM;
	for (char *item = strtok_r(copy, ",", &save); item && r == 0; item = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(item, '=');
		int e;

		if (eq == NULL) {
			*why = "--errno takes SYSCALL=ERRNO, e.g. bind=EADDRINUSE";
			r = -EINVAL;
			break;
		}
		*eq = '\0';
		e = errno_from_text(eq + 1);
		if (e < 0) {
			*why = "unknown errno name in --errno (a name like EADDRINUSE, or a number)";
			r = -EINVAL;
			break;
		}
		r = fn(p, item, e);
	}
	free(copy);
	return r;
}

static int allow_by_name(nsc_policy *p, const char *syscall, int errno_value)
{
	(void)errno_value;
	return nsc_policy_allow_syscall(p, syscall);
}

int apply_errnos(nsc_policy *p, const char *text, const char **why)
{
	return each_errno(p, text, why, nsc_policy_set_syscall_errno);
}

int allow_errno_syscalls(nsc_policy *p, const char *text)
{
	const char *why;

	return each_errno(p, text, &why, allow_by_name);
}

const char *options_error(const nsc_policy *p, const char *why)
{
	return why != NULL ? why : nsc_policy_error(p);
}
