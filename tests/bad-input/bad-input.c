/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The bad-input table of the C API: every row is tried for real and printed as a Markdown row
 * with what actually happened. README.md carries the same table (checked by
 * tests/bad-input/readme.sh), so the documented behaviour is the tested behaviour.
 * Rows that load a filter do it in a child process and report how it ended.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <nodeseccomp.h>
#include <pthread.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

struct row {
	const char *input;
	const char *expected; /* the result column, exactly */
	void (*try)(char *out, size_t len);
	int loads;            /* loads a filter (in a child): skipped under valgrind */
};

static void say_error(char *out, size_t len, int r, const nsc_policy *p)
{
	if (r == 0)
		snprintf(out, len, "accepted");
	else
		snprintf(out, len, "%s: %s", strerrorname_np(-r), nsc_policy_error(p));
}

#define WITH_POLICY(body)                      \
	nsc_policy *p = nsc_policy_new();      \
	int r;                                 \
	body;                                  \
	say_error(out, len, r, p);             \
	nsc_policy_free(p)

static void null_policy(char *out, size_t len)
{
	int r = nsc_policy_allow(NULL, "stdio");
	snprintf(out, len, "%s", strerrorname_np(-r));
}

static void null_name(char *out, size_t len) { WITH_POLICY(r = nsc_policy_allow_syscall(p, NULL)); }
static void empty_name(char *out, size_t len) { WITH_POLICY(r = nsc_policy_allow_group(p, "")); }
static void null_pledge(char *out, size_t len) { WITH_POLICY(r = nsc_policy_pledge(p, NULL)); }
static void empty_pledge(char *out, size_t len) { WITH_POLICY(r = nsc_policy_pledge(p, "")); }
static void blank_pledge(char *out, size_t len) { WITH_POLICY(r = nsc_policy_pledge(p, " \t\n ")); }
static void nul_inside(char *out, size_t len) { WITH_POLICY(r = nsc_policy_pledge(p, "std\0io")); }
static void unknown_syscall(char *out, size_t len) { WITH_POLICY(r = nsc_policy_allow_syscall(p, "wirte")); }
static void unknown_group(char *out, size_t len) { WITH_POLICY(r = nsc_policy_allow_group(p, "inett")); }
static void openbsd_name(char *out, size_t len) { WITH_POLICY(r = nsc_policy_allow_syscall(p, "getentropy")); }
static void non_ascii(char *out, size_t len) { WITH_POLICY(r = nsc_policy_allow_syscall(p, "wr\xc3\xafte")); }
static void upper_case(char *out, size_t len) { WITH_POLICY(r = nsc_policy_pledge(p, "STDIO")); }
static void bad_penalty(char *out, size_t len) { WITH_POLICY(r = nsc_policy_set_penalty(p, (enum nsc_penalty)9, 0)); }
static void bad_errno(char *out, size_t len) { WITH_POLICY(r = nsc_policy_set_syscall_errno(p, "bind", 70000)); }
static void bad_fd(char *out, size_t len) { WITH_POLICY(nsc_policy_pledge(p, "stdio"); r = nsc_policy_export_pfc(p, -1)); }
static void empty_policy(char *out, size_t len) { WITH_POLICY(r = nsc_policy_load(p)); }

/* A string of 1 MiB - 1 letters. */
static char *megabyte(void)
{
	char *big = malloc(1 << 20);

	memset(big, 'a', (1 << 20) - 1);
	big[(1 << 20) - 1] = '\0';
	return big;
}

static void megabyte_string(char *out, size_t len)
{
	char *big = megabyte();
	WITH_POLICY(r = nsc_policy_pledge(p, big));
	free(big);
}

static void megabyte_name(char *out, size_t len)
{
	char *big = megabyte();
	WITH_POLICY(r = nsc_policy_allow_syscall(p, big));
	free(big);
}

static void many_names(char *out, size_t len)
{
	WITH_POLICY(r = 0; for (int i = 0; i < 100000 && r == 0; i++) r = nsc_policy_allow_syscall(p, "getpid"));
}

/* Duplicates are accepted and change nothing: the same PFC as with one copy. */
static void duplicates(char *out, size_t len)
{
	char *a = NULL, *b = NULL;
	size_t la = 0, lb = 0;
	FILE *fa = open_memstream(&a, &la), *fb = open_memstream(&b, &lb);
	nsc_policy *one = nsc_policy_new(), *many = nsc_policy_new();
	FILE *ta = tmpfile(), *tb = tmpfile();
	long sa, sb;

	nsc_policy_pledge(one, "stdio getpid");
	nsc_policy_pledge(many, "stdio stdio getpid getpid stdio");
	nsc_policy_export_bpf(one, fileno(ta));
	nsc_policy_export_bpf(many, fileno(tb));
	sa = ftell(ta) >= 0 ? lseek(fileno(ta), 0, SEEK_END) : -1;
	sb = ftell(tb) >= 0 ? lseek(fileno(tb), 0, SEEK_END) : -1;
	snprintf(out, len, "%s", sa == sb && sa > 0 ? "accepted, same filter" : "filters differ");
	fclose(ta);
	fclose(tb);
	fclose(fa);
	fclose(fb);
	free(a);
	free(b);
	nsc_policy_free(one);
	nsc_policy_free(many);
}

static void poisoned(char *out, size_t len)
{
	WITH_POLICY(nsc_policy_pledge(p, "stdio wirte"); r = nsc_policy_load(p));
}

/* ---- rows that load: in a child ------------------------------------------------------------- */

