/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The learn penalty: the policy is loaded with SECCOMP_RET_USER_NOTIF as its default action,
 * and a supervisor thread of this very process answers every notification "continue" after
 * recording the call. Nothing is blocked; nsc_learn_report() then says what the policy lacked.
 * It is for finding out what a program needs, never for protection.
 *
 * The supervisor exists before the filter is loaded (TSYNC puts it under the filter too), so
 * whatever it does must be allowed or it would wait on itself: it only makes the three
 * notification ioctls and futex calls, which the policy gains in this mode, and records into
 * room reserved beforehand. It has started before the filter is loaded.
 *
 * A child forked by the process keeps the filter but not the supervisor: while the parent
 * lives, the parent's supervisor answers for it; a child that outlives its parent waits
 * forever at its next call the policy lacks. Learn in programs whose children end first.
 */
#include "config.h"

#include <errno.h>
#include <linux/futex.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "nodeseccomp.h"
#include "internal.h"
#include "learn.h"
#include "selflearn.h"

#define ROOM 1024 /* distinct calls the supervisor can record */

static struct {
	nsc_learner *learner;
	pthread_mutex_t lock;
	pid_t pid;
	atomic_int fd; /* the listener once loaded, else -1 */
	pthread_t thread;
	int prepared;
	pthread_cond_t started;
	int running; /* the supervisor has started: its own start is done before the load */
} self = { .lock = PTHREAD_MUTEX_INITIALIZER, .fd = -1, .started = PTHREAD_COND_INITIALIZER };

static void wait_for_listener(void)
{
	while (atomic_load(&self.fd) < 0)
		syscall(SYS_futex, &self.fd, FUTEX_WAIT_PRIVATE, -1, NULL, NULL, 0);
}

static void *supervise_self(void *unused)
{
	static struct seccomp_notif req;
	static struct seccomp_notif_resp resp;
	int fd;

	(void)unused;
	pthread_mutex_lock(&self.lock);
	self.running = 1;
	pthread_cond_signal(&self.started);
	pthread_mutex_unlock(&self.lock);
	wait_for_listener();
	fd = atomic_load(&self.fd);
	for (;;) {
		uint64_t args[6];

		memset(&req, 0, sizeof(req));
		if (syscall(SYS_ioctl, fd, SECCOMP_IOCTL_NOTIF_RECV, &req) != 0) {
			if (errno == EINTR || errno == ENOENT)
				continue;
			return NULL;
		}
		for (int i = 0; i < 6; i++)
			args[i] = req.data.args[i];
		pthread_mutex_lock(&self.lock);
		nsc_learner_record_as(self.learner, req.data.nr, args, self.pid);
		pthread_mutex_unlock(&self.lock);
		resp = (struct seccomp_notif_resp){ .id = req.id,
						    .flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE };
		syscall(SYS_ioctl, fd, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	}
}

int nsc_selflearn_prepare(void)
{
	if (self.prepared)
		return -EBUSY;
	self.learner = nsc_learner_new_fixed(ROOM);
	if (self.learner == NULL)
		return -ENOMEM;
	self.pid = getpid();
	if (pthread_create(&self.thread, NULL, supervise_self, NULL) != 0) {
		nsc_learner_free(self.learner);
		self.learner = NULL;
		return -EAGAIN;
	}
	pthread_mutex_lock(&self.lock);
	while (!self.running)
		pthread_cond_wait(&self.started, &self.lock);
	pthread_mutex_unlock(&self.lock);
	self.prepared = 1;
	return 0;
}

void nsc_selflearn_started(int fd)
{
	atomic_store(&self.fd, fd);
	syscall(SYS_futex, &self.fd, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static int print_call(const struct nsc_learned_call *call, void *userdata)
{
	FILE *out = userdata;
	char text[256];

	snprintf(text, sizeof(text), "%s(%s)", call->syscall, call->arguments);
	fprintf(out, "  %-50s x%-6lu %s\n", text, call->count,
		call->groups[0] ? call->groups : "(no group: by name)");
	return 0;
}

NSC_EXPORT int nsc_learn_report(int fd)
{
	char *text = NULL, pledge[4096];
	size_t len = 0;
	FILE *out;
	ssize_t n;
	int r = 0;

	if (!self.prepared)
		return -ENOENT;
	out = open_memstream(&text, &len);
	if (out == NULL)
		return -ENOMEM;
	pthread_mutex_lock(&self.lock);
	if (nsc_learner_pledge(self.learner, 0, pledge, sizeof(pledge)) < 0)
		snprintf(pledge, sizeof(pledge), "(too long to show)");
	if (pledge[0] == '\0') {
		fprintf(out, "nodeseccomp learn: the policy allowed every call of this run\n");
	} else {
		fprintf(out, "nodeseccomp learn: calls of this run that the policy does not allow:\n");
		nsc_learner_foreach(self.learner, print_call, out);
		fprintf(out, "nodeseccomp learn: add to the policy: %s\n", pledge);
	}
	pthread_mutex_unlock(&self.lock);
	if (fclose(out) != 0)
		return -ENOMEM;
	for (size_t done = 0; done < len; done += (size_t)n) {
		n = write(fd, text + done, len - done);
		if (n <= 0) {
			r = n < 0 ? -errno : -EIO;
			break;
		}
	}
	free(text);
	return r;
}
