/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * node-seccomp's native half: a thin Node-API binding over libnodeseccomp.
 *
 * index.js validates every argument and copies it into fresh arrays of plain strings and
 * numbers before it calls load(), so no user code can run while a policy is being built here.
 * This file still checks every type and every napi_status, because it must never load a policy
 * that differs from what it was asked for: on the first problem it throws one exception, frees
 * the policy and returns, and nothing reaches the kernel.
 *
 * Plain C on Node-API only (no V8 or C++ API), so one build runs on every Node that has N-API 8.
 */
#define NAPI_VERSION 8
#include <node_api.h>

#include <nodeseccomp.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The group every policy gets: without it Node dies on its next tick (GC, JIT, libuv). */
#define BASELINE_GROUP "node"

/* The most names one call may carry (syscalls, groups and per-syscall errnos together).
 * Far above the ~450 syscalls Linux has; a cap that keeps a mistaken huge array from building
 * a huge filter. index.js checks it first with the same number. */
#define MAX_NAMES 4096

/* Room for a message that quotes a name or a library message. */
#define MESSAGE_MAX 512

/* ---- Errors ----------------------------------------------------------------------------------- */

/* Throw a plain Error with a code, unless an exception is pending already. */
static void throw_error(napi_env env, const char *code, const char *message)
{
	bool pending = false;

	if (napi_is_exception_pending(env, &pending) == napi_ok && !pending)
		(void)napi_throw_error(env, code, message); /* nothing is left to try if it fails */
}

/*
 * Turn a failed Node-API call into a JS exception (unless one is pending: a failed call may
 * have thrown already). Returns whether the call succeeded, so callers can write
 * `if (!napi_ok_or_throw(env, napi_xxx(...))) return false;`.
 */
static bool napi_ok_or_throw(napi_env env, napi_status status)
{
	const napi_extended_error_info *info = NULL;
	char message[MESSAGE_MAX];

	if (status == napi_ok)
		return true;
	/* Read the details first: any further Node-API call overwrites them. */
	if (napi_get_last_error_info(env, &info) != napi_ok || info == NULL ||
	    info->error_message == NULL)
		snprintf(message, sizeof(message), "Node-API call failed (status %d)", (int)status);
	else
		snprintf(message, sizeof(message), "Node-API call failed: %s", info->error_message);
	throw_error(env, "ERR_SECCOMP_NAPI", message);
	return false;
}

/* These return false so that callers can `return throw_...(...)`. A throw that fails leaves
 * the exception that is already pending, which is what must reach JS anyway. */
static bool throw_type_error(napi_env env, const char *code, const char *message)
{
	if (napi_throw_type_error(env, code, message) != napi_ok)
		throw_error(env, code, message);
	return false;
}

static bool throw_range_error(napi_env env, const char *code, const char *message)
{
	if (napi_throw_range_error(env, code, message) != napi_ok)
		throw_error(env, code, message);
	return false;
}

/* An Error with code ERR_SECCOMP_LOAD and a positive `errno`: the filter could not be built or
 * the kernel refused it. */
static bool throw_load_error(napi_env env, const char *message, int errno_value)
{
	napi_value code, text, error, number;

	if (napi_create_string_utf8(env, "ERR_SECCOMP_LOAD", NAPI_AUTO_LENGTH, &code) != napi_ok ||
	    napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &text) != napi_ok ||
	    napi_create_error(env, code, text, &error) != napi_ok ||
	    napi_create_int32(env, errno_value, &number) != napi_ok ||
	    napi_set_named_property(env, error, "errno", number) != napi_ok ||
	    napi_throw(env, error) != napi_ok)
		throw_error(env, "ERR_SECCOMP_LOAD", message); /* at least the code and message */
	return false;
}

static bool throw_out_of_memory(napi_env env)
{
	throw_error(env, "ERR_MEMORY_ALLOCATION_FAILED", "node-seccomp: out of memory");
	return false;
}

/*
 * The library refused a name, a pledge string or an option (r < 0). Its message says exactly
 * what was wrong ("unknown syscall \"wirte\" (did you mean \"write\"?)"): pass it on verbatim,
 * as a RangeError for sizes and a TypeError otherwise, both ERR_INVALID_ARG_VALUE.
 */
static bool throw_policy_error(napi_env env, const nsc_policy *policy, int r)
{
	const char *message = nsc_policy_error(policy);

	if (r == -ENOMEM)
		return throw_out_of_memory(env);
	if (r == -ENAMETOOLONG || r == -E2BIG)
		return throw_range_error(env, "ERR_INVALID_ARG_VALUE", message);
	return throw_type_error(env, "ERR_INVALID_ARG_VALUE", message);
}

