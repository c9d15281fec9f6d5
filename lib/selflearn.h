/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The learn penalty's in-process supervisor. Nothing here is exported. */
#ifndef NSC_SELFLEARN_H
#define NSC_SELFLEARN_H

/* Start the supervisor thread (before the filter is loaded). -EBUSY if one runs already. */
int nsc_selflearn_prepare(void);

/* Hand it the listener of the loaded filter. */
void nsc_selflearn_started(int fd);

#endif
