/*
 * cmd_build.c: shuzhi build CONTENT_DIR -o OUT_DIR.  Load the content,
 * render the Markdown from the templates, typeset the PDF from that
 * Markdown while shuzhi-docx (helper.h) writes the .docx from the same
 * Markdown, and only when every stage succeeded replace the three outputs.
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
#include "options.h"
#include "paths.h"
#include "check_async.h"
#include "helper.h"
#include "../load/model.h"
#include "../render/context.h"
#include "../render/mustache.h"
#include "../typeset/fonts.h"
#include "../typeset/typeset.h"
#include "../files/fsio.h"
#include "../util/clock.h"
#include "../util/xalloc.h"

/* What one build works with, shared by its stages. */
struct build {
	const char		*outdir;
	const char		*tdir, *spath, *fpath;	/* those of struct paths */
	char			*tpath, *mdpath, *pdfpath, *docxpath;
	struct timings		*tm;
	struct fontset		*fs;	/* loaded once: the character check, then the typesetter */
	struct value_doc	*ctx;
	char			*tpl;
};

/* Start shuzhi-docx on the Markdown; NULL after reporting. */
static struct helper_job *
docx_start(struct diag *d, const struct build *b, const struct buf *md, const char *title,
    const char *author)
{
	char *args[] = { "-", "-o", "-", "--md-path", b->mdpath, "--style", (char *)b->spath,
	    "--fonts", (char *)b->fpath,
	    "--title", (char *)title, "--author", (char *)author, "--subject", "述职报告", NULL };
	struct helper_job *j;
	struct buf err;

	buf_init(&err);
	if ((j = helper_start("shuzhi-docx", args, md->data, md->len, &err)) == NULL) {
		diag_pass(d, 0, "shuzhi: error: ");
		diag_pass(d, 1, err.data ? err.data : "无法运行 shuzhi-docx\n");
	}
	buf_free(&err);
	return j;
}

/* The .docx shuzhi-docx wrote, its messages passed on; 0 or the exit status. */
static int
docx_finish(struct diag *d, struct helper_job *j, struct buf *docx)
{
	struct buf err;
	int st;

	buf_init(&err);
	st = helper_finish(j, docx, &err);
	if (err.len > 0)
		diag_pass(d, 0, err.data);
	buf_free(&err);
	if (st == 0 && docx->len > 0)
		return 0;
	diag_pass(d, 1, st < 0 ? "shuzhi: error: shuzhi-docx 异常终止，没有生成 report.docx\n" :
	    "shuzhi: error: shuzhi-docx 出错，没有生成 report.docx\n");
	return st == EXIT_CONTENT ? EXIT_CONTENT : EXIT_USAGE;
}

/*
 * The stages after the check: the Markdown, then the PDF (with chars set,
 * first the characters no font has) and the .docx at the same time.  The
 * fonts are loaded.  Returns 0 or the exit status.
 */
static int
produce(struct diag *d, struct build *b, const struct report *r, int chars,
    struct buf *md, struct buf *pdf, struct buf *docx)
{
	struct helper_job *job;
	struct mustache_opts mo;
	struct typeset_opts to;
	struct buf title;
	size_t tlen;
	int i, rc = EXIT_CONTENT;

	/* characters no font has, reported where they are in the content */
	if (chars && check_report_chars(d, r, b->fs) != 0)
		return EXIT_CONTENT;
	timings_lap(b->tm, &b->tm->check);
	/* render */
	if ((b->ctx = context_build(d, r)) == NULL)
		return EXIT_CONTENT;
	if (read_file(d, b->tpath, 1u << 20, &b->tpl, &tlen) != 0)
		return EXIT_USAGE;
	memset(&mo, 0, sizeof(mo));
	mo.escape = ESCAPE_MARKDOWN;
	mo.partials_dir = b->tdir;
	if (mustache_render(d, diag_intern(d, b->tpath), b->tpl, tlen,
	    value_doc_root(b->ctx), &mo, md) != 0)
		return EXIT_CONTENT;
	while (md->len > 1 && md->data[md->len - 1] == '\n' && md->data[md->len - 2] == '\n')
		md->data[--md->len] = '\0';
	timings_lap(b->tm, &b->tm->render);
	/* typeset */
	b->mdpath = path_join(b->outdir, "report.md");
	b->pdfpath = path_join(b->outdir, "report.pdf");
	b->docxpath = path_join(b->outdir, "report.docx");
	buf_init(&title);
	report_title(r, &title);
	memset(&to, 0, sizeof(to));
	to.md_path = b->mdpath;
	to.style_path = b->spath;
	to.fonts_path = b->fpath;
	to.fonts = b->fs;
	to.title = title.data;
	to.author = r->unit->str;
	to.subject = "述职报告";
	to.timings = b->tm;
	if (source_date_epoch(&to.source_date) != 0) {
		buf_free(&title);
		return EXIT_USAGE;
	}
	if ((job = docx_start(d, b, md, title.data, r->unit->str)) == NULL) {
		buf_free(&title);
		return EXIT_USAGE;
	}
	if ((i = typeset_markdown(d, md->data, md->len, &to, pdf)) != 0)
		rc = i == TYPESET_NO_FONTS ? EXIT_USAGE : EXIT_CONTENT;
	else
		rc = 0;
	i = docx_finish(d, job, docx);
	if (rc == 0)
		rc = i;
	buf_free(&title);
	timings_lap(b->tm, &b->tm->typeset);
	return rc;
}

