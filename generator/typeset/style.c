/* style.c: read templates/style.yaml into numbers, checking every key and value. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "style.h"
#include "../load/value.h"
#include "../util/xalloc.h"

#define MM	(72.0 / 25.4)

struct sctx {
	struct diag	*diag;
	int		 errors;
};

static const char *const elem_keys[EL_COUNT] = {
	"title", "addressee", "paragraph", "heading-2", "heading-3",
	"heading-4", "heading-5", "heading-6", "signature", "date",
	"subtitle", "byline", "attachment-label", "attachment-title", "page-number",
};

const char *
elem_key(enum elem e)
{
	return (unsigned)e < EL_COUNT ? elem_keys[e] : "?";
}

/*
 * The range of every number of the style sheet, by section and key (the
 * elements share theirs): lengths in pt, the rest in their own units.
 * Outside it a value is an error at its place; inside it the typesetter
 * and libharu (a page at most 14,400 pt) are on safe ground.  A new
 * setting adds its line here.
 */
static const struct range {
	const char	*section;
	const char	*key;
	double		 min, max;
} ranges[] = {
	{ "page", "width",		10 * MM, 5000 * MM },
	{ "page", "height",		10 * MM, 5000 * MM },
	{ "page", "margin-top",		0, 5000 * MM },
	{ "page", "margin-left",	0, 5000 * MM },
	{ "text-block", "width",	10 * MM, 5000 * MM },
	{ "text-block", "height",	10 * MM, 5000 * MM },
	{ "grid", "lines",		1, 200 },
	{ "grid", "chars",		1, 200 },
	{ "grid", "line-gap",		0, 10 },
	{ "elements", "size",		1, 200 },
	{ "elements", "indent",		0, 100 },
	{ "elements", "space-before",	0, 100 },
	{ "elements", "space-after",	0, 100 },
	{ "elements", "line-pitch",	0, 1000 },	/* 0: the grid's */
	{ "elements", "right",		0, 100 },
	{ "elements", "shift",		0, 100 },
	{ "elements", "dash-below",	0, 100 * MM },
	{ "elements", "inset",		0, 100 },
	{ "bold", "fake-stroke",	0, 0.2 },
	{ "lines", "min-last-chars",	1, 10 },
	{ "lines", "max-stretch",	0, 100 },
	{ "lines", "max-letterspacing",	0.01, 1 },
	{ "lines", "widow-lines",	1, 10 },
	{ "lines", "orphan-lines",	1, 10 },
	{ "lines", "keep-max",		1, 100 },
};

static const struct range *
range_of(const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (strcmp(ranges[i].section, section) == 0 && strcmp(ranges[i].key, key) == 0)
			return &ranges[i];
	abort();	/* every number read has its line in the table */
}

/*
 * Elements a style sheet may leave out (sheets written before they
 * existed), and the element whose settings they then take.
 */
static int
fallback_of(enum elem e)
{
	switch (e) {
	case EL_ATT_LABEL: return EL_H2;
	case EL_ATT_TITLE: return EL_TITLE;
	default: return -1;
	}
}

static void
bad(struct sctx *c, const struct srcpos *pos, const char *fmt, const char *a,
    const char *b)
{
	diag_error(c->diag, pos, fmt, a, b);
	c->errors++;
}

/* Report keys of map that are not in the NULL-terminated list allowed. */
static void
check_keys(struct sctx *c, const struct value *map, const char *const *allowed)
{
	size_t i, j;

	for (i = 0; i < map->n; i++) {
		for (j = 0; allowed[j] != NULL; j++)
			if (strcmp(map->keys[i], allowed[j]) == 0)
				break;
		if (allowed[j] == NULL)
			bad(c, &map->keypos[i], "未知的样式设置“%s”%s", map->keys[i],
			    "（拼写错误？）");
	}
}

/* A map under key, or NULL after an error. */
static const struct value *
get_map(struct sctx *c, const struct value *map, const char *key)
{
	const struct value *v = value_get(map, key);

	if (v == NULL) {
		bad(c, value_keypos(map, key), "缺少样式设置“%s”%s", key, "");
		return NULL;
	}
	if (v->kind != VALUE_MAP) {
		bad(c, &v->pos, "“%s”应当是映射，而不是%s", key, value_kind_name(v->kind));
		return NULL;
	}
	return v;
}

