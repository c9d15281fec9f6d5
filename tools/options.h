/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Policy options shared by the CLI and its preload library: penalty and per-syscall errno. */
#ifndef NSC_TOOLS_OPTIONS_H
#define NSC_TOOLS_OPTIONS_H

#include <nodeseccomp.h>

/* An errno number from its name ("EADDRINUSE") or decimal text; -1 if neither. */
int errno_from_text(const char *text);

/* Apply "kill", "log", "diagnose", "errno" or "errno:EACCES". 0 or a negative errno, with a
 * message in the policy or, for text the policy never saw, in *why. */
int apply_penalty(nsc_policy *p, const char *text, const char **why);

/* Apply "bind=EADDRINUSE,connect=ECONNREFUSED" (comma-separated SYSCALL=ERRNO). */
int apply_errnos(nsc_policy *p, const char *text, const char **why);

/* Allow, by name, each syscall of a --errno list (the start-up filter of exec). */
int allow_errno_syscalls(nsc_policy *p, const char *text);

/* The message for a failed apply_*: the policy's own, or *why. */
const char *options_error(const nsc_policy *p, const char *why);

#endif
