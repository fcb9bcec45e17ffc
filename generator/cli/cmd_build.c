/*
 * cmd_build.c: shuzhi build CONTENT_DIR -o OUT_DIR.  Load the content,
 * render the Markdown from the templates, typeset the PDF from that
 * Markdown, and only when every stage succeeded replace both outputs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charcheck.h"
#include "../check/check.h"
#include "commands.h"
#include "paths.h"
#include "rules_async.h"
#include "../load/model.h"
#include "../render/context.h"
#include "../render/mustache.h"
#include "../typeset/fonts.h"
#include "../typeset/typeset.h"
#include "../util/fsio.h"
#include "../util/xalloc.h"

static const char build_usage[] =
"用法：shuzhi build CONTENT_DIR -o OUT_DIR [--no-check] [--strict] [--rules DIR]\n"
"                    [--templates DIR] [--style FILE] [--fonts FILE]\n"
"  读取 CONTENT_DIR（如 content/2020）中的 report.yaml 及其列出的各部分文件，\n"
"  先按 rules/ 中的规则检查内容，再写出 OUT_DIR/report.md 和 OUT_DIR/report.pdf。\n"
"  有错误时不写任何文件；警告照常显示，不影响生成。\n"
"  --no-check       不做规则检查（草稿用；会在标准错误上说明）\n"
"  --strict         警告也当作错误\n"
"  --timings        在标准错误上显示各阶段的用时\n"
"  --rules DIR      规则文件夹（默认 rules/）\n"
"  --templates DIR  模板文件夹（默认 templates/）\n"
"  --style FILE     版式设置（默认 templates/style.yaml）\n"
"  --fonts FILE     字体设置（默认 fonts/fonts.yaml）\n";

int
cmd_build(int argc, char **argv)
{
	const char *content = NULL, *outdir = NULL, *tdir = NULL, *style = NULL, *fonts = NULL;
	const char *rules = NULL;
	int no_check = 0, strict = 0, show_timings = 0;
	struct timings tm = { 0 };
	struct report *r = NULL;
	struct fontset *fs = NULL;	/* loaded once: the character check, then the typesetter */
	struct rules_async *ra = NULL;
	struct value_doc *ctx = NULL;
	struct mustache_opts mo;
	struct typeset_opts to;
	struct diag diag;
	struct buf md, pdf, title;
	char *tpath = NULL, *spath = NULL, *fpath = NULL, *mdpath = NULL, *pdfpath = NULL;
	char *tdir_own = NULL;
	char *tpl = NULL;
	size_t tlen;
	int i, rc = EXIT_CONTENT;

	for (i = 1; i < argc; i++) {
		const char **dst = NULL;

		if (strcmp(argv[i], "-o") == 0)
			dst = &outdir;
		else if (strcmp(argv[i], "--templates") == 0)
			dst = &tdir;
		else if (strcmp(argv[i], "--style") == 0)
			dst = &style;
		else if (strcmp(argv[i], "--fonts") == 0)
			dst = &fonts;
		else if (strcmp(argv[i], "--rules") == 0)
			dst = &rules;
		else if (strcmp(argv[i], "--no-check") == 0) {
			no_check = 1;
			continue;
		} else if (strcmp(argv[i], "--strict") == 0) {
			strict = 1;
			continue;
		} else if (strcmp(argv[i], "--timings") == 0) {
			show_timings = 1;
			continue;
		}
		else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(build_usage, stdout);
			return 0;
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "shuzhi: error: build 不认识选项“%s”\n%s", argv[i], build_usage);
			return EXIT_USAGE;
		} else if (content == NULL) {
			content = argv[i];
			continue;
		} else {
			fprintf(stderr, "shuzhi: error: 多余的参数“%s”\n%s", argv[i], build_usage);
			return EXIT_USAGE;
		}
		if (++i >= argc) {
			fprintf(stderr, "shuzhi: error: 选项“%s”后面缺少参数\n%s", argv[i - 1], build_usage);
			return EXIT_USAGE;
		}
		*dst = argv[i];
	}
	if (content == NULL || outdir == NULL) {
		fputs(build_usage, stderr);
		return EXIT_USAGE;
	}

	diag_init(&diag, stderr);
	buf_init(&md);
	buf_init(&pdf);
	buf_init(&title);
	if (tdir == NULL)
		tdir = tdir_own = data_path("templates");
	tpath = path_join(tdir, "report.md.mustache");
	spath = style ? xstrdup(style) : path_join(tdir, "style.yaml");
	fpath = fonts ? xstrdup(fonts) : data_path("fonts/fonts.yaml");

	/* load (the rules meanwhile on a second thread) */
	timings_lap(&tm, NULL);
	if (!no_check) {
		char *rdir = rules ? xstrdup(rules) : data_path("rules");

		ra = rules_async_start(rdir);
		free(rdir);
	}
	if ((r = model_load(&diag, content)) == NULL)
		goto out;
	timings_lap(&tm, &tm.load);
	/* check: errors stop the build; warnings are shown and it goes on */
	if (no_check)
		fputs("shuzhi: 注意：按 --no-check 跳过了规则检查，这只是草稿\n", stderr);
	else {
		struct ruleset *rs = rules_async_join(ra, &diag);
		struct check_opts co;

		if (rs == NULL || diag.errors > 0) {	/* unreadable or broken rules */
			rc = EXIT_USAGE;
			goto out;
		}
		memset(&co, 0, sizeof(co));
		co.strict = strict;
		diag.quiet_notes = 1;	/* info-level findings: shuzhi check shows them */
		check_report(&diag, rs, r, &co);
		diag.quiet_notes = 0;
		rules_async_free(ra);
		ra = NULL;
		if (diag.errors > 0)
			goto out;
	}
	/* characters no font has, reported where they are in the content */
	if ((fs = fontset_load(&diag, fpath, NULL)) == NULL) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (check_report_chars(&diag, r, fs) != 0)
		goto out;
	/* render */
	timings_lap(&tm, &tm.check);
	if ((ctx = context_build(&diag, r)) == NULL)
		goto out;
	if (read_file(&diag, tpath, 1u << 20, &tpl, &tlen) != 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	memset(&mo, 0, sizeof(mo));
	mo.escape = ESCAPE_MARKDOWN;
	mo.partials_dir = tdir;
	if (mustache_render(&diag, diag_intern(&diag, tpath), tpl, tlen,
	    value_doc_root(ctx), &mo, &md) != 0)
		goto out;
	while (md.len > 1 && md.data[md.len - 1] == '\n' && md.data[md.len - 2] == '\n')
		md.data[--md.len] = '\0';
	timings_lap(&tm, &tm.render);
	/* typeset */
	if (make_dirs(&diag, outdir) != 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	mdpath = path_join(outdir, "report.md");
	pdfpath = path_join(outdir, "report.pdf");
	report_title(r, &title);
	memset(&to, 0, sizeof(to));
	to.md_path = mdpath;
	to.style_path = spath;
	to.fonts_path = fpath;
	to.fonts = fs;
	to.title = title.data;
	to.author = r->unit->str;
	to.subject = "述职报告";
	to.timings = &tm;
	if (source_date_epoch(&to.source_date) != 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	if ((i = typeset_markdown(&diag, md.data, md.len, &to, &pdf)) != 0) {
		if (i == TYPESET_NO_FONTS)
			rc = EXIT_USAGE;
		goto out;
	}
	/* write: both outputs or neither */
	timings_lap(&tm, &tm.typeset);
	{
		const char *paths[2] = { mdpath, pdfpath };
		const void *data[2] = { md.data, pdf.data };
		size_t lens[2] = { md.len, pdf.len };

		if (write_files_atomic(&diag, 2, paths, data, lens, 0) != 0) {
			rc = EXIT_USAGE;
			goto out;
		}
	}
	rc = 0;
	timings_lap(&tm, &tm.write);
	if (show_timings)
		timings_print(stderr, &tm);
out:
	if (rc != 0 && diag.errors > 0)
		fprintf(stderr, "shuzhi: %d 个错误，没有写出 %s 中的报告\n", diag.errors, outdir);
	free(tpl);
	free(tpath);
	free(tdir_own);
	free(spath);
	free(fpath);
	free(mdpath);
	free(pdfpath);
	buf_free(&md);
	buf_free(&pdf);
	buf_free(&title);
	value_doc_free(ctx);
	model_free(r);
	fontset_free(fs);
	rules_async_free(ra);
	diag_free(&diag);
	return rc;
}