static int in_child(int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		struct rlimit no_core = { 0, 0 };
		setrlimit(RLIMIT_CORE, &no_core);
		_exit(fn());
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void say_child(char *out, size_t len, int status, const char *ok_text)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		snprintf(out, len, "%s", ok_text);
	else if (WIFSIGNALED(status))
		snprintf(out, len, "killed by %s", sigabbrev_np(WTERMSIG(status)));
	else
		snprintf(out, len, "child exit %d", WEXITSTATUS(status));
}

static int load_twice_child(void)
{
	nsc_policy *p = nsc_policy_new();

	if (nsc_policy_pledge(p, "stdio") || nsc_policy_load(p) || nsc_policy_load(p))
		return 1;
	return prctl(PR_GET_SECCOMP) == 2 ? 0 : 2;
}

static void load_twice(char *out, size_t len)
{
	say_child(out, len, in_child(load_twice_child), "both load, the second stacks");
}

static int load_after_fork_child(void)
{
	return nsc_pledge("stdio", NULL, 0) == 0 ? 0 : 1;
}

static void load_after_fork(char *out, size_t len)
{
	int status = in_child(load_after_fork_child);

	/* The child is filtered; this process, its parent, must not be. */
	if (prctl(PR_GET_SECCOMP) != 0)
		snprintf(out, len, "parent filtered!");
	else
		say_child(out, len, status, "child filtered, parent not");
}

static void *load_in_thread(void *unused)
{
	(void)unused;
	return (void *)(long)nsc_pledge("stdio", NULL, 0);
}

static int concurrent_child(void)
{
	pthread_t threads[8];
	long failures = 0;

	for (int i = 0; i < 8; i++)
		if (pthread_create(&threads[i], NULL, load_in_thread, NULL) != 0)
			return 3;
	for (int i = 0; i < 8; i++) {
		void *r;
		pthread_join(threads[i], &r);
		failures += (long)r != 0;
	}
	return failures == 0 && prctl(PR_GET_SECCOMP) == 2 ? 0 : 1;
}

static void concurrent_loads(char *out, size_t len)
{
	say_child(out, len, in_child(concurrent_child), "all 8 load (stacked), process alive");
}

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

static const struct row rows[] = {
	{ "NULL policy", "EINVAL", null_policy },
	{ "NULL name", "EINVAL: syscall name is NULL", null_name },
	{ "empty name", "EINVAL: empty group name", empty_name },
	{ "NULL pledge string", "EINVAL: pledge string is NULL", null_pledge },
	{ "empty pledge string", "EINVAL: empty pledge string: it would allow nothing", empty_pledge },
	{ "whitespace-only pledge string", "EINVAL: empty pledge string: it would allow nothing", blank_pledge },
	{ "NUL inside a name (\"std\\0io\": C strings end there)",
	  "ENOENT: unknown group or syscall \"std\"", nul_inside },
	{ "1 MB pledge string", "E2BIG: pledge string longer than 65536 bytes", megabyte_string },
	{ "1 MB name", "ENAMETOOLONG: syscall name longer than 64 characters", megabyte_name },
	{ "100 000 names (the same one)", "accepted", many_names },
	{ "duplicates", "accepted, same filter", duplicates },
	{ "unknown syscall", "ENOENT: unknown syscall \"wirte\" (did you mean \"write\"?)", unknown_syscall },
	{ "unknown group", "ENOENT: unknown group \"inett\" (did you mean \"inet\"?)", unknown_group },
	{ "OpenBSD-only syscall", "ENOENT: unknown syscall \"getentropy\"", openbsd_name },
	{ "non-ASCII name", "EINVAL: invalid character 0xc3 in syscall name \"wr\\xc3\\xafte\"", non_ascii },
	{ "upper case", "EINVAL: invalid character 0x53 in group or syscall name \"STDIO\" (names are lower case)", upper_case },
	{ "penalty out of range", "EINVAL: unknown penalty 9", bad_penalty },
	{ "errno out of range", "EINVAL: errno value 70000 for \"bind\" out of range 1..4095", bad_errno },
	{ "export to fd -1", "EBADF: invalid file descriptor -1", bad_fd },
	{ "load an empty policy", "EINVAL: empty policy: it allows nothing", empty_policy },
	{ "load after a bad name",
	  "ENOENT: policy not used because of an earlier error: unknown group or syscall \"wirte\" (did you mean \"write\"?)",
	  poisoned },
	{ "load twice", "both load, the second stacks", load_twice, 1 },
	{ "load after fork", "child filtered, parent not", load_after_fork, 1 },
	{ "concurrent loads from 8 threads", "all 8 load (stacked), process alive", concurrent_loads, 1 },
};

int main(int argc, char **argv)
{
	/* --no-load: only rows that load nothing (valgrind cannot follow a filtered child). */
	int no_load = argc > 1 && strcmp(argv[1], "--no-load") == 0;
	size_t wrong = 0, n = sizeof(rows) / sizeof(rows[0]), skipped = 0;
	char got[512];

	force_api_level_for_valgrind();
	printf("| input (C API) | result |\n| --- | --- |\n");
	for (size_t i = 0; i < n; i++) {
		if (no_load && rows[i].loads) {
			skipped++;
			continue;
		}
		rows[i].try(got, sizeof(got));
		printf("| %s | %s |\n", rows[i].input, got);
		if (strcmp(got, rows[i].expected) != 0) {
			fprintf(stderr, "row \"%s\": expected \"%s\"\n", rows[i].input, rows[i].expected);
			wrong++;
		}
	}
	fprintf(stderr, "%zu passed, %zu failed, %zu skipped\n", n - wrong - skipped, wrong, skipped);
	return wrong > 0;
}
