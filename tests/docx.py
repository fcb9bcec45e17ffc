"""docx.py: report.docx, the Word round trip and a reviewer's tracked changes.

The 2020 report and the long test report (four heading levels, with a
subtitle, a byline, 附件说明, signature and date added) are built; then:
- the package: fixed entry order and times, the same bytes from
  `shuzhi build` and `shuzhi docx`, no temporary file left;
- python-docx (Debian's python3-docx, through tests/docx_tool.py) sees A4,
  the 156 x 225 mm block, the 22-line grid, odd/even footers with a PAGE
  field as — N —, the role styles with their fonts, sizes and outline levels,
  each paragraph in the style of its role, bold leads, the document properties;
- LibreOffice (one conversion, a private profile, fonts/office-aliases.conf)
  renders it as A4 pages of 22 lines on a 28.95 pt pitch, 28 characters a
  full line, — N — 7 mm below the block one character in from the outer
  edge, and the Markdown's text in order;
- `shuzhi import report.docx` gives content whose report.md is the original's;
- a reviewer's copy made here (w:del, w:ins, an inserted paragraph, a
  comment) imports with the changes accepted and one note per change and
  comment (author, place); `shuzhi diff` against what was sent shows those
  changes and nothing else; --reject-changes gives back what was sent.
Without python-docx or LibreOffice those parts are skipped, saying why.
"""
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile

import layout_check
import lib
from lib import md_plain, squeeze

HERE = os.path.dirname(os.path.abspath(__file__))
MM = 72 / 25.4
PITCH = 579 / 20                        # w:linePitch: 225 mm / 22, rounded down to a twip
NOTE = re.compile(r"^(.*?):(\d+):(\d+): note: (.*)$")
PAGENO = re.compile(r"^—(\d+)—$")

# The reviewer: 王书记 deletes a word, replaces a number, adds a sentence as
# a new paragraph; 李主任 comments on a number (tests/docx_tool.py review).
REVIEW = {
    "author": "王书记",
    "delete": ["认真学习", "认真"],          # in the paragraph holding the first, delete the second
    "replace": ["120余名", "120", "150"],   # ... replace the second by the third
    "new_paragraph": ["根据要求", "全年武装工作经费全部落实到位。"],  # inserted after that paragraph
    "comment": ["60余名", "60余名", "李主任", "人数请再核实"],
}

ROLE_STYLES = {     # style name -> (east Asian font, size pt, outline level or None)
    "Normal": ("仿宋_GB2312", 16, None),
    "公文标题": ("方正小标宋简体", 22, None),
    "Subtitle": ("楷体_GB2312", 16, None),
    "署名": ("楷体_GB2312", 16, None),
    "主送": ("仿宋_GB2312", 16, None),
    "一级标题": ("黑体", 16, "0"),
    "二级标题": ("楷体_GB2312", 16, "1"),
    "三级标题": ("仿宋_GB2312", 16, "2"),
    "四级标题": ("仿宋_GB2312", 16, "3"),
    "落款": ("仿宋_GB2312", 16, None),
    "成文日期": ("仿宋_GB2312", 16, None),
    "附件说明": ("仿宋_GB2312", 16, None),
    "附件": ("黑体", 16, None),
}


