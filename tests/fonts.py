"""fonts.py: the fonts people have: OpenType/CFF faces and collections
embedded, fonts found by family or file name, and what "shuzhi fonts" says.

- The 2020 report with a CFF title and body (Noto CJK, faces of a .ttc)
  and a TrueType face of another .ttc: pdffonts shows them embedded and
  subset with their outline kind, qpdf --check and mutool accept the PDF,
  pdftotext gives back the Markdown's text exactly, and the layout checks
  of layout_check.py pass.
- A copy of a Debian font put into a temporary fonts folder whose
  fonts.yaml names only its family: the build uses that copy.
- File names not in the folder are found among the installed fonts;
  weights after a colon; a family's own bold face draws bold text (a
  name-keyed CFF .otf: Cantarell); a role without a usable font says why.
- Marks squeezed at a line's end in a CFF face: each Markdown file of
  tests/fonts/squeezed, set in the CFF faces of its fonts.yaml, has lines
  ending in a mark squeezed to half an em; every pdftotext -bbox-layout
  word box lies inside the text block (0.5 pt), the text reads back as
  written, and each font program is embedded once (pdffonts' names
  against the FontFile2/FontFile3 streams qpdf --qdf shows).
- "shuzhi fonts" with the default fonts.yaml: family, file, index, outline
  kind, the candidates skipped and why, and the body's note on FangSong;
  the 一、 headings' marks all come from their first font.
"""
import os
import re
import shutil
import subprocess
import tempfile

import layout_check
from lib import md_plain, pdf_text, sh, write

NOTO = "/usr/share/fonts/opentype/noto"
KAI = "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf"
SONG = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"
WQY = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
WENKAI = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
CANTARELL = "/usr/share/fonts/opentype/cantarell"


def pdffonts(pdf):
    """name (without the subset tag), type, emb, sub for each font."""
    rows = []
    for line in sh("pdffonts", pdf).stdout.splitlines()[2:]:
        m = re.match(r"(\S+)\s+(.+?)\s+(Identity-H)\s+(yes|no)\s+(yes|no)\s+(yes|no)", line)
        if m:
            rows.append((m.group(1), m.group(2), m.group(4), m.group(5)))
    return rows


def same_text(ctx, label, pdf, md):
    """pdftotext's text is the Markdown's, character for character."""
    got = pdf_text(pdf)
    got = "".join(l for l in got.splitlines() if not re.fullmatch(r"\s*—\s*\d+\s*—\s*", l))
    want = md_plain(md)
    got, want = re.sub(r"\s+", "", got), re.sub(r"\s+", "", want)
    at = next((i for i, (x, y) in enumerate(zip(got, want)) if x != y), min(len(got), len(want)))
    ctx.result(f"{label}: pdftotext gives back the Markdown's text exactly",
               got == want and len(want) > 100,
               f"{len(got)} vs {len(want)} characters; first difference at {at}: "
               f"{got[at:at + 20]!r} | {want[at:at + 20]!r}")


def valid_pdf(ctx, label, pdf):
    p = sh("qpdf", "--check", pdf)
    ctx.result(f"{label}: qpdf --check finds no errors",
               p.returncode == 0 and "No syntax or stream encoding errors" in p.stdout,
               (p.stdout + p.stderr)[-400:])
    p = sh("mutool", "info", pdf)
    ctx.result(f"{label}: mutool info reads it", p.returncode == 0 and "Pages:" in p.stdout,
               (p.stdout + p.stderr)[-400:])
    with tempfile.TemporaryDirectory() as d:
        p = sh("mutool", "draw", "-q", "-r", "40", "-o", os.path.join(d, "p%d.png"), pdf)
        err = [l for l in p.stderr.splitlines() if "ICC support" not in l]
        ctx.result(f"{label}: mutool draws every page without an error",
                   p.returncode == 0 and not err and len(os.listdir(d)) > 0, "\n".join(err)[-400:])


