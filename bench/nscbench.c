/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * nscbench: what a seccomp filter costs, measured against the floor and the alternatives.
 * bench/run.sh builds this file twice:
 *
 *   nscbench      linked against the library as built (libnodeseccomp.so, optimisation level 2)
 *   nscbench-o1   with the sources in lib/ compiled in and -DNSC_OPTIMIZE_LEVEL=1 (libseccomp's linear
 *                 list of syscalls instead of its binary tree); same source, same flags
 *
 * Filters are irreversible, so every filter configuration runs in a child of its own (fork,
 * then exec of the binary that has the wanted library), with RLIMIT_CORE 0. A child loads its
 * filter, checks that it is loaded, warms up, times one long loop per syscall and prints one
 * line per syscall. The driver runs the configurations round-robin, REPS times, starting each
 * round at another configuration, so that slow phases of a noisy machine hit all of them.
 *
 * Modes (the output is tab-separated lines that bench/report.py reads):
 *   nscbench syscalls REPS FILE DOCKER.txt O1-BINARY   per-syscall cost, all configurations
 *   nscbench child CONFIG FILE DOCKER.txt               one configuration (used by the above)
 *   nscbench bpf LABEL [DOCKER.txt]                     BPF instruction counts
 *   nscbench path DOCKER.txt CONFIG...                  BPF instructions each timed call runs
 *   nscbench allload                                    load every group at once, in a child
 *   nscbench latency RUNS O1-BINARY                     build+load wall time, in fresh children
 *   nscbench once buildload|buildexport[-warm]          one timed build (used by the above)
 *   nscbench callgrind                                  build + export to /dev/null, for valgrind
 *   nscbench apilevel                                   libseccomp's API level (for the above)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stddef.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nodeseccomp.h"

#ifndef NSC_OPTIMIZE_LEVEL
#define NSC_OPTIMIZE_LEVEL 2
#endif

/* The typical policy of a Node.js service, and the same without the node group, whose
 * prot_exec makes mmap and mprotect unconditional (so their argument checks are measured). */
