"""diff.py: shuzhi diff, the redline of two versions of a report's content.

A number in a fact changed (120余名 -> 150余名) must mark exactly the digits
that changed, in diff.md (read back through cmark-gfm's HTML) and in
diff.pdf (pdftotext, and the colour and length of the drawn marks); an
item moved from 二 to 三 is one move and no text change; identical
versions give an empty diff; --exit-code; a sentence inserted and another
deleted in one paragraph; git revisions as versions; and git diff
--word-diff after make git-setup shows changed characters.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import zlib

from lib import html_text, md_html, pdf_text, sh

CONTENT = "content/2020"


def marks(h):
    """The deleted and the inserted texts of cmark-gfm's HTML, in order."""
    out = []
    for m in re.finditer(r'<del>(.*?)</del>|<ins>(.*?)</ins>', h, re.S):
        if m.group(1) is not None:
            out.append(("-", html_text(m.group(1))))
        else:
            out.append(("+", html_text(m.group(2))))
    return out


def copy_content(ctx, tmp, name):
    dst = os.path.join(tmp, name)
    shutil.copytree(os.path.join(ctx.root, CONTENT), dst)
    return dst


def edit(folder, file, old, new, count=1):
    p = os.path.join(folder, file)
    with open(p, encoding="utf-8") as f:
        s = f.read()
    if old not in s:
        raise AssertionError(f"{file}: {old!r} not found")
    s = s.replace(old, new, count)
    with open(p, "w", encoding="utf-8") as f:
        f.write(s)


def run_diff(ctx, old, new, out, *extra, cwd=None):
    return sh(ctx.shuzhi, "diff", old, new, "-o", out, *extra, cwd=cwd or ctx.root)


def load_json(out):
    with open(os.path.join(out, "diff.json"), encoding="utf-8") as f:
        return json.load(f)


# --- The PDF: drawn lines and their colours -------------------------------------

def pdf_streams(path):
    with open(path, "rb") as f:
        data = f.read()
    for m in re.finditer(rb"stream\r?\n", data):
        start = m.end()
        end = data.find(b"endstream", start)
        if end < 0:
            continue
        raw = data[start:end]
        try:
            yield zlib.decompress(raw)
        except zlib.error:
            try:
                yield zlib.decompressobj().decompress(raw)
            except zlib.error:
                continue


def pdf_segments(path):
    """Straight strokes per colour: (r, g, b) -> [(x0, y0, x1, y1)] over all pages."""
    segs = {}
    num = rb"-?\d+(?:\.\d+)?|-?\.\d+"
    tok = re.compile(rb"(" + num + rb")|([A-Za-z*'\"]+)|(\([^)]*\))|(<[^>]*>)|(\[|\])")
    for s in pdf_streams(path):
        if b" l" not in s and b"\nl" not in s:
            continue
        color = (0.0, 0.0, 0.0)
        stack, cur = [], None
        for m in tok.finditer(s):
            if m.group(1):
                stack.append(float(m.group(1)))
                continue
            op = m.group(2)
            if op is None:
                stack = []
                continue
            if op == b"RG" and len(stack) >= 3:
                color = tuple(round(v, 2) for v in stack[-3:])
            elif op == b"G" and stack:
                color = (round(stack[-1], 2),) * 3
            elif op == b"m" and len(stack) >= 2:
                cur = tuple(stack[-2:])
            elif op == b"l" and len(stack) >= 2 and cur is not None:
                segs.setdefault(color, []).append(cur + tuple(stack[-2:]))
                cur = tuple(stack[-2:])
            stack = []
    return segs


def horizontal(segs):
    return [s for s in segs if abs(s[1] - s[3]) < 0.01 and abs(s[2] - s[0]) > 0.5]


def is_red(c):
    return c[0] > 0.5 and c[1] < 0.3 and c[2] < 0.3


def is_blue(c):
    return c[2] > 0.5 and c[0] < 0.3


# --- The tests ------------------------------------------------------------------

