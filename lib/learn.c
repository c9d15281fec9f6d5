/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Learning a policy: record the calls a program makes, with the arguments that decide between
 * groups, then find a small set of groups (plus single syscalls no group allows) that allows
 * them all. Each distinct call keeps its "options": the sets of groups any one of which allows
 * it ({cpath, wpath} for an O_CREAT|O_WRONLY open, {rpath} or {dns} for a read-only open).
 *
 * The cover is greedy, then pruned: repeatedly take the group - or the whole option set of a
 * call not yet allowed - that allows the most calls per group added, preferring the smaller
 * group on ties; then drop any group the others make redundant. Not always the very smallest
 * set, but small, and every call is allowed.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <seccomp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nodeseccomp.h"
#include "callindex.h"
#include "internal.h"
#include "learn.h"
#include "table.h"

/* prctl(PR_GET_SECCOMP, NSC_LEARN_MAGIC): harmless anywhere, recognised by the learner. */
#define NSC_LEARN_MAGIC 0x6e73636c6561726eULL /* "nsclearn" */
#define MAX_OPTIONS 8

typedef uint64_t groupset; /* bit g: table group g (the table has fewer than 64 groups) */

struct learned {
	int nr;
	groupset options[MAX_OPTIONS];
	unsigned noptions;
	unsigned long count;
	bool before_mark, after_mark;
	char arguments[128];
};

struct nsc_learner {
	struct learned *calls;
	size_t ncalls, cap;
	bool fixed; /* may not grow: recorded from a thread that must make no syscalls */
	bool marked;
	const struct nsc_call_index *index;
};

NSC_EXPORT nsc_learner *nsc_learner_new(void)
{
	nsc_learner *l;

	if (nsc_table_size > 64)
		return NULL;
	l = calloc(1, sizeof(*l));
	if (l == NULL)
		return NULL;
	l->index = nsc_call_index();
	if (l->index == NULL) {
		free(l);
		return NULL;
	}
	return l;
}

nsc_learner *nsc_learner_new_fixed(size_t room)
{
	nsc_learner *l = nsc_learner_new();

	if (l == NULL)
		return NULL;
	l->calls = calloc(room, sizeof(*l->calls));
	if (l->calls == NULL) {
		free(l);
		return NULL;
	}
	l->cap = room;
	l->fixed = true;
	return l;
}

NSC_EXPORT void nsc_learner_free(nsc_learner *l)
{
	if (l == NULL)
		return;
	free(l->calls);
	free(l);
}

NSC_EXPORT void nsc_learn_mark(void)
{
	syscall(SYS_prctl, PR_GET_SECCOMP, NSC_LEARN_MAGIC, 0, 0, 0);
}

/* The process a thread belongs to, for checks against "own pid". */
static pid_t process_of(pid_t tid)
{
	char path[64], line[128];
	pid_t tgid = tid;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	f = fopen(path, "re");
	if (f == NULL)
		return tid;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Tgid: %d", &tgid) == 1)
			break;
	fclose(f);
	return tgid;
}

static void add_option(struct learned *c, groupset option)
{
	for (unsigned i = 0; i < c->noptions; i++)
		if ((c->options[i] & option) == c->options[i])
			return; /* an option needing fewer groups already allows it */
	for (unsigned i = 0; i < c->noptions;)
		if ((c->options[i] & option) == option)
			c->options[i] = c->options[--c->noptions]; /* superseded */
		else
			i++;
	if (c->noptions < MAX_OPTIONS)
		c->options[c->noptions++] = option;
}

/* The option sets of one call: each rule that holds, with the groups it needs besides. */
static void find_options(const nsc_learner *l, struct learned *c, const uint64_t *args, pid_t pid)
{
	for (size_t i = 0; i < l->index->nrules; i++) {
		const struct nsc_indexed_rule *r = &l->index->rules[i];
		groupset option;

		if (r->nr != c->nr || !nsc_rule_holds(r->rule, args, pid))
			continue;
		option = (groupset)1 << r->group;
		for (size_t a = 0; a < 2 && r->rule->also[a]; a++)
			option |= (groupset)1 << nsc_table_find(r->rule->also[a]);
		add_option(c, option);
	}
}

static bool same_options(const struct learned *a, const struct learned *b)
{
	if (a->nr != b->nr || a->noptions != b->noptions)
		return false;
	for (unsigned i = 0; i < a->noptions; i++) {
		bool found = false;
		for (unsigned j = 0; j < b->noptions && !found; j++)
			found = a->options[i] == b->options[j];
		if (!found)
			return false;
	}
	return true;
}

