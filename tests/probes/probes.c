/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Group probes: for each group, what it must allow and what it must forbid, through the C API
 * on the real kernel. Each line of the table below is one child process.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "probe.h"

/* ---- files ------------------------------------------------------------------------------------ */

static int open_flags(const char *path, int flags)
{
	return result(syscall(SYS_openat, AT_FDCWD, path, flags, 0600));
}

static int read_existing(void) { return open_flags(EXISTING_FILE, O_RDONLY | O_CLOEXEC); }
static int write_existing(void) { return open_flags(EXISTING_FILE, O_WRONLY); }
static int append_existing(void) { return open_flags(EXISTING_FILE, O_WRONLY | O_APPEND); }
static int truncate_existing(void) { return open_flags(EXISTING_FILE, O_WRONLY | O_TRUNC); }
static int rdonly_truncate_existing(void) { return open_flags(EXISTING_FILE, O_RDONLY | O_TRUNC); }
static int readwrite_existing(void) { return open_flags(EXISTING_FILE, O_RDWR); }
static int create_new_exclusive(void) { return open_flags(fresh_name(), O_WRONLY | O_CREAT | O_EXCL); }
static int create_or_truncate(void) { return open_flags(fresh_name(), O_WRONLY | O_CREAT | O_TRUNC); }
static int create_readonly(void) { return open_flags(fresh_name(), O_RDONLY | O_CREAT); }
static int create_readwrite(void) { return open_flags(fresh_name(), O_RDWR | O_CREAT); }
static int open_tmpfile(void) { return open_flags(".", O_TMPFILE | O_RDWR); }
static int legacy_open_write(void) { return result(syscall(SYS_open, EXISTING_FILE, O_WRONLY)); }
static int legacy_open_read(void) { return result(syscall(SYS_open, EXISTING_FILE, O_RDONLY)); }
static int legacy_creat(void) { return result(syscall(SYS_creat, fresh_name(), 0600)); }
static int rename_over_existing(void)
{
	int fd = open(fresh_name(), O_WRONLY | O_CREAT | O_EXCL, 0600);
	return fd < 0 ? errno : result(rename(fresh_name(), EXISTING_FILE));
}

static int rename_without_replacing(void)
{
	char target[80];
	int fd = open(fresh_name(), O_WRONLY | O_CREAT | O_EXCL, 0600);

	snprintf(target, sizeof(target), "%s.moved", fresh_name());
	return fd < 0 ? errno : result(renameat2(AT_FDCWD, fresh_name(), AT_FDCWD, target, RENAME_NOREPLACE));
}

static int create_setuid_file(void) { return result(syscall(SYS_openat, AT_FDCWD, fresh_name(), O_WRONLY | O_CREAT | O_EXCL, 04755)); }
static int chmod_setuid(void) { return result(chmod(EXISTING_FILE, 04755)); }
static int chmod_setgid(void) { return result(chmod(EXISTING_FILE, 02755)); }
static int make_directory(void) { return result(mkdir(fresh_name(), 0700)); }
static int remove_existing(void) { return result(unlink(EXISTING_FILE)); }
static int stat_path(void) { struct stat st; return result(stat(EXISTING_FILE, &st)); }
static int fstat_open_descriptor(void) { struct stat st; return result(fstat(1, &st)); }
static int make_fifo(void) { return result(mknod(fresh_name(), S_IFIFO | 0600, 0)); }
static int make_char_device(void) { return result(mknod(fresh_name(), S_IFCHR | 0600, makedev(1, 3))); }
static int change_mode(void) { return result(chmod(EXISTING_FILE, 0644)); }
static int change_owner(void) { return result(chown(EXISTING_FILE, 0, 0)); }
static int lock_file(void) { return result(flock(0, LOCK_SH | LOCK_NB)); }
static int memfd(void) { return result(syscall(SYS_memfd_create, "probe", MFD_CLOEXEC)); }

static int fcntl_record_lock(void)
{
	struct flock lock = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
	int fd = open(EXISTING_FILE, O_RDONLY);

	return fd < 0 ? errno : result(fcntl(fd, F_GETLK, &lock));
}

/* ---- memory ----------------------------------------------------------------------------------- */

