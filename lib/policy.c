/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Policies: collect groups and syscalls, then compile them into one libseccomp filter at load
 * or export time. Compiling late lets the penalty be chosen in any order and lets explicit
 * choices take precedence over group rules:
 *
 *   per-syscall errno  >  syscall allowed by name  >  group errno rules  >  group allow rules
 */
#include "config.h"

#include <errno.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "nodeseccomp.h"
#include "bpf.h"
#include "diagnose.h"
#include "oci.h"
#include "selflearn.h"
#include "internal.h"
#include "table.h"

/* libseccomp's optimisation level: 2 sorts syscalls into a binary tree. bench/ builds the
 * library a second time with -DNSC_OPTIMIZE_LEVEL=1 to measure the difference. */
#ifndef NSC_OPTIMIZE_LEVEL
#define NSC_OPTIMIZE_LEVEL 2
#endif

struct errno_override {
	int nr;
	int errno_value;
};

struct nsc_policy {
	bool *groups;        /* chosen groups, by table index (includes resolved at build) */
	int *syscalls;       /* syscalls allowed by name */
	size_t nsyscalls, syscalls_cap;
	struct errno_override *overrides;
	size_t noverrides, overrides_cap;
	enum nsc_penalty penalty;
	int penalty_errno;
	int poisoned;        /* the first error, or 0: a policy with any error loads nothing */
	char first_error[256];
	char message[256];
};

static int fail(nsc_policy *p, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Record an error: the message of the last call, and the first error, which poisons the policy. */
static int fail(nsc_policy *p, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->message, sizeof(p->message), fmt, ap);
	va_end(ap);
	if (!p->poisoned) {
		p->poisoned = err;
		memcpy(p->first_error, p->message, sizeof(p->first_error));
	}
	return err;
}

static void succeed(nsc_policy *p)
{
	p->message[0] = '\0';
}

NSC_EXPORT nsc_policy *nsc_policy_new(void)
{
	nsc_policy *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return NULL;
	p->groups = calloc(nsc_table_size, sizeof(*p->groups));
	if (p->groups == NULL) {
		free(p);
		errno = ENOMEM;
		return NULL;
	}
	p->penalty = NSC_PENALTY_KILL;
	return p;
}

NSC_EXPORT void nsc_policy_free(nsc_policy *p)
{
	if (p == NULL)
		return;
	free(p->groups);
	free(p->syscalls);
	free(p->overrides);
	free(p);
}

NSC_EXPORT const char *nsc_policy_error(const nsc_policy *p)
{
	if (p == NULL)
		return "policy is NULL";
	return p->message;
}

static bool contains(const int *set, size_t n, int nr)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == nr)
			return true;
	return false;
}

static struct errno_override *find_override(nsc_policy *p, int nr)
{
	for (size_t i = 0; i < p->noverrides; i++)
		if (p->overrides[i].nr == nr)
			return &p->overrides[i];
	return NULL;
}

/* Grow an array to hold one more element; 0 or -ENOMEM. */
static int reserve(void **array, size_t *cap, size_t n, size_t elem)
{
	size_t new_cap;
	void *grown;

	if (n < *cap)
		return 0;
	new_cap = *cap ? *cap * 2 : 16;
	grown = realloc(*array, new_cap * elem);
	if (grown == NULL)
		return -ENOMEM;
	*array = grown;
	*cap = new_cap;
	return 0;
}

/* Resolve a syscall name for the policy, or fail with a message and a suggestion. */
static int resolve_for(nsc_policy *p, const char *name)
{
	char msg[160], hint[96];
	int r = nsc_check_name("syscall", name, msg, sizeof(msg));

	if (r < 0)
		return fail(p, r, "%s", msg);
	r = nsc_resolve_syscall(name);
	if (r == -ENOSYS)
		return fail(p, -ENOENT, "syscall \"%s\" does not exist on this architecture", name);
	if (r < 0) {
		nsc_suggest(name, 1, 0, hint, sizeof(hint));
		return fail(p, -ENOENT, "unknown syscall \"%s\"%s", name, hint);
	}
	return r;
}

