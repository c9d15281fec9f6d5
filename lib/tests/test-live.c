/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Live tests: load real filters, each in a child process the test forks itself (RLIMIT_CORE 0),
 * and assert the exact end: exit status, errno, or death by SIGSYS.
 *
 * Inside a filtered child only raw syscalls and _exit() are used, so that no library call
 * makes a syscall the policy does not expect. Exit codes name what the child saw.
 */
#define _GNU_SOURCE
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <netinet/in.h>
#include <seccomp.h>
#include <unistd.h>

#include "harness.h"
#include "nodeseccomp.h"

enum { OK = 0, LOAD_FAILED = 10, WRONG_RESULT = 11, WRONG_ERRNO = 12, SETUP_FAILED = 13 };

static void load_or_exit(const char *promises)
{
	char err[256];

	if (nsc_pledge(promises, err, sizeof(err)) != 0) {
		fprintf(stderr, "pledge(\"%s\"): %s\n", promises, err);
		_exit(LOAD_FAILED);
	}
}

/* Load a pledge with a penalty, or end the child. */
static void load_with_penalty(const char *promises, enum nsc_penalty penalty, int errno_value)
{
	nsc_policy *p = nsc_policy_new();

	if (nsc_policy_pledge(p, promises) || nsc_policy_set_penalty(p, penalty, errno_value) ||
	    nsc_policy_load(p)) {
		fprintf(stderr, "load: %s\n", nsc_policy_error(p));
		_exit(LOAD_FAILED);
	}
	nsc_policy_free(p);
}

static long raw_socket(int family, int type)
{
	return syscall(SYS_socket, family, type, 0);
}

/* ---- allowed, forbidden ----------------------------------------------------------------------- */

static void allowed_syscall_child(void)
{
	pid_t parent = getppid();

	load_or_exit("stdio");
	_exit(syscall(SYS_getppid) == parent ? OK : WRONG_RESULT);
}

START_TEST(allowed_syscall_works)
{
	int status = run_in_child(allowed_syscall_child);
	ck_assert_msg(exited_with(status, OK), "status 0x%x", status);
}
END_TEST

static void forbidden_syscall_child(void)
{
	load_or_exit("stdio");
	raw_socket(AF_INET, SOCK_STREAM);
	_exit(WRONG_RESULT);
}

START_TEST(forbidden_syscall_kills_with_sigsys)
{
	int status = run_in_child(forbidden_syscall_child);
	ck_assert_msg(killed_by_sigsys(status), "status 0x%x", status);
}
END_TEST

/* ---- penalties ------------------------------------------------------------------------------ */

static void errno_penalty_child(void)
{
	load_with_penalty("stdio", NSC_PENALTY_ERRNO, EACCES);
	if (raw_socket(AF_INET, SOCK_STREAM) != -1)
		_exit(WRONG_RESULT);
	_exit(errno == EACCES ? OK : WRONG_ERRNO);
}

START_TEST(errno_penalty_returns_the_errno)
{
	int status = run_in_child(errno_penalty_child);
	ck_assert_msg(exited_with(status, OK), "status 0x%x", status);
}
END_TEST

static void syscall_errno_child(void)
{
	nsc_policy *p = nsc_policy_new();
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	long fd;

	if (nsc_policy_pledge(p, "stdio inet") ||
	    nsc_policy_set_syscall_errno(p, "bind", EADDRINUSE) || nsc_policy_load(p))
		_exit(LOAD_FAILED);
	fd = raw_socket(AF_INET, SOCK_STREAM);
	if (fd < 0)
		_exit(SETUP_FAILED);
	if (syscall(SYS_bind, fd, &addr, sizeof(addr)) != -1)
		_exit(WRONG_RESULT);
	_exit(errno == EADDRINUSE ? OK : WRONG_ERRNO);
}

START_TEST(syscall_errno_returns_its_errno)
{
	int status = run_in_child(syscall_errno_child);
	ck_assert_msg(exited_with(status, OK), "status 0x%x", status);
}
END_TEST

static void log_penalty_child(void)
{
	nsc_policy *p = nsc_policy_new();
	pid_t parent = getppid();

	if (nsc_policy_allow_syscall(p, "exit_group") ||
	    nsc_policy_set_penalty(p, NSC_PENALTY_LOG, 0) || nsc_policy_load(p))
		_exit(LOAD_FAILED);
	/* Not allowed, but the log penalty lets it run (and logs it). */
	_exit(syscall(SYS_getppid) == parent ? OK : WRONG_RESULT);
}

