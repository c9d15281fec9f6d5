/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* See callindex.h. The formatting below allocates nothing: the diagnose handler uses it. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <seccomp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include "callindex.h"

/* ---- formatting without allocation ------------------------------------------------------------ */

void nsc_line_put(struct nsc_line *l, const char *s)
{
	while (*s && l->len + 1 < l->size)
		l->text[l->len++] = *s++;
	l->text[l->len] = '\0';
}

static void put_hex(struct nsc_line *l, uint64_t v)
{
	char digits[19] = "0x";
	int n = 2;

	for (int shift = 60; shift >= 0; shift -= 4)
		if ((v >> shift) != 0 || shift == 0 || n > 2)
			digits[n++] = "0123456789abcdef"[(v >> shift) & 0xf];
	digits[n] = '\0';
	nsc_line_put(l, digits);
}

void nsc_line_put_dec(struct nsc_line *l, uint64_t v)
{
	char digits[21];
	int n = sizeof(digits) - 1;

	digits[n] = '\0';
	do
		digits[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	nsc_line_put(l, digits + n);
}

struct flag {
	uint64_t bit;
	const char *name;
};

static void put_flags(struct nsc_line *l, uint64_t v, const struct flag *flags, size_t n)
{
	bool first = true;

	for (size_t i = 0; i < n; i++) {
		if (!(v & flags[i].bit))
			continue;
		nsc_line_put(l, first ? "" : "|");
		nsc_line_put(l, flags[i].name);
		v &= ~flags[i].bit;
		first = false;
	}
	if (v || first) {
		nsc_line_put(l, first ? "" : "|");
		put_hex(l, v);
	}
}

/* ---- the arguments that decide between groups --------------------------------------------------- */

static void put_open_flags(struct nsc_line *l, uint64_t flags)
{
	static const struct flag bits[] = {
		{ O_CREAT, "O_CREAT" },       { O_EXCL, "O_EXCL" },     { O_TRUNC, "O_TRUNC" },
		{ O_APPEND, "O_APPEND" },     { O_TMPFILE & ~O_DIRECTORY, "O_TMPFILE" },
		{ O_DIRECTORY, "O_DIRECTORY" }, { O_PATH, "O_PATH" },
	};
	static const char *const modes[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };

	nsc_line_put(l, "flags=");
	nsc_line_put(l, modes[flags & O_ACCMODE]);
	flags &= ~(uint64_t)(O_ACCMODE | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | O_LARGEFILE |
			     O_NOFOLLOW);
	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		if (flags & bits[i].bit) {
			nsc_line_put(l, "|");
			nsc_line_put(l, bits[i].name);
		}
	}
}

static void put_prot(struct nsc_line *l, uint64_t prot)
{
	static const struct flag bits[] = {
		{ PROT_READ, "PROT_READ" }, { PROT_WRITE, "PROT_WRITE" }, { PROT_EXEC, "PROT_EXEC" },
	};
	nsc_line_put(l, "prot=");
	put_flags(l, prot, bits, sizeof(bits) / sizeof(bits[0]));
}

static void put_socket(struct nsc_line *l, const uint64_t *args)
{
	static const char *const families[] = { [AF_UNIX] = "AF_UNIX",     [AF_INET] = "AF_INET",
						[AF_INET6] = "AF_INET6",   [AF_NETLINK] = "AF_NETLINK",
						[AF_PACKET] = "AF_PACKET", [AF_VSOCK] = "AF_VSOCK" };
	static const char *const types[] = { [SOCK_STREAM] = "SOCK_STREAM", [SOCK_DGRAM] = "SOCK_DGRAM",
					     [SOCK_RAW] = "SOCK_RAW", [SOCK_SEQPACKET] = "SOCK_SEQPACKET" };
	uint64_t type = args[1] & 0xf;

	nsc_line_put(l, "family=");
	if (args[0] < sizeof(families) / sizeof(families[0]) && families[args[0]])
		nsc_line_put(l, families[args[0]]);
	else
		nsc_line_put_dec(l, args[0]);
	nsc_line_put(l, ", type=");
	if (type < sizeof(types) / sizeof(types[0]) && types[type])
		nsc_line_put(l, types[type]);
	else
		nsc_line_put_dec(l, type);
	nsc_line_put(l, ", protocol=");
	nsc_line_put_dec(l, args[2]);
}