/* A length with its unit ("37mm", "16pt") converted to pt. */
static int
parse_length(const char *s, double *out)
{
	static const struct { const char *unit; double pt; } units[] = {
		{ "mm", MM }, { "cm", 10 * MM }, { "in", 72 }, { "pt", 1 },
	};
	char *end;
	double d;
	size_t i;

	d = strtod(s, &end);
	if (end == s || !isfinite(d))
		return -1;
	while (*end == ' ')
		end++;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(end, units[i].unit) == 0) {
			*out = d * units[i].pt;
			return 0;
		}
	return -1;
}

/* A length in the unit it was written in (mm, or pt when so written). */
static void
show_length(char *out, size_t size, double pt, const char *as)
{
	if (strstr(as, "pt") != NULL)
		snprintf(out, size, "%gpt", pt);
	else
		snprintf(out, size, "%gmm", round(pt / MM * 100) / 100);
}

/* Returns 0 when the length was set. */
static int
get_length(struct sctx *c, const struct value *map, const char *section, const char *key,
    int required, double *out)
{
	const struct range *r = range_of(section, key);
	const struct value *v = value_get(map, key);
	double d;

	if (v == NULL) {
		if (required)
			bad(c, value_keypos(map, key), "缺少样式设置“%s”%s", key, "");
		return -1;
	}
	if (v->kind == VALUE_NUMBER) {
		bad(c, &v->pos, "“%s”需要带单位的长度，例如 %s", key, "37mm、16pt");
		return -1;
	}
	if (v->kind != VALUE_STRING || parse_length(v->str, &d) != 0 || d < 0) {
		bad(c, &v->pos, "“%s”不是有效的长度：应写成数字加单位 mm、cm、in 或 pt%s",
		    key, "");
		return -1;
	}
	if (d < r->min - 1e-9 || d > r->max + 1e-9) {
		char lo[32], hi[32], range[80];

		show_length(lo, sizeof(lo), r->min, v->str);
		show_length(hi, sizeof(hi), r->max, v->str);
		snprintf(range, sizeof(range), "%s 到 %s", lo, hi);
		bad(c, &v->pos, "“%s”超出范围（应在 %s 之间）", key, range);
		return -1;
	}
	*out = d;
	return 0;
}

static void
get_number(struct sctx *c, const struct value *map, const char *section, const char *key,
    int required, double *out)
{
	const struct range *r = range_of(section, key);
	const struct value *v = value_get(map, key);

	if (v == NULL) {
		if (required)
			bad(c, value_keypos(map, key), "缺少样式设置“%s”%s", key, "");
		return;
	}
	if (v->kind != VALUE_NUMBER) {
		bad(c, &v->pos, "“%s”应当是数字，而不是%s", key, value_kind_name(v->kind));
		return;
	}
	if (v->num < r->min || v->num > r->max) {
		char range[64];

		snprintf(range, sizeof(range), "%g 到 %g", r->min, r->max);
		bad(c, &v->pos, "“%s”超出范围（应在 %s 之间）", key, range);
		return;
	}
	*out = v->num;
}

static void
get_int(struct sctx *c, const struct value *map, const char *section, const char *key,
    int required, int *out)
{
	double d = *out;

	get_number(c, map, section, key, required, &d);
	if (d != floor(d)) {
		bad(c, &value_get(map, key)->pos, "“%s”应当是整数%s", key, "");
		return;
	}
	*out = (int)d;
}

static void
get_bool(struct sctx *c, const struct value *map, const char *key, int *out)
{
	const struct value *v = value_get(map, key);

	if (v == NULL)
		return;
	if (v->kind != VALUE_BOOL) {
		bad(c, &v->pos, "“%s”应当是 true 或 false，而不是%s", key,
		    value_kind_name(v->kind));
		return;
	}
	*out = v->boolean;
}