def fact_change(ctx, tmp):
    old = copy_content(ctx, tmp, "f-old")
    new = copy_content(ctx, tmp, "f-new")
    edit(new, "3-zhongdian.yaml", "执勤民兵: 120余名", "执勤民兵: 150余名")
    out = os.path.join(tmp, "f-out")
    p = run_diff(ctx, old, new, out)
    ctx.result("120余名 -> 150余名: exits 0", p.returncode == 0, p.stderr[-800:])
    if p.returncode != 0:
        return
    h = md_html(os.path.join(out, "diff.md"), unsafe=True)
    got = marks(h)
    ok = got in ([("-", "120"), ("+", "150")], [("-", "12"), ("+", "15")])
    ctx.result("diff.md through cmark-gfm: exactly 120 struck and 150 inserted", ok, repr(got))
    ctx.result("diff.md: the sentence reads on around the change",
               "全镇共计120150余名民兵参与卡口执勤" in html_text(h) or
               "全镇共计1205余名民兵" in html_text(h), "")
    ctx.result("diff.md: the summary names the fact", "执勤民兵：120余名 → 150余名" in html_text(h), "")
    ctx.result("diff.md: the report's title and bold leads as in report.md",
               "<h1>XXX镇党委2020年度党管武装工作述职报告</h1>" in h and
               "<strong>二是抓好应急处突工作</strong>。" in h, "")
    j = load_json(out)
    facts = [c for c in j["changes"] if c["kind"] == "fact"]
    ctx.result("diff.json: one fact change 120余名 -> 150余名",
               len(facts) == 1 and facts[0]["old"] == "120余名" and facts[0]["new"] == "150余名",
               json.dumps(facts, ensure_ascii=False)[:300])
    items = [c for c in j["changes"] if c["kind"] == "item"]
    body = items[0].get("body_diff", []) if len(items) == 1 else []
    edits = [(d["op"], d["text"]) for d in body if d["op"] != "="]
    ctx.result("diff.json: the body diff is -120 +150", edits == [("-", "120"), ("+", "150")],
               repr(edits))
    ctx.result("stdout: the summary with the fact", "120余名 → 150余名" in p.stdout, p.stdout[-400:])

    pdf = os.path.join(out, "diff.pdf")
    if not os.path.exists(pdf):
        ctx.result("diff.pdf written", False, "no diff.pdf")
        return
    txt = re.sub(r"\s+", "", pdf_text(pdf))
    ctx.result("diff.pdf: pdftotext has the old and the new number in place",
               "全镇共计120150余名民兵" in txt, txt[:200])
    first = pdf_text(pdf).split("\f")[0]
    ctx.result("diff.pdf: the first page is the summary",
               "修改摘要" in first and "120余名→150余名" in re.sub(r"\s+", "", first) and
               "各位领导、同志们" not in first, first[:300])
    segs = pdf_segments(pdf)
    red = [s for c, v in segs.items() if is_red(c) for s in horizontal(v)]
    blue = [s for c, v in segs.items() if is_blue(c) for s in horizontal(v)]
    ctx.result("diff.pdf: one red strike-through and one blue underline",
               len(red) == 1 and len(blue) == 1, f"red {red} blue {blue}")
    if len(red) == 1 and len(blue) == 1:
        r, b = red[0], blue[0]
        rl, bl = abs(r[2] - r[0]), abs(b[2] - b[0])
        # three half-width digits each, on one line, the underline below the strike
        ctx.result("diff.pdf: the marks cover three digits each, side by side",
                   5 < rl < 40 and abs(rl - bl) < 2 and abs(max(r[0], r[2]) - min(b[0], b[2])) < 2
                   and b[1] < r[1] < b[1] + 16, f"red {r} blue {b}")
    vert = [s for c, v in segs.items() for s in v
            if abs(s[0] - s[2]) < 0.01 and abs(s[1] - s[3]) > 5 and not is_red(c) and not is_blue(c)]
    ctx.result("diff.pdf: a change bar in the margin of the changed line",
               len(vert) >= 1 and all(s[0] < 80 for s in vert), repr(vert[:4]))


