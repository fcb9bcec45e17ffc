"""fix_replay.py: `shuzhi fix` changes only what `shuzhi check` reported.

Replayed on every content folder there is: content/<year>, the content
folders under tests/ that load (tests/fix/*/content, tests/layout/*,
tests/bad/*/content), and the imports of the texts in tests/import/ and
../shared/ (corpus and reference).  For each one:
  - every byte fix changes lies inside a span check reported (its
    --format=json line:column to end_line:end_column), and every change
    fix lists is at the place and under the rule of a reported finding;
  - a second fix changes nothing;
  - check afterwards reports no error;
  - no run-in title loses its closing mark, no single dash "—" (a
    connector) is touched.
tests/fix/<case>/expected/ holds the files a case must have after fix.
Then the file itself: fix keeps a file's mode and owner, writes through a
symbolic link to the file it names (the link stays a link), refuses a
file with other hard links, and --dry-run writes nothing.
"""
import difflib
import os
import re
import shutil
import stat
import tempfile

from lib import check_json, sh

FIX_LINE = re.compile(r"^(.*?):(\d+):(\d+): .* \[([^\]]+)\]$")


def offsets(text):
    """Character offset of the start of each line (1-based lines)."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def snapshot(folder):
    out = {}
    for n in sorted(os.listdir(folder)):
        p = os.path.join(folder, n)
        if os.path.isfile(p):
            with open(p, "rb") as f:
                out[n] = f.read()
    return out


def union(spans):
    """Spans [a, b) merged where they touch or overlap."""
    out = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out


def outside_spans(old, new, spans):
    """Changes of old -> new (characters) not inside the spans [a, b)."""
    bad = []
    spans = union(spans)
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        if not any(a <= i1 and i2 <= b for a, b in spans):
            bad.append(f"{op} {old[max(0, i1 - 8):i2 + 8]!r} -> {new[j1:j2]!r}")
    return bad


def replay(ctx, label, folder, extra=None):
    rc, diags = check_json(ctx, folder)
    if diags is None or any(d["rule"] is None and d["level"] == "error" for d in diags):
        return False        # does not load: a bad input, nothing to fix
    before = snapshot(folder)
    spans, places = {}, set()
    for d in diags:
        if d.get("end_line"):
            spans.setdefault(os.path.basename(d["file"]), []).append(
                ((d["line"], d["column"]), (d["end_line"], d["end_column"])))
        if d["file"]:
            end = (d["end_line"], d["end_column"]) if d.get("end_line") else (d["line"], d["column"] + 1)
            places.add((os.path.basename(d["file"]), (d["line"], d["column"]), end, d["rule"]))
    p = sh([ctx.shuzhi, "fix", folder], cwd=ctx.root)
    ctx.result(f"{label}: fix exits 0 or 1", p.returncode in (0, 1), p.stderr[-500:])
    after = snapshot(folder)

    outside, changed = [], 0
    for name, data in after.items():
        if before.get(name) == data:
            continue
        changed += 1
        old, new = before[name].decode("utf-8"), data.decode("utf-8")
        starts = offsets(old)
        sp = [(starts[a[0] - 1] + a[1] - 1, starts[b[0] - 1] + b[1] - 1)
              for a, b in spans.get(name, [])]
        outside += [f"{name}: {x}" for x in outside_spans(old, new, sp)]
    ctx.result(f"{label}: every byte fix changed lies in a span check reported "
               f"({changed} files changed)", not outside, "; ".join(outside[:5]))
    listed = [FIX_LINE.match(l) for l in p.stdout.splitlines()]
    listed = [(os.path.basename(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(4))
              for m in listed if m]
    # One finding per mistake: a pair of brackets is one finding, two edits inside its span.
    unreported = [x for x in listed
                  if not any(f == x[0] and r == x[3] and a <= (x[1], x[2]) < b for f, a, b, r in places)]
    ctx.result(f"{label}: each of fix's {len(listed)} changes lies in a finding of check under "
               f"that rule (line:col within its span)", not unreported, str(unreported[:5]))

    q = sh([ctx.shuzhi, "fix", folder], cwd=ctx.root)
    ctx.result(f"{label}: a second fix changes nothing",
               snapshot(folder) == after and "没有可以自动修改的地方" in q.stdout, q.stdout[-400:])
    rc, diags = check_json(ctx, folder)
    errs = [f"{d['line']}:{d['column']} {d['rule']}" for d in diags or [] if d["level"] == "error"]
    ctx.result(f"{label}: check after fix reports no error", rc == 0 and not errs, str(errs[:5]))

    # What fix must never touch.
    for name, data in after.items():
        old, new = before[name].decode("utf-8"), data.decode("utf-8")
        runin = lambda t: re.findall(r"title: (.*[。！？])\n\s*run_in:", t)
        dashes = lambda t: len(re.findall(r"(?<!—)—(?!—)", t))
        if runin(old) != runin(new) or dashes(old) != dashes(new):
            ctx.result(f"{label}: {name}: run-in titles keep their mark, connector dashes stay",
                       False, f"{runin(old)} -> {runin(new)}; dashes {dashes(old)} -> {dashes(new)}")
    if extra is not None:
        extra(folder)
    return True


def import_into(ctx, src, opts, out):
    args = [ctx.shuzhi, "import", src, "-o", out] + list(opts)
    p = sh(args, cwd=ctx.root)
    if p.returncode == 1 and "--year" in p.stderr:
        shutil.rmtree(out, ignore_errors=True)
        p = sh(args + ["--year", "2025"], cwd=ctx.root)
    return p.returncode == 0


def texts(ctx):
    """(label, source, options) of every text to import."""
    out = []
    base = os.path.join(ctx.root, "tests", "import")
    for name in sorted(os.listdir(base)):
        src = os.path.join(base, name, "input.txt")
        if os.path.isfile(src):
            opts = []
            a = os.path.join(base, name, "args")
            if os.path.exists(a):
                with open(a, encoding="utf-8") as f:
                    opts = [l.rstrip("\n") for l in f if l.strip()]
            out.append(("import/" + name, src, opts))
    for sub in ("corpus", "reference"):
        d = os.path.join(ctx.shared, sub)
        if os.path.isdir(d):
            for name in sorted(os.listdir(d)):
                if name.endswith(".txt"):
                    out.append((f"{sub}/{name[:-4]}", os.path.join(d, name), []))
    return out


def folders(ctx):
    """(label, content folder, expected folder or None) already in the repository."""
    out = []
    for year in sorted(os.listdir(os.path.join(ctx.root, "content"))):
        out.append(("content/" + year, os.path.join(ctx.root, "content", year), None))
    for sub in ("fix", "layout", "bad"):
        base = os.path.join(ctx.root, "tests", sub)
        if not os.path.isdir(base):
            continue
        for name in sorted(os.listdir(base)):
            for cand in (os.path.join(base, name, "content"), os.path.join(base, name)):
                if os.path.isfile(os.path.join(cand, "report.yaml")):
                    exp = os.path.join(base, name, "expected")
                    out.append((f"tests/{sub}/{name}", cand, exp if os.path.isdir(exp) else None))
                    break
    return out


def file_safety(ctx, tmp):
    """Mode, owner, symbolic link, hard link, --dry-run."""
    src = os.path.join(ctx.root, "tests", "fix", "issue-examples", "content")
    d = os.path.join(tmp, "safety")
    shutil.copytree(src, d)
    # A link to a file kept in a folder of the content folder (one outside
    # it is refused by the loader: issue 14).
    elsewhere = os.path.join(d, "parts")
    os.makedirs(elsewhere)
    shutil.move(os.path.join(d, "1.yaml"), os.path.join(elsewhere, "1.yaml"))
    os.symlink(os.path.join("parts", "1.yaml"), os.path.join(d, "1.yaml"))
    rep = os.path.join(d, "report.yaml")
    os.chmod(rep, 0o600)
    root = os.geteuid() == 0
    if root:
        os.chown(rep, 65534, 65534)
    before = snapshot(d)
    p = sh([ctx.shuzhi, "fix", "--dry-run", d], cwd=ctx.root)
    ctx.result("fix --dry-run shows a diff and writes nothing",
               p.returncode == 0 and "+++ b/" in p.stdout and snapshot(d) == before, p.stderr[-300:])
    with open(os.path.join(elsewhere, "1.yaml"), "rb") as f:
        target_before = f.read()
    p = sh([ctx.shuzhi, "fix", d], cwd=ctx.root)
    st = os.stat(rep)
    ctx.result("fix keeps a 0600 file 0600", stat.S_IMODE(st.st_mode) == 0o600,
               oct(stat.S_IMODE(st.st_mode)) + p.stderr[-300:])
    if root:
        ctx.result("fix keeps the file's owner and group", (st.st_uid, st.st_gid) == (65534, 65534),
                   f"{st.st_uid}:{st.st_gid}")
    link = os.path.join(d, "1.yaml")
    with open(os.path.join(elsewhere, "1.yaml"), "rb") as f:
        target_after = f.read()
    ctx.result("fix writes through a symbolic link: the link stays, the file it names is fixed",
               os.path.islink(link) and target_after != target_before and
               "强化责任担当" in target_after.decode("utf-8") and
               not any(n.startswith("1.yaml.tmp") for n in os.listdir(elsewhere) + os.listdir(d)),
               str(os.listdir(d)))
    # A file with a second hard link is left alone, with a clear message.
    h = os.path.join(tmp, "hard")
    shutil.copytree(src, h)
    os.link(os.path.join(h, "1.yaml"), os.path.join(tmp, "1-hardlink.yaml"))
    before = snapshot(h)
    p = sh([ctx.shuzhi, "fix", h], cwd=ctx.root)
    ctx.result("fix refuses a file with another hard link (exit 2, message, file unchanged)",
               p.returncode == 2 and "硬链接" in p.stderr and
               snapshot(h)["1.yaml"] == before["1.yaml"], f"exit {p.returncode}: {p.stderr[-300:]}")


OVERLAP_RULES = """- id: test.a
  kind: substitution
  level: error
  message: a
  source: test
  swap:
    'ab': 'AB'
