/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The final BPF program and loading it. Nothing here is exported. */
#ifndef NSC_BPF_H
#define NSC_BPF_H

#include <linux/filter.h>
#include <seccomp.h>
#include <stddef.h>

/* libseccomp's program with the ENOSYS prefix for newer syscalls; *prog is malloc'd. */
int nsc_bpf_render(scmp_filter_ctx ctx, struct sock_filter **prog, size_t *len);

/* No-new-privs, then the program on every thread (TSYNC). 0 or a negative errno. */
int nsc_bpf_load(const struct sock_filter *prog, size_t len);

#endif