/* Calls every policy allows (the "always" group) need nothing. */
static bool always_allowed(int nr, const uint64_t *args, pid_t pid)
{
	for (size_t g = 0; g < nsc_table_size; g++) {
		if (!nsc_table[g].always)
			continue;
		for (size_t i = 0; i < nsc_table[g].nrules; i++)
			if (nsc_resolve_syscall(nsc_table[g].rules[i].syscall) == nr &&
			    nsc_rule_holds(&nsc_table[g].rules[i], args, pid))
				return true;
	}
	return false;
}

/* Record a call made by process self. Allocates only while the learner may grow (an
 * in-process learner is given its room beforehand: its supervisor must make no syscalls). */
int nsc_learner_record_as(nsc_learner *l, int nr, const uint64_t *args, pid_t self)
{
	struct learned call = { .nr = nr };

	if (nr == SYS_prctl && args[0] == PR_GET_SECCOMP && args[1] == NSC_LEARN_MAGIC) {
		l->marked = true;
		return 0;
	}
	if (always_allowed(nr, args, self))
		return 0;
	find_options(l, &call, args, self);
	for (size_t i = 0; i < l->ncalls; i++) {
		if (same_options(&l->calls[i], &call)) {
			l->calls[i].count++;
			l->calls[i].after_mark |= l->marked;
			l->calls[i].before_mark |= !l->marked;
			return 0;
		}
	}
	if (l->ncalls == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct learned *grown;

		if (l->fixed)
			return -ENOSPC;
		grown = realloc(l->calls, cap * sizeof(*grown));
		if (grown == NULL)
			return -ENOMEM;
		l->calls = grown;
		l->cap = cap;
	}
	call.count = 1;
	call.after_mark = l->marked;
	call.before_mark = !l->marked;
	nsc_describe_arguments(l->index, nr, args, call.arguments, sizeof(call.arguments));
	l->calls[l->ncalls++] = call;
	return 0;
}

NSC_EXPORT int nsc_learner_record(nsc_learner *l, int nr, const unsigned long long args_in[6], int pid)
{
	uint64_t args[6];

	if (l == NULL || args_in == NULL || nr < 0)
		return -EINVAL;
	for (int i = 0; i < 6; i++)
		args[i] = args_in[i];
	return nsc_learner_record_as(l, nr, args, pid ? process_of(pid) : getpid());
}

/* ---- the cover ------------------------------------------------------------------------------ */

static groupset closure(groupset chosen)
{
	groupset before;

	do {
		before = chosen;
		for (size_t g = 0; g < nsc_table_size; g++) {
			if (!(chosen & ((groupset)1 << g)))
				continue;
			for (const char *const *inc = nsc_table[g].includes; inc && *inc; inc++)
				chosen |= (groupset)1 << nsc_table_find(*inc);
		}
	} while (chosen != before);
	return chosen;
}

static bool allowed_by(const struct learned *c, groupset closed)
{
	for (unsigned i = 0; i < c->noptions; i++)
		if ((c->options[i] & closed) == c->options[i])
			return true;
	return false;
}

static bool counts(const struct learned *c, int after_mark)
{
	return c->noptions > 0 && (!after_mark || c->after_mark);
}

static size_t allowed_count(const nsc_learner *l, int after_mark, groupset chosen)
{
	groupset closed = closure(chosen);
	size_t n = 0;

	for (size_t i = 0; i < l->ncalls; i++)
		n += counts(&l->calls[i], after_mark) && allowed_by(&l->calls[i], closed);
	return n;
}

static size_t rule_count(groupset chosen)
{
	groupset closed = closure(chosen);
	size_t n = 0;

	for (size_t g = 0; g < nsc_table_size; g++)
		if (closed & ((groupset)1 << g))
			n += nsc_table[g].nrules;
	return n;
}

/* Is move better than best, from chosen: more calls per group added, then fewer rules? */
static bool better_move(const nsc_learner *l, int after_mark, groupset chosen, groupset move,
			groupset best, size_t base)
{
	size_t gain = allowed_count(l, after_mark, chosen | move) - base;
	size_t cost = (size_t)__builtin_popcountll(move & ~chosen);
	size_t best_gain, best_cost;

	if (gain == 0 || cost == 0)
		return false;
	if (best == 0)
		return true;
	best_gain = allowed_count(l, after_mark, chosen | best) - base;
	best_cost = (size_t)__builtin_popcountll(best & ~chosen);
	if (gain * best_cost != best_gain * cost)
		return gain * best_cost > best_gain * cost;
	return rule_count(chosen | move) < rule_count(chosen | best);
}