START_TEST(log_penalty_lets_the_call_run)
{
	int status = run_in_child(log_penalty_child);
	ck_assert_msg(exited_with(status, OK), "status 0x%x", status);
}
END_TEST

/* ---- threads -------------------------------------------------------------------------------- */

static int go_pipe[2];

static void *thread_waits_then_opens_socket(void *unused)
{
	char c;

	(void)unused;
	if (syscall(SYS_read, go_pipe[0], &c, 1) != 1)
		_exit(SETUP_FAILED);
	raw_socket(AF_INET, SOCK_STREAM); /* forbidden: must kill the whole process */
	return NULL;
}

static void earlier_thread_child(void)
{
	pthread_t thread;

	if (pipe(go_pipe) != 0 || pthread_create(&thread, NULL, thread_waits_then_opens_socket, NULL))
		_exit(SETUP_FAILED);
	/* The thread exists and is blocked in read() before the filter is loaded. */
	load_or_exit("stdio");
	if (syscall(SYS_write, go_pipe[1], "g", 1) != 1)
		_exit(SETUP_FAILED);
	pthread_join(thread, NULL);
	_exit(WRONG_RESULT);
}

START_TEST(threads_started_before_load_are_filtered)
{
	int status = run_in_child(earlier_thread_child);
	ck_assert_msg(killed_by_sigsys(status), "status 0x%x", status);
}
END_TEST

/* ---- all or nothing --------------------------------------------------------------------------- */

static void bad_name_child(void)
{
	char err[256];

	if (nsc_pledge("stdio wirte", err, sizeof(err)) != -ENOENT)
		_exit(WRONG_RESULT);
	/* Nothing was loaded: no seccomp mode, and a syscall outside stdio still works. */
	if (prctl(PR_GET_SECCOMP) != 0)
		_exit(WRONG_RESULT);
	_exit(raw_socket(AF_INET, SOCK_STREAM) >= 0 ? OK : WRONG_ERRNO);
}

START_TEST(policy_with_bad_name_loads_nothing)
{
	int status = run_in_child(bad_name_child);
	ck_assert_msg(exited_with(status, OK), "status 0x%x", status);
}
END_TEST

static void loaded_mode_child(void)
{
	load_or_exit("stdio");
	_exit(prctl(PR_GET_SECCOMP) == 2 ? OK : WRONG_RESULT);
}

START_TEST(loaded_policy_sets_filter_mode)
{
	int status = run_in_child(loaded_mode_child);
	ck_assert_msg(exited_with(status, OK), "status 0x%x", status);
}
END_TEST

/* ---- stacking --------------------------------------------------------------------------------- */

static void narrowing_child(void)
{
	load_or_exit("stdio inet");
	if (raw_socket(AF_INET, SOCK_STREAM) < 0)
		_exit(SETUP_FAILED);
	load_or_exit("stdio");
	raw_socket(AF_INET, SOCK_STREAM); /* allowed by the first, not by the second */
	_exit(WRONG_RESULT);
}

START_TEST(second_load_narrows)
{
	int status = run_in_child(narrowing_child);
	ck_assert_msg(killed_by_sigsys(status), "status 0x%x", status);
}
END_TEST

static void widening_child(void)
{
	load_or_exit("stdio");
	load_or_exit("stdio inet"); /* loads, but cannot widen the first */
	raw_socket(AF_INET, SOCK_STREAM);
	_exit(WRONG_RESULT);
}

START_TEST(second_load_cannot_widen)
{
	int status = run_in_child(widening_child);
	ck_assert_msg(killed_by_sigsys(status), "status 0x%x", status);
}
END_TEST

/* ---- ENOSYS answers ---------------------------------------------------------------------------- */

/* The newest native syscall libseccomp knows; numbers above it are "newer than the table". */
static int newest_known(void)
{
	for (int nr = 1023; nr > 0; nr--) {
		char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
		if (name) {
			free(name);
			return nr;
		}
	}
	return -1;
}

static void expect_enosys(long nr)
{
	if (syscall(nr, 0, 0, 0, 0, 0) != -1)
		_exit(WRONG_RESULT);
	if (errno != ENOSYS)
		_exit(WRONG_ERRNO);
}