def move(ctx, tmp):
    old = copy_content(ctx, tmp, "m-old")
    new = copy_content(ctx, tmp, "m-new")
    p2, p3 = os.path.join(new, "2-jichu.yaml"), os.path.join(new, "3-zhongdian.yaml")
    s2 = open(p2, encoding="utf-8").read()
    i, j = s2.index("  - id: guifanhua"), s2.index("  - id: guofang-jiaoyu")
    item = s2[i:j]
    open(p2, "w", encoding="utf-8").write(s2[:i] + s2[j:])
    s3 = open(p3, encoding="utf-8").read()
    k = s3.index("  - id: yongjun-youshu")
    open(p3, "w", encoding="utf-8").write(s3[:k] + item + s3[k:])
    out = os.path.join(tmp, "m-out")
    p = run_diff(ctx, old, new, out, "--no-pdf")
    ctx.result("move 二 -> 三: exits 0", p.returncode == 0, p.stderr[-800:])
    if p.returncode != 0:
        return
    j = load_json(out)
    t = j["totals"]
    ctx.result("move 二 -> 三: one move, nothing added, removed or changed",
               t["items_moved"] == 1 and t["items_changed"] == 0 and t["items_added"] == 0
               and t["items_removed"] == 0 and t["facts_changed"] == 0, repr(t))
    items = [c for c in j["changes"] if c["kind"] == "item"]
    ok = (len(items) == 1 and items[0]["moved"] and not items[0]["changed"]
          and items[0]["old_section"]["number"] == "二、" and items[0]["section"]["number"] == "三、")
    ctx.result("move 二 -> 三: diff.json has one item, moved from 二、 to 三、, unchanged", ok,
               json.dumps(items, ensure_ascii=False)[:400])
    h = md_html(os.path.join(out, "diff.md"), unsafe=True)
    t = html_text(h)
    came = "〔由“二、夯实基础，扎实推进人武全面建设”的二是移来〕"
    went = "〔原二是“抓好基层规范化建设。”已移至“三、突出重点，着力开展人民武装工作”的三是〕"
    ctx.result("move 二 -> 三: diff.md marks no text, notes the move at the new place and the old",
               marks(h) == [] and came in t and went in t and
               t.index(went) < t.index(came) < t.index("三是抓好基层规范化建设", t.index(came)),
               repr(marks(h))[:300] + t[:0])
    moved_pdf(ctx, old, new, out, came, went)

    # The same without ids: recognised by its text.
    for d in (old, new):
        for f in os.listdir(d):
            path = os.path.join(d, f)
            s = open(path, encoding="utf-8").read()
            open(path, "w", encoding="utf-8").write(re.sub(r"  - id: [a-z-]+\n    lead", "  - lead", s))
    p = run_diff(ctx, old, new, out, "--no-pdf")
    j = load_json(out) if p.returncode == 0 else {"totals": {}}
    t = j["totals"]
    ctx.result("move without ids: still one move and no text change",
               t.get("items_moved") == 1 and t.get("items_changed") == 0 and
               t.get("items_added") == 0 and t.get("items_removed") == 0, repr(t) + p.stderr[-300:])


def pdf_text_colours(path):
    """The text of each colour the PDF draws glyphs in: {(r, g, b): number of Tj}."""
    seen = {}
    tok = re.compile(rb"(-?\d*\.?\d+)|([A-Za-z*'\"]+)|(<[^>]*>)")
    for st in pdf_streams(path):
        if b"Tj" not in st:
            continue
        colour, stack = (0.0, 0.0, 0.0), []
        for m in tok.finditer(st):
            if m.group(1):
                stack.append(float(m.group(1)))
            elif m.group(2):
                op = m.group(2)
                if op == b"rg" and len(stack) >= 3:
                    colour = tuple(round(v, 2) for v in stack[-3:])
                elif op == b"g" and stack:
                    colour = (round(stack[-1], 2),) * 3
                elif op == b"Tj":
                    seen[colour] = seen.get(colour, 0) + 1
                stack = []
    return seen


def moved_pdf(ctx, old, new, out, came, went):
    """The move in diff.pdf: both notes, in green, each with a change bar,
    and the moved item's lines barred too."""
    p = run_diff(ctx, old, new, out)
    pdf = os.path.join(out, "diff.pdf")
    if p.returncode != 0 or not os.path.exists(pdf):
        ctx.result("move: diff.pdf written", False, p.stderr[-300:])
        return
    txt = re.sub(r"\s+", "", pdf_text(pdf))
    ctx.result("move: diff.pdf has the note at the old place and at the new",
               went in txt and came in txt and txt.index(went) < txt.index(came), "")
    cols = pdf_text_colours(pdf)
    green = [c for c in cols if c[1] > 0.3 and c[0] < 0.2 and c[2] < 0.4]
    ctx.result("move: the notes are set in green", green != [], repr(cols))
    segs = pdf_segments(pdf)
    bars = [s for c, v in segs.items() for s in v
            if abs(s[0] - s[2]) < 0.01 and abs(s[1] - s[3]) > 5 and s[0] < 80]
    # two note lines (at least) and the moved item's six lines
    ctx.result("move: change bars beside both notes and the moved item", len(bars) >= 8,
               f"{len(bars)} bars")