def sh(args, **kw):
    """Run a program; without SOURCE_DATE_EPOCH unless env is given."""
    kw.setdefault("env", {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"})
    return lib.sh(args, **kw)


def docx_python():
    """An interpreter with python-docx and lxml, or None."""
    for py in dict.fromkeys((sys.executable, "/usr/bin/python3")):
        if os.path.exists(py) and sh([py, "-c", "import docx, lxml"]).returncode == 0:
            return py
    return None


def long_report(ctx, dst):
    """tests/layout/long with a subtitle, a byline and 附件说明."""
    shutil.copytree(os.path.join(ctx.root, "tests", "layout", "long"), dst)
    p = os.path.join(dst, "report.yaml")
    with open(p, encoding="utf-8") as f:
        y = f.read()
    y = y.replace("addressee:", "subtitle: ——在2021年县委全会上的述职\n"
                  "byline: 县人民武装部政委　张三\naddressee:", 1)
    y += "appendix:\n  - 附件：1.民兵整组情况统计表\n  - 2.国防教育活动安排\n"
    with open(p, "w", encoding="utf-8") as f:
        f.write(y)
    # A run-in heading: （二）'s title with the text running on after it.
    p = os.path.join(dst, "1.yaml")
    with open(p, encoding="utf-8") as f:
        y = f.read()
    y = y.replace("  - title: 落实第一书记职责\n",
                  "  - title: 落实第一书记职责。\n    run_in: 书记带头抓武装，每季度听取一次专题汇报。\n", 1)
    with open(p, "w", encoding="utf-8") as f:
        f.write(y)


def attachment_report(ctx, dst):
    """The 2020 report with a long subtitle and an attachment with a long title."""
    shutil.copytree(os.path.join(ctx.root, "content", "2020"), dst)
    p = os.path.join(dst, "report.yaml")
    with open(p, encoding="utf-8") as f:
        y = f.read()
    y = y.replace("addressee:", "subtitle: ——在2021年1月全县基层党委书记抓基层党建和党管武装工作述职评议会议上的发言\n"
                  "addressee:", 1)
    y += ("attachments:\n  - title: XXX镇2020年度民兵组织整顿和基层武装部规范化建设情况统计表及有关说明\n"
          "    paragraphs:\n      - 1.基干民兵120名，其中退役军人60名。\n")
    with open(p, "w", encoding="utf-8") as f:
        f.write(y)


def centred_lines(pdf, first):
    """From the line starting with first: the lines centred in the block (a title's, a subtitle's)."""
    out = []
    for _, lines in layout_check.read_pages(pdf):
        for l in lines:
            t = squeeze(l.text)
            if out or t.startswith(first):
                mid = (l.x0 + l.x1) / 2 - (28 * MM + 78 * MM)
                if abs(mid) > 3 or PAGENO.match(t):
                    return out
                out.append(t)
    return out


def check_centred(ctx, lo_pdf, own_pdf, first, label):
    """LibreOffice turns the lines of a subtitle or an attachment's title where shuzhi's PDF does."""
    own, lo = centred_lines(own_pdf, first), centred_lines(lo_pdf, first)
    ctx.result(f"{label}: LibreOffice sets it on the PDF's lines ({len(own)} of them)",
               lo == own and len(own) > 1 and all(len(t) > 1 for t in lo), f"LibreOffice {lo} PDF {own}")


def first_lines(pdf):
    """The first page's lines, squeezed, and their heights."""
    pages = layout_check.read_pages(pdf)
    return [(squeeze(l.text), l.h) for l in (pages[0][1] if pages else [])]


def check_titles(ctx, lo_pdf, own_pdf, label):
    """LibreOffice shows the title on the lines shuzhi's PDF sets it in (GB/T 9704 7.3.1)."""
    mine = first_lines(own_pdf)
    own = [t for t, _ in itertools.takewhile(lambda l: l[1] > 20, mine)]     # 22 pt, the body 16
    lo = [t for t, _ in first_lines(lo_pdf)[:len(own)]]
    ctx.result(f"{label}: LibreOffice sets the title on the PDF's lines ({len(own)} of them), "
               "none of one character", lo == own and lo and all(len(t) > 1 for t in lo),
               f"LibreOffice {lo} PDF {own}")


def check_lo_fonts(ctx, lo_pdf, label):
    """pdffonts of LibreOffice's PDF: the faces fonts.yaml serves the PDF's roles with on Debian."""
    fonts = sh(["pdffonts", lo_pdf]).stdout
    want = {"title: Noto Serif CJK SC Bold": r"NotoSerifCJK\w*-Bold",
            "一、 headings: Noto Sans CJK SC": r"NotoSansCJK\w*-Regular",
            "body and （一）: AR PL KaitiM GB": r"GBZenKai",
            "page numbers: AR PL SungtiL GB": r"BousungEG"}
    missing = [k for k, rx in want.items() if not re.search(rx, fonts)]
    ctx.result(f"{label}: LibreOffice draws with the PDF's free faces (pdffonts)", not missing,
               f"missing {missing}\n{fonts}")


def check_alternates(ctx, docx, label):
    """w:altName of each office font is the face fonts.yaml serves its role with here (shuzhi fonts),
    and fonts/office-aliases.conf maps each office font to that face."""
    served = {}
    role = None
    for line in sh([ctx.shuzhi, "fonts"], cwd=ctx.root).stdout.splitlines():
        if line and not line.startswith(" "):
            role = line.strip()
        m = re.match(r"\s+首选\s+(.+?)\s{2}", line)
        if m and role:
            served[role] = re.sub(r" Regular$", "", m.group(1))
    word = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "hei": "黑体", "kai": "楷体_GB2312",
            "page-number": "宋体"}
    xml = zipfile.ZipFile(docx).read("word/fontTable.xml").decode()
    alt = dict(re.findall(r'<w:font w:name="([^"]+)"><w:altName w:val="([^"]+)"/>', xml))
    bad = [f"{r}: {word[r]} -> {alt.get(word[r])}, served {served.get(r)}" for r in word
           if alt.get(word[r]) != served.get(r)]
    ctx.result(f"{label}: fontTable's w:altName of each office font is the face the PDF uses for its role",
               not bad, "; ".join(bad))
    conf = open(os.path.join(ctx.root, "fonts", "office-aliases.conf"), encoding="utf-8").read()
    mapped = dict(re.findall(r"<family>([^<]+)</family><prefer><family>([^<]+)</family>", conf))
    for m in re.finditer(r"<string>([^<]+)</string></test>\s*<edit[^>]*><string>([^<]+)</string></edit>"
                         r"(\s*<edit name=\"weight\"[^>]*><const>bold</const>)?", conf):
        mapped[m.group(1)] = m.group(2) + (" Bold" if m.group(3) else "")
    bad = [f"{w}: conf {mapped.get(w)}, altName {alt.get(w)}" for w in word.values()
           if mapped.get(w) != alt.get(w)]
    ctx.result("fonts/office-aliases.conf maps each office font to the .docx's alternate", not bad,
               "; ".join(bad))


def check_run_in(ctx, docx, label):
    """A run-in title's run names the font the PDF sets it in: heading-3's (楷体, not bold)."""
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
    m = re.search(r"<w:r><w:rPr>((?:(?!</w:rPr>).)*)</w:rPr><w:t[^>]*>（[一二三四五六七八九十]+）[^<]*</w:t>", xml)
    props = m.group(1) if m else ""
    ctx.result(f"{label}: the run-in title's run is in 楷体_GB2312 (heading-3's font), not bold",
               'w:eastAsia="楷体_GB2312"' in props and "<w:b/>" not in props, props or "no run-in run")


def check_package(ctx, out, tmp):
    path = os.path.join(out, "report.docx")
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        names = [i.filename for i in infos]
        ctx.result("package: [Content_Types].xml first, then the parts in a fixed order",
                   names[:2] == ["[Content_Types].xml", "_rels/.rels"] and "word/document.xml" in names
                   and "word/footer2.xml" in names, str(names))
        ctx.result("package: every entry dated 1980-01-01 00:00 (no clock in the bytes)",
                   all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos),
                   str({i.date_time for i in infos}))
        ctx.result("package: the zip tests clean", z.testzip() is None)
    left = [f for f in os.listdir(out) if f not in ("report.md", "report.pdf", "report.docx")]
    ctx.result("build leaves no temporary file beside the three outputs", not left, str(left))
    # shuzhi docx on the written Markdown, with the build's document properties.
    alone = os.path.join(tmp, "alone.docx")
    p = sh([ctx.shuzhi, "docx", os.path.join(out, "report.md"), "-o", alone,
            "--title", "XXX镇党委2020年度党管武装工作述职报告", "--author", "XXX镇党委",
            "--subject", "述职报告"], cwd=ctx.root)
    same = p.returncode == 0 and open(alone, "rb").read() == open(path, "rb").read()
    ctx.result("shuzhi docx on report.md gives the bytes build wrote", same, p.stderr[-400:])
    dated = os.path.join(tmp, "dated.docx")
    p = sh([ctx.shuzhi, "docx", os.path.join(out, "report.md"), "-o", dated], cwd=ctx.root,
           env=dict(os.environ, SOURCE_DATE_EPOCH="1609459200"))
    core = zipfile.ZipFile(dated).read("docProps/core.xml").decode() if p.returncode == 0 else ""
    ctx.result("the creation date comes from SOURCE_DATE_EPOCH only (never the clock)",
               "2021-01-01T00:00:00Z" in core and "created" not in
               zipfile.ZipFile(path).read("docProps/core.xml").decode(), core + p.stderr[-300:])
    p = sh([ctx.shuzhi, "docx", os.path.join(tmp, "missing.md"), "-o", os.path.join(tmp, "x.docx")],
           cwd=ctx.root)
    ctx.result("shuzhi docx on a missing file: exit 2, nothing written",
               p.returncode == 2 and not os.path.exists(os.path.join(tmp, "x.docx")), p.stderr[-300:])
    # A shuzhi without its shuzhi-docx (none beside it, none installed): the
    # build stops with exit 2 and writes none of the three files.
    if not os.path.exists("/usr/local/libexec/shuzhi/shuzhi-docx"):
        lone = os.path.join(tmp, "lone")
        os.makedirs(lone)
        shutil.copy(ctx.shuzhi, lone)
        dest = os.path.join(tmp, "lone-out")
        p = sh([os.path.join(lone, os.path.basename(ctx.shuzhi)), "build", "content/2020", "-o", dest],
               cwd=ctx.root)
        ctx.result("without shuzhi-docx the build fails (exit 2), says why and writes nothing",
                   p.returncode == 2 and "shuzhi-docx" in p.stderr and not os.path.exists(dest),
                   f"exit {p.returncode}: {p.stderr[-300:]}")