static void newer_syscall_child(void)
{
	int nr = newest_known();

	load_or_exit("stdio");
	expect_enosys(nr + 1);
	expect_enosys(nr + 20);
	_exit(OK);
}

START_TEST(newer_syscalls_answer_enosys)
{
	int status = run_in_child(newer_syscall_child);
	ck_assert_msg(exited_with(status, OK), "status 0x%x", status);
}
END_TEST

static void probed_syscalls_child(void)
{
	load_or_exit("stdio");
	expect_enosys(SYS_clone3);
	expect_enosys(SYS_openat2);
	expect_enosys(SYS_io_uring_setup);
	expect_enosys(SYS_io_uring_enter);
	expect_enosys(SYS_io_uring_register);
	_exit(OK);
}

START_TEST(probed_syscalls_answer_enosys)
{
	int status = run_in_child(probed_syscalls_child);
	ck_assert_msg(exited_with(status, OK), "status 0x%x", status);
}
END_TEST

/* Documented: a filter stacked on another one is loaded as libseccomp makes it, without the
 * ENOSYS prefix, so there a newer syscall is killed. */
static void stacked_newer_syscall_child(void)
{
	int nr = newest_known();

	load_or_exit("stdio");
	load_or_exit("stdio");
	syscall(nr + 1, 0, 0, 0, 0, 0);
	_exit(WRONG_RESULT);
}

START_TEST(stacked_filter_kills_newer_syscalls)
{
	int status = run_in_child(stacked_newer_syscall_child);
	ck_assert_msg(killed_by_sigsys(status), "status 0x%x", status);
}
END_TEST

/* ---- the diagnose penalty --------------------------------------------------------------------- */

static int stderr_pipe[2];

