"""reference.py: the reference report's text and its corrected form.

The committed content/2020 is the reference text with its known mistakes
corrected (see ../shared/reference/README.md).  The correction is spelled out
here, independently of the program, so the round-trip tests can fail.
"""
import os
import re

from lib import squeeze

ASCII_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})
FIXES = [("党十九届", "党的十九届"), ("顶的起", "顶得起"), ("病史和、政考", "病史、政考"),
         # Not in the reference's own list of mistakes, but wrong all the same: the statutory
         # wording is 习近平强军思想 (兵役法 2021 art. 4), and 作出 goes with 贡献.
         ("习主席强军思想", "习近平强军思想"), ("做出应有贡献", "作出应有贡献")]


def raw(shared):
    with open(os.path.join(shared, "reference", "2020-duty-report.txt"), encoding="utf-8") as f:
        return f.read()


def corrected(shared):
    text = raw(shared).translate(ASCII_TO_FULL)
    for wrong, right in FIXES:
        assert wrong in text, wrong
        text = text.replace(wrong, right)
    return text


def leads(shared):
    """The nine bold leads: 一是 + text up to the first 。"""
    out = []
    for line in corrected(shared).splitlines():
        m = re.match(r"^([一二三]是[^。]*。)", line)
        if m:
            out.append(m.group(1))
    return out


def section_titles(shared):
    return [l for l in corrected(shared).splitlines() if re.match(r"^[一二三]、", l)]
