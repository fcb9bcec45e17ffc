"""cli.py: one option table for every command, and what people type by mistake.

Each command's options come from one table (generator/cli/cmdtable.c):
its --help lists them; shuzhi.1 must document the same options, in the
command's synopsis and under the command; README's 命令 section must be
`shuzhi --help`'s list of commands, line for line.  Options take their
value as --rules=DIR or --rules DIR in every command; watch takes build's
options and passes them on; build, fonts, diff and typeset find the
default style the same way.  A mistyped command or option gets the one
most likely meant (a swapped pair of letters is one edit); `shuzhi help`
exits 0; `build DIR` without -o says what is missing.
"""
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

from lib import shuzhi

OPTION = re.compile(r"^  (-[-a-z]+|-[a-z])(?: (\S+))?(?:, (-[-a-z]+))?\s")


def commands(ctx):
    """The commands shuzhi --help lists, in order."""
    out = shuzhi(ctx, "--help").stdout
    return re.findall(r"^  shuzhi ([a-z]+)", out, re.M)


def options(ctx, cmd):
    """The options `shuzhi CMD --help` lists (without -h/--help)."""
    p = shuzhi(ctx, cmd, "--help")
    found = []
    for line in p.stdout.splitlines():
        m = OPTION.match(line)
        if m and m.group(1) not in ("-h",):
            found.append(m.group(1))
    return p, found


def man_blocks(text):
    """Per command: its SYNOPSIS lines and its DESCRIPTION entry."""
    syn = text[text.index(".Sh SYNOPSIS"):text.index(".Sh DESCRIPTION")]
    desc = text[text.index(".Sh DESCRIPTION"):text.index(".Sh ENVIRONMENT")]
    synopsis, entries = {}, {}
    for part in syn.split(".Nm\n")[1:]:
        m = re.match(r"\.Cm ([a-z]+)", part)
        if m:
            synopsis[m.group(1)] = synopsis.get(m.group(1), "") + part
    for m in re.finditer(r"^\.It Cm ([a-z]+)(.*?)(?=^\.It Cm |\Z)", desc, re.M | re.S):
        entries[m.group(1)] = m.group(2)
    return synopsis, entries


def man_flags(block):
    """-o, --rules ... named in a block of mdoc."""
    found = set()
    for m in re.finditer(r"\bFl (-?[-a-z]+)((?: \| [-a-z]+)*)", block):
        found.add("-" + m.group(1))
        for alt in re.findall(r"\| ([-a-z]+)", m.group(2)):
            found.add("-" + alt)
    return found


