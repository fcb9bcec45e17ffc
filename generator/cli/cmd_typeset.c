/*
 * cmd_typeset.c: shuzhi typeset: lay out any Markdown file (written to the
 * report's Markdown contract) as a GB/T 9704 PDF.  For testing the
 * typesetter and for people who write their Markdown by hand.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "paths.h"
#include "../diag/diag.h"
#include "../typeset/typeset.h"
#include "../util/buf.h"
#include "../util/fsio.h"

#define MAX_MARKDOWN	(16u * 1024 * 1024)

static const char typeset_usage[] =
"用法：shuzhi typeset FILE.md -o FILE.pdf [选项]\n"
"  把按报告约定写成的 Markdown 排成 GB/T 9704-2012 格式的 PDF。\n"
"  --style FILE     样式表（默认 templates/style.yaml）\n"
"  --fonts FILE     字体设置（默认 fonts/fonts.yaml）\n"
"  --title TEXT     PDF 文档标题（默认取第一个一级标题）\n"
"  --author TEXT    PDF 作者（单位）\n"
"  --subject TEXT   PDF 主题\n"
"  环境变量 SOURCE_DATE_EPOCH 给出 PDF 的创建日期（不设则不写日期）。\n"
"退出码：0 成功；1 内容有错误（如字体中没有的字），未写出 PDF；\n"
"        2 用法错误或文件无法读写。\n";

int
cmd_typeset(int argc, char **argv)
{
	struct typeset_opts o;
	struct diag d;
	struct buf pdf;
	const char *in = NULL, *out = NULL, *sde;
	char *md, *end, *style_def, *fonts_def;
	size_t len;
	int i, ret;

	memset(&o, 0, sizeof(o));
	o.source_date = -1;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **dst = NULL;

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(typeset_usage, stdout);
			return 0;
		}
		if (strcmp(a, "-o") == 0)
			dst = &out;
		else if (strcmp(a, "--style") == 0)
			dst = &o.style_path;
		else if (strcmp(a, "--fonts") == 0)
			dst = &o.fonts_path;
		else if (strcmp(a, "--title") == 0)
			dst = &o.title;
		else if (strcmp(a, "--author") == 0)
			dst = &o.author;
		else if (strcmp(a, "--subject") == 0)
			dst = &o.subject;
		else if (a[0] == '-' && a[1] != '\0')
			return usage_error(typeset_usage, "未知的选项“%s”", a);
		else if (in != NULL)
			return usage_error(typeset_usage, "多余的参数“%s”", a);
		else {
			in = a;
			continue;
		}
		if (i + 1 >= argc)
			return usage_error(typeset_usage, "选项“%s”后面缺少值", a);
		*dst = argv[++i];
	}
	if (in == NULL)
		return usage_error(typeset_usage, "%s", "缺少 Markdown 文件");
	if (out == NULL)
		return usage_error(typeset_usage, "%s", "缺少 -o FILE.pdf");
	if ((sde = getenv("SOURCE_DATE_EPOCH")) != NULL && *sde != '\0') {
		errno = 0;
		o.source_date = strtoll(sde, &end, 10);
		if (errno != 0 || *end != '\0' || o.source_date < 0)
			return usage_error(typeset_usage, "SOURCE_DATE_EPOCH“%s”不是非负整数秒数", sde);
	}
	o.md_path = in;
	style_def = data_path("templates/style.yaml");
	fonts_def = data_path("fonts/fonts.yaml");
	if (o.style_path == NULL)
		o.style_path = style_def;
	if (o.fonts_path == NULL)
		o.fonts_path = fonts_def;

	diag_init(&d, stderr);
	{
		const char *inputs[3] = { in, o.style_path, o.fonts_path }, *same;

		if ((same = same_file(out, inputs, 3)) != NULL) {
			struct srcpos pos = { diag_intern(&d, out), 0, 0 };

			diag_error(&d, &pos, "输出的 PDF 会覆盖输入文件 %s（同一个文件），"
			    "请换一个输出文件名", same);
			free(style_def);
			free(fonts_def);
			diag_free(&d);
			return EXIT_USAGE;
		}
	}
	if (read_file(&d, in, MAX_MARKDOWN, &md, &len) != 0) {
		free(style_def);
		free(fonts_def);
		diag_free(&d);
		return EXIT_USAGE;
	}
	buf_init(&pdf);
	ret = 0;
	if ((ret = typeset_markdown(&d, md, len, &o, &pdf)) != 0 || d.errors > 0)
		ret = ret == TYPESET_NO_FONTS ? EXIT_USAGE : EXIT_CONTENT;
	else {
		remove_stale_temps_of(out);	/* what a typeset killed while writing left */
		if (write_file_atomic(&d, out, pdf.data, pdf.len, 0) != 0)
			ret = EXIT_USAGE;
	}
	buf_free(&pdf);
	free(md);
	free(style_def);
	free(fonts_def);
	diag_free(&d);
	return ret;
}
