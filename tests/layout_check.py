#!/usr/bin/env python3
"""layout_check.py: verify a written report PDF against GB/T 9704-2012 from
the PDF itself (poppler-utils: pdftotext -bbox-layout, pdffonts, pdfinfo,
pdftoppm).

    check_pdf(path, **geometry) -> [(name, ok, detail), ...]
    python3 tests/layout_check.py FILE.pdf [--title TEXT] [-v]

Checks: text inside the 156 x 225 mm block at 28/37 mm (+-0.5 mm), the first
line of every page at the block top, every line on a grid row with a constant
pitch (+-0.2 pt), 22 rows on full pages, no heading as a page's last line,
28 characters on full lines of Chinese text (where the plain grid fill would
break a line-breaking rule, 26-30 are allowed), no line starting or ending
with a prohibited mark and no split ——/……/number, justified right edges
(+-0.5 pt) for every line but a paragraph's last, "— N —" on every page,
its em dashes 7 mm below the block (measured on a rendering) and one
character in from the outer edge, fonts embedded and subset, a Title in the
document information.
"""
import html
import os
import re
import subprocess
import sys
import tempfile

from lib import sh

MM = 72 / 25.4

NO_START = set("、，。．：；！？）〕〉》」』】〗〙］｝”’％‰℃々ー～,.:;!?)]}%")
NO_END = set("（〔〈《「『【〖〘［｛“‘([{")
PUNCT = NO_START | NO_END | set("—…·・")
PAGENO = re.compile(r"^[—–-]\s*(\d+)\s*[—–-]$")
HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．](?!\d)|（\d+）)")


SQUEEZE = set("、，。．：；！？）〕〉》」』】”’（〔〈《「『【“‘")
LEFT_INKED = set("、，。．：；！？）〕〉》」』】”’")
OPENING = set("（〔〈《「『【“‘")
INTERPUNCT = set("·・‧･")


def natural_fill(text, indent, per_line):
    """Fill text on the plain grid (one cell a character, a left-inked mark
    before another mark half a cell).  Returns the characters per line and
    whether that fill keeps every line-breaking rule."""
    counts, i, first = [], 0, True
    while i < len(text):
        avail = per_line - (indent if first else 0)
        used, j = 0.0, i
        while j < len(text):
            w = 1.0
            if text[j] in LEFT_INKED and j + 1 < len(text) and text[j + 1] in SQUEEZE:
                w = 0.5
            elif text[j] in OPENING and j > i and text[j - 1] in SQUEEZE and text[j - 1] not in LEFT_INKED:
                w = 0.5   # an opening mark after another opening mark: its blank half goes
            # the line's last character keeps its full cell
            if used + 1.0 > avail + 1e-9 and used + w > avail + 1e-9:
                break
            if used + w > avail + 1e-9:
                break
            used += w
            j += 1
        if j == i:
            j = i + 1
        counts.append(j - i)
        i, first = j, False
    clean, pos = True, 0
    for k, n in enumerate(counts):
        line = text[pos:pos + n]
        pos += n
        nxt = text[pos:pos + 1]
        if nxt and (nxt in NO_START or line[-1] in NO_END or line[-1] + nxt in ("——", "……")):
            clean = False
        if k == len(counts) - 1 and k > 0 and sum(c not in PUNCT for c in line) < 2:
            clean = False
    return counts, clean


def is_cjk(c):
    o = ord(c)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF
            or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or c in "“”‘’—…·")


WORD = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">|'
                  r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


class Line:
    def __init__(self, words):
        words.sort(key=lambda w: w[0])
        self.x0 = min(w[0] for w in words)
        self.y0 = min(w[1] for w in words)
        self.x1 = max(w[2] for w in words)
        self.y1 = max(w[3] for w in words)
        parts = []
        for i, w in enumerate(words):
            if i and re.match(r"[A-Za-z0-9]", w[4][:1]) and re.match(r"[A-Za-z0-9]", words[i - 1][4][-1:]) \
                    and w[0] - words[i - 1][2] > 0.15 * (w[3] - w[1]):
                parts.append(" ")
            parts.append(w[4])
        self.text = "".join(parts)
        self.words = words
        self.chars = self.text.replace(" ", "")
        self.h = self.y1 - self.y0
        self.row = None
        self.page = 0

    def __repr__(self):
        return f"p{self.page + 1} r{self.row} [{self.x0:.2f},{self.y0:.2f},{self.x1:.2f},{self.y1:.2f}] {self.text}"


