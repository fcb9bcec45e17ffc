"""mustache_spec.py: run the official Mustache specification against shuzhi template.

Each test case of the supported modules is written to a temporary folder
(template, data as JSON, partials as NAME.mustache) and rendered with
  $SHUZHI template --escape=html --missing-partial=empty --partials DIR TEMPLATE DATA.json
and standard output is compared with the expected text exactly.

Loaded by the main test runner (tests/run.py), which calls run(ctx) with
ctx.result(name, ok, detail); also runs alone: python3 tests/mustache_spec.py.
The binary is ctx.shuzhi, else $SHUZHI, else build/shuzhi.  The specification
is in ctx.shared or $SHUZHI_SHARED (its mustache-spec folder), else in
../shared/mustache-spec next to the repository.
"""

import json
import os
import subprocess
import sys
import tempfile

MODULES = ["comments", "delimiters", "interpolation", "inverted", "partials",
           "sections", "~inheritance"]

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def spec_dir(ctx=None):
    shared = getattr(ctx, "shared", None) or os.environ.get("SHUZHI_SHARED")
    if shared:
        return os.path.join(shared, "mustache-spec")
    return os.path.join(os.path.dirname(ROOT), "shared", "mustache-spec")


def shuzhi_binary(ctx=None):
    b = getattr(ctx, "shuzhi", None) or os.environ.get("SHUZHI", os.path.join("build", "shuzhi"))
    return b if os.path.isabs(b) else os.path.join(ROOT, b)


def run_case(binary, case, tmp):
    tpl = os.path.join(tmp, "template.mustache")
    data = os.path.join(tmp, "data.json")
    pdir = os.path.join(tmp, "partials")
    os.mkdir(pdir)
    with open(tpl, "w", encoding="utf-8", newline="") as f:
        f.write(case["template"])
    with open(data, "w", encoding="utf-8") as f:
        json.dump(case["data"], f, ensure_ascii=False)
    for name, text in case.get("partials", {}).items():
        with open(os.path.join(pdir, name + ".mustache"), "w",
                  encoding="utf-8", newline="") as f:
            f.write(text)
    p = subprocess.run([binary, "template", "--escape=html",
                        "--missing-partial=empty", "--partials", pdir, tpl, data],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace")


def run(ctx):
    """Run every case; one ctx.result per case.  Returns (passed, failed)."""
    binary = shuzhi_binary(ctx)
    sdir = spec_dir(ctx)
    passed = failed = 0
    for module in MODULES:
        path = os.path.join(sdir, module + ".json")
        try:
            with open(path, encoding="utf-8") as f:
                spec = json.load(f)
        except OSError as e:
            ctx.result(module, False, "cannot read %s: %s" % (path, e))
            failed += 1
            continue
        good = 0
        for case in spec["tests"]:
            name = "%s: %s" % (module, case["name"])
            with tempfile.TemporaryDirectory(prefix="shuzhi-spec-") as tmp:
                try:
                    rc, out, err = run_case(binary, case, tmp)
                except (OSError, subprocess.SubprocessError) as e:
                    rc, out, err = -1, "", str(e)
            ok = rc == 0 and out == case["expected"]
            detail = ""
            if not ok:
                detail = "expected %r, got %r (exit %d)%s" % (
                    case["expected"], out, rc,
                    ("; stderr: " + err.strip()) if err.strip() else "")
            ctx.result(name, ok, detail)
            if ok:
                good += 1
        print("mustache spec: %s %d/%d" % (module, good, len(spec["tests"])))
        passed += good
        failed += len(spec["tests"]) - good
    return passed, failed


class _Ctx:
    """Fallback for running alone: print failures only."""

    def __init__(self):
        self.failed = 0

    def result(self, name, ok, detail=""):
        if not ok:
            self.failed += 1
            print("not ok - mustache spec: %s: %s" % (name, detail))


def main():
    ctx = _Ctx()
    passed, failed = run(ctx)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or ctx.failed else 0


if __name__ == "__main__":
    sys.exit(main())