def cff_report(ctx, tmp):
    fonts = os.path.join(tmp, "cff", "fonts.yaml")
    write(fonts, f"title:\n  - {{ file: {NOTO}/NotoSerifCJK-Bold.ttc, index: 2 }}\n"
                 f"body:\n  - {{ file: {NOTO}/NotoSerifCJK-Regular.ttc, index: 2 }}\n  - {KAI}\n"
                 f"hei:\n  - {{ file: {WQY}, index: 0 }}\n  - {SONG}\n"
                 f"kai:\n  - {KAI}\npage-number:\n  - {SONG}\n")
    out = os.path.join(tmp, "cff-out")
    p = sh(ctx.shuzhi, "build", "content/2020", "-o", out, "--fonts", fonts, cwd=ctx.root)
    ctx.result("CFF title and body: builds", p.returncode == 0, p.stderr[-600:])
    pdf = os.path.join(out, "report.pdf")
    if p.returncode != 0:
        return
    rows = pdffonts(pdf)
    kinds = {name.split("+", 1)[-1]: (kind, emb, sub, "+" in name) for name, kind, emb, sub in rows}
    want = {"NotoSerifCJKjp-Bold-Identity-H": "CID Type 0C", "NotoSerifCJKjp-Regular-Identity-H": "CID Type 0C",
            "WenQuanYiZenHei": "CID TrueType"}
    ok = all(n in kinds and kinds[n] == (k, "yes", "yes", True) for n, k in want.items())
    ctx.result("CFF title and body: pdffonts shows the CFF faces (.ttc index 2) and the TrueType "
               ".ttc face embedded and subset", ok, repr(rows))
    valid_pdf(ctx, "CFF title and body", pdf)
    same_text(ctx, "CFF title and body", pdf, os.path.join(out, "report.md"))
    first = layout_check.read_pages(pdf)[0][1][0].chars
    ctx.result("CFF title and body: the title copies out as written",
               first == "XXX镇党委2020年度党管武装工作述职报告", first)
    for name, good, detail in layout_check.check_pdf(pdf):
        ctx.result(f"CFF title and body: {name}", good, detail)


def font_programs(pdf):
    """The distinct font program streams the PDF's descriptors refer to."""
    q = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"],
                       capture_output=True).stdout.decode("latin-1")
    return set(re.findall(r"/FontFile[23]? (\d+) 0 R", q))


def squeezed_marks(ctx, tmp):
    """Lines ending in a mark squeezed to half an em, in CFF faces."""
    here = os.path.join(ctx.root, "tests", "fonts", "squeezed")
    fonts = os.path.join(here, "fonts.yaml")
    cases = sorted(f for f in os.listdir(here) if f.endswith(".md"))
    ctx.result("squeezed marks: cases found", len(cases) > 0, here)
    left, top = 28 * layout_check.MM, 37 * layout_check.MM
    right, bottom, tol = left + 156 * layout_check.MM, top + 225 * layout_check.MM, 0.5
    for case in cases:
        label = f"squeezed marks {case}"
        md, pdf = os.path.join(here, case), os.path.join(tmp, case + ".pdf")
        p = sh(ctx.shuzhi, "typeset", md, "-o", pdf, "--fonts", fonts, cwd=ctx.root)
        ctx.result(f"{label}: typesets", p.returncode == 0, p.stderr[-500:])
        if p.returncode != 0:
            continue
        # A squeezed mark at a line's end: its ink half ends at the right edge.
        squeezed = []
        for pg in layout_check.read_chars(pdf):
            for ln in pg:
                x, c, size = ln[-1]
                if c in layout_check.LEFT_INKED and abs(x + size / 2 - right) <= tol:
                    squeezed.append("".join(t[1] for t in ln[-8:]))
        ctx.result(f"{label}: lines end in marks squeezed to half an em", squeezed, repr(squeezed))
        outside = []
        for pg, lines in layout_check.read_pages(pdf):
            for ln in lines:
                if layout_check.PAGENO.match(ln.chars) and ln.y0 > bottom:
                    continue
                outside += [w for w in ln.words if w[0] < left - tol or w[2] > right + tol
                            or w[1] < top - tol or w[3] > bottom + tol]
        ctx.result(f"{label}: every word box inside the text block (0.5 pt)", not outside,
                   f"block x {left:.2f}..{right:.2f}; outside: {outside[:3]}")
        same_text(ctx, label, pdf, md)
        valid_pdf(ctx, label, pdf)
        rows = pdffonts(pdf)
        names = {name for name, kind, emb, sub in rows}
        progs = font_programs(pdf)
        ctx.result(f"{label}: pdffonts lists the fonts embedded and subset, each program once",
                   rows and all(emb == "yes" and sub == "yes" for _, _, emb, sub in rows)
                   and any(n.endswith("+NotoSerifCJKjp-Regular-Identity-H") for n in names)
                   and len(progs) == len(names),
                   f"{len(progs)} font programs; {rows!r}")


