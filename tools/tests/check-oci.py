#!/usr/bin/env python3
"""Check that a seccomp profile has the shape of the OCI runtime-spec (config-linux.md,
"Seccomp"), as runc, Docker and podman read it. Usage: check-oci.py PROFILE [REFERENCE]

The reference (Docker's default profile) is checked by the same rules first, so the checker is
shown to accept a profile real engines use; then every key our profile uses must also be a key
the spec defines."""
import json
import sys

ACTIONS = {"SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP",
           "SCMP_ACT_ERRNO", "SCMP_ACT_TRACE", "SCMP_ACT_ALLOW", "SCMP_ACT_LOG",
           "SCMP_ACT_NOTIFY"}
OPS = {"SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE",
       "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ"}
ARCHES = {"SCMP_ARCH_X86", "SCMP_ARCH_X86_64", "SCMP_ARCH_X32", "SCMP_ARCH_ARM",
          "SCMP_ARCH_AARCH64", "SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64", "SCMP_ARCH_MIPS64N32",
          "SCMP_ARCH_MIPSEL", "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC",
          "SCMP_ARCH_PPC64", "SCMP_ARCH_PPC64LE", "SCMP_ARCH_S390", "SCMP_ARCH_S390X",
          "SCMP_ARCH_PARISC", "SCMP_ARCH_PARISC64", "SCMP_ARCH_RISCV64"}
TOP = {"defaultAction", "defaultErrnoRet", "architectures", "flags", "listenerPath",
       "listenerMetadata", "syscalls"}
# Docker's profile adds archMap and per-rule includes/excludes/comment for its own engine.
DOCKER_EXTRA_TOP = {"archMap"}
RULE = {"names", "action", "errnoRet", "args"}
DOCKER_EXTRA_RULE = {"comment", "includes", "excludes"}
ARG = {"index", "value", "valueTwo", "op"}


def fail(msg):
    print("invalid:", msg)
    sys.exit(1)


def check(profile, allow_docker_extras):
    top, rule_keys = TOP | (DOCKER_EXTRA_TOP if allow_docker_extras else set()), \
        RULE | (DOCKER_EXTRA_RULE if allow_docker_extras else set())
    if not isinstance(profile, dict):
        fail("not an object")
    if set(profile) - top:
        fail("unknown top-level keys %s" % sorted(set(profile) - top))
    if profile.get("defaultAction") not in ACTIONS:
        fail("defaultAction %r" % profile.get("defaultAction"))
    if "defaultErrnoRet" in profile and not isinstance(profile["defaultErrnoRet"], int):
        fail("defaultErrnoRet")
    arches = profile.get("architectures", [])
    if not isinstance(arches, list) or set(arches) - ARCHES:
        fail("architectures %r" % arches)
    syscalls = profile.get("syscalls")
    if not isinstance(syscalls, list) or not syscalls:
        fail("syscalls must be a non-empty list")
    for i, rule in enumerate(syscalls):
        where = "syscalls[%d]" % i
        if not isinstance(rule, dict) or set(rule) - rule_keys:
            fail("%s has keys %s" % (where, sorted(set(rule) - rule_keys)))
        names = rule.get("names")
        if not isinstance(names, list) or not names or \
                not all(isinstance(n, str) and n for n in names):
            fail(where + ".names")
        if rule.get("action") not in ACTIONS:
            fail("%s.action %r" % (where, rule.get("action")))
        if rule["action"] == "SCMP_ACT_ERRNO" and not allow_docker_extras and \
                not isinstance(rule.get("errnoRet"), int):
            fail(where + ": SCMP_ACT_ERRNO without errnoRet")
        args = rule.get("args") or []
        if not isinstance(args, list) or len(args) > 6:
            fail(where + ".args")
        indexes = set()
        for arg in args:
            if not isinstance(arg, dict) or set(arg) - ARG or "index" not in arg or "op" not in arg:
                fail(where + ".args entry %r" % arg)
            if not 0 <= arg["index"] <= 5 or arg["op"] not in OPS:
                fail(where + ".args index/op %r" % arg)
            for k in ("value", "valueTwo"):
                if not isinstance(arg.get(k, 0), int) or not 0 <= arg.get(k, 0) < 2 ** 64:
                    fail(where + ".args %s %r" % (k, arg))
            if not allow_docker_extras and arg["index"] in indexes:
                fail(where + ": two checks on one argument (libseccomp refuses them)")
            indexes.add(arg["index"])
    return len(syscalls)


def main():
    profile = json.load(open(sys.argv[1]))
    if len(sys.argv) > 2:
        n = check(json.load(open(sys.argv[2])), True)
        print("reference profile accepted (%d rules)" % n)
    n = check(profile, False)
    print("valid OCI seccomp profile: %d rules, default %s" % (n, profile["defaultAction"]))


main()
