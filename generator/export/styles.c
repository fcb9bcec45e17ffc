/*
 * styles.c: word/styles.xml.  One paragraph style per role, its numbers
 * from the style sheet's element: font, size, bold, first-line indent in
 * grid characters, alignment, blank grid lines before and after, keep
 * with next, and an outline level for the headings (Word's navigation
 * pane).  Every line is exactly one grid pitch high, so that a page holds
 * the grid's 22 lines in LibreOffice as in Word.
 */
#include <math.h>
#include <string.h>

#include "export.h"

#define TW(pt)	((long)lround((pt) * 20))

static void
fonts_of(struct xw *x, const char *word)
{
	xw_empty(x, "w:rFonts", "w:ascii", word, "w:hAnsi", word, "w:eastAsia", word,
	    "w:cs", word, (const char *)NULL);
}

/* base: the document's defaults; tracking: w:spacing, or 0 for none. */
static void
run_props(struct xw *x, const struct elem_style *es, int base, long tracking)
{
	xw_start(x, "w:rPr");
	fonts_of(x, word_font(es->font));
	if (es->bold) {
		xw_empty(x, "w:b", (const char *)NULL);
		xw_empty(x, "w:bCs", (const char *)NULL);
	}
	if (tracking != 0 || !es->grid)
		xw_val_int(x, "w:spacing", es->grid ? tracking : 0);
	if (base)
		xw_val(x, "w:kern", "2");
	xw_val_int(x, "w:sz", lround(es->size * 2));
	xw_val_int(x, "w:szCs", lround(es->size * 2));
	if (base)
		xw_empty(x, "w:lang", "w:val", "en-US", "w:eastAsia", "zh-CN",
		    "w:bidi", "ar-SA", (const char *)NULL);
	xw_end(x);
}

static const char *
jc(enum align a)
{
	switch (a) {
	case ALIGN_LEFT:
		return "left";
	case ALIGN_CENTER:
		return "center";
	case ALIGN_RIGHT:
		return "right";
	default:
		return "both";
	}
}

/*
 * The first-line indent: in characters (Word) and in twips (others).  A
 * title's lines are the PDF's (w:br where it turns them, body.c), each
 * fitting the block in the PDF's faces; an office's faces may be a little
 * wider (LibreOffice set the 2020 title 13 pt wider and turned its last
 * character alone), so a centred title may reach half a character into
 * either margin rather than turn a line the PDF does not.
 */
static void
indent(struct xw *x, const struct style *st, const struct geom *g,
    const struct elem_style *es, int title)
{
	double body = st->el[EL_PARAGRAPH].size > 0 ? st->el[EL_PARAGRAPH].size : 16;
	double cell = es->grid ? g->pitch_x * es->size / body : es->size;

	xw_start(x, "w:ind");
	if (title) {
		xw_attr_int(x, "w:left", -TW(es->size / 2));
		xw_attr_int(x, "w:right", -TW(es->size / 2));
	}
	xw_attr_int(x, "w:firstLineChars", lround(es->indent * 100));
	xw_attr_int(x, "w:firstLine", TW(es->indent * cell));
	xw_end(x);
}

