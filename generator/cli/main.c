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
"  build CONTENT_DIR -o OUT_DIR   生成 OUT_DIR/report.md 和 OUT_DIR/report.pdf\n"
"  template [--escape=html|markdown|none] [--partials DIR] TEMPLATE DATA.yaml\n"
"                                 用 YAML/JSON 数据渲染任意 Mustache 模板到标准输出\n"
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
		{ "template", cmd_template },
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