#define TYPICAL "node stdio rpath inet"
#define NO_NODE "stdio rpath inet"

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void die(const char *what)
{
	fprintf(stderr, "nscbench: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void no_core(void)
{
	struct rlimit none = { 0, 0 };

	setrlimit(RLIMIT_CORE, &none);
}

/* ---- Docker's default profile ------------------------------------------------------------ */

/*
 * bench/docker2txt.py turns Docker's JSON profile into lines this parser reads, after it has
 * applied the per-rule includes/excludes as Docker does for root with the default capabilities
 * on x86_64:
 *   default ACTION ERRNO
 *   arch NAME                                   (sub-architectures of the archMap)
 *   rule ACTION ERRNO SYSCALL NARGS [INDEX OP A B]...
 */
static uint32_t parse_action(const char *name, unsigned errno_value)
{
	if (strcmp(name, "ALLOW") == 0)
		return SCMP_ACT_ALLOW;
	if (strcmp(name, "ERRNO") == 0)
		return SCMP_ACT_ERRNO(errno_value);
	if (strcmp(name, "KILL_PROCESS") == 0)
		return SCMP_ACT_KILL_PROCESS;
	if (strcmp(name, "KILL") == 0 || strcmp(name, "KILL_THREAD") == 0)
		return SCMP_ACT_KILL;
	if (strcmp(name, "TRAP") == 0)
		return SCMP_ACT_TRAP;
	if (strcmp(name, "LOG") == 0)
		return SCMP_ACT_LOG;
	fprintf(stderr, "nscbench: unknown action %s\n", name);
	exit(2);
}

static enum scmp_compare parse_op(const char *op)
{
	static const struct { const char *name; enum scmp_compare op; } ops[] = {
		{ "NE", SCMP_CMP_NE }, { "LT", SCMP_CMP_LT }, { "LE", SCMP_CMP_LE },
		{ "EQ", SCMP_CMP_EQ }, { "GE", SCMP_CMP_GE }, { "GT", SCMP_CMP_GT },
		{ "MASKED_EQ", SCMP_CMP_MASKED_EQ },
	};

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(op, ops[i].name) == 0)
			return ops[i].op;
	fprintf(stderr, "nscbench: unknown comparison %s\n", op);
	exit(2);
}

static scmp_filter_ctx docker_filter(const char *path, int *nrules, int *nskipped)
{
	FILE *f = fopen(path, "r");
	char line[512];
	scmp_filter_ctx ctx = NULL;
	uint32_t def = 0;

	if (f == NULL)
		die(path);
	*nrules = *nskipped = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		char kind[16], action[16], name[64];
		unsigned errno_value;
		int n, off, nargs;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (sscanf(line, "%15s%n", kind, &off) != 1)
			continue;
		if (strcmp(kind, "default") == 0) {
			if (sscanf(line + off, "%15s %u", action, &errno_value) != 2)
				goto bad;
			def = parse_action(action, errno_value);
			ctx = seccomp_init(def);
			if (ctx == NULL)
				die("seccomp_init");
		} else if (strcmp(kind, "arch") == 0) {
			if (ctx == NULL || sscanf(line + off, "%63s", name) != 1)
				goto bad;
			uint32_t arch = seccomp_arch_resolve_name(name);
			if (arch == 0)
				goto bad;
			if ((errno = -seccomp_arch_add(ctx, arch)) != 0 && errno != EEXIST)
				die("seccomp_arch_add");
		} else if (strcmp(kind, "rule") == 0) {
			struct scmp_arg_cmp cmp[6];
			char *p;

			if (ctx == NULL || sscanf(line + off, "%15s %u %63s %d%n", action, &errno_value,
						  name, &nargs, &n) != 4 || nargs < 0 || nargs > 6)
				goto bad;
			p = line + off + n;
			for (int i = 0; i < nargs; i++) {
				unsigned idx;
				char op[16];
				unsigned long long a, b;
				int used;

				if (sscanf(p, "%u %15s %llu %llu%n", &idx, op, &a, &b, &used) != 4)
					goto bad;
				p += used;
				cmp[i] = (struct scmp_arg_cmp){ idx, parse_op(op), a, b };
			}
			uint32_t act = parse_action(action, errno_value);
			int nr = seccomp_syscall_resolve_name(name);
			if (nr == __NR_SCMP_ERROR) {
				(*nskipped)++; /* runc skips names its libseccomp does not know */
				continue;
			}
			if (act == def)
				continue; /* runc skips these too: libseccomp refuses them */
			int r = seccomp_rule_add_array(ctx, act, nr, (unsigned)nargs, cmp);
			if (r < 0) {
				errno = -r;
				die(name);
			}
			(*nrules)++;
		} else {
			goto bad;
		}
	}
	fclose(f);
	if (ctx == NULL)
		goto bad;
	return ctx;
bad:
	fprintf(stderr, "nscbench: %s: cannot read line: %s", path, line);
	exit(2);
}

/* ---- Filters --------------------------------------------------------------------------------- */

static int is_filtered(void)
{
	return prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == 2;
}

static void load_policy(const char *promises)
{
	nsc_policy *p = nsc_policy_new();

	if (p == NULL || nsc_policy_pledge(p, promises) < 0 || nsc_policy_load(p) < 0) {
		fprintf(stderr, "nscbench: pledge \"%s\": %s\n", promises,
			p ? nsc_policy_error(p) : "out of memory");
		exit(2);
	}
	nsc_policy_free(p);
}

/* The policy string of a configuration built by the library, or NULL. */
static const char *config_promises(const char *config)
{
	if (strcmp(config, "typical") == 0 || strcmp(config, "typical-o1") == 0)
		return TYPICAL;
	if (strcmp(config, "nonode") == 0 || strcmp(config, "nonode-o1") == 0)
		return NO_NODE;
	return NULL;
}

/* A rule that never matches: the call runs the filter, which then answers the default. */
static void never(scmp_filter_ctx ctx, int nr, unsigned arg)
{
	int r = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 1, SCMP_CMP(arg, SCMP_CMP_EQ, 0x7654321));

	if (r < 0) {
		errno = -r;
		die("argfloor rule");
	}
}

