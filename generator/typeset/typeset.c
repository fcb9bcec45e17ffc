/* typeset.c: the typesetting stage from Markdown to PDF bytes: style, fonts, lines, pages, PDF. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "typeset.h"
#include "dumplines.h"
#include "fonts.h"
#include "items.h"
#include "layout.h"
#include "linebreak.h"
#include "markdown.h"
#include "pdf.h"
#include "role.h"
#include "style.h"
#include "cjkclass.h"
#include "../util/clock.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

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
	o->max_space = st->max_space * st->pitch_x;
	o->end_cost = st->end_cost;
	o->mid_cost = st->mid_cost;
	if (b != NULL && b->kind == BLK_PLAIN) {
		o->indent = 0;
		o->align = ALIGN_LEFT;
	}
	if (e == EL_SIGNATURE || e == EL_DATE)
		o->align = ALIGN_RIGHT;
}

/* Blocks [from, to) broken into lines of their own list (either thread). */
struct breaker {
	const struct style	*st;
	const struct md_doc	*doc;
	const struct item_list	*items;
	struct block_info	*bi;
	int			 sig, date;
	size_t			 from, to;
	size_t			 gbase;		/* where its glyphs start in a shared array */
	struct line_list	 lines;
};

/*
 * Reports at least this long (characters) break their lines on two
 * threads, in chunks of about CHUNK_ITEMS that either thread takes next
 * when it is free (the other core may be busy with the rule check or the
 * fonts for a while).
 */
#define PARALLEL_ITEMS	20000
#define CHUNK_ITEMS	4000

/* The chunks of a report and the next one to take. */
struct chunks {
	struct breaker		*k;
	size_t			 n;
	atomic_size_t		 next;
};

static void
break_range(struct breaker *k)
{
	const struct style *st = k->st;
	const struct item_list *items = k->items;
	struct block_info *bi = k->bi;
	int sig = k->sig, date = k->date;
	size_t i;

	for (i = k->from; i < k->to; i++) {
		const struct md_block *b = &k->doc->blocks[i];
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
		bi[i].first_line = k->lines.nl;
		if (bi[i].elem == EL_TITLE || bi[i].elem == EL_SUBTITLE ||
		    bi[i].elem == EL_ATT_TITLE)
			break_title(items[i].v, items[i].n, &o, st, bi[i].elem, i, &k->lines);
		else {
			bi[i].cost = break_lines(items[i].v, items[i].n, &o, bi[i].elem, i,
			    &k->lines);
			/* A paragraph of the text may be set a line longer or shorter. */
			bi[i].loose = bi[i].elem == EL_PARAGRAPH && b->kind == BLK_PARA &&
			    o.align == ALIGN_JUSTIFY;
		}
		bi[i].nlines = k->lines.nl - bi[i].first_line;
	}
}

/* What layout_pages() asks of the line breaker: a block set in other lines. */
struct rebreak {
	const struct style	*st;
	const struct md_doc	*doc;
	const struct item_list	*items;
	const struct block_info	*bi;
};

static int
rebreak(void *arg, size_t i, int nlines, struct line_list *out, double *cost)
{
	const struct rebreak *r = arg;
	struct break_opts o;

	if (nlines < 1)
		return -1;
	opts_for(r->st, r->bi[i].elem, &r->doc->blocks[i], &o);
	o.strict = 1;
	return break_lines_count(r->items[i].v, r->items[i].n, &o, r->bi[i].elem, i,
	    (size_t)nlines, out, cost);
}

static void *
break_chunks(void *arg)
{
	struct chunks *c = arg;
	size_t i;

	while ((i = atomic_fetch_add(&c->next, 1)) < c->n)
		break_range(&c->k[i]);
	return NULL;
}

