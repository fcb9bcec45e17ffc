/*
 * cmdtable.c: every command of shuzhi, its arguments and its options, in
 * one table (see options.h).  The usage texts, shuzhi --help and the
 * parsing all come from here; tests/cli.py holds shuzhi.1 and README.md
 * to it.  To add an option, add a row to the command's list.
 */
#include <stddef.h>

#include "options.h"

#define F(field)	offsetof(struct settings, field)

/* Options several commands share, written once. */
#define OPT_RULES	{ "--rules", NULL, "DIR", NULL, "规则文件夹（默认 rules/）", F(rules), 0 }
#define OPT_TEMPLATES	{ "--templates", NULL, "DIR", NULL, "模板文件夹（默认 templates/）", \
			  F(templates), 0 }
#define OPT_STYLE	{ "--style", NULL, "FILE", NULL, \
			  "版式设置（默认为模板文件夹中的 style.yaml）", F(style), 0 }
#define OPT_FONTS	{ "--fonts", NULL, "FILE", NULL, "字体设置（默认 fonts/fonts.yaml）", \
			  F(fonts), 0 }
#define OPT_END		{ NULL, NULL, NULL, NULL, NULL, 0, 0 }

/* build and watch: watch hands the same settings to build. */
static const struct option_def build_opts[] = {
	{ "-o", NULL, "OUT_DIR", NULL, "报告写到这个文件夹（如 out/2021），没有时自动新建",
	  F(out), OPT_REQUIRED },
	{ "--no-check", NULL, NULL, NULL, "不做规则检查（草稿用；会在标准错误上说明）",
	  F(no_check), 0 },
	{ "--strict", NULL, NULL, NULL, "警告（如没有替换的占位符）也算错误", F(strict), 0 },
	{ "--timings", NULL, NULL, NULL, "在标准错误上显示各阶段的用时", F(timings), 0 },
	OPT_RULES,
	OPT_TEMPLATES,
	OPT_STYLE,
	OPT_FONTS,
	OPT_END,
};

static const struct option_def check_opts[] = {
	{ "--strict", NULL, NULL, NULL, "警告（如没有替换的占位符 XXX）也算错误", F(strict), 0 },
	{ "--format", NULL, "FORMAT", "text|json|sarif",
	  "text（默认，“文件:行:列: 级别: 说明 [规则]”），json（给工具用）或 sarif（给 CI）",
	  F(format), 0 },
	OPT_RULES,
	OPT_END,
};

static const struct option_def fix_opts[] = {
	{ "--dry-run", "-n", NULL, NULL, "只显示将要做的修改（unified diff），不写文件", F(dry_run), 0 },
	OPT_RULES,
	OPT_END,
};

static const struct option_def rules_opts[] = {
	{ "--strict", NULL, NULL, NULL, "（rules test）没有示例的规则也算错误", F(strict), 0 },
	{ "--format", NULL, "FORMAT", "text|json",
	  "（rules test）text（默认）或 json：每一句的结果（给测试和基准程序用）", F(format), 0 },
	OPT_RULES,
	OPT_END,
};

static const struct option_def diff_opts[] = {
	{ "-o", NULL, "OUT_DIR", NULL, "输出文件夹（默认 out/<年份>/diff）", F(out), 0 },
	{ "--rev", NULL, "A..B", NULL, "比较 git 版本 A 和 B 中的 PATH；省略 B 时与工作区比较",
	  F(rev), 0 },
	{ "--exit-code", NULL, NULL, NULL, "有改动时退出码为 1（与 git diff --exit-code 相同）",
	  F(exit_code), 0 },
	{ "--no-pdf", NULL, NULL, NULL, "不排版 diff.pdf", F(no_pdf), 0 },
	OPT_STYLE,
	OPT_FONTS,
	OPT_END,
};

static const struct option_def new_opts[] = {
	{ "--from", NULL, "YEAR|DIR", NULL, "底稿的年份或文件夹（默认：早于 YEAR 的最近一年）",
	  F(from), 0 },
	{ "--content", NULL, "DIR", NULL, "各年内容所在的文件夹（默认 content）", F(content), 0 },
	{ "--keep-text", NULL, NULL, NULL, "保留去年的正文和事实（不换成“[待补充]”），"
	  "其中去年的年份和日期标出待改", F(keep_text), 0 },
	OPT_END,
};