/* The libseccomp filter of the configurations that the library does not build. */
static scmp_filter_ctx config_ctx(const char *config, const char *docker)
{
	scmp_filter_ctx ctx;
	int r, nrules, nskipped;

	if (strcmp(config, "docker") == 0)
		return docker_filter(docker, &nrules, &nskipped);
	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (ctx == NULL)
		die("seccomp_init");
	if (strcmp(config, "floor") == 0) {
		/* The seccomp floor: default allow and one rule for a syscall nothing here makes.
		 * The kernel answers every other syscall from its cache, without running BPF. */
		r = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(acct), 0);
		if (r < 0) {
			errno = -r;
			die("floor rule");
		}
	} else if (strcmp(config, "argfloor") == 0) {
		/* The floor of any argument check: each measured call (getppid aside) has one
		 * comparison that never holds, so the kernel runs a short filter for it. */
		never(ctx, SCMP_SYS(fcntl), 1);
		never(ctx, SCMP_SYS(ioctl), 1);
		never(ctx, SCMP_SYS(mprotect), 2);
		never(ctx, SCMP_SYS(mmap), 2);
		never(ctx, SCMP_SYS(openat), 2);
	} else {
		fprintf(stderr, "nscbench: unknown configuration %s\n", config);
		exit(2);
	}
	return ctx;
}

/* Load the filter of a configuration. Returns 0, or exits. */
static void load_config(const char *config, const char *docker)
{
	scmp_filter_ctx ctx;
	int r;

	if (strcmp(config, "none") == 0)
		return;
	if (config_promises(config) != NULL) {
		load_policy(config_promises(config));
	} else {
		ctx = config_ctx(config, docker);
		r = seccomp_load(ctx);
		seccomp_release(ctx);
		if (r < 0) {
			errno = -r;
			die(config);
		}
	}
	if (!is_filtered()) {
		fprintf(stderr, "nscbench: %s: no filter after loading\n", config);
		exit(2);
	}
}

/* ---- The syscalls measured ------------------------------------------------------------------ */

/*
 * The memory calls work between PROT_NONE guard pages, so that the kernel's work does not
 * depend on what happens to be mapped next to them (which differs between the two binaries):
 * mprotect toggles a page between two guards (never merged with them), and mmap is given the
 * address of a one-page hole between two guards (munmap opens the hole again).
 */
struct fixture {
	const char *file; /* an existing file, opened read-only */
	int pipe_rd;      /* a pipe: fcntl and ioctl(FIONREAD) */
	char *page;       /* [guard][page][guard]: mprotect toggles the page */
	char *hole;       /* [guard][hole][guard]: mmap fills the hole, munmap empties it */
};

/* Each returns non-zero if the call failed (it must not under any configuration). */
static int do_getppid(struct fixture *fx, long i)
{
	(void)fx, (void)i;
	return syscall(SYS_getppid) <= 0;
}

static int do_fcntl(struct fixture *fx, long i)
{
	(void)i;
	return syscall(SYS_fcntl, fx->pipe_rd, F_GETFD) < 0;
}

static int do_ioctl(struct fixture *fx, long i)
{
	int n;

	(void)i;
	return syscall(SYS_ioctl, fx->pipe_rd, FIONREAD, &n) < 0;
}

static int do_mprotect(struct fixture *fx, long i)
{
	return syscall(SYS_mprotect, fx->page, 4096, (i & 1) ? PROT_READ : PROT_READ | PROT_WRITE) < 0;
}

