"""yaml_errors.py: every YAML mistake is told at its own line, in Chinese,
with what to type instead.

Each line of the sample content (content/2020) is broken, one mistake at a
time, the way people who type with a Chinese input method break it: a
full-width colon after the key, no colon, a value starting with a
character YAML reserves (" ' [ { * & ! % @ ` | > #), a line break pasted
into a text, a list item without "- ", a key indented one space too many
or too few, full-width spaces or a tab in the indentation, ": " inside a
value.  For each, the first diagnostic must be an error on the broken line,
say the class's cause, and contain none of libyaml's English.

shuzhi fix repairs before parsing what is certain: a full-width colon after
a content key and full-width spaces in the indentation of a key's line.
With every such mistake made at once in the sample, fix must give back the
sample byte for byte; the same characters inside texts (quoted, in a block,
in a comment, in a line that continues a text) must be left alone.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile

# What libyaml says (its problem and context texts), never to be shown raw.
ENGLISH = re.compile(r"did not find|could not find|found (unexpected|character|unknown|undefined|a tab)|"
                     r"while (scanning|parsing)|not allowed in this context|expected <")
DIAG = re.compile(r"^(.*?):(\d+):(\d+): (error|warning): (.*)$")
KEYLINE = re.compile(r"^( *)(- )?([a-z_]+): (.+)$")
TEXT_KEYS = ("lead", "body", "title", "unit", "topic", "addressee")


def mutations(lines):
    """(class, line index of the mistake, new lines, what the message must say)."""
    for i, line in enumerate(lines):
        m = KEYLINE.match(line)
        if not m:
            continue
        ind, dash, key, val = m.group(1), m.group(2) or "", m.group(3), m.group(4)
        head = ind + dash + key
        plain = not val.startswith(("'", '"', "[", "{", "|", ">", "#"))
        yield "fullwidth-colon", i, lines[:i] + [head + "：" + val] + lines[i + 1:], "全角冒号"
        if plain and not val[0].isascii():
            yield "missing-colon", i, lines[:i] + [head + " " + val] + lines[i + 1:], "缺少冒号"
            yield "missing-colon-nospace", i, lines[:i] + [head + val] + lines[i + 1:], "缺少冒号"
            yield "no-space-after-colon", i, lines[:i] + [head + ":" + val] + lines[i + 1:], "要有一个空格"
        if key in TEXT_KEYS and plain:
            for pre, post in (('"', '"'), ("'", "'"), ("[", "]"), ("{", "}"), ("*", ""), ("&", ""),
                              ("!", ""), ("%", ""), ("@", ""), ("`", "`"), ("|", ""), (">", "")):
                new = head + ": " + pre + "八一" + post + val
                yield "value-starts-" + pre, i, lines[:i] + [new] + lines[i + 1:], "以“" + pre + "”开头"
            yield "value-starts-#", i, lines[:i] + [head + ": #" + val] + lines[i + 1:], "以“#”开头"
            # ": " typed inside the text
            cut = next((k for k in range(2, len(val) - 2) if val[k] == "，"), None)
            if cut is not None:
                new = head + ": " + val[:cut] + ": " + val[cut + 1:]
                yield "colon-in-value", i, lines[:i] + [new] + lines[i + 1:], "“: ”"
                # a line break pasted into the text: the rest at the left margin
                rest = val[cut + 1:]
                if rest and not rest[0].isascii():
                    yield ("pasted-line-break", i + 1,
                           lines[:i] + [head + ": " + val[:cut + 1], rest] + lines[i + 1:], "换行")
        if len(ind) >= 2:
            yield ("fullwidth-indent", i, lines[:i] + ["\u3000" + line[2:]] + lines[i + 1:],
                   "全角空格")
            yield "tab-indent", i, lines[:i] + ["\t" + line[2:]] + lines[i + 1:], "Tab"
        if dash and i > 0 and lines[i - 1].strip() and not lines[i - 1].rstrip().endswith(":"):
            # a new list entry typed at the dashes' column, without "- "
            yield "no-dash", i, lines[:i] + [ind + line[len(ind) + 2:]] + lines[i + 1:], "“- ”"
        if not dash and i > 0 and KEYLINE.match(lines[i - 1]) and KEYLINE.match(lines[i - 1]).group(2) \
                and len(ind) == len(KEYLINE.match(lines[i - 1]).group(1)) + 2:
            # the second key of a list entry, one space off
            yield "key-one-space-more", i, lines[:i] + [" " + line] + lines[i + 1:], "缩进"
            yield "key-one-space-less", i, lines[:i] + [line[1:]] + lines[i + 1:], "缩进"
            # the second key of a list entry at the entry's "- "
            yield "key-at-the-dash", i, lines[:i] + [line[2:]] + lines[i + 1:], "缩进"
    # paragraphs: a list of texts
    for i, line in enumerate(lines):
        m = re.match(r"^( *)- ([^a-z#\"'\[{].*)$", line)
        if m and i > 0 and re.match(r"^ *- ", lines[i - 1]) and ":" not in m.group(2):
            yield "no-dash-paragraph", i, lines[:i] + [m.group(1) + m.group(2)] + lines[i + 1:], "“- ”"


def first_diag(text):
    for line in text.splitlines():
        m = DIAG.match(line)
        if m:
            return m
    return None


def test_fix(ctx, src, tmp):
    case = os.path.join(tmp, "fix")
    shutil.copytree(src, case)
    originals, broken = {}, 0
    for name in sorted(os.listdir(case)):
        path = os.path.join(case, name)
        with open(path, encoding="utf-8") as f:
            originals[name] = f.read()
        out = []
        for line in originals[name].split("\n"):
            m = KEYLINE.match(line)
            if m:
                # a full-width colon, or (every other line) no space after the colon
                colon = "：" if broken % 2 == 0 or m.group(4)[0].isascii() else ":"
                line = m.group(1) + (m.group(2) or "") + m.group(3) + colon + m.group(4)
                if len(m.group(1)) >= 2:
                    line = "\u3000" * (len(m.group(1)) // 2) + line[len(m.group(1)) // 2 * 2:]
                broken += 1
            out.append(line)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(out))
    p = subprocess.run([ctx.shuzhi, "fix", case], capture_output=True, text=True, timeout=60)
    now = {}
    for name in originals:
        with open(os.path.join(case, name), encoding="utf-8") as f:
            now[name] = f.read()
    diff = [n for n in originals if now[n] != originals[n]]
    ctx.result(f"fix repairs {broken} colons (full-width, or no space after) and indentations: "
               "the sample back byte for byte",
               p.returncode == 0 and not diff and broken > 20, f"exit {p.returncode}; differ: {diff}; "
               + (p.stdout + p.stderr)[-400:])
    # The same characters inside texts are not touched.
    texts = os.path.join(tmp, "texts")
    shutil.copytree(src, texts)
    keep = ("title: 工作情况\n"
            "# lead：注释里的冒号\n"
            "paragraphs:\n"
            "  - 'lead：引号里的文字'\n"
            "  - >-\n"
            "    折叠的文字，\n"
            "    lead：也是文字\n"
            "items:\n"
            "  - lead: 抓好学习。\n"
            "    body: 全年组织学习十二次，\n"
            "      lead：这是续行\n")
    with open(os.path.join(texts, "1-zhidu.yaml"), "w", encoding="utf-8") as f:
        f.write(keep)
    p = subprocess.run([ctx.shuzhi, "fix", texts], capture_output=True, text=True, timeout=60)
    with open(os.path.join(texts, "1-zhidu.yaml"), encoding="utf-8") as f:
        after = f.read()
    ctx.result("fix leaves “：” in comments, quotes, blocks and continued texts alone", after == keep,
               after + (p.stdout + p.stderr)[-300:])


def test_many_files_json(ctx, src, tmp):
    """A long report's files are parsed on a second thread too (load/prefetch.c):
    what parsing them reports must reach check --format=json like the rest."""
    case = os.path.join(tmp, "many")
    shutil.copytree(src, case)
    names = sorted(n for n in os.listdir(case) if n != "report.yaml" and n.endswith(".yaml"))
    for i in range(6):
        shutil.copy(os.path.join(case, names[0]), os.path.join(case, f"x{i}.yaml"))
        names.append(f"x{i}.yaml")
    with open(os.path.join(case, "report.yaml"), encoding="utf-8") as f:
        report = f.read()
    report = report[:report.index("sections:")] + "sections:\n" + "".join(f"  - {n}\n" for n in names)
    with open(os.path.join(case, "report.yaml"), "w", encoding="utf-8") as f:
        f.write(report)
    broken = [names[i] for i in range(len(names)) if i in (0, 1, 3)]  # either thread's
    for n in broken:
        with open(os.path.join(case, n), "w", encoding="utf-8") as f:
            f.write("title: [unclosed\n")
    p = subprocess.run([ctx.shuzhi, "check", case, "--format=json"], capture_output=True,
                       text=True, timeout=60)
    try:
        got = sorted(os.path.basename(d["file"]) for d in json.loads(p.stdout)["diagnostics"])
    except (ValueError, KeyError, TypeError) as e:
        got = f"not JSON ({e})"
    ctx.result(f"{len(names)} files, a parse error in {len(broken)}: each in check --format=json",
               got == broken, f"{got} " + p.stdout[:300])


def run(ctx):
    src = os.path.join(ctx.root, "content", "2020")
    tmp = tempfile.mkdtemp(prefix="shuzhi-yamlerr-")
    try:
        test_fix(ctx, src, tmp)
        test_many_files_json(ctx, src, tmp)
        results = {}
        for name in sorted(os.listdir(src)):
            if not name.endswith(".yaml"):
                continue
            with open(os.path.join(src, name), encoding="utf-8") as f:
                lines = f.read().split("\n")
            for cls, at, new, says in mutations(lines):
                case = os.path.join(tmp, "c")
                shutil.rmtree(case, ignore_errors=True)
                shutil.copytree(src, case)
                with open(os.path.join(case, name), "w", encoding="utf-8") as f:
                    f.write("\n".join(new))
                p = subprocess.run([ctx.shuzhi, "build", case, "-o", os.path.join(tmp, "out"), "--no-check"],
                                   capture_output=True, text=True, timeout=60)
                m = first_diag(p.stderr)
                why = None
                if p.returncode != 1 or m is None:
                    why = f"exit {p.returncode}, no diagnostic"
                elif ENGLISH.search(p.stderr):
                    why = "libyaml's English shown"
                elif not (m.group(1).endswith("/" + name) and int(m.group(2)) == at + 1 and m.group(4) == "error"):
                    why = f"at {os.path.basename(m.group(1))}:{m.group(2)}, not line {at + 1}"
                elif says not in m.group(5):
                    why = f"does not say {says}"
                r = results.setdefault(cls, [0, []])
                r[0] += 1
                if why:
                    r[1].append(f"{name}:{at + 1} ({why}): {new[at][:40]!r} -> {m.group(0)[-160:] if m else p.stderr[-200:]}")
        for cls, (n, bad) in sorted(results.items()):
            ctx.result(f"{cls}: {n - len(bad)} of {n} broken lines told at the line, in Chinese",
                       not bad, "\n     ".join(bad[:4]))
        ctx.result("every class of mistake was tried", len(results) >= 20, ", ".join(sorted(results)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
