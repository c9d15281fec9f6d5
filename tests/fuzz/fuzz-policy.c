/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer: policy building. Each input byte pair is an operation on one policy (allow a
 * group, allow a syscall by number's name, set a penalty, set a per-syscall errno), and the
 * result is compiled and exported as BPF and PFC.
 */
#include <nodeseccomp.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

static const char *const syscalls[] = { "read", "write", "openat", "socket", "bind", "clone",
					"clone3", "mmap", "mprotect", "ioctl", "fcntl", "kill",
					"exit_group", "execve", "io_uring_setup", "getpid" };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nsc_policy *p = nsc_policy_new();
	size_t ngroups = nsc_group_count(), nsyscalls = sizeof(syscalls) / sizeof(syscalls[0]);

	if (p == NULL)
		return 0;
	for (size_t i = 0; i + 1 < size; i += 2) {
		uint8_t op = data[i] % 4, arg = data[i + 1];

		switch (op) {
		case 0:
			nsc_policy_allow_group(p, nsc_group_name(arg % ngroups));
			break;
		case 1:
			nsc_policy_allow_syscall(p, syscalls[arg % nsyscalls]);
			break;
		case 2:
			nsc_policy_set_penalty(p, (enum nsc_penalty)(arg % 5), arg % 3 ? arg : 0);
			break;
		default:
			nsc_policy_set_syscall_errno(p, syscalls[arg % nsyscalls], arg);
			break;
		}
		fuzz_check_message(p);
	}
	fuzz_export(p);
	nsc_policy_free(p);
	return 0;
}