static const struct option_def import_opts[] = {
	{ "-o", NULL, "CONTENT_DIR", NULL, "要写出的内容文件夹（如 content/2021），须不存在或为空",
	  F(out), OPT_REQUIRED },
	{ "--year", NULL, "N", NULL, "述职年度（原文中找不到年度时必须给出）", F(year), 0 },
	{ "--unit", NULL, "NAME", NULL, "述职单位（原文中找不到时暂写“XXX”）", F(unit), 0 },
	{ "--reject-changes", NULL, NULL, NULL, "拒绝 .docx 中的全部修订，导入修订前的原文",
	  F(reject_changes), 0 },
	{ "--accept-changes", NULL, NULL, NULL, "接受全部修订（默认）", F(accept_changes), 0 },
	OPT_RULES,
	OPT_END,
};

static const struct option_def schema_opts[] = {
	{ "-o", NULL, "FILE", NULL, "写入 FILE（整体替换），而不是标准输出", F(out), 0 },
	OPT_END,
};

static const struct option_def typeset_opts[] = {
	{ "-o", NULL, "FILE.pdf", NULL, "要写出的 PDF", F(out), OPT_REQUIRED },
	OPT_STYLE,
	OPT_FONTS,
	{ "--title", NULL, "TEXT", NULL, "PDF 文档标题（默认取第一个一级标题）", F(title), 0 },
	{ "--author", NULL, "TEXT", NULL, "PDF 作者（单位）", F(author), 0 },
	{ "--subject", NULL, "TEXT", NULL, "PDF 主题", F(subject), 0 },
	{ "--dump-lines", NULL, "FILE", NULL,
	  "另把排好的每一行（页、行、元素、位置、文字）写成文本（- 为标准输出；测试分行用）",
	  F(dump_lines), 0 },
	OPT_END,
};

static const struct option_def docx_opts[] = {
	{ "-o", NULL, "FILE.docx", NULL, "要写出的 Word 文档；- 为标准输出", F(out), OPT_REQUIRED },
	OPT_STYLE,
	OPT_FONTS,
	{ "--title", NULL, "TEXT", NULL, "文档标题（默认取第一个一级标题）", F(title), 0 },
	{ "--author", NULL, "TEXT", NULL, "作者（单位）", F(author), 0 },
	{ "--subject", NULL, "TEXT", NULL, "主题", F(subject), 0 },
	{ "--md-path", NULL, "PATH", NULL, "诊断中标准输入的名字（build 用）", F(md_path), OPT_HIDDEN },
	OPT_END,
};

static const struct option_def fonts_opts[] = {
	OPT_FONTS,
	OPT_TEMPLATES,
	OPT_STYLE,
	OPT_END,
};

static const struct option_def template_opts[] = {
	{ "--escape", NULL, "MODE", "html|markdown|none",
	  "{{名称}} 的转义方式（默认 html；{{{名称}}} 不转义）", F(escape), 0 },
	{ "--partials", NULL, "DIR", NULL, "局部模板 {{>名称}} 取自 DIR/名称.mustache",
	  F(partials), 0 },
	{ "--missing-partial", NULL, "MODE", "error|empty",
	  "找不到的局部模板是错误（默认），或按 Mustache 规范当作空文字", F(missing_partial), 0 },
	OPT_END,
};

static const struct option_def no_opts[] = {
	OPT_END,
};