/* io_uring runs file and network operations that seccomp never sees: it is never allowed. */
static bool bypasses_seccomp(const char *name)
{
	return strncmp(name, "io_uring_", 9) == 0;
}

NSC_EXPORT int nsc_policy_allow_syscall(nsc_policy *p, const char *name)
{
	int nr;

	if (p == NULL)
		return -EINVAL;
	nr = resolve_for(p, name);
	if (nr < 0)
		return nr;
	if (bypasses_seccomp(name))
		return fail(p, -EPERM, "\"%s\" cannot be allowed: io_uring operations bypass seccomp "
			    "(every policy answers it with ENOSYS)", name);
	if (!contains(p->syscalls, p->nsyscalls, nr)) {
		if (reserve((void **)&p->syscalls, &p->syscalls_cap, p->nsyscalls, sizeof(int)) < 0)
			return fail(p, -ENOMEM, "out of memory");
		p->syscalls[p->nsyscalls++] = nr;
	}
	succeed(p);
	return 0;
}

NSC_EXPORT int nsc_policy_allow_group(nsc_policy *p, const char *name)
{
	char msg[160], hint[96];
	int r, index;

	if (p == NULL)
		return -EINVAL;
	r = nsc_check_name("group", name, msg, sizeof(msg));
	if (r < 0)
		return fail(p, r, "%s", msg);
	index = nsc_table_find(name);
	if (index < 0) {
		nsc_suggest(name, 0, 1, hint, sizeof(hint));
		return fail(p, -ENOENT, "unknown group \"%s\"%s", name, hint);
	}
	p->groups[index] = true;
	succeed(p);
	return 0;
}

NSC_EXPORT int nsc_policy_allow(nsc_policy *p, const char *name)
{
	char msg[160], hint[96];
	int r;

	if (p == NULL)
		return -EINVAL;
	r = nsc_check_name("group or syscall", name, msg, sizeof(msg));
	if (r < 0)
		return fail(p, r, "%s", msg);
	if (nsc_table_find(name) >= 0)
		return nsc_policy_allow_group(p, name);
	if (nsc_resolve_syscall(name) >= 0)
		return nsc_policy_allow_syscall(p, name);
	nsc_suggest(name, 1, 1, hint, sizeof(hint));
	return fail(p, -ENOENT, "unknown group or syscall \"%s\"%s", name, hint);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',';
}

NSC_EXPORT int nsc_policy_pledge(nsc_policy *p, const char *promises)
{
	char word[NSC_NAME_MAX + 2];
	size_t len, words = 0;

	if (p == NULL)
		return -EINVAL;
	if (promises == NULL)
		return fail(p, -EINVAL, "pledge string is NULL");
	len = strnlen(promises, NSC_PLEDGE_MAX + 1);
	if (len > NSC_PLEDGE_MAX)
		return fail(p, -E2BIG, "pledge string longer than %d bytes", NSC_PLEDGE_MAX);
	for (size_t i = 0; i < len;) {
		size_t start, n;
		int r;

		while (i < len && is_blank(promises[i]))
			i++;
		start = i;
		while (i < len && !is_blank(promises[i]))
			i++;
		n = i - start;
		if (n == 0)
			break;
		if (n > NSC_NAME_MAX)
			return fail(p, -ENAMETOOLONG, "name longer than %d characters in pledge string",
				    NSC_NAME_MAX);
		memcpy(word, promises + start, n);
		word[n] = '\0';
		r = nsc_policy_allow(p, word);
		if (r < 0)
			return r;
		words++;
	}
	if (words == 0)
		return fail(p, -EINVAL, "empty pledge string: it would allow nothing");
	succeed(p);
	return 0;
}

