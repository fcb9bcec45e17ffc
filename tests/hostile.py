"""hostile.py: hostile input to every command, beyond what tests/bad/ (build
only) can say.  Each case is one of the second round of attacks (issue 14):

  1  Markdown nested 60,000 deep (block quotes, lists, emphasis) typesets;
  2  a link to a file outside the content folder, committed to git, is
     refused by diff and its text never printed;
  3  a FIFO as typeset's input, an import source, a file of a folder diff
     compares, or template's data: refused at once, never waited on;
  4  a .docx with a DOCTYPE (entity expansion in document.xml, in
     styles.xml; an external entity) is refused, quickly, in bounded memory;
  5  a flood of findings: at most DIAG_MAX_SHOWN (50) printed per rule and
     file, then one note with the count of the rest; and a diff of 1,500
     paragraphs all rewritten (it compared every pair, again and again),
     and a template of loops within loops that print nothing;
  6  an import that fails (disk full) leaves no folder or file behind;
  7  temporary outputs: a stale one is removed by the next build, and a
     typeset killed by SIGTERM or SIGINT while writing leaves none;
  9  typeset's output that is its input, or a FIFO or device (/dev/null),
     is refused;
 10  an unreadable section names its cause; a file name holding a line
     feed cannot print a forged diagnostic line; a missing content folder
     exits 2 from build as from diff.

Every command here runs within ENVELOPE: it must exit (not by a signal,
status below 128) within 5 s and 1 GiB of address space, as the issue asks
of every input.  Under sanitizers or valgrind (SHUZHI_WRAP) the time is
multiplied and the memory not limited (their shadow memory needs more).
"""
import os
import re
import resource
import shlex
import shutil
import signal
import stat
import subprocess
import tempfile
import time
import zipfile

from lib import write

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SECONDS = 5
MEMORY = 1 << 30
MAX_SHOWN = 50
REPORT = "unit: 市统计局\nyear: 2021\nsections:\n  - 1.yaml\n"
SECTION = "title: 工作情况\nitems:\n  - lead: 抓好学习。\n    body: 全年组织学习十二次。\n"


class Env:
    def __init__(self, ctx, tmp):
        self.ctx = ctx
        self.tmp = tmp
        self.wrap = shlex.split(os.environ.get("SHUZHI_WRAP", ""))
        slow = bool(self.wrap) or "/san/" in ctx.shuzhi
        self.seconds = SECONDS * (20 if slow else 1)
        self.memory = None if slow else MEMORY

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def run(self, name, args, cwd=None, fsize=None, stdin=None, prefix=()):
        """Run shuzhi args within the envelope; records a failure when outside it."""
        mem = self.memory

        def limits():
            if mem is not None:
                resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
            if fsize is not None:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        start = time.monotonic()
        try:
            p = subprocess.run(list(prefix) + self.wrap + [self.ctx.shuzhi] + args,
                               cwd=cwd or self.ctx.root,
                               capture_output=True, text=True, errors="replace",
                               timeout=self.seconds * 4, preexec_fn=limits,
                               stdin=subprocess.DEVNULL if stdin is None else stdin)
        except subprocess.TimeoutExpired:
            self.ctx.result(f"{name}: finishes", False, f"still running after {self.seconds * 4} s")
            return None
        took = time.monotonic() - start
        self.ctx.result(f"{name}: exits by itself below 128 within {self.seconds} s"
                        f"{'' if mem is None else ' and 1 GiB'}",
                        0 <= p.returncode < 128 and took < self.seconds,
                        f"exit {p.returncode} after {took:.2f} s\n     " +
                        "\n     ".join(p.stderr.splitlines()[-8:]))
        return p

    def content(self, name, section=SECTION, report=REPORT):
        d = self.path(name)
        os.makedirs(d)
        write(os.path.join(d, "report.yaml"), report)
        write(os.path.join(d, "1.yaml"), section)
        return d


def first_error(p):
    lines = [l for l in (p.stderr + p.stdout).splitlines() if ": error: " in l]
    return lines[0] if lines else ""


def expect(ctx, name, p, status, pattern):
    """p exited with status and an error line matching pattern (a regex)."""
    if p is None:
        return
    line = first_error(p)
    ctx.result(f"{name}: exit {status}, {pattern}",
               p.returncode == status and re.search(pattern, line) is not None,
               f"exit {p.returncode}; first error: {line or '-'}")