def deleted_item(ctx, tmp):
    """An item deleted: struck in red with its old number (原二是), so that
    two 二是 never follow each other; the summary page names the report and
    the versions, and the report's pages are numbered from — 1 —."""
    old = copy_content(ctx, tmp, "d-old")
    new = copy_content(ctx, tmp, "d-new")
    p1 = os.path.join(new, "1-zhidu.yaml")
    s = open(p1, encoding="utf-8").read()
    i, j = s.index("  - id: qianghua-zeren"), s.index("  - id: luoshi-yaoqiu")
    open(p1, "w", encoding="utf-8").write(s[:i] + s[j:])
    edit(new, "3-zhongdian.yaml", "执勤民兵: 120余名", "执勤民兵: 150余名")
    out = os.path.join(tmp, "d-out")
    p = run_diff(ctx, old, new, out)
    ctx.result("delete an item: exits 0", p.returncode == 0, p.stderr[-500:])
    if p.returncode != 0:
        return
    md = open(os.path.join(out, "diff.md"), encoding="utf-8").read()
    h = md_html(os.path.join(out, "diff.md"), unsafe=True)
    ctx.result("diff.md: <ins> and <del>, no links to #ins, no character references",
               "<ins>" in md and "<del>" in md and "](#ins)" not in md and "&#x" not in md,
               re.findall(r".{10}(?:\]\(#ins\)|&#x[0-9A-F]+;).{10}", md)[:3])
    dels = [t for op, t in marks(h) if op == "-"]
    ctx.result("diff.md: the deleted item struck whole, with its old number 原二是",
               any(t.startswith("原二是强化责任，加强领导") for t in dels), repr(dels)[:200])
    starts, twice = [], []
    for para in re.split(r"\n\s*\n", md):
        if para.startswith("#"):
            starts.append("|")
        m = re.match(r"(?:<del>)?\*\*(原?[一二三四五六七八九十]+是)", para)
        if m:
            if starts and starts[-1].lstrip("原") == m.group(1).lstrip("原") and m.group(1) == starts[-1]:
                twice.append(m.group(1))
            starts.append(m.group(1))
    ctx.result("diff.md: never two items with the same number in a row",
               not twice and "原二是" in starts and starts[starts.index("原二是") + 1] == "二是",
               " ".join(starts))
    pdf = os.path.join(out, "diff.pdf")
    pages = pdf_text(pdf).split("\f")
    body = re.sub(r"\s+", "", "".join(pages[1:]))
    ctx.result("diff.pdf: the deleted item reads 原二是, the next item 二是",
               re.search(r"原二是强化责任.*?二是落实要求", body) is not None and "。二是强化责任" not in body, "")
    cols = pdf_text_colours(pdf)
    ctx.result("diff.pdf: deleted text drawn in red, inserted in blue",
               any(c[0] > 0.5 and c[1] < 0.3 for c in cols) and any(c[2] > 0.5 and c[0] < 0.3 for c in cols),
               repr(cols))
    first = re.sub(r"\s+", "", pages[0])
    ctx.result("diff.pdf: the summary names the report and both versions, and has no page number",
               "报告：XXX镇党委2020年度党管武装工作述职报告" in first and f"旧版本：{old}" in first
               and f"新版本：{new}" in first and not re.search(r"—\d+—", first), first[:200])
    ctx.result("diff.pdf: the summary keeps the spaces around →", "120余名 → 150余名" in pages[0],
               re.findall(r".{8}→.{8}", pages[0]))
    nums = [re.findall(r"—\s*(\d+)\s*—", pg) for pg in pages[1:] if pg.strip()]
    ctx.result("diff.pdf: the report's pages numbered from — 1 —",
               [n[-1] if n else None for n in nums] == [str(k + 1) for k in range(len(nums))],
               repr(nums))
    # No page but the last nearly empty: the summary's last page before the
    # report, or any other.
    rows = []
    for k in range(int(sh("pdfinfo", pdf).stdout.split("Pages:")[1].split()[0])):
        t = pdf_text(pdf, page=k + 1)
        rows.append(len([l for l in t.splitlines() if l.strip() and not re.fullmatch(r"\s*—\s*\d+\s*—\s*", l)]))
    ctx.result("diff.pdf: no nearly empty page", all(r >= 6 for r in rows[:-1]), repr(rows))