const struct command_def shuzhi_commands[] = {
	{ "build", "CONTENT_DIR", 1, 1,
	  "检查内容，生成 OUT_DIR/report.md、report.pdf 和 report.docx",
	  "  读取 CONTENT_DIR（如 content/2021）中的 report.yaml 及其列出的各部分文件，\n"
	  "  先按规则检查内容，再写出 OUT_DIR/report.md、OUT_DIR/report.pdf 和\n"
	  "  OUT_DIR/report.docx（Word 文档，版式同 PDF，由 shuzhi-docx 生成）。\n"
	  "  有错误时不写任何文件，原来的报告保持不变；警告照常显示，不影响生成。\n",
	  "shuzhi build content/2021 -o out/2021", build_opts, NULL },
	{ "check", "CONTENT_DIR", 1, 1,
	  "只按规则检查内容，不生成",
	  "  按规则检查 CONTENT_DIR（如 content/2021）中的内容：标点（GB/T 15834）、数字\n"
	  "  （GB/T 15835）、规范表述、占位符等，指出每个问题所在的文件、行和列。\n",
	  "shuzhi check content/2021 --strict", check_opts,
	  "能自动修改的问题，用 shuzhi fix CONTENT_DIR 修改。\n"
	  "退出码：0 没有错误；1 有错误；2 用法错误或无法读取。\n" },
	{ "fix", "CONTENT_DIR", 1, 1,
	  "把能自动修改的问题直接改在 YAML 文件中",
	  "  把规则能自动修改的问题（半角标点、规范表述、的地得等）和确定的 YAML 写法错误\n"
	  "  （键后的全角冒号、行首的全角空格）直接改在 CONTENT_DIR 的 YAML 文件里：只改\n"
	  "  shuzhi check 报告了的字符，注释、键的顺序、引号和换行都不变，并列出每一处修改。\n"
	  "  每个文件整体替换写入，权限和所有者不变；符号链接改的是它指向的文件，有别的\n"
	  "  硬链接的文件不改。再运行一次不会再有改动。\n",
	  "shuzhi fix content/2021 --dry-run", fix_opts,
	  "退出码：0 修改完成，没有剩下的错误；1 还有要手工修改的错误；2 用法错误或无法写入。\n" },
	{ "rules", "[list | test [LABELLED.tsv ...]]", 0, SETTINGS_MAX_ARGS,
	  "列出规则；检验规则的示例和标注的句子（检出率、误报）",
	  "  rules            列出全部规则：标识、级别、说明（关闭某条检查时在 report.yaml 中写\n"
	  "                   disable: [标识]）\n"
	  "  rules test       检验规则：运行每条规则 examples 中的示例，match 中的文字应被这条规则\n"
	  "                   报告（写了 fix 时，改正后应与之相同），ok 中的文字不应被报告\n"
	  "  LABELLED.tsv     标注的句子，每行“错句<TAB>正确句<TAB>类别[<TAB>字段]”：错句应被\n"
	  "                   这一类规则报告（类别是规则标识或它的前缀，如 de、punct.fullwidth），\n"
	  "                   正确句不应有任何报告；错句空着的行只检验正确句。给出检出率和误报\n",
	  "shuzhi rules test tests/rules/labelled.tsv", rules_opts,
	  "退出码：0 通过；1 有示例没通过、正确句被报告或规则文件有错；2 用法错误。\n" },
	{ "diff", "OLD NEW", 1, 2,
	  "比较两个版本（文件夹或 git 版本），写出修改对照",
	  "  比较同一份报告内容的两个版本，写出 OUT_DIR/diff.md（修改对照，GitHub 上可读）、\n"
	  "  OUT_DIR/diff.pdf（删去的文字为红色删除线，新加的为蓝色下划线，首页是改动摘要）\n"
	  "  和 OUT_DIR/diff.json。OLD、NEW 是内容文件夹（如 content/2020），或 git 中的版本\n"
	  "  （如 HEAD~1:content/2020；冒号后的路径从仓库根目录算起，以 ./ 开头时从当前目录\n"
	  "  算起）；用 --rev A..B 时只给一个 PATH。两个版本相同时说“没有改动”，diff.md\n"
	  "  中也只写这一句，不排版 diff.pdf（删去上一次的）。\n",
	  "shuzhi diff HEAD~1:content/2021 content/2021", diff_opts,
	  "退出码：0 成功；1 有改动（仅在 --exit-code 时）；2 出错（内容有错误、版本不存在、\n"
	  "  文件无法读写等）。\n" },
	{ "new", "YEAR", 1, 1,
	  "以上一年为底稿新建 content/YEAR",
	  "  以上一年的内容为底稿，新建 DIR/YEAR（默认 content/YEAR）：文件和各部分不变，\n"
	  "  标题和条目的引领句保留作提示，正文换成“[待补充]”，年度改为 YEAR，成文日期清空，\n"
	  "  每个字段前有说明。内容文件夹中还没有任何一年时，以安装的示例为底稿。\n"
	  "  已有的文件夹不会被覆盖。\n",
	  "shuzhi new 2022", new_opts, NULL },
	{ "import", "FILE", 1, 1,
	  "把已有的 .txt/.docx 报告（修订默认接受）转成内容文件夹",
	  "  把已有的述职报告（纯文本，UTF-8 或 GBK/GB18030 编码；或 Word 的 .docx）\n"
	  "  转换为内容文件夹：report.yaml 和每个部分一个文件。标题、称谓、各级标题、\n"
	  "  条目（一是、二是）、结尾、落款、附件按规则识别，标题的编号去掉（由程序生成；\n"
	  "  附件正文中的编号照原文），改写了的编号和无法归类的段落都给出原文的行号。\n"
	  "  导入后按规则检查，列出规则会改的地方。\n"
	  "  .docx 中的修订（插入、删除、移动）默认全部接受，每处修订、每条批注都给出\n"
	  "  一条提示：作者、日期、位置（第几段第几个字）和内容。\n",
	  "shuzhi import 去年的报告.docx -o content/2021", import_opts, NULL },
	{ "watch", "CONTENT_DIR", 1, 1,
	  "生成一次，之后一保存就重新生成",
	  "  先像 build 一样生成一次报告，之后内容、模板、规则或字体设置文件一有改动就\n"
	  "  重新生成，并打印诊断信息；可以一边编辑，一边开着 OUT_DIR/report.pdf 看结果。\n"
	  "  按 Ctrl-C 结束。选项与 build 相同。\n",
	  "shuzhi watch content/2021 -o out/2021", build_opts, NULL },
	{ "init", "DIR", 1, 1,
	  "新建一个自己的报告仓库（Makefile、示例内容、字体文件夹）",
	  "  在 DIR（不存在或为空的文件夹）中新建一个报告仓库：调用这个 shuzhi 的 Makefile、\n"
	  "  .gitignore、content.schema.json、放授权字体的 fonts/（含 fonts.yaml）和\n"
	  "  一年示例内容。之后在 DIR 中运行 make 生成报告。\n",
	  "shuzhi init ~/述职报告", no_opts, NULL },
	{ "schema", "", 0, 0,
	  "输出内容文件的 JSON Schema（供编辑器补全、提示）",
	  "  输出内容文件（report.yaml 和各部分的文件）的 JSON Schema，供编辑器的 YAML 插件\n"
	  "  补全键名、显示说明、提示类型错误。仓库中保存为 content.schema.json。\n",
	  "shuzhi schema -o content.schema.json", schema_opts, NULL },
	{ "typeset", "FILE.md", 1, 1,
	  "把 Markdown 直接排成 PDF",
	  "  把按报告约定写成的 Markdown 排成 GB/T 9704-2012 格式的 PDF。\n"
	  "  环境变量 SOURCE_DATE_EPOCH 给出 PDF 的创建日期（不设则不写日期）。\n",
	  "shuzhi typeset out/2021/report.md -o report.pdf", typeset_opts,
	  "退出码：0 成功；1 内容有错误（如字体中没有的字），未写出 PDF；2 用法错误或文件无法读写。\n" },
	{ "docx", "FILE.md", 1, 1,
	  "把 Markdown 写成 GB/T 9704 版式的 Word 文档",
	  "  把按报告约定写成的 Markdown 写成 GB/T 9704-2012 版式的 Word 文档（.docx）：\n"
	  "  A4，版心 156 × 225 mm，文档网格每页 22 行、每行 28 字，奇偶页页码，\n"
	  "  按角色命名的段落样式（公文标题、主送、正文、一级标题……）。shuzhi build\n"
	  "  在 report.md、report.pdf 旁边写出的 report.docx 就是这样生成的。\n"
	  "  FILE.md 为 - 时读标准输入；-o - 时写到标准输出。\n"
	  "  环境变量 SOURCE_DATE_EPOCH 给出文档的创建日期（不设则不写日期）。\n",
	  "shuzhi docx out/2021/report.md -o report.docx", docx_opts,
	  "退出码：0 成功；1 内容有错误，未写出；2 用法错误或文件无法读写。\n" },
	{ "fonts", "[CONTENT_DIR]", 0, 1,
	  "各角色用哪个字体文件，内容的字由哪些字体提供",
	  "  列出字体设置中每个字体角色实际使用的字体（首选、后备、粗体）：字体名、轮廓类型\n"
	  "  （TrueType 或 OpenType/CFF）、文件和集合中的 index，以及跳过了哪些候选、为什么。\n"
	  "  给出 CONTENT_DIR 时，再统计这份内容用到的字符：每个角色多少个，哪些由后备字体\n"
	  "  提供，哪些所有字体都没有，以及它们在内容文件中第一次出现的位置。\n",
	  "shuzhi fonts content/2021", fonts_opts,
	  "退出码：0 成功；1 有字符没有任何字体能排；2 用法错误或字体设置无法读取。\n" },
	{ "template", "TEMPLATE DATA.yaml", 2, 2,
	  "用 YAML/JSON 数据试渲染 Mustache 模板",
	  "  用 DATA.yaml（YAML 或 JSON）中的数据渲染 Mustache 模板 TEMPLATE，写到标准输出。\n",
	  "shuzhi template --escape markdown --partials templates templates/report.md.mustache data.yaml",
	  template_opts,
	  "退出码：0 成功；1 模板或数据有错误；2 用法错误或文件无法读取。\n" },
	{ "help", "[COMMAND]", 0, 1,
	  "显示全部命令，或一个命令的说明和选项",
	  "  不带参数时列出全部命令；带命令名时显示这个命令的说明和全部选项。\n",
	  "shuzhi help build", no_opts, NULL },
	{ NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL },
};
