/* typeset.c: the typesetting stage from Markdown to PDF bytes: style, fonts, lines, pages, PDF. */
#include <stdlib.h>
#include <string.h>

#include "typeset.h"
#include "fonts.h"
#include "items.h"
#include "layout.h"
#include "linebreak.h"
#include "markdown.h"
#include "pdf.h"
#include "style.h"
#include "../util/xalloc.h"

static enum elem
elem_of(const struct md_block *b)
{
	switch (b->kind) {
	case BLK_TITLE:
		return EL_TITLE;
	case BLK_HEADING:
		if (b->level <= 2)
			return EL_H2;
		return b->level >= 6 ? EL_H6 : (enum elem)(EL_H2 + b->level - 2);
	case BLK_ADDRESSEE:
		return EL_ADDRESSEE;
	case BLK_SIGNATURE:
		return EL_SIGNATURE;
	case BLK_DATE:
		return EL_DATE;
	default:
		return EL_PARAGRAPH;
	}
}

/*
 * GB/T 9704-2012 7.3.5.2 (no seal): the signature two characters from the
 * right; the date below, its first character two to the right of the
 * signature's; a longer date keeps two characters on the right and the
 * signature moves left with it.  Sets the right insets in pt.
 */
static void
signature_insets(const struct style *st, double sig_w, double date_w, int has_sig,
    int has_date, double *sig_right, double *date_right)
{
	double w = st->block_w, p = st->pitch_x, start;

	*sig_right = st->sig_right * p;
	*date_right = st->date_right * p;
	if (!has_sig || !has_date)
		return;
	if (date_w > sig_w) {
		start = w - *date_right - date_w - st->date_shift * p;
		*sig_right = w - start - sig_w;
	} else {
		start = w - *sig_right - sig_w + st->date_shift * p;
		*date_right = w - start - date_w;
	}
	if (*sig_right < 0)
		*sig_right = 0;
	if (*date_right < 0)
		*date_right = 0;
}

static void
opts_for(const struct style *st, enum elem e, const struct md_block *b,
    struct break_opts *o)
{
	const struct elem_style *es = &st->el[e];
	double body = st->el[EL_PARAGRAPH].size > 0 ? st->el[EL_PARAGRAPH].size : 16;

	memset(o, 0, sizeof(*o));
	o->width = st->block_w;
	o->indent = es->indent * (es->grid ? st->pitch_x * es->size / body : es->size);
	o->align = es->align;
	o->pitch = st->pitch_x;
	o->min_last = st->min_last_chars;
	o->max_stretch = st->max_stretch;
	o->trim_end = st->trim_line_end;
	if (b != NULL && b->kind == BLK_PLAIN) {
		o->indent = 0;
		o->align = ALIGN_LEFT;
	}
	if (e == EL_SIGNATURE || e == EL_DATE)
		o->align = ALIGN_RIGHT;
}

int
typeset_markdown(struct diag *d, const char *md, size_t len,
    const struct typeset_opts *opts, struct buf *out)
{
	struct style *st = NULL;
	struct fontset *fonts = NULL;
	struct md_doc doc;
	struct itemizer iz;
	struct item_list *items = NULL;
	struct block_info *bi = NULL;
	struct line_list lines;
	struct layout lay;
	struct pdf_mark *marks = NULL;
	struct pdf_doc pd;
	char *title = NULL;
	size_t i, nmarks = 0;
	int errors = 0, ret = -1, sig = -1, date = -1;
	const char *md_path = opts->md_path != NULL ? opts->md_path : "<markdown>";

	memset(&doc, 0, sizeof(doc));
	memset(&lines, 0, sizeof(lines));
	memset(&lay, 0, sizeof(lay));
	diag_add_source(d, md_path, md, len);
	if ((st = style_load(d, opts->style_path)) == NULL)
		goto out;
	if ((fonts = fontset_load(d, opts->fonts_path, st)) == NULL)
		goto out;
	if (md_parse(d, md_path, md, len, &doc) != 0)
		goto out;

	iz.diag = d;
	iz.style = st;
	iz.fonts = fonts;
	iz.doc = &doc;
	items = xcalloc(doc.n + 1, sizeof(*items));
	bi = xcalloc(doc.n + 1, sizeof(*bi));
	for (i = 0; i < doc.n; i++) {
		bi[i].elem = elem_of(&doc.blocks[i]);
		bi[i].newpage = doc.blocks[i].newpage;
		errors += items_make(&iz, &doc.blocks[i], bi[i].elem, &items[i]);
		if (bi[i].elem == EL_SIGNATURE && sig < 0)
			sig = (int)i;
		if (bi[i].elem == EL_DATE && date < 0)
			date = (int)i;
	}
	if (errors > 0)
		goto out;

	for (i = 0; i < doc.n; i++) {
		const struct md_block *b = &doc.blocks[i];
		struct break_opts o;
		double sr, dr;

		opts_for(st, bi[i].elem, b, &o);
		if (bi[i].elem == EL_SIGNATURE || bi[i].elem == EL_DATE) {
			int pair = sig >= 0 && date == sig + 1;

			signature_insets(st,
			    sig >= 0 ? items_width(items[sig].v, 0, items[sig].n) : 0,
			    date >= 0 ? items_width(items[date].v, 0, items[date].n) : 0,
			    pair, pair, &sr, &dr);
			o.right = bi[i].elem == EL_SIGNATURE ? sr : dr;
		}
		bi[i].first_line = lines.nl;
		if (bi[i].elem == EL_TITLE)
			break_title(items[i].v, items[i].n, &o, st, i, &lines);
		else
			break_lines(items[i].v, items[i].n, &o, bi[i].elem, i, &lines);
		bi[i].nlines = lines.nl - bi[i].first_line;
		if (b->kind == BLK_TITLE && title == NULL)
			title = md_block_text(b);
		if ((bi[i].elem == EL_H2 || bi[i].elem == EL_H3) && bi[i].nlines > 0) {
			marks = xreallocarray(marks, nmarks + 1, sizeof(*marks));
			marks[nmarks].text = md_block_text(b);
			marks[nmarks].level = bi[i].elem == EL_H2 ? 2 : 3;
			marks[nmarks].line = bi[i].first_line;
			nmarks++;
		}
	}
	if (layout_pages(&iz, st, bi, doc.n, &lines, &lay) != 0)
		goto out;

	memset(&pd, 0, sizeof(pd));
	pd.style = st;
	pd.lines = &lines;
	pd.layout = &lay;
	pd.marks = marks;
	pd.nmarks = nmarks;
	pd.title = opts->title != NULL ? opts->title : title;
	pd.author = opts->author;
	pd.subject = opts->subject;
	pd.source_date = opts->source_date;
	ret = pdf_write(d, &pd, out);
out:
	for (i = 0; i < nmarks; i++)
		free(marks[i].text);
	free(marks);
	free(title);
	layout_free(&lay);
	lines_free(&lines);
	if (items != NULL)
		for (i = 0; i < doc.n; i++)
			items_free(&items[i]);
	free(items);
	free(bi);
	md_free(&doc);
	fontset_free(fonts);
	style_free(st);
	return ret;
}
