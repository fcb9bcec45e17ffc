#!/usr/bin/env python3
"""same_outputs.py: do two shuzhi binaries make the same bytes from every test report?

    python3 tests/same_outputs.py OLD/build/shuzhi NEW/build/shuzhi

For a refactoring: build OLD from the commit before it (git worktree add
/tmp/old REV && make -C /tmp/old build/shuzhi build/shuzhi-docx
build/shuzhi-import) and run this from the new tree.  Each binary uses
the templates, rules and fonts of its own tree; the inputs are this
tree's: every content folder under content/ and tests/ (build, check
--format=json), every Markdown file of tests/typeset and tests/layout
(typeset, docx), a diff of each content folder against its fixed twin,
and an import of every .txt and .docx of tests/import and ../shared/corpus.
SOURCE_DATE_EPOCH is fixed.  Prints a line per output that differs, then
`N same, N different`; exits 1 when any differ.
"""
import glob
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(ROOT), "shared")


def content_folders():
    out = sorted(glob.glob(os.path.join(ROOT, "content", "*", "report.yaml")))
    for p in sorted(glob.glob(os.path.join(ROOT, "tests", "**", "report.yaml"), recursive=True)):
        if "/bad/" not in p and "/fuzz/" not in p:
            out.append(p)
    return [os.path.dirname(p) for p in out]


def markdown_files():
    out = sorted(glob.glob(os.path.join(ROOT, "tests", "typeset", "*.md")))
    out += sorted(glob.glob(os.path.join(ROOT, "tests", "layout", "**", "*.md"), recursive=True))
    return out


def import_sources():
    out = []
    for d in (os.path.join(ROOT, "tests", "import"), os.path.join(SHARED, "corpus"),
              os.path.join(SHARED, "reference")):
        for ext in ("txt", "docx"):
            out += sorted(glob.glob(os.path.join(d, "**", "*." + ext), recursive=True))
    return out


def digest_tree(path):
    """{relative name: sha256} of the files under path (or of path itself)."""
    if os.path.isfile(path):
        with open(path, "rb") as f:
            return {"": hashlib.sha256(f.read()).hexdigest()}
    out = {}
    for dirpath, _, names in os.walk(path):
        for n in names:
            p = os.path.join(dirpath, n)
            with open(p, "rb") as f:
                out[os.path.relpath(p, path)] = hashlib.sha256(f.read()).hexdigest()
    return out


def jobs():
    """(label, argv builder(out), what to compare: 'out' or 'stdout')."""
    out = []
    for d in content_folders():
        rel = os.path.relpath(d, ROOT)
        out.append((f"build {rel}", lambda o, d=d: ["build", d, "-o", o], "out"))
        out.append((f"check {rel}", lambda o, d=d: ["check", d, "--format=json"], "stdout"))
        twin = os.path.join(os.path.dirname(d), "expected")
        if os.path.basename(d) == "content" and os.path.isdir(twin):
            out.append((f"diff {rel}", lambda o, d=d, t=twin: ["diff", d, t, "-o", o], "out"))
    for m in markdown_files():
        rel = os.path.relpath(m, ROOT)
        out.append((f"typeset {rel}", lambda o, m=m: ["typeset", m, "-o", o + ".pdf"], "pdf"))
        out.append((f"docx {rel}", lambda o, m=m: ["docx", m, "-o", o + ".docx"], "docx"))
    for s in import_sources():
        rel = os.path.relpath(s, os.path.dirname(ROOT))
        out.append((f"import {rel}", lambda o, s=s: ["import", s, "-o", o, "--year", "2025"], "out"))
    return out


def run(shuzhi, argv, out):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    p = subprocess.run([shuzhi] + argv, capture_output=True, env=env, cwd=ROOT, timeout=300)
    return p


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    old, new = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    tmp = tempfile.mkdtemp(prefix="shuzhi-same-")
    same = diff = 0
    try:
        for i, (label, build, what) in enumerate(jobs()):
            results = []
            for exe in (old, new):
                o = os.path.join(tmp, str(i))     # the same path for both: outputs may name it
                p = run(exe, build(o), o)
                got = {"exit": p.returncode}
                if what == "stdout":
                    got["stdout"] = p.stdout.replace(o.encode(), b"OUT")
                elif what == "out":
                    got.update(digest_tree(o) if os.path.exists(o) else {})
                else:
                    f = o + "." + what
                    got.update(digest_tree(f) if os.path.exists(f) else {})
                results.append(got)
                for leftover in (o, o + ".pdf", o + ".docx"):
                    if os.path.isdir(leftover):
                        shutil.rmtree(leftover)
                    elif os.path.exists(leftover):
                        os.unlink(leftover)
            if results[0] == results[1]:
                same += 1
            else:
                diff += 1
                keys = sorted(k for k in set(results[0]) | set(results[1])
                              if results[0].get(k) != results[1].get(k))
                print(f"DIFFERENT {label}: {', '.join(str(k) or 'output' for k in keys)}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{same} same, {diff} different")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
