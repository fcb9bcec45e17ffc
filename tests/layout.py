"""layout.py: the typeset PDF checked from the PDF itself (layout_check.py).

Every report built here passes check_pdf(): the 2020 report from content/,
the long test report of tests/layout/long (long title, four heading
levels, many pages, 堃/喆), and the typesetter's own Markdown samples in
tests/typeset/.  Also: identical bytes when typeset twice, and a character
outside the BMP stopping the build with an error at its line and column.
"""
import os
import subprocess
import tempfile

import layout_check


def sh(*args, **kw):
    return subprocess.run(list(args), capture_output=True, text=True, **kw)


def check(ctx, label, pdf):
    if not os.path.exists(pdf):
        ctx.result(f"{label}: PDF written", False, pdf)
        return
    ctx.result(f"{label}: under 1 MB", os.path.getsize(pdf) < 1 << 20, f"{os.path.getsize(pdf)} bytes")
    for name, ok, detail in layout_check.check_pdf(pdf):
        ctx.result(f"{label}: {name}", ok, detail)


def run(ctx):
    with tempfile.TemporaryDirectory() as tmp:
        for label, content in (("2020", "content/2020"), ("long", "tests/layout/long")):
            if not os.path.isdir(os.path.join(ctx.root, content)):
                continue
            out = os.path.join(tmp, label)
            p = sh(ctx.shuzhi, "build", content, "-o", out, cwd=ctx.root)
            ctx.result(f"{label}: builds", p.returncode == 0, p.stderr[-800:])
            check(ctx, label, os.path.join(out, "report.pdf"))

        for md in ("report-2020.md", "long-report.md"):
            src = os.path.join("tests", "typeset", md)
            a, b = os.path.join(tmp, md + ".a.pdf"), os.path.join(tmp, md + ".b.pdf")
            p = sh(ctx.shuzhi, "typeset", src, "-o", a, cwd=ctx.root)
            ctx.result(f"typeset {md}", p.returncode == 0, p.stderr[-800:])
            check(ctx, md, a)
            sh(ctx.shuzhi, "typeset", src, "-o", b, cwd=ctx.root)
            same = os.path.exists(b) and open(a, "rb").read() == open(b, "rb").read()
            ctx.result(f"{md}: identical bytes when typeset twice", same)

        bad = os.path.join(tmp, "bmp.md")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("# 标题\n\n正文有一个生僻字\U00020000在这里。\n")
        p = sh(ctx.shuzhi, "typeset", bad, "-o", os.path.join(tmp, "bmp.pdf"), cwd=ctx.root)
        ctx.result("a character outside the BMP is an error at its position",
                   p.returncode == 1 and f"{bad}:3:9: error:" in p.stderr and "U+20000" in p.stderr
                   and not os.path.exists(os.path.join(tmp, "bmp.pdf")), p.stderr[-400:])
