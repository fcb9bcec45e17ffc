/*
 * body.c: word/document.xml.  Each block of the Markdown, as the
 * typesetter reads it, becomes one paragraph in the style of its role
 * (role.h: the same element the PDF sets it as); bold runs (the leads)
 * are bold, struck and inserted runs of a redline are struck and
 * underlined; a hard line break is a w:br, and so is each place the PDF
 * turns a title's line (typeset.h); numbers stay text.  The
 * signature and date get the right insets the PDF gives them.  The
 * section holds the page, the margins, the grid and the footers.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "../typeset/cjkclass.h"
#include "../typeset/role.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

#define TW(pt)	((long)lround((pt) * 20))

struct body {
	struct diag		*diag;
	const struct md_doc	*doc;
	struct xw		*x;
	const struct elem_style	*head;		/* a run-in title's heading, or NULL */
	struct buf		 text;		/* the run being collected */
	unsigned		 flags;		/* its RUN_* */
	uint32_t		 prev;		/* the paragraph's last character, 0 none */
	int			 soft;		/* a soft line break is pending */
	int			 dropped;	/* characters XML cannot hold */
	const struct title_lines *lines; /* the PDF's line breaks in this block, or NULL */
	size_t			 chars;		/* characters so far, spaces not counted */
	size_t			 next_line;	/* lines->at[next_line]: the next break */
	struct srcpos		 dropped_at;
};

static int
wide(uint32_t cp)
{
	int c = cjk_class(cp);

	return c == CC_WIDE || c == CC_OPEN || c == CC_CLOSE || c == CC_INSEP;
}

/* Characters an XML 1.0 document may hold (tab, newline, CR are whitespace). */
static int
xml_char(uint32_t cp)
{
	return cp == 0x9 || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
	    cp >= 0x10000;
}

static void
flush(struct body *b)
{
	struct xw *x = b->x;

	if (b->text.len == 0)
		return;
	xw_start(x, "w:r");
	if (b->flags & RUN_HEAD && b->head != NULL) {
		/* A run-in title: its heading's font and weight, as the PDF sets it. */
		const char *font = word_font(b->head->font);

		xw_start(x, "w:rPr");
		xw_empty(x, "w:rFonts", "w:ascii", font, "w:hAnsi", font, "w:eastAsia", font,
		    "w:cs", font, (const char *)NULL);
		if (b->head->bold) {
			xw_empty(x, "w:b", (const char *)NULL);
			xw_empty(x, "w:bCs", (const char *)NULL);
		} else {
			xw_val(x, "w:b", "0");
			xw_val(x, "w:bCs", "0");
		}
		if (b->flags & RUN_STRIKE)
			xw_empty(x, "w:strike", (const char *)NULL);
		if (b->flags & RUN_INSERT)
			xw_val(x, "w:u", "single");
		xw_end(x);
	} else if (b->flags & (RUN_BOLD | RUN_STRIKE | RUN_INSERT)) {
		xw_start(x, "w:rPr");
		if (b->flags & RUN_BOLD) {
			xw_empty(x, "w:b", (const char *)NULL);
			xw_empty(x, "w:bCs", (const char *)NULL);
		}
		if (b->flags & RUN_STRIKE)
			xw_empty(x, "w:strike", (const char *)NULL);
		if (b->flags & RUN_INSERT)
			xw_val(x, "w:u", "single");
		xw_end(x);
	}
	xw_start(x, "w:t");
	xw_attr(x, "xml:space", "preserve");
	xw_text(x, b->text.data, b->text.len);
	xw_end(x);
	xw_end(x);
	buf_reset(&b->text);
}

/* An empty run element such as w:tab or w:br (its own run, no properties). */
static void
run_mark(struct body *b, const char *name)
{
	flush(b);
	xw_start(b->x, "w:r");
	xw_empty(b->x, name, (const char *)NULL);
	xw_end(b->x);
}

static void
put_char(struct body *b, const struct md_run *r, size_t off, uint32_t cp, const char *s,
    size_t k)
{
	unsigned flags = r->flags & (RUN_BOLD | RUN_STRIKE | RUN_INSERT | RUN_HEAD);

	if (!xml_char(cp)) {
		if (b->dropped++ == 0)
			b->dropped_at = md_locate(b->doc, r, off);
		return;
	}
	/* A soft line break is a space between words, nothing next to Chinese. */
	if (b->soft && b->prev != 0 && !wide(b->prev) && !wide(cp) && cp != ' ') {
		if (flags != b->flags)
			flush(b);
		b->flags = flags;
		buf_putc(&b->text, ' ');
	}
	b->soft = 0;
	if (b->lines != NULL && cjk_class(cp) != CC_SPACE && cjk_class(cp) != CC_IGNORE) {
		/* A title's line as the PDF sets it (none twice: after a hard break). */
		if (b->next_line < b->lines->n && b->chars == b->lines->at[b->next_line]) {
			if (b->prev != 0)
				run_mark(b, "w:br");
			b->next_line++;
		}
		b->chars++;
	}
	if (flags != b->flags)
		flush(b);
	b->flags = flags;
	if (cp == '\t')
		run_mark(b, "w:tab");
	else
		buf_put(&b->text, s, k);
	b->prev = cp;
}

