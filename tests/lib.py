"""lib.py: helpers the test suites share: running a program or shuzhi,
reading a report back (its Markdown through cmark-gfm, its PDF through
pdftotext), writing a file."""
import html
import json
import os
import re
import subprocess


def sh(*args, **kw):
    """Run a program, its output captured as UTF-8 text (a stray byte read as
    U+FFFD): sh("prog", "arg") or sh(["prog", "arg"]); keywords go to
    subprocess.run."""
    argv = list(args[0]) if len(args) == 1 and isinstance(args[0], (list, tuple)) else list(args)
    kw.setdefault("encoding", "utf-8")
    kw.setdefault("errors", "replace")
    return subprocess.run(argv, capture_output=True, **kw)


def shuzhi(ctx, *args, cwd=None, timeout=60, **kw):
    """Run the shuzhi under test (ctx.shuzhi), in the tree's root unless cwd."""
    return sh(ctx.shuzhi, *args, cwd=cwd or ctx.root, timeout=timeout, **kw)


def md_html(path, unsafe=False):
    """A Markdown file as cmark-gfm renders it to HTML (with strikethrough;
    unsafe: raw HTML such as <ins> and <del> kept)."""
    return sh("cmark-gfm", *(["--unsafe"] if unsafe else []), "--extension", "strikethrough",
              path).stdout


def md_plain(path):
    """A Markdown file's text as cmark-gfm renders it to plain text."""
    return sh("cmark-gfm", "-t", "plaintext", path).stdout


def pdf_text(path, page=None, **kw):
    """The text of a PDF (of one page, from 1, when page is given), from pdftotext."""
    pages = ["-f", str(page), "-l", str(page)] if page is not None else []
    return sh("pdftotext", *pages, "-enc", "UTF-8", path, "-", **kw).stdout


def write(path, text):
    """Write text to path as UTF-8, making its folder first."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def read(path):
    """A UTF-8 file's text."""
    with open(path, encoding="utf-8") as f:
        return f.read()


def squeeze(text):
    """Text with all whitespace removed, as round trips compare it."""
    return re.sub(r"\s+", "", text)


def html_text(h):
    """The text of HTML: tags dropped, entities read."""
    return html.unescape(re.sub(r"<[^>]+>", "", h))


def check_json(ctx, folder):
    """shuzhi check --format=json on a content folder: (exit status, the
    diagnostics, or None when the output is not that JSON)."""
    p = sh(ctx.shuzhi, "check", folder, "--format=json", cwd=ctx.root)
    try:
        return p.returncode, json.loads(p.stdout)["diagnostics"]
    except (ValueError, KeyError):
        return p.returncode, None
