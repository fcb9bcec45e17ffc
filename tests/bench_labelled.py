#!/usr/bin/env python3
"""bench_labelled.py: the rule pack on the labelled sentences, beside zhlint and autocorrect.

    python3 tests/bench_labelled.py [SHUZHI] [LABELLED.tsv ...]

Prints, for tests/rules/labelled.tsv (or the files given), how many wrong sentences each tool
flags (recall), how many it turns exactly into their corrected twins, and how many correct
sentences it flags (false alarms), overall and by class.  shuzhi's figures come from
`shuzhi rules test --format=json`.  zhlint and autocorrect are the general Chinese linters on
npm; they are run when installed where node finds them (NODE_PATH, or LINTERS=dir with a
node_modules folder; default build/lint):

    npm install --prefix build/lint zhlint autocorrect-node

A general linter cannot be asked for "its" class of mistake, so any report of one counts for it;
shuzhi is counted only when a rule of the labelled class reports the sentence.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

NODE_SCRIPT = r"""
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(Boolean).map(JSON.parse);
let zh = null, ac = null;
try { zh = require('zhlint'); } catch (e) {}
try { ac = require('autocorrect-node'); } catch (e) {}
const out = {zhlint: null, autocorrect: null};
if (zh) out.zhlint = lines.map(t => {
  try { const r = zh.run(t, { rules: { preset: 'default' } }); return [r.validations.length > 0 || r.result !== t, r.result]; }
  catch (e) { return [false, t]; }
});
if (ac) out.autocorrect = lines.map(t => {
  try { const r = ac.format(t); return [r !== t, r]; } catch (e) { return [false, t]; }
});
console.log(JSON.stringify(out));
"""


def shuzhi_results(shuzhi, files):
    p = subprocess.run([shuzhi, "rules", "test", "--format=json", *files], cwd=ROOT,
                       capture_output=True, text=True)
    return json.loads(p.stdout)


def other_tools(texts):
    """{tool: [(flagged, output)] or None}; None for all when node is missing."""
    env = dict(os.environ)
    lint = os.environ.get("LINTERS", os.path.join(ROOT, os.environ.get("BUILD", "build"), "lint"))
    paths = [os.path.join(lint, "node_modules")] + [x for x in env.get("NODE_PATH", "").split(":") if x]
    env["NODE_PATH"] = ":".join(paths)
    try:
        p = subprocess.run(["node", "-e", NODE_SCRIPT], input="\n".join(json.dumps(t) for t in texts),
                           capture_output=True, text=True, env=env, timeout=600)
        return json.loads(p.stdout)
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return {"zhlint": None, "autocorrect": None}


def family(cls):
    return cls.split(".")[0] if cls else ""


def main(argv):
    shuzhi = os.path.abspath(os.path.join(ROOT, "build", "shuzhi"))
    files = []
    for a in argv:
        if a.endswith(".tsv"):
            files.append(a)
        else:
            shuzhi = os.path.abspath(a)
    files = files or [os.path.join("tests", "rules", "labelled.tsv")]
    data = shuzhi_results(shuzhi, files)
    sents = data["sentences"]
    # The corrected twin of each wrong sentence: the correct sentence on the same line.
    twin = {(s["file"], s["line"]): s["text"] for s in sents if s["kind"] == "correct"}
    tools = other_tools([s["text"] for s in sents])
    rows = {"shuzhi": [(s["caught"] if s["kind"] == "wrong" else s["flagged"],
                        s.get("fixed", False)) for s in sents]}
    for name, res in tools.items():
        if res is None:
            continue
        rows[name] = [(flag, s["kind"] == "wrong" and output == twin.get((s["file"], s["line"])))
                      for s, (flag, output) in zip(sents, res)]

    print("Labelled sentences (%s): %d wrong beside their corrected twins, %d correct in all"
          % (", ".join(files), data["wrong"], data["correct"]))
    print()
    print("| tool | wrong flagged (recall) | fixed exactly | correct flagged (false alarms) |")
    print("|---|---|---|---|")
    for name, r in rows.items():
        w = [x for x, s in zip(r, sents) if s["kind"] == "wrong"]
        c = [x for x, s in zip(r, sents) if s["kind"] == "correct"]
        caught, fixed, flagged = sum(1 for f, _ in w if f), sum(1 for _, x in w if x), sum(1 for f, _ in c if f)
        print("| %s | %d of %d (%.1f%%) | %d (%.1f%%) | %d of %d (%.1f%%) |"
              % (name, caught, len(w), 100.0 * caught / max(len(w), 1), fixed, 100.0 * fixed / max(len(w), 1),
                 flagged, len(c), 100.0 * flagged / max(len(c), 1)))
    missing = [n for n, r in tools.items() if r is None]
    if missing:
        print()
        print("(not installed: %s; npm install --prefix build/lint zhlint autocorrect-node)" % ", ".join(missing))
    print()
    fams = sorted({family(s["class"]) for s in sents if s["kind"] == "wrong"})
    print("Recall by class of mistake:")
    print()
    print("| class | sentences | " + " | ".join(rows) + " |")
    print("|---|---|" + "---|" * len(rows))
    for fam in fams:
        idx = [i for i, s in enumerate(sents) if s["kind"] == "wrong" and family(s["class"]) == fam]
        print("| %s | %d | " % (fam, len(idx)) +
              " | ".join("%d" % sum(1 for i in idx if r[i][0]) for r in rows.values()) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
