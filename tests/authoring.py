"""authoring.py: starting a new year (shuzhi new), rebuilding on save (shuzhi watch),
a report repository of one's own (make install, shuzhi init).

new: on a copy of content/, `shuzhi new 2021` gives the same files and
leads, placeholders for every paragraph, the year advanced, the date
cleared, files the schema accepts and the pipeline builds; it never
overwrites a folder.  watch: after an edit to a content file the PDF is
rebuilt within a second; mistakes are printed and leave the PDF alone.
"""
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time

import schema
from lib import read, shuzhi

PLACEHOLDERS = ("[待补充]", "XXX", "XX", "某某")


def lines_of(text, key):
    """The values of every `key:` line (item leads, titles...)."""
    return re.findall(r"^\s*(?:- )?" + key + r": (.*)$", text, re.M)


def run(ctx):
    tmp = tempfile.mkdtemp(prefix="shuzhi-authoring-")
    try:
        test_new(ctx, tmp)
        test_watch(ctx, tmp)
        test_install(ctx, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_install(ctx, tmp):
    """make install under a prefix other than the one compiled in: the installed
    shuzhi finds its data and shuzhi-import from where it is."""
    prefix = os.path.join(tmp, "prefix")
    # The build folder of this run (build/san under SANITIZE=1), so that make
    # finds everything up to date and installs the programs under test.
    build = os.environ.get("BUILD", "build")
    # -o: never remake the programs under test (they may be another tree's).
    keep = ["-o", ctx.shuzhi] + [x for name in ("shuzhi-import", "shuzhi-docx")
                                 for x in ("-o", os.path.join(os.path.dirname(ctx.shuzhi), name))]
    p = subprocess.run(["make", "-s", "install", "PREFIX=" + prefix, "BIN=" + ctx.shuzhi,
                        "BUILD=" + build] + keep + (["SANITIZE=1"] if "san" in build else []),
                       cwd=ctx.root, capture_output=True, text=True, timeout=120)
    ctx.result("make install under another prefix", p.returncode == 0, p.stderr[-600:])
    want = ["bin/shuzhi", "libexec/shuzhi/shuzhi-import", "libexec/shuzhi/shuzhi-docx",
            "share/shuzhi/templates/report.md.mustache",
            "share/shuzhi/fonts/fonts.yaml", "share/shuzhi/rules", "share/man/man1/shuzhi.1",
            "share/shuzhi/report.mk", "share/shuzhi/.gitattributes", "share/shuzhi/content/2020/report.yaml"]
    missing = [w for w in want if not os.path.exists(os.path.join(prefix, w))]
    ctx.result("it installs the program, shuzhi-import, shuzhi-docx, the data and the manual", not missing,
               ", ".join(missing))
    exe = os.path.join(prefix, "bin", "shuzhi")
    elsewhere = os.path.join(tmp, "elsewhere")
    os.makedirs(elsewhere, exist_ok=True)
    out = os.path.join(elsewhere, "out")
    b = subprocess.run([exe, "build", os.path.join(ctx.root, "content", "2020"), "-o", out],
                       cwd=elsewhere, capture_output=True, text=True, timeout=60)
    ctx.result("the installed shuzhi builds from another folder (its templates, fonts and rules), "
               "the .docx by the installed shuzhi-docx",
               b.returncode == 0 and os.path.exists(os.path.join(out, "report.pdf"))
               and os.path.exists(os.path.join(out, "report.docx")), b.stderr[-600:])
    test_report_repo(ctx, tmp, exe)
    test_clone_anywhere(ctx, tmp)
    shared = os.environ.get("SHUZHI_SHARED", os.path.join(os.path.dirname(ctx.root), "shared"))
    ref = os.path.join(shared, "reference", "2020-duty-report.txt")
    if os.path.exists(ref):
        imp = os.path.join(elsewhere, "imported")
        i = subprocess.run([exe, "import", ref, "-o", imp, "--year", "2020"],
                           cwd=elsewhere, capture_output=True, text=True, timeout=60)
        ctx.result("the installed shuzhi import runs shuzhi-import and checks with the installed rules",
                   i.returncode == 0 and os.path.exists(os.path.join(imp, "report.yaml"))
                   and "punct.fullwidth" in i.stdout + i.stderr and "没有找到规则" not in i.stdout + i.stderr,
                   (i.stdout + i.stderr)[-600:])


def git_env(tmp):
    return dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
                GIT_COMMITTER_EMAIL="t@t", GIT_CONFIG_NOSYSTEM="1", HOME=tmp)