def inspect(ctx, py, path):
    p = sh([py, os.path.join(HERE, "docx_tool.py"), "inspect", path])
    if p.returncode != 0:
        ctx.result("python-docx opens the .docx", False, p.stderr[-800:])
        return None
    ctx.result("python-docx opens the .docx", True)
    return json.loads(p.stdout)


def check_word_terms(ctx, d, label):
    s = d["section"]
    ctx.result(f"{label}: A4 (11906 x 16838 twips)", (s["page_width"], s["page_height"]) == (11906, 16838),
               str(s))
    ctx.result(f"{label}: margins top 37 mm, left 28 mm; block 156 x 225 mm (±1 twip)",
               abs(s["top"] - 37 * MM * 20) <= 1 and abs(s["left"] - 28 * MM * 20) <= 1
               and abs(s["page_width"] - s["left"] - s["right"] - 156 * MM * 20) <= 1
               and abs(s["page_height"] - s["top"] - s["bottom"] - 225 * MM * 20) <= 1, str(s))
    g = s["grid"]
    ctx.result(f"{label}: w:docGrid of 22 lines: linePitch 579 (22 x 579 <= the block's 12756 twips)",
               g["type"] in ("lines", "linesAndChars") and g["linePitch"] == "579", str(g))
    ctx.result(f"{label}: w:docGrid charSpace -849: 28 characters of 16 pt in 156 mm "
               "(pitch 16 - 849/4096 pt)", g["charSpace"] == "-849"
               and 28 * (16 - 849 / 4096) <= 156 * MM < 29 * (16 - 849 / 4096), str(g))
    ctx.result(f"{label}: odd and even footers on (w:evenAndOddHeaders)", s["odd_and_even"], str(s))
    f = d["footers"]
    ctx.result(f"{label}: odd footer — PAGE — on the right, one 14 pt character (280 twips) in",
               f["odd"]["field"] == "PAGE" and f["odd"]["text"] == "— 1 —" and f["odd"]["align"] == "right"
               and f["odd"]["right"] == "280", str(f["odd"]))
    ctx.result(f"{label}: even footer — PAGE — on the left, one character in",
               f["even"]["field"] == "PAGE" and f["even"]["text"] == "— 2 —" and f["even"]["align"] == "left"
               and f["even"]["left"] == "280", str(f["even"]))
    foot = d["styles"].get("footer") or d["styles"].get("Footer") or {}
    ctx.result(f"{label}: page numbers in 4号宋体 (14 pt 宋体)",
               foot.get("east_asian") == "宋体" and foot.get("size") == 14, str(foot))
    st = d["styles"]
    bad = [f"{name}: {st.get(name)}" for name, (font, size, outline) in ROLE_STYLES.items()
           if name not in st or st[name]["east_asian"] != font or st[name]["size"] != size
           or st[name]["outline"] != outline]
    ctx.result(f"{label}: role styles with their fonts, sizes and outline levels", not bad, "\n".join(bad))
    n = st.get("Normal", {})
    ctx.result(f"{label}: 正文 (Normal): exactly one grid line (579), two characters indent, justified, "
               "condensed to the 28-character pitch",
               n.get("line") == "579" and n.get("line_rule") == "exact" and n.get("first_line_chars") == "200"
               and n.get("align") == "both" and n.get("tracking") == "-5", str(n))
    keep = [k for k in ("一级标题", "二级标题", "三级标题", "四级标题") if not st.get(k, {}).get("keep_next")]
    ctx.result(f"{label}: headings keep with the next paragraph", not keep, str(keep))


