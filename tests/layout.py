"""layout.py: the typeset PDF checked from the PDF itself (layout_check.py).

Every report built here passes check_pdf(): the 2020 report from content/,
the long test report of tests/layout/long (long title, four heading
levels, many pages, 堃/喆), and the typesetter's own Markdown samples in
tests/typeset/.  Also: identical bytes when typeset twice, and a character
outside the BMP stopping the build with an error at its line and column.
"""
import html
import os
import re
import tempfile

import bench
import layout_check
from lib import md_plain, pdf_text, sh


def check(ctx, label, pdf, size=1 << 20, pagenos=True):
    if not os.path.exists(pdf):
        ctx.result(f"{label}: PDF written", False, pdf)
        return
    ctx.result(f"{label}: under {size >> 20} MB", os.path.getsize(pdf) < size, f"{os.path.getsize(pdf)} bytes")
    for name, ok, detail in layout_check.check_pdf(pdf, pagenos=pagenos):
        ctx.result(f"{label}: {name}", ok, detail)


def consistency(ctx, tmp):
    """Styles that do not depend on what follows: a lead's final 。 is
    outside the bold before a character and before “ alike, and a （一）
    heading is set in heading-3's font whether it stands alone or opens
    its paragraph (run_in).  The heading-3 role gets a font of its own
    here (LXGW WenKai), so that the PDF shows which font set it."""
    src = os.path.join(tmp, "consistency")
    os.makedirs(src)
    with open(os.path.join(src, "report.yaml"), "w", encoding="utf-8") as f:
        f.write("unit: 某镇党委\nyear: 2020\ntopic: 党管武装工作\naddressee: 各位领导\n"
                "opening:\n  - 现将履职情况报告如下。\nsections:\n  - 1.yaml\n")
    with open(os.path.join(src, "1.yaml"), "w", encoding="utf-8") as f:
        f.write("title: 提高认识\nsections:\n"
                "  - title: 加强组织领导\n    run_in: 镇党委每季度召开一次议军会议。\n"
                "  - title: 完善工作机制\n    items:\n"
                "      - lead: 统一思想。\n        body: 党管武装是优良传统。\n"
                "      - lead: 抓好拥军优属工作。\n        body: “八一”前夕开展慰问。\n")
    fonts = open(os.path.join(ctx.root, "fonts", "fonts.yaml"), encoding="utf-8").read()
    fonts = fonts.replace("kai:", "kai:\n  - /usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 1)
    fy = os.path.join(tmp, "fonts-consistency.yaml")
    with open(fy, "w", encoding="utf-8") as f:
        f.write(fonts)
    out = os.path.join(tmp, "consistency-out")
    p = sh(ctx.shuzhi, "build", src, "-o", out, "--no-check", "--fonts", fy, cwd=ctx.root)
    ctx.result("consistency: builds", p.returncode == 0, p.stderr[-600:])
    if p.returncode != 0:
        return
    md = open(os.path.join(out, "report.md"), encoding="utf-8").read()
    leads = re.findall(r"\*\*[一二三四五六七八九十]是[^*]*\*\*.", md)
    ctx.result("consistency: a lead's final 。 outside the bold before 党 and before “ alike",
               len(leads) == 2 and all(l.endswith("**。") for l in leads), repr(leads))
    fonts_of = {}
    for m in re.finditer(r'<font name="([^"]*)"[^>]*>(.*?)</font>',
                         sh("mutool", "draw", "-F", "stext", "-o", "-",
                            os.path.join(out, "report.pdf")).stdout, re.S):
        text = "".join(html.unescape(c) for c in re.findall(r' c="([^"]*)"', m.group(2)))
        for key in ("（一）加强组织领导", "（二）完善工作机制"):
            if text.startswith(key):
                fonts_of[key] = m.group(1)
    ctx.result("consistency: a run-in （一） in the font of a （二） standing alone",
               len(fonts_of) == 2 and len(set(fonts_of.values())) == 1, repr(fonts_of))


def run(ctx):
    with tempfile.TemporaryDirectory() as tmp:
        for label, content in (("2020", "content/2020"), ("long", "tests/layout/long")):
            if not os.path.isdir(os.path.join(ctx.root, content)):
                continue
            out = os.path.join(tmp, label)
            p = sh(ctx.shuzhi, "build", content, "-o", out, cwd=ctx.root)
            ctx.result(f"{label}: builds", p.returncode == 0, p.stderr[-800:])
            check(ctx, label, os.path.join(out, "report.pdf"))

        # A report long enough (29,000 characters) for its lines to be broken
        # in chunks on two threads: the same layout checks, and its text, as
        # pdftotext gives it back, is the text of its Markdown, in order.
        src = os.path.join(tmp, "x16")
        bench.make_content(os.path.join(ctx.root, "content", "2020"), src, 16)
        out = os.path.join(tmp, "x16-out")
        p = sh(ctx.shuzhi, "build", src, "-o", out, cwd=ctx.root)
        ctx.result("2020 ×16: builds", p.returncode == 0, p.stderr[-800:])
        check(ctx, "2020 ×16", os.path.join(out, "report.pdf"))
        if p.returncode == 0:
            got = pdf_text(os.path.join(out, "report.pdf"))
            got = "".join(l for l in got.splitlines() if not re.fullmatch(r"\s*—\s*\d+\s*—\s*", l))
            want = md_plain(os.path.join(out, "report.md"))
            got, want = re.sub(r"\s+", "", got), re.sub(r"\s+", "", want)
            at = next((i for i, (x, y) in enumerate(zip(got, want)) if x != y), min(len(got), len(want)))
            ctx.result("2020 ×16: the PDF's text is the Markdown's, in order",
                       got == want and len(want) > 25000,
                       f"{len(got)} vs {len(want)} characters; first difference at {at}: "
                       f"{got[at:at + 20]} | {want[at:at + 20]}")

        # The 2020 report 50 times over (156 pages): widows and orphans,
        # squeezes, letterspacing and breaks inside units, page by page (the
        # page numbers' rendering left out, for time).
        src = os.path.join(tmp, "x50")
        bench.make_content(os.path.join(ctx.root, "content", "2020"), src, 50)
        out = os.path.join(tmp, "x50-out")
        p = sh(ctx.shuzhi, "build", src, "-o", out, "--no-check", cwd=ctx.root)
        ctx.result("2020 ×50: builds", p.returncode == 0, p.stderr[-800:])
        check(ctx, "2020 ×50", os.path.join(out, "report.pdf"), 2 << 20, pagenos=False)

        # A title with a subtitle and a byline (an imported government work
        # report): the subtitle's lines balanced without cutting 第十四届, the
        # three as one group: a blank row after the title and after the byline.
        src = os.path.join(tmp, "subtitle")
        os.makedirs(src)
        with open(os.path.join(src, "report.yaml"), "w", encoding="utf-8") as f:
            f.write("unit: 河北省人民政府\nyear: 2026\ntitle: 2026年河北省政府工作报告\n"
                    "subtitle: ——2026年1月26日在河北省第十四届人民代表大会第四次会议上\n"
                    "byline: 河北省人民政府省长　王正谱\naddressee: 各位代表\n"
                    "opening:\n  - 现在，我代表省人民政府向大会报告工作，请予审议。\n"
                    "sections:\n  - 1.yaml\n")
        with open(os.path.join(src, "1.yaml"), "w", encoding="utf-8") as f:
            f.write("title: 过去五年工作回顾\nparagraphs:\n  - 过去五年，是极不寻常、极不平凡的五年。\n")
        out = os.path.join(tmp, "subtitle-out")
        p = sh(ctx.shuzhi, "build", src, "-o", out, "--no-check", cwd=ctx.root)
        ctx.result("subtitle: builds", p.returncode == 0, p.stderr[-600:])
        if p.returncode == 0:
            _, ls = layout_check.read_pages(os.path.join(out, "report.pdf"))[0]
            texts = [l.chars for l in ls]
            want = ["2026年河北省政府工作报告", "——2026年1月26日在河北省", "第十四届人民代表大会第四次会议上",
                    "河北省人民政府省长王正谱", "各位代表："]
            ok = texts[:5] == want
            rows = [round((ls[i + 1].y0 - ls[i].y0) / 29.6, 1) for i in range(1, 4)] if ok else []
            ctx.result("subtitle: balanced lines, 第十四届 whole, then the byline and the addressee",
                       ok, " / ".join(texts[:6]))
            ctx.result("subtitle: no blank row inside the group, one after it",
                       rows == [1.0, 1.0, 2.0], f"rows apart: {rows}")

        # Paragraphs that begin at every place in a line, so that line ends
        # fall inside 1·24, 12月, 98.5%, 九·一八: where lines and pages break
        # (the files of tests/layout/units/; their lines are hard to fit, so
        # squeezes and letterspacing are not asserted there).
        units = os.path.join(ctx.root, "tests", "layout", "units")
        for md in sorted(os.listdir(units)) if os.path.isdir(units) else []:
            if not md.endswith(".md"):
                continue
            pdf = os.path.join(tmp, md + ".pdf")
            p = sh(ctx.shuzhi, "typeset", os.path.join(units, md), "-o", pdf, cwd=ctx.root)
            ctx.result(f"units/{md}: typesets", p.returncode == 0, p.stderr[-400:])
            for name, ok, detail in layout_check.check_pdf(pdf, pagenos=False) if p.returncode == 0 else []:
                if any(k in name for k in ("widows", "unit", "title line", "lines on full pages",
                                            "prohibited", "split")):
                    ctx.result(f"units/{md}: {name}", ok, detail)

        consistency(ctx, tmp)

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

        # One embedded font per face (squeezed marks are codes of the same
        # font, not a second half-width copy), each subset.
        pdf = os.path.join(tmp, "2020", "report.pdf")
        if os.path.exists(pdf):
            rows = sh("pdffonts", pdf).stdout.splitlines()[2:]
            names = [r.split()[0].split("+", 1)[-1] for r in rows if r.strip()]
            ctx.result("2020: one embedded font per face", len(names) == len(set(names)) and names,
                       ", ".join(names))

        # shuzhi build --timings: the stages on stderr.
        p = sh(ctx.shuzhi, "build", "content/2020", "-o", os.path.join(tmp, "timed"), "--timings",
               cwd=ctx.root)
        ctx.result("build --timings prints every stage",
                   p.returncode == 0 and all(f"  {k} " in p.stderr for k in
                                             ("load", "check", "render", "typeset", "subset", "pdf", "write")),
                   p.stderr[-600:])

        # shuzhi fonts: the files of each role, and the content's characters.
        p = sh(ctx.shuzhi, "fonts", cwd=ctx.root)
        ctx.result("fonts: every role and the file serving it",
                   p.returncode == 0 and all(f"\n{r}\n" in "\n" + p.stdout for r in
                                             ("title", "body", "hei", "kai", "page-number"))
                   and "首选" in p.stdout, p.stdout[-600:] + p.stderr[-300:])
        if os.path.isdir(os.path.join(ctx.root, "tests/layout/long")):
            p = sh(ctx.shuzhi, "fonts", "tests/layout/long", cwd=ctx.root)
            ok = p.returncode == 0 and "所有字体都没有的字符：无" in p.stdout
            for ch in ("堃", "喆"):
                line = next((l for l in p.stdout.splitlines() if l.strip().startswith(ch + " ")), "")
                ok = ok and "tests/layout/long/" in line and "body" in line
            ctx.result("fonts: 堃 and 喆 from a fallback font, with their place in the content",
                       ok, p.stdout[-800:] + p.stderr[-300:])
        bmp = os.path.join(tmp, "bmp-content")
        os.makedirs(bmp)
        with open(os.path.join(bmp, "report.yaml"), "w", encoding="utf-8") as f:
            f.write("unit: 某单位\nyear: 2020\ntopic: 工作\naddressee: 各位\n"
                    "opening:\n  - 正文有一个生僻字\U00020000在这里。\nsections:\n  - 1.yaml\n")
        with open(os.path.join(bmp, "1.yaml"), "w", encoding="utf-8") as f:
            f.write("title: 一个部分\nitems:\n  - lead: 要点。\n    body: 正文。\n")
        p = sh(ctx.shuzhi, "fonts", bmp, cwd=ctx.root)
        ctx.result("fonts: a character no font can draw, with its place, exit 1",
                   p.returncode == 1 and "U+20000" in p.stdout and "report.yaml:6:" in p.stdout,
                   p.stdout[-500:] + p.stderr[-500:])
