/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The escape suite: attempts to do a forbidden thing through another door, each under the
 * groups that should stop it. Every attempt must end blocked: killed by SIGSYS, or the
 * documented errno (ENOSYS for clone3, openat2 and io_uring), or, for attempts whose harm is
 * a gain rather than a call (setuid binaries), a check that nothing was gained.
 * A door found open is fixed in lib/groups.c, never here.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/keyctl.h>
#include <linux/perf_event.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <net/if.h>
#include <unistd.h>

#include <nodeseccomp.h>

#include "../probes/probe.h"

#define NR(name) ((long)SYS_##name)

/* ---- other doors to files --------------------------------------------------------------------- */

static int openat2_write(void)
{
	struct { unsigned long long flags, mode, resolve; } how = { O_WRONLY, 0, 0 };
	return result(syscall(NR(openat2), AT_FDCWD, EXISTING_FILE, &how, sizeof(how)));
}

static int open_by_handle(void)
{
	char buf[sizeof(struct file_handle) + 128] = { 0 };
	struct file_handle *h = (struct file_handle *)buf;

	h->handle_bytes = 8;
	return result(syscall(NR(open_by_handle_at), AT_FDCWD, h, O_RDWR));
}

static int io_uring_read(void)
{
	char params[120] = { 0 };
	return result(syscall(NR(io_uring_setup), 8, params));
}

static int rdwr_under_rpath(void) { return result(open(EXISTING_FILE, O_RDWR)); }
static int read_under_cpath(void) { return result(open(EXISTING_FILE, O_RDONLY)); }
static int truncate_under_cpath(void) { return result(open(EXISTING_FILE, O_WRONLY | O_TRUNC)); }
static int truncate_path_under_rpath(void) { return result(truncate(EXISTING_FILE, 0)); }
static int fsopen_mount_api(void) { return result(syscall(NR(fsopen), "tmpfs", 0)); }
static int open_tree_clone(void) { return result(syscall(NR(open_tree), AT_FDCWD, "/", 1)); }
/* Planting a set-user-ID program for others, by creating one or by chmod. */
static int plant_setuid_by_open(void) { return result(syscall(NR(openat), AT_FDCWD, "planted", O_WRONLY | O_CREAT | O_TRUNC, 04755)); }
static int plant_setuid_by_chmod(void) { return result(chmod(EXISTING_FILE, 04755)); }
static int plant_setgid_by_fchmodat(void) { return result(syscall(NR(fchmodat), AT_FDCWD, EXISTING_FILE, 02755)); }
static int overwrite_by_rename(void)
{
	int fd = open("replacement", O_WRONLY | O_CREAT | O_EXCL, 0600);
	return fd < 0 ? errno : result(rename("replacement", EXISTING_FILE));
}

static int chroot_escape(void) { return result(chroot(".")); }
static int mount_tmpfs(void) { return result(mount("none", ".", "tmpfs", 0, NULL)); }

/* ---- other processes -------------------------------------------------------------------------- */

static int ptrace_parent(void) { return result(ptrace(PTRACE_ATTACH, getppid(), 0, 0)); }
static int ptrace_traceme(void) { return result(ptrace(PTRACE_TRACEME, 0, 0, 0)); }

static int vm_write_parent(void)
{
	char data[8] = { 0 };
	struct iovec local = { data, sizeof(data) }, remote = { data, sizeof(data) };
	return result(syscall(NR(process_vm_writev), getppid(), &local, 1, &remote, 1, 0));
}

static int vm_read_parent(void)
{
	char data[8];
	struct iovec local = { data, sizeof(data) }, remote = { data, sizeof(data) };
	return result(syscall(NR(process_vm_readv), getppid(), &local, 1, &remote, 1, 0));
}

static int kill_parent(void) { return result(kill(getppid(), 0)); }
static int kill_process_group(void) { return result(kill(0, 0)); }
static int tgkill_parent(void) { return result(syscall(NR(tgkill), getppid(), getppid(), 0)); }
static int tkill_parent(void) { return result(syscall(NR(tkill), getppid(), 0)); }

static int pidfd_signal_parent(void)
{
	long fd = syscall(NR(pidfd_open), getppid(), 0);
	return fd < 0 ? errno : result(syscall(NR(pidfd_send_signal), fd, 0, NULL, 0));
}

static int robust_list_of_parent(void)
{
	void *head;
	size_t len;
	return result(syscall(NR(get_robust_list), getppid(), &head, &len));
}

static int fork_under_stdio(void) { return result(syscall(NR(fork))); }
static int vfork_under_stdio(void) { return result(syscall(NR(vfork))); }

