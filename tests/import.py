"""import.py: shuzhi import, end to end.

The reference report and both corpus files are imported and built; the
text of the Markdown (through cmark-gfm) and of the PDF (through pdftotext),
whitespace and page numbers removed, must equal the source text with the
changes the import reported (numbering, the addressee's colon) applied at
the lines and columns it gave, and nothing else.  Then the structure found
(sections, items and leads, the Hebei （一）-（六） headings, the insurance
report's restarted numbering), a GBK copy, a hard-wrapped copy as from a
PDF, .docx files made here (bold leads, Word's own numbering), and the
refusal to write into a folder that is not empty.
"""
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile

from lib import html_text, md_html, pdf_text, sh, squeeze

REF = ("reference", "2020-duty-report.txt")
HEBEI = ("corpus", "hebei-2026-government-work-report.txt")
INSURANCE = ("corpus", "insurance-branch-duty-report.txt")

NOTE = re.compile(r"^(.*?):(\d+):(\d+): note: (.*)$")
CHANGE = re.compile(r"“([^”]*)”改为“([^”]*)”")
INSERT = re.compile(r"^加上“([^”]*)”")
PAGE_LINE = re.compile(r"^\s*[—\-－]\s*\d+\s*[—\-－]\s*$")


def first_diff(want, got):
    i = next((i for i in range(min(len(want), len(got))) if want[i] != got[i]),
             min(len(want), len(got)))
    return f"first difference at {i}: want …{want[max(0, i - 20):i + 30]}… got …{got[max(0, i - 20):i + 30]}…"


def notes(stderr, path):
    """The (line, col, old, new) changes the import reported for path."""
    out = []
    for line in stderr.splitlines():
        m = NOTE.match(line)
        if not m or m.group(1) != path:
            continue
        msg = m.group(4)
        c = CHANGE.search(msg)
        i = INSERT.match(msg)
        if c:
            out.append((int(m.group(2)), int(m.group(3)), c.group(1), c.group(2)))
        elif i:
            out.append((int(m.group(2)), int(m.group(3)), "", i.group(1)))
    return out


def apply_changes(text, changes):
    """Apply reported changes at their line:col; None when one does not fit."""
    lines = text.split("\n")
    for line, col, old, new in sorted(changes, reverse=True):
        s = lines[line - 1]
        if s[col - 1:col - 1 + len(old)] != old:
            return None
        lines[line - 1] = s[:col - 1] + new + s[col - 1 + len(old):]
    return "\n".join(lines)


def yaml_body(folder):
    """The content files without comment lines, for comparing two imports."""
    out = {}
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            out[name] = "\n".join(l for l in f.read().split("\n") if not l.lstrip().startswith("#"))
    return out


def yaml_words(folder):
    """Every value of the content files in document order, whitespace removed."""
    def values(name):
        out = []
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line.startswith("#"):
                    continue
                if line.endswith(".yaml"):
                    out.extend(values(line[2:]))
                    continue
                out.append(re.sub(r"^(- )?([a-z_]+:)?\s*", "", line).strip('"'))
        return out
    return squeeze("".join(values("report.yaml")))


class Importer:
    def __init__(self, ctx, tmp):
        self.ctx = ctx
        self.tmp = tmp
        p = sh([ctx.shuzhi, "build", "--help"], cwd=ctx.root)
        self.no_check = ["--no-check"] if "--no-check" in p.stdout + p.stderr else []

    def run(self, src, name, *opts):
        out = os.path.join(self.tmp, name)
        p = sh([self.ctx.shuzhi, "import", src, "-o", out, *opts], cwd=self.ctx.root)
        return out, p

    def build(self, content):
        out = content + "-out"
        p = sh([self.ctx.shuzhi, "build", *self.no_check, content, "-o", out], cwd=self.ctx.root)
        return out, p


