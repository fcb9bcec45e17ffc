#!/usr/bin/env python3
"""run.py: seed corpora and bounded runs of the libFuzzer harnesses.

  python3 tests/fuzz/run.py [--seconds N] [--seeds-only] HARNESS...

For each harness (yaml, mustache, typeset, rules, diff) the seed corpus is
written to build/fuzz/seed/<harness>/ from the project's own files:
content/, rules/, templates/, fonts/fonts.yaml, the Mustache specification
(../shared/mustache-spec or $SHUZHI_SHARED/mustache-spec), the bad inputs of
tests/bad/ and the kept crashing inputs of tests/fuzz/regress/.  Then
build/fuzz/fuzz_<harness> runs for N seconds on build/fuzz/corpus/<harness>/
(kept between runs) plus the seeds; a crash, a leak, a sanitizer report or
a timeout fails the run, with the input saved under build/fuzz/crash/.
Each run's executions and coverage (libFuzzer's cov: and ft:) are printed.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FUZZ = os.path.join(ROOT, "build", "fuzz")
NUL = b"\0"


def read(path):
    with open(path, "rb") as f:
        return f.read()


def spec_cases():
    shared = os.environ.get("SHUZHI_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
    for path in sorted(glob.glob(os.path.join(shared, "mustache-spec", "*.json"))):
        if "lambdas" in path:
            continue
        with open(path, encoding="utf-8") as f:
            for case in json.load(f).get("tests", []):
                yield case


def content_files():
    return sorted(glob.glob(os.path.join(ROOT, "content", "*", "*.yaml")))


def bad_files():
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "bad", "*", "content", "*.yaml"))):
        if os.path.getsize(path) <= 1 << 20:
            out.append(path)
    return out


def seeds(name):
    """The seed inputs of a harness, as bytes."""
    reports = [p for p in content_files() if p.endswith("/report.yaml")]
    sections = [p for p in content_files() if not p.endswith("/report.yaml")]
    rules = sorted(glob.glob(os.path.join(ROOT, "rules", "*.yaml")))
    if name == "yaml":
        for p in content_files() + rules + bad_files() + [
                os.path.join(ROOT, "templates", "style.yaml"),
                os.path.join(ROOT, "fonts", "fonts.yaml")]:
            yield read(p)
        for p in sorted(glob.glob(os.path.join(os.path.dirname(ROOT), "shared",
                                               "mustache-spec", "*.yml"))):
            yield read(p)
    elif name == "mustache":
        for p in sorted(glob.glob(os.path.join(ROOT, "templates", "*.mustache"))):
            yield read(p)
        for case in spec_cases():
            data = json.dumps(case.get("data"), ensure_ascii=False).encode()
            parts = [case["template"].encode(), data]
            if case.get("partials"):
                parts.append(json.dumps(case["partials"], ensure_ascii=False).encode())
            yield NUL.join(parts)
    elif name == "typeset":
        for p in sorted(glob.glob(os.path.join(ROOT, "tests", "typeset", "*.md"))):
            if os.path.getsize(p) <= 64 << 10:
                yield read(p)
        for p in sorted(glob.glob(os.path.join(ROOT, "out", "*", "report.md"))):
            yield read(p)
        yield "# 标题\n\n## 一、小标题\n\n正文**一是加粗。**正文。\n".encode()
    elif name == "rules":
        for s in sections + bad_files():
            yield read(s)
            for r in reports:
                yield read(s) + NUL + read(r).replace(b"sections:\n", b"sections:\n  - 1.yaml\n", 1)
        for s in sections[:1]:
            for r in rules:
                yield read(s) + NUL + NUL + read(r)
    elif name == "diff":
        for a in sections:
            for b in sections:
                yield read(a) + NUL + read(b)
        for a in bad_files()[:20]:
            if sections:
                yield read(sections[0]) + NUL + read(a)
    regress = os.path.join(HERE, "regress", name)
    for p in sorted(glob.glob(os.path.join(regress, "*"))):
        yield read(p)


def write_seeds(name):
    d = os.path.join(FUZZ, "seed", name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    n = 0
    for i, data in enumerate(seeds(name)):
        with open(os.path.join(d, f"{i:04d}"), "wb") as f:
            f.write(data)
        n += 1
    return d, n


def dict_args(name):
    p = os.path.join(HERE, name + ".dict")
    return ["-dict=" + p] if os.path.exists(p) else []


# Longest input per harness: a page of Markdown is enough for every
# typesetting rule, and keeps the slowest harness fast.
MAX_LEN = {"typeset": 4096}


def run_one(name, seconds):
    seed, nseeds = write_seeds(name)
    corpus = os.path.join(FUZZ, "corpus", name)
    crash = os.path.join(FUZZ, "crash", name)
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(crash, exist_ok=True)
    binary = os.path.join(FUZZ, "fuzz_" + name)
    log = os.path.join(FUZZ, name + ".log")
    cmd = [binary, f"-max_total_time={seconds}", "-timeout=25", "-rss_limit_mb=2560",
           "-max_len=%d" % MAX_LEN.get(name, 65536), "-print_final_stats=1",
           "-artifact_prefix=" + crash + "/"] + dict_args(name) + [corpus, seed]
    env = dict(os.environ, SHUZHI_ROOT=ROOT,
               ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1",
               UBSAN_OPTIONS="print_stacktrace=1")
    with open(log, "wb") as f:
        p = subprocess.run(cmd, cwd=ROOT, stdout=f, stderr=subprocess.STDOUT, env=env)
    text = read(log).decode("utf-8", "replace")
    execs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", text)
    cov = re.findall(r"cov: (\d+) ft: (\d+)", text)
    stats = {"execs": int(execs[-1]) if execs else 0,
             "cov": int(cov[-1][0]) if cov else 0,
             "ft": int(cov[-1][1]) if cov else 0}
    ok = p.returncode == 0
    print(f"fuzz_{name}: {seconds} s, {nseeds} seeds, {stats['execs']} executions, "
          f"cov: {stats['cov']} ft: {stats['ft']}" + ("" if ok else
          f" -- FAILED (exit {p.returncode}); see {os.path.relpath(log, ROOT)} "
          f"and {os.path.relpath(crash, ROOT)}/"))
    if not ok:
        tail = [l for l in text.splitlines() if "ERROR" in l or "SUMMARY" in l][:5]
        for l in tail:
            print("    " + l)
    sys.stdout.flush()
    return ok


def main():
    args = sys.argv[1:]
    seconds = 60
    only_seeds = False
    names = []
    i = 0
    while i < len(args):
        if args[i] == "--seconds":
            seconds = int(args[i + 1])
            i += 2
            continue
        if args[i] == "--seeds-only":
            only_seeds = True
        else:
            names.append(args[i])
        i += 1
    failed = 0
    for name in names:
        if only_seeds:
            d, n = write_seeds(name)
            print(f"{os.path.relpath(d, ROOT)}: {n} seeds")
        elif not run_one(name, seconds):
            failed += 1
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
