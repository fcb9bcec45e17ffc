"""bad_input.py: every case under tests/bad/ must fail cleanly (or, for the
inputs that are only odd, build cleanly).

A case is a folder under tests/bad/ with:

  content/   the content folder given to "shuzhi build" (may hold no YAML)
  expect     line 1: the exact first line shuzhi writes to standard error,
             with $DIR standing for the content folder, $CASE for the case
             folder and $OUT for the output folder; "-" when nothing at all
             may be written there.
             line 2: "exit N", the exit status (0 ok, 1 content errors,
             2 usage or environment errors).

and optionally:

  args       further arguments of "shuzhi build", split at blanks; $CASE
             stands for the case folder (for --templates $CASE/templates,
             --fonts $CASE/fonts.yaml).
  generate   lines "NAME SIZE" or "NAME SIZE FROM": the case folder is
             copied to a temporary folder ($CASE and $DIR then name the
             copy) and NAME (relative to it) is made there: SIZE bytes of
             a YAML file of comment lines, or the first SIZE bytes of the
             file FROM (a truncated font).  For inputs too big, or not ours,
             to keep in git.  Also "NAME fifo" (a named pipe), "NAME dir",
             "NAME symlink TARGET" and "NAME repeat COUNT TEXT [TAIL]"
             (the file's text so far, if any, then TEXT COUNT times,
             then TAIL; both with Python's backslash escapes).
  setup      what is in the output place before the build, one "PATH file"
             or "PATH dir" a line, PATH relative to a temporary folder in
             which the output folder is "out" (shuzhi build ... -o out).
             Files hold "earlier output".  Without it: out/report.md and
             out/report.pdf are files.
  expect.md  (exit 0 only) the exact report.md the build must write.
  fsize      a number of bytes: no file shuzhi writes may grow beyond it
             (RLIMIT_FSIZE, with SIGXFSZ ignored, so that write() fails as
             on a full disk).

Every case runs within 1 GiB of address space (but under sanitizers or
valgrind).  A case that must fail (exit other than 0) must leave everything
of setup exactly as it was and write nothing else.  A case that must succeed must
replace out/report.md and out/report.pdf.  Every case must finish in
bounded time, and nothing may print a sanitizer or valgrind report.

With SHUZHI_WRAP set (make valgrind), each command runs under it.
"""
import os
import re
import resource
import shlex
import signal
import shutil
import subprocess
import tempfile

