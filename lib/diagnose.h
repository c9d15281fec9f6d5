/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The diagnose penalty's SIGSYS handler. Nothing here is exported. */
#ifndef NSC_DIAGNOSE_H
#define NSC_DIAGNOSE_H

/* Build the lookup tables the handler reads and install it. 0 or a negative errno. */
int nsc_diagnose_prepare(void);

#endif
