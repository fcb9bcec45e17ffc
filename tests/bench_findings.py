#!/usr/bin/env python3
"""bench_findings.py: the cost of a flood of findings (issue 14, point 5).

    python3 tests/bench_findings.py [SHUZHI]

shuzhi check on one paragraph of "字," repeated N times (N = 5,000 to
40,000: one finding of punct.fullwidth per comma), and on one paragraph of
100,000 characters that a one-rule rule set matches each of.  Positions
are found in one pass over the text and at most 50 findings a rule and
file are printed, so the time grows linearly (it grew with N squared: 9.4 s
for 40,000, 42.6 s for 100,000 matches).  Median of 3 runs after one.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPORT = "unit: XXX镇党委\nyear: 2020\nsections:\n  - 1.yaml\n"


def content(tmp, name, body):
    d = os.path.join(tmp, name)
    os.makedirs(d)
    with open(os.path.join(d, "report.yaml"), "w", encoding="utf-8") as f:
        f.write(REPORT)
    with open(os.path.join(d, "1.yaml"), "w", encoding="utf-8") as f:
        f.write("title: 标题\nitems:\n  - lead: 引领句。\n    body: " + body + "\n")
    return d


def timed(cmd):
    walls = []
    for i in range(4):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if i > 0:
            walls.append(time.perf_counter() - t)
    return statistics.median(walls)


def main(argv):
    shuzhi = os.path.abspath(argv[0] if argv else os.path.join(ROOT, "build", "shuzhi"))
    with tempfile.TemporaryDirectory(prefix="shuzhi-bench-findings-") as tmp:
        times = {}
        print("| findings in one paragraph | check wall ms |")
        print("|---|---|")
        for n in (5000, 10000, 20000, 40000):
            times[n] = timed([shuzhi, "check", content(tmp, f"c{n}", "字," * n)])
            print(f"| 字, × {n:,} | {times[n] * 1000:.0f} |")
        rules = os.path.join(tmp, "rules")
        os.makedirs(rules)
        with open(os.path.join(rules, "one.yaml"), "w", encoding="utf-8") as f:
            f.write("- id: zi\n  kind: pattern\n  level: warning\n  message: 字“%s”\n"
                    "  source: 测试\n  scope: all\n  pattern: '字'\n")
        t = timed([shuzhi, "check", content(tmp, "m", "字" * 100000), "--rules", rules])
        print(f"| one rule matching 100,000 times | {t * 1000:.0f} |")
        ratio = times[40000] / times[5000]
        print(f"\n40,000 / 5,000 time ratio: {ratio:.1f} (8 would be linear; it was 52)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
