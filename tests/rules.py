"""rules.py: the rule checker and `shuzhi fix` against the issue's acceptance list.

A content folder is made from the raw reference report (mistakes included) by
putting its mistakes back into a copy of content/2020, inside the YAML scalars
only, with every position recorded; `shuzhi check` must report exactly those
positions, `shuzhi fix` must give back the committed wording byte for byte.
Mistakes are also put into plain, double-quoted, folded and literal scalars by
hand, rule files are broken on purpose, and the two corpus reports are checked.

The cases that are data live in tests/rules/, extended by adding lines or
files: labelled.tsv (sentences for `shuzhi rules test`), broken/ + broken.tsv
(broken rule files and the errors expected at line:col), kinds/ + kinds.tsv
(one rule of each kind and where it must or must not report), fix-edges/
(content and what fix must make of it), examples/, terms/ and one/.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:  # PyYAML is in the Debian test packages (python3-yaml)
    yaml = None

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "rules")   # rule files, content and expectations

FULL_TO_ASCII = {"，": ",", "；": ";", "（": "(", "）": ")"}
# The wording mistakes of the raw text, as (committed, raw, the raw's wrong character).
WORDING = [("党的十九届", "党十九届", "党"), ("顶得起", "顶的起", "的"), ("病史、政考", "病史和、政考", "和"),
           ("习近平强军思想", "习主席强军思想", "主")]
# Wording the rules warn about (a matter of usage, not an error): (committed, raw, marker, rule).
WORDING_WARN = [("作出应有贡献", "做出应有贡献", "做", "word.zuochu")]


def line_col(text, index):
    """1-based line and column (in characters) of a character index."""
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def value_scalars(node):
    """The scalar nodes that are values (not keys) of a composed YAML tree."""
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for n in node.value:
            yield from value_scalars(n)
    elif isinstance(node, yaml.MappingNode):
        for _, v in node.value:
            yield from value_scalars(v)


def make_raw(root, dest):
    """content/2020 with the raw text's mistakes put back; returns the expected findings.

    Returns (errors, warnings, counts, others): sets of (file name, line, col) in the raw
    copy, the raw marks counted, and (rule, file name, line, col) of the wording warnings.
    """
    src = os.path.join(root, "content", "2020")
    shutil.copytree(src, dest)
    errors, warnings, counts, others = set(), set(), {}, set()
    for name in sorted(os.listdir(dest)):
        if not name.endswith(".yaml"):
            continue
        path = os.path.join(dest, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        spans = sorted((n.start_mark.index, n.end_mark.index, n)
                       for n in value_scalars(yaml.compose(text)))
        out, marks, at = [], [], 0      # marks: (index in new text, kind)
        for a, b, node in spans:
            out.append(text[at:a])
            base = sum(len(s) for s in out)
            piece = text[a:b]
            if node.value == "各位领导、同志们":      # the addressee: "各位领导、同志们:"
                new = '"' + piece + ':"'
                marks.append((base + len(new) - 2, "error"))
                counts[":"] = counts.get(":", 0) + 1
                out.append(new)
                at = b
                continue
            new, i = [], 0
            while i < len(piece):
                hit = next((w for w in WORDING + WORDING_WARN if piece.startswith(w[0], i)), None)
                if hit is not None:
                    k = len("".join(new))
                    new.append(hit[1])
                    marks.append((base + k + hit[1].index(hit[2]), "error" if len(hit) == 3 else hit[3]))
                    counts[hit[1]] = counts.get(hit[1], 0) + 1
                    i += len(hit[0])
                    continue
                ch = piece[i]
                if ch in FULL_TO_ASCII:
                    # A pair of brackets is one mistake, reported at its opening bracket.
                    if ch != "）":
                        marks.append((base + len("".join(new)), "error"))
                    counts[FULL_TO_ASCII[ch]] = counts.get(FULL_TO_ASCII[ch], 0) + 1
                    ch = FULL_TO_ASCII[ch]
                new.append(ch)
                i += 1
            out.append("".join(new))
            at = b
        out.append(text[at:])
        raw = "".join(out)
        for m in re.finditer(r"(?<![A-Za-z])X{2,}(?![A-Za-z])", raw):
            if not raw[raw.rfind("\n", 0, m.start()) + 1:m.start()].lstrip().startswith("#"):
                marks.append((m.start(), "warning"))
        with open(path, "w", encoding="utf-8") as f:
            f.write(raw)
        for index, kind in marks:
            where_ = (name,) + line_col(raw, index)
            if kind == "error":
                errors.add(where_)
            elif kind == "warning":
                warnings.add(where_)
            else:
                others.add((kind,) + where_)
    return errors, warnings, counts, others


def load_values(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def flat_text(folder):
    """All prose of a content folder, facts put in, whitespace removed."""
    rep = load_values(os.path.join(folder, "report.yaml"))
    parts = [rep.get("addressee", "")] + list(rep.get("opening", []))
    for name in rep["sections"]:
        sec = load_values(os.path.join(folder, name))
        parts.append(sec["title"])
        for it in sec.get("items", []):
            body = it["body"]
            for k, v in (it.get("facts") or {}).items():
                body = body.replace("{{" + k + "}}", str(v))
            parts += [it["lead"], body]
    parts += list(rep.get("closing", []))
    return [re.sub(r"\s+", "", str(p)) for p in parts]


def run_json(ctx, *args):
    p = subprocess.run([ctx.shuzhi, "check", "--format=json", *args], cwd=ctx.root,
                       capture_output=True, text=True)
    try:
        data = json.loads(p.stdout)
    except ValueError:
        data = {"diagnostics": [], "errors": -1, "warnings": -1, "bad": p.stdout + p.stderr}
    return p.returncode, data


def where(d):
    return (os.path.basename(d["file"] or ""), d["line"], d["column"])


def show(items, limit=8):
    items = sorted(items)
    return ", ".join("%s:%d:%d" % t for t in items[:limit]) + (" ..." if len(items) > limit else "")


def test_raw(ctx, tmp):
    raw = os.path.join(tmp, "raw")
    errors, warnings, counts, others = make_raw(ctx.root, raw)
    ctx.result("raw copy has the raw text's 103 half-width marks",
               counts.get(",") == 94 and counts.get(";") == 4 and counts.get("(") == 2 and
               counts.get(")") == 2 and counts.get(":") == 1, str(counts))
    # The copy is the raw reference text: every field is a stretch of it.
    with open(os.path.join(ctx.shared, "reference", "2020-duty-report.txt"), encoding="utf-8") as f:
        reference = re.sub(r"\s+", "", f.read())
    missing = [p for p in flat_text(raw) if p not in reference]
    ctx.result("raw copy's fields are the raw reference text", not missing, str(missing[:3]))

    rc, data = run_json(ctx, raw)
    diags = data["diagnostics"]
    got_err = {where(d) for d in diags if d["level"] == "error"}
    got_warn = {where(d) for d in diags if d["level"] == "warning"}
    ctx.result("check on the raw copy exits 1", rc == 1, "exit %d" % rc)
    ctx.result("every mistake of the raw copy reported as an error at its line:col",
               errors <= got_err, "missing " + show(errors - got_err))
    ctx.result("nothing else reported as an error on the raw copy",
               got_err <= errors, "extra " + show(got_err - errors) + " " +
               str([d["message"] for d in diags if d["level"] == "error" and where(d) not in errors][:3]))
    ctx.result("error count is 103 marks (two bracket pairs count once each) + 4 wording mistakes",
               len([d for d in diags if d["level"] == "error"]) == 105,
               str(len([d for d in diags if d["level"] == "error"])))
    for rule, name, line, col in sorted(others):
        ctx.result("做出应有贡献 is a %s warning at %s:%d:%d" % (rule, name, line, col),
                   any(d["rule"] == rule and d["level"] == "warning" and where(d) == (name, line, col)
                       for d in diags), "")
    ph = {where(d) for d in diags if d["level"] == "warning" and d["rule"] == "placeholder"}
    ctx.result("XXX and XX placeholders are warnings at their line:col",
               ph == warnings, "want " + show(warnings) + " got " + show(ph))
    want_rules = {"党十九届": "formulation.party", "顶的起": "de.complement", "病史和、政考": "punct.conjunction",
                  "习主席强军思想": "term.leader"}
    for wrong, rule in want_rules.items():
        ok = any(d["rule"] == rule and d["level"] == "error" for d in diags)
        ctx.result("%s reported by %s" % (wrong, rule), ok, "")
    rc2, data2 = run_json(ctx, "--strict", raw)
    ph2 = {where(d) for d in data2["diagnostics"] if d["level"] == "error" and d["rule"] == "placeholder"}
    ctx.result("--strict makes the placeholders errors", ph2 == warnings and rc2 == 1, show(ph2))

    # Text output: path:line:col: error: message [rule], then the line and a caret.
    p = subprocess.run([ctx.shuzhi, "check", raw], cwd=ctx.root, capture_output=True, text=True)
    lines = p.stdout.splitlines()
    first = next((i for i, l in enumerate(lines) if ": error: " in l), None)
    ok = first is not None and re.match(r"^.+\.yaml:\d+:\d+: error: .+ \[[a-z.-]+\]$", lines[first]) \
        and lines[first + 2].strip() == "^"
    ctx.result("text output is path:line:col: error: message [rule] with a caret line", bool(ok),
               "\n".join(lines[:3]))
    return raw


def test_fix(ctx, tmp, raw):
    content = os.path.join(ctx.root, "content", "2020")
    # --dry-run shows a diff and writes nothing.
    dry = os.path.join(tmp, "dry")
    shutil.copytree(raw, dry)
    before = {n: open(os.path.join(dry, n), "rb").read() for n in os.listdir(dry)}
    p = subprocess.run([ctx.shuzhi, "fix", "--dry-run", dry], cwd=ctx.root, capture_output=True, text=True)
    after = {n: open(os.path.join(dry, n), "rb").read() for n in os.listdir(dry)}
    ctx.result("fix --dry-run writes nothing", before == after and p.returncode == 0,
               p.stderr[-300:])
    ctx.result("fix --dry-run prints a unified diff",
               "--- a/" in p.stdout and "+++ b/" in p.stdout and "\n@@ -" in p.stdout and
               "\n-" in p.stdout and "\n+" in p.stdout, p.stdout[:300])
    if shutil.which("patch"):
        q = subprocess.run(["patch", "-p1", "-s", "-d", "/", "--dry-run"], input=p.stdout,
                           capture_output=True, text=True)
        ctx.result("the dry-run diff applies with patch", q.returncode == 0, q.stdout + q.stderr)

    fixed = os.path.join(tmp, "fixed")
    shutil.copytree(raw, fixed)
    p = subprocess.run([ctx.shuzhi, "fix", fixed], cwd=ctx.root, capture_output=True, text=True)
    ctx.result("fix exits 0", p.returncode == 0, p.stdout[-300:] + p.stderr[-300:])
    changes = [l for l in p.stdout.splitlines() if re.match(r"^.+\.yaml:\d+:\d+: ", l)]
    # 103 marks + 5 wording edits (a bracket pair is one finding but two edits)
    ctx.result("fix prints each change (108)", len(changes) == 108, str(len(changes)))
    for name in sorted(os.listdir(content)):
        want = open(os.path.join(content, name), encoding="utf-8").read()
        got = open(os.path.join(fixed, name), encoding="utf-8").read()
        if name == "report.yaml":
            # The raw addressee had to be quoted to hold its colon; fix keeps the quotes.
            want = want.replace("addressee: 各位领导、同志们", 'addressee: "各位领导、同志们"')
        ctx.result("fix gives the committed %s byte for byte" % name, got == want,
                   _first_diff(want, got))
        ctx.result("fixed %s loads to the committed values" % name,
                   load_values(os.path.join(fixed, name)) == load_values(os.path.join(content, name)))
    rc, data = run_json(ctx, fixed)
    errs = [d for d in data["diagnostics"] if d["level"] == "error"]
    ctx.result("check after fix reports no errors", rc == 0 and not errs,
               str([(where(d), d["message"]) for d in errs[:3]]))
    p = subprocess.run([ctx.shuzhi, "fix", fixed], cwd=ctx.root, capture_output=True, text=True)
    ctx.result("fix a second time changes nothing", "没有可以自动修改的地方" in p.stdout, p.stdout[-200:])


def _first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return "at %d:%d: want %r got %r" % (line_col(a, i) + (a[i:i + 12], b[i:i + 12]))
    return "lengths %d %d" % (len(a), len(b)) if len(a) != len(b) else ""


def test_styles(ctx, tmp):
    """A mistake in each scalar style is reported at its exact line:col."""
    d = os.path.join(tmp, "styles")
    shutil.copytree(os.path.join(ctx.root, "content", "2020"), d)
    cases = []

    def put(name, old, new, marker, nth=0):
        path = os.path.join(d, name)
        text = open(path, encoding="utf-8").read()
        assert old in text, old
        text = text.replace(old, new, 1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        i = text.index(new) + new.index(marker)
        cases.append((name, line_col(text, i), marker))

    # plain, one line
    put("report.yaml", "认真学习党的十九届五中全会精神", "认真学习党十九届五中全会精神", "党十九届")
    # double-quoted, with escapes and a folded line break before the mistake
    put("1-zhidu.yaml",
        "    lead: 强化责任，加强领导。",
        '    lead: "强化\\u8d23任，\\"加强\\"\n      领导,有力。"', ",")
    # folded (>-): the fifth line of the body
    put("3-zhongdian.yaml", "      前后三次提前组织大学应届毕业生目测初检。",
        "      前后三次提前组织大学应届毕业生目测初检;", ";")
    # literal (|): the mistake on the third line
    put("2-jichu.yaml",
        "    lead: 抓好基层规范化建设。",
        "    lead: |-\n      抓好基层\n      规范化\n      建设,顶的起。", "的")
    # single-quoted with a doubled quote before the mistake
    put("3-zhongdian.yaml", "    lead: 抓好拥军优属工作。", "    lead: '抓好''拥军''优属(工作)。'", "(")
    rc, data = run_json(ctx, d)
    got = {where(x) for x in data["diagnostics"] if x["level"] == "error"}
    for name, (line, col), marker in cases:
        ctx.result("mistake %r in %s reported at %d:%d" % (marker, name, line, col),
                   (name, line, col) in got, "errors at " + show({g for g in got if g[0] == name}))


def read_tsv(path):
    """The rows of a tab-separated data file, without comments and blank lines."""
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]


def test_bad_rules(ctx, tmp):
    """Broken rule files (tests/rules/broken/): each error of tests/rules/broken.tsv at its line:col."""
    rdir = os.path.join(DATA, "broken")
    p = subprocess.run([ctx.shuzhi, "check", "--rules", rdir, "content/2020"], cwd=ctx.root,
                       capture_output=True, text=True)
    out = p.stdout
    ctx.result("broken rule files: check exits 1", p.returncode == 1, "exit %d" % p.returncode)
    for name, pos, words, label in read_tsv(os.path.join(DATA, "broken.tsv")):
        pat = re.escape(os.path.join(rdir, name)) + ":%s: error: " % pos
        hit = [l for l in out.splitlines() if re.match(pat, l)]
        ctx.result(label, bool(hit) and all(any(w in l for l in hit) for w in words.split("|")),
                   str(hit or out[:400]))


def test_fix_edges(ctx, tmp):
    """fix in every scalar style, with a byte-order mark, CRLF and comments: only the characters
    change (tests/rules/fix-edges/content, fixed, is tests/rules/fix-edges/expected)."""
    d = os.path.join(tmp, "edges")
    shutil.copytree(os.path.join(DATA, "fix-edges", "content"), d)
    p = subprocess.run([ctx.shuzhi, "fix", d], cwd=ctx.root, capture_output=True, text=True)

    def texts(folder):
        return [open(os.path.join(folder, n), encoding="utf-8", newline="").read()
                for n in ("report.yaml", "a.yaml")]
    # The escaped ASCII quotes \" become “” (an escape is replaced whole).
    want_report, want_section = texts(os.path.join(DATA, "fix-edges", "expected"))
    got_report, got_section = texts(d)
    ctx.result("fix keeps the byte-order mark, CRLF, comments, quoting and escapes",
               got_report == want_report, _first_diff(want_report, got_report) + p.stdout[-300:])
    ctx.result("fix edits single-quoted, literal and folded scalars in place, line breaks kept",
               got_section == want_section, _first_diff(want_section, got_section) + p.stdout[-300:])
    ctx.result("fix leaves no error behind in the edge cases", p.returncode == 0, p.stdout + p.stderr)


def test_kinds(ctx, tmp):
    """Every rule kind, from a rule file of its own, at the right place (tests/rules/kinds.tsv)."""
    rdir, cdir = os.path.join(DATA, "kinds", "rules"), os.path.join(DATA, "kinds", "content")
    rc, data = run_json(ctx, "--rules", rdir, cdir)
    got = {(d["rule"], where(d)) for d in data["diagnostics"]}
    for rule, name, needle, reported in read_tsv(os.path.join(DATA, "kinds.tsv")):
        with open(os.path.join(cdir, name), encoding="utf-8") as f:
            text = f.read()
        pos = (name,) + line_col(text, text.index(needle))
        if reported == "yes":
            ctx.result("%s reported at %s:%d:%d" % ((rule,) + pos), (rule, pos) in got,
                       str(sorted(g for g in got if g[0] == rule)))
        else:
            ctx.result("%s not reported at %s:%d:%d (exception, scope or majority)" % ((rule,) + pos),
                       (rule, pos) not in got, "")
    keys = [d for d in data["diagnostics"] if d["rule"] == "k.keys"]
    ctx.result("type keys: an unknown key gets a suggestion",
               any("“count”" in d["message"] for d in keys), str([d["message"] for d in keys]))
    levels = {d["rule"]: d["level"] for d in data["diagnostics"]}
    ctx.result("levels error, warning and info (note) as the rules say",
               levels.get("k.cross-title") == "error" and levels.get("k.count") == "warning" and
               levels.get("k.required") == "note", str(levels))


def test_committed(ctx):
    rc, data = run_json(ctx, "content/2020")
    errs = [d for d in data["diagnostics"] if d["level"] == "error"]
    ctx.result("check on content/2020 gives no errors", rc == 0 and not errs,
               str([(where(d), d["message"]) for d in errs[:3]]) + data.get("bad", ""))
    p = subprocess.run([ctx.shuzhi, "check", "--format=sarif", "content/2020"], cwd=ctx.root,
                       capture_output=True, text=True)
    try:
        s = json.loads(p.stdout)
        ok = s["version"] == "2.1.0" and s["runs"][0]["tool"]["driver"]["name"] == "shuzhi" and \
            all("ruleId" in r and r["locations"][0]["physicalLocation"]["region"]["startLine"] > 0
                for r in s["runs"][0]["results"]) and len(s["runs"][0]["results"]) > 0
    except (ValueError, KeyError, IndexError) as e:
        ok = False
        p = p.__class__(p.args, p.returncode, str(e) + p.stdout[:200], p.stderr)
    ctx.result("--format=sarif gives a SARIF 2.1.0 log with rule ids and regions", ok, p.stdout[:200])
    p = subprocess.run([ctx.shuzhi, "check", "--format=xml", "content/2020"], cwd=ctx.root,
                       capture_output=True, text=True)
    ctx.result("unknown format is a usage error (exit 2)", p.returncode == 2, "exit %d" % p.returncode)


def rules_test(ctx, *args):
    p = subprocess.run([ctx.shuzhi, "rules", "test", "--format=json", *args], cwd=ctx.root,
                       capture_output=True, text=True)
    try:
        data = json.loads(p.stdout)
    except ValueError:
        data = None
    return p.returncode, data, p.stderr


def test_labelled(ctx):
    """The house pack's examples pass, and the labelled sentences meet the targets."""
    path = os.path.join("tests", "rules", "labelled.tsv")
    rc, data, err = rules_test(ctx, "--strict", path)
    if data is None:
        ctx.result("shuzhi rules test --format=json gives JSON", False, err[-500:])
        return
    ctx.result("every text rule of rules/ has examples, and they all pass (%d)" % data["examples"],
               data["examples"] >= 100 and data["examples_failed"] == 0,
               "%d failed; %s" % (data["examples_failed"], err[-800:]))
    wrong, caught, correct, flagged = data["wrong"], data["caught"], data["correct"], data["flagged"]
    ctx.note("labelled sentences: %d wrong, %d caught (%.1f%%), %d fixed exactly; %d correct, %d flagged"
             % (wrong, caught, 100.0 * caught / max(wrong, 1), data["fixed"], correct, flagged))
    ctx.result("labelled set has at least 200 pairs of sentences", wrong >= 200 and correct >= 200,
               "%d wrong, %d correct" % (wrong, correct))
    ctx.result("recall on the labelled set is at least 95%% (%d of %d)" % (caught, wrong),
               caught >= 0.95 * wrong,
               "\n".join("missed: %s [%s]" % (x["text"], x["class"]) for x in data["sentences"]
                         if x["kind"] == "wrong" and not x["caught"])[:1500])
    ctx.result("no finding on any correct sentence of the labelled set", flagged == 0,
               "\n".join("%s: %s" % (x["text"], [f["rule"] for f in x["findings"]]) for x in data["sentences"]
                         if x["kind"] == "correct" and x["flagged"])[:1500])
    ctx.result("rules test exits 0 on the house pack and the labelled set", rc == 0, err[-500:])
    # Every rule that reads text alone catches at least one labelled mistake.
    p = subprocess.run([ctx.shuzhi, "rules"], cwd=ctx.root, capture_output=True, text=True)
    ids = [l.split()[0] for l in p.stdout.splitlines() if l.strip()]
    hit = {f["rule"] for x in data["sentences"] if x["kind"] == "wrong" for f in x["findings"]}
    # Rules about a report's structure or its fields against each other cannot see one sentence.
    structural = {"year.report-year", "year.title", "year.date-field", "year.dates-in-year",
                  "signature.unit", "shape.items", "shape.sections", "shape.body-paragraph", "shape.topic"}
    missing = [i for i in ids if i not in hit and i not in structural]
    ctx.result("every rule that reads text is covered by a labelled mistake", not missing, str(missing))


