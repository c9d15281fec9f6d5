/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libFuzzer: name resolution and suggestions for syscalls and groups, and per-syscall errno. */
#include <nodeseccomp.h>

#include <stdint.h>
#include <stdlib.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *name = fuzz_string(data, size);
	nsc_policy *p = nsc_policy_new();

	if (p != NULL && name != NULL) {
		nsc_policy_allow_syscall(p, name);
		fuzz_check_message(p);
		nsc_policy_allow_group(p, name);
		fuzz_check_message(p);
		nsc_policy_allow(p, name);
		fuzz_check_message(p);
		nsc_policy_set_syscall_errno(p, name, size % 5000);
		fuzz_check_message(p);
		nsc_syscall_number(name);
		nsc_group_index(name);
	}
	nsc_policy_free(p);
	free(name);
	return 0;
}