def test_table(ctx):
    cmds = commands(ctx)
    ctx.result("shuzhi --help lists the commands", len(cmds) >= 12, str(cmds))
    with open(os.path.join(ctx.root, "shuzhi.1"), encoding="utf-8") as f:
        synopsis, entries = man_blocks(f.read())
    for cmd in cmds:
        p, opts = options(ctx, cmd)
        h = shuzhi(ctx, "help", cmd)
        ctx.result(f"{cmd} --help exits 0 and is shuzhi help {cmd}", p.returncode == 0 and h.returncode == 0
                   and p.stdout == h.stdout and p.stdout.startswith("用法：shuzhi " + cmd), p.stderr[-300:])
        syn = man_flags(synopsis.get(cmd, ""))
        entry = entries.get(cmd, "")
        same = re.search(r"选项与\n\.Cm ([a-z]+)\n相同", entry)
        described = man_flags(entry) | (man_flags(entries.get(same.group(1), "")) if same else set())
        aliases = set(re.findall(r", (-[a-z]\b)", p.stdout))
        ctx.result(f"shuzhi.1: {cmd}'s synopsis has exactly its options",
                   set(opts) | aliases == syn - {"-h", "--help", "--version"},
                   f"table {sorted(set(opts) | aliases)} vs manual {sorted(syn)}")
        ctx.result(f"shuzhi.1: every option of {cmd} is described", set(opts) <= described,
                   "missing: " + ", ".join(sorted(set(opts) - described)))
    # README's 命令 section is shuzhi --help's list of commands.
    out = shuzhi(ctx, "--help").stdout
    block = out[out.index("命令：\n") + 4:out.index("\n\n", out.index("命令：\n"))]
    with open(os.path.join(ctx.root, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    sect = readme[readme.index("## 命令"):]
    code = re.search(r"```\n(.*?)\n```", sect, re.S)
    ctx.result("README's 命令 section is shuzhi --help's command list, line for line",
               code is not None and code.group(1) == block,
               "\n".join(l for l in block.splitlines() if code and l not in code.group(1).splitlines())[:600])


def test_mistakes(ctx, tmp):
    p = shuzhi(ctx, "help")
    ctx.result("shuzhi help exits 0 and lists the commands", p.returncode == 0 and "shuzhi build" in p.stdout,
               p.stderr[-200:])
    p = shuzhi(ctx, "biuld", "content/2020")
    ctx.result("shuzhi biuld: exit 2, did you mean build", p.returncode == 2 and "“build”" in p.stderr,
               p.stderr[-300:])
    p = shuzhi(ctx, "help", "fxi")
    ctx.result("shuzhi help fxi: exit 2, did you mean fix", p.returncode == 2 and "“fix”" in p.stderr,
               p.stderr[-300:])
    p = shuzhi(ctx, "build", "content/2020", "-o", os.path.join(tmp, "o"), "--stirct")
    ctx.result("build --stirct: exit 2, did you mean --strict", p.returncode == 2 and "“--strict”" in p.stderr,
               p.stderr[-300:])
    p = shuzhi(ctx, "build", "content/2020")
    first = p.stderr.splitlines()[0] if p.stderr else ""
    ctx.result("build content/2020 without -o says -o OUT_DIR is missing, with an example",
               p.returncode == 2 and "-o OUT_DIR" in first and "例如：shuzhi build content/" in first, first)
    p = shuzhi(ctx, "check", "content/2020", "--format=yaml")
    ctx.result("a value not among an option's choices: exit 2, the choices named",
               p.returncode == 2 and "text|json|sarif" in p.stderr, p.stderr[-300:])


def test_rules_everywhere(ctx, tmp):
    """--rules=DIR and --rules DIR in every command that reads rules."""
    missing = os.path.join(tmp, "no-rules-here")
    out = os.path.join(tmp, "r-out")
    cases = [("build", ["content/2020", "-o", out]), ("check", ["content/2020"]),
             ("fix", ["content/2020", "--dry-run"])]
    for cmd, args in cases:
        for form in (["--rules=" + missing], ["--rules", missing]):
            p = shuzhi(ctx, cmd, *args, *form)
            ctx.result(f"{cmd} {form[0].split('=')[0]}{'=' if len(form) == 1 else ' '}DIR reads that folder",
                       p.returncode == 2 and missing in p.stderr + p.stdout, (p.stdout + p.stderr)[-300:])


def test_same_style(ctx, tmp):
    """A templates/ without style.yaml in the current folder: every command
    that lays out a PDF looks for templates/style.yaml there, and says so."""
    top = os.path.join(tmp, "nostyle")
    os.makedirs(os.path.join(top, "templates"))
    for name in os.listdir(os.path.join(ctx.root, "templates")):
        if name != "style.yaml":
            shutil.copy(os.path.join(ctx.root, "templates", name), os.path.join(top, "templates"))
    content = os.path.join(ctx.root, "content", "2020")
    md = os.path.join(tmp, "nostyle.md")
    with open(md, "w", encoding="utf-8") as f:
        f.write("# 标题\n\n正文。\n")
    runs = {
        "build": shuzhi(ctx, "build", content, "-o", os.path.join(top, "out"), "--no-check", cwd=top),
        "fonts": shuzhi(ctx, "fonts", cwd=top),
        "typeset": shuzhi(ctx, "typeset", md, "-o", os.path.join(top, "x.pdf"), cwd=top),
    }
    for cmd, p in runs.items():
        ctx.result(f"{cmd} takes templates/style.yaml of the current folder as the default style",
                   p.returncode != 0 and re.search(r"^templates/style\.yaml: error", p.stderr, re.M),
                   (p.stdout + p.stderr)[-300:])


def test_watch(ctx, tmp):
    """watch --rules=DIR --strict: the rules folder it uses is the one watched,
    and --strict is passed on to every build."""
    top = os.path.join(tmp, "w")
    content = os.path.join(top, "content")
    rules = os.path.join(top, "myrules")
    shutil.copytree(os.path.join(ctx.root, "content", "2020"), content)
    shutil.copytree(os.path.join(ctx.root, "rules"), rules)
    out = os.path.join(top, "out")
    proc = subprocess.Popen([ctx.shuzhi, "watch", content, "-o", out, "--rules=" + rules, "--strict"],
                            cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    try:
        start = time.monotonic()
        while time.monotonic() - start < 60:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "没有更新" in line or "已更新" in line:
                break
        text = "".join(lines)
        ctx.result("watch --rules=DIR watches that folder", "正在监视" in text and rules in text, text[-500:])
        ctx.result("watch --strict: the sample's placeholder warnings stop the build",
                   "没有更新" in text and not os.path.exists(os.path.join(out, "report.pdf")), text[-500:])
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()


def run(ctx):
    tmp = tempfile.mkdtemp(prefix="shuzhi-cli-")
    try:
        test_table(ctx)
        test_mistakes(ctx, tmp)
        test_rules_everywhere(ctx, tmp)
        test_same_style(ctx, tmp)
        test_watch(ctx, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