/* ---- Reading values --------------------------------------------------------------------------- */

static bool expect_type(napi_env env, napi_value value, napi_valuetype wanted, const char *what)
{
	napi_valuetype type;
	char message[MESSAGE_MAX];

	if (!napi_ok_or_throw(env, napi_typeof(env, value, &type)))
		return false;
	if (type == wanted)
		return true;
	snprintf(message, sizeof(message), "%s has the wrong type", what);
	return throw_type_error(env, "ERR_INVALID_ARG_TYPE", message);
}

/*
 * Copy a JS string into a new NUL-terminated C string (free() it), or throw and return NULL.
 * A NUL inside the string would silently cut the name short in C: refuse it.
 */
static char *copy_string(napi_env env, napi_value value, const char *what)
{
	char message[MESSAGE_MAX];
	size_t length, copied;
	char *text;

	if (!expect_type(env, value, napi_string, what))
		return NULL;
	if (!napi_ok_or_throw(env, napi_get_value_string_utf8(env, value, NULL, 0, &length)))
		return NULL;
	text = malloc(length + 1);
	if (text == NULL) {
		throw_out_of_memory(env);
		return NULL;
	}
	if (!napi_ok_or_throw(env, napi_get_value_string_utf8(env, value, text, length + 1, &copied))) {
		free(text);
		return NULL;
	}
	if (strlen(text) != copied) {
		snprintf(message, sizeof(message), "%s contains a NUL byte", what);
		free(text);
		throw_type_error(env, "ERR_INVALID_ARG_VALUE", message);
		return NULL;
	}
	return text;
}

static bool get_int32(napi_env env, napi_value value, const char *what, int32_t *out)
{
	return expect_type(env, value, napi_number, what) &&
	       napi_ok_or_throw(env, napi_get_value_int32(env, value, out));
}

/* The length of an array argument, checked against MAX_NAMES. */
static bool get_array_length(napi_env env, napi_value value, const char *what, uint32_t *length)
{
	char message[MESSAGE_MAX];
	bool is_array = false;

	if (!napi_ok_or_throw(env, napi_is_array(env, value, &is_array)))
		return false;
	if (!is_array) {
		snprintf(message, sizeof(message), "%s must be an array", what);
		return throw_type_error(env, "ERR_INVALID_ARG_TYPE", message);
	}
	if (!napi_ok_or_throw(env, napi_get_array_length(env, value, length)))
		return false;
	if (*length > MAX_NAMES) {
		snprintf(message, sizeof(message), "too many names in %s: %u (at most %d)", what,
			 (unsigned)*length, MAX_NAMES);
		return throw_range_error(env, "ERR_INVALID_ARG_VALUE", message);
	}
	return true;
}

/* ---- Building the policy ---------------------------------------------------------------------- */

typedef int (*allow_fn)(nsc_policy *policy, const char *name);

/* Hand each name of an array of strings to the library (allow a group, allow a syscall). */
static bool allow_each(napi_env env, nsc_policy *policy, napi_value array, allow_fn allow,
		       const char *what)
{
	uint32_t length;

	if (!get_array_length(env, array, what, &length))
		return false;
	for (uint32_t i = 0; i < length; i++) {
		napi_value element;
		char *name;
		int r;

		if (!napi_ok_or_throw(env, napi_get_element(env, array, i, &element)))
			return false;
		name = copy_string(env, element, what);
		if (name == NULL)
			return false;
		r = allow(policy, name);
		free(name);
		if (r < 0)
			return throw_policy_error(env, policy, r);
	}
	return true;
}

/* A pledge string ("stdio rpath inet"), or null for none. */
static bool apply_pledge(napi_env env, nsc_policy *policy, napi_value promises)
{
	napi_valuetype type;
	char *text;
	int r;

	if (!napi_ok_or_throw(env, napi_typeof(env, promises, &type)))
		return false;
	if (type == napi_null)
		return true;
	text = copy_string(env, promises, "the pledge string");
	if (text == NULL)
		return false;
	r = nsc_policy_pledge(policy, text);
	free(text);
	return r < 0 ? throw_policy_error(env, policy, r) : true;
}

static const struct {
	const char *name;
	enum nsc_penalty penalty;
} penalties[] = {
	{ "kill", NSC_PENALTY_KILL },
	{ "errno", NSC_PENALTY_ERRNO },
	{ "log", NSC_PENALTY_LOG },
	{ "diagnose", NSC_PENALTY_DIAGNOSE },
	{ "learn", NSC_PENALTY_LEARN },
};

