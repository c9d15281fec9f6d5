/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests of the public API that never load a filter: names, errors, exports, the table. */
#define _GNU_SOURCE
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <seccomp.h>

#include "nodeseccomp.h"

static nsc_policy *p;

static void setup(void)
{
	p = nsc_policy_new();
	ck_assert_ptr_nonnull(p);
}

static void teardown(void)
{
	nsc_policy_free(p);
	p = NULL;
}

/* Export the policy's PFC text into a malloc'd string (NULL when the export fails). */
static char *pfc_of(nsc_policy *policy, int *result)
{
	FILE *f = tmpfile();
	char *text;
	long size;

	ck_assert_ptr_nonnull(f);
	*result = nsc_policy_export_pfc(policy, fileno(f));
	size = ftell(f) >= 0 ? lseek(fileno(f), 0, SEEK_END) : -1;
	if (*result < 0 || size <= 0) {
		fclose(f);
		return NULL;
	}
	text = calloc(1, (size_t)size + 1);
	ck_assert_int_eq(pread(fileno(f), text, (size_t)size, 0), size);
	fclose(f);
	return text;
}

START_TEST(version_matches_header)
{
	ck_assert_str_eq(nsc_version(), NSC_VERSION_STRING);
	ck_assert_uint_eq(nsc_version_number(), NSC_VERSION_NUMBER);
	ck_assert_uint_eq(NSC_VERSION_NUMBER >> 16, NSC_VERSION_MAJOR);
}
END_TEST

START_TEST(free_null_is_harmless)
{
	nsc_policy_free(NULL);
	ck_assert_str_eq(nsc_policy_error(NULL), "policy is NULL");
	ck_assert_int_eq(nsc_policy_allow(NULL, "stdio"), -EINVAL);
	ck_assert_int_eq(nsc_policy_load(NULL), -EINVAL);
}
END_TEST

START_TEST(known_syscall_is_accepted)
{
	ck_assert_int_eq(nsc_policy_allow_syscall(p, "write"), 0);
	ck_assert_str_eq(nsc_policy_error(p), "");
	ck_assert_int_eq(nsc_syscall_number("write"), SYS_write);
	ck_assert_int_eq(nsc_syscall_number("getppid"), SYS_getppid);
}
END_TEST

START_TEST(typo_gets_a_suggestion)
{
	ck_assert_int_eq(nsc_policy_allow_syscall(p, "wirte"), -ENOENT);
	ck_assert_str_eq(nsc_policy_error(p), "unknown syscall \"wirte\" (did you mean \"write\"?)");
}
END_TEST

START_TEST(group_typo_gets_a_suggestion)
{
	ck_assert_int_eq(nsc_policy_allow_group(p, "inett"), -ENOENT);
	ck_assert_str_eq(nsc_policy_error(p), "unknown group \"inett\" (did you mean \"inet\"?)");
}
END_TEST

START_TEST(far_name_gets_no_suggestion)
{
	ck_assert_int_eq(nsc_policy_allow_syscall(p, "sendsyslog"), -ENOENT);
	ck_assert_str_eq(nsc_policy_error(p), "unknown syscall \"sendsyslog\"");
	ck_assert_int_eq(nsc_syscall_number("sendsyslog"), -ENOENT);
}
END_TEST

/* Names from OpenBSD that the first node-seccomp silently turned into nothing. */
START_TEST(openbsd_only_names_are_refused)
{
	static const char *const names[] = { "getthrid", "mquery", "getrtable", "minherit",
					     "issetugid", "getentropy", "getlogin", "pread",
					     "pwrite" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		nsc_policy *q = nsc_policy_new();
		ck_assert_msg(nsc_policy_allow_syscall(q, names[i]) == -ENOENT, "%s", names[i]);
		ck_assert_msg(strstr(nsc_policy_error(q), names[i]) != NULL, "%s", names[i]);
		nsc_policy_free(q);
	}
}
END_TEST

START_TEST(io_uring_is_never_allowed)
{
	ck_assert_int_eq(nsc_policy_allow_syscall(p, "io_uring_setup"), -EPERM);
	ck_assert_str_eq(nsc_policy_error(p),
			 "\"io_uring_setup\" cannot be allowed: io_uring operations bypass seccomp "
			 "(every policy answers it with ENOSYS)");
	ck_assert_int_eq(nsc_policy_pledge(p, "stdio io_uring_enter"), -EPERM);
}
END_TEST