static void
runs(struct body *b, const struct md_block *blk)
{
	size_t i, off, k;
	uint32_t cp;

	b->prev = 0;
	b->soft = 0;
	for (i = 0; i < blk->nruns; i++) {
		const struct md_run *r = &blk->runs[i];

		if (r->flags & RUN_BREAK) {
			b->soft = 0;
			run_mark(b, "w:br");
			b->prev = 0;
			continue;
		}
		if (r->flags & RUN_SOFT) {
			b->soft = 1;
			continue;
		}
		/* The Markdown was checked to be UTF-8; a stray byte is dropped. */
		for (off = 0; off < r->len; off += k) {
			if ((k = utf8_decode(r->text + off, r->len - off, &cp)) == 0) {
				k = 1;
				continue;
			}
			put_char(b, r, off, cp, r->text + off, k);
		}
	}
	flush(b);
}

/* "附件" or "附件2" alone: the label GB/T 9704 puts atop an attachment. */
static int
attachment_label(const struct md_block *blk)
{
	char *t = md_block_text(blk);
	size_t n = strlen(t), i = 6;
	int yes = n >= 6 && memcmp(t, "附件", 6) == 0;

	while (yes && i < n) {
		if (t[i] >= '0' && t[i] <= '9')
			i++;
		else if (n - i >= 3 && memcmp(t + i, "\xEF\xBC", 2) == 0 &&
		    (unsigned char)t[i + 2] >= 0x90 && (unsigned char)t[i + 2] <= 0x99)
			i += 3;	/* ０-９ */
		else
			yes = 0;
	}
	free(t);
	return yes;
}

static enum pstyle
block_pstyle(const struct md_block *blk, enum elem e)
{
	if (blk->kind == BLK_APPENDIX)
		return PS_APPENDIX;
	if (blk->kind == BLK_ATT_LABEL ||
	    ((blk->kind == BLK_PARA || blk->kind == BLK_HEADING) && attachment_label(blk)))
		return PS_ATTACHMENT;
	if (blk->kind == BLK_ATT_TITLE)
		return PS_ATT_TITLE;
	switch (e) {
	case EL_TITLE:
		return PS_TITLE;
	case EL_SUBTITLE:
		return PS_SUBTITLE;
	case EL_BYLINE:
		return PS_BYLINE;
	case EL_ADDRESSEE:
		return PS_ADDRESSEE;
	case EL_H2:
		return PS_H1;
	case EL_H3:
		return PS_H2;
	case EL_H4:
		return PS_H3;
	case EL_H5:
		return PS_H4;
	case EL_H6:
		return PS_H5;
	case EL_SIGNATURE:
		return PS_SIGNATURE;
	case EL_DATE:
		return PS_DATE;
	default:
		return PS_NORMAL;
	}
}

/* Width of a block's text on the grid: wide characters one pitch, others half. */
static double
grid_width(const struct md_block *blk, double pitch)
{
	size_t i, off, k;
	uint32_t cp;
	double w = 0;

	for (i = 0; i < blk->nruns; i++)
		for (off = 0; off < blk->runs[i].len; off += k) {
			if ((k = utf8_decode(blk->runs[i].text + off, blk->runs[i].len - off, &cp)) == 0)
				k = 1;
			w += wide(cp) ? pitch : pitch / 2;
		}
	return w;
}

static int
has_text(const struct md_block *blk)
{
	size_t i;

	for (i = 0; i < blk->nruns; i++)
		if (!(blk->runs[i].flags & (RUN_SOFT | RUN_BREAK)) && blk->runs[i].len > 0)
			return 1;
	return 0;
}

/* The next block with text after block i, or NULL. */
static const struct md_block *
next_block(const struct md_doc *doc, size_t i)
{
	for (i++; i < doc->n; i++)
		if (has_text(&doc->blocks[i]))
			return &doc->blocks[i];
	return NULL;
}

static int
title_group(enum elem e)
{
	return e == EL_TITLE || e == EL_SUBTITLE || e == EL_BYLINE;
}

/*
 * What a paragraph needs beyond its style, as the PDF's layout does it:
 * a subtitle or byline joins the title, whose blank line goes below the
 * last of them (*after, grid lines; -1: the style's); a signature never
 * starts a page alone, so the paragraph before it keeps with it.
 */
