/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Read-only views of the group table and the version, for the CLI, the docs and the addon. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "nodeseccomp.h"
#include "internal.h"
#include "table.h"

NSC_EXPORT const char *nsc_version(void)
{
	return NSC_VERSION_STRING;
}

NSC_EXPORT unsigned nsc_version_number(void)
{
	return NSC_VERSION_NUMBER;
}

NSC_EXPORT size_t nsc_group_count(void)
{
	return nsc_table_size;
}

NSC_EXPORT const char *nsc_group_name(size_t index)
{
	return index < nsc_table_size ? nsc_table[index].name : NULL;
}

NSC_EXPORT const char *nsc_group_description(size_t index)
{
	return index < nsc_table_size ? nsc_table[index].description : NULL;
}

NSC_EXPORT int nsc_group_index(const char *name)
{
	int index;

	if (name == NULL)
		return -EINVAL;
	index = nsc_table_find(name);
	return index < 0 ? -ENOENT : index;
}

NSC_EXPORT const char *nsc_group_include(size_t index, size_t k)
{
	const char *const *inc;

	if (index >= nsc_table_size)
		return NULL;
	for (inc = nsc_table[index].includes; inc != NULL && *inc != NULL; inc++, k--)
		if (k == 0)
			return *inc;
	return NULL;
}

/* "arg2 == X && arg3 == Y", plus the groups a rule depends on. */
static void describe_condition(const struct nsc_rule *rule, char *out, size_t outlen)
{
	size_t used = 0;

	out[0] = '\0';
	for (unsigned i = 0; i < rule->nchecks && used < outlen; i++)
		used += (size_t)snprintf(out + used, outlen - used, "%s%s", i ? " && " : "",
					 rule->checks[i].text);
	for (size_t i = 0; i < 2 && rule->also[i] != NULL && used < outlen; i++)
		used += (size_t)snprintf(out + used, outlen - used, "%swith %s", used ? ", " : "",
					 rule->also[i]);
	if (rule->unless != NULL && used < outlen)
		snprintf(out + used, outlen - used, "%sunless %s", used ? ", " : "", rule->unless);
}

static int visit_group(size_t index, bool *seen, nsc_rule_visitor visit, void *userdata)
{
	const struct nsc_group *group = &nsc_table[index];
	char condition[512];
	int r;

	if (seen[index])
		return 0;
	seen[index] = true;
	for (size_t i = 0; i < group->nrules; i++) {
		const struct nsc_rule *rule = &group->rules[i];
		int nr = nsc_resolve_syscall(rule->syscall);
		struct nsc_rule_info info = {
			.group = group->name,
			.syscall = rule->syscall,
			.syscall_nr = nr < 0 ? -1 : nr,
			.errno_value = rule->errno_value,
			.condition = condition,
			.why = rule->why,
		};
		describe_condition(rule, condition, sizeof(condition));
		r = visit(&info, userdata);
		if (r != 0)
			return r;
	}
	for (const char *const *inc = group->includes; inc != NULL && *inc != NULL; inc++) {
		int sub = nsc_table_find(*inc);
		if (sub >= 0 && (r = visit_group((size_t)sub, seen, visit, userdata)) != 0)
			return r;
	}
	return 0;
}

NSC_EXPORT int nsc_group_foreach_rule(const char *group_name, nsc_rule_visitor visit,
				      void *userdata)
{
	bool seen[64] = { false };
	int index;

	if (group_name == NULL || visit == NULL)
		return -EINVAL;
	index = nsc_table_find(group_name);
	if (index < 0)
		return -ENOENT;
	if (nsc_table_size > sizeof(seen) / sizeof(seen[0]))
		return -E2BIG;
	return visit_group((size_t)index, seen, visit, userdata);
}
