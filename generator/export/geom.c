/*
 * geom.c: the style sheet's page in Word's units, the paragraph styles by
 * role, the fonts Word is asked for and their free alternates.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "../typeset/fonts.h"
#include "../util/xalloc.h"

#define TW(pt)	((long)lround((pt) * 20))

/*
 * The grid: Word lays out a page of lines * linePitch; linePitch must not
 * be more than the block's height / lines or a line is lost (580 twips
 * for 225 mm / 22 gives 21 lines), so it is rounded down.  The character
 * pitch is the body size plus charSpace / 4096 pt; rounded down too, so
 * that 28 characters fit in the block's width as Word computes it.
 * LibreOffice (7.4) cannot set characters closer than their size on a
 * character grid (a negative charSpace puts each in two cells): the grid
 * is a line grid, and the body's runs are condensed (w:spacing, whole
 * twentieths of a pt, rounded down) to the same pitch, which Word, WPS
 * and LibreOffice all honour.
 */
void
geom_of(const struct style *st, struct geom *g)
{
	double body = st->el[EL_PARAGRAPH].size > 0 ? st->el[EL_PARAGRAPH].size : 16;
	const struct elem_style *pn = &st->el[EL_PAGENO];
	double width, size;

	g->page_w = TW(st->page_w);
	g->page_h = TW(st->page_h);
	g->top = TW(st->margin_top);
	g->left = TW(st->margin_left);
	g->right = g->page_w - g->left - TW(st->block_w);
	g->bottom = g->page_h - g->top - TW(st->block_h);
	g->line_pitch = (long)floor(st->block_h * 20 / (st->lines > 0 ? st->lines : 22));
	width = (double)(g->page_w - g->left - g->right) / 20;
	g->char_space = (long)floor((width / (st->chars > 0 ? st->chars : 28) - body) * 4096);
	g->pitch_x = body + g->char_space / 4096.0;
	g->tracking = (long)floor((width / (st->chars > 0 ? st->chars : 28) - body) * 20);
	/*
	 * The footer: one line of the page-number size, exactly 1.2 of it
	 * high.  Word and LibreOffice put the baseline of such a line 0.2 of
	 * its height above its foot, and a Song face's em dash has its middle
	 * 0.385 em above the baseline: the footer's foot goes where the
	 * dash's middle lands dash-below under the block's lower edge.
	 */
	size = pn->size > 0 ? pn->size : 14;
	g->pageno_line = TW(size * 1.2);
	g->footer = g->bottom - TW(st->pageno_dash_below) - TW(0.385 * size + 0.2 * 1.2 * size);
	if (g->footer < 0)
		g->footer = 0;
}

static const struct pstyle_info styles[PS_COUNT] = {
	[PS_NORMAL] = { "Normal", "Normal", EL_PARAGRAPH, 0 },
	[PS_TITLE] = { "DocTitle", "公文标题", EL_TITLE, 0 },
	[PS_SUBTITLE] = { "Subtitle", "Subtitle", EL_SUBTITLE, 0 },
	[PS_BYLINE] = { "Byline", "署名", EL_BYLINE, 0 },
	[PS_ADDRESSEE] = { "Addressee", "主送", EL_ADDRESSEE, 0 },
	[PS_H1] = { "Level1", "一级标题", EL_H2, 1 },
	[PS_H2] = { "Level2", "二级标题", EL_H3, 2 },
	[PS_H3] = { "Level3", "三级标题", EL_H4, 3 },
	[PS_H4] = { "Level4", "四级标题", EL_H5, 4 },
	[PS_H5] = { "Level5", "五级标题", EL_H6, 5 },
	[PS_SIGNATURE] = { "Signature", "落款", EL_SIGNATURE, 0 },
	[PS_DATE] = { "DocDate", "成文日期", EL_DATE, 0 },
	[PS_APPENDIX] = { "AppendixNote", "附件说明", EL_PARAGRAPH, 0 },
	[PS_ATTACHMENT] = { "Attachment", "附件", EL_ATT_LABEL, 0 },
	[PS_ATT_TITLE] = { "AttachmentTitle", "附件标题", EL_ATT_TITLE, 0 },
	[PS_FOOTER] = { "Footer", "footer", EL_PAGENO, 0 },
};

const struct pstyle_info *
pstyle_info(enum pstyle s)
{
	return &styles[s];
}

/*
 * The fonts the offices have (GB/T 9704: 小标宋, 仿宋_GB2312, 黑体,
 * 楷体_GB2312; page numbers in 宋体), by fonts.yaml role.  Their free
 * alternates are not listed here: they are the faces the PDF is set in
 * (font_alts_of).
 */
static const struct {
	const char	*role;
	const char	*word;
} fonts[WORD_FONTS] = {
	{ "title", "方正小标宋简体" },
	{ "body", "仿宋_GB2312" },
	{ "hei", "黑体" },
	{ "kai", "楷体_GB2312" },
	{ "page-number", "宋体" },
};

const char *
word_font(const char *role)
{
	size_t i;

	for (i = 0; role != NULL && i < sizeof(fonts) / sizeof(fonts[0]); i++)
		if (strcmp(fonts[i].role, role) == 0)
			return fonts[i].word;
	return fonts[1].word;	/* a role of the unit's own: the body's */
}

/* The face that serves role in the PDF, as Word names it: family and style but Regular. */
static char *
served_name(struct fontset *fs, const char *role)
{
	struct font_role_info ri;
	const struct font_face *f;
	size_t k;
	char *s;

	for (k = 0; k < fontset_nroles(fs); k++) {
		fontset_role_info(fs, k, &ri);
		if (strcmp(ri.name, role) != 0 || ri.nreg == 0 || (f = ri.reg[0])->family == NULL)
			continue;
		if (f->style == NULL || strcmp(f->style, "Regular") == 0)
			return xstrdup(f->family);
		s = xcalloc(strlen(f->family) + strlen(f->style) + 2, 1);
		sprintf(s, "%s %s", f->family, f->style);
		return s;
	}
	return NULL;
}

void
font_alts_of(struct fontset *fs, struct font_alts *a)
{
	size_t i;

	memset(a, 0, sizeof(*a));
	for (i = 0; fs != NULL && i < WORD_FONTS; i++) {
		a->alt[i] = served_name(fs, fonts[i].role);
		if (a->alt[i] != NULL && strcmp(a->alt[i], fonts[i].word) == 0) {
			free(a->alt[i]);	/* the office's own font serves */
			a->alt[i] = NULL;
		}
	}
}

void
font_alts_free(struct font_alts *a)
{
	size_t i;

	for (i = 0; i < WORD_FONTS; i++)
		free(a->alt[i]);
	memset(a, 0, sizeof(*a));
}

const char *
font_alt(const struct font_alts *a, const char *word)
{
	size_t i;

	for (i = 0; a != NULL && i < WORD_FONTS; i++)
		if (strcmp(fonts[i].word, word) == 0)
			return a->alt[i];
	return NULL;
}
