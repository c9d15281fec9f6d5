// The public header on its own, compiled as C++11 (-pedantic -Werror), linked against the library.
#include <nodeseccomp.h>

#include <cstring>

int main()
{
	nsc_policy *p = nsc_policy_new();
	int r = nsc_policy_allow_group(p, "stdio");
	bool ok = r == 0 && std::strcmp(nsc_version(), NSC_VERSION_STRING) == 0;

	nsc_policy_free(p);
	return ok ? 0 : 1;
}