static void
get_string(struct sctx *c, const struct value *map, const char *key, int required,
    char **out, struct srcpos *pos)
{
	const struct value *v = value_get(map, key);

	if (v == NULL) {
		if (required)
			bad(c, value_keypos(map, key), "缺少样式设置“%s”%s", key, "");
		return;
	}
	if (v->kind != VALUE_STRING || v->len == 0) {
		bad(c, &v->pos, "“%s”应当是非空文字%s", key, "");
		return;
	}
	free(*out);
	*out = xstrdup(v->str);
	if (pos != NULL)
		*pos = v->pos;
}

static void
get_align(struct sctx *c, const struct value *map, const char *key, enum align *out)
{
	static const char *names[] = { "justify", "left", "center", "right" };
	const struct value *v = value_get(map, key);
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (v->kind == VALUE_STRING && strcmp(v->str, names[i]) == 0) {
			*out = (enum align)i;
			return;
		}
	bad(c, &v->pos, "“%s”应为 justify、left、center 或 right%s", key, "");
}

static void
get_strings(struct sctx *c, const struct value *map, const char *key,
    char ***out, size_t *n)
{
	const struct value *v = value_get(map, key);
	size_t i;

	if (v == NULL)
		return;
	if (v->kind != VALUE_LIST) {
		bad(c, &v->pos, "“%s”应当是文字列表%s", key, "");
		return;
	}
	*out = xcalloc(v->n + 1, sizeof(char *));
	for (i = 0; i < v->n; i++) {
		if (v->items[i]->kind != VALUE_STRING || v->items[i]->len == 0) {
			bad(c, &v->items[i]->pos, "“%s”的每一项应当是非空文字%s", key, "");
			continue;
		}
		(*out)[(*n)++] = xstrdup(v->items[i]->str);
	}
}

/* The costs of punctuation.priority's places: before pushing a character, and after. */
#define PRIO_BEFORE	0.25
#define PRIO_AFTER	30.0

/*
 * punctuation.priority: the means of fitting a line in the order they are
 * preferred, from "line-end" (the line's final mark squeezed), "push" (a
 * character pushed to the next line, the gaps widened) and "mid-line"
 * (a mark in the middle of the line squeezed).  A means left out is never
 * used (pushing always is: it is the only way to fill a short line).
 */
static void
get_priority(struct sctx *c, const struct value *map, struct style *s)
{
	static const char *const names[] = { "line-end", "push", "mid-line" };
	const struct value *v = value_get(map, "priority");
	int rank[3] = { -1, -1, -1 }, push, i;
	size_t k, j;

	if (v == NULL)
		return;
	if (v->kind != VALUE_LIST) {
		bad(c, &v->pos, "“%s”应当是列表，例如 %s", "priority", "[line-end, push, mid-line]");
		return;
	}
	for (k = 0; k < v->n; k++) {
		const struct value *e = v->items[k];

		for (j = 0; j < 3; j++)
			if (e->kind == VALUE_STRING && strcmp(e->str, names[j]) == 0)
				break;
		if (j == 3 || rank[j] >= 0) {
			bad(c, &e->pos, "“priority”的每一项应为 line-end、push 或 mid-line，且不重复%s%s",
			    "", "");
			return;
		}
		rank[j] = (int)k;
	}
	push = rank[1] >= 0 ? rank[1] : (int)v->n;
	for (i = 0; i < 3; i += 2) {
		double *cost = i == 0 ? &s->end_cost : &s->mid_cost;

		if (rank[i] < 0)
			*cost = -1;
		else if (rank[i] < push)
			*cost = PRIO_BEFORE * (rank[i] + 1);
		else
			*cost = PRIO_AFTER * (rank[i] - push);
	}
}