def test_examples(ctx, tmp):
    """A rule's examples are run as the rule's own tests, failures pointed at the example
    (tests/rules/examples/t.yaml)."""
    rdir = os.path.join(DATA, "examples")
    path = os.path.join(rdir, "t.yaml")
    with open(path, encoding="utf-8") as f:
        rules_text = f.read()
    p = subprocess.run([ctx.shuzhi, "rules", "test", "--rules", rdir], cwd=ctx.root,
                       capture_output=True, text=True)
    out = p.stdout

    def at(needle, nth=0):
        i = -1
        for _ in range(nth + 1):
            i = rules_text.index(needle, i + 1)
        return "%s:%d:%d: " % ((path,) + line_col(rules_text, i))

    ctx.result("rules test exits 1 when an example fails", p.returncode == 1, out[-300:])
    ctx.result("a match example the rule misses is an error at the example",
               at("没有那个字") + "error" in out, out[:600])
    ctx.result("fix: is only for substitution and terms rules (an error at fix)",
               at("有己字") + "error: “fix”只用于" in out, out[:600])
    ctx.result("an ok example the rule reports is an error at the example",
               at("这里有戊") + "error" in out, out[:600])
    ctx.result("a fix that comes out otherwise is an error naming both texts",
               at("乙乙") + "error" in out and "丁丁" in out and "丁乙" in out, out[:600])
    ctx.result("passing examples are not reported", at("甲乙丙") not in out and at("甲丙") not in out, out[:600])
    ctx.result("a rule without examples is a warning (an error with --strict)",
               "t.none" in out and ": warning: " in [l for l in out.splitlines() if "t.none" in l][0][len(path):],
               out[:600])