def check_roles(ctx, d, md_path, label):
    """Each paragraph in the style of its role, in the Markdown's order."""
    want = []
    role = None
    with open(md_path, encoding="utf-8") as f:
        for block in f.read().split("\n\n"):
            block = block.strip()
            m = re.match(r"<!-- shuzhi:([\w-]+)(?: \d+)? -->\n?(.*)", block, re.S)
            if m:
                role, block = m.group(1), m.group(2).strip()
                if not block:
                    continue
            if not block:
                continue
            h = re.match(r"(#+) (.*)", block)
            if h:
                style = {1: "公文标题", 2: "一级标题", 3: "二级标题", 4: "三级标题", 5: "四级标题"}[len(h.group(1))]
                text = h.group(2)
            else:
                style = {"subtitle": "Subtitle", "byline": "署名", "addressee": "主送", "signature": "落款",
                         "date": "成文日期", "appendix": "附件说明"}.get(role, "Normal")
                text = block
            text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text.replace("**", ""))  # Markdown escapes
            want.append((style, squeeze(text)))
            role = None
    got = [(p["style"], squeeze(p["text"])) for p in d["paragraphs"]]
    first = next((i for i, (a, b) in enumerate(zip(want, got)) if a != b), None)
    ctx.result(f"{label}: {len(want)} paragraphs, each in its role's style, in order",
               want == got, f"first difference at {first}: want {want[first] if first is not None else ''} "
               f"got {got[first] if first is not None and first < len(got) else ''}; "
               f"{len(want)} vs {len(got)}")
    return got