static void
load_elem(struct sctx *c, const struct value *map, enum elem e, struct elem_style *es)
{
	static const char *const common[] = { "font", "size", "indent", "bold",
	    "grid", "align", "space-before", "space-after", "keep-with-next",
	    "line-pitch", "right", "shift", "format", "dash-below", "inset", "odd",
	    "even", NULL };
	static const char *const plain[] = { "font", "size", "indent", "bold",
	    "grid", "align", "space-before", "space-after", "keep-with-next",
	    "line-pitch", NULL };
	check_keys(c, map, e == EL_SIGNATURE || e == EL_DATE || e == EL_PAGENO ?
	    common : plain);
	es->grid = e != EL_PAGENO && e != EL_TITLE && e != EL_ATT_TITLE;
	es->align = e == EL_PAGENO ? ALIGN_LEFT : ALIGN_JUSTIFY;
	get_string(c, map, "font", 1, &es->font, &es->font_pos);
	if (get_length(c, map, "elements", "size", 1, &es->size) != 0)
		es->size = 16;
	get_number(c, map, "elements", "indent", 0, &es->indent);
	get_bool(c, map, "bold", &es->bold);
	get_bool(c, map, "grid", &es->grid);
	get_align(c, map, "align", &es->align);
	get_int(c, map, "elements", "space-before", 0, &es->space_before);
	get_int(c, map, "elements", "space-after", 0, &es->space_after);
	get_bool(c, map, "keep-with-next", &es->keep_with_next);
	get_length(c, map, "elements", "line-pitch", 0, &es->line_pitch);
}

void
style_free(struct style *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < EL_COUNT; i++)
		free(s->el[i].font);
	for (i = 0; i < s->ntitle_after; i++)
		free(s->title_after[i]);
	free(s->title_after);
	for (i = 0; i < s->ntitle_before; i++)
		free(s->title_before[i]);
	free(s->title_before);
	for (i = 0; i < s->ntitle_avoid_after; i++)
		free(s->title_avoid_after[i]);
	free(s->title_avoid_after);
	for (i = 0; i < s->ntitle_avoid_before; i++)
		free(s->title_avoid_before[i]);
	free(s->title_avoid_before);
	free(s->pageno_format);
	free(s);
}

static void
load_pageno(struct sctx *c, const struct value *m, struct style *s)
{
	const struct value *v;
	int odd;

	get_string(c, m, "format", 1, &s->pageno_format, NULL);
	if (s->pageno_format != NULL && strstr(s->pageno_format, "{n}") == NULL)
		bad(c, &value_get(m, "format")->pos, "页码格式“%s”中缺少 {n}%s",
		    s->pageno_format, "");
	get_length(c, m, "elements", "dash-below", 1, &s->pageno_dash_below);
	get_number(c, m, "elements", "inset", 1, &s->pageno_inset);
	s->pageno_odd = ALIGN_RIGHT;
	s->pageno_even = ALIGN_LEFT;
	get_align(c, m, "odd", &s->pageno_odd);
	get_align(c, m, "even", &s->pageno_even);
	for (odd = 0; odd < 2; odd++) {
		const char *k = odd ? "odd" : "even";

		v = value_get(m, k);
		if (v != NULL && (odd ? s->pageno_odd : s->pageno_even) == ALIGN_JUSTIFY)
			bad(c, &v->pos, "页码位置“%s”应为 left、center 或 right%s", k, "");
	}
}

/* Where root's section/key (elements/NAME/key with elem) is written, or the file's start. */
static const struct srcpos *
where(const struct value *root, const char *section, const char *elem, const char *key,
    const struct srcpos *start)
{
	const struct value *m = value_get(root, section), *v;

	if (elem != NULL)
		m = value_get(m, elem);
	v = value_get(m, key);
	return v != NULL ? &v->pos : start;
}