def test_report_repo(ctx, tmp, exe):
    """shuzhi init DIR with the installed shuzhi: make there builds, checks,
    keeps the last good report when the content is wrong, uses a font
    dropped into DIR/fonts/, starts new years, diffs against git."""
    repo = os.path.join(tmp, "my-reports")
    p = subprocess.run([exe, "init", repo], cwd=tmp, capture_output=True, text=True, timeout=60)
    ctx.result("shuzhi init DIR (installed) exits 0", p.returncode == 0, p.stderr[-600:])
    if p.returncode != 0:
        return
    made = ["Makefile", ".gitignore", ".gitattributes", "README.md", "content.schema.json",
            "fonts/fonts.yaml", "content/2020/report.yaml", "content/2020/1-zhidu.yaml"]
    ctx.result("init makes the Makefile, git files, schema, fonts/fonts.yaml and a sample year",
               all(os.path.exists(os.path.join(repo, m)) for m in made),
               str([m for m in made if not os.path.exists(os.path.join(repo, m))]))
    ctx.result("the Makefile runs the installed shuzhi", f"SHUZHI = {exe}\n" in read(os.path.join(repo, "Makefile")))
    first = read(os.path.join(repo, "content", "2020", "1-zhidu.yaml")).split("\n")[0]
    ref = first.split("$schema=")[-1]
    ctx.result("the schema comment of the sample resolves in DIR",
               os.path.exists(os.path.join(repo, "content", "2020", ref)), first)
    p = subprocess.run([exe, "init", repo], cwd=tmp, capture_output=True, text=True, timeout=60)
    ctx.result("init refuses a folder that is not empty (exit 2)", p.returncode == 2, p.stderr[-300:])

    def make(*args):
        return subprocess.run(["make", *args], cwd=repo, capture_output=True, text=True, timeout=300,
                              env=git_env(tmp))
    m = make()
    pdf, md = os.path.join(repo, "out", "2020", "report.pdf"), os.path.join(repo, "out", "2020", "report.md")
    ctx.result("cd DIR && make builds out/2020/report.pdf", m.returncode == 0 and os.path.exists(pdf),
               (m.stdout + m.stderr)[-600:])
    if m.returncode != 0:
        return
    ctx.result("make is quiet: one line for the report, not the command",
               "  REPORT out/2020/report.pdf" in m.stdout and "shuzhi build" not in m.stdout, m.stdout[-300:])
    ctx.result("make V=1 shows the command", "build content/2020 -o out/2020" in
               make("-B", "V=1", "out/2020/report.pdf").stdout)
    m = make("check")
    ctx.result("make check in DIR checks the content (warnings only: exit 0)",
               m.returncode == 0 and "placeholder" in m.stdout + m.stderr, (m.stdout + m.stderr)[-300:])

    # A mistake: make fails, and both outputs stay as they were.
    docx = os.path.join(repo, "out", "2020", "report.docx")
    before = {f: (open(f, "rb").read(), os.stat(f).st_mtime_ns) for f in (pdf, md, docx)}
    section = os.path.join(repo, "content", "2020", "1-zhidu.yaml")
    good = read(section)
    with open(section, "w", encoding="utf-8") as f:
        f.write(good.replace("    lead: 统一思想，提高站位。", "    lead：统一思想，提高站位。"))
    m = make()
    ctx.result("make with a mistake in the content exits non-zero, the mistake at its line",
               m.returncode != 0 and re.search(r"1-zhidu\.yaml:7:9: error: “lead”后面用了全角冒号", m.stderr),
               m.stderr[-400:])
    ctx.result("make with a mistake leaves report.md, .pdf and .docx as they were",
               all(os.path.exists(f) and (open(f, "rb").read(), os.stat(f).st_mtime_ns) == before[f]
                   for f in (pdf, md, docx)) and "Deleting" not in m.stderr, m.stderr[-300:])
    p = subprocess.run([exe, "fix", "content/2020"], cwd=repo, capture_output=True, text=True, timeout=60)
    ctx.result("shuzhi fix repairs the full-width colon: the file is as before",
               read(section) == good, p.stdout[-300:] + p.stderr[-300:])

    # A licensed font dropped into DIR/fonts/ is used.
    font = "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"
    if os.path.exists(font):
        shutil.copy(font, os.path.join(repo, "fonts", "simfang.ttf"))
        f = subprocess.run([exe, "fonts"], cwd=repo, capture_output=True, text=True, timeout=60)
        ctx.result("a font dropped into DIR/fonts/: shuzhi fonts there says it is used",
                   f.returncode == 0 and re.search(r"fonts/simfang\.ttf", f.stdout) is not None
                   and "fonts/fonts.yaml" in f.stdout, f.stdout[-600:] + f.stderr[-300:])
        m = make()
        fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
        ctx.result("make rebuilds with it: the PDF embeds the dropped font",
                   m.returncode == 0 and "LXGW" in fonts, fonts[-400:] + m.stderr[-300:])
        os.remove(os.path.join(repo, "fonts", "simfang.ttf"))

    # A new year, with last year's words kept.
    m = make("new", "YEAR=2021", "KEEP=1")
    new = os.path.join(repo, "content", "2021", "3-zhongdian.yaml")
    ctx.result("make new YEAR=2021 KEEP=1 in DIR keeps last year's words and facts",
               m.returncode == 0 and os.path.exists(new) and "执勤民兵: 120余名" in read(new)
               and "[待补充]" not in read(new), (m.stdout + m.stderr)[-400:])

    # git: make git-setup and make diff.
    env = git_env(tmp)
    g = lambda *a: subprocess.run(["git", *a], cwd=repo, env=env, capture_output=True, text=True,
                                   errors="replace")
    g("init", "-q")
    g("add", ".")
    g("commit", "-qm", "one")
    m = make("git-setup")
    ctx.result("make git-setup in DIR", m.returncode == 0 and
               g("config", "--local", "--get", "diff.cjk.wordregex").stdout.strip() != "", m.stderr[-300:])
    with open(section, "w", encoding="utf-8") as f:
        f.write(good.replace("统一思想，提高站位。", "统一思想，提高政治站位。"))
    m = make("diff")
    ctx.result("make diff in DIR writes out/2020/diff/diff.md",
               m.returncode == 0 and "政治" in read(os.path.join(repo, "out", "2020", "diff", "diff.md")),
               (m.stdout + m.stderr)[-400:])
    ctx.result(".gitignore keeps out/ and fonts out of git", "out/" not in g("status", "--porcelain").stdout)

    # new in a folder of no years starts from the installed sample.
    empty = os.path.join(tmp, "empty-repo")
    os.makedirs(os.path.join(empty, "content"))
    p = subprocess.run([exe, "new", "2022"], cwd=empty, capture_output=True, text=True, timeout=60)
    ctx.result("new 2022 with no year yet starts from the installed sample",
               p.returncode == 0 and os.path.exists(os.path.join(empty, "content", "2022", "report.yaml")),
               p.stdout[-300:] + p.stderr[-300:])