/* The penalty by name and its errno (0: none given; the library then uses EPERM). */
static bool apply_penalty(napi_env env, nsc_policy *policy, napi_value name, napi_value number)
{
	char *text = copy_string(env, name, "options.penalty");
	int32_t errno_value;
	int r = 1;

	if (text == NULL)
		return false;
	if (!get_int32(env, number, "options.errno", &errno_value)) {
		free(text);
		return false;
	}
	for (size_t i = 0; r > 0 && i < sizeof(penalties) / sizeof(penalties[0]); i++)
		if (strcmp(text, penalties[i].name) == 0)
			r = nsc_policy_set_penalty(policy, penalties[i].penalty, errno_value);
	free(text);
	if (r > 0)
		return throw_type_error(env, "ERR_INVALID_ARG_VALUE",
					"options.penalty must be 'kill', 'errno', 'log', 'diagnose' or 'learn'");
	return r < 0 ? throw_policy_error(env, policy, r) : true;
}

/* Per-syscall errnos, as two arrays of the same length: syscall names and errno numbers. */
static bool apply_errnos(napi_env env, nsc_policy *policy, napi_value names, napi_value numbers)
{
	uint32_t length, count;

	if (!get_array_length(env, names, "options.errnos", &length) ||
	    !get_array_length(env, numbers, "options.errnos", &count))
		return false;
	if (count != length)
		return throw_type_error(env, "ERR_INVALID_ARG_TYPE",
					"options.errnos: names and numbers differ in length");
	for (uint32_t i = 0; i < length; i++) {
		napi_value name_value, number_value;
		int32_t errno_value;
		char *name;
		int r;

		if (!napi_ok_or_throw(env, napi_get_element(env, names, i, &name_value)) ||
		    !napi_ok_or_throw(env, napi_get_element(env, numbers, i, &number_value)) ||
		    !get_int32(env, number_value, "options.errnos", &errno_value))
			return false;
		name = copy_string(env, name_value, "a syscall name in options.errnos");
		if (name == NULL)
			return false;
		r = nsc_policy_set_syscall_errno(policy, name, errno_value);
		free(name);
		if (r < 0)
			return throw_policy_error(env, policy, r);
	}
	return true;
}

enum load_arg {
	ARG_GROUPS,        /* string[]: group names */
	ARG_SYSCALLS,      /* string[]: syscall names */
	ARG_PLEDGE,        /* string | null: a pledge string */
	ARG_PENALTY,       /* 'kill' | 'errno' | 'log' */
	ARG_PENALTY_ERRNO, /* number: errno for the errno penalty, 0 for the default */
	ARG_ERRNO_NAMES,   /* string[]: syscalls with their own errno */
	ARG_ERRNO_VALUES,  /* number[]: their errnos */
	LOAD_ARGS
};

/* Everything that goes into the policy, in the order the library's API documents. The first
 * error stops the build (and would poison the policy anyway). */
static bool build_policy(napi_env env, nsc_policy *policy, napi_value *argv)
{
	int r = nsc_policy_allow_group(policy, BASELINE_GROUP);

	if (r < 0)
		return throw_policy_error(env, policy, r);
	return allow_each(env, policy, argv[ARG_GROUPS], nsc_policy_allow_group, "a group name") &&
	       allow_each(env, policy, argv[ARG_SYSCALLS], nsc_policy_allow_syscall,
			  "a syscall name") &&
	       apply_pledge(env, policy, argv[ARG_PLEDGE]) &&
	       apply_penalty(env, policy, argv[ARG_PENALTY], argv[ARG_PENALTY_ERRNO]) &&
	       apply_errnos(env, policy, argv[ARG_ERRNO_NAMES], argv[ARG_ERRNO_VALUES]);
}

/* Build the policy and, only if every part of it was accepted, load it. */
static napi_value load(napi_env env, napi_callback_info info)
{
	napi_value argv[LOAD_ARGS];
	size_t argc = LOAD_ARGS;
	nsc_policy *policy;
	int r;

	if (!napi_ok_or_throw(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL)))
		return NULL;
	if (argc != LOAD_ARGS) {
		throw_type_error(env, "ERR_MISSING_ARGS", "load() takes exactly 7 arguments");
		return NULL;
	}
	policy = nsc_policy_new();
	if (policy == NULL) {
		throw_out_of_memory(env);
		return NULL;
	}
	if (build_policy(env, policy, argv)) {
		r = nsc_policy_load(policy);
		if (r < 0)
			throw_load_error(env, nsc_policy_error(policy), -r);
	}
	nsc_policy_free(policy);
	return NULL; /* undefined on success; with an exception pending on failure */
}

