"""import_cases.py: shuzhi import on the texts of tests/import/ and ../shared/corpus/.

Each folder tests/import/<case>/ holds a source text (input.txt), optional
command-line options (args, one a line) and what the import must write
(expected/: the content files, and messages.txt with the import's own notes
and warnings about the source).  For every case, and for every text of
../shared/corpus/ (which has no expected/ folder):
  - the import's files and messages are the expected ones;
  - round trip: the built report's Markdown and PDF text (pdftotext,
    whitespace and page numbers removed) equal the source's, with only the
    changes the import noted (generated numbering, colons) applied at the
    line:col it gave;
  - no number written at the start of a line is changed unless a note says
    so (a glossary entry "20.2026年……" stays as written);
  - attachments: each starts a page, its label (附件, 附件2) is the page's
    first line at the left margin in the 黑体 face, its title is centred.
To add a case, make the folder with input.txt (and args), run
    SHUZHI_UPDATE=1 python3 tests/run.py import_cases
read what it wrote to expected/, and commit it.
"""
import importlib
import os
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET

from lib import md_html, pdf_text, sh

imp_mod = importlib.import_module("import")   # tests/import.py: its round-trip helpers

NOTE_OR_WARN = re.compile(r"^(.*?):(\d+):(\d+): (note|warning|error): (.*)$")
NUMBERED = re.compile(r"^\s*(\d{1,3}[.．、]|[（(]\d{1,3}[)）])")


def cases(root, shared):
    """(label, source path, options, expected folder or None)."""
    base = os.path.join(root, "tests", "import")
    out = []
    for name in sorted(os.listdir(base)):
        d = os.path.join(base, name)
        src = os.path.join(d, "input.txt")
        if not os.path.isfile(src):
            continue
        opts = []
        if os.path.exists(os.path.join(d, "args")):
            with open(os.path.join(d, "args"), encoding="utf-8") as f:
                opts = [l.rstrip("\n") for l in f if l.strip()]
        out.append((name, src, opts, os.path.join(d, "expected")))
    corpus = os.path.join(shared, "corpus")
    if os.path.isdir(corpus):
        for name in sorted(os.listdir(corpus)):
            if name.endswith(".txt"):
                out.append(("corpus/" + name[:-4], os.path.join(corpus, name), None, None))
    return out


def messages(stderr, src):
    """The import's own notes and warnings about src, with the path as input.txt."""
    out = []
    for line in stderr.splitlines():
        m = NOTE_OR_WARN.match(line)
        if m and m.group(1) == src:
            out.append(f"input.txt:{m.group(2)}:{m.group(3)}: {m.group(4)}: {m.group(5)}")
        elif line.startswith(src + ": "):
            out.append("input.txt" + line[len(src):])
    return "".join(l + "\n" for l in out)


def run_import(ctx, src, opts, out):
    args = [ctx.shuzhi, "import", os.path.relpath(src, ctx.root), "-o", out]
    p = sh(args + (opts or []), cwd=ctx.root)
    if opts is None and p.returncode == 1 and "--year" in p.stderr:
        shutil.rmtree(out, ignore_errors=True)
        p = sh(args + ["--year", "2025"], cwd=ctx.root)
    return p


def compare_expected(ctx, label, out, expected, msgs):
    names = sorted(n for n in os.listdir(out))
    if os.environ.get("SHUZHI_UPDATE") == "1":
        shutil.rmtree(expected, ignore_errors=True)
        os.makedirs(expected)
        for n in names:
            shutil.copy(os.path.join(out, n), os.path.join(expected, n))
        with open(os.path.join(expected, "messages.txt"), "w", encoding="utf-8") as f:
            f.write(msgs)
        ctx.note(f"{label}: wrote {expected}")
        return
    if not os.path.isdir(expected):
        ctx.result(f"{label}: has expected/ (make it with SHUZHI_UPDATE=1)", False)
        return
    want = sorted(n for n in os.listdir(expected) if n != "messages.txt")
    ctx.result(f"{label}: writes the expected files", names == want, f"{names} != {want}")
    for n in names:
        if n not in want:
            continue
        with open(os.path.join(out, n), encoding="utf-8") as f:
            got = f.read()
        with open(os.path.join(expected, n), encoding="utf-8") as f:
            exp = f.read()
        ctx.result(f"{label}: {n} as expected", got == exp, imp_mod.first_diff(exp, got))
    with open(os.path.join(expected, "messages.txt"), encoding="utf-8") as f:
        exp = f.read()
    ctx.result(f"{label}: the import's notes and warnings as expected", msgs == exp,
               imp_mod.first_diff(exp, msgs))


def titled(content):
    with open(os.path.join(content, "report.yaml"), encoding="utf-8") as f:
        rep = f.read()
    return re.search(r"^title:", rep, re.M) is not None or "与原文的标题相同" in rep


def yaml_values(content):
    """Every string value of the content files."""
    import yaml
    out = []

    def walk(v):
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif v is not None:
            out.append(str(v))
    for n in os.listdir(content):
        with open(os.path.join(content, n), encoding="utf-8") as f:
            walk(yaml.safe_load(f))
    return out


