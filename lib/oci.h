/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Writing OCI seccomp profiles. Nothing here is exported. */
#ifndef NSC_OCI_H
#define NSC_OCI_H

#include <stdint.h>

#include "table.h"

struct nsc_oci;

struct nsc_oci *nsc_oci_new(void);
void nsc_oci_free(struct nsc_oci *o);
/* One rule; rule may be NULL (no checks). 0 or -ENOMEM. */
int nsc_oci_rule(struct nsc_oci *o, const char *syscall, uint32_t action, const struct nsc_rule *rule);
/* The whole profile. 0 or a negative errno. */
int nsc_oci_write(struct nsc_oci *o, int fd, uint32_t default_action);

#endif