static void diagnose_child(void)
{
	dup2(stderr_pipe[1], 2);
	load_with_penalty("stdio rpath", NSC_PENALTY_DIAGNOSE, 0);
	syscall(SYS_openat, AT_FDCWD, "/nonexistent/x", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	_exit(WRONG_RESULT);
}

/* Run fn with its stderr captured; return the wait status and the text. */
static int run_capturing_stderr(void (*fn)(void), char *text, size_t len)
{
	int status;
	ssize_t n;

	ck_assert_int_eq(pipe(stderr_pipe), 0);
	status = run_in_child(fn);
	close(stderr_pipe[1]);
	n = read(stderr_pipe[0], text, len - 1);
	text[n > 0 ? n : 0] = '\0';
	close(stderr_pipe[0]);
	return status;
}

START_TEST(diagnose_penalty_names_call_and_group)
{
	char text[1024];
	int status = run_capturing_stderr(diagnose_child, text, sizeof(text));

	ck_assert_msg(killed_by_sigsys(status), "status 0x%x", status);
	ck_assert_str_eq(text, "nodeseccomp: blocked openat(flags=O_WRONLY|O_CREAT|O_TRUNC) - "
			       "allowed by group \"cpath\" with \"wpath\"\n");
}
END_TEST

static void diagnose_socket_child(void)
{
	dup2(stderr_pipe[1], 2);
	load_with_penalty("stdio", NSC_PENALTY_DIAGNOSE, 0);
	raw_socket(AF_PACKET, SOCK_RAW);
	_exit(WRONG_RESULT);
}

START_TEST(diagnose_penalty_without_group)
{
	char text[1024];
	int status = run_capturing_stderr(diagnose_socket_child, text, sizeof(text));

	ck_assert_msg(killed_by_sigsys(status), "status 0x%x", status);
	ck_assert_str_eq(text, "nodeseccomp: blocked socket(family=AF_PACKET, type=SOCK_RAW, "
			       "protocol=0) - no group allows it; allow the syscall by name\n");
}
END_TEST

/* ---- the learn penalty ------------------------------------------------------------------------- */

static void learn_child(void)
{
	load_with_penalty("stdio", NSC_PENALTY_LEARN, 0);
	/* Outside stdio, but nothing is blocked while learning. */
	if (raw_socket(AF_INET, SOCK_STREAM) < 0)
		_exit(WRONG_RESULT);
	if (syscall(SYS_openat, AT_FDCWD, "/etc/hostname", O_RDONLY) < 0)
		_exit(WRONG_RESULT);
	if (nsc_learn_report(stderr_pipe[1]) != 0)
		_exit(WRONG_ERRNO);
	_exit(prctl(PR_GET_SECCOMP) == 2 ? OK : WRONG_RESULT);
}

START_TEST(learn_penalty_reports_what_the_policy_lacks)
{
	char text[4096];
	int status = run_capturing_stderr(learn_child, text, sizeof(text));

	ck_assert_msg(exited_with(status, OK), "status 0x%x: %s", status, text);
	ck_assert_msg(strstr(text, "socket(family=AF_INET, type=SOCK_STREAM, protocol=0)"), "%s", text);
	/* dns alone allows both (it includes rpath): the smallest cover. */
	ck_assert_msg(strstr(text, "openat(flags=O_RDONLY)"), "%s", text);
	/* dns alone allows both (it includes rpath): the smallest cover. */
	ck_assert_msg(strstr(text, "nodeseccomp learn: add to the policy: dns\n"), "%s", text);
}
END_TEST

/* ---- READ_IMPLIES_EXEC ---------------------------------------------------------------------- */

static void read_implies_exec_child(void)
{
	char err[256];

	if (personality(READ_IMPLIES_EXEC) == -1)
		_exit(SETUP_FAILED);
	/* Every readable mapping would be executable: a policy without prot_exec is refused. */
	if (nsc_pledge("stdio", err, sizeof(err)) != -EPERM || prctl(PR_GET_SECCOMP) != 0)
		_exit(WRONG_RESULT);
	load_or_exit("stdio prot_exec");
	_exit(prctl(PR_GET_SECCOMP) == 2 ? OK : WRONG_RESULT);
}

START_TEST(read_implies_exec_refuses_policies_without_prot_exec)
{
	int status = run_in_child(read_implies_exec_child);
	ck_assert_msg(exited_with(status, OK), "status 0x%x", status);
}
END_TEST

/* ---- foreign architectures -------------------------------------------------------------------- */

#if defined(__x86_64__)
static void i386_entry_child(void)
{
	long ret;

	load_or_exit("stdio");
	/* getpid on i386 is 20; int 0x80 enters the kernel as a 32-bit process. */
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
	_exit(WRONG_RESULT);
}

START_TEST(i386_entry_is_killed)
{
	int status = run_in_child(i386_entry_child);
	ck_assert_msg(killed_by_sigsys(status), "status 0x%x", status);
}
END_TEST

static void x32_entry_child(void)
{
	load_or_exit("stdio");
	/* getpid through the x32 ABI: the same number with bit 30 set. */
	syscall(SYS_getpid | 0x40000000);
	_exit(WRONG_RESULT);
}

START_TEST(x32_entry_is_killed)
{
	int status = run_in_child(x32_entry_child);
	ck_assert_msg(killed_by_sigsys(status), "status 0x%x", status);
}
END_TEST
#endif

static Suite *live_suite(void)
{
	Suite *s = suite_create("live");
	TCase *tc = tcase_create("live");

	tcase_add_test(tc, allowed_syscall_works);
	tcase_add_test(tc, forbidden_syscall_kills_with_sigsys);
	tcase_add_test(tc, errno_penalty_returns_the_errno);
	tcase_add_test(tc, syscall_errno_returns_its_errno);
	tcase_add_test(tc, log_penalty_lets_the_call_run);
	tcase_add_test(tc, threads_started_before_load_are_filtered);
	tcase_add_test(tc, policy_with_bad_name_loads_nothing);
	tcase_add_test(tc, loaded_policy_sets_filter_mode);
	tcase_add_test(tc, second_load_narrows);
	tcase_add_test(tc, second_load_cannot_widen);
	tcase_add_test(tc, newer_syscalls_answer_enosys);
	tcase_add_test(tc, probed_syscalls_answer_enosys);
	tcase_add_test(tc, stacked_filter_kills_newer_syscalls);
	tcase_add_test(tc, diagnose_penalty_names_call_and_group);
	tcase_add_test(tc, diagnose_penalty_without_group);
	tcase_add_test(tc, learn_penalty_reports_what_the_policy_lacks);
	tcase_add_test(tc, read_implies_exec_refuses_policies_without_prot_exec);
#if defined(__x86_64__)
	tcase_add_test(tc, i386_entry_is_killed);
	tcase_add_test(tc, x32_entry_is_killed);
#endif
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(live_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
