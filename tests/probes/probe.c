/* SPDX-License-Identifier: LGPL-2.1-or-later */
#define _GNU_SOURCE
#include <errno.h>
#include <nodeseccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe.h"

int result(long r)
{
	return r >= 0 ? 0 : (errno ? errno : 255);
}

int sendto_with_address(void)
{
	int sv[2];
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(9) };

	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
		return errno;
	return result(sendto(sv[0], "x", 1, 0, (struct sockaddr *)&to, sizeof(to)));
}

const char *fresh_name(void)
{
	static char name[64];

	snprintf(name, sizeof(name), "new-%d", (int)getpid());
	return name;
}

/* The child: load, act, report. stdout is closed to keep the parent's output clean. */
static void child(const struct probe *p)
{
	struct rlimit no_core = { 0, 0 };
	char err[256];
	int r;

	setrlimit(RLIMIT_CORE, &no_core);
	if (p->before)
		p->before();
	if (nsc_pledge(p->pledge, err, sizeof(err)) != 0) {
		fprintf(stderr, "probe %s: pledge: %s\n", p->name, err);
		_exit(254);
	}
	r = p->op();
	_exit(r > 253 ? 253 : r);
}

static int ended_as_expected(const struct probe *p, int status, char *how, size_t len)
{
	if (WIFSIGNALED(status)) {
		snprintf(how, len, "killed by %s", sigabbrev_np(WTERMSIG(status)) ?: "?");
		return p->expected == KILLED && WTERMSIG(status) == SIGSYS;
	}
	if (!WIFEXITED(status)) {
		snprintf(how, len, "status 0x%x", status);
		return 0;
	}
	if (WEXITSTATUS(status) == 0) {
		snprintf(how, len, "succeeded");
		return p->expected == SUCCEEDS;
	}
	if (WEXITSTATUS(status) == 254) {
		snprintf(how, len, "could not load the policy");
		return 0;
	}
	snprintf(how, len, "failed with %s", strerrorname_np(WEXITSTATUS(status)) ?: "?");
	return p->expected == FAILS_WITH && WEXITSTATUS(status) == p->expected_errno;
}

/* Every probe starts with the same existing file (an earlier probe may have removed it). */
static int reset_existing_file(void)
{
	FILE *f = fopen(EXISTING_FILE, "w");

	if (f == NULL)
		return -1;
	fputs("existing content\n", f);
	return fclose(f);
}

static int setup_scratch(char *dir, size_t len)
{
	snprintf(dir, len, "%s/nsc-probes-XXXXXX", getenv("TMPDIR") ?: "/tmp");
	/* World-readable, so that probes that drop to nobody can still use it. */
	if (mkdtemp(dir) == NULL || chmod(dir, 0755) != 0 || chdir(dir) != 0)
		return -1;
	return reset_existing_file();
}

int run_probes(const char *title, const struct probe *probes, size_t n, int escape_style)
{
	return run_probes_with_setup(title, probes, n, escape_style, NULL);
}

int run_probes_with_setup(const char *title, const struct probe *probes, size_t n,
			  int escape_style, int (*setup)(void))
{
	char dir[256], how[128], cmd[300];
	size_t wrong = 0;

	if (setup_scratch(dir, sizeof(dir)) != 0 || (setup && setup() != 0)) {
		perror("probes: scratch directory");
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct probe *p = &probes[i];
		int status = -1, ok;
		pid_t pid;

		fflush(stdout);
		if (reset_existing_file() != 0) {
			perror("probes: " EXISTING_FILE);
			return 1;
		}
		pid = fork();
		if (pid == 0)
			child(p);
		if (pid < 0 || waitpid(pid, &status, 0) != pid)
			status = -1;
		ok = status != -1 && ended_as_expected(p, status, how, sizeof(how));
		if (!ok)
			wrong++;
		printf("%s %zu - %s: %s\n", ok ? "ok" : "not ok", i + 1, p->name, how);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (chdir("/") != 0 || system(cmd) != 0)
		fprintf(stderr, "probes: could not remove %s\n", dir);
	if (escape_style)
		printf("%s: %zu attempts, %zu blocked, %zu open\n", title, n, n - wrong, wrong);
	else
		printf("%s: %zu probes\n", title, n);
	printf("%zu passed, %zu failed\n", n - wrong, wrong);
	return wrong > 0;
}
