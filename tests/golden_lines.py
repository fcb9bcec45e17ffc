"""golden_lines.py: where the typesetter breaks lines, held to files.

Every NAME.lines beside a NAME.md in tests/typeset/ or a folder of
tests/layout/ is what `shuzhi typeset NAME.md --dump-lines` must write
(page, row, element, block and line, justified, x extent, text of each
line); a report.lines in a content folder of tests/layout/ (one with a
report.yaml) is the same for the report shuzhi builds from it.  A
difference fails with a unified diff of the lines.  A NAME.md in
tests/typeset/ without its NAME.lines fails too: make its lines with
`make golden` (SHUZHI_GOLDEN=1), read them, and commit them.
With SHUZHI_SELFCHECK_BIN (make check sets it), every case is laid out
again by the self-check build, which aborts when the line breaker's search
and the lines it sets disagree on a line's cost; its lines must be the same.
See tests/typeset/README.
"""
import difflib
import os
import subprocess
import tempfile

DIRS = ["tests/typeset"]        # every .md here has its .lines
LAYOUT = "tests/layout"         # here: the .md (or report.yaml) with a .lines
SHOWN = 80                      # diff lines shown at most


def cases(root):
    """(label, source, is a content folder, the .lines path) of every case."""
    out = []
    for d in DIRS:
        for name in sorted(os.listdir(os.path.join(root, d))):
            if name.endswith(".md"):
                out.append((f"{d}/{name}", os.path.join(root, d, name), False,
                            os.path.join(root, d, name[:-3] + ".lines")))
    top = os.path.join(root, LAYOUT)
    for sub in sorted(os.listdir(top)) if os.path.isdir(top) else []:
        d = os.path.join(top, sub)
        for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if not name.endswith(".lines"):
                continue
            md = os.path.join(d, name[:-6] + ".md")
            if os.path.exists(md):
                out.append((f"{LAYOUT}/{sub}/{name[:-6]}.md", md, False, os.path.join(d, name)))
            elif name == "report.lines" and os.path.exists(os.path.join(d, "report.yaml")):
                out.append((f"{LAYOUT}/{sub}", d, True, os.path.join(d, name)))
    return out


def dump(ctx, shuzhi, tmp, label, src, content):
    """The lines shuzhi lays out for src, or (None, why)."""
    if content:
        out = os.path.join(tmp, label.replace("/", "_"))
        p = subprocess.run([ctx.shuzhi, "build", src, "-o", out, "--no-check"],
                           cwd=ctx.root, capture_output=True, text=True)
        if p.returncode != 0:
            return None, p.stderr[-600:]
        src = os.path.join(out, "report.md")
    lines = os.path.join(tmp, "got.lines")
    p = subprocess.run([shuzhi, "typeset", src, "-o", os.path.join(tmp, "got.pdf"),
                        "--dump-lines", lines], cwd=ctx.root, capture_output=True, text=True)
    if p.returncode != 0:
        return None, p.stderr[-600:]
    with open(lines, encoding="utf-8") as f:
        return f.read(), ""


def run(ctx):
    regen = os.environ.get("SHUZHI_GOLDEN") == "1"
    selfcheck = os.environ.get("SHUZHI_SELFCHECK_BIN")
    if selfcheck:
        selfcheck = os.path.join(ctx.root, selfcheck)
        ctx.result("self-check build there", os.access(selfcheck, os.X_OK), selfcheck)
        if not os.access(selfcheck, os.X_OK):
            selfcheck = None
    with tempfile.TemporaryDirectory() as tmp:
        for label, src, content, expect in cases(ctx.root):
            got, why = dump(ctx, ctx.shuzhi, tmp, label, src, content)
            if got is None:
                ctx.result(f"{label}: typesets", False, why)
                continue
            if selfcheck:
                again, why = dump(ctx, selfcheck, tmp, label, src, content)
                ctx.result(f"{label}: self-check build agrees", again == got,
                           why or "other lines than shuzhi's")
            if regen:
                with open(expect, "w", encoding="utf-8") as f:
                    f.write(got)
                ctx.note(f"wrote {os.path.relpath(expect, ctx.root)} ({got.count(chr(10))} lines)")
            if not os.path.exists(expect):
                ctx.result(f"{label}: lines as in {os.path.basename(expect)}", False,
                           "no expected lines: make golden, read them, commit them")
                continue
            with open(expect, encoding="utf-8") as f:
                want = f.read()
            diff = list(difflib.unified_diff(want.splitlines(), got.splitlines(),
                                             os.path.relpath(expect, ctx.root), "shuzhi typeset --dump-lines",
                                             n=1, lineterm=""))
            detail = "\n     ".join(diff[:SHOWN] + ([f"... ({len(diff) - SHOWN} more)"] if len(diff) > SHOWN else []))
            ctx.result(f"{label}: lines as in {os.path.basename(expect)} ({want.count(chr(10))})",
                       got == want, detail)
