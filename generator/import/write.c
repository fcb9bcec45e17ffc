/*
 * write.c: the imported structure as content files: report.yaml and one
 * file per section (1.yaml, 2.yaml ...), laid out like the hand-written
 * content/2020, each with a comment header.  The texts are returned; the
 * caller writes them all or none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "importint.h"
#include "../util/cnnum.h"
#include "../load/yamlout.h"
#include "../util/xalloc.h"

/* "key:" at indent; the first key of a list entry gets the "- ". */
static void
put_key(struct buf *b, int ind, int *dash, const char *key)
{
	if (*dash) {
		yaml_put_indent(b, ind - 2);
		buf_puts(b, "- ");
		*dash = 0;
	} else
		yaml_put_indent(b, ind);
	buf_printf(b, "%s:", key);
}

static void
put_text(struct buf *b, int ind, int *dash, const char *key, const char *s)
{
	if (s == NULL)
		return;
	put_key(b, ind, dash, key);
	buf_putc(b, ' ');
	yaml_put_scalar(b, s);
	buf_putc(b, '\n');
}

static void
put_list(struct buf *b, int ind, int *dash, const char *key, const struct strv *sv)
{
	size_t i;

	if (sv->n == 0)
		return;
	put_key(b, ind, dash, key);
	buf_putc(b, '\n');
	for (i = 0; i < sv->n; i++) {
		yaml_put_indent(b, ind + 2);
		buf_puts(b, "- ");
		yaml_put_scalar(b, sv->v[i]);
		buf_putc(b, '\n');
	}
}

static void
put_section(struct buf *b, const struct isection *s, int ind, int dash)
{
	size_t i;

	put_text(b, ind, &dash, "title", s->title);
	put_text(b, ind, &dash, "run_in", s->run_in);
	put_list(b, ind, &dash, "paragraphs", &s->paras);
	if (s->nitems > 0) {
		put_key(b, ind, &dash, "items");
		buf_putc(b, '\n');
		for (i = 0; i < s->nitems; i++) {
			const struct iitem *it = &s->items[i];
			int d = 1;

			if (i > 0)
				buf_putc(b, '\n');
			put_text(b, ind + 4, &d, "lead", it->lead);
			if (it->body.n == 1)
				put_text(b, ind + 4, &d, "body", it->body.v[0]);
			else
				put_list(b, ind + 4, &d, "body", &it->body);
		}
	}
	if (s->nsubs > 0) {
		put_key(b, ind, &dash, "sections");
		buf_putc(b, '\n');
		for (i = 0; i < s->nsubs; i++) {
			if (i > 0)
				buf_putc(b, '\n');
			put_section(b, &s->subs[i], ind + 4, 1);
		}
	}
}

static struct ifile *
add_file(struct ifile **files, size_t *n, const char *name)
{
	struct ifile *f;

	*files = xreallocarray(*files, *n + 1, sizeof(**files));
	f = &(*files)[(*n)++];
	f->name = xstrdup(name);
	buf_init(&f->text);
	return f;
}

void
write_content(const struct ireport *r, const char *source, const char *format,
    struct ifile **files, size_t *nfiles)
{
	struct ifile *rf;
	struct buf *b, c;
	char name[32];
	size_t i;
	int width = r->nsections >= 10 ? 2 : 1, dash = 0;

	*files = NULL;
	*nfiles = 0;
	add_file(files, nfiles, "report.yaml");
	buf_init(&c);

	/* One file per section. */
	for (i = 0; i < r->nsections; i++) {
		struct ifile *f;

		snprintf(name, sizeof(name), "%0*zu.yaml", width, i + 1);
		f = add_file(files, nfiles, name);
		buf_reset(&c);
		buf_puts(&c, "第");
		cn_numeral((int)i + 1, &c);
		buf_printf(&c, "部分，由 shuzhi import 从“%s”第 %d 行起导入。\n"
		    "标题前的编号和条目前的“一是、二是”自动生成，不要手写。", source,
		    r->sections[i].line);
		yaml_put_comment(&f->text, 0, c.data);
		put_section(&f->text, &r->sections[i], 0, 0);
	}

	rf = &(*files)[0];
	b = &rf->text;
	buf_reset(&c);
	buf_printf(&c, "由 shuzhi import 从“%s”（%s）导入。\n"
	    "标题、称谓、各级标题、条目（一是、二是）、结尾和落款是按规则识别的，\n"
	    "请对照原文核对；导入时的提示和警告给出了原文的行号。\n"
	    "编号和称谓后的冒号由程序生成，不要手写。", source, format);
	yaml_put_comment(b, 0, c.data);
	put_text(b, 0, &dash, "unit", r->unit);
	put_key(b, 0, &dash, "year");
	buf_printf(b, " %s\n", r->year);
	put_text(b, 0, &dash, "topic", r->topic);
	if (r->title != NULL)
		put_text(b, 0, &dash, "title", r->title);
	else {
		buf_reset(&c);
		buf_printf(&c, "title 不写时生成为“单位＋年度＋事项＋述职报告”：%s%s年度%s述职报告%s",
		    r->unit, r->year, r->topic ? r->topic : "",
		    r->title_same ? "（与原文的标题相同）" : "（原文没有标题）");
		yaml_put_comment(b, 0, c.data);
	}
	put_text(b, 0, &dash, "subtitle", r->subtitle);
	put_text(b, 0, &dash, "byline", r->byline);
	put_text(b, 0, &dash, "addressee", r->addressee);
	if (r->opening.n > 0) {
		buf_putc(b, '\n');
		put_list(b, 0, &dash, "opening", &r->opening);
	}
	buf_putc(b, '\n');
	yaml_put_comment(b, 0, "各部分按这里的顺序排列；调整顺序只改这里。");
	put_key(b, 0, &dash, "sections");
	buf_putc(b, '\n');
	for (i = 1; i < *nfiles; i++) {
		buf_puts(b, "  - ");
		yaml_put_scalar(b, (*files)[i].name);
		buf_putc(b, '\n');
	}
	if (r->closing.n > 0) {
		buf_putc(b, '\n');
		put_list(b, 0, &dash, "closing", &r->closing);
	}
	if (r->appendix.n > 0) {
		buf_putc(b, '\n');
		put_list(b, 0, &dash, "appendix", &r->appendix);
	}
	if (r->signature != NULL || r->date != NULL)
		buf_putc(b, '\n');
	put_text(b, 0, &dash, "signature", r->signature);
	put_text(b, 0, &dash, "date", r->date);
	if (r->nattachments > 0) {
		buf_putc(b, '\n');
		yaml_put_comment(b, 0, "附件：每个另起一页，“附件”“附件2”等字样由程序生成；正文照原文，"
		    "其中的编号（1.、20.……）是正文的一部分。");
		put_key(b, 0, &dash, "attachments");
		buf_putc(b, '\n');
		for (i = 0; i < r->nattachments; i++) {
			int d = 1;

			if (i > 0)
				buf_putc(b, '\n');
			put_text(b, 4, &d, "title", r->attachments[i].title);
			put_list(b, 4, &d, "paragraphs", &r->attachments[i].paras);
		}
	}
	buf_free(&c);
}

void
ifiles_free(struct ifile *files, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(files[i].name);
		buf_free(&files[i].text);
	}
	free(files);
}