def test_terms(ctx, tmp):
    """The terms kind: literal text (no regex), gaps, the right form not flagged inside itself
    (tests/rules/terms/: the rules, and sentences as in labelled.tsv)."""
    rdir = os.path.join(DATA, "terms")
    path = os.path.join(rdir, "t.yaml")
    with open(path, encoding="utf-8") as f:
        rules_text = f.read()
    tsv = os.path.join(rdir, "sentences.tsv")
    p = subprocess.run([ctx.shuzhi, "rules", "test", "--format=json", "--rules", rdir, tsv], cwd=ctx.root,
                       capture_output=True, text=True)
    try:
        data = json.loads(p.stdout)
    except ValueError:
        ctx.result("rules test on a terms file gives JSON", False, p.stdout[-300:] + p.stderr[-300:])
        return
    ctx.result("terms: every wrong form caught and fixed to the right one",
               data["wrong"] == 5 and data["caught"] == 5 and data["fixed"] == 5,
               str([(x["text"], x.get("fixed"), [f["message"] for f in x["findings"]]) for x in data["sentences"]]))
    ctx.result("terms: literal text (A.B is not a pattern) and the right form inside itself are not flagged",
               data["flagged"] == 0,
               str([(x["text"], [f["rule"] for f in x["findings"]]) for x in data["sentences"] if x.get("flagged")]))
    i = rules_text.index("像一样")
    want = "%s:%d:%d: error" % ((path,) + line_col(rules_text, i))
    ctx.result("terms: different numbers of “……” on the two sides is an error at the right form",
               want in p.stderr and "……" in p.stderr, p.stderr[-400:])