int
typeset_markdown(struct diag *d, const char *md, size_t len,
    const struct typeset_opts *opts, struct buf *out)
{
	struct style *st = NULL;
	struct fontset *fonts = NULL, *own_fonts = NULL;
	struct md_doc doc;
	struct itemizer iz;
	struct item_list *items = NULL;
	struct block_info *bi = NULL;
	struct line_list lines;
	struct layout lay;
	struct pdf_mark *marks = NULL;
	struct pdf_doc pd;
	struct pdf_early *early = NULL;
	char *title = NULL;
	size_t i, nmarks = 0;
	int errors = 0, ret = -1, sig = -1, date = -1, located = 0;
	const char *md_path = opts->md_path != NULL ? opts->md_path : "<markdown>";
	double t0 = clock_seconds();

	memset(&doc, 0, sizeof(doc));
	memset(&lines, 0, sizeof(lines));
	memset(&lay, 0, sizeof(lay));
	diag_add_source(d, md_path, md, len);
	if ((i = utf8_count(md, len)) > TYPESET_MAX_CHARS) {
		struct srcpos pos = { diag_intern(d, md_path), 0, 0 };

		diag_error(d, &pos, "文字过长（%zu 个字符，超过 %d 万字的上限，约 %d 页），拒绝排版",
		    i, TYPESET_MAX_CHARS / 10000, TYPESET_MAX_CHARS / 1000);
		ret = -1;
		goto out;
	}
	if ((st = style_load(d, opts->style_path)) == NULL)
		goto out;
	if (opts->fonts != NULL) {
		if (fontset_check_style(d, opts->fonts, st, opts->fonts_path) != 0) {
			ret = TYPESET_NO_FONTS;
			goto out;
		}
		fonts = opts->fonts;
	} else if ((fonts = own_fonts = fontset_load(d, opts->fonts_path, st)) == NULL) {
		ret = TYPESET_NO_FONTS;
		goto out;
	}
	if (md_parse(d, md_path, md, len, &doc) != 0)
		goto out;

	iz.diag = d;
	iz.style = st;
	iz.fonts = fonts;
	iz.doc = &doc;
	iz.located = &located;
	items = xcalloc(doc.n + 1, sizeof(*items));
	bi = xcalloc(doc.n + 1, sizeof(*bi));
	for (i = 0; i < doc.n; i++) {
		bi[i].elem = block_elem(&doc.blocks[i]);
		bi[i].newpage = doc.blocks[i].newpage;
		bi[i].restart = doc.blocks[i].restart;
		bi[i].keep = doc.blocks[i].note;	/* a note stays with what it is about */
		errors += items_make(&iz, &doc.blocks[i], bi[i].elem, &items[i]);
		if (bi[i].elem == EL_SIGNATURE && sig < 0)
			sig = (int)i;
		if (bi[i].elem == EL_DATE && date < 0)
			date = (int)i;
	}
	if (errors > 0)
		goto out;
	/* The fonts' glyphs are known now: they are made while lines are broken. */
	{
		const struct font_face **late = NULL;
		size_t nlate = st->el[EL_PAGENO].font == NULL ? 0 :
		    fontset_role_faces(fonts, st->el[EL_PAGENO].font, &late);

		early = pdf_early_start(items, doc.n, late, nlate);
	}

	/* Lines: a long report's in chunks on two threads. */
	{
		struct chunks c;
		size_t total = 0, run = 0, from = 0, j, nl, gbase = 0;
		struct glyph *shared = NULL;
		pthread_t th;
		int threaded = 0;

		for (i = 0; i < doc.n; i++)
			total += items[i].n;
		c.k = xcalloc(doc.n + 1, sizeof(*c.k));
		c.n = 0;
		atomic_init(&c.next, 0);
		for (i = 0; i < doc.n; i++) {
			run += items[i].n;
			if (i + 1 == doc.n || (total >= PARALLEL_ITEMS && run >= CHUNK_ITEMS)) {
				struct breaker *k = &c.k[c.n++];

				k->st = st;
				k->doc = &doc;
				k->items = items;
				k->bi = bi;
				k->sig = sig;
				k->date = date;
				k->from = from;
				k->to = i + 1;
				k->gbase = gbase;
				k->lines.capg = run + 1;	/* a chunk has fewer glyphs than items */
				gbase += run + 1;
				from = i + 1;
				run = 0;
			}
		}
		/*
		 * Several chunks write their glyphs into one array, each from its
		 * own place: joining their lines then copies no glyphs.
		 */
		if (c.n > 1) {
			shared = xreallocarray(NULL, gbase + 1, sizeof(*shared));
			for (j = 0; j < c.n; j++)
				c.k[j].lines.g = shared + c.k[j].gbase;
		} else
			c.k[0].lines.capg = 0;
		if (c.n > 1)
			threaded = pthread_create(&th, NULL, break_chunks, &c) == 0;
		break_chunks(&c);
		if (threaded)
			pthread_join(th, NULL);
		if (c.n <= 1)
			lines = c.k[0].lines;	/* its own (none: empty) */
		else {
			/* The lines joined; the glyphs stay where they are (gaps between). */
			memset(&lines, 0, sizeof(lines));
			for (j = 0, nl = 0; j < c.n; j++)
				nl += c.k[j].lines.nl;
			lines.l = xcalloc(nl + 1, sizeof(*lines.l));
			lines.capl = nl + 1;
			lines.g = shared;
			lines.ng = gbase;
			lines.capg = gbase + 1;
			for (j = 0; j < c.n; j++) {
				struct line_list *cl = &c.k[j].lines;
				size_t m;

				for (i = c.k[j].from; i < c.k[j].to; i++)
					bi[i].first_line += lines.nl;
				for (m = 0; m < cl->nl; m++) {
					lines.l[lines.nl] = cl->l[m];
					lines.l[lines.nl++].first += c.k[j].gbase;
				}
				cl->g = NULL;	/* part of shared */
				lines_free(cl);
			}
		}
		free(c.k);
	}
	for (i = 0; i < doc.n; i++) {
		const struct md_block *b = &doc.blocks[i];

		if (b->kind == BLK_TITLE && title == NULL)
			title = md_block_text(b);
		if ((bi[i].elem == EL_H2 || bi[i].elem == EL_H3 || bi[i].elem == EL_ATT_TITLE) &&
		    bi[i].nlines > 0) {
			marks = xreallocarray(marks, nmarks + 1, sizeof(*marks));
			marks[nmarks].text = md_block_text(b);
			marks[nmarks].level = bi[i].elem == EL_H3 ? 3 : 2;
			marks[nmarks].line = bi[i].first_line;
			nmarks++;
		}
	}
	{
		struct rebreak rb = { st, &doc, items, bi };
		struct layout_rebreak lr = { rebreak, &rb };

		if (layout_pages(&iz, st, bi, doc.n, &lr, &lines, &lay) != 0)
			goto out;
	}
	if (lay.npages > TYPESET_MAX_PAGES) {
		struct srcpos pos = { diag_intern(d, md_path), 0, 0 };

		diag_error(d, &pos, "排出来有 %d 页，超过了 %d 页的上限，拒绝写出 PDF",
		    lay.npages, TYPESET_MAX_PAGES);
		goto out;
	}
	if (opts->lines != NULL)
		lines_dump(&lines, &lay, opts->lines);
	/* The lines hold what the rest needs: the items can go (a long report's biggest part). */
	for (i = 0; i < doc.n; i++)
		items_free(&items[i]);

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
	pd.early = early;
	pd.timings = opts->timings;
	if (opts->timings != NULL)
		opts->timings->layout += clock_seconds() - t0;
	ret = pdf_write(d, &pd, out);
out:
	pdf_early_free(early);
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
	fontset_free(own_fonts);
	style_free(st);
	diag_summarize(d);
	return ret;
}

