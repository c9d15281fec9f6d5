#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Node.js with and without the sandbox, interleaved A/B, each run in a fresh node process.

  nodebench.py ADDON_DIR [--quick]

Prints tab-separated lines for bench/report.py:
  node  startup|http|fs-sync|fs-async  MODE  VALUE   (ms; requests/s; operations/s)
  nodecpu  http|fs-sync|fs-async  MODE  VALUE        (requests or operations per CPU-second)
  nodeinfo  KEY  VALUE
  error  WHAT  MESSAGE
Modes: "bare" (node -e 0, start-up only), "plain" (addon loaded, no filter), "sandbox" (addon
loaded and the policy pledged). HTTP: per server process a 1 s warm-up, then the best of three
2 s wrk runs; fs: the fastest of five segments of the run (node/fswork.js). Beside the wall-clock
rates, the work per CPU-second of the node process (all threads, from /proc/PID/task/*/schedstat
for the server, process.cpuUsage() in fswork.js): another process on the machine takes wall time
from a run, but hardly its CPU time, so this is the steadier measure of what the filter costs. The HTTP server and wrk are pinned to different CPUs when there
are two or more; the server listens on 127.0.0.1 only.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# The typical policy: node-seccomp adds the node group itself (node stdio rpath inet).
POLICY = "stdio rpath inet"
# The fs workload writes, renames and removes files: the typical policy plus wpath and cpath.
FS_POLICY = "stdio rpath wpath cpath inet"


def emit(*fields):
    print("\t".join(str(f) for f in fields), flush=True)


def pin(cpu):
    if shutil.which("taskset") and (os.cpu_count() or 1) >= 2:
        return ["taskset", "-c", str(cpu)]
    return []


def ended_badly(what, rc, err=""):
    if rc < 0:
        emit("error", what, f"killed by signal {-rc} ({signal.Signals(-rc).name}) {err}".strip())
    else:
        emit("error", what, f"exit status {rc} {err}".strip())


def startup(addon, runs):
    scripts = {
        "bare": "0",
        "plain": f"require({addon!r})",
        "sandbox": f"require({addon!r}).pledge({POLICY!r})",
    }
    modes = list(scripts)
    for i in range(runs):
        for k in range(len(modes)):
            mode = modes[(i + k) % len(modes)]
            t0 = time.perf_counter_ns()
            p = subprocess.run(["node", "-e", scripts[mode]], stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               preexec_fn=no_core)
            t1 = time.perf_counter_ns()
            if p.returncode != 0:
                ended_badly(f"startup {mode}", p.returncode, p.stderr.decode()[-200:])
                continue
            emit("node", "startup", mode, f"{(t1 - t0) / 1e6:.2f}")


def no_core():
    import resource
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def cpu_ns(pid):
    """CPU time of every thread of a process so far, in ns (schedstat: nanoseconds)."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            total += int(open(f"/proc/{pid}/task/{tid}/schedstat").read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return total


def wrk(port, seconds, pid=None):
    """Requests/s, requests per CPU-second of the server (pid), and an error or None."""
    cmd = pin(1) + ["wrk", "-t1", "-c32", f"-d{seconds}s", f"http://127.0.0.1:{port}/"]
    c0 = cpu_ns(pid) if pid else 0
    out = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True).stdout
    c1 = cpu_ns(pid) if pid else 0
    m = re.search(r"Requests/sec:\s*([\d.]+)", out)
    n = re.search(r"(\d+) requests in", out)
    bad = re.search(r"(Non-2xx or 3xx responses|Socket errors):.*", out)
    per_cpu = int(n.group(1)) * 1e9 / (c1 - c0) if n and c1 > c0 else None
    return (float(m.group(1)) if m else None), per_cpu, (bad.group(0) if bad else None)


def http_run(addon, mode, seconds):
    cmd = pin(0) + ["node", os.path.join(HERE, "node", "server.js"), addon, mode, POLICY]
    server = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, preexec_fn=no_core)
    port = server.stdout.readline().strip()
    if not port.isdigit():
        server.wait()
        ended_badly(f"http {mode} server", server.returncode, server.stderr.read()[-200:])
        return
    wrk(port, 1)  # warm-up: V8's JIT, TCP
    rps, per_cpu, bad = None, None, None
    for _ in range(3):  # the best of three: the least disturbed by other processes
        r, c, b = wrk(port, seconds, server.pid)
        bad = bad or b
        if r is not None and (rps is None or r > rps):
            rps = r
        if c is not None and (per_cpu is None or c > per_cpu):
            per_cpu = c
    alive = server.poll() is None
    if alive:
        server.send_signal(signal.SIGTERM)
    rc = server.wait()
    if not alive or rc != 0:
        ended_badly(f"http {mode} server", rc, server.stderr.read()[-200:])
        return
    if rps is None or bad:
        emit("error", f"http {mode}", bad or "wrk printed no Requests/sec")
        return
    emit("node", "http", mode, f"{rps:.0f}")
    if per_cpu is not None:
        emit("nodecpu", "http", mode, f"{per_cpu:.0f}")


def fs_run(addon, mode, kind, rounds, base):
    work = tempfile.mkdtemp(prefix="nodeseccomp-bench.", dir=base)
    try:
        p = subprocess.run(["node", os.path.join(HERE, "node", "fswork.js"), addon, mode,
                            FS_POLICY, kind, work, str(rounds)],
                           stdin=subprocess.DEVNULL, capture_output=True, text=True,
                           preexec_fn=no_core)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if p.returncode != 0:
        ended_badly(f"fs-{kind} {mode}", p.returncode, p.stderr[-200:])
        return
    wall, per_cpu = p.stdout.split()
    emit("node", f"fs-{kind}", mode, wall)
    emit("nodecpu", f"fs-{kind}", mode, per_cpu)


def main():
    addon = os.path.abspath(sys.argv[1])
    quick = "--quick" in sys.argv[2:]
    version = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    emit("nodeinfo", "version", version)
    emit("nodeinfo", "policy", f"node {POLICY}")
    emit("nodeinfo", "fs-policy", f"node {FS_POLICY}")
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    emit("nodeinfo", "fs-dir", base or tempfile.gettempdir())

    startup(addon, 5 if quick else 25)

    if shutil.which("wrk"):
        seconds = 1 if quick else 2
        for i in range(2 if quick else 6):
            for mode in (("plain", "sandbox") if i % 2 == 0 else ("sandbox", "plain")):
                http_run(addon, mode, seconds)
    else:
        emit("error", "http", "wrk is not installed (apt-get install wrk): not measured")

    for kind, rounds in (("sync", 100), ("async", 25)):
        for i in range(3 if quick else 15):
            for mode in (("plain", "sandbox") if i % 2 == 0 else ("sandbox", "plain")):
                fs_run(addon, mode, kind, rounds // 5 if quick else rounds, base)


if __name__ == "__main__":
    main()