static void
placement(const struct style *st, const struct md_doc *doc, size_t i, int *after, int *keep)
{
	const struct md_block *next = next_block(doc, i);
	enum elem e = block_elem(&doc->blocks[i]), ne = next ? block_elem(next) : EL_COUNT;

	*after = -1;
	*keep = 0;
	if (title_group(e) && (ne == EL_SUBTITLE || ne == EL_BYLINE))
		*after = 0;
	else if (e == EL_SUBTITLE || e == EL_BYLINE) {
		size_t j = i;
		int in_group = 0;

		while (j-- > 0)
			if (has_text(&doc->blocks[j])) {
				in_group = title_group(block_elem(&doc->blocks[j]));
				break;
			}
		if (in_group && st->el[EL_TITLE].space_after > st->el[e].space_after)
			*after = st->el[EL_TITLE].space_after;
	}
	if ((ne == EL_SIGNATURE || ne == EL_DATE) && !st->el[e].keep_with_next)
		*keep = 1;
}

static void
section(struct xw *x, const struct geom *g)
{
	xw_start(x, "w:sectPr");
	xw_empty(x, "w:footerReference", "w:type", "default", "r:id", "rId4", (const char *)NULL);
	xw_empty(x, "w:footerReference", "w:type", "even", "r:id", "rId5", (const char *)NULL);
	xw_start(x, "w:pgSz");
	xw_attr_int(x, "w:w", g->page_w);
	xw_attr_int(x, "w:h", g->page_h);
	xw_end(x);
	xw_start(x, "w:pgMar");
	xw_attr_int(x, "w:top", g->top);
	xw_attr_int(x, "w:right", g->right);
	xw_attr_int(x, "w:bottom", g->bottom);
	xw_attr_int(x, "w:left", g->left);
	xw_attr(x, "w:header", "851");
	xw_attr_int(x, "w:footer", g->footer);
	xw_attr(x, "w:gutter", "0");
	xw_end(x);
	xw_empty(x, "w:cols", "w:space", "425", (const char *)NULL);
	xw_start(x, "w:docGrid");
	xw_attr(x, "w:type", "lines");
	xw_attr_int(x, "w:linePitch", g->line_pitch);
	xw_attr_int(x, "w:charSpace", g->char_space);
	xw_end(x);
	xw_end(x);
}

int
part_document(struct diag *d, const struct style *st, const struct geom *g,
    const struct md_doc *doc, const struct title_lines *titles, struct buf *out)
{
	struct xw x;
	struct body b;
	size_t i;
	int sig = -1, date = -1;
	double sr = 0, dr = 0;

	for (i = 0; i < doc->n; i++) {
		enum elem e = block_elem(&doc->blocks[i]);

		if (e == EL_SIGNATURE && sig < 0)
			sig = (int)i;
		if (e == EL_DATE && date < 0)
			date = (int)i;
	}
	{
		int pair = sig >= 0 && date == sig + 1;

		signature_insets(st, sig >= 0 ? grid_width(&doc->blocks[sig], g->pitch_x) : 0,
		    date >= 0 ? grid_width(&doc->blocks[date], g->pitch_x) : 0, pair, pair, &sr, &dr);
	}
	memset(&b, 0, sizeof(b));
	b.diag = d;
	b.doc = doc;
	b.x = &x;
	buf_init(&b.text);
	xw_open(&x, "w:document", "xmlns:w", NS_W, "xmlns:r", NS_R, (const char *)NULL);
	xw_start(&x, "w:body");
	for (i = 0; i < doc->n; i++) {
		const struct md_block *blk = &doc->blocks[i];
		enum elem e = block_elem(blk);
		enum pstyle ps = block_pstyle(blk, e);
		int after, keep;

		if (!has_text(blk))
			continue;
		placement(st, doc, i, &after, &keep);
		xw_start(&x, "w:p");
		xw_start(&x, "w:pPr");
		xw_val(&x, "w:pStyle", pstyle_info(ps)->id);
		if (keep)
			xw_empty(&x, "w:keepNext", (const char *)NULL);
		if (blk->newpage)
			xw_empty(&x, "w:pageBreakBefore", (const char *)NULL);
		if (after >= 0) {
			xw_start(&x, "w:spacing");
			xw_attr_int(&x, "w:after", after * g->line_pitch);
			xw_end(&x);
		}
		if (e == EL_SIGNATURE || e == EL_DATE) {
			xw_start(&x, "w:ind");
			xw_attr_int(&x, "w:right", TW(e == EL_SIGNATURE ? sr : dr));
			xw_end(&x);
		} else if (blk->kind == BLK_PLAIN) {
			xw_empty(&x, "w:ind", "w:firstLineChars", "0", "w:firstLine", "0",
			    (const char *)NULL);
			xw_val(&x, "w:jc", "left");
		}
		xw_end(&x);
		b.lines = titles != NULL && titles[i].n > 0 ? &titles[i] : NULL;
		b.head = blk->run_in > 0 ? &st->el[run_in_elem(blk)] : NULL;
		b.chars = b.next_line = 0;
		runs(&b, blk);
		xw_end(&x);
	}
	section(&x, g);
	xw_end(&x);
	buf_free(&b.text);
	if (b.dropped > 0)
		diag_warn(d, &b.dropped_at, "%d 个控制字符不能写入 .docx，已略去", b.dropped);
	return xw_close(&x, out);
}