def long_summary(ctx, tmp):
    """A summary longer than a page: its last page is not left with a line
    or two before the report starts on a new page."""
    old = copy_content(ctx, tmp, "l-old")
    new = copy_content(ctx, tmp, "l-new")
    for f in os.listdir(new):
        if f.endswith(".yaml") and f != "report.yaml":
            path = os.path.join(new, f)
            s = open(path, encoding="utf-8").read()
            s = re.sub(r"(lead: )(.)", lambda m: m.group(1) + "切实" + m.group(2), s)
            open(path, "w", encoding="utf-8").write(s)
    p2, p3 = os.path.join(new, "2-jichu.yaml"), os.path.join(new, "3-zhongdian.yaml")
    s2 = open(p2, encoding="utf-8").read()
    s3 = open(p3, encoding="utf-8").read()
    items2 = re.split(r"(?m)^(?=  - id: )", s2)
    items3 = re.split(r"(?m)^(?=  - id: )", s3)
    open(p2, "w", encoding="utf-8").write(items2[0] + "".join(items3[1:]))
    open(p3, "w", encoding="utf-8").write(items3[0] + "".join(items2[1:]))
    out = os.path.join(tmp, "l-out")
    p = run_diff(ctx, old, new, out)
    pdf = os.path.join(out, "diff.pdf")
    if p.returncode != 0 or not os.path.exists(pdf):
        ctx.result("long summary: diff.pdf written", False, p.stderr[-300:])
        return
    pages = pdf_text(pdf).split("\f")
    summary = [pg for pg in pages if pg.strip() and not re.search(r"—\s*\d+\s*—", pg)]
    counts = [len([l for l in pg.splitlines() if l.strip()]) for pg in summary]
    ctx.result("long summary: over a page, and its last page not nearly empty",
               len(summary) >= 2 and min(counts) >= 6, repr(counts))


def identical(ctx, tmp):
    old = copy_content(ctx, tmp, "i-old")
    out = os.path.join(tmp, "i-out")
    os.makedirs(out)
    open(os.path.join(out, "diff.pdf"), "w").write("stale")
    p = run_diff(ctx, os.path.join(ctx.root, CONTENT), old, out)
    ctx.result("identical versions: exit 0, says 没有改动 and what it wrote",
               p.returncode == 0 and p.stdout.startswith("没有改动") and "diff.md" in p.stdout
               and "删去了上一次的 diff.pdf" in p.stdout, f"{p.returncode} {p.stdout[:300]} {p.stderr[-300:]}")
    md = open(os.path.join(out, "diff.md"), encoding="utf-8").read() \
        if os.path.exists(os.path.join(out, "diff.md")) else None
    ctx.result("identical versions: diff.md says 没有改动 and nothing else",
               md is not None and "没有改动" in md and "~~" not in md and len(md.splitlines()) <= 3,
               repr(md)[:200])
    j = load_json(out) if os.path.exists(os.path.join(out, "diff.json")) else {}
    ctx.result("identical versions: diff.json says identical, no changes",
               j.get("identical") is True and j.get("changes") == [], repr(j)[:200])
    ctx.result("identical versions: a stale diff.pdf is removed",
               not os.path.exists(os.path.join(out, "diff.pdf")), "")
    p = run_diff(ctx, os.path.join(ctx.root, CONTENT), old, out, "--exit-code")
    ctx.result("identical versions with --exit-code: exit 0", p.returncode == 0, p.stderr[-300:])
    new = copy_content(ctx, tmp, "i-new")
    edit(new, "1-zhidu.yaml", "统一思想，提高站位。", "统一思想，提高政治站位。")
    p = run_diff(ctx, old, new, out, "--no-pdf")
    ctx.result("a change without --exit-code: exit 0", p.returncode == 0, p.stderr[-300:])
    p = run_diff(ctx, old, new, out, "--no-pdf", "--exit-code")
    ctx.result("a change with --exit-code: exit 1", p.returncode == 1, p.stderr[-300:])
    p = run_diff(ctx, old, os.path.join(tmp, "nowhere"), out)
    ctx.result("a version that does not exist: exit 2 and a message in Chinese",
               p.returncode == 2 and "既不是内容文件夹" in p.stderr, p.stderr[-300:])