def family_in_folder(ctx, tmp):
    folder = os.path.join(tmp, "own", "fonts")
    os.makedirs(folder)
    copy = os.path.join(folder, "my-kai.ttf")
    shutil.copy(WENKAI, copy)
    fonts = os.path.join(folder, "fonts.yaml")
    write(fonts, "".join(f"{r}:\n  - LXGW WenKai\n" for r in
                         ("title", "body", "hei", "kai", "page-number")))
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(tmp, "cache"))
    p = sh(ctx.shuzhi, "fonts", "--fonts", fonts, cwd=ctx.root, env=env)
    ctx.result("a family name: the copy in fonts.yaml's own folder serves every role",
               p.returncode == 0 and p.stdout.count(f"首选  LXGW WenKai Regular  TrueType  {copy}") == 5,
               p.stdout[-800:] + p.stderr[-400:])
    out = os.path.join(tmp, "own-out")
    p = sh(ctx.shuzhi, "build", "content/2020", "-o", out, "--fonts", fonts, cwd=ctx.root, env=env)
    rows = pdffonts(os.path.join(out, "report.pdf")) if p.returncode == 0 else []
    ctx.result("a family name: the build embeds that font (and the family's Bold for the leads)",
               p.returncode == 0 and sorted(r[0].split("+", 1)[-1] for r in rows) ==
               ["LXGWWenKai-Bold", "LXGWWenKai-Regular"], p.stderr[-500:] + repr(rows))


def lookups(ctx, tmp):
    folder = os.path.join(tmp, "names")
    fonts = os.path.join(folder, "fonts.yaml")
    write(fonts, "title:\n  - Noto Serif CJK SC:bold\n"
                 "body:\n  - No Such Family\n  - AR PL KaitiM GB:bold\n  - gkai00mp.ttf\n"
                 "hei:\n  - NotoSansCJK-Regular.ttc\n  - { file: NotoSansCJK-Regular.ttc, index: 2 }\n"
                 "kai:\n  - 文鼎ＰＬ简中楷\npage-number:\n  - Noto Serif CJK SC\n")
    p = sh(ctx.shuzhi, "fonts", "--fonts", fonts, cwd=ctx.root)
    out = p.stdout
    checks = [
        ("a weight after the colon", f"首选  Noto Serif CJK SC Bold  OpenType/CFF  {NOTO}/NotoSerifCJK-Bold.ttc（index 2）"),
        ("a family without a weight: its regular face", f"首选  Noto Serif CJK SC Regular  OpenType/CFF  {NOTO}/NotoSerifCJK-Regular.ttc（index 2）"),
        ("a bare file name not in the folder: the installed file", f"首选  AR PL KaitiM GB Regular  TrueType  {KAI}\n"),
        ("a family not installed is skipped as such", "No Such Family（没有安装）"),
        ("a weight the family lacks is skipped as such", "AR PL KaitiM GB:bold（没有这种字重或样式的字形）"),
        ("the index of an installed collection", f"首选  Noto Sans CJK JP Regular  OpenType/CFF  {NOTO}/NotoSansCJK-Regular.ttc\n"),
        ("a family's Chinese name", f"kai\n  首选  AR PL KaitiM GB Regular  TrueType  {KAI}"),
        ("a family's own bold face", f"粗体  Noto Serif CJK SC Bold  OpenType/CFF  {NOTO}/NotoSerifCJK-Bold.ttc（index 2）（Noto Serif CJK SC 的粗体）"),
    ]
    for name, text in checks:
        ctx.result(f"lookup: {name}", p.returncode == 0 and text in out, out[-1200:] + p.stderr[-300:])

    # A role whose fonts are there but cannot serve says so, not "not installed".
    bad = os.path.join(tmp, "bad", "fonts.yaml")
    write(bad, "".join(f"{r}:\n  - {{ file: {KAI}, index: 3 }}\n" for r in
                       ("title", "body", "hei", "kai", "page-number")))
    p = sh(ctx.shuzhi, "fonts", "--fonts", bad, cwd=ctx.root)
    ctx.result("a role without a usable font: the error says why for each candidate",
               p.returncode == 2 and f"角色“title”没有能用的字体：{KAI}（集合中没有这个 index）" in p.stderr
               and "都没有安装" not in p.stderr, p.stderr[-600:])


