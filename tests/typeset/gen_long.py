#!/usr/bin/env python3
"""gen_long.py: write long-report.md, the typesetter's stress test: a long
title (balanced lines), four heading levels, 60 item paragraphs over many
pages, names with 堃 and 喆 (outside GB2312), mixed 2020年/GDP/——/……/《》/“”
text, a signature and a date.  Built from the 2020 reference report."""
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(HERE, "report-2020.md")

items = []
for line in open(REF, encoding="utf-8"):
    m = re.match(r"\*\*[一二三四五六七八九十]是(.+?)\*\*。(.*)", line.strip())
    if m:
        items.append((m.group(1), m.group(2)))
EXTRA = [
    "张堃同志和李喆同志分别负责民兵整组和国防教育工作，全年组织培训12次，参训人员达到800余人次，较2019年增长15.6%。",
    "全镇GDP增长6.5%，武装工作经费全部纳入财政预算——这是党管武装制度落到实处的直接体现。",
    "我们认真学习了《中华人民共和国兵役法》《民兵工作条例》等法规……通过学习，干部群众的国防意识明显增强。",
    "正如一位老民兵所说：“国防不是别人的事，是每一个人的事。”这句话道出了全镇群众的心声。",
    "2020年12月，镇武装部组织开展了“强军兴武”主题活动，参加人员包括基干民兵、应征青年和退役军人共计300余人。",
]
NUM = "一二三四五六七八九十"
out = ["# XXX镇党委关于2020年度党管武装工作和基层民兵组织建设情况以及2021年工作打算的述职报告", "",
       "<!-- shuzhi:addressee -->", "各位领导、同志们：", "",
       "根据区委、区政府和区人武部的统一要求，现将XXX镇党委2020年度履行党管武装工作职责情况"
       "和2021年工作打算报告如下，请予审议。", ""]
n = 0
for s, title in enumerate(["提高认识，严格贯彻落实各项制度", "夯实基础，扎实推进人武全面建设",
                           "突出重点，着力开展人民武装工作"]):
    out += [f"## {NUM[s]}、{title}", ""]
    for t, sub in enumerate(["加强组织领导", "完善工作机制"]):
        out += [f"### （{NUM[t]}）{sub}", ""]
        for u, h4 in enumerate(["明确责任分工", "强化督促检查"]):
            out += [f"#### {u + 1}. {h4}", "", f"##### （{u + 1}）{['建立台账', '定期通报'][u]}", ""]
            for v in range(5):
                lead, body = items[n % len(items)]
                n += 1
                if n % 3 == 0:
                    body = EXTRA[(n // 3) % len(EXTRA)] + body
                out += [f"**{NUM[v]}是{lead}**。{body}", ""]
out += ["在新的一年里，我们将继续认真落实上级的各项工作要求——克服困难，抓住重点，突破难点……"
        "以武装工作的新佳绩庆祝中国共产党建党100周年。", "",
        "<!-- shuzhi:signature -->", "中共XXX镇委员会", "", "<!-- shuzhi:date -->", "2020年12月30日", ""]
with open(os.path.join(HERE, "long-report.md"), "w", encoding="utf-8") as f:
    f.write("\n".join(out))
print(n, "item paragraphs")