START_TEST(other_architecture_syscall_is_refused)
{
	ck_assert_int_eq(nsc_policy_allow_syscall(p, "socketcall"), -ENOENT);
	ck_assert_str_eq(nsc_policy_error(p),
			 "syscall \"socketcall\" does not exist on this architecture");
}
END_TEST

START_TEST(malformed_names_are_refused)
{
	char long_name[200];

	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	ck_assert_int_eq(nsc_policy_allow_syscall(p, NULL), -EINVAL);
	ck_assert_str_eq(nsc_policy_error(p), "syscall name is NULL");
	ck_assert_int_eq(nsc_policy_allow_syscall(p, ""), -EINVAL);
	ck_assert_str_eq(nsc_policy_error(p), "empty syscall name");
	ck_assert_int_eq(nsc_policy_allow_syscall(p, long_name), -ENAMETOOLONG);
	ck_assert_int_eq(nsc_policy_allow_syscall(p, "wr ite"), -EINVAL);
	ck_assert_str_eq(nsc_policy_error(p), "invalid character 0x20 in syscall name \"wr ite\"");
	ck_assert_int_eq(nsc_policy_allow_syscall(p, "wr\xc3\xafte"), -EINVAL);
	ck_assert_int_eq(nsc_policy_allow_syscall(p, "WRITE"), -EINVAL);
	ck_assert_int_eq(nsc_policy_allow_group(p, NULL), -EINVAL);
	ck_assert_str_eq(nsc_policy_error(p), "group name is NULL");
	ck_assert_int_eq(nsc_syscall_number(NULL), -EINVAL);
}
END_TEST

START_TEST(allow_takes_group_or_syscall)
{
	ck_assert_int_eq(nsc_policy_allow(p, "stdio"), 0);
	ck_assert_int_eq(nsc_policy_allow(p, "getpid"), 0);
	ck_assert_int_eq(nsc_policy_allow(p, "stdoi"), -ENOENT);
	ck_assert_str_eq(nsc_policy_error(p),
			 "unknown group or syscall \"stdoi\" (did you mean \"stdio\"?)");
}
END_TEST

START_TEST(pledge_string_is_parsed)
{
	int r;
	char *pfc;

	ck_assert_int_eq(nsc_policy_pledge(p, "  stdio\trpath,\ninet  getppid "), 0);
	pfc = pfc_of(p, &r);
	ck_assert_int_eq(r, 0);
	ck_assert_ptr_nonnull(strstr(pfc, "\"getppid\""));
	ck_assert_ptr_nonnull(strstr(pfc, "\"socket\""));
	ck_assert_ptr_nonnull(strstr(pfc, "\"openat\""));
	ck_assert_ptr_null(strstr(pfc, "\"execve\""));
	free(pfc);
}
END_TEST

START_TEST(bad_pledge_strings_are_refused)
{
	char *huge = malloc(70000);

	memset(huge, ' ', 69999);
	huge[69999] = '\0';
	ck_assert_int_eq(nsc_policy_pledge(p, NULL), -EINVAL);
	ck_assert_int_eq(nsc_policy_pledge(p, ""), -EINVAL);
	ck_assert_str_eq(nsc_policy_error(p), "empty pledge string: it would allow nothing");
	ck_assert_int_eq(nsc_policy_pledge(p, " \t\n "), -EINVAL);
	ck_assert_int_eq(nsc_policy_pledge(p, huge), -E2BIG);
	memset(huge, 'x', 100);
	huge[100] = '\0';
	ck_assert_int_eq(nsc_policy_pledge(p, huge), -ENAMETOOLONG);
	ck_assert_int_eq(nsc_policy_pledge(p, "stdio inett"), -ENOENT);
	ck_assert_str_eq(nsc_policy_error(p),
			 "unknown group or syscall \"inett\" (did you mean \"inet\"?)");
	free(huge);
}
END_TEST