# --- 1. Deep nesting ------------------------------------------------------------

def deep_markdown(env):
    for name, text in [("block quotes", ">" * 60000 + " 正文\n"),
                       ("bullet lists", "- " * 60000 + "正文\n"),
                       ("ordered lists", "1. " * 30000 + "正文\n"),
                       ("emphasis", "**" * 30000 + "正文" + "**" * 30000 + "\n"),
                       ("links", "[" * 30000 + "正文" + "](#ins)" * 30000 + "\n")]:
        md = env.path("deep.md")
        pdf = env.path("deep.pdf")
        write(md, text)
        p = env.run(f"typeset: {name} nested 30,000-60,000 deep", ["typeset", md, "-o", pdf])
        if p is not None:
            env.ctx.result(f"typeset: {name} nested deep: a PDF with the text",
                           p.returncode == 0 and os.path.exists(pdf),
                           f"exit {p.returncode}: {p.stderr[-300:]}")
        if os.path.exists(pdf):
            os.remove(pdf)


# --- 2. A link out of the folder, from git ------------------------------------

def git(env, cwd, *args):
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
                          cwd=cwd, capture_output=True, text=True)


def git_link(env):
    repo = env.path("repo")
    os.makedirs(repo)
    secret = env.path("secret.txt")
    write(secret, "root:SECRET-HASH:19000:0:99999:7:::\n")
    git(env, repo, "init", "-q")
    c = os.path.join(repo, "content", "2021")
    os.makedirs(c)
    write(os.path.join(c, "report.yaml"), REPORT)
    write(os.path.join(c, "1.yaml"), SECTION)
    git(env, repo, "add", ".")
    git(env, repo, "commit", "-qm", "one")
    os.remove(os.path.join(c, "1.yaml"))
    os.symlink(secret, os.path.join(c, "1.yaml"))
    git(env, repo, "add", "-A")
    if git(env, repo, "commit", "-qm", "two").returncode != 0:
        env.ctx.result("diff: git set up", False, "git commit failed")
        return
    p = env.run("diff: a link to a file outside, committed to git",
                ["diff", "HEAD~1:content/2021", "HEAD:content/2021", "-o", env.path("d-out"),
                 "--no-pdf"], cwd=repo)
    expect(env.ctx, "diff: link out of the folder in git", p, 2,
           "拒绝读取：这是指向内容文件夹以外（.*secret.txt）的符号链接")
    if p is not None:
        env.ctx.result("diff: nothing of the file outside is printed",
                       "SECRET-HASH" not in p.stderr + p.stdout, p.stderr[-400:])


# --- 3. FIFOs -------------------------------------------------------------------

def fifos(env):
    fifo = env.path("pipe")
    os.mkfifo(fifo)
    pattern = "无法读取：这不是普通文件，而是一个命名管道（FIFO）"
    p = env.run("typeset: a FIFO as input", ["typeset", fifo, "-o", env.path("f.pdf")])
    expect(env.ctx, "typeset: a FIFO as input", p, 2, pattern)
    p = env.run("import: a FIFO as source", ["import", fifo, "-o", env.path("f-import")])
    expect(env.ctx, "import: a FIFO as source", p, 2, pattern)
    p = env.run("template: a FIFO as data", ["template", os.path.join(env.ctx.root,
                "templates", "section.mustache"), fifo])
    expect(env.ctx, "template: a FIFO as data", p, 2, pattern)
    d = env.content("f-content")
    os.remove(os.path.join(d, "1.yaml"))
    os.mkfifo(os.path.join(d, "1.yaml"))
    p = env.run("diff: a FIFO in a folder compared",
                ["diff", d, env.content("f-other"), "-o", env.path("f-diff"), "--no-pdf"])
    expect(env.ctx, "diff: a FIFO in a folder compared", p, 2, pattern)


# --- 4. .docx with a DOCTYPE ------------------------------------------------------

def docx(path, document, styles=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
                   'ContentType="application/xml"/></Types>')
        z.writestr("word/document.xml", document)
        if styles is not None:
            z.writestr("word/styles.xml", styles)


def document(body, head=""):
    paras = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in body)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{head}'
            f'<w:document xmlns:w="{W_NS}"><w:body>{paras}</w:body></w:document>')


