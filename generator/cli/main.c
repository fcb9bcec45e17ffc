/* main.c: shuzhi's entry point; dispatches to the sub-commands. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "version.h"

static const char usage[] =
"用法：shuzhi 命令 [选项] [参数]\n"
"\n"
"把按年份写成 YAML 的述职内容，生成经过检查、按 GB/T 9704-2012 排版的\n"
"述职报告（PDF）和便于在 git 中审阅的 Markdown。\n"
"\n"
"命令：\n"
"  build CONTENT_DIR -o OUT_DIR   生成 OUT_DIR/report.md、report.pdf 和 report.docx\n"
"  check CONTENT_DIR [--strict] [--format=text|json|sarif] [--rules DIR]\n"
"                                 按 rules/ 中的规则检查内容（标点、数字、规范表述……）\n"
"  fix CONTENT_DIR [--dry-run]    把能自动修改的问题直接改在 YAML 文件中\n"
"  rules [test [LABELLED.tsv ...]] [--rules DIR]\n"
"                                 列出规则；检验规则的示例和标注的句子（检出率、误报）\n"
"  template [--escape=html|markdown|none] [--partials DIR] TEMPLATE DATA.yaml\n"
"                                 用 YAML/JSON 数据渲染任意 Mustache 模板到标准输出\n"
"  typeset FILE.md -o FILE.pdf [--style FILE] [--fonts FILE]\n"
"                                 把按报告约定写的 Markdown 排成 GB/T 9704 格式的 PDF\n"
"  docx FILE.md -o FILE.docx [--style FILE]\n"
"                                 把按报告约定写的 Markdown 写成 GB/T 9704 版式的 Word 文档\n"
"  fonts [CONTENT_DIR] [--fonts FILE]\n"
"                                 每个字体角色用哪个字体文件；内容的字符由哪些字体提供\n"
"  watch CONTENT_DIR -o OUT_DIR   生成一次，之后内容、模板、规则、字体设置一改就重新生成\n"
"  new YEAR [--from PREVIOUS_YEAR] [--content DIR]\n"
"                                 以上一年为底稿新建 content/YEAR（不覆盖已有的文件夹）\n"
"  schema [-o FILE]               输出内容文件的 JSON Schema（供编辑器补全、提示）\n"
"  diff OLD NEW [-o OUT_DIR] [--exit-code]\n"
"                                 比较内容的两个版本（文件夹或 git 版本，如\n"
"                                 HEAD~1:content/2020），写出修改对照 diff.md、diff.pdf、\n"
"                                 diff.json（默认在 out/<年份>/diff/）\n"
"  import FILE -o CONTENT_DIR [--year N] [--unit NAME]\n"
"                                 把已有的报告（.txt 或 .docx，修订默认接受）转换为内容文件夹\n"
"\n"
"选项：\n"
"  -h, --help      显示本帮助\n"
"  --version       显示版本\n"
"\n"
"退出码：\n"
"  0  成功\n"
"  1  内容（或模板、规则）有错误，未写出结果\n"
"  2  用法或环境错误（选项不对、文件无法读写、缺少字体等）\n"
"\n"
"诊断信息的格式为“文件:行:列: error|warning: 说明 [规则]”。\n";

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "build", cmd_build },
		{ "check", cmd_check },
		{ "fix", cmd_fix },
		{ "template", cmd_template },
		{ "typeset", cmd_typeset },
		{ "new", cmd_new },
		{ "schema", cmd_schema },
		{ "watch", cmd_watch },
		{ "diff", cmd_diff },
		{ "fonts", cmd_fonts },
		{ "rules", cmd_rules },
		{ "import", cmd_import_exec },
		{ "docx", cmd_docx_exec },
	};
	size_t i;

	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("shuzhi %s\n", SHUZHI_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "shuzhi: error: 未知的命令“%s”；运行 shuzhi --help 查看用法\n", argv[1]);
	return EXIT_USAGE;
}
