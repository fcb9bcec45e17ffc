/*
 * cmd_docx.c: shuzhi docx FILE.md -o FILE.docx: the report's Markdown as a
 * Word .docx in GB/T 9704 layout (export/docx.h).  It runs in shuzhi-docx;
 * `shuzhi build` runs that program too, with the Markdown on its standard
 * input and the .docx read from its standard output ("-").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "paths.h"
#include "../diag/diag.h"
#include "../export/docx.h"
#include "../util/buf.h"
#include "../util/fsio.h"
#include "../util/syserr.h"

#define MAX_MARKDOWN	(16u * 1024 * 1024)

static const char docx_usage[] =
"用法：shuzhi docx FILE.md -o FILE.docx [选项]\n"
"  把按报告约定写成的 Markdown 写成 GB/T 9704-2012 版式的 Word 文档（.docx）：\n"
"  A4，版心 156 × 225 mm，文档网格每页 22 行、每行 28 字，奇偶页页码，\n"
"  按角色命名的段落样式（公文标题、主送、正文、一级标题……）。shuzhi build\n"
"  在 report.md、report.pdf 旁边写出的 report.docx 就是这样生成的。\n"
"  FILE.md 为 - 时读标准输入；-o - 时写到标准输出。\n"
"  --style FILE     版式设置（默认 templates/style.yaml）\n"
"  --title TEXT     文档标题（默认取第一个一级标题）\n"
"  --author TEXT    作者（单位）\n"
"  --subject TEXT   主题\n"
"  环境变量 SOURCE_DATE_EPOCH 给出文档的创建日期（不设则不写日期）。\n"
"退出码：0 成功；1 内容有错误，未写出；2 用法错误或文件无法读写。\n";

/* All of standard input, at most max bytes. */
static int
read_stdin(struct diag *d, size_t max, struct buf *b)
{
	struct srcpos pos = { "<stdin>", 0, 0 };
	char chunk[65536];
	size_t n;

	buf_init(b);
	buf_puts(b, "");
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		if (b->len + n > max) {
			diag_error(d, &pos, "%s", "输入过大（超过 16 MiB）");
			return -1;
		}
		buf_put(b, chunk, n);
	}
	if (ferror(stdin)) {
		diag_error(d, &pos, "无法读取：%s", syserr(errno));
		return -1;
	}
	return 0;
}

static int
write_stdout(struct diag *d, const struct buf *b)
{
	struct srcpos pos = { "<stdout>", 0, 0 };

	if (fwrite(b->data, 1, b->len, stdout) != b->len || fflush(stdout) != 0) {
		diag_error(d, &pos, "无法写出：%s", syserr(errno));
		return -1;
	}
	return 0;
}

int
cmd_docx(int argc, char **argv)
{
	struct docx_opts o;
	struct diag d;
	struct buf md, docx;
	const char *in = NULL, *out = NULL;
	char *style_def = NULL, *text = NULL;
	size_t len = 0;
	long long when;
	int i, ret = EXIT_USAGE;

	memset(&o, 0, sizeof(o));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **dst = NULL;

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(docx_usage, stdout);
			return 0;
		}
		if (strcmp(a, "-o") == 0)
			dst = &out;
		else if (strcmp(a, "--style") == 0)
			dst = &o.style_path;
		else if (strcmp(a, "--title") == 0)
			dst = &o.title;
		else if (strcmp(a, "--author") == 0)
			dst = &o.author;
		else if (strcmp(a, "--subject") == 0)
			dst = &o.subject;
		else if (strcmp(a, "--md-path") == 0)	/* for build: names stdin */
			dst = &o.md_path;
		else if (a[0] == '-' && a[1] != '\0')
			return usage_error(docx_usage, "未知的选项“%s”", a);
		else if (in != NULL)
			return usage_error(docx_usage, "多余的参数“%s”", a);
		else {
			in = a;
			continue;
		}
		if (i + 1 >= argc)
			return usage_error(docx_usage, "选项“%s”后面缺少值", a);
		*dst = argv[++i];
	}
	if (in == NULL)
		return usage_error(docx_usage, "%s", "缺少 Markdown 文件");
	if (out == NULL)
		return usage_error(docx_usage, "%s", "缺少 -o FILE.docx");
	if (source_date_epoch(&when) != 0)
		return EXIT_USAGE;
	o.source_date = when;
	if (o.md_path == NULL)
		o.md_path = strcmp(in, "-") == 0 ? "<stdin>" : in;
	if (o.style_path == NULL)
		o.style_path = style_def = data_path("templates/style.yaml");

	diag_init(&d, stderr);
	buf_init(&md);
	buf_init(&docx);
	if (strcmp(out, "-") != 0) {
		const char *inputs[2] = { strcmp(in, "-") != 0 ? in : NULL, o.style_path }, *same;

		if ((same = same_file(out, inputs, 2)) != NULL) {
			struct srcpos pos = { diag_intern(&d, out), 0, 0 };

			diag_error(&d, &pos, "输出的 .docx 会覆盖输入文件 %s（同一个文件），"
			    "请换一个输出文件名", same);
			goto out;
		}
	}
	if (strcmp(in, "-") == 0) {
		if (read_stdin(&d, MAX_MARKDOWN, &md) != 0)
			goto out;
	} else {
		if (read_file(&d, in, MAX_MARKDOWN, &text, &len) != 0)
			goto out;
		buf_put(&md, text, len);
	}
	if (docx_from_markdown(&d, md.data ? md.data : "", md.len, &o, &docx) != 0 ||
	    d.errors > 0) {
		ret = EXIT_CONTENT;
		goto out;
	}
	if (strcmp(out, "-") != 0)
		remove_stale_temps_of(out);	/* what a run killed while writing left */
	if (strcmp(out, "-") == 0 ? write_stdout(&d, &docx) != 0 :
	    write_file_atomic(&d, out, docx.data, docx.len, 0) != 0)
		goto out;
	ret = 0;
out:
	buf_free(&md);
	buf_free(&docx);
	free(text);
	free(style_def);
	diag_free(&d);
	return ret;
}