DISABLE_REPORT_LINE = "disable: [style, word.zuochu, wrod.typo]   # 不要的检查\n"


def test_disable(ctx, tmp):
    """disable: in report.yaml turns rules off, by id or by prefix; an unknown name is a warning."""
    d = os.path.join(tmp, "disable")
    shutil.copytree(os.path.join(ctx.root, "content", "2020"), d)
    sec = os.path.join(d, "3-zhongdian.yaml")
    with open(sec, encoding="utf-8") as f:
        text = f.read()
    with open(sec, "w", encoding="utf-8") as f:
        f.write(text.replace("作出应有贡献", "做出应有贡献"))
    rc, before = run_json(ctx, d)
    rules_before = {x["rule"] for x in before["diagnostics"] if x["rule"]}
    rp = os.path.join(d, "report.yaml")
    with open(rp, encoding="utf-8") as f:
        rtext = f.read()
    with open(rp, "w", encoding="utf-8") as f:
        f.write(rtext.replace("unit: XXX镇党委\n", "unit: XXX镇党委\n" + DISABLE_REPORT_LINE))
    rc, after = run_json(ctx, d)
    rules_after = {x["rule"] for x in after["diagnostics"] if x["rule"]}
    ctx.result("without disable: style.qinzi and word.zuochu are reported",
               {"style.qinzi", "word.zuochu"} <= rules_before, str(sorted(rules_before)))
    ctx.result("disable: [style, word.zuochu] turns them off (a prefix, an id)",
               not ({"style.qinzi", "word.zuochu"} & rules_after) and "placeholder" in rules_after,
               str(sorted(rules_after)))
    i = rtext.index("unit: XXX镇党委\n") + len("unit: XXX镇党委\n") + DISABLE_REPORT_LINE.index("wrod.typo")
    pos = ("report.yaml",) + line_col(rtext.replace("unit: XXX镇党委\n", "unit: XXX镇党委\n" + DISABLE_REPORT_LINE), i)
    ctx.result("an unknown name in disable: is a warning at it with the nearest id",
               any(where(x) == pos and x["level"] == "warning" and "word.typo" in x["message"]
                   for x in after["diagnostics"]),
               str([(where(x), x["message"]) for x in after["diagnostics"] if x["rule"] is None]))
    p = subprocess.run([ctx.shuzhi, "build", d, "-o", os.path.join(tmp, "disable-out")], cwd=ctx.root,
                       capture_output=True, text=True)
    ctx.result("a report with disable: builds", p.returncode == 0, p.stdout[-300:] + p.stderr[-300:])