def check_numbers_kept(ctx, label, src, content, stderr):
    """A line starting with a number keeps it, unless a note says what it became."""
    changed = {n[0] for n in imp_mod.notes(stderr, os.path.relpath(src, ctx.root))}
    values = yaml_values(content)
    lost = []
    with open(src, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.strip()
            if not NUMBERED.match(line) or no in changed:
                continue
            if not any(v.startswith(line[:40]) or line[:40] in v for v in values):
                lost.append(f"{no}: {line[:30]}")
    ctx.result(f"{label}: every number at a line's start kept as written or noted "
               f"({sum(1 for l in open(src, encoding='utf-8') if NUMBERED.match(l))} lines)",
               not lost, "; ".join(lost[:6]))


def page_lines(pdf):
    """Per page: its text lines as (text, x0, x1, fonts), from mutool's structured text."""
    p = sh(["mutool", "draw", "-F", "stext", "-o", "-", pdf])
    pages = []
    root = ET.fromstring(p.stdout)
    for page in root.iter("page"):
        lines = []
        for line in page.iter("line"):
            text, fonts, xs = "", set(), []
            for font in line.iter("font"):
                for ch in font.iter("char"):
                    text += ch.get("c")
                    fonts.add(font.get("name"))
                    q = [float(v) for v in ch.get("quad").split()]
                    xs += [q[0], q[2]]
            if text.strip():
                lines.append((text.strip(), min(xs), max(xs), fonts, float(line.get("bbox").split()[1])))
        lines.sort(key=lambda l: l[4])
        pages.append(lines)
    return pages


def check_attachments(ctx, label, content, pdf):
    import yaml
    with open(os.path.join(content, "report.yaml"), encoding="utf-8") as f:
        atts = (yaml.safe_load(f) or {}).get("attachments") or []
    if not atts or not os.path.exists(pdf):
        return
    pages = page_lines(pdf)
    width, margin, block = 595.2756, 28 * 72 / 25.4, 156 * 72 / 25.4
    for i, a in enumerate(atts):
        want = "附件" if len(atts) == 1 else f"附件{i + 1}"
        at = next((k for k, pg in enumerate(pages) if pg and pg[0][0] == want), None)
        ctx.result(f"{label}: attachment {i + 1} starts a page with “{want}”", at is not None,
                   str([pg[0][0][:10] for pg in pages if pg]))
        if at is None:
            continue
        lab, title = pages[at][0], pages[at][1]
        ctx.result(f"{label}: “{want}” at the left margin ({lab[1]:.1f}pt) in 黑体 ({sorted(lab[3])})",
                   abs(lab[1] - margin) < 1 and any("Hei" in f or "hei" in f or "SansCJK" in f for f in lab[3]),
                   str(lab))
        mid = (title[1] + title[2]) / 2
        ctx.result(f"{label}: the title “{title[0][:12]}” is centred ({mid - (margin + block / 2):+.1f}pt)",
                   title[0].replace(" ", "") == re.sub(r"\s", "", str(a["title"]))[:len(title[0].replace(" ", ""))]
                   and abs(mid - (margin + block / 2)) < 2, str(title))


def run(ctx):
    tmp = tempfile.mkdtemp(prefix="shuzhi-import-cases-")
    imp = imp_mod.Importer(ctx, tmp)
    try:
        for label, src, opts, expected in cases(ctx.root, ctx.shared):
            out = os.path.join(tmp, label.replace("/", "-"))
            p = run_import(ctx, src, opts, out)
            ctx.result(f"{label}: import exits 0", p.returncode == 0, p.stderr[-800:])
            if p.returncode != 0:
                continue
            rel = os.path.relpath(src, ctx.root)
            if expected is not None:
                compare_expected(ctx, label, out, expected, messages(p.stderr, rel))
            check_numbers_kept(ctx, label, src, out, p.stderr)

            # Round trip, as import.py does it for the reference and the corpus.
            with open(src, encoding="utf-8") as f:
                source = f.read()
            changes = imp_mod.notes(p.stderr, rel)
            fixed = imp_mod.apply_changes(source, changes)
            ctx.result(f"{label}: every noted change fits the source at its line:col",
                       fixed is not None, str(changes))
            if fixed is None:
                continue
            want = imp_mod.squeeze(fixed)
            built, b = imp.build(out)
            ctx.result(f"{label}: builds", b.returncode == 0, b.stderr[-800:])
            md = os.path.join(built, "report.md")
            pdf = os.path.join(built, "report.pdf")
            if not os.path.exists(md) or not os.path.exists(pdf):
                continue
            with open(md, encoding="utf-8") as f:
                title = imp_mod.squeeze(f.readline().lstrip("#"))
            h = md_html(md)
            got = imp_mod.squeeze(imp_mod.html_text(h))
            txt = pdf_text(pdf)
            txt = imp_mod.squeeze("\n".join(l for l in txt.split("\n")
                                            if not imp_mod.PAGE_LINE.match(l)))
            if not titled(out):
                got = got[len(title):] if got.startswith(title) else got
                txt = txt[len(title):] if txt.startswith(title) else txt
            ctx.result(f"{label}: Markdown text == source ({len(want)} characters, "
                       f"{len(changes)} noted changes)", got == want, imp_mod.first_diff(want, got))
            ctx.result(f"{label}: PDF text == source", txt == want, imp_mod.first_diff(want, txt))
            check_attachments(ctx, label, out, pdf)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