def test_clone_anywhere(ctx, tmp):
    """The clone's build/shuzhi finds the clone's templates, fonts and rules from any folder."""
    where = os.path.join(tmp, "somewhere")
    os.makedirs(where, exist_ok=True)
    out = os.path.join(where, "out")
    b = subprocess.run([ctx.shuzhi, "build", os.path.join(ctx.root, "content", "2020"), "-o", out],
                       cwd=where, capture_output=True, text=True, timeout=120)
    ctx.result("the clone's build/shuzhi builds from another folder, with the clone's rules",
               b.returncode == 0 and os.path.exists(os.path.join(out, "report.pdf"))
               and "[placeholder]" in b.stderr, b.stderr[-400:])


def test_new(ctx, tmp):
    # A copy of the repository's layout: content/ beside content.schema.json.
    repo = os.path.join(tmp, "repo")
    content = os.path.join(repo, "content")
    os.makedirs(content)
    shutil.copytree(os.path.join(ctx.root, "content", "2020"), os.path.join(content, "2020"))
    shutil.copy(os.path.join(ctx.root, "content.schema.json"), repo)
    old = os.path.join(content, "2020")
    new = os.path.join(content, "2021")

    p = shuzhi(ctx, "new", "2021", "--content", content)
    ctx.result("shuzhi new 2021 succeeds", p.returncode == 0, p.stderr[-800:])
    if p.returncode != 0:
        return
    names = sorted(os.listdir(old))
    ctx.result("the same files as the year before", sorted(os.listdir(new)) == names,
               str(os.listdir(new)))
    docs = []
    for name in names:
        was, now = read(os.path.join(old, name)), read(os.path.join(new, name))
        docs.append((f"2021/{name}", now))
        ctx.result(f"{name}: starts with the schema modeline", now.startswith(schema.MODELINE + "\n"))
        ctx.result(f"{name}: titles and item leads kept as prompts",
                   lines_of(now, "lead") == lines_of(was, "lead") and
                   lines_of(now, "title") == lines_of(was, "title"),
                   f"{lines_of(now, 'lead')} vs {lines_of(was, 'lead')}")
        bodies = lines_of(now, "body")
        ctx.result(f"{name}: every body is a placeholder",
                   len(bodies) == len(lines_of(was, "body")) and all(b == '"[待补充]"' for b in bodies),
                   str(bodies))
        ctx.result(f"{name}: fields explained in comments", now.count("\n# ") >= 2)
        # No sentence of last year's prose survives (leads and titles aside).
        body = "\n".join(l for l in was.splitlines() if not l.lstrip().startswith("#"))
        prose = [b for b in re.findall(r"[^\s#:：\"]{12,}", body) if b not in "".join(
            lines_of(was, "lead") + lines_of(was, "title")) and "。" in b]
        ctx.result(f"{name}: last year's paragraphs are gone", prose and not any(b in now for b in prose),
                   str([b for b in prose if b in now][:2]))
    report = read(os.path.join(new, "report.yaml"))
    ctx.result("report.yaml: year advanced to 2021", lines_of(report, "year") == ["2021"],
               str(lines_of(report, "year")))
    ctx.result("report.yaml: no date set", not lines_of(report, "date"))
    ctx.result("report.yaml: opening and closing are placeholders",
               re.search(r"^opening:\n(  - \"\[待补充\]\"\n)+", report, re.M) is not None and
               re.search(r"^closing:\n(  - \"\[待补充\]\"\n)+", report, re.M) is not None)

    if schema.validator_python() is not None:
        err, res = schema.validate(os.path.join(ctx.root, "content.schema.json"), docs)
        for name, _ in docs:
            ctx.result(f"schema accepts the new {name}", res.get(name) == [], str(res.get(name)))

    # The new year builds, and the checker finds only placeholders.
    out = os.path.join(tmp, "out", "2021")
    b = shuzhi(ctx, "build", new, "-o", out, timeout=120)
    ctx.result("the new year builds", b.returncode == 0 and os.path.exists(os.path.join(out, "report.pdf")),
               f"exit {b.returncode}: {b.stderr[-800:]}")
    if b.returncode == 0:
        md = read(os.path.join(out, "report.md"))
        ctx.result("the built report has last year's leads and this year's title",
                   "统一思想，提高站位" in md and "2021年度" in md, md[:300])
    if re.search(r'\{\s*"check"\s*,', read(os.path.join(ctx.root, "generator", "cli", "main.c"))):
        c = shuzhi(ctx, "check", new, timeout=120)
        diags = [l for l in c.stderr.splitlines() + c.stdout.splitlines()
                 if re.match(r"^[^ ].*?:\d+:\d+: (error|warning): ", l)]
        others = []
        for line in diags:
            m = re.match(r"^(.*?):(\d+):(\d+): (error|warning): ", line)
            src = read(m.group(1)).splitlines()[int(m.group(2)) - 1] if os.path.exists(m.group(1)) else ""
            if m.group(4) == "error" or not any(ph in src for ph in PLACEHOLDERS):
                others.append(line)
        # Once the rule pack has the placeholder rule, the placeholders must show.
        rules = os.path.join(ctx.root, "rules")
        flagged = any("待补充" in read(os.path.join(rules, f)) for f in os.listdir(rules)
                      if f.endswith(".yaml")) if os.path.isdir(rules) else False
        ctx.result("shuzhi check on the new year: only placeholder warnings",
                   c.returncode == 0 and not others and (diags or not flagged),
                   f"exit {c.returncode}; {len(diags)} diagnostics; " + "\n".join(others[:5]))

    # Never over an existing folder; mistakes in use are usage errors.
    before = {n: read(os.path.join(new, n)) for n in os.listdir(new)}
    p = shuzhi(ctx, "new", "2021", "--content", content)
    ctx.result("an existing folder is refused (exit 2)", p.returncode == 2 and "已经存在" in p.stderr, p.stderr)
    ctx.result("the existing folder is untouched",
               {n: read(os.path.join(new, n)) for n in os.listdir(new)} == before)
    p = shuzhi(ctx, "new", "2019", "--content", content)
    ctx.result("no earlier year: exit 2 with a hint", p.returncode == 2 and "--from" in p.stderr and
               not os.path.exists(os.path.join(content, "2019")), p.stderr)
    p = shuzhi(ctx, "new", "二〇二二", "--content", content)
    ctx.result("a year that is not four digits: exit 2", p.returncode == 2)

    # The default source is the latest year before the new one; --from picks another.
    p = shuzhi(ctx, "new", "2023", "--content", content)
    ctx.result("new 2023 starts from 2021, the latest before it",
               p.returncode == 0 and "2021" in read(os.path.join(content, "2023", "report.yaml")).split("\n")[3],
               p.stdout + p.stderr)
    ctx.result("a new year made from a new year keeps one note, not two",
               read(os.path.join(content, "2023", "report.yaml")).count("由 shuzhi new") == 1)
    p = shuzhi(ctx, "new", "2022", "--from", "2020", "--content", content)
    ctx.result("--from 2020 is used", p.returncode == 0 and "2020" in p.stdout, p.stdout + p.stderr)

    # --keep-text: last year's words and facts kept as written; the report
    # reads word for word as last year's but for the year.
    p = shuzhi(ctx, "new", "2026", "--from", "2020", "--content", content, "--keep-text")
    kept = os.path.join(content, "2026")
    ctx.result("new --keep-text succeeds", p.returncode == 0, p.stderr[-500:])
    if p.returncode == 0:
        texts = {n: read(os.path.join(kept, n)) for n in os.listdir(kept)}
        ctx.result("--keep-text: no placeholder written", not any("[待补充]" in t for t in texts.values()))
        ctx.result("--keep-text: facts kept as a map with last year's values",
                   "\n    facts:\n      执勤民兵: 120余名" in texts["3-zhongdian.yaml"])
        ctx.result("--keep-text: a folded body stays folded over the same lines",
                   "    body: >-\n      多措并举，扩大征兵工作宣传覆盖面，营造征兵工作浓厚氛围。\n      通过挂横幅"
                   in texts["3-zhongdian.yaml"])
        ctx.result("--keep-text: a paragraph naming 2020 is flagged above it",
                   re.search(r"# 去年的文字，其中有“2020”.*\n  - 根据要求，现将2020年度", texts["report.yaml"])
                   is not None, texts["report.yaml"][-800:])
        outs = {}
        for y, d in (("2020", old), ("2026", kept)):
            b = shuzhi(ctx, "build", d, "-o", os.path.join(tmp, "keep-out", y), "--no-check", timeout=120)
            outs[y] = read(os.path.join(tmp, "keep-out", y, "report.md")) if b.returncode == 0 else None
        ctx.result("--keep-text: the new year's report is last year's word for word but the year",
                   outs["2026"] is not None and outs["2026"].replace("2026", "2020") == outs["2020"])

    # Content with errors is not a starting point (exit 1, nothing made).
    broken = os.path.join(content, "2024")
    shutil.copytree(old, broken)
    with open(os.path.join(broken, "1-zhidu.yaml"), "a", encoding="utf-8") as f:
        f.write("titel: x\n")
    p = shuzhi(ctx, "new", "2025", "--content", content)
    ctx.result("errors in the previous year: exit 1 and no folder",
               p.returncode == 1 and "titel" in p.stderr and not os.path.exists(os.path.join(content, "2025")),
               p.stderr[-500:])


