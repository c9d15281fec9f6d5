#!/usr/bin/env python3
"""Add up every test of a `make check` run (and of extra logs) into one closing line,
"N passed, N failed, N skipped". Each test log is read for the runner's own totals (Check's
"Checks: N, Failures: N, Errors: N", node's "# pass N / # fail N", our "N passed, N failed");
a test whose log has none counts as one, by its automake result (.trs)."""
import glob
import os
import re
import sys

passed = failed = skipped = 0


def add(p, f, s=0):
    global passed, failed, skipped
    passed += p
    failed += f
    skipped += s


def from_log(text):
    found = False
    p = f = s = 0
    for m in re.finditer(r'^\d+%: Checks: (\d+), Failures: (\d+), Errors: (\d+)', text, re.M):
        p += int(m[1]) - int(m[2]) - int(m[3]); f += int(m[2]) + int(m[3]); found = True
    for m in re.finditer(r'^# pass (\d+)\n# fail (\d+)\n# cancelled (\d+)\n# skipped (\d+)', text, re.M):
        p += int(m[1]); f += int(m[2]) + int(m[3]); s += int(m[4]); found = True
    for m in re.finditer(r'^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$', text, re.M):
        p += int(m[1]); f += int(m[2]); s += int(m[3] or 0); found = True
    return found, p, f, s


for arg in sys.argv[1:]:
    if os.path.isdir(arg):
        for trs in glob.glob(os.path.join(arg, '**', '*.trs'), recursive=True):
            log = trs[:-4] + '.log'
            result = re.search(r'^:test-result: (\w+)', open(trs).read(), re.M)
            result = result[1] if result else 'ERROR'
            found, p, f, s = from_log(open(log, errors='replace').read()) if os.path.exists(log) else (False, 0, 0, 0)
            if found and result != 'SKIP':
                add(p, f + (1 if result in ('FAIL', 'ERROR') and f == 0 else 0), s)
            else:
                add(result == 'PASS', result in ('FAIL', 'ERROR', 'XPASS'), result == 'SKIP')
    elif os.path.exists(arg):
        found, p, f, s = from_log(open(arg, errors='replace').read())
        add(p, f, s)
print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