def name_keyed_bold(ctx, tmp):
    """A plain .otf (name-keyed CFF): glyph ids as codes; its Bold face draws bold."""
    if not os.path.exists(os.path.join(CANTARELL, "Cantarell-Regular.otf")):
        ctx.result("fonts-cantarell installed (make check installs it)", False)
        return
    fonts = os.path.join(tmp, "latin", "fonts.yaml")
    write(fonts, f"title: [Noto Serif CJK SC:bold]\nbody: [Cantarell, {KAI}]\n"
                 f"hei: [Noto Sans CJK SC]\nkai: [{KAI}]\npage-number: [{SONG}]\n")
    md = os.path.join(tmp, "latin", "t.md")
    write(md, "# Annual Report 年度报告\n\n"
              "**The first point, in bold.** The quick brown fox jumps over the lazy dog: "
              "1,234 items (56%) in 2020; 第一段中文。\n\n"
              "## 一、Heading with Latin words\n\n**加粗的导语**。Plain text again, AVATAR Wolf.\n")
    pdf = os.path.join(tmp, "latin", "t.pdf")
    p = sh(ctx.shuzhi, "typeset", md, "-o", pdf, "--fonts", fonts, cwd=ctx.root)
    ctx.result("name-keyed CFF: typesets", p.returncode == 0, p.stderr[-500:])
    if p.returncode != 0:
        return
    names = {r[0].split("+", 1)[-1]: r[1] for r in pdffonts(pdf)}
    ctx.result("name-keyed CFF: Cantarell and its Bold embedded as CIDFontType0",
               names.get("Cantarell-Regular-Identity-H") == "CID Type 0C"
               and names.get("Cantarell-Bold-Identity-H") == "CID Type 0C",
               repr(names))
    valid_pdf(ctx, "name-keyed CFF", pdf)
    same_text(ctx, "name-keyed CFF", pdf, md)
    # Real bold: the Latin lead is drawn in Cantarell-Bold, not stroked (2 Tr);
    # the Chinese one is stroked (AR PL KaitiM GB has no bold).
    qdf = os.path.join(tmp, "latin", "q.pdf")
    sh("qpdf", "--qdf", "--object-streams=disable", pdf, qdf)
    content = open(qdf, "rb").read().decode("latin-1")
    base = {}
    for res, obj in re.findall(r"/(F\d+) (\d+) 0 R", content):
        m = re.search(rf"\n{obj} 0 obj\n<<(.*?)>>", content, re.S)
        b = re.search(r"/BaseFont /[A-Z]{6}\+(\S+)", m.group(1)) if m else None
        base[res] = b.group(1) if b else "?"
    font, stroke, drawn = None, False, set()
    for line in content.splitlines():
        if line.endswith(" Tf"):
            font = base.get(line.split()[0][1:], "?")
        elif line in ("2 Tr", "0 Tr"):
            stroke = line == "2 Tr"
        elif line.endswith(" Tj"):
            drawn.add((font, stroke))
    ctx.result("name-keyed CFF: bold Latin in the family's Bold face, the bold Chinese stroked",
               ("Cantarell-Bold-Identity-H", False) in drawn and ("GBZenKai-Medium", True) in drawn
               and ("Cantarell-Bold-Identity-H", True) not in drawn, repr(sorted(drawn)))


def default_fonts(ctx):
    p = sh(ctx.shuzhi, "fonts", "content/2020", cwd=ctx.root)
    out = p.stdout
    body = out[out.find("\nbody\n"):out.find("\nhei\n")]
    ctx.result("fonts: the title in Noto Serif CJK SC Bold, a CFF face of a collection",
               f"title\n  首选  Noto Serif CJK SC Bold  OpenType/CFF  {NOTO}/NotoSerifCJK-Bold.ttc（index 2）" in out,
               out[:600])
    ctx.result("fonts: the body stays Kai and says a FangSong is not installed",
               f"首选  AR PL KaitiM GB Regular  TrueType  {KAI}" in body and "说明  没有仿宋" in body
               and re.search(r"跳过  仿宋_GB2312、FangSong_GB2312、仿宋、FangSong、simfang.ttf.*（没有安装）", body),
               body)
    ctx.result("fonts: 一、 headings in Noto Sans CJK SC, every character (，、) from it",
               f"hei\n  首选  Noto Sans CJK SC Regular  OpenType/CFF  {NOTO}/NotoSansCJK-Regular.ttc（index 2）" in out
               and re.search(r"\n  hei +\d+ 个，都由首选字体提供", out) is not None, out[-900:])


def run(ctx):
    if not os.path.exists(os.path.join(NOTO, "NotoSerifCJK-Bold.ttc")):
        ctx.result("fonts-noto-cjk installed (make installs it)", False)
        return
    with tempfile.TemporaryDirectory() as tmp:
        cff_report(ctx, tmp)
        squeezed_marks(ctx, tmp)
        family_in_folder(ctx, tmp)
        lookups(ctx, tmp)
        name_keyed_bold(ctx, tmp)
        default_fonts(ctx)
