#!/usr/bin/env python3
"""run.py: seed corpora and bounded runs of the libFuzzer harnesses.

  python3 tests/fuzz/run.py [--seconds N] [--seeds-only] HARNESS...

For each harness (yaml, mustache, typeset, rules, diff, docx, markdown) the
seed corpus is written to build/fuzz/seed/<harness>/ from the project's own
files: content/, rules/, templates/, fonts/fonts.yaml, the Mustache
specification (../shared/mustache-spec or $SHUZHI_SHARED/mustache-spec), the
bad inputs of tests/bad/, Markdown of tests/typeset/ and out/, and the kept
crashing inputs of tests/fuzz/regress/.  The .docx seeds are real Word
files, made once into build/fuzz/docx/ by LibreOffice (soffice) from the
reports of ../shared as text, and by python3-docx (headings, bold leads,
Word's numbering, a table); each is given whole and as its XML parts.  Then
build/fuzz/fuzz_<harness> runs for N seconds on build/fuzz/corpus/<harness>/
(kept between runs) plus the seeds; a crash, a leak, a sanitizer report or
a timeout fails the run, with the input saved under build/fuzz/crash/.
Each run's executions and coverage (libFuzzer's cov: and ft:) are printed.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FUZZ = os.path.join(ROOT, "build", "fuzz")
NUL = b"\0"


def read(path):
    with open(path, "rb") as f:
        return f.read()


def spec_cases():
    shared = os.environ.get("SHUZHI_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
    for path in sorted(glob.glob(os.path.join(shared, "mustache-spec", "*.json"))):
        if "lambdas" in path:
            continue
        with open(path, encoding="utf-8") as f:
            for case in json.load(f).get("tests", []):
                yield case


def content_files():
    return sorted(glob.glob(os.path.join(ROOT, "content", "*", "*.yaml")))


def bad_files():
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "bad", "*", "content", "*.yaml"))):
        if os.path.getsize(path) <= 1 << 20:
            out.append(path)
    return out


def real_docx():
    """Word files made by LibreOffice and python3-docx (cached), as paths."""
    d = os.path.join(FUZZ, "docx")
    os.makedirs(d, exist_ok=True)
    shared = os.environ.get("SHUZHI_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
    texts = sorted(glob.glob(os.path.join(shared, "reference", "*.txt")) +
                   glob.glob(os.path.join(shared, "corpus", "*.txt")))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    todo = [t for t in texts if not os.path.exists(
        os.path.join(d, os.path.splitext(os.path.basename(t))[0] + ".docx"))]
    if soffice and todo:
        subprocess.run([soffice, "--headless", "--convert-to", "docx", "--outdir", d] + todo,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300,
                       env=dict(os.environ, HOME=os.path.join(FUZZ, "soffice-home")))
    made = os.path.join(d, "python-docx.docx")
    if not os.path.exists(made):
        script = (
            "import sys, docx\n"
            "d = docx.Document()\n"
            "d.add_heading('XXX镇党委2020年度党管武装工作述职报告', 0)\n"
            "d.add_paragraph('各位领导、同志们：')\n"
            "d.add_heading('一、提高认识，严格贯彻落实各项制度', 1)\n"
            "p = d.add_paragraph()\n"
            "p.add_run('统一思想，提高站位。').bold = True\n"
            "p.add_run('党管武装是我党的优良传统和基本制度。')\n"
            "d.add_heading('（一）强化责任', 2)\n"
            "for t in ['定期学习。', '专题会议。', '落实要求。']:\n"
            "    d.add_paragraph(t, style='List Number')\n"
            "t = d.add_table(rows=2, cols=2)\n"
            "t.cell(0, 0).text = '项目'\n"
            "t.cell(1, 1).text = '完成'\n"
            "d.add_paragraph('XXX镇党委')\n"
            "d.add_paragraph('2020年12月30日')\n"
            "d.save(sys.argv[1])\n")
        for py in ("/usr/bin/python3", sys.executable):
            if subprocess.run([py, "-c", script, made], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0:
                break
    return sorted(glob.glob(os.path.join(d, "*.docx")))


def docx_parts(path):
    """DOCUMENT NUL STYLES NUL NUMBERING of a .docx (fuzz_docx's packed form)."""
    import zipfile
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            parts = [z.read(n) if n in names else b"" for n in
                     ("word/document.xml", "word/styles.xml", "word/numbering.xml")]
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    while len(parts) > 1 and parts[-1] == b"":
        parts.pop()
    return NUL.join(parts)


def seeds(name):
    """The seed inputs of a harness, as bytes."""
    reports = [p for p in content_files() if p.endswith("/report.yaml")]
    sections = [p for p in content_files() if not p.endswith("/report.yaml")]
    rules = sorted(glob.glob(os.path.join(ROOT, "rules", "*.yaml")))
    if name == "yaml":
        for p in content_files() + rules + bad_files() + [
                os.path.join(ROOT, "templates", "style.yaml"),
                os.path.join(ROOT, "fonts", "fonts.yaml")]:
            yield read(p)
        for p in sorted(glob.glob(os.path.join(os.path.dirname(ROOT), "shared",
                                               "mustache-spec", "*.yml"))):
            yield read(p)
    elif name == "mustache":
        for p in sorted(glob.glob(os.path.join(ROOT, "templates", "*.mustache"))):
            yield read(p)
        for case in spec_cases():
            data = json.dumps(case.get("data"), ensure_ascii=False).encode()
            parts = [case["template"].encode(), data]
            if case.get("partials"):
                parts.append(json.dumps(case["partials"], ensure_ascii=False).encode())
            yield NUL.join(parts)
    elif name == "typeset":
        for p in sorted(glob.glob(os.path.join(ROOT, "tests", "typeset", "*.md"))):
            if os.path.getsize(p) <= 64 << 10:
                yield read(p)
        for p in sorted(glob.glob(os.path.join(ROOT, "out", "*", "report.md"))):
            yield read(p)
        yield "# 标题\n\n## 一、小标题\n\n正文**一是加粗。**正文。\n".encode()
    elif name == "rules":
        for s in sections + bad_files():
            yield read(s)
            for r in reports:
                yield read(s) + NUL + read(r).replace(b"sections:\n", b"sections:\n  - 1.yaml\n", 1)
        for s in sections[:1]:
            for r in rules:
                yield read(s) + NUL + NUL + read(r)
    elif name == "docx":
        for p in real_docx() + sorted(glob.glob(os.path.join(HERE, "regress", "docx", "*"))):
            yield read(p)
            parts = docx_parts(p)
            if parts is not None and len(parts) <= MAX_LEN["docx"]:
                yield parts
    elif name == "markdown":
        for p in sorted(glob.glob(os.path.join(ROOT, "tests", "typeset", "*.md")) +
                        glob.glob(os.path.join(ROOT, "out", "*", "*.md")) +
                        glob.glob(os.path.join(ROOT, "out", "*", "diff", "*.md"))):
            yield read(p)
        for unit in ("> ", "- ", "1. ", "**", "~~", "[", "* ", "    "):
            yield (unit * 2000 + "正文\n").encode()
    elif name == "diff":
        for a in sections:
            for b in sections:
                yield read(a) + NUL + read(b)
        for a in bad_files()[:20]:
            if sections:
                yield read(sections[0]) + NUL + read(a)
    regress = os.path.join(HERE, "regress", name)
    for p in sorted(glob.glob(os.path.join(regress, "*"))):
        yield read(p)


def write_seeds(name):
    d = os.path.join(FUZZ, "seed", name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    n = 0
    for i, data in enumerate(seeds(name)):
        with open(os.path.join(d, f"{i:04d}"), "wb") as f:
            f.write(data)
        n += 1
    return d, n


def dict_args(name):
    p = os.path.join(HERE, name + ".dict")
    return ["-dict=" + p] if os.path.exists(p) else []


# Longest input per harness: a page of Markdown is enough for every
# typesetting rule, and keeps the slowest harness fast.
MAX_LEN = {"typeset": 4096, "markdown": 256 << 10, "docx": 256 << 10}


def run_one(name, seconds):
    seed, nseeds = write_seeds(name)
    corpus = os.path.join(FUZZ, "corpus", name)
    crash = os.path.join(FUZZ, "crash", name)
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(crash, exist_ok=True)
    binary = os.path.join(FUZZ, "fuzz_" + name)
    log = os.path.join(FUZZ, name + ".log")
    cmd = [binary, f"-max_total_time={seconds}", "-timeout=25", "-rss_limit_mb=2560",
           "-max_len=%d" % MAX_LEN.get(name, 65536), "-print_final_stats=1",
           "-artifact_prefix=" + crash + "/"] + dict_args(name) + [corpus, seed]
    env = dict(os.environ, SHUZHI_ROOT=ROOT,
               ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1",
               UBSAN_OPTIONS="print_stacktrace=1")
    with open(log, "wb") as f:
        p = subprocess.run(cmd, cwd=ROOT, stdout=f, stderr=subprocess.STDOUT, env=env)
    text = read(log).decode("utf-8", "replace")
    execs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", text)
    cov = re.findall(r"cov: (\d+) ft: (\d+)", text)
    stats = {"execs": int(execs[-1]) if execs else 0,
             "cov": int(cov[-1][0]) if cov else 0,
             "ft": int(cov[-1][1]) if cov else 0}
    ok = p.returncode == 0
    print(f"fuzz_{name}: {seconds} s, {nseeds} seeds, {stats['execs']} executions, "
          f"cov: {stats['cov']} ft: {stats['ft']}" + ("" if ok else
          f" -- FAILED (exit {p.returncode}); see {os.path.relpath(log, ROOT)} "
          f"and {os.path.relpath(crash, ROOT)}/"))
    if not ok:
        tail = [l for l in text.splitlines() if "ERROR" in l or "SUMMARY" in l][:5]
        for l in tail:
            print("    " + l)
    sys.stdout.flush()
    return ok


def main():
    args = sys.argv[1:]
    seconds = 60
    only_seeds = False
    names = []
    i = 0
    while i < len(args):
        if args[i] == "--seconds":
            seconds = int(args[i + 1])
            i += 2
            continue
        if args[i] == "--seeds-only":
            only_seeds = True
        else:
            names.append(args[i])
        i += 1
    failed = 0
    for name in names:
        if only_seeds:
            d, n = write_seeds(name)
            print(f"{os.path.relpath(d, ROOT)}: {n} seeds")
        elif not run_one(name, seconds):
            failed += 1
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