def sentences(ctx, tmp):
    old = copy_content(ctx, tmp, "s-old")
    new = copy_content(ctx, tmp, "s-new")
    ins = "年初，镇党委召开专题会议部署全年武装工作。"
    dele = "同时，结合年度民兵整组大会，进行形势分析、工作讲评、任务部署、表彰奖励、政治教育等一系列程序，强化党管武装意识。"
    edit(new, "1-zhidu.yaml", "镇党委紧紧围绕党管武装制度开展工作。", ins + "镇党委紧紧围绕党管武装制度开展工作。")
    edit(new, "1-zhidu.yaml", dele, "")
    out = os.path.join(tmp, "s-out")
    p = run_diff(ctx, old, new, out, "--no-pdf")
    ctx.result("insert one sentence, delete another: exits 0", p.returncode == 0, p.stderr[-500:])
    if p.returncode != 0:
        return
    h = md_html(os.path.join(out, "diff.md"), unsafe=True)
    got = marks(h)
    ctx.result("insert + delete in one paragraph: two marks, the insertion then the deletion",
               got == [("+", ins), ("-", dele)], repr(got)[:400])
    para = [pp for pp in re.findall(r"<p>(.*?)</p>", h, re.S) if "三是落实要求" in html_text(pp)]
    middle = ("镇党委紧紧围绕党管武装制度开展工作。扎实落实党委议军制度，每季度召开一次党委议军会议，"
              "研究解决民兵工作重大问题，总结讲评季度武装工作，确保后备力量建设任务圆满完成；其次是召开"
              "武装工作例会和民兵干部例会，通过学习武装制度，强化民兵教育管理。")
    ok = False
    if len(para) == 1:
        t = para[0]
        a, b = t.find('<ins>'), t.find("<del>")
        between = t[t.find("</ins>", a) + 6:b] if 0 <= a < b else ""
        ok = html_text(between) == middle
    ctx.result("insert + delete: the unchanged text between them is intact and unmarked", ok,
               html_text(para[0])[:300] if para else "no paragraph")


def renumbering(ctx, tmp):
    old = copy_content(ctx, tmp, "r-old")
    new = copy_content(ctx, tmp, "r-new")
    edit(new, "3-zhongdian.yaml", "items:\n", "items:\n  - lead: 抓好民兵训练工作。\n"
         "    body: 按照年度训练计划组织集中训练。\n\n")
    out = os.path.join(tmp, "r-out")
    p = run_diff(ctx, old, new, out, "--no-pdf")
    j = load_json(out) if p.returncode == 0 else {"totals": {}}
    t = j["totals"]
    ctx.result("an item inserted first: one added, the renumbered ones unchanged",
               t.get("items_added") == 1 and t.get("items_changed") == 0 and
               t.get("items_moved") == 0 and t.get("items_removed") == 0, repr(t) + p.stderr[-300:])
    h = md_html(os.path.join(out, "diff.md"), unsafe=True) if p.returncode == 0 else ""
    got = marks(h)
    ctx.result("an item inserted first: the only mark is the new item, in front",
               len(got) == 1 and got[0][0] == "+" and got[0][1].startswith("一是抓好民兵训练工作") and
               "<strong>二是抓好年度征兵工作</strong>" in h, repr(got)[:300])


