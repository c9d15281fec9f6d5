/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * nodeseccomp exec -p PLEDGE [--penalty P] [--errno SYSCALL=ERRNO,...] -- CMD ARGS...
 *
 * A child loads a start-up filter (the pledge plus stdio, rpath, exec and prot_exec, which the
 * dynamic loader needs), and executes CMD with nodeseccomp-preload.so in LD_PRELOAD, whose
 * constructor loads the pledge itself before CMD's main(). The parent waits, passes the exit
 * status through, and says clearly when CMD was killed.
 */
#define _GNU_SOURCE
#include <nodeseccomp.h>

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "options.h"

#define STARTUP_GROUPS "stdio rpath exec prot_exec"

static pid_t child_pid;

static void forward_signal(int sig)
{
	if (child_pid > 0)
		kill(child_pid, sig);
}

const char *cli_preload_path(void)
{
	const char *path = getenv("NODESECCOMP_PRELOAD");
	return path && *path ? path : NSC_PRELOAD_PATH;
}

/* A policy from the options, or NULL after printing why. */
nsc_policy *cli_policy(const char *promises, const char *extra, const char *penalty,
		       const char *errnos)
{
	nsc_policy *p = nsc_policy_new();
	const char *why = NULL;

	if (p == NULL) {
		fprintf(stderr, "nodeseccomp: out of memory\n");
		return NULL;
	}
	if (nsc_policy_pledge(p, promises) != 0 || (extra && nsc_policy_pledge(p, extra) != 0)) {
		fprintf(stderr, "nodeseccomp: pledge: %s\n", nsc_policy_error(p));
		goto bad;
	}
	if (penalty && apply_penalty(p, penalty, &why) != 0) {
		fprintf(stderr, "nodeseccomp: --penalty: %s\n", options_error(p, why));
		goto bad;
	}
	if (errnos && apply_errnos(p, errnos, &why) != 0) {
		fprintf(stderr, "nodeseccomp: --errno: %s\n", options_error(p, why));
		goto bad;
	}
	return p;
bad:
	nsc_policy_free(p);
	return NULL;
}

/* After any LD_PRELOAD already set: some libraries (sanitizer runtimes) must come first. */
void cli_add_preload(void)
{
	const char *old = getenv("LD_PRELOAD");
	char *value;

	if (old && *old && asprintf(&value, "%s:%s", old, cli_preload_path()) >= 0) {
		setenv("LD_PRELOAD", value, 1);
		free(value);
	} else {
		setenv("LD_PRELOAD", cli_preload_path(), 1);
	}
}

/* The file execvp() would run for name, or NULL. */
static char *find_program(const char *name)
{
	const char *path = getenv("PATH");
	char *copy, *save = NULL, *found = NULL;

	if (strchr(name, '/'))
		return strdup(name);
	copy = strdup(path && *path ? path : "/usr/local/bin:/usr/bin:/bin");
	for (char *dir = strtok_r(copy, ":", &save); copy && dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		char *candidate;
		if (asprintf(&candidate, "%s/%s", *dir ? dir : ".", name) < 0)
			break;
		if (access(candidate, X_OK) == 0)
			found = candidate;
		else
			free(candidate);
	}
	free(copy);
	return found;
}

/* A native ELF executable without a program interpreter: no dynamic loader, no preload. */
static int is_static_elf(const char *file)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	int fd = open(file, O_RDONLY | O_CLOEXEC), interp = 0;

	if (fd < 0)
		return 0;
	if (pread(fd, &eh, sizeof(eh), 0) != (ssize_t)sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_phentsize != sizeof(ph)) {
		close(fd);
		return 0; /* a script, or not native: its interpreter is what runs */
	}
	for (unsigned i = 0; i < eh.e_phnum && !interp; i++)
		if (pread(fd, &ph, sizeof(ph), (off_t)(eh.e_phoff + i * sizeof(ph))) == (ssize_t)sizeof(ph))
			interp = ph.p_type == PT_INTERP;
	close(fd);
	return !interp;
}