/*
 * The check runs beside produce(): produce()'s reports are held until
 * the check is done, and dropped if it found errors (as if the later
 * stages had never run), so the output is that of one stage after another.
 */
static int
produce_checked(struct diag *d, struct build *b, struct check_async *ca,
    const struct report *r, struct buf *md, struct buf *pdf, struct buf *docx)
{
	struct diag *held = diag_hold(d);
	int c, rc;

	diag_copy_sources(held, d);	/* the content's texts, for render's positions */
	b->fs = fontset_load(held, b->fpath, NULL);
	/* The characters no font has are looked for after the check, on its thread. */
	check_async_run(ca, r, b->fs);
	rc = b->fs == NULL ? EXIT_USAGE : produce(held, b, r, 0, md, pdf, docx);
	c = check_async_join(ca, d);
	timings_lap(b->tm, &b->tm->check);
	if (c != 0) {
		diag_drop(d, held);
		return c == CHECK_ASYNC_RULES ? EXIT_USAGE : EXIT_CONTENT;
	}
	diag_flush(d, held);
	return rc;
}

int
cmd_build(int argc, char **argv)
{
	struct settings s;
	int rc;

	if ((rc = options_parse(command_find("build"), argc, argv, &s)) != 0)
		return rc == OPTIONS_HELP ? 0 : rc;
	return build_run(&s);
}

int
build_run(const struct settings *s)
{
	const char *content = s->args[0], *outdir = s->out;
	struct timings tm = { 0 };
	struct report *r = NULL;
	struct check_async *ca = NULL;
	struct paths p;
	struct build b;
	struct diag *diag;
	struct buf md, pdf, docx;
	int rc = EXIT_CONTENT;

	diag = diag_new(stderr);
	buf_init(&md);
	buf_init(&pdf);
	buf_init(&docx);
	memset(&b, 0, sizeof(b));
	b.outdir = outdir;
	b.tm = &tm;
	settings_paths(s, &p);
	b.tdir = p.templates;
	b.tpath = path_join(b.tdir, "report.md.mustache");
	b.spath = p.style;
	b.fpath = p.fonts;

	/* load (the rules meanwhile load on a second thread) */
	timings_lap(&tm, NULL);
	if (!s->no_check)
		ca = check_async_start(diag, p.rules, s->strict);
	if ((r = model_load(diag, content)) == NULL) {
		rc = load_failed(content);
		goto out;
	}
	timings_lap(&tm, &tm.load);
	/* check (errors stop the build; warnings are shown), render, typeset */
	if (s->no_check) {
		fputs("shuzhi: 注意：按 --no-check 跳过了规则检查，这只是草稿\n", stderr);
		if ((b.fs = fontset_load(diag, b.fpath, NULL)) == NULL)
			rc = EXIT_USAGE;
		else
			rc = produce(diag, &b, r, 1, &md, &pdf, &docx);
	} else
		rc = produce_checked(diag, &b, ca, r, &md, &pdf, &docx);
	if (rc != 0)
		goto out;
	rc = EXIT_CONTENT;
	/* write: all three outputs or none */
	if (make_dirs(diag, outdir) != 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	{
		static const char *const names[3] = { "report.md", "report.pdf", "report.docx" };
		const char *paths[3] = { b.mdpath, b.pdfpath, b.docxpath };
		const void *data[3] = { md.data, pdf.data, docx.data };
		size_t lens[3] = { md.len, pdf.len, docx.len };
		const char *inputs[3] = { b.tpath, b.spath, b.fpath }, *same;
		size_t k;

		for (k = 0, same = NULL; k < 3 && same == NULL; k++)
			if ((same = same_file(paths[k], inputs, 3)) == NULL)
				same = same_file(paths[k], (const char *const *)r->files, r->nfiles);
		if (same != NULL) {
			struct srcpos pos = { diag_intern(diag, paths[k - 1]), 0, 0 };

			diag_error(diag, &pos, "输出会覆盖输入文件 %s（同一个文件），请换一个输出文件夹",
			    same);
			rc = EXIT_USAGE;
			goto out;
		}
		/* What a build killed while writing left behind. */
		remove_stale_temps(outdir, names, 3);
		if (write_files_atomic(diag, 3, paths, data, lens, 0) != 0) {
			rc = EXIT_USAGE;
			goto out;
		}
	}
	rc = 0;
	timings_lap(&tm, &tm.write);
	if (s->timings)
		timings_print(stderr, &tm);
out:
	if (rc != 0 && diag_errors(diag) > 0)
		fprintf(stderr, "shuzhi: %d 个错误，没有写出 %s 中的报告\n", diag_errors(diag), outdir);
	free(b.tpl);
	free(b.tpath);
	paths_free(&p);
	free(b.mdpath);
	free(b.pdfpath);
	free(b.docxpath);
	buf_free(&md);
	buf_free(&pdf);
	buf_free(&docx);
	value_doc_free(b.ctx);
	check_async_free(ca);
	model_free(r);
	fontset_free(b.fs);
	diag_free(diag);
	return rc;
}