/* ---- Introspection ---------------------------------------------------------------------------- */

static bool set_string(napi_env env, napi_value object, const char *key, const char *value)
{
	napi_value text;

	return napi_ok_or_throw(env, napi_create_string_utf8(env, value, NAPI_AUTO_LENGTH, &text)) &&
	       napi_ok_or_throw(env, napi_set_named_property(env, object, key, text));
}

/* The groups a group includes directly, as an array of names. */
static bool set_includes(napi_env env, napi_value object, size_t index)
{
	napi_value array, name;
	const char *include;

	if (!napi_ok_or_throw(env, napi_create_array(env, &array)))
		return false;
	for (size_t k = 0; (include = nsc_group_include(index, k)) != NULL; k++)
		if (!napi_ok_or_throw(env, napi_create_string_utf8(env, include, NAPI_AUTO_LENGTH,
								    &name)) ||
		    !napi_ok_or_throw(env, napi_set_element(env, array, (uint32_t)k, name)))
			return false;
	return napi_ok_or_throw(env, napi_set_named_property(env, object, "includes", array));
}

/* The library's group table, as [{ name, description, includes }] in table order. */
static napi_value groups(napi_env env, napi_callback_info info)
{
	size_t count = nsc_group_count();
	napi_value array;

	(void)info;
	if (!napi_ok_or_throw(env, napi_create_array_with_length(env, count, &array)))
		return NULL;
	for (size_t i = 0; i < count; i++) {
		const char *name = nsc_group_name(i);
		const char *description = nsc_group_description(i);
		napi_value object;

		if (name == NULL || description == NULL) {
			throw_error(env, "ERR_SECCOMP_LIBRARY", "libnodeseccomp's group table changed");
			return NULL;
		}
		if (!napi_ok_or_throw(env, napi_create_object(env, &object)) ||
		    !set_string(env, object, "name", name) ||
		    !set_string(env, object, "description", description) ||
		    !set_includes(env, object, i) ||
		    !napi_ok_or_throw(env, napi_set_element(env, array, (uint32_t)i, object)))
			return NULL;
	}
	return array;
}

/* The version of the library that is running (not the header the addon was built with). */
static napi_value version(napi_env env, napi_callback_info info)
{
	napi_value text;

	(void)info;
	if (!napi_ok_or_throw(env, napi_create_string_utf8(env, nsc_version(), NAPI_AUTO_LENGTH,
							    &text)))
		return NULL;
	return text;
}

/* learnReport(fd): after a policy was loaded with the learn penalty, write what it lacked. */
static napi_value learn_report(napi_env env, napi_callback_info info)
{
	size_t argc = 1;
	napi_value argv[1];
	int32_t fd;
	int r;

	if (!napi_ok_or_throw(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL)) ||
	    !get_int32(env, argc > 0 ? argv[0] : NULL, "fd", &fd))
		return NULL;
	r = nsc_learn_report(fd);
	if (r < 0) {
		char message[MESSAGE_MAX];
		snprintf(message, sizeof(message), "no learning policy to report on: %s", strerror(-r));
		throw_error(env, "ERR_SECCOMP_LEARN", message);
	}
	return NULL;
}

/* ---- Module ----------------------------------------------------------------------------------- */

NAPI_MODULE_INIT()
{
	char message[MESSAGE_MAX];
	napi_property_descriptor properties[] = {
		{ "load", NULL, load, NULL, NULL, NULL, napi_enumerable, NULL },
		{ "groups", NULL, groups, NULL, NULL, NULL, napi_enumerable, NULL },
		{ "version", NULL, version, NULL, NULL, NULL, napi_enumerable, NULL },
		{ "learnReport", NULL, learn_report, NULL, NULL, NULL, napi_enumerable, NULL },
	};

	/* A library older than the header we were compiled with may lack what we call. */
	if (nsc_version_number() < NSC_VERSION_NUMBER) {
		snprintf(message, sizeof(message),
			 "libnodeseccomp %s is older than %s, which node-seccomp was built with",
			 nsc_version(), NSC_VERSION_STRING);
		throw_error(env, "ERR_SECCOMP_LIBRARY", message);
		return NULL;
	}
	if (!napi_ok_or_throw(env, napi_define_properties(env, exports,
							  sizeof(properties) / sizeof(properties[0]),
							  properties)))
		return NULL;
	return exports;
}