def round_trip(ctx, imp, label, src, titled, opts=()):
    """Import and build src; compare the words.  Returns (content, html) or None."""
    content, p = imp.run(src, label, *opts)
    ctx.result(f"{label}: import exits 0", p.returncode == 0, p.stderr[-1500:])
    if p.returncode != 0:
        return None
    with open(src, encoding="utf-8") as f:
        source = f.read()
    changes = notes(p.stderr, src)
    fixed = apply_changes(source, changes)
    ctx.result(f"{label}: every reported change fits the source at its line:col",
               fixed is not None, str(changes))
    if fixed is None:
        return None
    want = squeeze(fixed)

    out, b = imp.build(content)
    ctx.result(f"{label}: {' '.join(['shuzhi build', *imp.no_check])} exits 0", b.returncode == 0,
               b.stderr[-1500:])
    md = os.path.join(out, "report.md")
    if not os.path.exists(md):
        return content, ""
    with open(md, encoding="utf-8") as f:
        title = squeeze(f.readline().lstrip("#"))
    h = md_html(md)
    got = squeeze(html_text(h))
    if not titled:
        ok = got.startswith(title)
        ctx.result(f"{label}: the generated title comes first", ok, got[:80])
        got = got[len(title):]
    ctx.result(f"{label}: Markdown text == source text ({len(want)} characters, "
               f"{len(changes)} reported changes)", got == want, first_diff(want, got))

    pdf = os.path.join(out, "report.pdf")
    if os.path.exists(pdf):
        txt = pdf_text(pdf)
        txt = "\n".join(l for l in txt.split("\n") if not PAGE_LINE.match(l))
        got = squeeze(txt)
        if not titled and got.startswith(title):
            got = got[len(title):]
        ctx.result(f"{label}: PDF text == source text", got == want, first_diff(want, got))
    else:
        ctx.result(f"{label}: PDF written", False, b.stderr[-800:])
    return content, h


def section_texts(content):
    """Every title/run_in/lead line of the section files (YAML as written)."""
    out = []
    for name in sorted(os.listdir(content)):
        if name == "report.yaml":
            continue
        with open(os.path.join(content, name), encoding="utf-8") as f:
            for line in f:
                m = re.match(r"^\s*(?:- )?(title|run_in|lead): (.*)$", line)
                if m:
                    out.append((m.group(1), m.group(2)))
    return out


def check_reference(ctx, content, h):
    heads = re.findall(r"<h2>(.*?)</h2>", h)
    ctx.result("reference: 3 sections, as <h2>", len(heads) == 3, str(heads))
    leads = [x for k, x in section_texts(content) if k == "lead"]
    ctx.result("reference: 9 items with leads", len(leads) == 9 and all(l.endswith("。") for l in leads),
               str(leads))
    strongs = [html_text(s) for s in re.findall(r"<strong>(.*?)</strong>", h)]
    want = [o + l.rstrip("。") for o, l in zip(
        ["一是", "二是", "三是"] * 3, leads)]
    ctx.result("reference: the leads are bold with their ordinals",
               [s.rstrip("。") for s in strongs] == want, str(strongs))


