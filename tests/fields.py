"""fields.py: every field of the content is checked, at its own position.

The fields come from the schema itself (`shuzhi schema`): every property of
report.yaml, of the four section levels, of an item and of an attachment.
tests/fields/content has a clean value for each.  One field at a time, an
ASCII comma is put between two Chinese characters of its value (the first
entry of a list, the first value of a map); `shuzhi check` must then report
exactly one finding more than for the clean folder, at that file:line:col.
A text field gives punct.fullwidth there; a field with a format of its own
(year, date, id, file names) gives one error at the value.  A field added
to the schema without a value in tests/fields/content fails here.
"""
import json
import os
import shutil
import tempfile

from lib import check_json, sh

try:
    import yaml
except ImportError:
    yaml = None


def schema_fields(schema):
    """(file, keys down to the field's map, key, property, label) of every leaf property.

    report.yaml is the "report" definition, 1.yaml the "section-1" one;
    lists of maps are followed to their first entry (a $ref or an inline
    object), so "section-1 sections sections title" is a third-level title.
    """
    defs = schema["definitions"]
    out = []

    def walk(name, keys, label, obj):
        for key, prop in obj.get("properties", {}).items():
            items = prop.get("items", {})
            ref = items.get("$ref")
            if ref:
                sub = ref.split("/")[-1]
                walk(name, keys + [key], sub, defs[sub])
            elif items.get("type") == "object":
                walk(name, keys + [key], label + "." + key, items)
            else:
                out.append((name, keys, key, prop, f"{label}.{key}"))
    walk("report.yaml", [], "report", defs["report"])
    walk("1.yaml", [], "section-1", defs["section-1"])
    return out


def typed(prop):
    """A field with a format of its own, not free text."""
    return "pattern" in prop or "pattern" in prop.get("items", {})


def mapping_get(node, key):
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if k.value == key:
            return v
    return None


def locate(content, name, keys, key, want_list=None):
    """The field's YAML node: down keys (first entry of each list), then key.

    want_list: for a field that may be a text or a list (an item's body),
    the first entry whose value is (True) or is not (False) a list.
    """
    with open(os.path.join(content, name), encoding="utf-8") as f:
        text = f.read()
    nodes = [yaml.compose(text)]
    for k in keys:
        nxt = []
        for n in nodes:
            v = mapping_get(n, k)
            if isinstance(v, yaml.SequenceNode):
                nxt += v.value
        nodes = nxt
    for n in nodes:
        v = mapping_get(n, key)
        if v is None:
            continue
        if want_list is None or isinstance(v, yaml.SequenceNode) == want_list:
            return text, v
    return None


def first_scalar(node):
    if isinstance(node, yaml.ScalarNode):
        return node
    if isinstance(node, yaml.SequenceNode):
        return first_scalar(node.value[0])
    if isinstance(node, yaml.MappingNode):
        return first_scalar(node.value[0][1])
    return None


def key_of(d):
    return (os.path.basename(d["file"] or ""), d["line"], d["column"], d["rule"], d["level"])


def run(ctx):
    if yaml is None:
        ctx.result("PyYAML is installed (python3-yaml)", False)
        return
    src = os.path.join(ctx.root, "tests", "fields", "content")
    schema = json.loads(sh([ctx.shuzhi, "schema"]).stdout)
    base = check_json(ctx, src)[1]
    ctx.result("tests/fields/content loads cleanly", base is not None and
               not any(d["level"] == "error" for d in base), str(base)[:400])
    if base is None:
        return
    base = {key_of(d) for d in base}
    tmp = tempfile.mkdtemp(prefix="shuzhi-fields-")
    fields = schema_fields(schema)
    n, seen = 0, set()
    try:
        for name, keys, key, prop, label in fields:
            if label in seen:
                continue        # an item's fields, once (the same at every level)
            seen.add(label)
            kinds = [None]
            if "array" in (prop.get("type") or []) and "string" in (prop.get("type") or []):
                kinds = [False, True]       # a text, and a list of texts
            for want_list in kinds:
                d = os.path.join(tmp, "f")
                shutil.rmtree(d, ignore_errors=True)
                shutil.copytree(src, d)
                what = label + (" (list)" if want_list else "")
                where = locate(d, name, keys, key, want_list)
                if where is None and want_list is False:
                    continue        # written only as a list in the fixture
                if where is None:
                    ctx.result(f"{what}: tests/fields/content has a value for it", False)
                    continue
                text, node = where
                sc = first_scalar(node)
                at = sc.start_mark.index + 2
                with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                    f.write(text[:at] + "," + text[at:])
                got = check_json(ctx, d)[1]
                line, col = sc.start_mark.line + 1, sc.start_mark.column + 1
                if got is None:
                    ctx.result(f"{what}: check runs", False)
                    continue
                n += 1
                fresh = [x for x in got if key_of(x) not in base]
                if label == "report.disable":
                    # Rule names in a flow list: the comma splits one name in two, and
                    # each name that is no rule is a warning where it stands.
                    ok = fresh and all(key_of(x)[:2] == (name, line) and x["level"] == "warning"
                                       and "没有标识为" in x["message"] for x in fresh)
                    ctx.result(f"{what}: a comma in it makes names that are no rule, each a "
                               f"warning on {name}:{line}", ok, str([key_of(x) for x in fresh]))
                elif typed(prop):
                    errs = [x for x in fresh if x["level"] == "error"]
                    ok = len(errs) == 1 and key_of(errs[0])[:3] == (name, line, col)
                    ctx.result(f"{what}: a comma in it is one error at {name}:{line}:{col}", ok,
                               str([key_of(x) for x in fresh]))
                else:
                    ok = len(fresh) == 1 and key_of(fresh[0])[:4] == (name, line, col + 2,
                                                                     "punct.fullwidth")
                    ctx.result(f"{what}: a comma in it is one finding at {name}:{line}:{col + 2}",
                               ok, str([key_of(x) for x in fresh]))
        ctx.note(f"{n} fields of the schema tried")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