def check_core(ctx, d):
    c = d["core"]
    ctx.result("docProps: title, author (the unit) and subject",
               c == {"title": "XXX镇党委2020年度党管武装工作述职报告", "author": "XXX镇党委",
                     "subject": "述职报告"}, str(c))
    leads = [b for p in d["paragraphs"] for b in p["bold"]]
    ctx.result("the nine leads are bold (一是……二是……三是)",
               len(leads) == 9 and all(re.match(r"[一二三]是", b) for b in leads), str(leads))


def libreoffice(ctx, tmp, docx):
    """docx converted by soffice, with the office fonts mapped to the free ones; the PDF or None."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        ctx.note("LibreOffice (soffice) is not installed: the rendering checks are skipped "
                 "(Debian: libreoffice-writer-nogui)")
        return None
    conf = os.path.join(tmp, "fonts.conf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
                '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                f'  <include>{os.path.join(ctx.root, "fonts", "office-aliases.conf")}</include>\n</fontconfig>\n')
    env = dict(os.environ, FONTCONFIG_FILE=conf, HOME=tmp)
    outdir = os.path.join(tmp, "lo", os.path.basename(os.path.dirname(docx)))
    p = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/lo-profile", "--headless",
                        "--convert-to", "pdf", "--outdir", outdir, docx],
                       capture_output=True, text=True, env=env, timeout=300)
    pdf = os.path.join(outdir, os.path.splitext(os.path.basename(docx))[0] + ".pdf")
    ctx.result("LibreOffice converts report.docx to PDF", os.path.exists(pdf), (p.stdout + p.stderr)[-600:])
    return pdf if os.path.exists(pdf) else None


def check_rendering(ctx, pdf, md, own_pdf):
    info = sh(["pdfinfo", pdf]).stdout
    npages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    ctx.result("LibreOffice: A4 pages", re.search(r"Page size:\s+595\.\d* x 841\.\d* pts \(A4\)", info)
               is not None, info)
    pages = layout_check.read_pages(pdf)
    top, left = 37 * MM, 28 * MM
    right, bottom = left + 156 * MM, top + 225 * MM
    body = [[l for l in lines if not PAGENO.match(l.chars)] for _, lines in pages]
    nums = [[l for l in lines if PAGENO.match(l.chars)] for _, lines in pages]
    # Rows: a 16 pt line's box sits at the same place in its row on every page;
    # the first line of page 2 is on row 0.
    ref = body[1][0].y1 if len(body) > 1 and body[1] else None
    rows, off = [], []
    for lines in body:
        r = []
        for l in lines:
            if l.h > 24:        # the title's 22 pt lines
                continue
            x = (l.y1 - ref) / PITCH
            r.append(round(x))
            off.append(abs(x - round(x)))
        rows.append(r)
    ctx.result("LibreOffice: every 16 pt line on a row of the 28.95 pt grid (±1 pt)",
               ref is not None and max(off) * PITCH <= 1.0, f"worst {max(off) * PITCH:.2f} pt")
    full = [i + 1 for i, r in enumerate(rows[:-1]) if not r or r[-1] != 21 or min(r) < 0]
    ctx.result(f"LibreOffice: every page but the last filled to its 22nd row ({npages} pages)", not full,
               f"pages {full}: rows {[rows[i - 1] for i in full]}")
    counts = [len(lines) for lines in body]
    ctx.result("LibreOffice: 22 lines on the full pages after the first (the first: title, a blank row, 20)",
               all(c == 22 for c in counts[1:-1]) and counts[0] == 21, str(counts))
    chars = [len(l.chars) for lines in body[1:] for l in lines if l.x1 > right - 20 and l.x0 < left + 2]
    ctx.result("LibreOffice: 28 characters on a full line (median)",
               chars and statistics.median(chars) == 28, str(chars))
    bad = []
    for i, ls in enumerate(nums):
        if len(ls) != 1 or int(PAGENO.match(ls[0].chars).group(1)) != i + 1:
            bad.append(f"p{i + 1}: {[l.text for l in ls]}")
            continue
        l = ls[0]
        edge = right - l.x1 if (i + 1) % 2 else l.x0 - left
        centre = layout_check.dash_centre(pdf, i, l)
        if abs(edge - 14) > 1 or centre is None or abs(centre - (bottom + 7 * MM)) > 0.5 * MM:
            bad.append(f"p{i + 1}: {l.text} edge {edge:.1f} pt, dash {centre} (want {bottom + 7 * MM:.1f})")
    ctx.result("LibreOffice: — N — on every page, odd right / even left one 14 pt character in, "
               "its dashes 7 mm below the block (±0.5 mm)", not bad, "; ".join(bad))
    if own_pdf:
        mine = layout_check.read_pages(own_pdf)
        ctx.result(f"LibreOffice: as many pages as shuzhi's PDF ({npages} and {len(mine)})",
                   npages == len(mine))
    got = squeeze("".join(l.text for lines in body for l in lines))
    want = squeeze(md_plain(md))
    at = next((i for i, (x, y) in enumerate(zip(got, want)) if x != y), min(len(got), len(want)))
    ctx.result("LibreOffice: the text of the report, in order", got == want,
               f"{len(got)} vs {len(want)} characters; first difference at {at}: {got[at:at + 20]} | "
               f"{want[at:at + 20]}")


def round_trip(ctx, tmp, out, label):
    """Import report.docx, build it again: the same report.md."""
    content = os.path.join(tmp, label + "-imported")
    p = sh([ctx.shuzhi, "import", os.path.join(out, "report.docx"), "-o", content], cwd=ctx.root)
    ctx.result(f"{label}: shuzhi import report.docx exits 0", p.returncode == 0, p.stderr[-800:])
    if p.returncode != 0:
        return None
    again = os.path.join(tmp, label + "-again")
    b = sh([ctx.shuzhi, "build", "--no-check", content, "-o", again], cwd=ctx.root)
    ctx.result(f"{label}: the imported content builds", b.returncode == 0, b.stderr[-600:])
    if b.returncode == 0:
        a = open(os.path.join(out, "report.md"), encoding="utf-8").read()
        c = open(os.path.join(again, "report.md"), encoding="utf-8").read()
        at = next((i for i, (x, y) in enumerate(zip(a, c)) if x != y), min(len(a), len(c)))
        ctx.result(f"{label}: round trip: the rebuilt report.md is the original's, byte for byte", a == c,
                   f"first difference at {at}: {a[at:at + 40]!r} | {c[at:at + 40]!r}")
    return content


def notes(stderr, path):
    return [(int(m.group(2)), int(m.group(3)), m.group(4)) for m in map(NOTE.match, stderr.splitlines())
            if m and m.group(1) == path]


def review(ctx, py, tmp, out, sent, paras):
    """A reviewer's tracked changes and comment, imported and compared."""
    R = REVIEW
    leader = os.path.join(tmp, "审阅稿.docx")
    p = sh([py, os.path.join(HERE, "docx_tool.py"), "review", os.path.join(out, "report.docx"), leader,
            json.dumps(R, ensure_ascii=False)])
    ctx.result("review: python-docx makes the reviewer's copy", p.returncode == 0, p.stderr[-600:])
    if p.returncode != 0:
        return
    got = os.path.join(tmp, "reviewed")
    p = sh([ctx.shuzhi, "import", leader, "-o", got], cwd=ctx.root)
    ctx.result("review: import exits 0", p.returncode == 0, p.stderr[-800:])
    if p.returncode != 0:
        return
    ns = notes(p.stderr, leader)
    changes = [n for n in ns if n[2].startswith("修订")]
    comments = [n for n in ns if n[2].startswith("批注")]
    who = R["author"]
    want = [f"修订（{who}，2021-01-05）：插入“{R['new_paragraph'][1]}”（已接受）",
            f"修订（{who}，2021-01-05）：删除“{R['delete'][1]}”（已接受）",
            f"修订（{who}，2021-01-05）：删除“{R['replace'][1]}”（已接受）",
            f"修订（{who}，2021-01-05）：插入“{R['replace'][2]}”（已接受）"]
    ctx.result("review: one note per tracked change, with its author and date, in document order",
               [c[2] for c in changes] == want, "\n".join(c[2] for c in changes))
    # Places: paragraph (line) and character (column) in the text as read:
    # the docx's paragraphs, the new one after the first of REVIEW's.
    def where(needle, span, shift=True):
        i = next(k for k, t in enumerate(paras) if needle in t)
        return (i + 1 + (1 if shift and i > new_at else 0), paras[i].index(span) + 1)
    new_at = next(k for k, t in enumerate(paras) if R["new_paragraph"][0] in t)
    want = [(new_at + 2, 1), where(R["delete"][0], R["delete"][1]), where(R["replace"][0], R["replace"][0]),
            where(R["replace"][0], R["replace"][0])]
    placed = [(c[0], c[1]) for c in changes]
    ctx.result("review: each note at its paragraph and character (the replacement's two at one place, "
               "the new paragraph at its first character)", placed == want, f"{placed} want {want}")
    anchor, span, author, text = R["comment"]
    ctx.result("review: the comment is one note with its author, text and the words it marks, at them",
               len(comments) == 1 and comments[0][2] == f"批注（{author}，2021-01-06）：“{text}”；批注的文字：“{span}”"
               and comments[0][:2] == where(anchor, span), f"{comments} want at {where(anchor, span)}")
    ctx.result("review: the summary counts 4 changes accepted and 1 comment",
               "修订 4 处（已全部接受），批注 1 条" in p.stdout, p.stdout[-400:])
    d = os.path.join(tmp, "review-diff")
    q = sh([ctx.shuzhi, "diff", sent, got, "-o", d, "--no-pdf", "--exit-code"], cwd=ctx.root)
    ctx.result("review: shuzhi diff against what was sent finds changes (exit 1)", q.returncode == 1,
               q.stderr[-400:])
    if os.path.exists(os.path.join(d, "diff.json")):
        j = json.load(open(os.path.join(d, "diff.json"), encoding="utf-8"))
        edits = []
        for c in j["changes"]:
            for key in ("diff", "body_diff", "lead_diff", "title_diff"):
                for s in c.get(key) or []:
                    if s["op"] != "=":
                        edits.append((s["op"], s["text"]))
            if c.get("change") in ("added", "removed"):
                edits.append(("+" if c["change"] == "added" else "-", c.get("text")))
        want = [("+", R["new_paragraph"][1]), ("-", R["delete"][1]), ("-", R["replace"][1]),
                ("+", R["replace"][2])]
        ctx.result("review: the diff shows exactly the reviewer's changes and nothing else",
                   sorted(map(str, edits)) == sorted(map(str, want)) and j["totals"]["facts_changed"] == 0
                   and j["totals"]["items_changed"] == 1 and j["totals"]["paragraphs_changed"] == 2,
                   f"{edits}\n{j['totals']}")
    rej = os.path.join(tmp, "rejected")
    p = sh([ctx.shuzhi, "import", leader, "-o", rej, "--reject-changes"], cwd=ctx.root)
    rn = [n[2] for n in notes(p.stderr, leader) if n[2].startswith("修订")]
    ctx.result("review: --reject-changes notes each change as rejected",
               p.returncode == 0 and len(rn) == 4 and all("已拒绝" in n for n in rn), "\n".join(rn))
    q = sh([ctx.shuzhi, "diff", sent, rej, "-o", os.path.join(tmp, "rej-diff"), "--no-pdf", "--exit-code"],
           cwd=ctx.root)
    ctx.result("review: with the changes rejected the content is what was sent (diff exit 0)",
               q.returncode == 0, q.stdout[-400:] + q.stderr[-400:])