static int clone_flags(unsigned long flags) { return result(syscall(NR(clone), flags | SIGCHLD, 0, 0, 0, 0)); }
static int clone_new_user(void) { return clone_flags(CLONE_NEWUSER); }
static int clone_new_mount(void) { return clone_flags(CLONE_NEWNS); }
static int clone_new_pid(void) { return clone_flags(CLONE_NEWPID); }
static int clone_new_net(void) { return clone_flags(CLONE_NEWNET); }

static int clone3_new_user(void)
{
	struct { unsigned long long flags, pidfd, child_tid, parent_tid, exit_signal, stack,
		 stack_size, tls; } args = { .flags = CLONE_NEWUSER, .exit_signal = SIGCHLD };
	return result(syscall(NR(clone3), &args, sizeof(args)));
}

static int unshare_user(void) { return result(unshare(CLONE_NEWUSER)); }
static int setns_self(void) { return result(setns(0, 0)); }

static int memfd_then_execveat(void)
{
	char *argv[] = { "x", NULL }, *envp[] = { NULL };
	long fd = syscall(NR(memfd_create), "payload", 0);

	if (fd < 0)
		return errno;
	return result(syscall(NR(execveat), fd, "", argv, envp, AT_EMPTY_PATH));
}

static int memfd_under_stdio(void) { return result(syscall(NR(memfd_create), "payload", 0)); }

static int execve_without_exec(void)
{
	char *argv[] = { "true", NULL }, *envp[] = { NULL };
	return result(execve("/bin/true", argv, envp));
}

/*
 * A setuid-root copy of id(1), run as nobody under a filter that allows exec: no-new-privs
 * must keep the effective uid at nobody. Returns 0 when nothing was gained.
 */
static int setuid_binary_gains_nothing(void)
{
	char *argv[] = { "id", "-u", NULL }, *envp[] = { NULL };
	char out[32] = { 0 };
	int fds[2], status;
	pid_t pid;

	if (pipe(fds) != 0)
		return errno;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		execve("./setuid-id", argv, envp);
		_exit(127);
	}
	close(fds[1]);
	if (read(fds[0], out, sizeof(out) - 1) <= 0 || waitpid(pid, &status, 0) != pid)
		return EPROTO;
	return atoi(out) == 65534 ? 0 : EPERM;
}

static void become_nobody(void)
{
	if (setgid(65534) != 0 || setuid(65534) != 0)
		_exit(EPROTO);
}

static int personality_exec(void) { return result(personality(READ_IMPLIES_EXEC)); }

/* ---- executable memory ------------------------------------------------------------------------ */

static int mmap_exec(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? errno : 0;
}

static int protect_exec(int pkey)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return errno;
	return pkey ? result(syscall(NR(pkey_mprotect), p, 4096, PROT_READ | PROT_EXEC, -1))
		    : result(mprotect(p, 4096, PROT_READ | PROT_EXEC));
}

static int mprotect_exec(void) { return protect_exec(0); }
static int pkey_mprotect_exec(void) { return protect_exec(1); }

static int remap_file_pages_door(void)
{
	void *p = mmap(NULL, 4096, PROT_READ, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? errno : result(syscall(NR(remap_file_pages), p, 4096, 0, 0, 0));
}

/* ---- sockets ---------------------------------------------------------------------------------- */

static int sock(int family, int type, int protocol) { return result(socket(family, type, protocol)); }
static int packet_socket(void) { return sock(AF_PACKET, SOCK_RAW, 0); }
static int netlink_socket(void) { return sock(AF_NETLINK, SOCK_RAW, 0); }
static int raw_inet_socket(void) { return sock(AF_INET, SOCK_RAW, IPPROTO_RAW); }
static int raw_via_type_bits(void) { return sock(AF_INET, SOCK_RAW | SOCK_NONBLOCK, 0); }
static int inet6_under_unix(void) { return sock(AF_INET6, SOCK_STREAM, 0); }
static int vsock_socket(void) { return sock(40 /* AF_VSOCK */, SOCK_STREAM, 0); }
static int upper_bits_family(void) { return result(syscall(NR(socket), 0x100000000L | AF_PACKET, SOCK_RAW, 0)); }

static int bind_to_device(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	return fd < 0 ? errno : result(setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3));
}

static int interface_ioctl(void)
{
	struct ifreq ifr = { 0 };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	strcpy(ifr.ifr_name, "lo");
	return fd < 0 ? errno : result(ioctl(fd, SIOCSIFFLAGS, &ifr));
}

/* ---- descriptors and terminals ---------------------------------------------------------------- */

static int tiocsti(void) { char c = 'x'; return result(ioctl(0, TIOCSTI, &c)); }
static int fcntl_setown(void) { return result(fcntl(1, F_SETOWN, getppid())); }
static int fcntl_setsig(void) { return result(fcntl(1, F_SETSIG, SIGKILL)); }

