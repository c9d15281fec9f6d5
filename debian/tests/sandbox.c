/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * debian/tests/build-and-sandbox: each case runs in a child that loads a policy and then acts;
 * the parent checks how the child ended. Prints "ok N - ..." / "not ok N - ..." lines (TAP).
 */
#define _GNU_SOURCE
#include <nodeseccomp.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static int failures, count;

static void report(int ok, const char *what)
{
	printf("%sok %d - %s\n", ok ? "" : "not ", ++count, what);
	fflush(stdout);
	if (!ok)
		failures++;
}

/* Run fn in a child; return its wait status. */
static int in_child(void (*fn)(void))
{
	int status = -1;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct rlimit no_core = { 0, 0 };

		setrlimit(RLIMIT_CORE, &no_core);
		fn();
		_exit(100);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void pledge_or_exit(const char *promises)
{
	char err[256];

	if (nsc_pledge(promises, err, sizeof(err)) != 0) {
		fprintf(stderr, "nsc_pledge(\"%s\"): %s\n", promises, err);
		_exit(99);
	}
}

/* stdio allows write and getpid: the child ends normally with status 0. */
static void allowed(void)
{
	static const char msg[] = "child: pledged \"stdio\", write(2) still works\n";

	pledge_or_exit("stdio");
	if (write(STDOUT_FILENO, msg, sizeof(msg) - 1) != (ssize_t)(sizeof(msg) - 1) || getpid() <= 0)
		_exit(1);
	_exit(0);
}

/* socket is not in stdio: the kernel kills the process with SIGSYS. */
static void forbidden(void)
{
	pledge_or_exit("stdio");
	socket(AF_INET, SOCK_STREAM, 0);
	_exit(0); /* not reached */
}

/* The errno penalty: socket fails with EACCES and the child goes on. */
static void forbidden_errno(void)
{
	nsc_policy *policy = nsc_policy_new();

	if (policy == NULL || nsc_policy_pledge(policy, "stdio") != 0 ||
	    nsc_policy_set_penalty(policy, NSC_PENALTY_ERRNO, EACCES) != 0 ||
	    nsc_policy_load(policy) != 0) {
		fprintf(stderr, "policy: %s\n", policy ? nsc_policy_error(policy) : "ENOMEM");
		_exit(99);
	}
	_exit(socket(AF_INET, SOCK_STREAM, 0) == -1 && errno == EACCES ? 0 : 1);
}

/* An unknown group is refused before anything is loaded. */
static void unknown_group(void)
{
	char err[256];

	_exit(nsc_pledge("stdio nosuchgroup", err, sizeof(err)) == -ENOENT && err[0] ? 0 : 1);
}

int main(void)
{
	int status;

	printf("# nodeseccomp: header %s, library %s\n", NSC_VERSION_STRING, nsc_version());
	report(strcmp(nsc_version(), NSC_VERSION_STRING) == 0, "library and header versions agree");
	report(nsc_group_index("stdio") >= 0 && nsc_syscall_number("write") >= 0,
	       "group table and syscall names are there");

	status = in_child(allowed);
	report(WIFEXITED(status) && WEXITSTATUS(status) == 0, "an allowed syscall works under the filter");

	status = in_child(forbidden);
	report(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS,
	       "a forbidden syscall kills the process with SIGSYS");
	if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS))
		printf("# child status 0x%x\n", status);

	status = in_child(forbidden_errno);
	report(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "the errno penalty fails a forbidden syscall with EACCES");

	status = in_child(unknown_group);
	report(WIFEXITED(status) && WEXITSTATUS(status) == 0, "an unknown group is refused");

	printf("1..%d\n", count);
	return failures ? 1 : 0;
}