static int do_mmap(struct fixture *fx, long i)
{
	long p = syscall(SYS_mmap, fx->hole, 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	(void)i;
	if (p != (long)fx->hole)
		return 1;
	return syscall(SYS_munmap, p, 4096) < 0;
}

static int do_openat(struct fixture *fx, long i)
{
	long fd = syscall(SYS_openat, AT_FDCWD, fx->file, O_RDONLY | O_CLOEXEC);

	(void)i;
	if (fd < 0)
		return 1;
	return syscall(SYS_close, fd) < 0;
}

static const struct {
	const char *name;
	int (*call)(struct fixture *, long);
	long loops;
} calls[] = {
	{ "getppid", do_getppid, 400000 },
	{ "fcntl(F_GETFD)", do_fcntl, 400000 },
	{ "ioctl(FIONREAD)", do_ioctl, 400000 },
	{ "mprotect", do_mprotect, 200000 },
	{ "mmap+munmap", do_mmap, 100000 },
	{ "openat+close", do_openat, 100000 },
};

static double scale(void)
{
	const char *s = getenv("NSCBENCH_SCALE");
	double v = s ? atof(s) : 1.0;

	return v > 0 ? v : 1.0;
}

static int child(const char *config, const char *file, const char *docker)
{
	struct fixture fx = { .file = file };
	int fds[2];
	char out[2048];
	size_t len = 0;

	no_core();
	if (pipe(fds) < 0)
		die("pipe");
	fx.pipe_rd = fds[0];
	fx.page = mmap(NULL, 3 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	fx.hole = mmap(NULL, 3 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (fx.page == MAP_FAILED || fx.hole == MAP_FAILED)
		die("mmap");
	fx.page += 4096;
	fx.hole += 4096;
	if (mprotect(fx.page, 4096, PROT_READ | PROT_WRITE) < 0 || munmap(fx.hole, 4096) < 0)
		die("guard pages");
	fx.page[0] = 1;

	load_config(config, docker);

	for (size_t c = 0; c < sizeof(calls) / sizeof(calls[0]); c++) {
		long loops = (long)(calls[c].loops * scale());
		double t0, t1;

		if (loops < 1000)
			loops = 1000;
		for (long i = 0; i < loops / 10; i++) /* warm up: caches, branch predictors */
			if (calls[c].call(&fx, i)) {
				fprintf(stderr, "nscbench: %s: %s failed: %s\n", config,
					calls[c].name, strerror(errno));
				return 2;
			}
		t0 = now_ns();
		for (long i = 0; i < loops; i++)
			calls[c].call(&fx, i);
		t1 = now_ns();
		len += (size_t)snprintf(out + len, sizeof(out) - len, "sys\t%s\t%s\t%.2f\n", config,
					calls[c].name, (t1 - t0) / (double)loops);
	}
	/* One write at the end: nothing else disturbs the loops. */
	if (write(1, out, len) != (ssize_t)len)
		return 2;
	return 0;
}

/* ---- Running children -------------------------------------------------------------------- */

/* Run argv in a child; 0 if it exited with 0, else print why not and return -1. */
static int run_child(char *const argv[])
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		no_core();
		execv(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid");
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFSIGNALED(status))
		printf("error\t%s %s\tkilled by signal %d (%s)\n", argv[1], argv[2] ? argv[2] : "",
		       WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		printf("error\t%s %s\texit status %d\n", argv[1], argv[2] ? argv[2] : "",
		       WEXITSTATUS(status));
	return -1;
}

static char self[4096];

static void find_self(void)
{
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n < 0)
		die("readlink /proc/self/exe");
	self[n] = '\0';
}

static int syscalls_driver(int reps, char *file, char *docker, char *o1)
{
	static const char *configs[] = { "none", "floor", "argfloor", "typical", "nonode",
					  "typical-o1", "nonode-o1", "docker" };
	const size_t n = sizeof(configs) / sizeof(configs[0]);
	int failures = 0;

	for (int rep = 0; rep < reps; rep++)
		for (size_t k = 0; k < n; k++) {
			const char *config = configs[(k + (size_t)rep) % n];
			char *bin = strstr(config, "-o1") ? o1 : self;
			char *argv[] = { bin, "child", (char *)config, file, docker, NULL };

			if (run_child(argv) < 0)
				failures++;
		}
	return failures ? 1 : 0;
}

/* ---- BPF sizes ------------------------------------------------------------------------------- */

/* Instructions of the policy's program as the library loads it (prefix included), or -1. */
static long bpf_insns(nsc_policy *p)
{
	int fd = memfd_create("nscbench", MFD_CLOEXEC);
	off_t size;

	if (fd < 0)
		die("memfd_create");
	if (nsc_policy_export_bpf(p, fd) < 0) {
		fprintf(stderr, "nscbench: export: %s\n", nsc_policy_error(p));
		close(fd);
		return -1;
	}
	size = lseek(fd, 0, SEEK_END);
	close(fd);
	return (long)size / 8;
}

static long promise_insns(const char *promises)
{
	nsc_policy *p = nsc_policy_new();
	long n = -1;

	if (p != NULL && nsc_policy_pledge(p, promises) == 0)
		n = bpf_insns(p);
	nsc_policy_free(p);
	return n;
}

static nsc_policy *all_groups(void)
{
	nsc_policy *p = nsc_policy_new();

	for (size_t g = 0; p != NULL && g < nsc_group_count(); g++)
		if (nsc_policy_allow_group(p, nsc_group_name(g)) < 0) {
			fprintf(stderr, "nscbench: group %s: %s\n", nsc_group_name(g),
				nsc_policy_error(p));
			exit(2);
		}
	return p;
}

static int bpf_sizes(const char *label, const char *docker)
{
	nsc_policy *p;

	for (size_t g = 0; g < nsc_group_count(); g++)
		printf("bpf\t%s\tgroup %s\t%ld\n", label, nsc_group_name(g),
		       promise_insns(nsc_group_name(g)));
	printf("bpf\t%s\tpolicy " TYPICAL "\t%ld\n", label, promise_insns(TYPICAL));
	printf("bpf\t%s\tpolicy " NO_NODE "\t%ld\n", label, promise_insns(NO_NODE));
	p = all_groups();
	printf("bpf\t%s\tall groups\t%ld\n", label, bpf_insns(p));
	nsc_policy_free(p);
	if (docker != NULL) {
		int nrules, nskipped, fd = memfd_create("nscbench", MFD_CLOEXEC);
		scmp_filter_ctx ctx = docker_filter(docker, &nrules, &nskipped);

		if (fd < 0 || seccomp_export_bpf(ctx, fd) < 0)
			die("docker export");
		printf("bpf\t%s\tDocker default profile\t%ld\n", label, (long)lseek(fd, 0, SEEK_END) / 8);
		printf("docker\trules\t%d\n", nrules);
		printf("docker\tskipped\t%d\n", nskipped);
		close(fd);
		seccomp_release(ctx);
	}
	return 0;
}

/* Every group at once must load: do it in a child, then make an allowed call under it. */
static int all_load(void)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		nsc_policy *p = all_groups();
		long n;

		no_core();
		n = bpf_insns(p);
		if (nsc_policy_load(p) < 0) {
			printf("allload\tfailed\t%ld\t%s\n", n, nsc_policy_error(p));
			_exit(1);
		}
		printf("allload\t%s\t%ld\tgetppid=%ld\n", is_filtered() ? "loaded" : "not-loaded", n,
		       (long)syscall(SYS_getppid));
		fflush(stdout);
		_exit(is_filtered() ? 0 : 1);
	}
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		printf("allload\tfailed\t-1\tstatus %d\n", status);
		return 1;
	}
	return 0;
}

