"""schema.py: the JSON Schema of the content files, and the manual page.

content.schema.json is what `shuzhi schema` prints (made from the loader's
own tables), every content file points to it, and a real JSON Schema
validator (Debian's python3-jsonschema) accepts content/2020 and rejects
what the loader rejects at the level of keys and types.  The manual page
passes `mandoc -T lint` and documents exactly the commands main.c has.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from lib import read

MODELINE = "# yaml-language-server: $schema=../../content.schema.json"

# Run by an interpreter that has jsonschema and yaml; reads
# {"schema": path, "docs": [[name, text], ...]} and prints
# {"schema_error": str|null, "results": {name: [error, ...] | "YAML: ..."}}.
VALIDATOR = r'''
import json, re, sys
import jsonschema, yaml

class Loader(yaml.SafeLoader):
    pass

# Read YAML as the YAML language server and shuzhi do (the 1.2 core schema):
# no timestamps, and only true/false are booleans (not yes/no/on/off).
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

req = json.load(sys.stdin)
with open(req["schema"], encoding="utf-8") as f:
    schema = json.load(f)
out = {"schema_error": None, "results": {}}
try:
    jsonschema.Draft7Validator.check_schema(schema)
except jsonschema.SchemaError as e:
    out["schema_error"] = str(e)[:500]
v = jsonschema.Draft7Validator(schema)
for name, text in req["docs"]:
    try:
        doc = yaml.load(text, Loader=Loader)
    except yaml.YAMLError as e:
        out["results"][name] = "YAML: " + str(e)[:200]
        continue
    errs = []
    for e in v.iter_errors(doc):
        errs.append(e.message[:200])
        for sub in sorted(e.context, key=lambda s: len(s.path))[:4]:
            errs.append("  " + "/".join(map(str, sub.absolute_path)) + ": " + sub.message[:150])
    out["results"][name] = errs
json.dump(out, sys.stdout, ensure_ascii=False)
'''

_python = []


def validator_python():
    """An interpreter with jsonschema and yaml (this one or Debian's), or None."""
    if not _python:
        found = None
        for exe in (sys.executable, "/usr/bin/python3"):
            if exe and os.path.exists(exe) and subprocess.run(
                    [exe, "-c", "import jsonschema, yaml"], capture_output=True).returncode == 0:
                found = exe
                break
        _python.append(found)
    return _python[0]


def validate(schema_path, docs):
    """Validate [(name, yaml_text)]; returns (schema_error, {name: errors or 'YAML: ...'})."""
    exe = validator_python()
    p = subprocess.run([exe, "-c", VALIDATOR], input=json.dumps({"schema": schema_path, "docs": docs}),
                       capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        raise RuntimeError("validator failed: " + p.stderr[-800:])
    out = json.loads(p.stdout)
    return out["schema_error"], out["results"]


# Loader messages that a JSON Schema can express (keys, types, required, formats).
SCHEMA_LEVEL = ("未知的键", "应为", "缺少必填", "不能为空", "至少要列出")


def run(ctx):
    schema_path = os.path.join(ctx.root, "content.schema.json")

    # 1. The committed file is exactly what the program prints.
    p = subprocess.run([ctx.shuzhi, "schema"], capture_output=True, timeout=20)
    committed = open(schema_path, "rb").read() if os.path.exists(schema_path) else b""
    ctx.result("shuzhi schema prints the committed content.schema.json",
               p.returncode == 0 and p.stdout == committed,
               f"exit {p.returncode}; rerun: build/shuzhi schema -o content.schema.json" + p.stderr.decode()[-300:])
    try:
        schema = json.loads(committed.decode("utf-8"))
    except ValueError as e:
        ctx.result("content.schema.json is JSON", False, str(e))
        return
    defs = schema.get("definitions", {})
    closed = all(d.get("additionalProperties") is False for d in defs.values())
    ctx.result("every object in the schema is closed to unknown keys", closed and len(defs) >= 3)
    descs = [pr.get("description", "") for d in defs.values() for pr in d.get("properties", {}).values()]
    ctx.result("every property has a Chinese description",
               descs and all(re.search(r"[\u4e00-\u9fff]", s) for s in descs))
    o = subprocess.run([ctx.shuzhi, "schema", "-o", os.path.join(tempfile.gettempdir(), "shuzhi-schema-test.json")],
                       capture_output=True, timeout=20)
    ctx.result("shuzhi schema -o FILE writes the same", o.returncode == 0 and
               open(os.path.join(tempfile.gettempdir(), "shuzhi-schema-test.json"), "rb").read() == committed)

    # 2. Every content file points editors at the schema.
    top = os.path.join(ctx.root, "content")
    for year in sorted(os.listdir(top)):
        for name in sorted(os.listdir(os.path.join(top, year))):
            if name.endswith((".yaml", ".yml")):
                first = read(os.path.join(top, year, name)).split("\n", 1)[0]
                ctx.result(f"content/{year}/{name} starts with the schema modeline", first == MODELINE, first)

    # 3. A real validator: content/2020 passes, mistakes do not.
    if validator_python() is None:
        ctx.result("a JSON Schema validator is installed", False,
                   "apt-get install python3-jsonschema python3-yaml")
        manual(ctx)
        return
    c2020 = os.path.join(top, "2020")
    docs = [(f"content/2020/{n}", read(os.path.join(c2020, n)))
            for n in sorted(os.listdir(c2020)) if n.endswith(".yaml")]
    rep, sec = "report.yaml", "1-zhidu.yaml"
    deeper = ("sections:\n  - title: 二\n    sections:\n      - title: 三\n"
              "        sections:\n          - title: 四\n")
    bad = {   # name: (file, text in content/2020, replaced by)
        "wrong type: year in Chinese numerals": (rep, "year: 2020", "year: 二〇二〇"),
        "wrong type: year as a list": (rep, "year: 2020", "year: [2020]"),
        "wrong type: title as a list": (sec, "title: 提高认识，严格贯彻落实各项制度", "title: [提高认识]"),
        "wrong type: sections as a text": (rep, "sections:\n  - 1-zhidu.yaml\n  - 2-jichu.yaml\n"
                                              "  - 3-zhongdian.yaml", "sections: 1-zhidu.yaml"),
        "wrong type: lead as a map": (sec, "lead: 统一思想，提高站位。", "lead: {a: b}"),
        "wrong type: addressee as a boolean": (rep, "addressee: 各位领导、同志们", "addressee: true"),
        "unknown key in report.yaml": (rep, "topic:", "topci:"),
        "unknown key in an item": (sec, "lead: 统一思想", "laed: 统一思想"),
        "missing required: unit": (rep, "unit: XXX镇党委\n", ""),
        "missing required: lead": (sec, "    lead: 统一思想，提高站位。\n", ""),
        "bad date: February 30th": (rep, "# date: 2020-12-30", "date: 2020-02-30"),
        "bad date: words": (rep, "# date: 2020-12-30", "date: 年底"),
        "five heading levels": (sec, "items:", deeper + "            sections:\n              - title: 五\nitems:"),
    }
    good = {
        "date 2020-12-30": (rep, "# date: 2020-12-30", "date: 2020-12-30"),
        "date 2020年12月30日": (rep, "# date: 2020-12-30", "date: 2020年12月30日"),
        "empty optional field": (rep, "addressee: 各位领导、同志们", "addressee:"),
        "year as a quoted text": (rep, "year: 2020", "year: \"2020\""),
        "four heading levels": (sec, "items:", deeper + "items:"),
    }
    mutated = {}
    for table in (bad, good):
        for k, (fname, old, new) in table.items():
            orig = read(os.path.join(c2020, fname))
            ctx.result(f"mutation \"{k}\" applies to content/2020/{fname}", old in orig, old)
            mutated[k] = (fname, orig.replace(old, new, 1))
    cases = docs + [("bad: " + k, mutated[k][1]) for k in bad] + [("good: " + k, mutated[k][1]) for k in good]

    # The loader's own bad-input cases that are about keys and types.
    badroot = os.path.join(ctx.root, "tests", "bad")
    schema_cases = []
    for name in sorted(os.listdir(badroot)):
        expect = read(os.path.join(badroot, name, "expect")).splitlines()[0]
        if not any(m in expect.split(": error: ", 1)[-1] for m in SCHEMA_LEVEL):
            continue
        m = re.match(r"\$DIR/([^:]+):", expect)
        if not m:
            continue
        schema_cases.append(name)
        cdir = os.path.join(badroot, name, "content")
        for f in sorted(os.listdir(cdir)):
            tag = "bad" if f == m.group(1) else "good"
            cases.append((f"{tag}: tests/bad/{name}/{f}", open(os.path.join(cdir, f), encoding="utf-8",
                                                             errors="replace").read()))
    ctx.result("the loader's unknown-key, wrong-type and missing-required cases are checked",
               {"unknown-key", "wrong-type", "missing-required"} <= set(schema_cases), str(schema_cases))

    err, results = validate(schema_path, cases)
    ctx.result("content.schema.json is a valid draft-07 schema", err is None, err or "")
    for name, _ in cases:
        r = results.get(name)
        if name.startswith("bad: "):
            ctx.result(f"schema rejects {name[5:]}", isinstance(r, list) and len(r) > 0, str(r))
        else:
            label = name[6:] if name.startswith("good: ") else name
            ctx.result(f"schema accepts {label}", r == [], "\n     ".join(r) if isinstance(r, list) else str(r))

    # The loader agrees with the schema on the made-up mistakes.
    tmp = tempfile.mkdtemp(prefix="shuzhi-schema-")
    try:
        for k in bad:
            fname, text = mutated[k]
            d = os.path.join(tmp, "c")
            shutil.rmtree(d, ignore_errors=True)
            shutil.copytree(c2020, d)
            with open(os.path.join(d, fname), "w", encoding="utf-8") as f:
                f.write(text)
            q = subprocess.run([ctx.shuzhi, "build", d, "-o", os.path.join(tmp, "out")],
                               capture_output=True, text=True, timeout=60)
            first = q.stderr.splitlines()[0] if q.stderr else ""
            ctx.result(f"loader rejects {k} too", q.returncode == 1 and f"{fname}:" in first and
                       ": error: " in first, f"exit {q.returncode}: {first}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    manual(ctx)


def manual(ctx):
    """The manual page: lint-clean and covering exactly the existing commands."""
    page = os.path.join(ctx.root, "shuzhi.1")
    if not os.path.exists(page):
        ctx.result("shuzhi.1 exists", False)
        return
    if shutil.which("mandoc") is None:
        ctx.result("mandoc is installed", False, "apt-get install mandoc")
    else:
        p = subprocess.run(["mandoc", "-T", "lint", page], capture_output=True, text=True)
        ctx.result("mandoc -T lint shuzhi.1 prints nothing", p.stdout == "" and p.stderr == "" and
                   p.returncode == 0, (p.stdout + p.stderr)[-1500:])
        p = subprocess.run(["mandoc", "-T", "utf8", page], capture_output=True, text=True)
        ctx.result("the manual page renders", p.returncode == 0 and "shuzhi" in p.stdout)
    text = read(page)
    main_c = read(os.path.join(ctx.root, "generator", "cli", "main.c"))
    have = set(re.findall(r'\{\s*"([a-z-]+)"\s*,\s*cmd_\w+\s*\}', main_c))
    documented = set(re.findall(r"^\.It Cm ([a-z-]+)", text, re.M))
    ctx.result("the manual documents every command in main.c", have <= documented,
               "missing: " + ", ".join(sorted(have - documented)))
    ctx.result("the manual documents no command main.c lacks", documented <= have,
               "not in main.c: " + ", ".join(sorted(documented - have)))
    ctx.result("the manual names SOURCE_DATE_EPOCH and the exit codes",
               "SOURCE_DATE_EPOCH" in text and ".Sh EXIT STATUS" in text)