NSC_EXPORT int nsc_policy_set_penalty(nsc_policy *p, enum nsc_penalty penalty, int errno_value)
{
	if (p == NULL)
		return -EINVAL;
	switch (penalty) {
	case NSC_PENALTY_KILL:
	case NSC_PENALTY_LOG:
	case NSC_PENALTY_DIAGNOSE:
	case NSC_PENALTY_LEARN:
		if (errno_value != 0)
			return fail(p, -EINVAL, "an errno value goes only with the errno penalty");
		break;
	case NSC_PENALTY_ERRNO:
		if (errno_value == 0)
			errno_value = EPERM;
		if (errno_value < 1 || errno_value > 4095)
			return fail(p, -EINVAL, "errno value %d out of range 1..4095", errno_value);
		break;
	default:
		return fail(p, -EINVAL, "unknown penalty %d", (int)penalty);
	}
	p->penalty = penalty;
	p->penalty_errno = errno_value;
	succeed(p);
	return 0;
}

NSC_EXPORT int nsc_policy_set_syscall_errno(nsc_policy *p, const char *name, int errno_value)
{
	struct errno_override *o;
	int nr;

	if (p == NULL)
		return -EINVAL;
	nr = resolve_for(p, name);
	if (nr < 0)
		return nr;
	if (errno_value < 1 || errno_value > 4095)
		return fail(p, -EINVAL, "errno value %d for \"%s\" out of range 1..4095", errno_value,
			    name);
	o = find_override(p, nr);
	if (o == NULL) {
		if (reserve((void **)&p->overrides, &p->overrides_cap, p->noverrides,
			    sizeof(*p->overrides)) < 0)
			return fail(p, -ENOMEM, "out of memory");
		o = &p->overrides[p->noverrides++];
		o->nr = nr;
	}
	o->errno_value = errno_value;
	succeed(p);
	return 0;
}

/* ---- Compiling ----------------------------------------------------------------------------- */

struct build {
	nsc_policy *p;
	scmp_filter_ctx ctx;
	struct nsc_oci *oci; /* when exporting an OCI profile: rules go there instead */
	bool exporting;      /* for another process: rules about our own pid mean nothing there */
	uint32_t default_action;
	bool *included;      /* groups after following includes */
	int *blocked;        /* syscalls a group answers with an errno whatever their arguments */
	size_t nblocked, blocked_cap;
};

static void include_group(bool *included, size_t index)
{
	const char *const *inc;

	if (included[index])
		return;
	included[index] = true;
	for (inc = nsc_table[index].includes; inc != NULL && *inc != NULL; inc++) {
		int sub = nsc_table_find(*inc);
		if (sub >= 0)
			include_group(included, (size_t)sub);
	}
}

static int add_oci_rule(struct build *b, uint32_t action, int nr, const struct nsc_rule *rule)
{
	char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
	int r = name ? nsc_oci_rule(b->oci, name, action, rule) : -ENOMEM;

	free(name);
	return r < 0 ? fail(b->p, r, "could not write the OCI profile: %s", strerror(-r)) : 0;
}

static int add_rule(struct build *b, uint32_t action, int nr, const struct nsc_rule *rule)
{
	struct scmp_arg_cmp cmp[NSC_MAX_CHECKS];
	unsigned n = rule ? rule->nchecks : 0;
	int r;

	if (action == b->default_action)
		return 0; /* libseccomp refuses rules that repeat the default, and they are no-ops */
	if (b->oci != NULL)
		return add_oci_rule(b, action, nr, rule);
	for (unsigned i = 0; b->exporting && i < n; i++)
		if (rule->checks[i].self_pid)
			return 0; /* "itself" is the exporter here: leave the rule out (nodeseccomp(3)) */
	for (unsigned i = 0; i < n; i++) {
		const struct nsc_arg_check *c = &rule->checks[i];
		cmp[i].arg = c->arg;
		cmp[i].op = c->cmp == NSC_CMP_EQ ? SCMP_CMP_EQ :
			    c->cmp == NSC_CMP_LE ? SCMP_CMP_LE : SCMP_CMP_MASKED_EQ;
		/* Checks against our own pid are fixed when the filter is compiled: in the process
		 * that loads it, or, for an export, in the exporting process. */
		uint64_t value = c->self_pid ? (uint64_t)getpid() : c->value;
		cmp[i].datum_a = c->cmp == NSC_CMP_MASKED_EQ ? c->mask : value;
		cmp[i].datum_b = c->cmp == NSC_CMP_MASKED_EQ ? value : 0;
	}
	r = seccomp_rule_add_array(b->ctx, action, nr, n, cmp);
	if (r < 0) {
		char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
		fail(b->p, r, "libseccomp refused the rule for \"%s\": %s", name ? name : "?",
		     strerror(-r));
		free(name);
	}
	return r;
}