static void run_child(char **argv, const char *promises, const char *penalty, const char *errnos)
{
	struct rlimit no_core = { 0, 0 };
	nsc_policy *startup;
	char *program = find_program(argv[0]);
	int is_static = program && is_static_elf(program);

	setrlimit(RLIMIT_CORE, &no_core); /* a pledge violation is expected, not a crash */
	/* Only what this command says reaches the preload library, never what the caller had. */
	unsetenv("NODESECCOMP_LEARN_MARK");
	unsetenv("NODESECCOMP_PENALTY");
	unsetenv("NODESECCOMP_ERRNOS");
	setenv("NODESECCOMP_PLEDGE", promises, 1);
	if (penalty)
		setenv("NODESECCOMP_PENALTY", penalty, 1);
	if (errnos)
		setenv("NODESECCOMP_ERRNOS", errnos, 1);
	cli_add_preload();
	if (is_static) {
		/* No dynamic loader, so no preload: the pledge itself is the only filter, plus the
		 * execve that starts the program and the arch_prctl its libc sets up TLS with
		 * (both stay allowed). */
		startup = cli_policy(promises, "execve arch_prctl", penalty, errnos);
	} else {
		/* The errno'd syscalls are allowed at start-up (the loader may need them); the
		 * program's own filter then answers them with their errno. */
		startup = cli_policy(promises, STARTUP_GROUPS, penalty, NULL);
		if (startup && errnos && allow_errno_syscalls(startup, errnos) != 0) {
			fprintf(stderr, "nodeseccomp: --errno: %s\n", nsc_policy_error(startup));
			_exit(127);
		}
	}
	free(program);
	if (startup == NULL)
		_exit(127);
	if (nsc_policy_load(startup) != 0) {
		fprintf(stderr, "nodeseccomp: load: %s\n", nsc_policy_error(startup));
		_exit(127);
	}
	execvp(argv[0], argv);
	fprintf(stderr, "nodeseccomp: cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

/* The shell's convention: the exit code, or 128 + the signal. */
static int report(const char *command, int status, const char *penalty)
{
	int sig;

	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	sig = WTERMSIG(status);
	if (sig == SIGSYS)
		fprintf(stderr,
			"nodeseccomp: %s was killed by SIGSYS: it made a syscall its pledge does not "
			"allow%s\n", command,
			penalty && strcmp(penalty, "diagnose") == 0 ? "" :
			" (run again with --penalty diagnose to see which)");
	else
		fprintf(stderr, "nodeseccomp: %s was killed by %s\n", command, sigabbrev_np(sig) ?: "a signal");
	return 128 + sig;
}

int cli_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "pledge", required_argument, NULL, 'p' },
		{ "penalty", required_argument, NULL, 'k' },
		{ "errno", required_argument, NULL, 'e' },
		{ NULL, 0, NULL, 0 },
	};
	const char *promises = NULL, *penalty = NULL, *errnos = NULL;
	struct sigaction sa = { .sa_handler = forward_signal };
	nsc_policy *check;
	int opt, status;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "+p:k:e:", longopts, NULL)) != -1) {
		switch (opt) {
		case 'p': promises = optarg; break;
		case 'k': penalty = optarg; break;
		case 'e': errnos = optarg; break;
		default: return cli_usage_error("exec: unknown option");
		}
	}
	if (promises == NULL)
		return cli_usage_error("exec needs -p PLEDGE");
	if (optind >= argc)
		return cli_usage_error("exec needs a command after --");
	/* Check everything here first, so that a mistake is reported before anything runs. */
	check = cli_policy(promises, NULL, penalty, errnos);
	if (check == NULL)
		return 2;
	nsc_policy_free(check);
	if (access(cli_preload_path(), R_OK) != 0) {
		fprintf(stderr, "nodeseccomp: %s: %s (set NODESECCOMP_PRELOAD)\n", cli_preload_path(),
			strerror(errno));
		return 2;
	}
	fflush(NULL);
	child_pid = fork();
	if (child_pid < 0) {
		perror("nodeseccomp: fork");
		return 126;
	}
	if (child_pid == 0)
		run_child(argv + optind, promises, penalty, errnos);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	while (waitpid(child_pid, &status, 0) < 0)
		if (errno != EINTR) {
			perror("nodeseccomp: waitpid");
			return 126;
		}
	return report(argv[optind], status, penalty);
}