START_TEST(any_error_poisons_the_policy)
{
	int r;

	ck_assert_int_eq(nsc_policy_allow_group(p, "stdio"), 0);
	ck_assert_int_eq(nsc_policy_allow_syscall(p, "wirte"), -ENOENT);
	ck_assert_int_eq(nsc_policy_allow_syscall(p, "getpid"), 0); /* later successes don't heal */
	ck_assert_ptr_null(pfc_of(p, &r));
	ck_assert_int_eq(r, -ENOENT);
	ck_assert_str_eq(nsc_policy_error(p),
			 "policy not used because of an earlier error: "
			 "unknown syscall \"wirte\" (did you mean \"write\"?)");
	ck_assert_int_eq(nsc_policy_load(p), -ENOENT);
}
END_TEST

START_TEST(empty_policy_is_refused)
{
	int r;

	ck_assert_ptr_null(pfc_of(p, &r));
	ck_assert_int_eq(r, -EINVAL);
	ck_assert_str_eq(nsc_policy_error(p), "empty policy: it allows nothing");
	ck_assert_int_eq(nsc_policy_load(p), -EINVAL);
}
END_TEST

START_TEST(penalties_are_checked)
{
	ck_assert_int_eq(nsc_policy_set_penalty(p, NSC_PENALTY_ERRNO, 0), 0);
	ck_assert_int_eq(nsc_policy_set_penalty(p, NSC_PENALTY_ERRNO, EACCES), 0);
	ck_assert_int_eq(nsc_policy_set_penalty(p, NSC_PENALTY_LOG, 0), 0);
	ck_assert_int_eq(nsc_policy_set_penalty(p, NSC_PENALTY_KILL, 0), 0);
	ck_assert_int_eq(nsc_policy_set_penalty(p, NSC_PENALTY_ERRNO, 5000), -EINVAL);
	ck_assert_str_eq(nsc_policy_error(p), "errno value 5000 out of range 1..4095");
	ck_assert_int_eq(nsc_policy_set_penalty(p, NSC_PENALTY_ERRNO, -1), -EINVAL);
	ck_assert_int_eq(nsc_policy_set_penalty(p, NSC_PENALTY_KILL, EPERM), -EINVAL);
	ck_assert_int_eq(nsc_policy_set_penalty(p, (enum nsc_penalty)42, 0), -EINVAL);
	ck_assert_str_eq(nsc_policy_error(p), "unknown penalty 42");
}
END_TEST

START_TEST(penalty_shapes_the_filter)
{
	int r;
	char *pfc;

	ck_assert_int_eq(nsc_policy_allow_group(p, "stdio"), 0);
	pfc = pfc_of(p, &r);
	ck_assert_ptr_nonnull(strstr(pfc, "action KILL_PROCESS;"));
	free(pfc);
	ck_assert_int_eq(nsc_policy_set_penalty(p, NSC_PENALTY_ERRNO, EACCES), 0);
	pfc = pfc_of(p, &r);
	ck_assert_ptr_nonnull(strstr(pfc, "action ERRNO(13);"));
	free(pfc);
	ck_assert_int_eq(nsc_policy_set_penalty(p, NSC_PENALTY_LOG, 0), 0);
	pfc = pfc_of(p, &r);
	ck_assert_ptr_nonnull(strstr(pfc, "action LOG;"));
	free(pfc);
}
END_TEST

START_TEST(syscall_errno_overrides_groups)
{
	int r;
	char *pfc;

	ck_assert_int_eq(nsc_policy_pledge(p, "stdio inet"), 0);
	ck_assert_int_eq(nsc_policy_set_syscall_errno(p, "bind", EADDRINUSE), 0);
	pfc = pfc_of(p, &r);
	ck_assert_int_eq(r, 0);
	ck_assert_ptr_nonnull(strstr(pfc, "# filter for syscall \"bind\""));
	ck_assert_ptr_nonnull(strstr(pfc, "action ERRNO(98);"));
	free(pfc);
	ck_assert_int_eq(nsc_policy_set_syscall_errno(p, "bnid", EPERM), -ENOENT);
	ck_assert_int_eq(nsc_policy_set_syscall_errno(p, "bind", 0), -EINVAL);
}
END_TEST

