#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Turn the raw lines of one bench/run.sh run into results.md (tables and targets) and
results.png (plots), and print the summary with the targets.

  report.py RAW.tsv RESULTS.md RESULTS.png [README.md]   (README: copy the results into it)

Every ratio compares numbers of the same run. Per-syscall ratios are to the floor (a filter
with one unrelated rule): min over repetitions against min, median against median. Node
throughput ratios are the median of the ratios of adjacent sandbox/plain runs (A/B pairs run
one after the other), so that a slow phase of the machine hits both halves of a pair.
"""
import statistics
import sys
from collections import defaultdict

CONFIGS = [
    ("none", "no filter"),
    ("floor", "floor: 1 unrelated rule"),
    ("argfloor", "floor + 1 argument check per call"),
    ("typical", "typical: node stdio rpath inet"),
    ("nonode", "stdio rpath inet"),
    ("typical-o1", "typical, libseccomp level 1"),
    ("nonode-o1", "stdio rpath inet, level 1"),
    ("docker", "Docker's default profile"),
]
SYSCALLS = ["getppid", "fcntl(F_GETFD)", "ioctl(FIONREAD)", "mprotect", "mmap+munmap",
            "openat+close"]
# Which of them the filter decides by their arguments (the rest are allowed by number alone,
# which the kernel caches). node's prot_exec makes mmap and mprotect unconditional.
TYPICAL_CHECKED = {"fcntl(F_GETFD)", "ioctl(FIONREAD)", "openat+close"}
NONODE_CHECKED = TYPICAL_CHECKED | {"mprotect", "mmap+munmap"}
CHECKED = {"argfloor": NONODE_CHECKED, "typical": TYPICAL_CHECKED, "typical-o1": TYPICAL_CHECKED,
           "nonode": NONODE_CHECKED, "nonode-o1": NONODE_CHECKED}
WORKLOADS = [("http", "HTTP requests/s (wrk, 127.0.0.1)"),
             ("fs-sync", "fs workload, sync calls (ops/s)"),
             ("fs-async", "fs workload, fs.promises (ops/s)")]

TARGET_ARGFREE = 1.05
TARGET_CHECKED = 1.15
TARGET_THROUGHPUT = 0.98
TARGET_INSNS = 400
TARGET_LATENCY_MS = 1.0


def read(path):
    data = defaultdict(list)
    for line in open(path):
        fields = line.rstrip("\n").split("\t")
        if len(fields) >= 2:
            data[fields[0]].append(fields[1:])
    return data


def fmt(x, digits=0):
    return "n/a" if x is None else f"{x:,.{digits}f}"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def main(raw_path, md_path, png_path):
    raw = read(raw_path)
    env = {k: v for k, v in raw["env"]}
    nodeinfo = {k: v for k, v in raw["nodeinfo"]}
    errors = [f"{w}: {m}" for w, m in raw["error"]]

    # ---- per-syscall --------------------------------------------------------------------
    ns = defaultdict(list)
    for config, call, value in raw["sys"]:
        ns[(config, call)].append(float(value))

    def stat(config, call, f):
        v = ns.get((config, call))
        return f(v) if v else None

    mins = {k: min(v) for k, v in ns.items()}
    meds = {k: statistics.median(v) for k, v in ns.items()}
    reps = min((len(v) for v in ns.values()), default=0)

    def r_min(config, call):
        return ratio(mins.get((config, call)), mins.get(("floor", call)))

    def r_med(config, call):
        return ratio(meds.get((config, call)), meds.get(("floor", call)))

    path = {}
    for config, call, total, detail in raw["path"]:
        path[(config, call)] = (int(total), detail)

    def fit():
        """Least squares over the cheap argument-checked calls: ns above the floor against
        BPF instructions run. Intercept: running a filter at all; slope: per instruction."""
        pts = []
        for call in ("fcntl(F_GETFD)", "ioctl(FIONREAD)"):
            for config in ("argfloor", "typical", "nonode", "typical-o1", "nonode-o1"):
                if (config, call) in path and (config, call) in mins and ("floor", call) in mins:
                    pts.append((path[(config, call)][0],
                                mins[(config, call)] - mins[("floor", call)]))
        if len(pts) < 3 or len({x for x, _ in pts}) < 2:
            return None
        n = len(pts)
        mx, my = sum(x for x, _ in pts) / n, sum(y for _, y in pts) / n
        slope = (sum((x - mx) * (y - my) for x, y in pts) /
                 sum((x - mx) ** 2 for x, _ in pts))
        return my - slope * mx, slope, n

    # ---- the rest ------------------------------------------------------------------------
    bpf = defaultdict(dict)
    for label, name, n in raw["bpf"]:
        bpf[name][label] = int(n)
    docker = {k: v for k, v in raw["docker"]}
    allload = raw["allload"][0] if raw["allload"] else ["missing", "-1", ""]
    lat = defaultdict(list)
    for kind, value in raw["lat"]:
        lat[kind].append(float(value) / 1e6)
    cg = {k: v for k, v in raw["cg"]}
    node = defaultdict(lambda: defaultdict(list))
    node_seq = defaultdict(list)
    for workload, mode, value in raw["node"]:
        node[workload][mode].append(float(value))
        node_seq[workload].append((mode, float(value)))
    nodecpu = defaultdict(lambda: defaultdict(list))
    cpu_seq = defaultdict(list)
    for workload, mode, value in raw["nodecpu"]:
        nodecpu[workload][mode].append(float(value))
        cpu_seq[workload].append((mode, float(value)))

    def pairs(workload, sequences=node_seq):
        """Ratios sandbox/plain of adjacent A/B runs."""
        seq = [(m, v) for m, v in sequences[workload] if m in ("plain", "sandbox")]
        out = []
        for i in range(0, len(seq) - 1, 2):
            (m1, v1), (m2, v2) = seq[i], seq[i + 1]
            if {m1, m2} == {"plain", "sandbox"}:
                out.append(v1 / v2 if m1 == "sandbox" else v2 / v1)
        return out

    # ---- targets -------------------------------------------------------------------------
    targets = []  # (what, target, measured text, met)

    def target(what, goal, measured, met):
        targets.append((what, goal, measured, "met" if met else "**MISSED**"))

    for config in ("typical", "nonode"):
        r1, r2 = r_min(config, "getppid"), r_med(config, "getppid")
        target(f"allowed argument-free syscall (getppid), {dict(CONFIGS)[config]}",
               f"<= {TARGET_ARGFREE:.2f}x floor",
               f"{fmt(r1, 3)}x (median {fmt(r2, 3)}x)", r1 is not None and r1 <= TARGET_ARGFREE)
    for call in SYSCALLS:
        for config in ("typical", "nonode"):
            if call not in CHECKED[config]:
                continue
            r1, r2 = r_min(config, call), r_med(config, call)
            ra = ratio(mins.get((config, call)), mins.get(("argfloor", call)))
            ra0 = r_min("argfloor", call)
            target(f"argument-checked {call}, {dict(CONFIGS)[config]}",
                   f"<= {TARGET_CHECKED:.2f}x floor",
                   f"{fmt(r1, 3)}x (median {fmt(r2, 3)}x); a 1-comparison filter alone: "
                   f"{fmt(ra0, 3)}x; ours / that: {fmt(ra, 3)}x",
                   r1 is not None and r1 <= TARGET_CHECKED)
    for workload, title in WORKLOADS:
        pr, pc = pairs(workload), pairs(workload, cpu_seq)
        if pr and pc:
            m, mc = statistics.median(pr), statistics.median(pc)
            best = max(node[workload]["sandbox"]) / max(node[workload]["plain"])
            target(f"{title}, sandbox / plain", f">= {TARGET_THROUGHPUT:.0%}",
                   f"per CPU-second {mc:.1%} (median of {len(pc)} A/B pairs, "
                   f"{min(pc):.1%}..{max(pc):.1%}); wall clock {m:.1%} "
                   f"({min(pr):.1%}..{max(pr):.1%}; best / best {best:.1%})",
                   mc >= TARGET_THROUGHPUT)
        elif pr:
            m = statistics.median(pr)
            target(f"{title}, sandbox / plain", f">= {TARGET_THROUGHPUT:.0%}",
                   f"wall clock {m:.1%} (median of {len(pr)} A/B pairs, "
                   f"{min(pr):.1%}..{max(pr):.1%})", m >= TARGET_THROUGHPUT)
        else:
            target(f"{title}, sandbox / plain", f">= {TARGET_THROUGHPUT:.0%}",
                   "not measured (see errors)", False)
    typical_insns = bpf.get("policy node stdio rpath inet", {}).get("o2")
    target("BPF instructions of the typical policy", f"<= {TARGET_INSNS}", fmt(typical_insns),
           typical_insns is not None and typical_insns <= TARGET_INSNS)
    target("all groups at once load", "loads",
           f"{allload[0]} ({allload[1]} instructions)", allload[0] == "loaded")
    bl = lat.get("buildload-o2")
    target("build+load of the typical policy (fresh process)", f"<= {TARGET_LATENCY_MS:g} ms",
           f"min {fmt(min(bl), 3)} ms, median {fmt(statistics.median(bl), 3)} ms" if bl else "n/a",
           bool(bl) and min(bl) <= TARGET_LATENCY_MS)

    # ---- Markdown ------------------------------------------------------------------------
    md = []
    w = md.append
    w("# nodeseccomp benchmark results")
    w("")
    w(f"One run of `sh bench/run.sh` ({env.get('mode', 'full')}), {env.get('date', '?')}. "
      "Produced by bench/report.py; see bench/README.md for what is measured and how.")
    w("")
    w("| | |")
    w("| --- | --- |")
    for key, label in (("commit", "commit"), ("kernel", "kernel"), ("cpu", "CPU"),
                       ("cpus", "CPUs"), ("libseccomp", "libseccomp"),
                       ("load-before", "load average before"),
                       ("load-after", "load average after")):
        if key in env:
            w(f"| {label} | {env[key]} |")
    if "version" in nodeinfo:
        w(f"| Node.js | {nodeinfo['version']} |")
    w("")
    w("## Targets")
    w("")
    w("| target | goal | measured | |")
    w("| --- | --- | --- | --- |")
    for what, goal, measured, status in targets:
        w(f"| {what} | {goal} | {measured} | {status} |")
    w("")
    w("Per-syscall ratios: min over repetitions against the floor's min (median against median "
      "in brackets); the min is the decision, as the least disturbed number on a shared machine.")
    w("")
    w(f"## Per-syscall cost (ns/call, min / median of {reps} repetitions)")
    w("")
    w("Each repetition is one child process per configuration, which loads the filter and times "
      "one long loop per syscall; configurations run round-robin. `*`: the filter decides this "
      "call by its arguments (the others are allowed by number, which the kernel caches).")
    w("")
    w("| syscall | " + " | ".join(label for _, label in CONFIGS) + " |")
    w("| --- |" + " ---: |" * len(CONFIGS))
    for call in SYSCALLS:
        cells = []
        for config, _ in CONFIGS:
            star = "\\*" if call in CHECKED.get(config, ()) else ""
            cells.append(f"{fmt(mins.get((config, call)))} / {fmt(meds.get((config, call)))}{star}")
        w(f"| {call} | " + " | ".join(cells) + " |")
    w("")
    w("### Ratio to the floor (min / median)")
    w("")
    w("| syscall | " + " | ".join(label for c, label in CONFIGS if c != "floor") + " |")
    w("| --- |" + " ---: |" * (len(CONFIGS) - 1))
    for call in SYSCALLS:
        cells = []
        for config, _ in CONFIGS:
            if config == "floor":
                continue
            star = "\\*" if call in CHECKED.get(config, ()) else ""
            cells.append(f"{fmt(r_min(config, call), 3)} / {fmt(r_med(config, call), 3)}{star}")
        w(f"| {call} | " + " | ".join(cells) + " |")
    w("")
    if path:
        w("### BPF instructions the kernel runs per call")
        w("")
        w("Counted by an interpreter (`nscbench path`) over the programs as loaded, with the "
          "arguments of the timed loops; two numbers for the pairs. (n): the path reads no "
          "argument and allows, so the kernel answers from its per-filter cache and runs "
          "nothing; n is what the program would run.")
        w("")
        pconf = [(c, l) for c, l in CONFIGS if c != "none"]
        w("| syscall | " + " | ".join(l for _, l in pconf) + " |")
        w("| --- |" + " ---: |" * len(pconf))
        for call in SYSCALLS:
            cells = []
            for config, _ in pconf:
                v = path.get((config, call))
                cells.append("n/a" if v is None else v[1])
            w(f"| {call} | " + " | ".join(cells) + " |")
        w("")
        f = fit()
        if f:
            w(f"A least-squares fit over fcntl and ioctl ({f[2]} points: ns above the floor, min, "
              f"against instructions run) gives **{f[0]:.1f} ns for running a filter at all** "
              f"and **{f[1]:.2f} ns per BPF instruction**. On a call of ~{fmt(mins.get(('floor', 'fcntl(F_GETFD)')))} ns "
              f"the fixed part alone is {f[0] / max(1, mins.get(('floor', 'fcntl(F_GETFD)'), 1)):.0%}.")
            w("")
    w("## BPF program size (instructions)")
    w("")
    w("As the library loads it (its 6-instruction ENOSYS prefix included), from "
      "`nsc_policy_export_bpf` (bytes / 8). Every policy includes the `always` group. "
      "Level 2 (binary tree) is what the library ships; level 1 is libseccomp's linear list.")
    w("")
    w("| policy | level 2 (shipped) | level 1 |")
    w("| --- | ---: | ---: |")
    for name, counts in bpf.items():
        w(f"| {name} | {fmt(counts.get('o2'))} | {fmt(counts.get('o1'))} |")
    if docker:
        w("")
        w(f"Docker's profile: {docker.get('rules')} libseccomp rules after includes/excludes "
          f"({docker.get('skipped')} names unknown to this libseccomp skipped), arches x86_64, "
          "x86, x32, loaded by libseccomp with its defaults (level 1), without runc's own "
          "ENOSYS stub.")
    w("")
    w(f"All groups at once: {allload[0]}, {allload[1]} instructions ({allload[2]}), in a child.")
    w("")
    w("## Build + load latency of the typical policy")
    w("")
    w("Wall time inside a freshly exec'd process (cold: libseccomp's and the library's first use "
      "included), from `nsc_policy_new` to the return of `nsc_policy_load` (or of "
      "`nsc_policy_export_bpf` to /dev/null).")
    w("")
    w("| what | runs | min (ms) | median (ms) |")
    w("| --- | ---: | ---: | ---: |")
    labels = {"buildload-o2": "build + load, level 2 (shipped)",
              "buildexport-o2": "build + export to /dev/null, level 2",
              "buildload-o1": "build + load, level 1",
              "buildexport-o1": "build + export to /dev/null, level 1",
              "buildexport-warm-o2": "build + export, 2nd time in the process, level 2"}
    for kind, label in labels.items():
        v = lat.get(kind)
        if v:
            w(f"| {label} | {len(v)} | {min(v):.3f} | {statistics.median(v):.3f} |")
    if cg:
        w("")
        w(f"callgrind (valgrind cannot load a filter, so: build + `nsc_policy_export_bpf` to "
          f"/dev/null, level 2, cold, counted from `bench_build_export`): "
          f"**{int(cg.get('total', 0)):,} instructions**, of which "
          + ", ".join(f"{k} {int(v):,} ({int(v) / max(1, int(cg['total'])):.0%})"
                      for k, v in cg.items() if k != "total") + ".")
    w("")
    w("## Node.js with and without the sandbox")
    w("")
    if node:
        w(f"Addon built from node/ against this build; sandbox policy `{nodeinfo.get('policy')}` "
          f"(the fs workload: `{nodeinfo.get('fs-policy')}`, files in {nodeinfo.get('fs-dir')}). "
          "Every run is a fresh `node`; runs alternate A/B. The throughput targets are decided "
          "on the work per CPU-second of the node process (all threads): other processes on "
          "this shared machine take wall time from a run but hardly its CPU time; the "
          "wall-clock rates are shown too.")
        w("")
        w("| workload | runs | plain: median (best) | sandbox: median (best) | "
          "sandbox / plain: median of pairs | pairs range |")
        w("| --- | ---: | ---: | ---: | ---: | ---: |")
        for workload, title in WORKLOADS:
            for data, seqs, suffix in ((node, node_seq, ""),
                                       (nodecpu, cpu_seq, ", per CPU-second of node")):
                p, s = data[workload]["plain"], data[workload]["sandbox"]
                pr = pairs(workload, seqs)
                if p and s and pr:
                    w(f"| {title}{suffix} | {len(p)}+{len(s)} | {fmt(statistics.median(p))} "
                      f"({fmt(max(p))}) | {fmt(statistics.median(s))} ({fmt(max(s))}) | "
                      f"{statistics.median(pr):.1%} | {min(pr):.1%}..{max(pr):.1%} |")
        st = node["startup"]
        if st["plain"] and st["sandbox"]:
            w("")
            w("| start-up, `node -e` (ms) | runs | min | median |")
            w("| --- | ---: | ---: | ---: |")
            for mode, title in (("bare", "`0` (no addon)"), ("plain", "`require(addon)`"),
                                ("sandbox", "`require(addon).pledge(...)`")):
                v = st[mode]
                if v:
                    w(f"| {title} | {len(v)} | {min(v):.1f} | {statistics.median(v):.1f} |")
            w("")
            w(f"Sandbox minus plain: min {min(st['sandbox']) - min(st['plain']):+.1f} ms, "
              f"median {statistics.median(st['sandbox']) - statistics.median(st['plain']):+.1f} ms.")
    else:
        w("Not measured: see the errors below.")
    w("")
    if errors:
        w("## Errors")
        w("")
        for e in errors:
            w(f"- {e}")
        w("")
    open(md_path, "w").write("\n".join(md))
    if len(sys.argv) > 4:
        splice(sys.argv[4], md)
    if len(sys.argv) > 5:
        splice_targets(sys.argv[5], md)

    # ---- plot ----------------------------------------------------------------------------
    try:
        plot(png_path, mins, r_min, bpf, node, pairs, cpu_seq)
        plotted = True
    except ImportError:
        plotted = False

    print("\n".join(md[md.index("## Targets"):md.index("## Targets") + 4 + len(targets)]))
    if not plotted:
        print(f"report: matplotlib is not available: {png_path} not written")
    missed = sum(1 for t in targets if t[3] != "met")
    print(f"report: {len(targets) - missed} targets met, {missed} missed")
    if errors:
        print("report: errors:\n  " + "\n  ".join(errors))


def splice(readme, md):
    """Copy the results, headings one level down, between the markers of bench/README.md."""
    begin, end = "<!-- results: begin -->", "<!-- results: end -->"
    text = open(readme).read()
    if begin not in text or end not in text:
        return
    body = ["#" + line if line.startswith("#") else line for line in md[1:]]
    head, rest = text.split(begin, 1)
    tail = rest.split(end, 1)[1]
    open(readme, "w").write(head + begin + "\n" + "\n".join(body).strip() + "\n" + end + tail)


def splice_targets(readme, md):
    """Copy the targets table between <!-- bench-targets: begin/end --> of the top README."""
    begin, end = "<!-- bench-targets: begin -->", "<!-- bench-targets: end -->"
    text = open(readme).read()
    if begin not in text or end not in text:
        return
    lines, inside = [], False
    for line in md:
        if line.startswith("## "):
            inside = line.strip() == "## Targets"
            continue
        if inside:
            lines.append(line)
    head, rest = text.split(begin, 1)
    tail = rest.split(end, 1)[1]
    open(readme, "w").write(head + begin + "\n" + "\n".join(lines).strip() + "\n" + end + tail)


def plot(path, mins, r_min, bpf, node, pairs, cpu_seq):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(2, 2, figsize=(15, 10))
    width = 0.8 / len(CONFIGS)
    xs = range(len(SYSCALLS))
    for i, (config, label) in enumerate(CONFIGS):
        ax[0][0].bar([x + i * width for x in xs], [mins.get((config, c), 0) for c in SYSCALLS],
                     width, label=label)
    ax[0][0].set_yscale("log")
    ax[0][0].set_xticks([x + 0.4 - width / 2 for x in xs], SYSCALLS, fontsize=8)
    ax[0][0].set_ylabel("ns per call (min)")
    ax[0][0].set_title("Per-syscall cost")
    ax[0][0].legend(fontsize=7)

    others = [(c, l) for c, l in CONFIGS if c != "floor"]
    width = 0.8 / len(others)
    for i, (config, label) in enumerate(others):
        ax[0][1].bar([x + i * width for x in xs], [r_min(config, c) or 0 for c in SYSCALLS],
                     width, label=label)
    ax[0][1].axhline(1.0, color="black", linewidth=0.8)
    ax[0][1].axhline(TARGET_ARGFREE, color="green", linestyle=":", label="target, argument-free")
    ax[0][1].axhline(TARGET_CHECKED, color="red", linestyle="--", label="target, argument-checked")
    ax[0][1].set_xticks([x + 0.4 - width / 2 for x in xs], SYSCALLS, fontsize=8)
    ax[0][1].set_ylabel("ratio to the floor (min / min)")
    ax[0][1].set_title("Cost relative to the seccomp floor")
    ax[0][1].set_ylim(0.6, max(2.0, max((r_min(c, s) or 0) for c, _ in others for s in SYSCALLS) + 0.1))
    ax[0][1].legend(fontsize=7)

    names = list(bpf)
    ys = range(len(names))
    ax[1][0].barh([y + 0.2 for y in ys], [bpf[n].get("o2", 0) for n in names], 0.4,
                  label="level 2 (shipped)")
    ax[1][0].barh([y - 0.2 for y in ys], [bpf[n].get("o1", 0) for n in names], 0.4,
                  label="level 1")
    ax[1][0].axvline(TARGET_INSNS, color="red", linestyle="--", label="target, typical policy")
    ax[1][0].set_yticks(list(ys), names, fontsize=7)
    ax[1][0].invert_yaxis()
    ax[1][0].set_xlabel("BPF instructions")
    ax[1][0].set_title("Program size")
    ax[1][0].legend(fontsize=7)

    workloads = [(w, t) for w, t in WORKLOADS if pairs(w)]
    for i, (w, t) in enumerate(workloads):
        pr = pairs(w, cpu_seq) or pairs(w)
        ax[1][1].scatter([i] * len(pr), [100 * p for p in pr], color="gray", s=12)
        ax[1][1].bar(i, 100 * statistics.median(pr), 0.5, alpha=0.6)
    ax[1][1].axhline(100, color="black", linewidth=0.8)
    ax[1][1].axhline(100 * TARGET_THROUGHPUT, color="red", linestyle="--", label="target")
    ax[1][1].set_xticks(range(len(workloads)), [t.split(" (")[0] for _, t in workloads],
                        fontsize=8)
    ax[1][1].set_ylabel("sandbox / plain, work per CPU-second, %\n(bar: median; dots: A/B pairs)")
    ax[1][1].set_title("Node.js throughput under the typical policy")
    ax[1][1].legend(fontsize=7)
    if workloads:
        lo = min(100 * p for w, _ in workloads for p in (pairs(w, cpu_seq) or pairs(w)))
        hi = max(100 * p for w, _ in workloads for p in (pairs(w, cpu_seq) or pairs(w)))
        ax[1][1].set_ylim(min(90, lo - 5), max(110, hi + 5))

    fig.tight_layout()
    fig.savefig(path, dpi=90)


if __name__ == "__main__":
    main(*sys.argv[1:4])
