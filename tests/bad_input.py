"""bad_input.py: every case under tests/bad/ must fail cleanly.

A case is a folder with content/ (the bad input) and expect: the exact first
line of the diagnostics ($DIR stands for the content folder) and 'exit N'.
Earlier outputs in the output folder must stay byte-identical.
"""
import os
import shutil
import subprocess
import tempfile


def run(ctx):
    top = os.path.join(ctx.root, "tests", "bad")
    for name in sorted(os.listdir(top)):
        case = os.path.join(top, name)
        with open(os.path.join(case, "expect"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        rel = os.path.join("tests", "bad", name, "content")
        want_line = lines[0].replace("$DIR", rel)
        want_exit = int(lines[1].split()[1])
        tmp = tempfile.mkdtemp(prefix="shuzhi-bad-")
        try:
            out = os.path.join(tmp, "out")
            os.makedirs(out)
            for f in ("report.pdf", "report.md"):
                with open(os.path.join(out, f), "wb") as fh:
                    fh.write(b"earlier output\n")
            try:
                p = subprocess.run([ctx.shuzhi, "build", rel, "-o", out], cwd=ctx.root,
                                   capture_output=True, text=True, errors="replace", timeout=20)
            except subprocess.TimeoutExpired:
                ctx.result(f"{name}: finishes in bounded time", False)
                continue
            first = p.stderr.splitlines()[0] if p.stderr else ""
            ctx.result(f"{name}: {want_line.split(': error: ')[-1]}",
                       first == want_line and p.returncode == want_exit,
                       f"exit {p.returncode}, want {want_exit}\n     got:  {first}\n     want: {want_line}")
            kept = all(open(os.path.join(out, f), "rb").read() == b"earlier output\n"
                       for f in ("report.pdf", "report.md"))
            ctx.result(f"{name}: earlier outputs untouched", kept and
                       sorted(os.listdir(out)) == ["report.md", "report.pdf"], str(os.listdir(out)))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
