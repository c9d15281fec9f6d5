/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Library-internal helpers shared between the library's source files. Nothing here is exported. */
#ifndef NSC_INTERNAL_H
#define NSC_INTERNAL_H

#include <stddef.h>

/* Marks the definitions of public functions; everything else is hidden (-fvisibility=hidden). */
#define NSC_EXPORT __attribute__((visibility("default")))

/* Longest syscall or group name we accept; real ones are at most 24 characters. */
#define NSC_NAME_MAX 64

/* Longest pledge string we parse: every group and every syscall name fit many times over. */
#define NSC_PLEDGE_MAX 65536

/* Syscall numbers scanned when listing every native syscall name (for suggestions). */
#define NSC_SYSCALL_SCAN_MAX 1024

/* 0 if name is a plausible syscall or group name; otherwise a negative errno and a message. */
int nsc_check_name(const char *what, const char *name, char *msg, size_t msglen);

/* Write ' (did you mean "x"?)' for the closest syscall and/or group name, or "" if none is close. */
void nsc_suggest(const char *name, int syscalls, int groups, char *out, size_t outlen);

/* The native number of a syscall name, or a negative errno (-ENOENT unknown, -ENOSYS not here). */
int nsc_resolve_syscall(const char *name);

#endif