/* Rules about "this process" (kill/tgkill of itself) mean nothing in another: not exported. */
START_TEST(exports_leave_out_rules_about_own_pid)
{
	int r;
	char *pfc;

	ck_assert_int_eq(nsc_policy_allow_group(p, "stdio"), 0);
	pfc = pfc_of(p, &r);
	ck_assert_int_eq(r, 0);
	ck_assert_ptr_null(strstr(pfc, "\"tgkill\""));
	ck_assert_ptr_null(strstr(pfc, "\"kill\""));
	ck_assert_ptr_nonnull(strstr(pfc, "\"getpid\""));
	free(pfc);
}
END_TEST

START_TEST(bpf_export_is_whole_instructions)
{
	FILE *f = tmpfile();
	long size;

	ck_assert_int_eq(nsc_policy_allow_group(p, "stdio"), 0);
	ck_assert_int_eq(nsc_policy_export_bpf(p, fileno(f)), 0);
	size = lseek(fileno(f), 0, SEEK_END);
	ck_assert_int_gt(size, 8 * 20);
	ck_assert_int_eq(size % 8, 0);
	fclose(f);
	ck_assert_int_eq(nsc_policy_export_bpf(p, -1), -EBADF);
	ck_assert_str_eq(nsc_policy_error(p), "invalid file descriptor -1");
}
END_TEST

/* Every group at once compiles: the table has no rule libseccomp refuses. */
START_TEST(all_groups_compile_together)
{
	int r;
	char *pfc;

	for (size_t i = 0; i < nsc_group_count(); i++)
		ck_assert_int_eq(nsc_policy_allow_group(p, nsc_group_name(i)), 0);
	pfc = pfc_of(p, &r);
	ck_assert_msg(r == 0, "%s", nsc_policy_error(p));
	free(pfc);
}
END_TEST

/* Each group alone compiles too (rules that depend on other groups drop out cleanly). */
START_TEST(each_group_compiles_alone)
{
	for (size_t i = 0; i < nsc_group_count(); i++) {
		nsc_policy *q = nsc_policy_new();
		int r;
		char *pfc;

		ck_assert_int_eq(nsc_policy_allow_group(q, nsc_group_name(i)), 0);
		pfc = pfc_of(q, &r);
		ck_assert_msg(r == 0, "%s: %s", nsc_group_name(i), nsc_policy_error(q));
		free(pfc);
		nsc_policy_free(q);
	}
}
END_TEST

struct find {
	const char *syscall;
	const char *group;
	const char *condition;
};

static int find_rule(const struct nsc_rule_info *rule, void *userdata)
{
	struct find *f = userdata;

	if (strcmp(rule->syscall, f->syscall) == 0 && strstr(rule->condition, f->condition)) {
		f->group = rule->group;
		return 1; /* stop */
	}
	return 0;
}

static int count_rules(const struct nsc_rule_info *rule, void *userdata)
{
	size_t *n = userdata;

	ck_assert_ptr_nonnull(rule->group);
	ck_assert_ptr_nonnull(rule->syscall);
	ck_assert_ptr_nonnull(rule->condition);
	ck_assert_msg(rule->why != NULL && rule->why[0] != '\0', "%s in %s has no why",
		      rule->syscall, rule->group);
	(*n)++;
	return 0;
}

START_TEST(table_is_consistent)
{
	size_t n = nsc_group_count();

	ck_assert_uint_gt(n, 1);
	ck_assert_ptr_null(nsc_group_name(n));
	ck_assert_ptr_null(nsc_group_description(n));
	for (size_t i = 0; i < n; i++) {
		const char *name = nsc_group_name(i), *inc;
		size_t rules = 0;

		ck_assert_int_eq(nsc_group_index(name), (int)i);
		ck_assert_msg(strlen(nsc_group_description(i)) > 10, "%s", name);
		ck_assert_msg(strchr(nsc_group_description(i), '\n') == NULL, "%s", name);
		for (size_t k = 0; (inc = nsc_group_include(i, k)) != NULL; k++)
			ck_assert_msg(nsc_group_index(inc) >= 0, "%s includes unknown %s", name, inc);
		ck_assert_int_eq(nsc_group_foreach_rule(name, count_rules, &rules), 0);
		ck_assert_msg(rules > 0, "%s has no rules", name);
		/* A name that is a group and a syscall means the group in pledge strings, so the
		 * group must allow that syscall (chown). */
		if (nsc_syscall_number(name) >= 0) {
			struct find f = { .syscall = name, .condition = "" };
			ck_assert_msg(nsc_group_foreach_rule(name, find_rule, &f) == 1,
				      "group %s does not allow the syscall %s", name, name);
		}
	}
	ck_assert_int_eq(nsc_group_index("nope"), -ENOENT);
	ck_assert_int_eq(nsc_group_index(NULL), -EINVAL);
}
END_TEST

