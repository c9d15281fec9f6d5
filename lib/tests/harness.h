/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Filters are irreversible: every test that loads one runs the loading code in a child it forks
 * itself (no core dumps), waits for it, and asserts how it ended.
 */
#ifndef NSC_TEST_HARNESS_H
#define NSC_TEST_HARNESS_H

#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run fn in a child process; return its wait status. The child exits 0 if fn returns. */
static inline int run_in_child(void (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		struct rlimit no_core = { 0, 0 };
		setrlimit(RLIMIT_CORE, &no_core);
		fn();
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

#define killed_by_sigsys(status) (WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS)
#define exited_with(status, code) (WIFEXITED(status) && WEXITSTATUS(status) == (code))

#endif