static groupset cover(const nsc_learner *l, int after_mark)
{
	size_t wanted = 0;
	groupset chosen = 0;

	for (size_t i = 0; i < l->ncalls; i++)
		wanted += counts(&l->calls[i], after_mark);
	while (allowed_count(l, after_mark, chosen) < wanted) {
		size_t base = allowed_count(l, after_mark, chosen);
		groupset best = 0, closed = closure(chosen);

		for (size_t g = 0; g < nsc_table_size; g++)
			if (!nsc_table[g].always &&
			    better_move(l, after_mark, chosen, (groupset)1 << g, best, base))
				best = (groupset)1 << g;
		for (size_t i = 0; i < l->ncalls; i++) {
			const struct learned *c = &l->calls[i];
			if (!counts(c, after_mark) || allowed_by(c, closed))
				continue;
			for (unsigned o = 0; o < c->noptions; o++)
				if (better_move(l, after_mark, chosen, c->options[o], best, base))
					best = c->options[o];
		}
		if (best == 0)
			break; /* cannot happen: every counted call has an option */
		chosen |= best;
	}
	/* A group that includes others ("node" = stdio + prot_exec + its own rules) stays only if
	 * its own rules are needed: otherwise the groups it includes say it more plainly. */
	for (size_t g = 0; g < nsc_table_size; g++) {
		groupset bit = (groupset)1 << g, unfolded = chosen & ~bit;

		if (!(chosen & bit) || nsc_table[g].includes == NULL)
			continue;
		for (const char *const *inc = nsc_table[g].includes; *inc; inc++)
			unfolded |= (groupset)1 << nsc_table_find(*inc);
		if (allowed_count(l, after_mark, unfolded) == wanted)
			chosen = unfolded;
	}
	/* Prune: drop groups the others make redundant, the largest first. */
	for (size_t g = nsc_table_size; g-- > 0;) {
		groupset without = chosen & ~((groupset)1 << g);
		if ((chosen & ((groupset)1 << g)) && allowed_count(l, after_mark, without) == wanted)
			chosen = without;
	}
	return chosen;
}

static int append(char *buf, size_t len, size_t *used, const char *word)
{
	int n = snprintf(buf + *used, len - *used, "%s%s", *used ? " " : "", word);

	if (n < 0 || (size_t)n >= len - *used)
		return -ERANGE;
	*used += (size_t)n;
	return 0;
}

NSC_EXPORT int nsc_learner_pledge(const nsc_learner *l, int after_mark, char *buf, size_t len)
{
	groupset chosen;
	size_t used = 0;
	bool seen[NSC_SYSCALL_SCAN_MAX] = { false };

	if (l == NULL || buf == NULL || len == 0)
		return -EINVAL;
	buf[0] = '\0';
	chosen = cover(l, after_mark);
	for (size_t g = 0; g < nsc_table_size; g++)
		if ((chosen & ((groupset)1 << g)) && append(buf, len, &used, nsc_table[g].name) < 0)
			return -ERANGE;
	/* Calls no group allows: by name. */
	for (size_t i = 0; i < l->ncalls; i++) {
		const struct learned *c = &l->calls[i];
		if (c->noptions > 0 || (after_mark && !c->after_mark) || c->nr >= NSC_SYSCALL_SCAN_MAX ||
		    seen[c->nr] || l->index->names[c->nr] == NULL)
			continue;
		seen[c->nr] = true;
		if (append(buf, len, &used, l->index->names[c->nr]) < 0)
			return -ERANGE;
	}
	return 0;
}

static void describe_options(const struct learned *c, char *out, size_t len)
{
	size_t used = 0;

	out[0] = '\0';
	for (unsigned o = 0; o < c->noptions && used < len; o++) {
		bool first = true;
		for (size_t g = 0; g < nsc_table_size && used < len; g++) {
			if (!(c->options[o] & ((groupset)1 << g)))
				continue;
			used += (size_t)snprintf(out + used, len - used, "%s%s",
						 first ? (o ? ", " : "") : "+", nsc_table[g].name);
			first = false;
		}
	}
}

NSC_EXPORT int nsc_learner_foreach(const nsc_learner *l,
				   int (*visit)(const struct nsc_learned_call *, void *), void *userdata)
{
	char groups[256];

	if (l == NULL || visit == NULL)
		return -EINVAL;
	for (size_t i = 0; i < l->ncalls; i++) {
		const struct learned *c = &l->calls[i];
		struct nsc_learned_call call = {
			.syscall = c->nr < NSC_SYSCALL_SCAN_MAX && l->index->names[c->nr] ?
					   l->index->names[c->nr] : "?",
			.arguments = c->arguments,
			.count = c->count,
			.groups = groups,
			.after_mark = c->after_mark,
		};
		int r;

		describe_options(c, groups, sizeof(groups));
		if ((r = visit(&call, userdata)) != 0)
			return r;
	}
	return 0;
}

/* ---- running a program under notification ------------------------------------------------------- */

#if HAVE_DECL_SCMP_ACT_NOTIFY