/* The numbers each within its range may still not fit together. */
static void
check_together(struct sctx *c, const struct value *root, struct style *s,
    const struct srcpos *start)
{
	double below = s->page_h - s->margin_top - s->block_h;
	const struct elem_style *pn = &s->el[EL_PAGENO];
	int e;

	if (s->margin_left + s->block_w > s->page_w + 0.01)
		bad(c, where(root, "text-block", NULL, "width", start), "版心超出了纸张：%s%s",
		    "左边距加版心宽度大于纸张宽度", "");
	if (s->margin_top + s->block_h > s->page_h + 0.01)
		bad(c, where(root, "text-block", NULL, "height", start), "版心超出了纸张：%s%s",
		    "上边距加版心高度大于纸张高度", "");
	if (c->errors > 0)
		return;
	if (s->block_w / s->chars < s->el[EL_PARAGRAPH].size / 2) {
		char why[160];

		snprintf(why, sizeof(why), "每行 %d 字时字距只有 %.1fpt，不到正文字号 %gpt 的一半",
		    s->chars, s->block_w / s->chars, s->el[EL_PARAGRAPH].size);
		bad(c, where(root, "text-block", NULL, "width", start), "版心太窄：%s%s", why,
		    "；请加宽版心或减少每行的字数");
	}
	if (s->pageno_format != NULL && s->pageno_dash_below + pn->size > below + 0.01) {
		char why[160];

		snprintf(why, sizeof(why), "一字线在版心下 %.1fmm，加上页码的高度超出了纸张"
		    "（版心下只有 %.1fmm）", s->pageno_dash_below / MM, below / MM);
		bad(c, where(root, "elements", "page-number", "dash-below", start), "页码%s%s",
		    why, "，会印不出来");
	}
	for (e = 0; e < EL_COUNT; e++)
		if (s->el[e].grid && s->el[e].indent >= s->chars) {
			char why[120];

			snprintf(why, sizeof(why), "首行缩进 %g 字，不小于每行的 %d 字",
			    s->el[e].indent, s->chars);
			bad(c, where(root, "elements", elem_keys[e], "indent", start),
			    "元素“%s”的%s", elem_keys[e], why);
		}
	if (s->sig_right >= s->chars)
		bad(c, where(root, "elements", "signature", "right", start),
		    "落款右空的字数不小于每行的字数%s%s", "", "");
	if (s->date_right >= s->chars || s->date_shift >= s->chars)
		bad(c, where(root, "elements", "date", s->date_right >= s->chars ? "right" : "shift",
		    start), "成文日期的位置超出了一行%s%s", "", "");
}