/* The characters a line's glyphs stand for, spaces not counted. */
static size_t
line_chars(const struct line_list *l, const struct tline *t)
{
	size_t i, n = 0;

	for (i = 0; i < t->n; i++) {
		int cls = cjk_class(l->g[t->first + i].cp);

		n += cls != CC_SPACE && cls != CC_IGNORE;
	}
	return n;
}

int
typeset_title_lines(struct diag *d, const struct md_doc *doc, const struct style *st,
    struct fontset *fonts, struct title_lines *out)
{
	struct itemizer iz;
	size_t i, k, at;
	int located = 0, ret = 0;

	memset(out, 0, doc->n * sizeof(*out));
	iz.diag = d;
	iz.style = st;
	iz.fonts = fonts;
	iz.doc = doc;
	iz.located = &located;
	for (i = 0; i < doc->n && ret == 0; i++) {
		const struct md_block *b = &doc->blocks[i];
		enum elem e = block_elem(b);
		struct item_list items;
		struct line_list lines;
		struct break_opts o;

		if (e != EL_TITLE && e != EL_SUBTITLE && e != EL_ATT_TITLE)
			continue;
		memset(&items, 0, sizeof(items));
		memset(&lines, 0, sizeof(lines));
		if (items_make(&iz, b, e, &items) != 0)
			ret = -1;
		else {
			opts_for(st, e, b, &o);
			break_title(items.v, items.n, &o, st, e, i, &lines);
			if (lines.nl > 1)
				out[i].at = xcalloc(lines.nl, sizeof(*out[i].at));
			for (k = 0, at = 0; k + 1 < lines.nl; k++) {
				at += line_chars(&lines, &lines.l[k]);
				out[i].at[out[i].n++] = at;
			}
		}
		lines_free(&lines);
		items_free(&items);
	}
	if (ret != 0)
		title_lines_free(out, doc->n);
	return ret;
}