def check_hebei(ctx, content, h):
    texts = section_texts(content)
    numbered = [x for _, x in texts if re.match(r"^[（(〔][一二三四五六七八九十]+[）)〕]", x)]
    ctx.result("hebei: no heading number left in the text", not numbered, str(numbered))
    runin = [html_text(s) for s in re.findall(r"<strong>(.*?)</strong>", h)]
    ctx.result("hebei: （一）-（五） that open a paragraph are run-in titles",
               [s[:3] for s in runin] == ["（一）", "（二）", "（三）", "（四）", "（五）"], str(runin))
    h3 = [html_text(s) for s in re.findall(r"<h3>(.*?)</h3>", h)]
    ctx.result("hebei: （一）-（六） standing alone are headings",
               [s[:3] for s in h3] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"], str(h3))
    with open(os.path.join(content, "report.yaml"), encoding="utf-8") as f:
        rep = f.read()
    ctx.result("hebei: title, subtitle, byline and addressee",
               "title: 2026年河北省政府工作报告" in rep and "subtitle: ——2026年1月26日" in rep and
               "byline: 河北省人民政府省长" in rep and "addressee: 各位代表\n" in rep, rep[:600])


def check_insurance(ctx, content, h, stderr):
    h2 = [html_text(s) for s in re.findall(r"<h2>(.*?)</h2>", h)]
    ctx.result("insurance: 7 sections (一、-四、 and the restarted 一、-三、)", len(h2) == 7,
               str([s[:6] for s in h2]))
    h3 = [html_text(s) for s in re.findall(r"<h3>(.*?)</h3>", h)]
    ctx.result("insurance: the 1、 items under them are subheadings", len(h3) == 6,
               str([s[:6] for s in h3]))
    restarted = [n for n in notes(stderr, os.path.join(ctx.shared, *INSURANCE)) if n[2] in ("一、", "二、", "三、")]
    ctx.result("insurance: the restart is reported at lines 17, 19, 21",
               [n[0] for n in restarted] == [17, 19, 21], str(restarted))


def wrap(text, width, indent):
    """The text hard-wrapped as copied from a PDF, with page-number lines."""
    out = []
    for para in text.split("\n"):
        line, cols = "　　" if indent else "", 4 if indent else 0
        for ch in para:
            w = 2 if unicodedata.east_asian_width(ch) in "WFA" else 1
            if cols + w > width:
                out.append(line)
                line, cols = "", 0
            line += ch
            cols += w
        out.append(line)
    paged = []
    for i, l in enumerate(out):
        paged.append(l)
        if i % 22 == 21:
            paged.append(f"— {i // 22 + 1} —")
    return "\n".join(paged) + "\n"


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(path, paras, numbering=None, styles=None):
    """A minimal .docx.  A paragraph is a list of (text, bold) runs, or
    (runs, numId, ilvl) for Word's numbering, or {"runs":, "style":}."""
    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = []
    for p in paras:
        ppr, runs = "", p
        if isinstance(p, tuple):
            runs = p[0]
            ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{p[2]}"/><w:numId w:val="{p[1]}"/></w:numPr></w:pPr>'
        elif isinstance(p, dict):
            runs = p["runs"]
            ppr = f'<w:pPr><w:pStyle w:val="{p["style"]}"/></w:pPr>'
        rs = "".join(
            f'<w:r>{"<w:rPr><w:b/></w:rPr>" if bold else ""}<w:t xml:space="preserve">{esc(t)}</w:t></w:r>'
            for t, bold in runs)
        body.append(f"<w:p>{ppr}{rs}</w:p>")
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<w:document xmlns:w="{W_NS}"><w:body>{"".join(body)}</w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("word/document.xml", doc)
        if numbering:
            z.writestr("word/numbering.xml", numbering)
        if styles:
            z.writestr("word/styles.xml", styles)


STYLES = (f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W_NS}">'
          '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/>'
          '<w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>')


NUMBERING = (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">'
             '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
             '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')


def reference_docx(ctx, path, auto_numbers=False, short_lead=None):
    """The reference report as a .docx: leads bold (一是 included)."""
    with open(os.path.join(ctx.shared, *REF), encoding="utf-8") as f:
        lines = f.read().split("\n")
    paras = []
    for line in lines:
        if not line:
            continue
        m = re.match(r"^([一二三]是[^。]*。)(.*)$", line)
        h = re.match(r"^[一二三]、(.*)$", line)
        if m:
            lead = m.group(1)
            if short_lead and lead.endswith(short_lead[0]):
                cut = len(lead) - len(short_lead[0]) + len(short_lead[1])
                paras.append([(line[:cut], True), (line[cut:], False)])
            else:
                paras.append([(lead, True), (m.group(2), False)])
        elif h and auto_numbers:
            paras.append(([(h.group(1), False)], 1, 0))
        else:
            paras.append([(line, False)])
    docx(path, paras, NUMBERING if auto_numbers else None)


SYNTHETIC = """XXX县应急管理局2021年度安全生产工作述职报告
——在全县安全生产工作会议上
（2021年12月20日）
各位领导、同志们:
根据安排，现将2021年度安全生产工作述职如下。
一、主要工作
一是压实责任。年初层层签订责任书。
补充说明一段，接在上一个条目之后。
二是强化检查；全年检查企业300家次。
四是整改隐患。整改率100%。
（一）专项整治
1.危化品整治
（1）摸底排查。排查企业12家。
（2）分类处置
〔二〕宣传教育
二、存在的问题
一些企业主体责任落实不到位。
总之，我们将继续努力。
附件：1.全年检查情况表
2.隐患整改台账
XXX县应急管理局
2021-12-30
"""