def read_pages(path):
    """Visual lines per page: words whose boxes share a top (within 2 pt)."""
    pages = []
    for m in WORD.finditer(sh("pdftotext", "-bbox-layout", path, "-").stdout):
        if m.group(1):
            pages.append({"w": float(m.group(1)), "h": float(m.group(2)), "words": []})
            continue
        pages[-1]["words"].append((float(m.group(3)), float(m.group(4)), float(m.group(5)),
                                   float(m.group(6)), html.unescape(m.group(7))))
    out = []
    for pg in pages:
        words = sorted(pg["words"], key=lambda w: (w[1], w[0]))
        lines, cur = [], []
        for w in words:
            if cur and abs(w[1] - cur[0][1]) > 2:
                lines.append(Line(cur))
                cur = []
            cur.append(w)
        if cur:
            lines.append(Line(cur))
        out.append((pg, lines))
    return out


def dash_centre(path, page, line, dpi=288):
    """The vertical centre (pt from the page top) of the longest horizontal
    stroke in the page number's box, from a grey rendering; None if unknown."""
    s = dpi / 72
    x, y = int(line.x0 * s) - 2, int(line.y0 * s) - 2
    w, h = int((line.x1 - line.x0) * s) + 4, int((line.y1 - line.y0) * s) + 4
    with tempfile.TemporaryDirectory() as d:
        base = os.path.join(d, "pn")
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page + 1), "-l", str(page + 1),
                        "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h), "-singlefile",
                        path, base], capture_output=True)
        try:
            data = open(base + ".pgm", "rb").read()
        except OSError:
            return None
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    if not m:
        return None
    W, H = int(m.group(1)), int(m.group(2))
    px = data[m.end():]
    rows = []
    for r in range(H):
        row = px[r * W:(r + 1) * W]
        best = run = 0
        for v in row:
            run = run + 1 if v < 128 else 0
            best = max(best, run)
        rows.append(best)
    longest = max(rows) if rows else 0
    if longest < 0.5 * line.h * s:
        return None
    dash = [r for r, n in enumerate(rows) if n >= 0.8 * longest]
    return (y + (dash[0] + dash[-1] + 1) / 2) / s


CHAR = re.compile(r'<font name="[^"]*" size="([\d.]+)">|<char quad="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*c="([^"]*)"/>|<page ')


def read_chars(path):
    """Every character's origin, per page and visual line (mutool's stext):
    pages -> lines (top to bottom) -> [(x, char, size)] left to right."""
    out, chars, size = [], None, 0.0
    for m in CHAR.finditer(sh("mutool", "draw", "-F", "stext", "-o", "-", path).stdout):
        if m.group(0).startswith("<page"):
            chars = []
            out.append(chars)
        elif m.group(1):
            size = float(m.group(1))
        elif chars is not None:
            chars.append((float(m.group(2)), float(m.group(3)), html.unescape(m.group(4)), size))
    pages = []
    for chars in out:
        lines = {}
        for x, y, c, sz in chars:
            key = next((k for k in lines if abs(k - y) < 2), y)
            lines.setdefault(key, []).append((x, c, sz))
        pages.append([sorted(lines[k]) for k in sorted(lines)])
    return pages


