/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * nodeseccomp.h - pledge for Linux: named syscall groups turned into a seccomp-bpf allowlist.
 *
 * Self-contained: needs only the C standard library headers, compiles as C99 and as C++.
 * Every function that can fail returns 0 (or a non-negative value) on success and a negative
 * errno value on failure; a policy keeps a message that says exactly what was wrong.
 *
 * A policy that has seen any error is poisoned: loading or exporting it fails, so a policy is
 * applied all or nothing.
 */
#ifndef NODESECCOMP_H
#define NODESECCOMP_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The package version. configure reads NSC_VERSION_STRING from this line: one place. */
#define NSC_VERSION_STRING "0.1.0"
#define NSC_VERSION_MAJOR 0
#define NSC_VERSION_MINOR 1
#define NSC_VERSION_MICRO 0
#define NSC_VERSION_NUMBER ((NSC_VERSION_MAJOR << 16) | (NSC_VERSION_MINOR << 8) | NSC_VERSION_MICRO)

/* The version of the library that is running (may be newer than the header compiled against). */
const char *nsc_version(void);
unsigned nsc_version_number(void);

/* ---- Policies ------------------------------------------------------------------------------ */

typedef struct nsc_policy nsc_policy;

/* What happens to a syscall the policy does not allow. */
enum nsc_penalty {
	NSC_PENALTY_KILL = 0,    /* kill the whole process with SIGSYS (default)               */
	NSC_PENALTY_ERRNO = 1,   /* fail the syscall with an errno (EPERM unless told)         */
	NSC_PENALTY_LOG = 2,     /* allow it, but log it through the kernel audit log          */
	NSC_PENALTY_DIAGNOSE = 3,/* print the blocked syscall and the group that would allow
				  * it to stderr, then die by SIGSYS (a SIGSYS handler: see
				  * nodeseccomp(3) for what that trades)                        */
	NSC_PENALTY_LEARN = 4    /* block nothing; record what the policy lacks, for
				  * nsc_learn_report() - finding out, never protection         */
};

/* A new, empty policy (allows nothing), or NULL with errno set to ENOMEM. */
nsc_policy *nsc_policy_new(void);
void nsc_policy_free(nsc_policy *policy);

/* Allow one syscall by its Linux name ("write"). Unknown names fail with -ENOENT. */
int nsc_policy_allow_syscall(nsc_policy *policy, const char *syscall_name);

/* Allow a group ("stdio") with its included groups and argument checks. -ENOENT if unknown. */
int nsc_policy_allow_group(nsc_policy *policy, const char *group_name);

/* Allow a group or, failing that, a syscall of that name. */
int nsc_policy_allow(nsc_policy *policy, const char *name);

/* Parse a pledge string: group or syscall names separated by blanks ("stdio rpath inet"). */
int nsc_policy_pledge(nsc_policy *policy, const char *promises);

/* Choose the penalty; errno_value is used only with NSC_PENALTY_ERRNO (0 means EPERM). */
int nsc_policy_set_penalty(nsc_policy *policy, enum nsc_penalty penalty, int errno_value);

/* Make one syscall fail with its own errno (e.g. bind -> EADDRINUSE) whatever the groups say. */
int nsc_policy_set_syscall_errno(nsc_policy *policy, const char *syscall_name, int errno_value);

/*
 * Load the policy into the kernel: no-new-privs, every thread of the process (TSYNC, threads
 * that exist already included), and kill on any non-native architecture. Irreversible; loading
 * again stacks a second filter, which can only narrow what is allowed.
 */
int nsc_policy_load(nsc_policy *policy);

/* Write the compiled filter to a file descriptor: raw BPF, or libseccomp's readable PFC, or
 * an OCI runtime-spec (Docker, podman) seccomp profile in JSON. */
int nsc_policy_export_bpf(nsc_policy *policy, int fd);
int nsc_policy_export_pfc(nsc_policy *policy, int fd);
int nsc_policy_export_oci(nsc_policy *policy, int fd);

/* The message of the last failure ("unknown syscall \"wirte\" (did you mean \"write\"?)"),
 * or "" when there was none. Valid until the next call on the policy. */
const char *nsc_policy_error(const nsc_policy *policy);