static int send_fd(int sock, int fd)
{
	char data = 'n', control[CMSG_SPACE(sizeof(int))] = { 0 };
	struct iovec iov = { &data, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
			      .msg_controllen = sizeof(control) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	return sendmsg(sock, &msg, 0) == 1 ? 0 : -errno;
}

static int receive_fd(int sock)
{
	char data, control[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &data, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control,
			      .msg_controllen = sizeof(control) };
	struct cmsghdr *cm;
	int fd;

	if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) != 1)
		return -EPROTO;
	cm = CMSG_FIRSTHDR(&msg);
	if (cm == NULL || cm->cmsg_type != SCM_RIGHTS)
		return -EPROTO;
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return fd;
}

/* The child: every syscall goes to the parent, except the one that hands over the listener. */
static void learning_child(int sock, char *const argv[])
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_NOTIFY);
	int fd;

	if (ctx == NULL)
		_exit(126);
	for (size_t g = 0; g < nsc_table_size; g++) {
		if (!nsc_table[g].always)
			continue;
		for (size_t i = 0; i < nsc_table[g].nrules; i++) {
			const struct nsc_rule *rule = &nsc_table[g].rules[i];
			int nr = nsc_resolve_syscall(rule->syscall);
			/* The same ENOSYS answers as a real policy, so the program's fallbacks run. */
			if (nr >= 0 && rule->errno_value && rule->nchecks == 0)
				seccomp_rule_add(ctx, SCMP_ACT_ERRNO((uint32_t)rule->errno_value), nr, 0);
		}
	}
	if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(sendmsg), 1,
			     SCMP_A0(SCMP_CMP_EQ, (uint64_t)sock)) < 0 ||
	    seccomp_load(ctx) < 0 || (fd = seccomp_notify_fd(ctx)) < 0 || send_fd(sock, fd) < 0)
		_exit(126);
	/* The listener and the socket are close-on-exec. */
	execvp(argv[0], argv);
	_exit(errno == ENOENT ? 127 : 126);
}

static int supervise(nsc_learner *l, int fd, pid_t child, int *wait_status)
{
	struct seccomp_notif *req = NULL;
	struct seccomp_notif_resp *resp = NULL;
	bool exited = false;
	int r = seccomp_notify_alloc(&req, &resp);

	while (r == 0) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		int n = poll(&pfd, 1, 200);

		if (!exited && waitpid(child, wait_status, WNOHANG) == child)
			exited = true;
		if (n < 0 && errno != EINTR)
			r = -errno;
		if (n <= 0) {
			if (exited)
				break; /* no task left that could still report */
			continue;
		}
		if (pfd.revents & POLLIN) {
			memset(req, 0, sizeof(*req));
			if (seccomp_notify_receive(fd, req) != 0)
				continue; /* the task died meanwhile */
			unsigned long long args[6];
			for (int i = 0; i < 6; i++)
				args[i] = req->data.args[i];
			r = nsc_learner_record(l, req->data.nr, args, (int)req->pid);
			resp->id = req->id;
			resp->val = 0;
			resp->error = 0;
			resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
			seccomp_notify_respond(fd, resp); /* ENOENT if it died: fine */
		} else if (pfd.revents & (POLLHUP | POLLERR)) {
			break; /* every task with this filter has ended */
		}
	}
	seccomp_notify_free(req, resp);
	/* Closing the listener first: a task still waiting on it (after an error here) gets
	 * ENOSYS and goes on, instead of the wait below lasting forever. */
	close(fd);
	if (!exited && waitpid(child, wait_status, 0) != child && r == 0)
		r = -errno;
	return r;
}

#endif

NSC_EXPORT int nsc_learner_run(nsc_learner *l, char *const argv[], int *wait_status)
{
	int sv[2], fd, r, status = 0;
	pid_t child;

	if (l == NULL || argv == NULL || argv[0] == NULL)
		return -EINVAL;
#if !HAVE_DECL_SCMP_ACT_NOTIFY
	(void)sv, (void)fd, (void)r, (void)status, (void)child, (void)wait_status;
	return -EOPNOTSUPP; /* built against libseccomp < 2.5 */
#else
	if (seccomp_api_get() < 5)
		return -EOPNOTSUPP; /* user notification needs kernel 5.0+ and libseccomp 2.5+ */
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return -errno;
	fflush(NULL);
	child = fork();
	if (child < 0) {
		r = -errno;
		close(sv[0]);
		close(sv[1]);
		return r;
	}
	if (child == 0) {
		close(sv[0]);
		learning_child(sv[1], argv);
	}
	close(sv[1]);
	fd = receive_fd(sv[0]);
	close(sv[0]);
	if (fd < 0) {
		waitpid(child, &status, 0);
		if (wait_status)
			*wait_status = status;
		return -ECHILD;
	}
	r = supervise(l, fd, child, &status); /* closes fd */
	if (wait_status)
		*wait_status = status;
	return r;
#endif
}