/* ---- The path through the program ---------------------------------------------------------- */

/*
 * A classic-BPF interpreter over struct seccomp_data, to count the instructions the kernel runs
 * for one call (noise-free, unlike the timings). It also tells whether the path read an
 * argument: if not, and the answer is ALLOW, the kernel caches the answer for the syscall
 * number and runs no BPF at all for it (what seccomp_cache_prepare() finds).
 */
static int bpf_run(const struct sock_filter *prog, size_t len, const struct seccomp_data *d,
		   uint32_t *ret, int *read_args)
{
	uint32_t A = 0, X = 0, M[BPF_MEMWORDS] = { 0 };
	int n = 0;

	*read_args = 0;
	for (size_t pc = 0; pc < len;) {
		const struct sock_filter *f = &prog[pc++];
		uint32_t src = BPF_SRC(f->code) == BPF_X ? X : f->k;

		n++;
		switch (BPF_CLASS(f->code)) {
		case BPF_LD:
			if (BPF_MODE(f->code) == BPF_ABS && f->k + 4 <= sizeof(*d)) {
				memcpy(&A, (const char *)d + f->k, 4);
				if (f->k >= offsetof(struct seccomp_data, args))
					*read_args = 1;
			} else if (BPF_MODE(f->code) == BPF_IMM) {
				A = f->k;
			} else if (BPF_MODE(f->code) == BPF_MEM && f->k < BPF_MEMWORDS) {
				A = M[f->k];
			} else {
				return -1;
			}
			break;
		case BPF_LDX:
			if (BPF_MODE(f->code) == BPF_IMM)
				X = f->k;
			else if (BPF_MODE(f->code) == BPF_MEM && f->k < BPF_MEMWORDS)
				X = M[f->k];
			else
				return -1;
			break;
		case BPF_ST:
		case BPF_STX:
			if (f->k >= BPF_MEMWORDS)
				return -1;
			M[f->k] = BPF_CLASS(f->code) == BPF_ST ? A : X;
			break;
		case BPF_ALU:
			switch (BPF_OP(f->code)) {
			case BPF_ADD: A += src; break;
			case BPF_SUB: A -= src; break;
			case BPF_MUL: A *= src; break;
			case BPF_DIV: if (src == 0) return -1; A /= src; break;
			case BPF_MOD: if (src == 0) return -1; A %= src; break;
			case BPF_OR: A |= src; break;
			case BPF_AND: A &= src; break;
			case BPF_XOR: A ^= src; break;
			case BPF_LSH: A <<= (src & 31); break;
			case BPF_RSH: A >>= (src & 31); break;
			case BPF_NEG: A = -A; break;
			default: return -1;
			}
			break;
		case BPF_JMP:
			if (BPF_OP(f->code) == BPF_JA) {
				pc += f->k;
				break;
			}
			{
				int cond;
				switch (BPF_OP(f->code)) {
				case BPF_JEQ: cond = A == src; break;
				case BPF_JGT: cond = A > src; break;
				case BPF_JGE: cond = A >= src; break;
				case BPF_JSET: cond = (A & src) != 0; break;
				default: return -1;
				}
				pc += cond ? f->jt : f->jf;
			}
			break;
		case BPF_RET:
			*ret = BPF_RVAL(f->code) == BPF_A ? A : f->k;
			return n;
		case BPF_MISC:
			if (BPF_MISCOP(f->code) == BPF_TAX)
				X = A;
			else
				A = X;
			break;
		default:
			return -1;
		}
	}
	return -1;
}