static int mmap_prot(int prot)
{
	void *p = mmap(NULL, 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? errno : 0;
}

static int map_readwrite(void) { return mmap_prot(PROT_READ | PROT_WRITE); }
static int map_executable(void) { return mmap_prot(PROT_READ | PROT_EXEC); }

static int mprotect_to(int prot, int use_pkey)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return errno;
	if (use_pkey)
		return result(syscall(SYS_pkey_mprotect, p, 4096, prot, -1));
	return result(mprotect(p, 4096, prot));
}

static int protect_readonly(void) { return mprotect_to(PROT_READ, 0); }
static int protect_executable(void) { return mprotect_to(PROT_READ | PROT_EXEC, 0); }
static int pkey_protect_executable(void) { return mprotect_to(PROT_READ | PROT_EXEC, 1); }

/* ---- descriptors ------------------------------------------------------------------------------ */

static int fcntl_getfl(void) { return result(fcntl(1, F_GETFL)); }
static int fcntl_getfd(void) { return result(fcntl(1, F_GETFD)); }
static int fcntl_dupfd(void) { return result(fcntl(1, F_DUPFD, 10)); }
static int fcntl_getown(void) { return result(fcntl(1, F_GETOWN)); }
static int fcntl_setown(void) { return result(fcntl(1, F_SETOWN, getpid())); }
static int ioctl_fionread(void)
{
	int fds[2], n;
	return pipe(fds) != 0 ? errno : result(ioctl(fds[0], FIONREAD, &n));
}
static int ioctl_tiocsti(void) { char c = 'x'; return result(ioctl(0, TIOCSTI, &c)); }
static int ioctl_tiocgwinsz(void) { struct winsize w; ioctl(0, TIOCGWINSZ, &w); return 0; }

/* ---- processes and signals -------------------------------------------------------------------- */

static int signal_self(void) { return result(kill(getpid(), 0)); }
static int signal_parent(void) { return result(kill(getppid(), 0)); }
static int tgkill_parent(void) { return result(syscall(SYS_tgkill, getppid(), getppid(), 0)); }

static int fork_child(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0)
		_exit(7);
	if (pid < 0)
		return errno;
	return waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 7 ? 0 : EPROTO;
}

static void *thread_body(void *arg) { return arg; }

static int start_thread(void)
{
	pthread_t t;
	int r = pthread_create(&t, NULL, thread_body, NULL);

	return r ? r : pthread_join(t, NULL);
}

static int clone_new_user_namespace(void)
{
	return result(syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0));
}

static int unshare_namespace(void) { return result(unshare(CLONE_NEWNS)); }

static int run_true(void)
{
	char *argv[] = { "true", NULL }, *envp[] = { NULL };
	return result(execve("/bin/true", argv, envp));
}

static int read_own_limit(void) { struct rlimit r; return result(getrlimit(RLIMIT_NOFILE, &r)); }

static int lower_own_limit(void)
{
	struct rlimit r = { 64, 64 };
	return result(setrlimit(RLIMIT_NOFILE, &r));
}

static int set_uid_root(void) { return result(setuid(0)); }

static int set_clock(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts); /* setting it to itself: harmless if it ever ran */
	return result(clock_settime(CLOCK_REALTIME, &ts));
}

/* ---- sockets ---------------------------------------------------------------------------------- */

static int sock(int family, int type, int protocol) { return result(socket(family, type, protocol)); }
static int tcp4(void) { return sock(AF_INET, SOCK_STREAM, 0); }
static int tcp4_flags(void) { return sock(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0); }
static int tcp4_protocol(void) { return sock(AF_INET, SOCK_STREAM, IPPROTO_TCP); }
static int udp6(void) { return sock(AF_INET6, SOCK_DGRAM, 0); }
static int raw4(void) { return sock(AF_INET, SOCK_RAW, IPPROTO_ICMP); }
static int icmp4_datagram(void) { return sock(AF_INET, SOCK_DGRAM, IPPROTO_ICMP); }
static int packet(void) { return sock(AF_PACKET, SOCK_RAW, 0); }
static int netlink(void) { return sock(AF_NETLINK, SOCK_RAW, 0); }
static int unix_stream(void) { return sock(AF_UNIX, SOCK_STREAM, 0); }
static int sctp4(void) { return sock(AF_INET, SOCK_STREAM, IPPROTO_SCTP); }

