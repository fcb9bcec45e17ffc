"""fuzz_regress.py: replay the inputs the fuzzers once crashed on.

tests/fuzz/regress/<harness>/ keeps every input that made a libFuzzer
harness of tests/fuzz/ crash, leak, hang or trip a sanitizer (named after
what it found).  make check builds each harness with tests/fuzz/replay.c
instead of libFuzzer, as $BUILD/fuzz-replay/fuzz_<harness> (with
AddressSanitizer and UBSan under SANITIZE=1), and this suite runs it on
each kept input, and on an empty one: it must exit 0 within the time
limit and print no sanitizer report.
"""
import os
import re
import subprocess
import tempfile

TOOL_REPORT = re.compile(r"^==\d+==|runtime error:|AddressSanitizer|LeakSanitizer", re.M)


def replay(ctx, binary, name, path):
    env = dict(os.environ, SHUZHI_ROOT=ctx.root)
    try:
        p = subprocess.run([binary, path], cwd=ctx.root, capture_output=True, text=True,
                           errors="replace", timeout=30, env=env)
    except subprocess.TimeoutExpired:
        ctx.result(f"{name}: {os.path.basename(path)} finishes", False, "over 30 s")
        return
    ok = p.returncode == 0 and not TOOL_REPORT.search(p.stderr)
    ctx.result(f"{name}: {os.path.basename(path)}", ok,
               f"exit {p.returncode}\n     " + "\n     ".join(p.stderr.splitlines()[-25:]))


def run(ctx):
    bindir = os.path.join(ctx.root, os.environ.get("BUILD", "build"), "fuzz-replay")
    top = os.path.join(ctx.root, "tests", "fuzz")
    names = sorted(f[5:-2] for f in os.listdir(top)
                   if f.startswith("fuzz_") and f.endswith(".c"))
    with tempfile.NamedTemporaryFile(prefix="shuzhi-empty-") as empty:
        for name in names:
            binary = os.path.join(bindir, "fuzz_" + name)
            if not os.access(binary, os.X_OK):
                ctx.result(f"{name}: replay program built", False, binary)
                continue
            replay(ctx, binary, name, empty.name)
            regress = os.path.join(top, "regress", name)
            if os.path.isdir(regress):
                for f in sorted(os.listdir(regress)):
                    if not f.startswith("."):
                        replay(ctx, binary, name, os.path.join(regress, f))
