#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Turn Docker's default seccomp profile (JSON) into the plain rule list that nscbench reads.

The per-rule "includes"/"excludes" are applied the way Docker (moby, profiles/seccomp) does for a
container that runs as root with Docker's default capabilities on x86_64 (Go arch "amd64"):
a rule is dropped if its excludes name this arch or a capability the container has, or a
minKernel at or below the running kernel; it is kept only if its includes name this arch, every
capability listed is one the container has, and the kernel is at least includes.minKernel.
The sub-architectures of archMap are added as Docker does (x86 and x32 beside x86_64). Like
runc, a rule with two conditions on one argument becomes one rule per condition.

Output lines:
  default ACTION ERRNO
  arch NAME
  rule ACTION ERRNO SYSCALL NARGS [INDEX OP A B]...
"""
import json
import os
import sys

GO_ARCH = "amd64"
NATIVE = "SCMP_ARCH_X86_64"
# Docker's default capability set (moby oci/caps/defaults.go).
DEFAULT_CAPS = {
    "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
    "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
    "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
}
ARCH_NAMES = {"SCMP_ARCH_X86": "x86", "SCMP_ARCH_X32": "x32", "SCMP_ARCH_X86_64": "x86_64"}


def kernel_version():
    release = os.uname().release.split("-")[0].split(".")
    return tuple(int(x) for x in release[:2] if x.isdigit())


def version(text):
    return tuple(int(x) for x in text.split(".")[:2])


def keep(rule, kernel):
    inc, exc = rule.get("includes") or {}, rule.get("excludes") or {}
    if GO_ARCH in (exc.get("arches") or []):
        return False
    if any(c in DEFAULT_CAPS for c in exc.get("caps") or []):
        return False
    if exc.get("minKernel") and kernel >= version(exc["minKernel"]):
        return False
    if inc.get("arches") and GO_ARCH not in inc["arches"]:
        return False
    if inc.get("caps") and not all(c in DEFAULT_CAPS for c in inc["caps"]):
        return False
    if inc.get("minKernel") and kernel < version(inc["minKernel"]):
        return False
    return True


def action(name):
    assert name.startswith("SCMP_ACT_"), name
    return name[len("SCMP_ACT_"):]


def main(path, out):
    profile = json.load(open(path))
    kernel = kernel_version()
    default_errno = profile.get("defaultErrnoRet", 1)
    out.write(f"# {os.path.basename(path)} for root with Docker's default capabilities, "
              f"{GO_ARCH}, kernel {kernel[0]}.{kernel[1]}\n")
    out.write(f"default {action(profile['defaultAction'])} {default_errno}\n")
    for entry in profile.get("archMap") or []:
        if entry["architecture"] == NATIVE:
            for sub in entry.get("subArchitectures") or []:
                out.write(f"arch {ARCH_NAMES[sub]}\n")
    kept = dropped = 0
    for rule in profile["syscalls"]:
        if not keep(rule, kernel):
            dropped += 1
            continue
        kept += 1
        act = action(rule["action"])
        errno_value = rule.get("errnoRet", default_errno if act == "ERRNO" else 0)
        conds = [(a["index"], a["op"][len("SCMP_CMP_"):], a["value"], a.get("valueTwo", 0))
                 for a in rule.get("args") or []]
        indexes = [c[0] for c in conds]
        groups = [[c] for c in conds] if len(set(indexes)) < len(indexes) else [conds]
        for name in rule["names"]:
            for group in groups:
                args = " ".join(f"{i} {op} {a} {b}" for i, op, a, b in group)
                out.write(f"rule {act} {errno_value} {name} {len(group)} {args}".rstrip() + "\n")
    out.write(f"# {kept} entries kept, {dropped} dropped by includes/excludes\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.stdout)
