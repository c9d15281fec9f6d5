/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Learner internals shared with the learn penalty. Nothing here is exported. */
#ifndef NSC_LEARN_H
#define NSC_LEARN_H

#include <stdint.h>
#include <sys/types.h>

#include "nodeseccomp.h"

/* A learner with room for `room` distinct calls that never allocates afterwards. */
nsc_learner *nsc_learner_new_fixed(size_t room);

/* Record a call made by process self (no syscalls made). */
int nsc_learner_record_as(nsc_learner *l, int nr, const uint64_t *args, pid_t self);

#endif
