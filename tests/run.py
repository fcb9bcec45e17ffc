#!/usr/bin/env python3
"""run.py: run every test suite of shuzhi and end with 'N passed, N failed'.

Suites are modules in tests/ with a run(ctx) function; ctx.result(name, ok,
detail) records one test.  C unit tests are the programs in $BUILD/tests/,
each printing 'ok - name' or 'not ok - name: detail' lines.
"""
import importlib
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

SUITES = ["e2e", "mustache_spec", "layout", "fonts", "bad_input", "hostile", "yaml_errors", "cli", "rules",
          "diff", "import", "import_cases", "fix_replay", "fields", "docx", "schema", "authoring",
          "fuzz_regress", "golden_lines"]


class Ctx:
    def __init__(self, only=None):
        self.passed = 0
        self.failed = 0
        self.suite = ""
        self.root = ROOT
        self.shuzhi = os.path.abspath(os.environ.get("SHUZHI", os.path.join(ROOT, "build/shuzhi")))
        self.shared = os.environ.get("SHUZHI_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
        self.verbose = os.environ.get("VERBOSE") == "1"

    def result(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            if self.verbose:
                print(f"ok   {self.suite}: {name}")
        else:
            self.failed += 1
            print(f"FAIL {self.suite}: {name}" + (f"\n     {detail}" if detail else ""))
        sys.stdout.flush()

    def note(self, text):
        print(f"     {self.suite}: {text}")


def run_unit(ctx):
    bindir = os.path.join(ROOT, os.environ.get("BUILD", "build"), "tests")
    if not os.path.isdir(bindir):
        return
    for name in sorted(os.listdir(bindir)):
        path = os.path.join(bindir, name)
        if not os.access(path, os.X_OK) or os.path.isdir(path):
            continue
        ctx.suite = "unit/" + name
        p = subprocess.run([path], cwd=ROOT, capture_output=True, text=True)
        seen = 0
        for line in p.stdout.splitlines():
            if line.startswith("ok - "):
                ctx.result(line[5:], True)
                seen += 1
            elif line.startswith("not ok - "):
                ctx.result(line[9:], False)
                seen += 1
        if p.returncode != 0 and seen == 0 or p.returncode < 0:
            ctx.result("runs to the end", False, f"exit {p.returncode}: {p.stderr[-500:]}")


def main():
    only = sys.argv[1:]
    # Under make check SANITIZE=1 a sanitizer's report must not pass for a
    # content error (exit 1): give them an exit status of their own.
    os.environ.setdefault("ASAN_OPTIONS", "exitcode=86:detect_leaks=1")
    os.environ.setdefault("UBSAN_OPTIONS", "exitcode=86:print_stacktrace=1")
    ctx = Ctx()
    start = time.time()
    if not only or "unit" in only:
        run_unit(ctx)
    for name in SUITES:
        if only and name not in only:
            continue
        if not os.path.exists(os.path.join(HERE, name + ".py")):
            continue
        ctx.suite = name
        before = ctx.passed + ctx.failed
        try:
            importlib.import_module(name).run(ctx)
        except Exception as e:  # a crashing suite is a failure, not a silent skip
            import traceback
            ctx.result("suite runs", False, traceback.format_exc()[-1500:])
        ctx.suite = name
        print(f"     {name}: {ctx.passed + ctx.failed - before} tests")
    print(f"({time.time() - start:.1f} s)")
    print(f"{ctx.passed} passed, {ctx.failed} failed")
    sys.exit(1 if ctx.failed or ctx.passed == 0 else 0)


if __name__ == "__main__":
    main()
