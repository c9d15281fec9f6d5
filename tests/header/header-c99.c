/* The public header on its own, compiled as strict C99 (-std=c99 -pedantic -Werror). */
#include <nodeseccomp.h>

int main(void)
{
	nsc_policy *p = nsc_policy_new();
	int ok = p != NULL && nsc_version_number() == NSC_VERSION_NUMBER;

	nsc_policy_free(p);
	return ok ? 0 : 1;
}
