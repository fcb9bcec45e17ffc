#!/usr/bin/env python3
"""docx_tool.py: the python-docx side of tests/docx.py, run with an
interpreter that has python-docx and lxml (Debian's python3-docx).

    docx_tool.py inspect FILE.docx       what python-docx sees, as JSON
    docx_tool.py review IN.docx OUT.docx REVIEW_JSON
                                          IN as a reviewer returns it with
                                          修订 on: the changes REVIEW lists
                                          (see tests/docx.py), as w:ins/w:del,
                                          and one comment
"""
import copy
import json
import os
import sys
import zipfile

# tests/docx.py is not the python-docx package.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]
import docx  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Emu  # noqa: E402
from lxml import etree  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

def twips(length):
    return None if length is None else round(Emu(length).pt * 20)


def attr(el, name):
    return None if el is None else el.get(qn("w:" + name))


def inspect(path):
    d = docx.Document(path)
    sec = d.sections[0]
    sectpr = sec._sectPr
    grid = sectpr.find(qn("w:docGrid"))
    out = {
        "section": {
            "page_width": twips(sec.page_width), "page_height": twips(sec.page_height),
            "top": twips(sec.top_margin), "bottom": twips(sec.bottom_margin),
            "left": twips(sec.left_margin), "right": twips(sec.right_margin),
            "footer_distance": twips(sec.footer_distance),
            "grid": {k: attr(grid, k) for k in ("type", "linePitch", "charSpace")},
            "odd_and_even": bool(d.settings.odd_and_even_pages_header_footer),
        },
        "core": {"title": d.core_properties.title, "author": d.core_properties.author,
                 "subject": d.core_properties.subject},
        "styles": {},
        "paragraphs": [],
        "footers": {},
        "fonts": {},
    }
    for s in d.styles:
        if s.type != 1:     # paragraph styles
            continue
        ppr = s.element.find(qn("w:pPr"))
        rpr = s.element.find(qn("w:rPr"))
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        spacing = ppr.find(qn("w:spacing")) if ppr is not None else None
        ind = ppr.find(qn("w:ind")) if ppr is not None else None
        out["styles"][s.name] = {
            "id": s.style_id,
            "base": s.base_style.name if s.base_style is not None else None,
            "outline": attr(ppr.find(qn("w:outlineLvl")) if ppr is not None else None, "val"),
            "east_asian": attr(fonts, "eastAsia"),
            "size": s.font.size.pt if s.font.size is not None else None,
            "bold": s.font.bold,
            "align": attr(ppr.find(qn("w:jc")) if ppr is not None else None, "val"),
            "line": attr(spacing, "line"), "line_rule": attr(spacing, "lineRule"),
            "after": attr(spacing, "after"), "before": attr(spacing, "before"),
            "first_line_chars": attr(ind, "firstLineChars"),
            "keep_next": ppr is not None and ppr.find(qn("w:keepNext")) is not None,
            "tracking": attr(rpr.find(qn("w:spacing")) if rpr is not None else None, "val"),
        }
    for p in d.paragraphs:
        out["paragraphs"].append({
            "style": p.style.name, "text": p.text,
            "bold": [r.text for r in p.runs if r.bold],
        })
    for label, footer in (("odd", sec.footer), ("even", sec.even_page_footer)):
        ps = footer.paragraphs
        p = ps[0]._p if ps else None
        ppr = p.find(qn("w:pPr")) if p is not None else None
        ind = ppr.find(qn("w:ind")) if ppr is not None else None
        instr = "".join(t.text or "" for t in p.iter(qn("w:instrText"))) if p is not None else ""
        out["footers"][label] = {
            "text": "".join(t.text or "" for t in p.iter(qn("w:t"))) if p is not None else "",
            "field": instr.strip(),
            "style": ps[0].style.name if ps else None,
            "align": attr(ppr.find(qn("w:jc")) if ppr is not None else None, "val"),
            "left": attr(ind, "left"), "right": attr(ind, "right"),
        }
    with zipfile.ZipFile(path) as z:
        ft = etree.fromstring(z.read("word/fontTable.xml"))
    for f in ft.findall(qn("w:font")):
        out["fonts"][attr(f, "name")] = attr(f.find(qn("w:altName")), "val")
    json.dump(out, sys.stdout, ensure_ascii=False)