def check_synthetic(ctx, content, h, stderr):
    with open(os.path.join(content, "report.yaml"), encoding="utf-8") as f:
        rep = f.read()
    for key in ("unit: XXX县应急管理局", "topic: 安全生产工作", "subtitle: ——在全县安全生产工作会议上",
                "byline: （2021年12月20日）", "addressee: 各位领导、同志们", "signature: XXX县应急管理局",
                "date: 2021年12月30日", "  - 附件：1.全年检查情况表", "  - 2.隐患整改台账",
                "  - 总之，我们将继续努力。"):
        ctx.result(f"synthetic: report.yaml has {key.strip()}", key in rep, rep)
    ctx.result("synthetic: the title is left to shuzhi (it is the one it makes)",
               "\ntitle:" not in rep and "与原文的标题相同" in rep, rep[:400])
    texts = section_texts(content)
    ctx.result("synthetic: four levels, a run-in （1）, leads up to 。 and ；",
               ("title", "危化品整治") in texts and ("title", "摸底排查。") in texts and
               ("run_in", "排查企业12家。") in texts and ("lead", "强化检查；") in texts, str(texts))
    changes = [(c[2], c[3]) for c in sorted(notes(stderr, content + ".txt"))]
    want = [(":", "："), ("四是", "三是"), ("〔二〕", "（二）"), ("2021-12-30", "2021年12月30日")]
    ctx.result("synthetic: colon, skipped ordinal, 〔二〕 and date reported", changes == want, str(changes))
    paras = re.findall(r"<p>(.*?)</p>", h)
    ctx.result("synthetic: the paragraph after an item stands on its own",
               "补充说明一段，接在上一个条目之后。" in paras, str(paras))