struct style *
style_load(struct diag *d, const char *path)
{
	static const char *const top_keys[] = { "page", "text-block", "grid",
	    "elements", "bold", "punctuation", "lines", "title-breaks", NULL };
	static const char *const page_keys[] = { "width", "height", "margin-top",
	    "margin-left", NULL };
	static const char *const block_keys[] = { "width", "height", NULL };
	static const char *const grid_keys[] = { "lines", "chars", "line-gap", NULL };
	static const char *const bold_keys[] = { "fake-stroke", NULL };
	static const char *const punct_keys[] = { "compress-pairs", "trim-line-end",
	    "priority", NULL };
	static const char *const lines_keys[] = { "min-last-chars", "max-stretch",
	    "max-letterspacing", "widow-lines", "orphan-lines", "keep-max", NULL };
	static const char *const tb_keys[] = { "balance", "after", "before", "avoid-after",
	    "avoid-before", NULL };
	struct sctx c = { d, 0 };
	struct value_doc *doc;
	const struct value *root, *m, *els;
	struct style *s;
	struct srcpos rootpos;
	int e;

	if ((doc = value_load_file(d, path)) == NULL)
		return NULL;
	s = xcalloc(1, sizeof(*s));
	s->path = diag_intern(d, path);
	root = value_doc_root(doc);
	rootpos.file = s->path;
	rootpos.line = 1;
	rootpos.col = 1;
	if (root->kind != VALUE_MAP) {
		diag_error(d, &rootpos, "样式表应当是一个映射（page、text-block、grid、elements……）");
		goto fail;
	}
	check_keys(&c, root, top_keys);

	if ((m = get_map(&c, root, "page")) != NULL) {
		check_keys(&c, m, page_keys);
		get_length(&c, m, "page", "width", 1, &s->page_w);
		get_length(&c, m, "page", "height", 1, &s->page_h);
		get_length(&c, m, "page", "margin-top", 1, &s->margin_top);
		get_length(&c, m, "page", "margin-left", 1, &s->margin_left);
	}
	if ((m = get_map(&c, root, "text-block")) != NULL) {
		check_keys(&c, m, block_keys);
		get_length(&c, m, "text-block", "width", 1, &s->block_w);
		get_length(&c, m, "text-block", "height", 1, &s->block_h);
	}
	if ((m = get_map(&c, root, "grid")) != NULL) {
		check_keys(&c, m, grid_keys);
		get_int(&c, m, "grid", "lines", 1, &s->lines);
		get_int(&c, m, "grid", "chars", 1, &s->chars);
		get_number(&c, m, "grid", "line-gap", 1, &s->line_gap);
	}
	if ((els = get_map(&c, root, "elements")) != NULL) {
		check_keys(&c, els, elem_keys);
		for (e = 0; e < EL_COUNT; e++) {
			if (fallback_of((enum elem)e) >= 0 && value_get(els, elem_keys[e]) == NULL)
				continue;	/* filled in below */
			if ((m = get_map(&c, els, elem_keys[e])) == NULL)
				continue;
			load_elem(&c, m, (enum elem)e, &s->el[e]);
			if (e == EL_SIGNATURE)
				get_number(&c, m, "elements", "right", 1, &s->sig_right);
			if (e == EL_DATE) {
				get_number(&c, m, "elements", "shift", 1, &s->date_shift);
				get_number(&c, m, "elements", "right", 1, &s->date_right);
			}
			if (e == EL_PAGENO)
				load_pageno(&c, m, s);
		}
	}
	for (e = 0; els != NULL && e < EL_COUNT; e++) {
		int from = fallback_of((enum elem)e);

		if (from < 0 || value_get(els, elem_keys[e]) != NULL)
			continue;
		s->el[e] = s->el[from];
		s->el[e].font = s->el[from].font ? xstrdup(s->el[from].font) : NULL;
		if (e == EL_ATT_LABEL) {
			s->el[e].indent = 0;
			s->el[e].keep_with_next = 1;
		}
	}
	s->fake_bold = 0.03;
	/* Settings added later: what a style sheet without them gets. */
	s->max_space = 0.08;
	s->end_cost = PRIO_BEFORE;
	s->mid_cost = PRIO_AFTER;
	s->widow_lines = 2;
	s->orphan_lines = 2;
	s->keep_max = 6;
	if ((m = get_map(&c, root, "bold")) != NULL) {
		check_keys(&c, m, bold_keys);
		get_number(&c, m, "bold", "fake-stroke", 1, &s->fake_bold);
	}
	if ((m = get_map(&c, root, "punctuation")) != NULL) {
		check_keys(&c, m, punct_keys);
		get_bool(&c, m, "compress-pairs", &s->compress_pairs);
		get_bool(&c, m, "trim-line-end", &s->trim_line_end);
		get_priority(&c, m, s);
	}
	if ((m = get_map(&c, root, "lines")) != NULL) {
		check_keys(&c, m, lines_keys);
		get_int(&c, m, "lines", "min-last-chars", 1, &s->min_last_chars);
		get_number(&c, m, "lines", "max-stretch", 1, &s->max_stretch);
		get_number(&c, m, "lines", "max-letterspacing", 0, &s->max_space);
		get_int(&c, m, "lines", "widow-lines", 0, &s->widow_lines);
		get_int(&c, m, "lines", "orphan-lines", 0, &s->orphan_lines);
		get_int(&c, m, "lines", "keep-max", 0, &s->keep_max);
	}
	if ((m = get_map(&c, root, "title-breaks")) != NULL) {
		check_keys(&c, m, tb_keys);
		get_bool(&c, m, "balance", &s->title_balance);
		get_strings(&c, m, "after", &s->title_after, &s->ntitle_after);
		get_strings(&c, m, "before", &s->title_before, &s->ntitle_before);
		get_strings(&c, m, "avoid-after", &s->title_avoid_after,
		    &s->ntitle_avoid_after);
		get_strings(&c, m, "avoid-before", &s->title_avoid_before,
		    &s->ntitle_avoid_before);
	}
	if (c.errors > 0)
		goto fail;
	check_together(&c, root, s, &rootpos);
	if (c.errors > 0)
		goto fail;
	s->pitch_x = s->block_w / s->chars;
	s->cell_h = s->block_h / (s->lines + (s->lines - 1) * s->line_gap);
	s->pitch_y = s->cell_h * (1 + s->line_gap);
	for (e = 0; e < EL_COUNT; e++)
		if (s->el[e].grid && s->el[e].size > s->pitch_y) {
			diag_error(d, where(root, "elements", elem_keys[e], "size", &rootpos),
			    "元素“%s”的字号 %.1fpt 大于行距 %.1fpt",
			    elem_keys[e], s->el[e].size, s->pitch_y);
			goto fail;
		}
	value_doc_free(doc);
	return s;
fail:
	value_doc_free(doc);
	style_free(s);
	return NULL;
}