def run(ctx):
    tmp = tempfile.mkdtemp(prefix="shuzhi-docx-")
    try:
        out = os.path.join(tmp, "2020")
        p = sh([ctx.shuzhi, "build", "content/2020", "-o", out], cwd=ctx.root)
        ctx.result("2020: build writes report.docx", p.returncode == 0 and
                   os.path.exists(os.path.join(out, "report.docx")), p.stderr[-600:])
        if p.returncode != 0:
            return
        check_package(ctx, out, tmp)
        lsrc, lout = os.path.join(tmp, "long"), os.path.join(tmp, "long-out")
        long_report(ctx, lsrc)
        lp = sh([ctx.shuzhi, "build", "--no-check", lsrc, "-o", lout], cwd=ctx.root)
        long_ok = lp.returncode == 0
        ctx.result("long report: build writes report.docx", long_ok, lp.stderr[-600:])
        paras = []

        py = docx_python()
        if py is None:
            ctx.note("python-docx is not installed: the .docx is not inspected and no reviewer's copy "
                     "is made (Debian: python3-docx)")
        else:
            d = inspect(ctx, py, os.path.join(out, "report.docx"))
            if d:
                check_word_terms(ctx, d, "2020")
                check_roles(ctx, d, os.path.join(out, "report.md"), "2020")
                check_core(ctx, d)
                paras = [p["text"] for p in d["paragraphs"]]
            d = inspect(ctx, py, os.path.join(lout, "report.docx")) if long_ok else None
            if d:
                got = check_roles(ctx, d, os.path.join(lout, "report.md"), "long report")
                styles = {s for s, _ in got}
                ctx.result("long report: every role but 附件 in use",
                           styles >= set(ROLE_STYLES) - {"附件"}, str(set(ROLE_STYLES) - styles))

        check_alternates(ctx, os.path.join(out, "report.docx"), "2020")
        if long_ok:
            check_run_in(ctx, os.path.join(lout, "report.docx"), "long report")
            # Without its fonts the .docx is still written, saying what it lacks.
            nof = os.path.join(tmp, "nofonts.docx")
            p = sh([ctx.shuzhi, "docx", os.path.join(lout, "report.md"), "-o", nof, "--fonts",
                    os.path.join(tmp, "missing.yaml")], cwd=ctx.root)
            xml = zipfile.ZipFile(nof).read("word/document.xml").decode() if p.returncode == 0 else ""
            ctx.result("docx --fonts missing: written (exit 0) with a warning, the title unbroken",
                       p.returncode == 0 and "无法加载字体设置" in p.stderr and "<w:br/>" not in xml
                       .split("</w:p>")[0], p.stderr[-300:])
        pdf = libreoffice(ctx, tmp, os.path.join(out, "report.docx"))
        if pdf:
            check_rendering(ctx, pdf, os.path.join(out, "report.md"), os.path.join(out, "report.pdf"))
            check_titles(ctx, pdf, os.path.join(out, "report.pdf"), "2020")
            check_lo_fonts(ctx, pdf, "2020")
        lpdf = libreoffice(ctx, tmp, os.path.join(lout, "report.docx")) if long_ok and pdf else None
        if lpdf:
            check_titles(ctx, lpdf, os.path.join(lout, "report.pdf"), "long report")
        if pdf:
            asrc, aout = os.path.join(tmp, "att"), os.path.join(tmp, "att-out")
            attachment_report(ctx, asrc)
            ap = sh([ctx.shuzhi, "build", "--no-check", asrc, "-o", aout], cwd=ctx.root)
            ctx.result("attachment report: build writes report.docx", ap.returncode == 0, ap.stderr[-600:])
            apdf = libreoffice(ctx, tmp, os.path.join(aout, "report.docx")) if ap.returncode == 0 else None
            if apdf:
                own = os.path.join(aout, "report.pdf")
                check_centred(ctx, apdf, own, "——在2021年", "long subtitle")
                check_centred(ctx, apdf, own, "XXX镇2020年度民兵组织", "long attachment title")

        sent = round_trip(ctx, tmp, out, "2020")
        if long_ok:
            round_trip(ctx, tmp, lout, "long report")
        if sent and py and paras:
            review(ctx, py, tmp, out, sent, paras)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