/* Does the rule apply, given the groups chosen (its `also` and `unless` groups)? */
static bool rule_applies(const struct build *b, const struct nsc_rule *rule)
{
	for (size_t i = 0; i < sizeof(rule->also) / sizeof(rule->also[0]); i++) {
		int g = rule->also[i] ? nsc_table_find(rule->also[i]) : -1;
		if (rule->also[i] != NULL && (g < 0 || !b->included[g]))
			return false;
	}
	if (rule->unless != NULL) {
		int g = nsc_table_find(rule->unless);
		if (g >= 0 && b->included[g])
			return false;
	}
	return true;
}

/*
 * Rules of the chosen groups; errno rules first, then allow rules (see top of file). An
 * unconditional errno rule (clone3 -> ENOSYS) overrides allow rules for that syscall; a
 * conditional one (dns: socket(AF_UNIX) -> EACCES) stands beside allow rules whose checks the
 * table keeps disjoint from it.
 */
static int add_group_rules(struct build *b, bool errno_pass)
{
	for (size_t g = 0; g < nsc_table_size; g++) {
		if (!b->included[g])
			continue;
		for (size_t i = 0; i < nsc_table[g].nrules; i++) {
			const struct nsc_rule *rule = &nsc_table[g].rules[i];
			int nr = nsc_resolve_syscall(rule->syscall);
			int r;

			if (nr < 0)
				continue; /* not on this architecture or unknown to this libseccomp */
			if ((rule->errno_value != 0) != errno_pass || !rule_applies(b, rule))
				continue;
			if (find_override(b->p, nr) || contains(b->p->syscalls, b->p->nsyscalls, nr))
				continue;
			if (contains(b->blocked, b->nblocked, nr))
				continue;
			if (errno_pass && rule->nchecks == 0) {
				if (reserve((void **)&b->blocked, &b->blocked_cap, b->nblocked,
					    sizeof(int)) < 0)
					return fail(b->p, -ENOMEM, "out of memory");
				b->blocked[b->nblocked++] = nr;
			}
			r = add_rule(b, errno_pass ? SCMP_ACT_ERRNO((uint32_t)rule->errno_value) :
						     SCMP_ACT_ALLOW,
				     nr, rule);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

static int set_attributes(struct build *b)
{
	struct {
		enum scmp_filter_attr attr;
		uint32_t value;
		const char *what;
	} attrs[] = {
		{ SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS, "kill on foreign architectures" },
		{ SCMP_FLTATR_CTL_NNP, 1, "no-new-privs" },
		{ SCMP_FLTATR_CTL_TSYNC, 1, "thread synchronisation (TSYNC)" },
#if HAVE_DECL_SCMP_FLTATR_CTL_OPTIMIZE
		{ SCMP_FLTATR_CTL_OPTIMIZE, NSC_OPTIMIZE_LEVEL, "binary-tree optimisation" },
#endif
	};

	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		int r = seccomp_attr_set(b->ctx, attrs[i].attr, attrs[i].value);
		if (r < 0)
			return fail(b->p, r, "libseccomp could not set %s: %s", attrs[i].what,
				    strerror(-r));
	}
	return 0;
}

static int default_action(nsc_policy *p, uint32_t *action)
{
	/* API level 3 brings KILL_PROCESS and LOG. Without it, refuse rather than fall back to
	 * killing one thread, which would leave a half-dead process running. */
	if (p->penalty == NSC_PENALTY_LEARN && seccomp_api_get() < 6)
		return fail(p, -EOPNOTSUPP, "learning needs user notification on every thread "
			    "(kernel 5.7 and libseccomp 2.5; API level %u < 6)", seccomp_api_get());
	if ((p->penalty == NSC_PENALTY_KILL || p->penalty == NSC_PENALTY_LOG) && seccomp_api_get() < 3)
		return fail(p, -EOPNOTSUPP, "this kernel or libseccomp lacks %s (API level %u < 3)",
			    p->penalty == NSC_PENALTY_LOG ? "SECCOMP_RET_LOG" :
							    "SECCOMP_RET_KILL_PROCESS",
			    seccomp_api_get());
	switch (p->penalty) {
	case NSC_PENALTY_ERRNO:
		*action = SCMP_ACT_ERRNO((uint32_t)p->penalty_errno);
		break;
	case NSC_PENALTY_LOG:
		*action = SCMP_ACT_LOG;
		break;
	case NSC_PENALTY_DIAGNOSE:
		*action = SCMP_ACT_TRAP;
		break;
	case NSC_PENALTY_LEARN:
#if HAVE_DECL_SCMP_ACT_NOTIFY
		*action = SCMP_ACT_NOTIFY;
		break;
#else
		return fail(p, -EOPNOTSUPP, "built against libseccomp < 2.5: no user notification");
#endif
	default:
		*action = SCMP_ACT_KILL_PROCESS;
	}
	return 0;
}

static bool is_empty(const nsc_policy *p)
{
	if (p->nsyscalls > 0)
		return false;
	for (size_t g = 0; g < nsc_table_size; g++)
		if (p->groups[g])
			return false;
	return true;
}

static int compile(nsc_policy *p, scmp_filter_ctx *out, struct nsc_oci *oci, bool exporting)
{
	struct build b = { .p = p, .oci = oci, .exporting = exporting };
	int r;

	*out = NULL;
	if (p->poisoned) {
		char first[sizeof(p->first_error)];
		memcpy(first, p->first_error, sizeof(first));
		return fail(p, p->poisoned, "policy not used because of an earlier error: %s", first);
	}
	if (is_empty(p))
		return fail(p, -EINVAL, "empty policy: it allows nothing");
	r = default_action(p, &b.default_action);
	if (r < 0)
		return r;
	b.ctx = seccomp_init(b.default_action);
	if (b.ctx == NULL)
		return fail(p, -ENOMEM, "libseccomp could not create a filter");
	b.included = calloc(nsc_table_size, sizeof(*b.included));
	if (b.included == NULL) {
		r = fail(p, -ENOMEM, "out of memory");
		goto out;
	}
	for (size_t g = 0; g < nsc_table_size; g++)
		if (p->groups[g] || nsc_table[g].always)
			include_group(b.included, g);

	r = set_attributes(&b);
	for (size_t i = 0; r == 0 && i < p->noverrides; i++)
		r = add_rule(&b, SCMP_ACT_ERRNO((uint32_t)p->overrides[i].errno_value),
			     p->overrides[i].nr, NULL);
	for (size_t i = 0; r == 0 && i < p->nsyscalls; i++)
		if (!find_override(p, p->syscalls[i]))
			r = add_rule(&b, SCMP_ACT_ALLOW, p->syscalls[i], NULL);
	if (r == 0)
		r = add_group_rules(&b, true);
	if (r == 0)
		r = add_group_rules(&b, false);
	/* The diagnosing SIGSYS handler writes to stderr; nothing else (see diagnose.c). */
	for (size_t i = 0; r == 0 && p->penalty == NSC_PENALTY_DIAGNOSE && i < nsc_diagnose_nrules; i++)
		r = add_rule(&b, SCMP_ACT_ALLOW, nsc_resolve_syscall(nsc_diagnose_rules[i].syscall),
			     &nsc_diagnose_rules[i]);
	for (size_t i = 0; r == 0 && p->penalty == NSC_PENALTY_LEARN && i < nsc_learn_nrules; i++)
		r = add_rule(&b, SCMP_ACT_ALLOW, nsc_resolve_syscall(nsc_learn_rules[i].syscall),
			     &nsc_learn_rules[i]);
out:
	free(b.included);
	free(b.blocked);
	if (r < 0) {
		seccomp_release(b.ctx);
		return r;
	}
	*out = b.ctx;
	return 0;
}

/*
 * The first filter is loaded as nsc_bpf_render() makes it, with the ENOSYS prefix for newer
 * syscalls. Rendering needs memfd_create, which an earlier, narrower filter may forbid, so a
 * filter stacked on another one is loaded by libseccomp as it is: there, syscalls newer than
 * libseccomp's table are killed rather than answered with ENOSYS.
 */
static int load_compiled(scmp_filter_ctx ctx)
{
	/* libseccomp's own loader reports a kernel refusal as -ECANCELED. Its "raw return code"
	 * attribute is not used: in 2.5.4 it reads errno after freeing the program, and was seen
	 * to report EFAULT for the kernel's EPERM - vague beats wrong. */
	struct sock_filter *prog;
	size_t len;
	int r;

	if (prctl(PR_GET_SECCOMP, 0, 0, 0, 0) != 0)
		return seccomp_load(ctx);
	r = nsc_bpf_render(ctx, &prog, &len);
	if (r < 0)
		return r;
	r = nsc_bpf_load(prog, len);
	free(prog);
	return r;
}

/* The learn penalty: the supervisor thread first, then the filter with its listener. */
static int load_learning(scmp_filter_ctx ctx)
{
	int r = nsc_selflearn_prepare(), fd;

	if (r < 0)
		return r == -EBUSY ? -EBUSY : r;
	r = seccomp_load(ctx);
	if (r < 0)
		return r;
#if HAVE_DECL_SCMP_ACT_NOTIFY
	fd = seccomp_notify_fd(ctx);
#else
	fd = -EOPNOTSUPP;
#endif
	if (fd < 0)
		return fd;
	nsc_selflearn_started(fd);
	return 0;
}

/* With READ_IMPLIES_EXEC in the personality, every readable mapping is executable: the
 * PROT_EXEC checks of the groups would mean nothing. Only prot_exec makes that moot. */
static bool reads_imply_exec(const nsc_policy *p)
{
	int g = nsc_table_find("prot_exec");
	bool *included = calloc(nsc_table_size, sizeof(*included));
	bool exec_allowed;
	int persona = personality(0xffffffff);

	if (persona == -1 || !(persona & READ_IMPLIES_EXEC)) {
		free(included);
		return false;
	}
	if (included == NULL)
		return true;
	for (size_t i = 0; i < nsc_table_size; i++)
		if (p->groups[i])
			include_group(included, i);
	exec_allowed = g >= 0 && included[g];
	free(included);
	return !exec_allowed;
}

NSC_EXPORT int nsc_policy_load(nsc_policy *p)
{
	scmp_filter_ctx ctx;
	int r;

	if (p == NULL)
		return -EINVAL;
	if (reads_imply_exec(p))
		return fail(p, -EPERM, "the process runs with READ_IMPLIES_EXEC (personality), which "
			    "makes all readable memory executable: refusing a policy without prot_exec");
	r = compile(p, &ctx, NULL, false);
	if (r < 0)
		return r;
	if (p->penalty == NSC_PENALTY_DIAGNOSE && (r = nsc_diagnose_prepare()) < 0) {
		seccomp_release(ctx);
		return fail(p, r, "could not install the diagnosing SIGSYS handler: %s", strerror(-r));
	}
	if (p->penalty == NSC_PENALTY_LEARN) {
		r = load_learning(ctx);
		seccomp_release(ctx);
		if (r < 0)
			return fail(p, r, "could not load the learning policy: %s", strerror(-r));
		succeed(p);
		return 0;
	}
	r = load_compiled(ctx);
	seccomp_release(ctx);
	if (r == -ESRCH)
		return fail(p, r, "the kernel could not apply the filter to every thread (TSYNC)");
	if (r == -E2BIG)
		return fail(p, r, "the filter is longer than the kernel accepts (%d instructions)",
			    BPF_MAXINSNS);
	if (r < 0)
		return fail(p, r, "the kernel refused the filter: %s", strerror(-r));
	succeed(p);
	return 0;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *next = data;

	while (len > 0) {
		ssize_t n = write(fd, next, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		next += n;
		len -= (size_t)n;
	}
	return 0;
}

static int export_bpf(scmp_filter_ctx ctx, int fd)
{
	struct sock_filter *prog;
	size_t len;
	int r = nsc_bpf_render(ctx, &prog, &len);

	if (r < 0)
		return r;
	r = write_all(fd, prog, len * sizeof(*prog));
	free(prog);
	return r;
}

static int export(nsc_policy *p, int fd, bool pfc)
{
	scmp_filter_ctx ctx;
	int r;

	if (p == NULL)
		return -EINVAL;
	if (fd < 0)
		return fail(p, -EBADF, "invalid file descriptor %d", fd);
	r = compile(p, &ctx, NULL, true);
	if (r < 0)
		return r;
	r = pfc ? seccomp_export_pfc(ctx, fd) : export_bpf(ctx, fd);
	seccomp_release(ctx);
	if (r < 0)
		return fail(p, r, "could not export the filter: %s", strerror(-r));
	succeed(p);
	return 0;
}

NSC_EXPORT int nsc_policy_export_oci(nsc_policy *p, int fd)
{
	struct nsc_oci *oci;
	scmp_filter_ctx ctx;
	uint32_t action;
	int r;

	if (p == NULL)
		return -EINVAL;
	if (fd < 0)
		return fail(p, -EBADF, "invalid file descriptor %d", fd);
	if (p->penalty == NSC_PENALTY_LEARN)
		return fail(p, -EINVAL, "the learn penalty works only inside this process: "
			    "it cannot be exported as an OCI profile");
	oci = nsc_oci_new();
	if (oci == NULL)
		return fail(p, -ENOMEM, "out of memory");
	r = compile(p, &ctx, oci, true);
	if (r == 0) {
		seccomp_release(ctx);
		default_action(p, &action);
		r = nsc_oci_write(oci, fd, action);
		if (r < 0)
			fail(p, r, "could not write the OCI profile: %s", strerror(-r));
	}
	nsc_oci_free(oci);
	if (r == 0)
		succeed(p);
	return r;
}

NSC_EXPORT int nsc_policy_export_bpf(nsc_policy *p, int fd)
{
	return export(p, fd, false);
}

NSC_EXPORT int nsc_policy_export_pfc(nsc_policy *p, int fd)
{
	return export(p, fd, true);
}

NSC_EXPORT int nsc_pledge(const char *promises, char *errbuf, size_t errbuf_size)
{
	nsc_policy *p = nsc_policy_new();
	int r;

	if (p == NULL) {
		if (errbuf != NULL && errbuf_size > 0)
			snprintf(errbuf, errbuf_size, "out of memory");
		return -ENOMEM;
	}
	r = nsc_policy_pledge(p, promises);
	if (r == 0)
		r = nsc_policy_load(p);
	if (r < 0 && errbuf != NULL && errbuf_size > 0)
		snprintf(errbuf, errbuf_size, "%s", nsc_policy_error(p));
	nsc_policy_free(p);
	return r;
}