/* ---- the kernel ------------------------------------------------------------------------------- */

static int keyctl_door(void) { return result(syscall(NR(keyctl), KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0)); }
static int add_key_door(void) { return result(syscall(NR(add_key), "user", "x", "y", 1, KEY_SPEC_PROCESS_KEYRING)); }

static int bpf_door(void)
{
	union bpf_attr attr = { .map_type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 4, .max_entries = 1 };
	return result(syscall(NR(bpf), BPF_MAP_CREATE, &attr, sizeof(attr)));
}

static int perf_door(void)
{
	struct perf_event_attr attr = { .type = PERF_TYPE_SOFTWARE, .size = sizeof(attr),
					.config = PERF_COUNT_SW_CPU_CLOCK };
	return result(syscall(NR(perf_event_open), &attr, 0, -1, -1, 0));
}

static int userfaultfd_door(void) { return result(syscall(NR(userfaultfd), 0)); }
static int kexec_door(void) { return result(syscall(NR(kexec_load), 0, 0, NULL, 0)); }
static int init_module_door(void) { return result(syscall(NR(init_module), NULL, 0, "")); }
static int setuid_root(void) { return result(setuid(0)); }
static int setgroups_door(void) { gid_t g = 0; return result(syscall(NR(setgroups), 1, &g)); }
static int capset_door(void) { return result(syscall(NR(capset), NULL, NULL)); }
static int syslog_door(void) { return result(syscall(NR(syslog), 3, NULL, 0)); }
static int acct_door(void) { return result(syscall(NR(acct), NULL)); }
static int reboot_door(void) { return result(syscall(NR(reboot), 0, 0, 0, NULL)); }
static int swapon_door(void) { return result(syscall(NR(swapon), "x", 0)); }

static int prctl_set_dumpable(void) { return result(prctl(PR_SET_DUMPABLE, 1)); }
static int prctl_set_mm(void) { return result(prctl(PR_SET_MM, PR_SET_MM_START_CODE, 0, 0, 0)); }
static int prctl_ambient_caps(void) { return result(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)); }
static int prctl_clear_no_new_privs(void) { return result(prctl(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0)); }
static int prctl_seccomp_mode(void) { return result(prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, NULL)); }

static int seccomp_drop_ssb_mitigation(void)
{
	return result(syscall(NR(seccomp), SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_SPEC_ALLOW, NULL));
}

/* ---- foreign entry ------------------------------------------------------------------------------ */

#if defined(__x86_64__)
static int x32_socket(void) { return result(syscall(NR(socket) | 0x40000000, AF_INET, SOCK_STREAM, 0)); }
static int x32_allowed_call(void) { return result(syscall(NR(getpid) | 0x40000000)); }

static int i386_int80(void)
{
	long ret;
	/* socketcall on i386 is 102; any i386 entry must be killed. */
	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(102L), "b"(1L), "c"(0L) : "memory");
	return ret < 0 ? (int)-ret : 0;
}
#endif

/* ---- a second, looser filter ------------------------------------------------------------------- */

static int widen_with_second_filter(void)
{
	char err[256];

	if (nsc_pledge("stdio inet", err, sizeof(err)) != 0)
		return EPROTO;
	return result(socket(AF_INET, SOCK_STREAM, 0));
}