def docx_entities(env):
    plain = ["XXX镇党委2020年度述职报告", "一、提高认识", "一是统一思想。全年学习十二次。"]
    cases = {
        # 50 KB of one entity, used 20,000 times: 1 GB of text
        "entity expansion in document.xml":
            (document(plain + ["&a;" * 20000],
                      '<!DOCTYPE w:document [<!ENTITY a "' + "字" * 16000 + '">]>\n'), None,
             "word/document.xml 中有 DOCTYPE 声明"),
        "entity expansion in styles.xml":
            (document(plain),
             f'<?xml version="1.0"?>\n<!DOCTYPE w:styles [<!ENTITY a "{"x" * 50000}">]>\n'
             f'<w:styles xmlns:w="{W_NS}">' + "".join(
                 f'<w:style w:type="paragraph" w:styleId="s{i}"><w:name w:val="&a;"/>'
                 '</w:style>' for i in range(2000)) + "</w:styles>",
             "word/styles.xml 中有 DOCTYPE 声明"),
        "an external entity":
            (document(plain + ["&e;"], '<!DOCTYPE w:document [<!ENTITY e SYSTEM '
                      '"file:///etc/passwd">]>\n'), None, "word/document.xml 中有 DOCTYPE 声明"),
    }
    for name, (doc, styles, pattern) in cases.items():
        src = env.path("bomb.docx")
        out = env.path("bomb-out")
        docx(src, doc, styles)
        p = env.run(f"import: .docx with {name}", ["import", src, "-o", out, "--year", "2020"])
        expect(env.ctx, f"import: .docx with {name}", p, 1, pattern)
        env.ctx.result(f"import: .docx with {name}: nothing written", not os.path.exists(out),
                       str(os.listdir(out)) if os.path.isdir(out) else "a file")
        shutil.rmtree(out, ignore_errors=True)


# --- 5. A flood of findings ----------------------------------------------------------

def flood(env):
    d = env.content("flood", SECTION.replace("全年组织学习十二次。", "字," * 40000))
    p = env.run("check: 40,000 findings of one rule in one paragraph", ["check", d])
    if p is None:
        return
    shown = [l for l in p.stdout.splitlines() if "[punct.fullwidth]" in l and ": error: " in l]
    note = [l for l in p.stdout.splitlines() if ": note: " in l and "[punct.fullwidth]" in l]
    env.ctx.result(f"check: {MAX_SHOWN} findings shown, then one note with the count of the rest",
                   len(shown) == MAX_SHOWN and len(note) == 1 and
                   f"还有 {40000 - MAX_SHOWN} 处同类问题" in note[0],
                   f"{len(shown)} shown; note: {note[:1]}")
    env.ctx.result("check: every finding still counted",
                   "40000 个错误" in p.stderr, p.stderr[-200:])
    rules = env.path("flood-rules")
    os.makedirs(rules)
    write(os.path.join(rules, "one.yaml"), "- id: zi\n  kind: pattern\n  level: warning\n"
          "  message: 字“%s”\n  source: 测试\n  scope: all\n  pattern: '字'\n")
    d = env.content("flood2", SECTION.replace("全年组织学习十二次。", "字" * 100000))
    p = env.run("check: a rule matching 100,000 times", ["check", d, "--rules", rules])
    if p is not None:
        shown = [l for l in p.stdout.splitlines() if "[zi]" in l and ": warning: " in l]
        env.ctx.result("check: 100,000 matches: 50 shown and a note", len(shown) == MAX_SHOWN and
                       "还有 99950 处同类问题" in p.stdout, f"{len(shown)} shown")


def rewritten(env):
    """Two versions of 1,500 paragraphs, every one rewritten: within the envelope."""
    import random
    r = random.Random(14)
    common = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工"
    for name in ("old", "new"):
        paras = "".join("  - " + "".join(r.choice(common) for _ in range(300)) + "。\n"
                        for _ in range(1500))
        env.content("r-" + name, "title: 工作情况\nparagraphs:\n" + paras)
    p = env.run("diff: 1,500 paragraphs, every one rewritten",
                ["diff", env.path("r-old"), env.path("r-new"), "-o", env.path("r-out"),
                 "--no-pdf"])
    if p is not None:
        env.ctx.result("diff: 1,500 rewritten paragraphs: a diff written", p.returncode == 0 and
                       os.path.exists(env.path("r-out", "diff.md")), p.stderr[-300:])