class Output:
    """Collects a process's output lines in a thread."""

    def __init__(self, stream):
        self.lines = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream):
        for line in stream:
            with self.lock:
                self.lines.append(line.rstrip("\n"))

    def text(self):
        with self.lock:
            return "\n".join(self.lines)


def wait_for(cond, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.01)
    return cond()


def test_watch(ctx, tmp):
    # A checkout of its own (templates, rules, font settings), so that
    # nothing else touching the repository starts a build.
    top = os.path.join(tmp, "watch")
    content = os.path.join(top, "content")
    out = os.path.join(top, "out")
    shutil.copytree(os.path.join(ctx.root, "content", "2020"), content)
    shutil.copytree(os.path.join(ctx.root, "templates"), os.path.join(top, "templates"))
    if os.path.isdir(os.path.join(ctx.root, "rules")):
        shutil.copytree(os.path.join(ctx.root, "rules"), os.path.join(top, "rules"))
    os.makedirs(os.path.join(top, "fonts"))
    shutil.copy(os.path.join(ctx.root, "fonts", "fonts.yaml"), os.path.join(top, "fonts"))
    pdf, md = os.path.join(out, "report.pdf"), os.path.join(out, "report.md")
    sanitized = "san" in os.environ.get("BUILD", "")
    limit = 3.0 if sanitized else 1.0

    proc = subprocess.Popen([ctx.shuzhi, "watch", content, "-o", out], cwd=top, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    log = Output(proc.stdout)
    try:
        ok = wait_for(lambda: os.path.exists(pdf), 60)
        ctx.result("watch builds the report at the start", ok, log.text()[-800:])
        if not ok:
            return
        section = os.path.join(content, "1-zhidu.yaml")
        wait_for(lambda: "已更新" in log.text(), 10)
        updates = log.text().count("已更新")

        def edit(old, new, how="in place"):
            text = read(section).replace(old, new, 1)
            if how == "in place":
                with open(section, "w", encoding="utf-8") as f:
                    f.write(text)
            else:   # as vim does: write a new file, then rename it over the old one
                with open(section + ".new", "w", encoding="utf-8") as f:
                    f.write(text)
                os.replace(section + ".new", section)

        for how, phrase in (("in place", "统一思想，提高站位，再提高。"), ("by rename", "统一思想，站位更高。")):
            ino = os.stat(pdf).st_ino
            prev = read(section)
            start = time.monotonic()
            edit(lines_of(prev, "lead")[0], phrase, how)
            done = wait_for(lambda: phrase.rstrip("。") in read(md) and os.stat(pdf).st_ino != ino, 10)
            took = time.monotonic() - start
            ctx.result(f"an edit saved {how} rebuilds the PDF within {limit:g} s",
                       done and took <= limit, f"{took:.2f} s; " + log.text()[-600:])
            wait_for(lambda: log.text().count("已更新") >= updates + 1, 10)
            updates = log.text().count("已更新")

        # A file of another kind in the folder is no reason to rebuild.
        n = len(log.lines)
        with open(os.path.join(content, "notes.txt"), "w") as f:
            f.write("x\n")
        time.sleep(0.4)
        ctx.result("a file that is not YAML changes nothing", len(log.lines) == n, log.text()[-300:])

        # A mistake: the diagnostic is printed and the PDF stays as it was.
        ino = os.stat(pdf).st_ino
        n = len(log.lines)
        with open(section, "a", encoding="utf-8") as f:
            f.write("titel: x\n")
        shown = wait_for(lambda: "未知的键“titel”" in "\n".join(log.lines[n:]) and
                         "没有更新" in "\n".join(log.lines[n:]), 10)
        ctx.result("a mistake is printed with its position", shown and
                   re.search(r"1-zhidu\.yaml:\d+:1: error: ", log.text()) is not None, log.text()[-600:])
        ctx.result("after a mistake the PDF is left as it was", os.stat(pdf).st_ino == ino)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            rc = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            rc = proc.wait()
        log.thread.join(timeout=2)
    ctx.result("Ctrl-C ends watch with exit 0", rc == 0, f"exit {rc}")
    p = subprocess.run([ctx.shuzhi, "watch", os.path.join(tmp, "nowhere"), "-o", out], cwd=ctx.root,
                       capture_output=True, text=True, timeout=20)
    ctx.result("watch on a missing folder: exit 2", p.returncode == 2, p.stderr)
