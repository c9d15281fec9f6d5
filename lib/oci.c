/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * OCI runtime-spec seccomp profiles (the JSON that Docker, podman and runc read), written from
 * the same compiled decisions as the BPF filter. What a profile cannot say: checks against the
 * process's own pid (a container's pid is not known here) are left out, so those rules drop
 * away and the syscalls fall to the default action; and the ENOSYS answer for syscall numbers
 * newer than libseccomp's table (a profile names syscalls, it cannot name a range).
 */
#include "config.h"

#include <errno.h>
#include <seccomp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "oci.h"

struct nsc_oci {
	FILE *rules;          /* the conditional and errno entries, as JSON text */
	char *rules_text;
	size_t rules_len;
	size_t nrules;
	FILE *allowed;        /* names allowed unconditionally: one entry */
	char *allowed_text;
	size_t allowed_len;
	size_t nallowed;
};

struct nsc_oci *nsc_oci_new(void)
{
	struct nsc_oci *o = calloc(1, sizeof(*o));

	if (o == NULL)
		return NULL;
	o->rules = open_memstream(&o->rules_text, &o->rules_len);
	o->allowed = open_memstream(&o->allowed_text, &o->allowed_len);
	if (o->rules == NULL || o->allowed == NULL) {
		nsc_oci_free(o);
		return NULL;
	}
	return o;
}

void nsc_oci_free(struct nsc_oci *o)
{
	if (o == NULL)
		return;
	if (o->rules)
		fclose(o->rules);
	if (o->allowed)
		fclose(o->allowed);
	free(o->rules_text);
	free(o->allowed_text);
	free(o);
}

static const char *op_name(enum nsc_cmp cmp)
{
	return cmp == NSC_CMP_EQ ? "SCMP_CMP_EQ" : cmp == NSC_CMP_LE ? "SCMP_CMP_LE" :
								 "SCMP_CMP_MASKED_EQ";
}

/* The action's name and, for SCMP_ACT_ERRNO, its errno. */
static const char *action_name(uint32_t action, unsigned *errno_ret)
{
	*errno_ret = 0;
	if (action == SCMP_ACT_ALLOW)
		return "SCMP_ACT_ALLOW";
	if (action == SCMP_ACT_KILL_PROCESS)
		return "SCMP_ACT_KILL_PROCESS";
	if (action == SCMP_ACT_LOG)
		return "SCMP_ACT_LOG";
	if (action == SCMP_ACT_TRAP)
		return "SCMP_ACT_TRAP";
	*errno_ret = action & 0xffff;
	return "SCMP_ACT_ERRNO";
}

int nsc_oci_rule(struct nsc_oci *o, const char *syscall, uint32_t action,
		 const struct nsc_rule *rule)
{
	unsigned n = rule ? rule->nchecks : 0, errno_ret;
	const char *name = action_name(action, &errno_ret);

	for (unsigned i = 0; i < n; i++)
		if (rule->checks[i].self_pid)
			return 0; /* see the top of this file */
	if (action == SCMP_ACT_ALLOW && n == 0) {
		char quoted[80];
		snprintf(quoted, sizeof(quoted), "\"%s\"", syscall);
		fflush(o->allowed);
		if (o->allowed_text && strstr(o->allowed_text, quoted))
			return 0; /* several groups allow it */
		fprintf(o->allowed, "%s%s", o->nallowed++ ? ", " : "", quoted);
		return 0;
	}
	fprintf(o->rules, ",\n    { \"names\": [\"%s\"], \"action\": \"%s\"", syscall, name);
	if (errno_ret)
		fprintf(o->rules, ", \"errnoRet\": %u", errno_ret);
	if (n > 0) {
		fprintf(o->rules, ", \"args\": [");
		for (unsigned i = 0; i < n; i++) {
			const struct nsc_arg_check *c = &rule->checks[i];
			bool masked = c->cmp == NSC_CMP_MASKED_EQ;
			/* OCI's MASKED_EQ: value is the mask, valueTwo the datum, as in libseccomp. */
			fprintf(o->rules,
				"%s{ \"index\": %u, \"value\": %llu, \"valueTwo\": %llu, \"op\": \"%s\" }",
				i ? ", " : "", c->arg,
				(unsigned long long)(masked ? c->mask : c->value),
				(unsigned long long)(masked ? c->value : 0), op_name(c->cmp));
		}
		fprintf(o->rules, "]");
	}
	fprintf(o->rules, " }");
	o->nrules++;
	return ferror(o->rules) ? -ENOMEM : 0;
}

static const char *native_architecture(void)
{
	switch (seccomp_arch_native()) {
	case SCMP_ARCH_X86_64:
		return "SCMP_ARCH_X86_64";
	case SCMP_ARCH_AARCH64:
		return "SCMP_ARCH_AARCH64";
	case SCMP_ARCH_X86:
		return "SCMP_ARCH_X86";
	case SCMP_ARCH_ARM:
		return "SCMP_ARCH_ARM";
	case SCMP_ARCH_PPC64LE:
		return "SCMP_ARCH_PPC64LE";
	case SCMP_ARCH_S390X:
		return "SCMP_ARCH_S390X";
	case SCMP_ARCH_RISCV64:
		return "SCMP_ARCH_RISCV64";
	default:
		return NULL;
	}
}

int nsc_oci_write(struct nsc_oci *o, int fd, uint32_t default_action)
{
	unsigned errno_ret;
	const char *def = action_name(default_action, &errno_ret);
	const char *arch = native_architecture();
	FILE *out;
	int r = 0, copy;

	if (arch == NULL)
		return -EOPNOTSUPP;
	if (fflush(o->rules) != 0 || fflush(o->allowed) != 0)
		return -ENOMEM;
	copy = dup(fd);
	out = copy < 0 ? NULL : fdopen(copy, "w");
	if (out == NULL) {
		if (copy >= 0)
			close(copy);
		return -errno;
	}
	fprintf(out, "{\n  \"defaultAction\": \"%s\",\n", def);
	if (errno_ret)
		fprintf(out, "  \"defaultErrnoRet\": %u,\n", errno_ret);
	/* Only the native architecture: any other is refused (the default action). */
	fprintf(out, "  \"architectures\": [\"%s\"],\n  \"syscalls\": [\n", arch);
	fprintf(out, "    { \"names\": [%s], \"action\": \"SCMP_ACT_ALLOW\" }", o->allowed_text);
	fprintf(out, "%s\n  ]\n}\n", o->rules_text);
	if (ferror(out))
		r = -EIO;
	if (fclose(out) != 0 && r == 0)
		r = -errno;
	return r;
}
