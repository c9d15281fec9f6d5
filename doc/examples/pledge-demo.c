/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The README's C example: a child pledges "stdio", writes to stdout, then tries to open a
 * socket - and the kernel kills it with SIGSYS. The parent tells what happened.
 */
#define _GNU_SOURCE
#include <nodeseccomp.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static void sandboxed_child(void)
{
	char err[256];
	struct rlimit no_core = { 0, 0 };

	setrlimit(RLIMIT_CORE, &no_core);
	if (nsc_pledge("stdio", err, sizeof(err)) != 0) {
		fprintf(stderr, "pledge: %s\n", err);
		_exit(1);
	}
	printf("child: pledged \"stdio\"; writing to stdout still works\n");
	fflush(stdout);
	socket(AF_INET, SOCK_STREAM, 0); /* not in stdio: the kernel kills the process here */
	printf("child: this line is never printed\n");
	_exit(2);
}

int main(void)
{
	int status;
	pid_t pid;

	printf("nodeseccomp %s demo\n", nsc_version());
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		sandboxed_child();
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 1;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS) {
		printf("parent: the child was killed by SIGSYS when it called socket()\n");
		return 0;
	}
	printf("parent: unexpected end of the child (status 0x%x)\n", status);
	return 1;
}