def template_loops(env):
    """Four loops of 1,000 within each other, printing nothing: 10^12 steps."""
    tpl = env.path("loops.mustache")
    data = env.path("loops.yaml")
    write(tpl, "{{#a}}{{#a}}{{#a}}{{#a}}{{/a}}{{/a}}{{/a}}{{/a}}")
    write(data, "a: [" + ", ".join(["1"] * 1000) + "]\n")
    p = env.run("template: loops within loops that print nothing", ["template", tpl, data])
    expect(env.ctx, "template: loops within loops", p, 1, "渲染超过了 2000 万步")


# --- 6. A failed import leaves nothing ------------------------------------------

def import_fails(env):
    src = env.path("ok.docx")
    docx(src, document(["XXX镇党委2020年度述职报告", "一、提高认识", "一是统一思想。全年学习十二次。"]))
    out = env.path("full", "sub", "2020")
    p = env.run("import: the disk is full", ["import", src, "-o", out, "--year", "2020"],
                fsize=200)
    if p is not None:
        env.ctx.result("import: the disk is full: an error, and no folder or file left",
                       p.returncode != 0 and not os.path.exists(out) and
                       os.listdir(os.path.dirname(out)) == [],
                       f"exit {p.returncode}; left: "
                       f"{os.listdir(os.path.dirname(out)) if os.path.exists(os.path.dirname(out)) else '-'}")
    empty = env.path("empty-target")
    os.makedirs(empty)
    p = env.run("import: into an empty folder, the disk full", ["import", src, "-o", empty,
                "--year", "2020"], fsize=200)
    if p is not None:
        env.ctx.result("import: the empty folder stays empty, nothing beside it",
                       os.path.isdir(empty) and os.listdir(empty) == [] and
                       sorted(n for n in os.listdir(env.tmp) if n.startswith("empty-target"))
                       == ["empty-target"], str(os.listdir(env.tmp)))
    p = env.run("import: into an empty folder", ["import", src, "-o", empty, "--year", "2020"])
    if p is not None:
        env.ctx.result("import: the folder written whole", p.returncode == 0 and
                       sorted(os.listdir(empty)) == ["1.yaml", "report.yaml"], p.stderr[-300:])


# --- 7. Temporary files ----------------------------------------------------------

TEMP = re.compile(r"\.tmp[A-Za-z0-9]{6}$")


def temps(env):
    d = env.content("t-content")
    out = env.path("t-out")
    os.makedirs(out)
    stale = os.path.join(out, "report.pdf.tmpAbC123")
    young = os.path.join(out, "report.md.tmpXyZ789")
    other = os.path.join(out, "notes.txt.tmpAbC123")
    write(stale, "half a PDF")
    write(young, "")
    write(other, "not ours")
    p = env.run("build: stale temporary files in the output folder", ["build", d, "-o", out])
    if p is not None:
        env.ctx.result("build: removes the temporary output a killed build left, keeps others",
                       p.returncode == 0 and not os.path.exists(stale) and
                       os.path.exists(young) and os.path.exists(other),
                       f"exit {p.returncode}; left: {sorted(os.listdir(out))}")
    # A long report, so that the PDF takes a while to write.
    md = env.path("long.md")
    with open(os.path.join(env.ctx.root, "tests", "typeset", "report-2020.md"),
              encoding="utf-8") as f:
        text = f.read()
    write(md, text + ("\n\n" + text.split("\n\n", 3)[-1]) * 60)
    for sig in (signal.SIGTERM, signal.SIGINT):
        killed(env, md, sig)