START_TEST(rules_of_included_groups_are_listed)
{
	struct find f = { .syscall = "connect", .condition = "" };
	struct find g = { .syscall = "fcntl", .condition = "arg1 <= F_SETFL" };

	ck_assert_int_eq(nsc_group_foreach_rule("inet", find_rule, &f), 1);
	ck_assert_str_eq(f.group, "netio");
	ck_assert_int_eq(nsc_group_foreach_rule("stdio", find_rule, &g), 1);
	ck_assert_str_eq(g.group, "stdio");
	ck_assert_int_eq(nsc_group_foreach_rule("inett", find_rule, &f), -ENOENT);
	ck_assert_int_eq(nsc_group_foreach_rule("stdio", NULL, NULL), -EINVAL);
}
END_TEST

START_TEST(one_call_pledge_reports_errors)
{
	char err[128];

	/* Fails before loading anything, so it is safe in this process. */
	ck_assert_int_eq(nsc_pledge("stdio wirte", err, sizeof(err)), -ENOENT);
	ck_assert_str_eq(err, "unknown group or syscall \"wirte\" (did you mean \"write\"?)");
	ck_assert_int_eq(nsc_pledge("", NULL, 0), -EINVAL);
	ck_assert_int_eq(nsc_pledge(NULL, err, 4), -EINVAL);
	ck_assert_str_eq(err, "ple");
}
END_TEST

/*
 * valgrind does not know the seccomp() syscall, so under it libseccomp sees API level 1 and
 * refuses KILL_PROCESS. tests/valgrind.sh sets NSC_TEST_SECCOMP_API to the real level, which
 * only changes how filters are compiled: these rows never load one in the valgrind process.
 */
static void force_api_level_for_valgrind(void)
{
	const char *level = getenv("NSC_TEST_SECCOMP_API");

	if (level != NULL)
		seccomp_api_set((unsigned)atoi(level));
}

static Suite *api_suite(void)
{
	Suite *s = suite_create("api");
	TCase *tc = tcase_create("api");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, version_matches_header);
	tcase_add_test(tc, free_null_is_harmless);
	tcase_add_test(tc, known_syscall_is_accepted);
	tcase_add_test(tc, typo_gets_a_suggestion);
	tcase_add_test(tc, group_typo_gets_a_suggestion);
	tcase_add_test(tc, far_name_gets_no_suggestion);
	tcase_add_test(tc, openbsd_only_names_are_refused);
	tcase_add_test(tc, other_architecture_syscall_is_refused);
	tcase_add_test(tc, io_uring_is_never_allowed);
	tcase_add_test(tc, malformed_names_are_refused);
	tcase_add_test(tc, allow_takes_group_or_syscall);
	tcase_add_test(tc, pledge_string_is_parsed);
	tcase_add_test(tc, bad_pledge_strings_are_refused);
	tcase_add_test(tc, any_error_poisons_the_policy);
	tcase_add_test(tc, empty_policy_is_refused);
	tcase_add_test(tc, penalties_are_checked);
	tcase_add_test(tc, penalty_shapes_the_filter);
	tcase_add_test(tc, syscall_errno_overrides_groups);
	tcase_add_test(tc, bpf_export_is_whole_instructions);
	tcase_add_test(tc, exports_leave_out_rules_about_own_pid);
	tcase_add_test(tc, all_groups_compile_together);
	tcase_add_test(tc, each_group_compiles_alone);
	tcase_add_test(tc, table_is_consistent);
	tcase_add_test(tc, rules_of_included_groups_are_listed);
	tcase_add_test(tc, one_call_pledge_reports_errors);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(api_suite());
	int failed;

	force_api_level_for_valgrind();

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