static void
para_props(struct xw *x, const struct style *st, const struct geom *g, enum pstyle ps)
{
	const struct pstyle_info *pi = pstyle_info(ps);
	const struct elem_style *es = &st->el[pi->elem];
	int base = ps == PS_NORMAL;

	xw_start(x, "w:pPr");
	if (es->keep_with_next || pi->outline > 0)
		xw_empty(x, "w:keepNext", (const char *)NULL);
	if (base) {
		/* No widow control: every page holds the grid's lines, as in the PDF. */
		xw_val(x, "w:widowControl", "0");
		/*
		 * overflowPunct on: with it off, LibreOffice drops a mark that
		 * would hang past the block (the 、 of 同人武、 in the 2020
		 * report vanished), while with it on LibreOffice takes the mark
		 * to the next line with a character; no extra space around Latin
		 * and digits.
		 */
		xw_val(x, "w:overflowPunct", "1");
		xw_val(x, "w:autoSpaceDE", "0");
		xw_val(x, "w:autoSpaceDN", "0");
	}
	if (!es->grid)
		xw_val(x, "w:snapToGrid", "0");
	if (base || es->space_before || es->space_after) {
		xw_start(x, "w:spacing");
		xw_attr_int(x, "w:before", es->space_before * g->line_pitch);
		xw_attr_int(x, "w:after", es->space_after * g->line_pitch);
		if (base) {
			xw_attr_int(x, "w:line", g->line_pitch);
			xw_attr(x, "w:lineRule", "exact");
		}
		xw_end(x);
	}
	if (ps == PS_ATTACHMENT) {
		/* GB/T 9704-2012 7.4: 附件 and its number flush left on the first line, 3号黑体. */
		xw_empty(x, "w:ind", "w:firstLineChars", "0", "w:firstLine", "0", (const char *)NULL);
		xw_val(x, "w:jc", "left");
	} else {
		indent(x, st, g, es, ps == PS_TITLE || ps == PS_SUBTITLE || ps == PS_ATT_TITLE);
		xw_val(x, "w:jc", jc(pi->elem == EL_SIGNATURE || pi->elem == EL_DATE ?
		    ALIGN_RIGHT : es->align));
	}
	if (pi->outline > 0)
		xw_val_int(x, "w:outlineLvl", pi->outline - 1);
	xw_end(x);
}

static void
footer_style(struct xw *x, const struct style *st, const struct geom *g)
{
	const struct elem_style *es = &st->el[EL_PAGENO];

	xw_start(x, "w:pPr");
	xw_val(x, "w:snapToGrid", "0");
	xw_start(x, "w:spacing");
	xw_attr(x, "w:before", "0");
	xw_attr(x, "w:after", "0");
	xw_attr_int(x, "w:line", g->pageno_line);
	xw_attr(x, "w:lineRule", "exact");
	xw_end(x);
	xw_empty(x, "w:ind", "w:firstLineChars", "0", "w:firstLine", "0", (const char *)NULL);
	xw_end(x);
	run_props(x, es, 0, 0);
}

static void
one_style(struct xw *x, const struct style *st, const struct geom *g, enum pstyle ps)
{
	const struct pstyle_info *pi = pstyle_info(ps);

	xw_start(x, "w:style");
	xw_attr(x, "w:type", "paragraph");
	if (ps == PS_NORMAL)
		xw_attr(x, "w:default", "1");
	xw_attr(x, "w:styleId", pi->id);
	xw_val(x, "w:name", pi->name);
	if (ps != PS_NORMAL)
		xw_val(x, "w:basedOn", pstyle_info(PS_NORMAL)->id);
	if (ps != PS_NORMAL && ps != PS_FOOTER)
		xw_val(x, "w:next", pstyle_info(PS_NORMAL)->id);
	xw_empty(x, "w:qFormat", (const char *)NULL);
	if (ps == PS_FOOTER)
		footer_style(x, st, g);
	else {
		para_props(x, st, g, ps);
		run_props(x, &st->el[pi->elem], 0, ps == PS_NORMAL ? g->tracking : 0);
	}
	xw_end(x);
}

int
part_styles(const struct style *st, const struct geom *g, struct buf *out)
{
	struct xw x;
	int ps;

	xw_open(&x, "w:styles", "xmlns:w", NS_W, (const char *)NULL);
	xw_start(&x, "w:docDefaults");
	xw_start(&x, "w:rPrDefault");
	run_props(&x, &st->el[EL_PARAGRAPH], 1, 0);
	xw_end(&x);
	xw_end(&x);
	for (ps = 0; ps < PS_COUNT; ps++)
		one_style(&x, st, g, (enum pstyle)ps);
	/* The character style Word expects beside the paragraph styles. */
	xw_start(&x, "w:style");
	xw_attr(&x, "w:type", "character");
	xw_attr(&x, "w:default", "1");
	xw_attr(&x, "w:styleId", "DefaultParagraphFont");
	xw_val(&x, "w:name", "Default Paragraph Font");
	xw_val(&x, "w:uiPriority", "1");
	xw_empty(&x, "w:semiHidden", (const char *)NULL);
	xw_empty(&x, "w:unhideWhenUsed", (const char *)NULL);
	xw_end(&x);
	return xw_close(&x, out);
}