def is_han(c):
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def check_setting(path, width_mm=156, chars_per_line=28, max_space=0.08, lines=None):
    """How the characters of each line are set, from their origins
    (mutool) and pdftotext's text: returns [(name, ok, detail)].

    - No mark squeezed in the middle of a line where no two marks meet:
      between two full-width characters a mark keeps its whole cell (the
      two characters' origins two cells apart).
    - No letterspacing over max_space of a character (style.yaml
      lines.max-letterspacing) between two Chinese characters.
    - pdftotext reads no space between two Chinese characters."""
    res = []
    cell = width_mm * MM / chars_per_line
    squeezed, spaced, worst, typed = [], [], 0.0, set()
    for p, page in enumerate(read_chars(path)):
        for ln in page:
            text = "".join(c for _, c, _ in ln)
            typed.update(m.group(1) + m.group(2) for m in
                         re.finditer(r"([\u4e00-\u9fff])[ \u3000]+([\u4e00-\u9fff])", text))
            for i in range(1, len(ln) - 1):
                (x0, a, sa), (_, m, _), (x2, b, sb) = ln[i - 1], ln[i], ln[i + 1]
                if (m in SQUEEZE or m in INTERPUNCT) and is_han(a) and is_han(b) and sa == sb == 16:
                    if x2 - x0 < 1.75 * cell:
                        squeezed.append(f"p{p + 1} {text[max(0, i - 6):i + 6]}")
            for i in range(len(ln) - 1):
                (x0, a, sa), (x1, b, sb) = ln[i], ln[i + 1]
                if is_han(a) and is_han(b) and sa == sb:
                    pitch = cell if sa == 16 else sa
                    ls = (x1 - x0 - pitch) / pitch
                    worst = max(worst, ls)
                    if ls > max_space + 0.002:
                        spaced.append(f"p{p + 1} {text[max(0, i - 4):i + 6]} {ls:.3f}")
    res.append(("no mark squeezed mid-line where no two marks meet", not squeezed,
                f"{len(squeezed)} squeezed" + (f": {squeezed[:4]}" if squeezed else "")))
    res.append((f"letterspacing at most {max_space} of a character", not spaced,
                f"widest {worst:.3f}" + (f"; over: {spaced[:4]}" if spaced else "")))
    txt = sh("pdftotext", path, "-").stdout
    # (a space the author typed, U+3000 as in 省长　王正谱, is a character of its own)
    gaps = [g for g in re.findall(r"[\u4e00-\u9fff][ \u3000]+[\u4e00-\u9fff]", txt)
            if g[0] + g[-1] not in typed]
    res.append(("pdftotext reads no space between Chinese characters", not gaps, repr(gaps[:5])))
    return res


def check_breaks(body, left, right, cpitch, lines_per_page, title_lines=()):
    """Where lines and pages break, from the visual lines: [(name, ok, detail)].

    - No widow or orphan: a paragraph never leaves its first line alone at
      the foot of a page, nor its last line alone at the top of the next.
    - Never a break inside a number and its unit (2020|年, 36|项), around
      the 间隔号 between numbers (1·|24), and no line starting with ·.
    - No title line starting with 和/与/及/的 or ending with 以及/和."""
    res = []

    def follows(a, b):
        if a.row is None or b.row is None:
            return False
        return (b.page == a.page and b.row == a.row + 1) or \
               (b.page == a.page + 1 and a.row == lines_per_page - 1 and b.row == 0)

    def continues(a, b):
        return follows(a, b) and abs(b.x0 - left) <= 0.5 and abs(a.x1 - right) <= 0.5

    def indented(a):
        return abs(a.x0 - (left + 2 * cpitch)) <= 0.5

    lone = []
    for i, (a, b) in enumerate(zip(body, body[1:])):
        if b.page != a.page + 1 or not continues(a, b):
            continue
        c = body[i + 2] if i + 2 < len(body) else None
        if indented(a) and (i == 0 or not continues(body[i - 1], a)):
            lone.append(f"orphan p{a.page + 1}: {a.chars[:10]}")
        if c is None or not continues(b, c):
            lone.append(f"widow p{b.page + 1}: {b.chars[:10]}")
    res.append(("no widows or orphans", not lone, "; ".join(lone[:4])))

    split = []
    for a, b in zip(body, body[1:]):
        if not a.chars or not b.chars:
            continue
        if b.chars[0] in INTERPUNCT:
            split.append(f"{a.chars[-4:]}|{b.chars[:4]}")
        elif continues(a, b) and ((a.chars[-1].isdigit() and is_han(b.chars[0])) or
                                  (a.chars[-1] in INTERPUNCT and len(a.chars) > 1 and
                                   a.chars[-2].isdigit() and b.chars[0].isdigit())):
            split.append(f"{a.chars[-4:]}|{b.chars[:4]}")
    res.append(("no break inside a number and its unit or around ·", not split, "; ".join(split[:5])))

    bad = [t for t in title_lines if t[:1] in "和与及的" or t.endswith(("以及", "和"))]
    res.append(("no title line starting with 和/与/及/的 or ending with 以及/和", not bad, " / ".join(bad)))
    return res