static const struct probe attempts[] = {
	/* files through other doors */
	EXPECT_ERRNO("stdio rpath", openat2_write, ENOSYS),
	EXPECT_KILL("stdio rpath", open_by_handle),
	EXPECT_ERRNO("stdio rpath wpath", io_uring_read, ENOSYS),
	EXPECT_KILL("stdio rpath", rdwr_under_rpath),
	EXPECT_KILL("stdio cpath", read_under_cpath),
	EXPECT_KILL("stdio cpath", truncate_under_cpath),
	EXPECT_KILL("stdio rpath", truncate_path_under_rpath),
	EXPECT_KILL("stdio rpath wpath cpath", plant_setuid_by_open),
	EXPECT_KILL("stdio rpath fattr", plant_setuid_by_chmod),
	EXPECT_KILL("stdio rpath fattr", plant_setgid_by_fchmodat),
	EXPECT_KILL("stdio rpath cpath", overwrite_by_rename),
	EXPECT_KILL("stdio rpath wpath cpath", fsopen_mount_api),
	EXPECT_KILL("stdio rpath wpath cpath", open_tree_clone),
	EXPECT_KILL("stdio rpath wpath cpath", chroot_escape),
	EXPECT_KILL("stdio rpath wpath cpath", mount_tmpfs),
	/* other processes */
	EXPECT_KILL("stdio proc", ptrace_parent),
	EXPECT_KILL("stdio proc", ptrace_traceme),
	EXPECT_KILL("stdio proc", vm_write_parent),
	EXPECT_KILL("stdio proc", vm_read_parent),
	EXPECT_KILL("stdio", kill_parent),
	EXPECT_KILL("stdio", kill_process_group),
	EXPECT_KILL("stdio", tgkill_parent),
	EXPECT_KILL("stdio", tkill_parent),
	EXPECT_KILL("stdio", pidfd_signal_parent),
	EXPECT_KILL("stdio", robust_list_of_parent),
	EXPECT_KILL("stdio", fork_under_stdio),
	EXPECT_KILL("stdio", vfork_under_stdio),
	EXPECT_KILL("stdio proc", clone_new_user),
	EXPECT_KILL("stdio proc", clone_new_mount),
	EXPECT_KILL("stdio proc", clone_new_pid),
	EXPECT_KILL("stdio proc", clone_new_net),
	EXPECT_ERRNO("stdio proc", clone3_new_user, ENOSYS),
	EXPECT_KILL("stdio proc", unshare_user),
	EXPECT_KILL("stdio proc", setns_self),
	EXPECT_KILL("stdio tmppath", memfd_then_execveat),
	EXPECT_KILL("stdio", memfd_under_stdio),
	EXPECT_KILL("stdio rpath prot_exec", execve_without_exec),
	EXPECT_OK_AFTER(become_nobody, "stdio rpath proc exec prot_exec", setuid_binary_gains_nothing),
	EXPECT_KILL("stdio proc", personality_exec),
	/* executable memory */
	EXPECT_KILL("stdio", mmap_exec),
	EXPECT_KILL("stdio", mprotect_exec),
	EXPECT_KILL("stdio", pkey_mprotect_exec),
	EXPECT_KILL("stdio", remap_file_pages_door),
	/* sockets */
	EXPECT_KILL("stdio inet", packet_socket),
	EXPECT_KILL("stdio inet", netlink_socket),
	EXPECT_KILL("stdio inet", raw_inet_socket),
	EXPECT_KILL("stdio inet", raw_via_type_bits),
	EXPECT_KILL("stdio inet", vsock_socket),
	EXPECT_KILL("stdio inet", upper_bits_family),
	EXPECT_KILL("stdio unix", inet6_under_unix),
	EXPECT_KILL("stdio", sendto_with_address),
	EXPECT_KILL("stdio inet", bind_to_device),
	EXPECT_KILL("stdio inet", interface_ioctl),
	/* descriptors and terminals */
	EXPECT_KILL("stdio tty", tiocsti),
	EXPECT_KILL("stdio", fcntl_setown),
	EXPECT_KILL("stdio", fcntl_setsig),
	/* the kernel */
	EXPECT_KILL("stdio", keyctl_door),
	EXPECT_KILL("stdio", add_key_door),
	EXPECT_KILL("stdio", bpf_door),
	EXPECT_KILL("stdio", perf_door),
	EXPECT_KILL("stdio", userfaultfd_door),
	EXPECT_KILL("stdio proc", kexec_door),
	EXPECT_KILL("stdio proc", init_module_door),
	EXPECT_KILL("stdio proc", setuid_root),
	EXPECT_KILL("stdio proc", setgroups_door),
	EXPECT_KILL("stdio proc", capset_door),
	EXPECT_KILL("stdio", syslog_door),
	EXPECT_KILL("stdio proc", acct_door),
	EXPECT_KILL("stdio proc", reboot_door),
	EXPECT_KILL("stdio proc", swapon_door),
	EXPECT_KILL("stdio", prctl_set_dumpable),
	EXPECT_KILL("stdio", prctl_set_mm),
	EXPECT_KILL("stdio", prctl_ambient_caps),
	EXPECT_KILL("stdio", prctl_clear_no_new_privs),
	EXPECT_KILL("stdio", prctl_seccomp_mode),
	EXPECT_ERRNO("stdio", seccomp_drop_ssb_mitigation, EINVAL),
#if defined(__x86_64__)
	EXPECT_KILL("stdio inet", x32_socket),
	EXPECT_KILL("stdio", x32_allowed_call),
	EXPECT_KILL("stdio inet", i386_int80),
#endif
	EXPECT_KILL("stdio", widen_with_second_filter),
};

/* A setuid-root copy of id(1) in the scratch directory, for setuid_binary_gains_nothing. */
static int make_setuid_id(void)
{
	return system("cp /usr/bin/id ./setuid-id && chown root:root ./setuid-id && "
		      "chmod 4755 ./setuid-id");
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (geteuid() != 0) {
		printf("escape suite: needs root (setuid binary, nobody)\n");
		return 77;
	}
	return run_probes_with_setup("escape suite", attempts, sizeof(attempts) / sizeof(attempts[0]),
				     1, make_setuid_id);
}
