/*
 * docxnum.c: the numbers Word shows in front of automatically numbered
 * paragraphs (word/numbering.xml), so that a heading numbered by Word
 * reads "一、..." like one typed by hand.  Counters run per abstract list
 * and restart where a list instance overrides its start; a level's
 * counter restarts when a level above it moves on.  Bullets carry no
 * words and give nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "importint.h"
#include "wml.h"
#include "../util/cnnum.h"
#include "../util/xalloc.h"

#define NLVL	9

struct lvl {
	int	 start;
	char	 fmt[40];
	char	 text[80];
};

struct abstract {
	int		 id;
	struct lvl	 lvl[NLVL];
	int		 counter[NLVL];
	int		 started[NLVL];
};

struct num {
	int	 id;
	int	 abstract;
	int	 override[NLVL];	/* start override + 1, or 0 */
	int	 used;
};

struct docx_numbering {
	struct abstract	*a;
	size_t		 na;
	struct num	*n;
	size_t		 nn;
};

static int
attr_int(const xmlNode *x, const char *name, int dflt)
{
	char buf[32];

	return wml_attr(x, name, buf, sizeof(buf)) ? atoi(buf) : dflt;
}

struct docx_numbering *
docx_numbering_parse(const char *xml, size_t len)
{
	struct docx_numbering *nb;
	xmlDoc *doc;
	xmlNode *root, *x, *l;

	doc = wml_read(xml, len, NULL);
	if (doc == NULL)
		return NULL;
	nb = xcalloc(1, sizeof(*nb));
	root = xmlDocGetRootElement(doc);
	for (x = root ? root->children : NULL; x != NULL; x = x->next) {
		if (wml_is(x, "abstractNum")) {
			struct abstract *a;

			nb->a = xreallocarray(nb->a, nb->na + 1, sizeof(*nb->a));
			a = &nb->a[nb->na++];
			memset(a, 0, sizeof(*a));
			a->id = attr_int(x, "abstractNumId", -1);
			for (l = x->children; l != NULL; l = l->next) {
				int i = attr_int(l, "ilvl", -1);

				if (!wml_is(l, "lvl") || i < 0 || i >= NLVL)
					continue;
				a->lvl[i].start = attr_int(wml_child(l, "start"), "val", 1);
				wml_attr(wml_child(l, "numFmt"), "val", a->lvl[i].fmt, sizeof(a->lvl[i].fmt));
				wml_attr(wml_child(l, "lvlText"), "val", a->lvl[i].text, sizeof(a->lvl[i].text));
			}
		} else if (wml_is(x, "num")) {
			struct num *n;

			nb->n = xreallocarray(nb->n, nb->nn + 1, sizeof(*nb->n));
			n = &nb->n[nb->nn++];
			memset(n, 0, sizeof(*n));
			n->id = attr_int(x, "numId", -1);
			n->abstract = attr_int(wml_child(x, "abstractNumId"), "val", -1);
			for (l = x->children; l != NULL; l = l->next) {
				int i = attr_int(l, "ilvl", -1);
				xmlNode *so;

				if (wml_is(l, "lvlOverride") && i >= 0 && i < NLVL &&
				    (so = wml_child(l, "startOverride")) != NULL)
					n->override[i] = attr_int(so, "val", 1) + 1;
			}
		}
	}
	xmlFreeDoc(doc);
	return nb;
}

static void
roman(int v, int upper, struct buf *b)
{
	static const struct { int v; const char *s; } t[] = {
		{ 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" },
		{ 90, "xc" }, { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" },
		{ 5, "v" }, { 4, "iv" }, { 1, "i" },
	};
	size_t i;
	const char *p;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		while (v >= t[i].v) {
			for (p = t[i].s; *p; p++)
				buf_putc(b, upper ? (char)(*p - 'a' + 'A') : *p);
			v -= t[i].v;
		}
}

/* One level's number in its format. */
static void
format(const char *fmt, int v, struct buf *b)
{
	static const char *tiangan[] = { "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸" };

	if (strcmp(fmt, "none") == 0)
		return;
	if (strncmp(fmt, "chinese", 7) == 0 || strncmp(fmt, "ideograph", 9) == 0 ||
	    strcmp(fmt, "japaneseCounting") == 0 || strcmp(fmt, "taiwaneseCounting") == 0) {
		if (strcmp(fmt, "ideographTraditional") == 0 && v >= 1 && v <= 10)
			buf_puts(b, tiangan[v - 1]);
		else
			cn_numeral(v, b);
	} else if (strncmp(fmt, "decimalEnclosedCircle", 21) == 0 && v >= 1 && v <= 20) {
		char c[4] = { (char)0xE2, (char)0x91, (char)(0xA0 + v - 1), 0 };	/* ① */
		buf_puts(b, c);
	} else if (strcmp(fmt, "decimalFullWidth") == 0) {
		char d[16];
		int i;

		snprintf(d, sizeof(d), "%d", v);
		for (i = 0; d[i]; i++) {
			char c[4] = { (char)0xEF, (char)0xBC, (char)(0x90 + d[i] - '0'), 0 };
			buf_puts(b, c);
		}
	} else if ((strcmp(fmt, "lowerLetter") == 0 || strcmp(fmt, "upperLetter") == 0) && v >= 1) {
		int i;

		for (i = 0; i <= (v - 1) / 26; i++)
			buf_putc(b, (char)((fmt[0] == 'l' ? 'a' : 'A') + (v - 1) % 26));
	} else if (strcmp(fmt, "lowerRoman") == 0 || strcmp(fmt, "upperRoman") == 0)
		roman(v, fmt[0] == 'u', b);
	else if (strcmp(fmt, "decimalZero") == 0)
		buf_printf(b, "%02d", v);
	else
		buf_printf(b, "%d", v);
}

void
docx_numbering_next(struct docx_numbering *nb, int numid, int ilvl, struct buf *b)
{
	struct num *n = NULL;
	struct abstract *a = NULL;
	const char *p;
	size_t i;
	int k;

	if (nb == NULL || ilvl < 0 || ilvl >= NLVL)
		return;
	for (i = 0; i < nb->nn && n == NULL; i++)
		if (nb->n[i].id == numid)
			n = &nb->n[i];
	for (i = 0; n != NULL && i < nb->na && a == NULL; i++)
		if (nb->a[i].id == n->abstract)
			a = &nb->a[i];
	if (a == NULL || strcmp(a->lvl[ilvl].fmt, "bullet") == 0)
		return;
	if (!n->used) {
		/* A list instance that overrides its start restarts the counters. */
		n->used = 1;
		for (k = 0; k < NLVL; k++)
			if (n->override[k]) {
				a->counter[k] = n->override[k] - 2;
				a->started[k] = 1;
			}
	}
	if (!a->started[ilvl]) {
		a->counter[ilvl] = a->lvl[ilvl].start - 1;
		a->started[ilvl] = 1;
	}
	a->counter[ilvl]++;
	for (k = ilvl + 1; k < NLVL; k++)
		a->started[k] = 0;
	for (p = a->lvl[ilvl].text; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
			int l = p[1] - '1';

			format(a->lvl[l].fmt, a->started[l] ? a->counter[l] : a->lvl[l].start, b);
			p++;
		} else
			buf_putc(b, *p);
	}
}

void
docx_numbering_free(struct docx_numbering *nb)
{
	if (nb == NULL)
		return;
	free(nb->a);
	free(nb->n);
	free(nb);
}
