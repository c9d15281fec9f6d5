/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Helpers shared by the fuzz targets. */
#ifndef NSC_FUZZ_H
#define NSC_FUZZ_H

#include <fcntl.h>
#include <nodeseccomp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a NUL-terminated string (inputs may hold NUL bytes: they end the string). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s != NULL) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

/* Error messages are always bounded, printable text. */
static inline void fuzz_check_message(const nsc_policy *p)
{
	const char *m = nsc_policy_error(p);
	size_t len = strlen(m);

	if (len >= 256)
		abort();
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)m[i] < 0x20 || (unsigned char)m[i] == 0x7f)
			abort();
}

/* Compile and export both forms to /dev/null; a policy that compiles must export as BPF too. */
static inline void fuzz_export(nsc_policy *p)
{
	static int devnull = -1;

	if (devnull < 0)
		devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (nsc_policy_export_pfc(p, devnull) == 0 && nsc_policy_export_bpf(p, devnull) != 0)
		abort();
}

#endif
