/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Syscall names: validation, resolution through libseccomp, and "did you mean" suggestions. */
#include "config.h"

#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nodeseccomp.h"
#include "internal.h"
#include "table.h"

/* Copy name into out with anything but printable ASCII written as \xNN, so that messages
 * show exactly what was given and never carry control bytes. */
static void escape_name(const char *name, size_t len, char *out, size_t outlen)
{
	size_t used = 0;

	for (size_t i = 0; i < len && used + 5 < outlen; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			out[used++] = (char)c;
		else
			used += (size_t)snprintf(out + used, outlen - used, "\\x%02x", c);
	}
	out[used] = '\0';
}

int nsc_check_name(const char *what, const char *name, char *msg, size_t msglen)
{
	char shown[4 * NSC_NAME_MAX + 1];
	size_t len;

	if (name == NULL) {
		snprintf(msg, msglen, "%s name is NULL", what);
		return -EINVAL;
	}
	len = strnlen(name, NSC_NAME_MAX + 1);
	if (len == 0) {
		snprintf(msg, msglen, "empty %s name", what);
		return -EINVAL;
	}
	if (len > NSC_NAME_MAX) {
		snprintf(msg, msglen, "%s name longer than %d characters", what, NSC_NAME_MAX);
		return -ENAMETOOLONG;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')
			continue;
		escape_name(name, len, shown, sizeof(shown));
		snprintf(msg, msglen, "invalid character 0x%02x in %s name \"%s\"%s", c, what, shown,
			 c >= 'A' && c <= 'Z' ? " (names are lower case)" : "");
		return -EINVAL;
	}
	return 0;
}

int nsc_resolve_syscall(const char *name)
{
	int nr = seccomp_syscall_resolve_name(name);

	if (nr == __NR_SCMP_ERROR)
		return -ENOENT;
	/* libseccomp answers negative pseudo numbers for syscalls that exist on other
	 * architectures only (socketcall on x86_64): not callable here. */
	if (nr < 0)
		return -ENOSYS;
	return nr;
}

NSC_EXPORT int nsc_syscall_number(const char *syscall_name)
{
	char msg[128];
	int r = nsc_check_name("syscall", syscall_name, msg, sizeof(msg));

	if (r < 0)
		return r;
	r = nsc_resolve_syscall(syscall_name);
	return r == -ENOSYS ? -ENOENT : r;
}

/* Optimal string alignment distance: Levenshtein plus adjacent transpositions ("wirte"). */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[NSC_NAME_MAX + 2][NSC_NAME_MAX + 2];

	if (la > NSC_NAME_MAX || lb > NSC_NAME_MAX)
		return (size_t)-1;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

struct suggestion {
	const char *name;
	size_t distance;
	char owned[NSC_NAME_MAX + 1];
};

static void consider(struct suggestion *s, const char *wanted, const char *candidate)
{
	size_t dist = edit_distance(wanted, candidate);

	if (dist < s->distance) {
		s->distance = dist;
		snprintf(s->owned, sizeof(s->owned), "%s", candidate);
		s->name = s->owned;
	}
}

void nsc_suggest(const char *name, int syscalls, int groups, char *out, size_t outlen)
{
	struct suggestion s = { .name = NULL, .distance = (size_t)-1 };
	size_t len = strlen(name);
	/* Close enough to be a typo: one edit for short names, two for longer ones. */
	size_t limit = len <= 4 ? 1 : 2;

	out[0] = '\0';
	if (groups)
		for (size_t i = 0; i < nsc_table_size; i++)
			consider(&s, name, nsc_table[i].name);
	if (syscalls) {
		for (int nr = 0; nr < NSC_SYSCALL_SCAN_MAX; nr++) {
			char *candidate = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
			if (candidate == NULL)
				continue;
			consider(&s, name, candidate);
			free(candidate);
		}
	}
	if (s.name != NULL && s.distance > 0 && s.distance <= limit)
		snprintf(out, outlen, " (did you mean \"%s\"?)", s.name);
}