def el(tag, **a):
    e = etree.Element(qn(tag))
    for k, v in a.items():
        e.set(qn("w:" + k), v)
    return e


def text_run(text, rpr=None, deleted=False):
    r = el("w:r")
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    t = etree.SubElement(r, qn("w:delText" if deleted else "w:t"))
    t.text = text
    t.set(XML_SPACE, "preserve")
    return r


def ptext(p):
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def isolate(p, needle):
    """Split p's run holding needle into three; returns the middle run."""
    for r in p.findall(qn("w:r")):
        t = r.find(qn("w:t"))
        if t is None or not t.text or needle not in t.text:
            continue
        before, after = t.text.split(needle, 1)
        rpr = r.find(qn("w:rPr"))
        runs = [text_run(s, rpr) for s in (before, needle, after)]
        at = list(p).index(r)
        p.remove(r)
        for i, nr in enumerate(runs):
            p.insert(at + i, nr)
        return runs[1]
    raise SystemExit(f"review: no run holds {needle!r}")


def find(body, text):
    for p in body.iter(qn("w:p")):
        if text in ptext(p):
            return p
    raise SystemExit(f"review: no paragraph holds {text!r}")


def deletion(run, rid, who, when):
    t = run.find(qn("w:t"))
    t.tag = qn("w:delText")
    d = el("w:del", id=rid, author=who, date=when)
    run.addprevious(d)
    d.append(run)
    return d


def review(src, dst, spec):
    REVIEW = json.loads(spec)
    d = docx.Document(src)
    body = d.element.body
    who, when = REVIEW["author"], "2021-01-05T09:00:00Z"
    p = find(body, REVIEW["delete"][0])
    deletion(isolate(p, REVIEW["delete"][1]), "1", who, when)
    p = find(body, REVIEW["replace"][0])
    run = isolate(p, REVIEW["replace"][0])
    rpr = run.find(qn("w:rPr"))
    t = run.find(qn("w:t"))
    rest = t.text[len(REVIEW["replace"][1]):]
    t.text = REVIEW["replace"][1]
    dl = deletion(run, "2", who, when)
    ins = el("w:ins", id="3", author=who, date=when)
    ins.append(text_run(REVIEW["replace"][2], rpr))
    dl.addnext(ins)
    ins.addnext(text_run(rest, rpr))
    # A new paragraph: its runs and its mark inserted.
    p = find(body, REVIEW["new_paragraph"][0])
    new = copy.deepcopy(p)
    for c in list(new):
        if c.tag != qn("w:pPr"):
            new.remove(c)
    ppr = new.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.SubElement(new, qn("w:pPr"))
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(ppr, qn("w:rPr"))
    rpr.append(el("w:ins", id="4", author=who, date=when))
    ins = el("w:ins", id="5", author=who, date=when)
    ins.append(text_run(REVIEW["new_paragraph"][1]))
    new.append(ins)
    p.addnext(new)
    # The comment.
    anchor, span, author, note = REVIEW["comment"]
    p = find(body, anchor)
    run = isolate(p, span)
    run.addprevious(el("w:commentRangeStart", id="0"))
    end = el("w:commentRangeEnd", id="0")
    run.addnext(end)
    ref = el("w:r")
    etree.SubElement(ref, qn("w:commentReference")).set(qn("w:id"), "0")
    end.addnext(ref)
    d.save(dst)
    # The comments part, its relationship and content type.
    with zipfile.ZipFile(dst) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    comments = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="{W}">'
                f'<w:comment w:id="0" w:author="{author}" w:date="2021-01-06T10:00:00Z">'
                f'<w:p><w:r><w:t>{note}</w:t></w:r></w:p></w:comment></w:comments>').encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            if name == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/comments.xml" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.wordprocessingml.'
                                    b'comments+xml"/></Types>')
            elif name == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdComments" Type='
                                    b'"http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                                    b'comments" Target="comments.xml"/></Relationships>')
            z.writestr(name, data)
        z.writestr("word/comments.xml", comments)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "inspect":
        inspect(sys.argv[2])
    elif len(sys.argv) == 5 and sys.argv[1] == "review":
        review(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