def check_pdf(path, left_mm=28, top_mm=37, width_mm=156, height_mm=225, lines_per_page=22,
              chars_per_line=28, line_gap=7 / 8, pageno_below_mm=7, tol_mm=0.5, title=None,
              lines_out=None, keep_max=6, pagenos=True):
    """Run every check on the PDF at path; returns [(name, ok, detail)].
    When lines_out is a list, the visual lines are appended to it."""
    res = []

    def add(name, ok, detail):
        res.append((name, bool(ok), detail))

    left, top, W, H = left_mm * MM, top_mm * MM, width_mm * MM, height_mm * MM
    right, bottom, tol = left + W, top + H, tol_mm * MM
    cell = H / (lines_per_page + (lines_per_page - 1) * line_gap)
    pitch = cell * (1 + line_gap)
    cpitch = W / chars_per_line

    # Fonts and document information.
    rows = sh("pdffonts", path).stdout.splitlines()[2:]
    bad = [r.split()[0] for r in rows if len(r.split()) < 5 or r.split()[-5] != "yes" or r.split()[-4] != "yes"]
    add("fonts embedded and subset", rows and not bad,
        f"{len(rows)} fonts" + (f"; not embedded+subset: {bad}" if bad else ""))
    info = sh("pdfinfo", "-enc", "UTF-8", path).stdout
    m = re.search(r"^Title:\s*(.*)$", info, re.M)
    t = m.group(1).strip() if m else ""
    add("title in document information", t and (title is None or t == title), repr(t))

    pages = read_pages(path)
    add("pages", len(pages) > 0, f"{len(pages)} pages")
    body = []          # all non-page-number lines in reading order
    pn_lines = {}
    for p, (pg, lines) in enumerate(pages):
        for ln in lines:
            ln.page = p
            if PAGENO.match(ln.chars) and ln.y0 > bottom:
                pn_lines[p] = ln
            else:
                body.append(ln)

    if lines_out is not None:
        lines_out.extend(body + list(pn_lines.values()))

    # Inside the block.
    outside = [ln for ln in body if ln.x0 < left - tol or ln.x1 > right + tol
               or ln.y0 < top - tol or ln.y1 > bottom + tol]
    add("text inside the block", not outside,
        f"{len(body)} lines" + (f"; outside: {outside[:3]}" if outside else ""))

    # First line of every page at the block top, left edge at the margin.
    firsts = [min((l for l in body if l.page == p), key=lambda l: l.y0, default=None) for p in range(len(pages))]
    off = [f"p{l.page + 1}: {(l.y0 / MM):.2f} mm" for l in firsts if l and abs(l.y0 - top) > tol]
    tops = [l.y0 / MM for l in firsts if l]
    add("first line at the top of the block", not off,
        (f"tops {min(tops):.2f}..{max(tops):.2f} mm" if tops else "") + (f"; off: {off}" if off else ""))
    lefts = [l.x0 for l in body]
    add("left edge at the margin", lefts and abs(min(lefts) - left) <= tol,
        f"leftmost {min(lefts) / MM:.3f} mm" if lefts else "")

    # Grid rows: the em box of a body-size line centred on its row's cell.
    off_grid = []
    for ln in body:
        if abs(ln.h - 16) > 1.5:
            continue
        r = (ln.y0 - top - (cell - ln.h) / 2) / pitch
        ln.row = round(r)
        if abs(r - ln.row) * pitch > 0.2:
            off_grid.append((ln, round((r - ln.row) * pitch, 3)))
    add("lines on the grid (pitch %.3f pt)" % pitch, not off_grid,
        "; ".join(f"{l!r} off {d} pt" for l, d in off_grid[:3]))
    steps = []
    for a, b in zip(body, body[1:]):
        if a.page == b.page and a.row is not None and b.row == a.row + 1 and abs(a.h - b.h) < 0.1:
            steps.append(b.y0 - a.y0)
    if steps:
        add("constant line pitch", max(steps) - min(steps) <= 0.2 and abs(sum(steps) / len(steps) - pitch) <= 0.2,
            f"{len(steps)} steps, {min(steps):.3f}..{max(steps):.3f} pt")
    # Rows used: every page but the last full, unless a heading moved on
    # with its text (leaving at most keep_max rows), or widow and orphan
    # control ended the page a row early (a paragraph's first line moved
    # on, or a line more taken to the next page with its last).
    short = []
    for p in range(len(pages) - 1):
        here = [l for l in body if l.page == p and l.row is not None]
        rows_used = {l.row for l in here}
        nxt = sorted((l for l in body if l.page == p + 1 and l.row is not None), key=lambda l: l.y0)
        missing = lines_per_page - 1 - max(rows_used, default=-1)
        if missing == 0:
            continue
        last = max(here, key=lambda l: l.y0, default=None)
        if nxt and HEADING.match(nxt[0].chars) and missing <= keep_max:
            continue
        if p + 1 == len(pages) - 1 and any(l.page == p + 1 and l.x0 > left + W / 3 for l in body):
            continue
        if missing <= 2 and nxt and last is not None:
            if abs(nxt[0].x0 - left - 2 * cpitch) <= 0.5:
                continue    # the next paragraph's first line(s) would have been an orphan
            if abs(last.x1 - right) <= 0.5 and abs(nxt[0].x0 - left) <= 0.5 and \
                    (len(nxt) < 3 or not (abs(nxt[1].x1 - right) <= 0.5 and abs(nxt[2].x0 - left) <= 0.5)):
                continue    # a line more went on with the paragraph's last
        short.append(f"p{p + 1}: {len(rows_used)} rows")
    counts = [len({l.row for l in body if l.page == p and l.row is not None}) for p in range(len(pages))]
    add(f"{lines_per_page} lines on full pages", not short, f"rows per page {counts}" + (f"; short: {short}" if short else ""))

    # A heading never ends a page (keep with next).
    orphans = []
    for p in range(len(pages) - 1):
        last = max((l for l in body if l.page == p), key=lambda l: l.y0, default=None)
        if last is not None and HEADING.match(last.chars) and last.x1 < right - 0.5:
            orphans.append(f"p{p + 1}: {last.chars}")
    add("no heading at the foot of a page", not orphans, "; ".join(orphans[:3]))

    # Line starts and ends; split pairs, numbers and words.
    bad_start = [l for l in body if l.chars[:1] in NO_START]
    bad_end = [l for l in body if l.chars[-1:] in NO_END]
    split = []
    for a, b in zip(body, body[1:]):
        if not a.chars or not b.chars:
            continue
        pair = a.chars[-1] + b.chars[0]
        # (a Latin word broken at a space looks the same as a split one
        # once the space is gone, so only numbers are checked)
        if pair in ("——", "……") or (re.match(r"[0-9]{2}", pair) and b.x0 - left < 1):
            split.append(f"{a.chars[-6:]}|{b.chars[:6]}")
    add("no prohibited line starts", not bad_start, "; ".join(l.chars[:8] for l in bad_start[:5]))
    add("no prohibited line ends", not bad_end, "; ".join(l.chars[-8:] for l in bad_end[:5]))
    add("no split ——, ……, numbers or words", not split, "; ".join(split[:5]))

    # Justified lines: a line followed on the next row by a flush-left line
    # continues a paragraph and must end on the block's right edge.
    def follows(a, b):
        if a.row is None or b.row is None:
            return False
        return (b.page == a.page and b.row == a.row + 1) or \
               (b.page == a.page + 1 and a.row == lines_per_page - 1 and b.row == 0)

    nonfinal = [a for a, b in zip(body, body[1:]) if follows(a, b) and abs(b.x0 - left) <= 0.5]
    ragged = [(a, round(a.x1 - right, 3)) for a in nonfinal if abs(a.x1 - right) > 0.5]
    dev = [a.x1 - right for a in nonfinal]
    add("justified right edges", nonfinal and not ragged,
        (f"{len(nonfinal)} lines, right edge {min(dev):+.3f}..{max(dev):+.3f} pt" if dev else "")
        + ("; ragged: " + "; ".join(f"{l!r} {d:+}" for l, d in ragged[:3]) if ragged else ""))

    # Characters per full line of pure Chinese text.  A paragraph that the
    # plain grid fill would set without breaking a rule must hold exactly
    # the grid's count on every full line; where the plain fill would start
    # a line with a closing mark, end one with an opening mark, split a pair
    # or leave a lone character, lines may hold one or two characters more
    # (marks squeezed) or fewer (a character pushed down and the line spread).
    paras, cur = [], []
    for i, a in enumerate(body):
        cur.append(a)
        b = body[i + 1] if i + 1 < len(body) else None
        if b is None or not follows(a, b) or abs(b.x0 - left) > 0.5 or a not in nonfinal:
            paras.append(cur)
            cur = []
    exact, adjusted, wrong = 0, 0, []
    for para in paras:
        if len(para) < 2 or not all(is_cjk(c) for l in para for c in l.chars):
            continue
        indent = round((para[0].x0 - left) / cpitch)
        natural, clean = natural_fill("".join(l.chars for l in para), indent, chars_per_line)
        if len(natural) != len(para):
            # Set a line longer or shorter (widow and orphan control):
            # characters pushed from line to line, within the letterspacing
            # limit that check_setting() checks.
            clean = False
        for k, a in enumerate(para[:-1]):
            n = len(a.chars) + (indent if k == 0 else 0)
            want = natural[k] + (indent if k == 0 else 0) if clean and k < len(natural) else None
            if clean and n == want:
                exact += n == chars_per_line
                adjusted += n != chars_per_line
            elif not clean and chars_per_line - 2 <= n <= chars_per_line + 2:
                exact += n == chars_per_line
                adjusted += n != chars_per_line
            else:
                wrong.append(f"{a.chars} ({n}, plain fill {want})")
    pure = [a for a in nonfinal if all(is_cjk(c) for c in a.chars)]
    full = sum(len(a.chars) + round((a.x0 - left) / cpitch) == chars_per_line for a in pure)
    add(f"{chars_per_line} characters on full lines of Chinese text", exact > 0 and not wrong,
        f"in paragraphs of Chinese only: {exact} lines of {chars_per_line}, {adjusted} adjusted by "
        f"line-breaking rules; all full lines of Chinese only: {full} of {len(pure)} hold {chars_per_line}"
        + (f"; wrong: {wrong[:3]}" if wrong else ""))

    # Widows and orphans, units, title lines; how the characters are set.
    titles = [l.chars for l in body if l.page == 0 and l.h > 20]
    res.extend(check_breaks(body, left, right, cpitch, lines_per_page, titles))
    res.extend(check_setting(path, width_mm, chars_per_line))

    # Page numbers (pagenos=False: not looked at, a long report's take time).
    if not pagenos:
        return res
    problems, seen = [], []
    for p in range(len(pages)):
        ln = pn_lines.get(p)
        if ln is None:
            problems.append(f"p{p + 1}: none")
            continue
        n = int(PAGENO.match(ln.chars).group(1))
        seen.append(n)
        w = ln.words
        spaced = len(w) == 3 and all(b[0] - a[2] > 0.15 * ln.h for a, b in zip(w, w[1:]))
        if n != p + 1 or not spaced:
            problems.append(f"p{p + 1}: text {' '.join(x[4] for x in w)!r}")
        size = ln.h
        if (p + 1) % 2:
            if abs(ln.x1 - (right - size)) > 0.5:
                problems.append(f"p{p + 1}: right end {ln.x1 - right:+.2f} pt from the edge (want -{size:.1f})")
        elif abs(ln.x0 - (left + size)) > 0.5:
            problems.append(f"p{p + 1}: left end {ln.x0 - left:+.2f} pt from the edge (want +{size:.1f})")
        y = dash_centre(path, p, ln)
        if y is None:
            problems.append(f"p{p + 1}: no em dash found")
        elif abs(y - bottom - pageno_below_mm * MM) > tol:
            problems.append(f"p{p + 1}: dashes {(y - bottom) / MM:.2f} mm below the block")
    add("page numbers “— N —”, outer side, 7 mm below the block", not problems,
        f"pages {seen}" + (f"; {problems[:4]}" if problems else ""))
    return res


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description="Check a report PDF's GB/T 9704-2012 layout.")
    ap.add_argument("pdf", nargs="+")
    ap.add_argument("--title", help="expected document title")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the visual lines")
    a = ap.parse_args(argv)
    failed = 0
    for path in a.pdf:
        lines = []
        results = check_pdf(path, title=a.title, lines_out=lines)
        if a.verbose:
            for ln in sorted(lines, key=lambda l: (l.page, l.y0)):
                print(ln)
        for name, ok, detail in results:
            print(f"{'ok  ' if ok else 'FAIL'} {path}: {name}: {detail}")
            failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
