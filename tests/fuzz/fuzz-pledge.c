/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libFuzzer: the pledge-string parser, then compiling whatever it accepted. */
#include <nodeseccomp.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_string(data, size);
	nsc_policy *p = nsc_policy_new();

	if (p != NULL && text != NULL && nsc_policy_pledge(p, text) == 0)
		fuzz_export(p);
	if (p != NULL)
		fuzz_check_message(p);
	nsc_policy_free(p);
	free(text);
	return 0;
}