void nsc_describe_arguments(const struct nsc_call_index *index, int nr, const uint64_t *args,
			    char *out, size_t len)
{
	struct nsc_line line = { .text = out, .size = len, .len = 0 }, *l = &line;
	bool checked[6] = { false }, any = false;

	if (len > 0)
		out[0] = '\0';
	if (nr == SYS_openat) {
		put_open_flags(l, args[2]);
		return;
	}
#ifdef SYS_open /* not on aarch64 and other new architectures */
	if (nr == SYS_open) {
		put_open_flags(l, args[1]);
		return;
	}
#endif
	if (nr == SYS_socket || nr == SYS_socketpair) {
		put_socket(l, args);
		return;
	}
	if (nr == SYS_mmap || nr == SYS_mprotect || nr == SYS_pkey_mprotect) {
		put_prot(l, args[2]);
		return;
	}
	if (len > 0)
		out[0] = '\0';
	for (size_t i = 0; index != NULL && i < index->nrules; i++)
		if (index->rules[i].nr == nr)
			for (unsigned c = 0; c < index->rules[i].rule->nchecks; c++)
				checked[index->rules[i].rule->checks[c].arg] = true;
	for (unsigned a = 0; a < 6; a++) {
		if (!checked[a])
			continue;
		nsc_line_put(l, any ? ", arg" : "arg");
		nsc_line_put_dec(l, a);
		nsc_line_put(l, "=");
		put_hex(l, args[a]);
		any = true;
	}
}

/* ---- matching --------------------------------------------------------------------------------- */

static bool check_holds(const struct nsc_arg_check *c, const uint64_t *args, pid_t self)
{
	uint64_t value = c->self_pid ? (uint64_t)self : c->value;
	uint64_t arg = args[c->arg];

	switch (c->cmp) {
	case NSC_CMP_EQ:
		return arg == value;
	case NSC_CMP_LE:
		return arg <= value;
	default:
		return (arg & c->mask) == value;
	}
}

int nsc_rule_holds(const struct nsc_rule *rule, const uint64_t *args, pid_t self)
{
	for (unsigned c = 0; c < rule->nchecks; c++)
		if (!check_holds(&rule->checks[c], args, self))
			return 0;
	return 1;
}

/* ---- the index --------------------------------------------------------------------------------- */

static struct nsc_call_index the_index;
static int index_result = -1;
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static void build_index(void)
{
	size_t n = 0, k = 0;

	for (int nr = 0; nr < NSC_SYSCALL_SCAN_MAX; nr++)
		the_index.names[nr] = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
	for (size_t g = 0; g < nsc_table_size; g++)
		n += nsc_table[g].nrules;
	the_index.rules = calloc(n, sizeof(*the_index.rules));
	if (the_index.rules == NULL)
		return;
	for (size_t g = 0; g < nsc_table_size; g++) {
		if (nsc_table[g].always)
			continue; /* part of every policy: never the answer to "which group" */
		for (size_t i = 0; i < nsc_table[g].nrules; i++) {
			const struct nsc_rule *rule = &nsc_table[g].rules[i];
			int nr = nsc_resolve_syscall(rule->syscall);
			if (nr < 0 || rule->errno_value != 0)
				continue;
			the_index.rules[k++] = (struct nsc_indexed_rule){ nr, rule, g };
		}
	}
	the_index.nrules = k;
	index_result = 0;
}

const struct nsc_call_index *nsc_call_index(void)
{
	pthread_once(&index_once, build_index);
	return index_result == 0 ? &the_index : NULL;
}
