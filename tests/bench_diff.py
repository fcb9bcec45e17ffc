#!/usr/bin/env python3
"""bench_diff.py: time `shuzhi diff` on two versions of a generated 2,000-item report.

    python3 tests/bench_diff.py [SHUZHI] [--items N] [--limit SECONDS] [--pdf] [--no-ids]

The report has 10 parts of 4 subsections each; half of the items have an id
(none with --no-ids: every item is then matched by its text).
The second version edits about 5 % of the items (a fact's number, a sentence
inserted, one deleted, characters replaced), moves 1 % to another part,
reorders a few, removes and adds 1 %, and renames one subsection.  Prints
the best of three runs of the diff (diff.md and diff.json; with --pdf also
diff.pdf) and exits 1 when it is over the limit (1 s by default).
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

PHRASES = [
    "坚持党管武装", "加强国防教育", "落实民兵整组", "扎实开展训练", "强化战备意识",
    "完善工作机制", "推进规范化建设", "做好征兵工作", "提高应急能力", "严格教育管理",
    "深化军民融合", "保障经费投入", "健全责任体系", "抓好队伍建设", "营造良好氛围",
    "开展专题学习", "组织集中宣誓", "落实议军制度", "强化督导检查", "提升保障水平",
]
MARKS = ["，", "，", "，", "。", "；"]


def sentence(rnd, n=None):
    n = n or rnd.randint(3, 6)
    parts = []
    for i in range(n):
        parts.append(rnd.choice(PHRASES))
        parts.append(rnd.choice(MARKS) if i < n - 1 else "。")
    return "".join(parts)


def make_items(rnd, count):
    items = []
    for k in range(count):
        it = {
            "id": f"item-{k:05d}" if k % 2 == 0 else None,
            "lead": rnd.choice(PHRASES) + f"第{k}项工作。",
            "facts": {"人数": f"{rnd.randint(10, 900)}余名"},
            "body": [sentence(rnd) for _ in range(rnd.randint(2, 4))],
        }
        it["body"].insert(1, "全镇共计{{人数}}民兵参与。")
        items.append(it)
    return items


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(folder, parts):
    os.makedirs(folder, exist_ok=True)
    files = []
    for p, (title, subs) in enumerate(parts):
        name = f"{p + 1:02d}.yaml"
        files.append(name)
        out = [f"title: {q(title)}", "sections:"]
        for st, items in subs:
            out.append(f"  - title: {q(st)}")
            out.append("    items:")
            for it in items:
                lines = []
                if it["id"]:
                    lines.append(f"id: {it['id']}")
                lines.append(f"lead: {q(it['lead'])}")
                lines.append("facts:")
                for k, v in it["facts"].items():
                    lines.append(f"  {k}: {q(v)}")
                lines.append(f"body: {q(''.join(it['body']))}")
                out.append("      - " + lines[0])
                out.extend("        " + l for l in lines[1:])
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write("\n".join(out) + "\n")
    with open(os.path.join(folder, "report.yaml"), "w", encoding="utf-8") as f:
        f.write("unit: XXX镇党委\nyear: 2020\ntopic: 党管武装工作\nopening:\n  - 现将述职如下。\n"
                "sections:\n" + "".join(f"  - {n}\n" for n in files) +
                "closing:\n  - 以上报告，请审议。\n")


def generate(n_items, root, ids=True):
    rnd = random.Random(20201230)
    items = make_items(rnd, n_items)
    if not ids:
        for it in items:
            it["id"] = None
    nparts, nsubs = 10, 4
    per = n_items // (nparts * nsubs)
    parts = []
    for p in range(nparts):
        subs = []
        for s in range(nsubs):
            start = (p * nsubs + s) * per
            end = n_items if (p == nparts - 1 and s == nsubs - 1) else start + per
            subs.append((f"{rnd.choice(PHRASES)}之{p}-{s}", items[start:end]))
        parts.append((f"{rnd.choice(PHRASES)}，{rnd.choice(PHRASES)}（{p}）", subs))
    write(os.path.join(root, "old"), parts)

    # The new version.
    import copy
    new = copy.deepcopy(parts)
    flat = [(p, s, i) for p in range(nparts) for s in range(nsubs)
            for i in range(len(new[p][1][s][1]))]
    picks = rnd.sample(flat, len(flat) // 20)
    for p, s, i in picks:
        it = new[p][1][s][1][i]
        kind = rnd.randrange(4)
        if kind == 0:
            it["facts"]["人数"] = f"{rnd.randint(10, 900)}余名"
        elif kind == 1:
            it["body"].insert(rnd.randrange(len(it["body"]) + 1), sentence(rnd))
        elif kind == 2 and len(it["body"]) > 2:
            del it["body"][-1]
        else:
            b = it["body"][0]
            k = rnd.randrange(max(1, len(b) - 4))
            it["body"][0] = b[:k] + "切实" + b[k + 2:]
    # moves to another part, removals, additions
    for _ in range(n_items // 100):
        p, s = rnd.randrange(nparts), rnd.randrange(nsubs)
        lst = new[p][1][s][1]
        if lst:
            it = lst.pop(rnd.randrange(len(lst)))
            new[(p + 3) % nparts][1][rnd.randrange(nsubs)][1].insert(0, it)
    for _ in range(n_items // 100):
        lst = new[rnd.randrange(nparts)][1][rnd.randrange(nsubs)][1]
        if lst:
            lst.pop(rnd.randrange(len(lst)))
    extra = make_items(random.Random(7), n_items // 100)
    for k, it in enumerate(extra):
        it["id"] = f"new-{k:04d}" if ids else None
        new[rnd.randrange(nparts)][1][rnd.randrange(nsubs)][1].append(it)
    for _ in range(5):
        lst = new[rnd.randrange(nparts)][1][rnd.randrange(nsubs)][1]
        if len(lst) > 3:
            lst.insert(0, lst.pop())
    t, subs = new[2]
    subs[1] = ("重新命名的小节", subs[1][1])
    write(os.path.join(root, "new"), new)


def main():
    args = sys.argv[1:]
    shuzhi = "build/shuzhi"
    n_items, limit, pdf, ids = 2000, 1.0, False, True
    i = 0
    while i < len(args):
        if args[i] == "--items":
            n_items = int(args[i + 1]); i += 2
        elif args[i] == "--limit":
            limit = float(args[i + 1]); i += 2
        elif args[i] == "--pdf":
            pdf = True; i += 1
        elif args[i] == "--no-ids":
            ids = False; i += 1
        else:
            shuzhi = args[i]; i += 1
    shuzhi = os.path.abspath(shuzhi)
    root = tempfile.mkdtemp(prefix="shuzhi-bench-")
    try:
        generate(n_items, root, ids)
        cmd = [shuzhi, "diff", os.path.join(root, "old"), os.path.join(root, "new"),
               "-o", os.path.join(root, "out")] + ([] if pdf else ["--no-pdf"])
        best = None
        for _ in range(3):
            t0 = time.perf_counter()
            p = subprocess.run(cmd, capture_output=True, text=True)
            dt = time.perf_counter() - t0
            if p.returncode != 0:
                print(f"shuzhi diff failed ({p.returncode}):\n{p.stderr[-2000:]}")
                return 2
            best = dt if best is None else min(best, dt)
        summary = [l for l in p.stdout.splitlines() if l.startswith("合计")]
        what = "diff.md, diff.json" + (", diff.pdf" if pdf else "") + ("" if ids else ", no ids")
        print(f"diff of two {n_items}-item reports ({what}): {best:.3f} s, best of 3"
              f" (limit {limit:g} s)")
        if summary:
            print("  " + summary[0])
        return 0 if best <= limit else 1
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