void
title_lines_free(struct title_lines *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(t[i].at);
		t[i].at = NULL;
		t[i].n = 0;
	}
}

/* Each character of text, drawn in element e (bold when asked). */
static void
chars_of(const struct style *st, enum elem e, const char *text, size_t len, int bold,
    void (*fn)(void *, const char *, int, uint32_t), void *arg)
{
	size_t off, k;
	uint32_t cp;
	int cls;

	if (st->el[e].font == NULL)
		return;
	for (off = 0; off < len; off += k) {
		if ((k = utf8_decode(text + off, len - off, &cp)) == 0) {
			cp = 0xFFFD;
			k = 1;
		}
		cls = cjk_class(cp);
		if (cls != CC_SPACE && cls != CC_IGNORE)
			fn(arg, st->el[e].font, bold || st->el[e].bold, cp);
	}
}

int
typeset_chars(struct diag *d, const char *md, size_t len, const char *md_path,
    const char *style_path, void (*fn)(void *, const char *role, int bold, uint32_t cp),
    void *arg)
{
	struct style *st;
	struct md_doc doc;
	size_t i, r;
	const char *hole;

	memset(&doc, 0, sizeof(doc));
	if ((st = style_load(d, style_path)) == NULL)
		return -1;
	diag_add_source(d, md_path, md, len);
	if (md_parse(d, md_path, md, len, &doc) != 0) {
		style_free(st);
		return -1;
	}
	for (i = 0; i < doc.n; i++) {
		const struct md_block *b = &doc.blocks[i];

		for (r = 0; r < b->nruns; r++) {
			unsigned fl = b->runs[r].flags;
			enum elem e = (fl & RUN_HEAD) ? run_in_elem(b) : block_elem(b);

			if (!(fl & (RUN_BREAK | RUN_SOFT)))
				chars_of(st, e, b->runs[r].text, b->runs[r].len,
				    !(fl & RUN_HEAD) && (fl & RUN_BOLD) != 0, fn, arg);
		}
	}
	/* Page numbers: the format around {n}, and the digits. */
	if (st->pageno_format != NULL) {
		hole = strstr(st->pageno_format, "{n}");
		chars_of(st, EL_PAGENO, st->pageno_format, hole != NULL ?
		    (size_t)(hole - st->pageno_format) : strlen(st->pageno_format), 0, fn, arg);
		if (hole != NULL) {
			chars_of(st, EL_PAGENO, hole + 3, strlen(hole + 3), 0, fn, arg);
			chars_of(st, EL_PAGENO, "0123456789", 10, 0, fn, arg);
		}
	}
	md_free(&doc);
	style_free(st);
	return 0;
}