def git_versions(ctx, tmp):
    repo = os.path.join(tmp, "repo")
    os.makedirs(repo)
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@t", GIT_CONFIG_NOSYSTEM="1", HOME=tmp)
    g = lambda *a: subprocess.run(["git", *a], cwd=repo, env=env, capture_output=True, text=True,
                                   errors="replace")
    g("init", "-q")
    shutil.copytree(os.path.join(ctx.root, CONTENT), os.path.join(repo, CONTENT))
    shutil.copy(os.path.join(ctx.root, "Makefile"), repo)
    shutil.copy(os.path.join(ctx.root, "report.mk"), repo)
    shutil.copy(os.path.join(ctx.root, ".gitattributes"), repo)
    g("add", ".")
    g("commit", "-qm", "one")
    edit(os.path.join(repo, CONTENT), "3-zhongdian.yaml", "执勤民兵: 120余名", "执勤民兵: 150余名")
    edit(os.path.join(repo, CONTENT), "3-zhongdian.yaml", "抓好拥军优属工作。", "抓好双拥工作。")
    g("commit", "-qam", "two")

    out = os.path.join(tmp, "g-out")
    p = sh(ctx.shuzhi, "diff", "HEAD~1:" + CONTENT, CONTENT, "-o", out, "--no-pdf", cwd=repo, env=env)
    j = load_json(out) if p.returncode == 0 else {"totals": {}}
    ctx.result("git: HEAD~1:content/2020 against the working tree",
               p.returncode == 0 and j["totals"].get("facts_changed") == 1 and
               j["old"] == "HEAD~1:" + CONTENT, p.stderr[-400:])
    p = sh(ctx.shuzhi, "diff", "--rev", "HEAD~1..HEAD", CONTENT, "-o", out, "--no-pdf",
           "--exit-code", cwd=repo, env=env)
    ctx.result("git: --rev HEAD~1..HEAD content/2020 --exit-code exits 1", p.returncode == 1,
               p.stderr[-400:])
    p = sh(ctx.shuzhi, "diff", "--rev", "HEAD", "2020", "-o", out, "--no-pdf", "--exit-code",
           cwd=os.path.join(repo, "content"), env=env)
    ctx.result("git: --rev HEAD from a subfolder, identical, exits 0", p.returncode == 0,
               p.stderr[-400:])
    left = [d for d in os.listdir(tmp) if d.startswith("shuzhi-diff-")]
    ctx.result("git: the temporary folders are removed", left == [], repr(left))
    p = sh(ctx.shuzhi, "diff", "HEAD~9:" + CONTENT, CONTENT, "-o", out, cwd=repo, env=env)
    ctx.result("git: a revision that does not exist: exit 2", p.returncode == 2 and
               "git 中没有" in p.stderr, p.stderr[-300:])

    # git diff --word-diff after make git-setup
    m = subprocess.run(["make", "-s", "git-setup"], cwd=repo, env=env, capture_output=True, text=True)
    ctx.result("make git-setup exits 0", m.returncode == 0, m.stderr[-400:])
    cfg = g("config", "--local", "--get", "diff.cjk.wordregex").stdout
    ctx.result("make git-setup writes the driver into .git/config", cfg.strip() != "", cfg)
    w = g("diff", "--word-diff", "HEAD~1", "HEAD").stdout
    ctx.result("git diff --word-diff shows 120 -> 150, not the whole line",
               "[-120-]{+150+}余名" in w, w[-600:])
    ctx.result("git diff --word-diff shows the characters of a Chinese sentence",
               "抓好{+双+}拥[-军优属-]工作。" in w, w[-600:])

    # make diff: the working tree against HEAD, for the years that changed
    shutil.copytree(os.path.join(ctx.root, "templates"), os.path.join(repo, "templates"))
    os.makedirs(os.path.join(repo, "fonts"))
    shutil.copy(os.path.join(ctx.root, "fonts", "fonts.yaml"), os.path.join(repo, "fonts"))
    m = subprocess.run(["make", "-s", "diff", "BIN=" + ctx.shuzhi, "-o", ctx.shuzhi], cwd=repo, env=env,
                       capture_output=True, text=True, errors="replace")
    ctx.result("make diff with nothing changed says so", m.returncode == 0 and "没有改动" in m.stdout,
               m.stdout[-300:] + m.stderr[-300:])
    edit(os.path.join(repo, CONTENT), "1-zhidu.yaml", "统一思想，提高站位。", "统一思想，提高政治站位。")
    m = subprocess.run(["make", "-s", "diff", "BIN=" + ctx.shuzhi, "-o", ctx.shuzhi], cwd=repo, env=env,
                       capture_output=True, text=True, errors="replace")
    md = os.path.join(repo, "out", "2020", "diff", "diff.md")
    ctx.result("make diff writes out/2020/diff/ for the changed year",
               m.returncode == 0 and os.path.exists(md) and
               marks(md_html(md, unsafe=True)) == [("+", "政治")], m.stdout[-300:] + m.stderr[-300:])


def run(ctx):
    tmp = tempfile.mkdtemp(prefix="shuzhi-diff-test-")
    old_tmp = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = tmp
    try:
        fact_change(ctx, tmp)
        move(ctx, tmp)
        deleted_item(ctx, tmp)
        long_summary(ctx, tmp)
        identical(ctx, tmp)
        sentences(ctx, tmp)
        renumbering(ctx, tmp)
        git_versions(ctx, tmp)
    finally:
        if old_tmp is None:
            del os.environ["TMPDIR"]
        else:
            os.environ["TMPDIR"] = old_tmp
        shutil.rmtree(tmp, ignore_errors=True)