def run(ctx):
    tmp = tempfile.mkdtemp(prefix="shuzhi-import-")
    imp = Importer(ctx, tmp)
    ref = os.path.join(ctx.shared, *REF)
    hebei = os.path.join(ctx.shared, *HEBEI)
    insurance = os.path.join(ctx.shared, *INSURANCE)
    try:
        r = round_trip(ctx, imp, "reference", ref, titled=False)
        if r:
            check_reference(ctx, *r)
        r = round_trip(ctx, imp, "hebei", hebei, titled=True)
        if r:
            check_hebei(ctx, *r)
        ins_opts = ("--year", "2020", "--unit", "某分公司客户服务部")
        r = round_trip(ctx, imp, "insurance", insurance, titled=False, opts=ins_opts)
        if r:
            _, p = imp.run(insurance, "insurance-again", *ins_opts)
            check_insurance(ctx, r[0], r[1], p.stderr)

        # A made-up report with every part the rules know.
        syn = os.path.join(tmp, "synthetic.txt")
        with open(syn, "w", encoding="utf-8") as f:
            f.write(SYNTHETIC)
        r = round_trip(ctx, imp, "synthetic", syn, titled=True)
        if r:
            _, p = imp.run(syn, "synthetic-again")
            check_synthetic(ctx, r[0], r[1], p.stderr)

        # Without --year the insurance report (xx年) cannot be placed in a year.
        out, p = imp.run(insurance, "insurance-noyear")
        ctx.result("insurance without --year: exits 1 and asks for --year",
                   p.returncode == 1 and "--year" in p.stderr and not os.path.exists(out),
                   f"exit {p.returncode}: {p.stderr[-300:]}")

        # A GBK copy imports the same.
        for label, src, opts in (("hebei", hebei, ()), ("insurance", insurance, ins_opts)):
            with open(src, encoding="utf-8") as f:
                text = f.read()
            gbk = os.path.join(tmp, label + "-gbk.txt")
            with open(gbk, "wb") as f:
                f.write(text.encode("gbk"))
            out, p = imp.run(gbk, label + "-gbk", *opts)
            ctx.result(f"{label}: GBK copy imports, with a note on the conversion",
                       p.returncode == 0 and "GB18030" in p.stderr, p.stderr[-500:])
            if p.returncode == 0:
                same = yaml_body(out) == yaml_body(os.path.join(tmp, label))
                ctx.result(f"{label}: GBK copy gives the same content as UTF-8", same)

        # A copy hard-wrapped as from a PDF (28 characters a line, page numbers).
        # With the first lines indented the paragraphs are found exactly;
        # without, a paragraph whose last line happens to be full is joined
        # to the next one (a known limit), but no word is lost or added.
        for indent in (True, False):
            with open(insurance, encoding="utf-8") as f:
                text = f.read().rstrip("\n")
            name = "insurance-wrapped" + ("-indented" if indent else "")
            src = os.path.join(tmp, name + ".txt")
            with open(src, "w", encoding="utf-8") as f:
                f.write(wrap(text, 56, indent))
            out, p = imp.run(src, name, *ins_opts)
            if indent:
                same = p.returncode == 0 and yaml_body(out) == yaml_body(os.path.join(tmp, "insurance"))
                ctx.result("insurance: hard-wrapped, indented copy with page numbers gives the "
                           "same content", same, p.stderr[-800:])
            else:
                same = p.returncode == 0 and yaml_words(out) == yaml_words(os.path.join(tmp, "insurance"))
                ctx.result("insurance: hard-wrapped copy without indents keeps every word in order",
                           same, p.stderr[-800:])
            pages = len(re.findall(r"note: 去掉了页码行", p.stderr))
            ctx.result(f"insurance: hard-wrapped copy{' (indented)' if indent else ''}: "
                       f"{pages} page-number lines removed with a note",
                       pages == len(re.findall(r"^— \d+ —$", wrap(text, 56, indent), re.M)))

        # .docx of the reference: bold leads; then Word numbering and a shorter bold lead.
        d1 = os.path.join(tmp, "ref.docx")
        reference_docx(ctx, d1)
        out, p = imp.run(d1, "ref-docx")
        ctx.result(".docx: imports", p.returncode == 0, p.stderr[-800:])
        if p.returncode == 0:
            a, b = yaml_body(out), yaml_body(os.path.join(tmp, "reference"))
            ctx.result(".docx: same content as the text file", a == b,
                       "\n".join(f"{k}: differs" for k in a if a.get(k) != b.get(k)))
        d2 = os.path.join(tmp, "ref-numbered.docx")
        # The bold run ends mid-sentence (before a comma): it is the lead.  (A
        # bold run that ends right before the stop takes the stop along, as
        # the report's Markdown writes leads: tests/docx.py.)
        reference_docx(ctx, d2, auto_numbers=True, short_lead=("统一思想,提高站位。", "统一思想"))
        out, p = imp.run(d2, "ref-docx2")
        ctx.result(".docx with Word's numbering: imports", p.returncode == 0, p.stderr[-800:])
        if p.returncode == 0:
            texts = section_texts(out)
            ctx.result(".docx: the bold run is the lead (统一思想)",
                       ("lead", "统一思想") in texts, str(texts[:3]))
            titles = [x for k, x in texts if k == "title"]
            ctx.result(".docx: Word's numbers 一、二、三 found the headings",
                       len(titles) == 3 and not any(t.startswith(("一、", "二、", "三、")) for t in titles),
                       str(titles))

        # Heading and Title styles without typed numbers.
        d3 = os.path.join(tmp, "styled.docx")
        docx(d3, [{"runs": [("XXX镇党委2020年度党管武装工作述职报告", False)], "style": "Title"},
                  [("各位领导、同志们：", False)], [("根据要求，现将2020年度履行党管武装工作述职如下。", False)],
                  {"runs": [("提高认识", False)], "style": "1"},
                  [("一是统一思想。", True), ("正文。", False)],
                  {"runs": [("夯实基础", False)], "style": "1"},
                  [("一是抓好训练。", True), ("正文。", False)]], styles=STYLES)
        out, p = imp.run(d3, "styled-docx")
        texts = section_texts(out) if p.returncode == 0 else []
        ctx.result(".docx: heading styles make sections, the Title style the title",
                   p.returncode == 0 and [x for k, x in texts if k == "title"] == ["提高认识", "夯实基础"] and
                   "与原文的标题相同" in open(os.path.join(out, "report.yaml"), encoding="utf-8").read() and
                   len(re.findall(r"note: 加上“[一二]、”", p.stderr)) == 2, p.stderr[-600:] + str(texts))

        # Never over a folder that is not empty.
        busy = os.path.join(tmp, "busy")
        os.makedirs(busy)
        with open(os.path.join(busy, "keep.txt"), "w") as f:
            f.write("mine\n")
        p = sh([ctx.shuzhi, "import", ref, "-o", busy], cwd=ctx.root)
        ctx.result("import refuses a folder that is not empty (exit 2, folder untouched)",
                   p.returncode == 2 and os.listdir(busy) == ["keep.txt"], p.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
