/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What libnodeseccomp itself reports, as JSON, for test/groups.test.js to compare with what
 * node-seccomp exports: the version and every group's name, description and includes.
 * Built by the test with the same pkg-config flags as the addon.
 */
#include <nodeseccomp.h>

#include <stdio.h>

/* A JSON string; the table's text is ASCII without control characters, but escape anyway. */
static void json_string(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

int main(void)
{
	size_t count = nsc_group_count();

	printf("{\"version\":");
	json_string(nsc_version());
	printf(",\"groups\":[");
	for (size_t i = 0; i < count; i++) {
		const char *include;

		printf("%s{\"name\":", i ? "," : "");
		json_string(nsc_group_name(i));
		printf(",\"description\":");
		json_string(nsc_group_description(i));
		printf(",\"includes\":[");
		for (size_t k = 0; (include = nsc_group_include(i, k)) != NULL; k++) {
			printf("%s", k ? "," : "");
			json_string(include);
		}
		printf("]}");
	}
	printf("]}\n");
	return 0;
}