- id: test.b
  kind: substitution
  level: error
  message: b
  source: test
  swap:
    'b?c': 'C'
"""


def overlapping(ctx, tmp):
    """Two rules whose edits overlap: one fix still leaves nothing to do."""
    rules = os.path.join(tmp, "overlap-rules")
    os.makedirs(rules)
    with open(os.path.join(rules, "r.yaml"), "w", encoding="utf-8") as f:
        f.write(OVERLAP_RULES)
    d = os.path.join(tmp, "overlap")
    os.makedirs(d)
    with open(os.path.join(d, "report.yaml"), "w", encoding="utf-8") as f:
        f.write("unit: 某镇\nyear: 2020\nopening:\n  - 甲abc乙\nsections:\n  - 1.yaml\n")
    with open(os.path.join(d, "1.yaml"), "w", encoding="utf-8") as f:
        f.write("title: 标题\n")
    p = sh([ctx.shuzhi, "fix", d, "--rules", rules], cwd=ctx.root)
    q = sh([ctx.shuzhi, "fix", d, "--rules", rules], cwd=ctx.root)
    with open(os.path.join(d, "report.yaml"), encoding="utf-8") as f:
        text = f.read()
    ctx.result("overlapping edits: fix makes the second in another round; a second fix does nothing",
               "甲ABC乙" in text and "没有可以自动修改的地方" in q.stdout, p.stdout + q.stdout)


def run(ctx):
    tmp = tempfile.mkdtemp(prefix="shuzhi-fix-")
    try:
        n = 0
        for label, src, exp in folders(ctx):
            d = os.path.join(tmp, label.replace("/", "-"))
            shutil.copytree(src, d)

            def expected(folder, exp=exp, label=label):
                if exp is None:
                    return
                got, want = snapshot(folder), snapshot(exp)
                ctx.result(f"{label}: the files after fix are expected/", got == want,
                           str([k for k in want if got.get(k) != want[k]]))
            n += replay(ctx, label, d, expected)
        for label, src, opts in texts(ctx):
            d = os.path.join(tmp, label.replace("/", "-"))
            ok = import_into(ctx, src, opts, d)
            ctx.result(f"{label}: imports", ok)
            if ok:
                n += replay(ctx, label, d)
        ctx.note(f"fix replayed on {n} content folders")
        file_safety(ctx, tmp)
        overlapping(ctx, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
