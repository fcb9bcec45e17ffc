"""e2e.py: the 2020 report end to end: content -> Markdown -> PDF.

Round trips against the corrected reference text through pdftotext and
through cmark-gfm's HTML, bold leads and headings as cmark-gfm renders them,
fonts and size from pdffonts, reproducible bytes, and a YAML error that
must leave earlier output untouched.
"""
import os
import re
import shutil
import tempfile

import reference
from lib import html_text, md_html, pdf_text, sh


def build(ctx, content, out):
    return sh(ctx.shuzhi, "build", content, "-o", out, cwd=ctx.root)


def run(ctx):
    want = reference.squeeze(reference.corrected(ctx.shared))
    tmp = tempfile.mkdtemp(prefix="shuzhi-e2e-")
    try:
        out = os.path.join(tmp, "out")
        p = build(ctx, "content/2020", out)
        ctx.result("build content/2020 exits 0", p.returncode == 0, p.stderr[-800:])
        pdf, md = os.path.join(out, "report.pdf"), os.path.join(out, "report.md")
        if p.returncode != 0 or not os.path.exists(pdf):
            return

        got = reference.squeeze(re.sub(r"—\s*\d+\s*—", "", pdf_text(pdf)))  # page numbers out
        ok = want in got
        detail = ""
        if not ok:
            i = next((i for i in range(min(len(want), len(got))) if want[i] != got[i]), None)
            start = got.find(want[:20])
            detail = f"PDF text differs; first 20 chars found at {start}; sample: {got[:120]}"
        ctx.result("pdftotext contains the corrected reference text", ok, detail)

        h = md_html(md)
        ctx.result("Markdown -> cmark-gfm HTML contains the corrected reference text",
                   want in reference.squeeze(html_text(h)), reference.squeeze(html_text(h))[:200])

        strongs = [html_text(s) for s in re.findall(r"<strong>(.*?)</strong>", h)]
        for lead in reference.leads(ctx.shared):
            core = lead.rstrip("。")
            ctx.result(f"lead rendered bold: {core}", any(s.startswith(core) for s in strongs),
                       f"strong elements: {strongs}")
        ctx.result("exactly 9 bold runs", len(strongs) == 9, str(strongs))
        heads = [html_text(s) for s in re.findall(r"<h2>(.*?)</h2>", h)]
        ctx.result("3 section titles as <h2>", heads == reference.section_titles(ctx.shared), str(heads))
        ctx.result("title as <h1>", "<h1>XXX镇党委2020年度党管武装工作述职报告</h1>" in h)
        with open(md, encoding="utf-8") as f:
            mdtext = f.read()
        paras = [l for l in mdtext.split("\n\n") if l.strip() and not l.startswith("<!--")]
        ctx.result("Markdown has one paragraph per line",
                   all("\n" not in p.strip() for p in paras), "")

        fonts = sh("pdffonts", pdf).stdout.splitlines()[2:]
        ctx.result("pdffonts lists fonts", len(fonts) > 0, "")
        bad = [l for l in fonts if not re.search(r"\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$", l)]
        ctx.result("every font embedded and subset", not bad, "\n".join(bad))
        size = os.path.getsize(pdf)
        ctx.result(f"PDF under 1 MB ({size} bytes)", size < 1_000_000)
        info = sh("pdfinfo", pdf).stdout
        ctx.result("pdfinfo: A4 pages", re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info) is not None, info)

        out2 = os.path.join(tmp, "out2")
        build(ctx, "content/2020", out2)
        same = all(open(os.path.join(out, f), "rb").read() == open(os.path.join(out2, f), "rb").read()
                   for f in ("report.pdf", "report.md", "report.docx"))
        ctx.result("two builds give identical bytes (PDF, Markdown, .docx)", same)

        # A YAML syntax error: one diagnostic line, non-zero exit, output untouched.
        bad_content = os.path.join(tmp, "bad")
        shutil.copytree(os.path.join(ctx.root, "content/2020"), bad_content)
        sec = os.path.join(bad_content, "2-jichu.yaml")
        lines = open(sec, encoding="utf-8").read().split("\n")
        n = next(i for i, l in enumerate(lines) if l.startswith("  - id:"))
        lines[n + 1] = lines[n + 1].replace("lead: ", 'lead: "', 1)  # unclosed quote
        open(sec, "w", encoding="utf-8").write("\n".join(lines))
        docx = os.path.join(out, "report.docx")
        before = open(pdf, "rb").read(), open(md, "rb").read(), open(docx, "rb").read()
        p = build(ctx, bad_content, out)
        first = p.stderr.splitlines()[0] if p.stderr else ""
        ctx.result("YAML error exits non-zero", p.returncode != 0, str(p.returncode))
        ctx.result("YAML error is path:line:col: error: ...",
                   re.match(re.escape(sec) + r":\d+:\d+: error: ", first) is not None, p.stderr)
        ctx.result("YAML error leaves earlier outputs untouched",
                   (open(pdf, "rb").read(), open(md, "rb").read(), open(docx, "rb").read()) == before)
        ctx.result("YAML error leaves no temporary files",
                   sorted(os.listdir(out)) == ["report.docx", "report.md", "report.pdf"], str(os.listdir(out)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
