/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The final program: libseccomp's filter behind a short prefix that answers ENOSYS for syscall
 * numbers newer than libseccomp's table, so that libc and libuv, which probe new syscalls, fall
 * back instead of the process being killed. libseccomp cannot express a range of numbers; in
 * BPF it is one comparison. Classic BPF jumps are relative, so prepending is safe.
 *
 *   ld  arch ; jne NATIVE -> libseccomp     (foreign arches: libseccomp kills them)
 *   ld  nr   ; jge X32_BIT -> libseccomp    (x86_64 only: x32 numbers are killed)
 *   jgt NEWEST_KNOWN -> ret ERRNO(ENOSYS)
 *   <libseccomp's program>
 */
#include "config.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "bpf.h"
#include "internal.h"

#define X32_SYSCALL_BIT 0x40000000u

/* Recent syscalls, newest last: where to start looking for the newest one libseccomp knows. */
static const char *const recent_syscalls[] = {
	"pidfd_open", "clone3", "openat2", "pidfd_getfd", "faccessat2", "process_madvise",
	"epoll_pwait2", "mount_setattr", "quotactl_fd", "landlock_restrict_self", "memfd_secret",
	"process_mrelease", "futex_waitv", "set_mempolicy_home_node", "cachestat", "fchmodat2",
	"map_shadow_stack", "futex_wake", "futex_wait", "futex_requeue", "statmount", "listmount",
	"lsm_get_self_attr", "lsm_set_self_attr", "lsm_list_modules", "mseal", "setxattrat",
	"getxattrat", "listxattrat", "removexattrat", "open_tree_attr", "file_getattr",
	"file_setattr",
};

static bool known_number(int nr)
{
	char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);

	free(name);
	return name != NULL;
}

/*
 * The newest native syscall number libseccomp knows, found once (it does not change): the
 * highest of the recent names it resolves, then upwards past any it knows beyond them (up to
 * 64 unknown numbers in a row). Resolving numbers downwards from 1023 finds the same, but each
 * unknown number costs a full table search: this was a quarter of building a policy.
 */
static int newest_known_syscall(void)
{
	static atomic_int cached = -1;
	int newest = atomic_load_explicit(&cached, memory_order_relaxed);

	if (newest >= 0)
		return newest;
	for (size_t i = 0; i < sizeof(recent_syscalls) / sizeof(recent_syscalls[0]); i++) {
		int nr = seccomp_syscall_resolve_name(recent_syscalls[i]);
		if (nr > newest)
			newest = nr;
	}
	if (newest < 0) { /* none of them: an architecture unlike the usual ones */
		for (newest = NSC_SYSCALL_SCAN_MAX - 1; newest > 0 && !known_number(newest); newest--)
			;
	} else {
		for (int gap = 1; gap <= 64 && newest + gap < NSC_SYSCALL_SCAN_MAX; gap++) {
			if (known_number(newest + gap)) {
				newest += gap;
				gap = 0;
			}
		}
	}
	atomic_store_explicit(&cached, newest, memory_order_relaxed);
	return newest;
}

/* Architectures whose syscall numbers are one dense range (no private high numbers, as ARM
 * has): only there does "above the newest known" mean "newer". */
static int prefix_supported(uint32_t *audit_arch, int *x32)
{
	switch (seccomp_arch_native()) {
	case SCMP_ARCH_X86_64:
		*audit_arch = AUDIT_ARCH_X86_64;
		*x32 = 1;
		return 1;
	case SCMP_ARCH_AARCH64:
		*audit_arch = AUDIT_ARCH_AARCH64;
		*x32 = 0;
		return 1;
	default:
		return 0;
	}
}

static size_t write_prefix(struct sock_filter *out)
{
	uint32_t arch;
	int x32;
	size_t n = 0;

	if (!prefix_supported(&arch, &x32))
		return 0;
	/* Jump offsets count from the next instruction; "rest" is the first of libseccomp's. */
	size_t len = x32 ? 6 : 5;
	out[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
						offsetof(struct seccomp_data, arch));
	out[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, arch, 0,
					      (unsigned char)(len - n - 1));
	n++;
	out[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
						offsetof(struct seccomp_data, nr));
	if (x32) {
		out[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, X32_SYSCALL_BIT,
						      (unsigned char)(len - n - 1), 0);
		n++;
	}
	out[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K,
						(uint32_t)newest_known_syscall(), 0, 1);
	out[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS);
	return n;
}

int nsc_bpf_render(scmp_filter_ctx ctx, struct sock_filter **prog, size_t *len)
{
	struct sock_filter prefix[8];
	size_t nprefix = write_prefix(prefix);
	struct sock_filter *out;
	off_t size;
	int fd, r;

	*prog = NULL;
	*len = 0;
	fd = memfd_create("nodeseccomp-bpf", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = seccomp_export_bpf(ctx, fd);
	size = r < 0 ? 0 : lseek(fd, 0, SEEK_END);
	if (r == 0 && (size <= 0 || size % sizeof(struct sock_filter) != 0))
		r = -EIO;
	out = r == 0 ? malloc(nprefix * sizeof(*out) + (size_t)size) : NULL;
	if (r == 0 && out == NULL)
		r = -ENOMEM;
	if (r == 0 && pread(fd, out + nprefix, (size_t)size, 0) != size)
		r = -EIO;
	close(fd);
	if (r < 0) {
		free(out);
		return r;
	}
	memcpy(out, prefix, nprefix * sizeof(*out));
	*prog = out;
	*len = nprefix + (size_t)size / sizeof(*out);
	if (*len > BPF_MAXINSNS) {
		free(out);
		*prog = NULL;
		return -E2BIG;
	}
	return 0;
}

int nsc_bpf_load(const struct sock_filter *prog, size_t len)
{
	struct sock_fprog fprog = { .len = (unsigned short)len, .filter = (struct sock_filter *)prog };
	long r;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -errno;
	r = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &fprog);
	if (r > 0)
		return -ESRCH; /* TSYNC: r is the id of a thread that could not be synchronised */
	return r < 0 ? -errno : 0;
}