def test_one_finding(ctx, tmp):
    """One finding for each mistake, whichever rules see it; check and fix agree (tests/rules/one)."""
    d = os.path.join(tmp, "one")
    shutil.copytree(os.path.join(DATA, "one"), d)
    rc, data = run_json(ctx, d)
    diags = [x for x in data["diagnostics"] if x["rule"] and not x["rule"].startswith("shape.topic")]

    def on_line(n):
        return [(x["column"], x["rule"]) for x in diags if x["line"] == n and x["file"].endswith("report.yaml")]

    ctx.result("，， is one finding (not doubled and mixed marks both)", len(on_line(4)) == 1, str(on_line(4)))
    ctx.result("a pair of half-width brackets is one finding", len(on_line(5)) == 1, str(on_line(5)))
    ctx.result("国发(2020)12号 is one finding, as a document number",
               [r for c, r in on_line(6)] == ["num.doc-number"], str(on_line(6)))
    ctx.result("做的很扎实 is one finding", [r for c, r in on_line(7)] == ["de.degree"], str(on_line(7)))
    ctx.result("a space typed before a Chinese quote is reported",
               [r for c, r in on_line(8)] == ["space.punct"], str(on_line(8)))
    ctx.result("a line break of the file before a Chinese quote is not reported",
               not on_line(9) and not on_line(10), str(on_line(9) + on_line(10)))
    p = subprocess.run([ctx.shuzhi, "fix", d], cwd=ctx.root, capture_output=True, text=True)
    got = load_values(os.path.join(d, "report.yaml"))["opening"]
    want = ["镇党委高度重视，及时召开会议。", "保障民兵营（连）部规范化建设经费。", "根据国发〔2020〕12号文件精神。",
            "民兵整组工作做得很扎实，受到表扬。", "开展国有企业“争链主”行动。", "推进“争链主”行动， “2030年”计划。"]
    ctx.result("fix makes each of these right, with no edit left over", got == want and "重叠" not in p.stdout,
               str(got) + p.stdout[-300:])