/* The program of a configuration as it is loaded (the library's prefix included). */
static struct sock_filter *config_prog(const char *config, const char *docker, size_t *len)
{
	int fd = memfd_create("nscbench", MFD_CLOEXEC);
	const char *promises = config_promises(config);
	struct sock_filter *prog;
	off_t size;
	int r;

	if (fd < 0)
		die("memfd_create");
	if (promises != NULL) {
		nsc_policy *p = nsc_policy_new();
		r = p && nsc_policy_pledge(p, promises) == 0 ? nsc_policy_export_bpf(p, fd) : -EINVAL;
		nsc_policy_free(p);
	} else {
		scmp_filter_ctx ctx = config_ctx(config, docker);
		r = seccomp_export_bpf(ctx, fd);
		seccomp_release(ctx);
	}
	size = lseek(fd, 0, SEEK_END);
	if (r < 0 || size <= 0)
		die("export");
	prog = malloc((size_t)size);
	if (prog == NULL || pread(fd, prog, (size_t)size, 0) != size)
		die("read back the program");
	close(fd);
	*len = (size_t)size / sizeof(*prog);
	return prog;
}

/* The calls of the timed loops, as the filter sees them (one or two syscalls each). */
static const struct {
	const char *name;
	struct { int nr; uint64_t args[6]; } sys[2];
	int nsys;
} traced[] = {
	{ "getppid", { { SYS_getppid, { 0 } } }, 1 },
	{ "fcntl(F_GETFD)", { { SYS_fcntl, { 3, F_GETFD } } }, 1 },
	{ "ioctl(FIONREAD)", { { SYS_ioctl, { 3, FIONREAD, 0x7ffc0000 } } }, 1 },
	{ "mprotect", { { SYS_mprotect, { 0x7f0000000000, 4096, PROT_READ | PROT_WRITE } } }, 1 },
	{ "mmap+munmap",
	  { { SYS_mmap, { 0x7f0000000000, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  (uint64_t)-1, 0 } },
	    { SYS_munmap, { 0x7f0000000000, 4096 } } }, 2 },
	{ "openat+close",
	  { { SYS_openat, { (uint64_t)(int64_t)AT_FDCWD, 0x7ffc0000, O_RDONLY | O_CLOEXEC } },
	    { SYS_close, { 4 } } }, 2 },
};