/*
 * The one-call form: allow the promises, kill on anything else, load.
 * On failure returns a negative errno and, if errbuf is not NULL, writes the message there.
 */
int nsc_pledge(const char *promises, char *errbuf, size_t errbuf_size);

/* ---- Introspection of the group table -------------------------------------------------------- */

/* Groups are numbered 0 .. nsc_group_count() - 1, in table order. */
size_t nsc_group_count(void);
const char *nsc_group_name(size_t index);        /* NULL when out of range */
const char *nsc_group_description(size_t index); /* one line; NULL when out of range */
int nsc_group_index(const char *name);           /* index, or -ENOENT */

/* The k-th group that a group includes directly, or NULL after the last. */
const char *nsc_group_include(size_t index, size_t k);

/* One rule of a group, as nsc_group_foreach_rule() shows it. Fields may be appended later. */
struct nsc_rule_info {
	const char *group;     /* the group that declares the rule (may be an included group) */
	const char *syscall;   /* the syscall's name */
	int syscall_nr;        /* its number on this architecture, or -1 if it has none here */
	int errno_value;       /* 0: the rule allows; > 0: the syscall fails with this errno */
	const char *condition; /* the argument checks, readable ("arg1 == F_GETFD"), or "" */
	const char *why;       /* why the group needs it */
};

typedef int (*nsc_rule_visitor)(const struct nsc_rule_info *rule, void *userdata);

/* Call visit for each rule of the group and of the groups it includes (each group once).
 * A non-zero return from visit stops the walk and is returned. -ENOENT if the group is unknown. */
int nsc_group_foreach_rule(const char *group_name, nsc_rule_visitor visit, void *userdata);

/* ---- Learning a policy --------------------------------------------------------------------------- */

/*
 * A learner collects the syscalls a program makes, with the arguments that decide between
 * groups, and finds a small set of groups plus single syscalls that would allow them all.
 */
typedef struct nsc_learner nsc_learner;

nsc_learner *nsc_learner_new(void);
void nsc_learner_free(nsc_learner *learner);

/* Record one call: its native number and six argument registers; pid is the caller's process
 * id (for checks against the caller's own pid), or 0 for this process. */
int nsc_learner_record(nsc_learner *learner, int syscall_nr, const unsigned long long args[6],
		       int pid);

/*
 * Run argv (searched in PATH) in a child under a filter that reports every syscall to this
 * process through seccomp user notification and lets it continue; threads and children are
 * followed. clone3, openat2 and io_uring answer ENOSYS, as under a real policy, so the
 * fallbacks are what gets learned. Returns 0 with the child's wait status, or a negative errno.
 */
int nsc_learner_run(nsc_learner *learner, char *const argv[], int *wait_status);

/* After a policy with NSC_PENALTY_LEARN was loaded: write to fd the calls of this run that the
 * policy does not allow, and the groups and syscalls to add. -ENOENT if none was loaded. */
int nsc_learn_report(int fd);

/* Calls after the first nsc_learn_mark() of the program are the program's own; earlier ones
 * are its start-up (the dynamic loader, libc). */
void nsc_learn_mark(void);

/* The pledge string ("stdio rpath inet getrandom") that allows every call recorded - or, with
 * after_mark, every call after the first mark. -ERANGE if buf is too small. */
int nsc_learner_pledge(const nsc_learner *learner, int after_mark, char *buf, size_t len);

/* One distinct call that was recorded. */
struct nsc_learned_call {
	const char *syscall;   /* name */
	const char *arguments; /* the deciding arguments of the first such call, or "" */
	unsigned long count;   /* how many times */
	const char *groups;    /* the groups that allow it ("cpath+wpath, ..."), or "" if none */
	int after_mark;        /* seen after the program's mark */
};

int nsc_learner_foreach(const nsc_learner *learner,
			int (*visit)(const struct nsc_learned_call *call, void *userdata),
			void *userdata);

/* ---- Syscall names ----------------------------------------------------------------------------- */

/* The native number of a syscall name, or -ENOENT. */
int nsc_syscall_number(const char *syscall_name);

#ifdef __cplusplus
}
#endif

#endif /* NODESECCOMP_H */