def killed(env, md, sig):
    """Kill a typeset the moment its temporary file appears (a few tries)."""
    name = signal.Signals(sig).name
    if env.wrap:
        return
    for attempt in range(12):
        out = env.path(f"k-{name}-{attempt}")
        os.makedirs(out)
        pdf = os.path.join(out, "long.pdf")
        p = subprocess.Popen([env.ctx.shuzhi, "typeset", md, "-o", pdf],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + env.seconds * 4
        seen = False
        while p.poll() is None and time.monotonic() < deadline:
            if any(TEMP.search(n) for n in os.listdir(out)):
                p.send_signal(sig)
                seen = True
                break
        rc = p.wait()
        if seen and rc == -sig:
            left = [n for n in os.listdir(out) if TEMP.search(n)]
            env.ctx.result(f"typeset killed by {name} while writing: no temporary file left",
                           left == [], f"left: {left} (try {attempt + 1})")
            return
    env.ctx.note(f"typeset: never caught writing in 12 tries ({name}): not checked")


# --- 9. Output is input -----------------------------------------------------------

def output_is_input(env):
    md = env.path("a.md")
    write(md, "# 标题\n\n正文。\n")
    before = open(md, "rb").read()
    p = env.run("typeset: a.md -o a.md", ["typeset", md, "-o", md])
    expect(env.ctx, "typeset: a.md -o a.md", p, 2, "输出的 PDF 会覆盖输入文件")
    env.ctx.result("typeset: a.md -o a.md leaves a.md as it was", open(md, "rb").read() == before)
    # A device or FIFO in the output's place (/dev/null, for root) is not replaced.
    fifo = env.path("out.pdf")
    os.mkfifo(fifo)
    write(md, "# 标题\n\n正文。\n")  # the old binary wrote a PDF over it
    p = env.run("typeset: -o a FIFO", ["typeset", md, "-o", fifo])
    expect(env.ctx, "typeset: -o a FIFO", p, 2, "无法写入：这里是一个命名管道（FIFO），不是普通文件")
    env.ctx.result("typeset: -o a FIFO leaves the FIFO", stat.S_ISFIFO(os.lstat(fifo).st_mode))


# --- 10. True causes ------------------------------------------------------------------

def true_causes(env):
    d = env.content("c-perm", report=REPORT + "  - 2.yaml\n")
    write(os.path.join(d, "2.yaml"), SECTION)
    os.chmod(os.path.join(d, "2.yaml"), 0)
    prefix = ()
    rules = os.path.join(env.ctx.root, "rules")
    if os.geteuid() == 0:
        # root reads anything: read as nobody (the folders on the way opened to all;
        # the rules copied there, as the checkout may sit in a folder only root opens)
        prefix = (shutil.which("setpriv") or "setpriv", "--reuid=65534", "--regid=65534",
                  "--clear-groups")
        for path in (os.path.dirname(env.tmp), env.tmp, d):
            os.chmod(path, 0o755)
        rules = shutil.copytree(rules, env.path("c-perm-rules"))
    if prefix and shutil.which("setpriv") is None:
        env.ctx.note("unreadable file: running as root without setpriv, not checked")
    else:
        p = env.run("check: a section without read permission",
                    ["check", d, "--rules", rules], prefix=prefix)
        expect(env.ctx, "check: a section without read permission", p, 1,
               re.escape(os.path.join(d, "2.yaml")) + ": error: 无法打开文件：没有读取它的权限")
    d = env.content("c-newline")
    write(os.path.join(d, "x\nforged.yaml:1:1: error: 伪造的诊断.yaml"), "title: x\n")
    p = env.run("check: a file name with a line feed", ["check", d])
    if p is not None:
        out = p.stdout + p.stderr
        env.ctx.result("check: a line feed in a file name cannot forge a diagnostic line",
                       not any(l.startswith("forged.yaml:1:1:") for l in out.splitlines()) and
                       '"' + d + '/x\\nforged.yaml:1:1: error:' in out, out[-400:])
    missing = env.path("no-such-folder")
    b = env.run("build: a content folder that does not exist", ["build", missing, "-o",
                env.path("m-out")])
    f = env.run("diff: a content folder that does not exist", ["diff", missing,
                env.content("m-other"), "-o", env.path("m-diff")])
    if b is not None and f is not None:
        env.ctx.result("a content folder that does not exist: exit 2 from build as from diff",
                       b.returncode == 2 and f.returncode == 2,
                       f"build {b.returncode}, diff {f.returncode}")


def run(ctx):
    tmp = tempfile.mkdtemp(prefix="shuzhi-hostile-")
    old_tmp = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = tmp
    try:
        for case in (deep_markdown, git_link, fifos, docx_entities, flood, rewritten, template_loops,
                     import_fails, temps,
                     output_is_input, true_causes):
            sub = os.path.join(tmp, case.__name__)
            os.makedirs(sub)
            case(Env(ctx, sub))
    finally:
        if old_tmp is None:
            del os.environ["TMPDIR"]
        else:
            os.environ["TMPDIR"] = old_tmp
        shutil.rmtree(tmp, ignore_errors=True)