static int path_report(int nconfigs, char **configs, const char *docker)
{
	for (int c = 0; c < nconfigs; c++) {
		size_t len;
		struct sock_filter *prog = config_prog(configs[c], docker, &len);

		for (size_t t = 0; t < sizeof(traced) / sizeof(traced[0]); t++) {
			char detail[160];
			size_t used = 0;
			int total = 0;

			for (int k = 0; k < traced[t].nsys; k++) {
				struct seccomp_data d = { .nr = traced[t].sys[k].nr,
							  .arch = AUDIT_ARCH_X86_64,
							  .instruction_pointer = 0x400000 };
				uint32_t ret;
				int read_args, n;

				memcpy(d.args, traced[t].sys[k].args, sizeof(d.args));
				n = bpf_run(prog, len, &d, &ret, &read_args);
				if (n < 0 || (ret & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_ALLOW) {
					fprintf(stderr, "nscbench: %s: %s: not allowed by the program\n",
						configs[c], traced[t].name);
					return 2;
				}
				if (read_args)
					total += n;
				used += (size_t)snprintf(detail + used, sizeof(detail) - used,
							 read_args ? "%s%d" : "%s(%d)", k ? " + " : "", n);
			}
			printf("path\t%s\t%s\t%d\t%s\n", configs[c], traced[t].name, total, detail);
		}
		free(prog);
	}
	return 0;
}

/* ---- Build and load latency ------------------------------------------------------------------- */

/* Not inlined: callgrind counts from its entry (--toggle-collect). */
__attribute__((noinline)) int bench_build_export(int fd)
{
	nsc_policy *p = nsc_policy_new();
	int r = p ? nsc_policy_pledge(p, TYPICAL) : -ENOMEM;

	if (r == 0)
		r = nsc_policy_export_bpf(p, fd);
	nsc_policy_free(p);
	return r;
}

static int once(const char *what)
{
	double t0, t1;
	int r;

	no_core();
	if (strcmp(what, "buildload") == 0) {
		t0 = now_ns();
		nsc_policy *p = nsc_policy_new();
		r = p ? nsc_policy_pledge(p, TYPICAL) : -ENOMEM;
		if (r == 0)
			r = nsc_policy_load(p);
		nsc_policy_free(p);
		t1 = now_ns();
		if (r == 0 && !is_filtered())
			r = -1;
	} else {
		int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);

		/* buildexport-warm: the second build in the process, after a first untimed one */
		if (strcmp(what, "buildexport-warm") == 0 && bench_build_export(fd) < 0)
			return 2;
		t0 = now_ns();
		r = bench_build_export(fd);
		t1 = now_ns();
	}
	if (r < 0)
		return 2;
	printf("lat\t%s-o%d\t%.0f\n", what, NSC_OPTIMIZE_LEVEL, t1 - t0);
	return 0;
}

static int latency_driver(int runs, char *o1)
{
	struct { char *bin; const char *kind; } kinds[] = {
		{ self, "buildload" }, { self, "buildexport" }, { self, "buildexport-warm" },
		{ o1, "buildload" }, { o1, "buildexport" },
	};
	int failures = 0;

	for (int i = 0; i < runs; i++)
		for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
			char *argv[] = { kinds[k].bin, "once", (char *)kinds[k].kind, NULL };
			if (run_child(argv) < 0)
				failures++;
		}
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	find_self();
	if (argc == 6 && strcmp(argv[1], "syscalls") == 0)
		return syscalls_driver(atoi(argv[2]), argv[3], argv[4], argv[5]);
	if (argc == 5 && strcmp(argv[1], "child") == 0)
		return child(argv[2], argv[3], argv[4]);
	if ((argc == 3 || argc == 4) && strcmp(argv[1], "bpf") == 0)
		return bpf_sizes(argv[2], argc == 4 ? argv[3] : NULL);
	if (argc == 2 && strcmp(argv[1], "allload") == 0)
		return all_load();
	if (argc == 4 && strcmp(argv[1], "latency") == 0)
		return latency_driver(atoi(argv[2]), argv[3]);
	if (argc == 3 && strcmp(argv[1], "once") == 0)
		return once(argv[2]);
	if (argc >= 4 && strcmp(argv[1], "path") == 0)
		return path_report(argc - 3, argv + 3, argv[2]);
	if (argc == 2 && strcmp(argv[1], "apilevel") == 0)
		return printf("%u\n", seccomp_api_get()) < 0;
	if (argc == 2 && strcmp(argv[1], "callgrind") == 0) {
		int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
		const char *level = getenv("NSCBENCH_SECCOMP_API");

		/* valgrind hides seccomp(2), so libseccomp would find API level 0 and refuse
		 * KILL_PROCESS: tell it the level found outside valgrind (tests/valgrind.sh does
		 * the same). Its probe is a few syscalls, which callgrind does not count anyway. */
		if (level != NULL)
			seccomp_api_set((unsigned)atoi(level));
		return bench_build_export(fd) < 0 ? 2 : 0;
	}
	fprintf(stderr, "usage: see the comment at the top of bench/nscbench.c\n");
	return 2;
}