def import_corpus(path, dest, unit, year):
    """One report of plain text (one paragraph a line) as a content folder."""
    with open(path, encoding="utf-8") as f:
        lines = [l.strip() for l in f if l.strip()]
    os.makedirs(dest)
    with open(os.path.join(dest, "report.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump({"unit": unit, "year": year, "sections": ["1.yaml"]}, f,
                       allow_unicode=True, width=100000)
    with open(os.path.join(dest, "1.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump({"title": "全文", "paragraphs": lines}, f, allow_unicode=True, width=100000)
    return lines


def test_corpus(ctx, tmp):
    corpus = os.path.join(ctx.shared, "corpus")
    ins = os.path.join(tmp, "insurance")
    lines = import_corpus(os.path.join(corpus, "insurance-branch-duty-report.txt"), ins,
                          "某保险公司客户服务部", 2020)
    rc, data = run_json(ctx, ins)
    marks = {}
    for d in data["diagnostics"]:
        if d["rule"] == "punct.fullwidth":
            m = re.search(r"不用半角的“(.)", d["message"])
            if m:
                marks[m.group(1)] = marks.get(m.group(1), 0) + 1
    want = {c: sum(l.count(c) for l in lines) for c in ",;:!"}
    ctx.result("insurance report: every half-width , ; : ! reported (%s)" % want,
               marks == want, "got %s" % marks)
    ctx.result("insurance report: placeholder xx年 is a warning",
               any(d["rule"] == "placeholder" and d["level"] == "warning" for d in data["diagnostics"]))

    heb = os.path.join(tmp, "hebei")
    import_corpus(os.path.join(corpus, "hebei-2026-government-work-report.txt"), heb, "河北省人民政府", 2026)
    rc, data = run_json(ctx, heb)
    bad = [d for d in data["diagnostics"] if d["rule"] and d["rule"].startswith(("formulation.", "word.", "de."))]
    ctx.result("Hebei report: no standard formulation flagged", not bad,
               str([(where(d), d["message"]) for d in bad[:5]]))
    errs = [d for d in data["diagnostics"] if d["level"] == "error"]
    ctx.result("Hebei report (clean text): no errors", not errs,
               str([(where(d), d["rule"], d["message"]) for d in errs[:5]]))


def run(ctx):
    if yaml is None:
        ctx.result("PyYAML available for the rule tests", False, "apt-get install python3-yaml")
        return
    if not os.access(ctx.shuzhi, os.X_OK):
        ctx.result("shuzhi binary built", False, ctx.shuzhi)
        return
    tmp = tempfile.mkdtemp(prefix="shuzhi-rules-")
    try:
        raw = test_raw(ctx, tmp)
        test_fix(ctx, tmp, raw)
        test_styles(ctx, tmp)
        test_bad_rules(ctx, tmp)
        test_kinds(ctx, tmp)
        test_fix_edges(ctx, tmp)
        test_committed(ctx)
        test_corpus(ctx, tmp)
        test_labelled(ctx)
        test_examples(ctx, tmp)
        test_terms(ctx, tmp)
        test_disable(ctx, tmp)
        test_one_finding(ctx, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    # Standalone: python3 tests/rules.py (SHUZHI=path/to/shuzhi)
    class _Ctx:
        def __init__(self):
            self.root = os.path.dirname(HERE)
            self.shuzhi = os.path.abspath(os.environ.get("SHUZHI", os.path.join(self.root, "build/shuzhi")))
            self.shared = os.environ.get("SHUZHI_SHARED", os.path.join(os.path.dirname(self.root), "shared"))
            self.passed = self.failed = 0

        def result(self, name, ok, detail=""):
            if ok:
                self.passed += 1
                if os.environ.get("VERBOSE") == "1":
                    print("ok   rules: " + name)
            else:
                self.failed += 1
                print("FAIL rules: %s\n     %s" % (name, detail))

        def note(self, text):
            print("     rules: " + text)

    c = _Ctx()
    run(c)
    print("%d passed, %d failed" % (c.passed, c.failed))
    sys.exit(1 if c.failed else 0)