static int local_pair(void)
{
	int sv[2];
	return result(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
}

static int udp_sendto_loopback(void)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(9),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	return fd < 0 ? errno : result(sendto(fd, "x", 1, 0, (struct sockaddr *)&to, sizeof(to)));
}

static int sendto_connected(void)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
		return errno;
	return result(sendto(sv[0], "x", 1, 0, NULL, 0));
}

static int sendmsg_pair(void)
{
	int sv[2];
	struct iovec iov = { .iov_base = "x", .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) != 0)
		return errno;
	return result(sendmsg(sv[0], &msg, 0));
}

static int resolve_localhost(void)
{
	struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_STREAM }, *res;
	int r = getaddrinfo("localhost", "80", &hints, &res);
	struct sockaddr_in *a;

	if (r != 0)
		return EPROTO;
	a = (struct sockaddr_in *)res->ai_addr;
	return ntohl(a->sin_addr.s_addr) == INADDR_LOOPBACK ? 0 : EPROTO;
}

static const struct probe probes[] = {
	/* stdio */
	EXPECT_OK("stdio", fstat_open_descriptor),
	EXPECT_OK("stdio", map_readwrite),
	EXPECT_OK("stdio", protect_readonly),
	EXPECT_OK("stdio", fcntl_getfl),
	EXPECT_OK("stdio", fcntl_getfd),
	EXPECT_OK("stdio", fcntl_dupfd),
	EXPECT_KILL("stdio", fcntl_getown),
	EXPECT_OK("stdio", ioctl_fionread),
	EXPECT_OK("stdio", ioctl_tiocgwinsz),
	EXPECT_OK("stdio", signal_self),
	EXPECT_OK("stdio", start_thread),
	EXPECT_OK("stdio", local_pair),
	EXPECT_OK("stdio", sendto_connected),
	EXPECT_OK("stdio", read_own_limit),
	EXPECT_KILL("stdio", map_executable),
	EXPECT_KILL("stdio", protect_executable),
	EXPECT_KILL("stdio", pkey_protect_executable),
	EXPECT_KILL("stdio", fcntl_setown),
	EXPECT_KILL("stdio", ioctl_tiocsti),
	EXPECT_KILL("stdio", signal_parent),
	EXPECT_KILL("stdio", tgkill_parent),
	EXPECT_KILL("stdio", fork_child),
	EXPECT_KILL("stdio", run_true),
	EXPECT_KILL("stdio", tcp4),
	EXPECT_KILL("stdio", lower_own_limit),
	EXPECT_KILL("stdio", sendto_with_address),
	EXPECT_KILL("stdio", sendmsg_pair),
	EXPECT_KILL("stdio", read_existing),
	EXPECT_KILL("stdio", stat_path),
	EXPECT_KILL("stdio", memfd),
	/* rpath */
	EXPECT_OK("stdio rpath", read_existing),
	EXPECT_OK("stdio rpath", legacy_open_read),
	EXPECT_OK("stdio rpath", stat_path),
	EXPECT_KILL("stdio rpath", write_existing),
	EXPECT_KILL("stdio rpath", readwrite_existing),
	EXPECT_KILL("stdio rpath", rdonly_truncate_existing),
	EXPECT_KILL("stdio rpath", create_readonly),
	EXPECT_KILL("stdio rpath", open_tmpfile),
	EXPECT_KILL("stdio rpath", make_directory),
	/* wpath */
	EXPECT_OK("stdio wpath", write_existing),
	EXPECT_OK("stdio wpath", append_existing),
	EXPECT_OK("stdio wpath", truncate_existing),
	EXPECT_OK("stdio wpath", legacy_open_write),
	EXPECT_OK("stdio rpath wpath", readwrite_existing),
	EXPECT_KILL("stdio wpath", read_existing),
	EXPECT_KILL("stdio wpath", readwrite_existing),
	EXPECT_KILL("stdio wpath", create_or_truncate),
	EXPECT_KILL("stdio wpath", remove_existing),
	/* cpath */
	EXPECT_OK("stdio cpath", create_new_exclusive),
	EXPECT_OK("stdio cpath", make_directory),
	EXPECT_OK("stdio cpath", remove_existing),
	EXPECT_OK("stdio cpath wpath", create_or_truncate),
	EXPECT_OK("stdio cpath wpath", legacy_creat),
	EXPECT_OK("stdio cpath rpath", create_readonly),
	EXPECT_OK("stdio cpath wpath rpath", create_readwrite),
	EXPECT_KILL("stdio cpath", read_existing),
	EXPECT_KILL("stdio cpath", truncate_existing),
	EXPECT_KILL("stdio cpath", write_existing),
	EXPECT_KILL("stdio cpath", create_or_truncate),
	EXPECT_KILL("stdio cpath", legacy_creat),
	EXPECT_KILL("stdio cpath", create_readonly),
	EXPECT_KILL("stdio cpath wpath", create_readwrite),
	EXPECT_KILL("stdio cpath", rename_over_existing),
	EXPECT_OK("stdio cpath wpath", rename_over_existing),
	EXPECT_OK("stdio cpath", rename_without_replacing),
	EXPECT_KILL("stdio cpath", create_setuid_file),
	EXPECT_KILL("stdio cpath wpath rpath", create_setuid_file),
	/* dpath, tmppath, fattr, chown, flock */
	EXPECT_OK("stdio dpath", make_fifo),
	EXPECT_KILL("stdio dpath", make_char_device),
	EXPECT_OK("stdio tmppath", open_tmpfile),
	EXPECT_OK("stdio tmppath", memfd),
	EXPECT_KILL("stdio tmppath", read_existing),
	EXPECT_OK("stdio fattr", change_mode),
	EXPECT_KILL("stdio", change_mode),
	EXPECT_KILL("stdio fattr", chmod_setuid),
	EXPECT_KILL("stdio fattr", chmod_setgid),
	EXPECT_OK("stdio chown", change_owner),
	EXPECT_KILL("stdio fattr", change_owner),
	EXPECT_OK("stdio flock", lock_file),
	EXPECT_OK("stdio rpath flock", fcntl_record_lock),
	EXPECT_KILL("stdio", lock_file),
	EXPECT_KILL("stdio rpath", fcntl_record_lock),
	/* tty */
	EXPECT_KILL("stdio tty", ioctl_tiocsti),
	/* inet, unix, dns */
	EXPECT_OK("stdio inet", tcp4),
	EXPECT_OK("stdio inet", tcp4_flags),
	EXPECT_OK("stdio inet", tcp4_protocol),
	EXPECT_OK("stdio inet", udp6),
	EXPECT_OK("stdio inet", udp_sendto_loopback),
	EXPECT_KILL("stdio inet", raw4),
	EXPECT_KILL("stdio inet", icmp4_datagram),
	EXPECT_KILL("stdio inet", packet),
	EXPECT_KILL("stdio inet", netlink),
	EXPECT_KILL("stdio inet", unix_stream),
	EXPECT_KILL("stdio inet", sctp4),
	EXPECT_OK("stdio unix", unix_stream),
	EXPECT_KILL("stdio unix", tcp4),
	EXPECT_KILL("stdio unix", udp6),
	EXPECT_OK("stdio dns", resolve_localhost),
	EXPECT_ERRNO("stdio dns", unix_stream, EACCES),
	EXPECT_ERRNO("stdio dns", netlink, EACCES),
	EXPECT_OK("stdio dns unix", unix_stream),
	EXPECT_KILL("stdio dns", packet),
	EXPECT_KILL("stdio dns", raw4),
	/* sendfd, recvfd */
	EXPECT_OK("stdio sendfd", sendmsg_pair),
	/* proc, exec, id, settime */
	EXPECT_OK("stdio proc", fork_child),
	EXPECT_OK("stdio proc", signal_parent),
	EXPECT_OK("stdio proc", lower_own_limit),
	EXPECT_KILL("stdio proc", clone_new_user_namespace),
	EXPECT_KILL("stdio proc", unshare_namespace),
	EXPECT_OK("stdio rpath exec prot_exec", run_true),
	EXPECT_KILL("stdio rpath exec", run_true),
	EXPECT_OK("stdio prot_exec", map_executable),
	EXPECT_OK("stdio prot_exec", protect_executable),
	EXPECT_OK("stdio id", set_uid_root),
	EXPECT_KILL("stdio", set_uid_root),
	EXPECT_KILL("stdio", set_clock),
};

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (geteuid() != 0)
		fprintf(stderr, "probes: not root; chown, mknod and setuid probes expect root\n");
	return run_probes("group probes", probes, sizeof(probes) / sizeof(probes[0]), 0);
}