EARLIER = b"earlier output\n"
DEFAULT_SETUP = [("out/report.md", "file"), ("out/report.pdf", "file")]
# Sanitizers and valgrind prefix their reports with ==PID==; UBSan says
# "runtime error:".
TOOL_REPORT = re.compile(r"^==\d+==|runtime error:|AddressSanitizer|LeakSanitizer")


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def make_setup(tmp, setup):
    for rel, kind in setup:
        path = os.path.join(tmp, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if kind == "dir":
            os.makedirs(path, exist_ok=True)
        else:
            with open(path, "wb") as f:
                f.write(EARLIER)


def tree(top):
    """Every file and folder under top, relative, with "/" after folders."""
    out = []
    for d, dirs, files in os.walk(top):
        for name in dirs:
            out.append(os.path.relpath(os.path.join(d, name), top) + "/")
        for name in files:
            out.append(os.path.relpath(os.path.join(d, name), top))
    return sorted(out)


def unescape(s):
    return s.encode("ascii", "backslashreplace").decode("unicode_escape")


def generate(top, spec_lines):
    for line in spec_lines:
        if not line.strip() or line.startswith("#"):
            continue
        words = line.split()
        path = os.path.join(top, words[0])
        if os.path.lexists(path) and words[1] in ("fifo", "dir", "symlink"):
            os.remove(path)
        if words[1] == "fifo":
            os.mkfifo(path)
            continue
        if words[1] == "dir":
            os.makedirs(path, exist_ok=True)
            continue
        if words[1] == "symlink":
            os.symlink(words[2], path)
            continue
        if words[1] == "repeat":
            head = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
            tail = unescape(words[4]) if len(words) > 4 else ""
            with open(path, "w", encoding="utf-8") as f:
                f.write(head + unescape(words[3]) * int(words[2]) + tail)
            continue
        size = int(words[1])
        if len(words) > 2:
            with open(words[2], "rb") as src, open(path, "wb") as f:
                f.write(src.read(size))
            continue
        head = "title: 大文件\n".encode()
        chunk = b"# " + b"x" * 61 + b"\n"
        with open(path, "wb") as f:
            f.write(head)
            left = size - len(head)
            while left >= len(chunk):
                f.write(chunk)
                left -= len(chunk)
            f.write(b"#" * left)


def run_case(ctx, name, case, wrap, timeout):
    lines = read_lines(os.path.join(case, "expect"))
    rel_case = os.path.relpath(case, ctx.root)
    want_exit = int(lines[1].split()[1])
    tmp = tempfile.mkdtemp(prefix="shuzhi-bad-")
    try:
        if os.path.exists(os.path.join(case, "generate")):
            rel_case = os.path.join(tmp, "case")
            shutil.copytree(case, rel_case)
            generate(rel_case, read_lines(os.path.join(case, "generate")))
        content = os.path.join(rel_case, "content")
        want_line = lines[0].replace("$DIR", content).replace("$CASE", rel_case)
        setup = DEFAULT_SETUP
        if os.path.exists(os.path.join(case, "setup")):
            setup = [tuple(l.split()) for l in read_lines(os.path.join(case, "setup"))
                     if l.strip() and not l.startswith("#")]
        work = os.path.join(tmp, "work")
        os.makedirs(work)
        want_line = want_line.replace("$OUT", os.path.join(work, "out"))
        make_setup(work, setup)
        before = tree(work)
        args = []
        if os.path.exists(os.path.join(case, "args")):
            with open(os.path.join(case, "args"), encoding="utf-8") as f:
                args = [a.replace("$CASE", rel_case) for a in f.read().split()]
        cmd = wrap + [ctx.shuzhi, "build", content, "-o", os.path.join(work, "out")] + args
        limit = None
        if os.path.exists(os.path.join(case, "fsize")):
            with open(os.path.join(case, "fsize"), encoding="utf-8") as f:
                limit = int(f.read().split()[0])

        def preexec():
            # The envelope: 1 GiB (sanitizers and valgrind need more).
            if not wrap and "/san/" not in ctx.shuzhi:
                resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
            if limit is not None:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        try:
            p = subprocess.run(cmd, cwd=ctx.root, capture_output=True, text=True,
                               errors="replace", timeout=timeout, preexec_fn=preexec)
        except subprocess.TimeoutExpired:
            ctx.result(f"{name}: finishes in bounded time", False, f"over {timeout} s")
            return
        errlines = p.stderr.splitlines()
        reports = [l for l in errlines if TOOL_REPORT.search(l)]
        ctx.result(f"{name}: no crash, no sanitizer or valgrind report",
                   not reports and p.returncode >= 0,
                   f"exit {p.returncode}\n     " + "\n     ".join(errlines[-30:]))
        ours = [l for l in errlines if not TOOL_REPORT.search(l)]
        first = ours[0] if ours else "-"
        label = want_line.split(": error: ")[-1].split(": warning: ")[-1]
        ctx.result(f"{name}: {label}", first == want_line and p.returncode == want_exit,
                   f"exit {p.returncode}, want {want_exit}\n     got:  {first}\n"
                   f"     want: {want_line}")
        if want_exit != 0:
            kept = all(kind == "dir" and os.path.isdir(os.path.join(work, rel)) or
                       kind == "file" and open(os.path.join(work, rel), "rb").read() == EARLIER
                       for rel, kind in setup)
            ctx.result(f"{name}: earlier outputs untouched, nothing else written",
                       kept and tree(work) == before, f"{before} -> {tree(work)}")
            return
        out = os.path.join(work, "out")
        md = os.path.join(out, "report.md")
        pdf = os.path.join(out, "report.pdf")
        ok = os.path.isfile(md) and os.path.isfile(pdf) and \
            open(pdf, "rb").read(5) == b"%PDF-"
        detail = str(tree(work))
        want_md = os.path.join(case, "expect.md")
        if ok and os.path.exists(want_md):
            got, want = open(md, "rb").read(), open(want_md, "rb").read()
            ok = got == want
            detail = f"report.md differs from {os.path.relpath(want_md, ctx.root)}:\n" + \
                got.decode("utf-8", "replace")[:600]
        ctx.result(f"{name}: builds report.md and report.pdf", ok, detail)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(ctx):
    top = os.path.join(ctx.root, "tests", "bad")
    wrap = shlex.split(os.environ.get("SHUZHI_WRAP", ""))
    timeout = 600 if wrap else 20
    for name in sorted(os.listdir(top)):
        case = os.path.join(top, name)
        if os.path.isdir(case):
            run_case(ctx, name, case, wrap, timeout)
