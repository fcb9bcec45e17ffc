/* items.c: characters to items: font per character, widths on the grid, break and squeeze classes. */
#include <stdlib.h>
#include <string.h>

#include "items.h"
#include "cjkclass.h"
#include "fonts.h"
#include "markdown.h"
#include "role.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/*
 * The item a character makes depends only on the character and on whether
 * it is bold (the element's style is the same throughout a block): items
 * made are remembered in a small table by code point, so that a repeated
 * character costs no font lookups.
 */
#define CACHE_BITS	8
#define CACHE_SIZE	(1 << CACHE_BITS)
#define NO_KEY		0xFFFFFFFFu

struct ictx {
	const struct itemizer	*iz;
	const struct elem_style	*es;
	const struct elem_style	*head;	/* a run-in heading's style, or NULL */
	unsigned		 bflags;	/* IT_NOTE, IT_CHANGED: the whole block */
	double			 body_size;
	struct item_list	*out;
	int			 errors;
	int			 pending_break;
	int			 pending_space;	/* 1 typed space, 2 soft line break */
	int			 keep_spaces;	/* program text: spaces as written */
	uint32_t		 key[CACHE_SIZE];	/* code point, | 1 << 24 if bold, | 1 << 25 in head */
	struct item		 made[CACHE_SIZE];	/* the item it made */
};

static double
body_size(const struct itemizer *iz)
{
	double s = iz->style->el[EL_PARAGRAPH].size;

	return s > 0 ? s : 16;
}

static void
push(struct item_list *l, const struct item *it)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;	/* most blocks are short: a heading, a date */
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = *it;
}

static void
ictx_init(struct ictx *c, const struct itemizer *iz, enum elem e, struct item_list *out)
{
	c->iz = iz;
	c->es = &iz->style->el[e];
	c->head = NULL;
	c->bflags = 0;
	c->body_size = body_size(iz);
	c->out = out;
	c->pending_break = c->pending_space = c->keep_spaces = 0;
	c->errors = 0;
	memset(c->key, 0xFF, sizeof(c->key));
}

void
items_free(struct item_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int
is_wide_class(int cls)
{
	return cls == CC_WIDE || cls == CC_OPEN || cls == CC_CLOSE || cls == CC_INSEP;
}

/* An arrow (→): a typed space beside it stays, as in 120余名 → 150余名. */
static int
is_arrow(uint32_t cp)
{
	return cp >= 0x2190 && cp <= 0x21FF;
}

/* A space between words, unless it sits next to Chinese (公文: no spaces there). */
static void
flush_space(struct ictx *c, int next_cls, uint32_t next)
{
	const struct item *prev;
	const struct font_face *f;
	struct item it;

	if (!c->pending_space || c->out->n == 0 || c->pending_break) {
		c->pending_space = 0;
		return;
	}
	c->pending_space = 0;
	prev = &c->out->v[c->out->n - 1];
	if (!c->keep_spaces && !is_arrow(prev->cp) && !is_arrow(next) &&
	    (is_wide_class(prev->cls) || is_wide_class(next_cls) || prev->cls == CC_SPACE))
		return;
	memset(&it, 0, sizeof(it));
	it.cp = ' ';
	it.cls = CC_SPACE;
	it.flags = IT_NODRAW;
	it.size = c->es->size;
	f = fontset_find(c->iz->fonts, c->es->font, ' ');
	it.face = f != NULL ? f : prev->face;
	it.adv = f != NULL ? face_advance(f, ' ') * it.size : 0.3 * it.size;
	it.box = it.adv;
	push(c->out, &it);
}

int
item_half_start(const struct font_face *f, uint32_t cp, double cell, double xoff,
    double *start)
{
	double x0, x1, y0, y1, half = cell / 2, c, hs, tol = 0.03;

	if (face_ink(f, cp, &x0, &x1, &y0, &y1) != 0 || x1 <= x0)
		return -1;
	x0 += xoff;
	x1 += xoff;
	c = (x0 + x1) / 2;
	hs = c - half / 2;
	if (hs < 0)
		hs = 0;
	if (hs > cell - half)
		hs = cell - half;
	if (x0 < hs - tol || x1 > hs + half + tol)
		return -1;
	*start = hs - xoff;
	return 0;
}

/* The item of drawable character cp of class cls; -1 (reported) when no font has it. */
static int
make_item(struct ictx *c, uint32_t cp, int cls, int bold, const struct elem_style *fes,
    const struct md_run *r, size_t off, struct item *it)
{
	const struct elem_style *es = c->es;
	const struct font_face *f;
	int fake = 0;
	double start;

	memset(it, 0, sizeof(*it));
	it->cp = cp;
	it->cls = (unsigned char)cls;
	it->size = es->size;
	if (bold) {
		f = fontset_find_bold(c->iz->fonts, fes->font, cp, &fake);
		it->flags |= IT_BOLD | (fake ? IT_FAKE : 0);
	} else
		f = fontset_find(c->iz->fonts, fes->font, cp);
	if (f == NULL) {
		struct srcpos pos = { NULL, 0, 0 };

		pos.file = c->iz->doc->path;
		if (r != NULL && (c->iz->located == NULL || (*c->iz->located)++ < DIAG_MAX_SHOWN))
			pos = md_locate(c->iz->doc, r, off);
		fontset_check(c->iz->fonts, c->iz->diag, r != NULL ? &pos : NULL,
		    fes->font, cp);
		c->errors++;
		return -1;
	}
	it->face = f;
	it->adv = face_advance(f, cp) * it->size;
	if (is_wide_class(cls)) {
		it->box = es->grid ? c->iz->style->pitch_x * it->size / c->body_size : it->size;
		/* A proportional glyph (some fonts' quotes) is fitted into the cell. */
		if (it->adv < 0.9 * it->size || it->adv > 1.1 * it->size) {
			if (cls == CC_OPEN)
				it->xoff = it->box - it->adv;
			else if (cls != CC_CLOSE)
				it->xoff = (it->box - it->adv) / 2;
		}
		/*
		 * A mark may be set in half its cell, the half that holds its
		 * ink: the PDF draws it with a code of its own whose width
		 * ends that half, so that boxes never overlap the next
		 * character (pdf.c).
		 */
		if (cjk_squeezable(cp) && item_half_start(f, cp, it->box / it->size,
		    it->xoff / it->size, &start) == 0) {
			it->squeeze = it->box - it->box / 2;
			it->hoff = start * it->size + it->xoff;
		}
	} else
		it->box = it->adv;
	return 0;
}

static void
add_char(struct ictx *c, uint32_t cp, unsigned runflags, const struct md_run *r,
    size_t off)
{
	/* A run-in heading's title is set in the heading's font and weight. */
	const struct elem_style *fes = c->head != NULL && (runflags & RUN_HEAD) ? c->head : c->es;
	int bold = fes != c->es ? fes->bold : (runflags & RUN_BOLD) || c->es->bold, cls;
	uint32_t key = cp | (uint32_t)bold << 24 | (uint32_t)(fes != c->es) << 25;
	size_t slot = (key * 2654435761u) >> (32 - CACHE_BITS);
	struct item *it;

	/* Only drawable characters are remembered. */
	if (c->key[slot] == key)
		flush_space(c, c->made[slot].cls, cp);
	else {
		if ((cls = cjk_class(cp)) == CC_IGNORE)
			return;
		if (cls == CC_SPACE) {
			if (c->pending_space == 0)
				c->pending_space = 1;
			return;
		}
		flush_space(c, cls, cp);
		c->key[slot] = NO_KEY;
		if (make_item(c, cp, cls, bold, fes, r, off, &c->made[slot]) != 0)
			return;
		c->key[slot] = key;
	}
	push(c->out, &c->made[slot]);
	it = &c->out->v[c->out->n - 1];
	if (runflags & RUN_STRIKE)
		it->flags |= IT_STRIKE;
	if (runflags & RUN_INSERT)
		it->flags |= IT_INSERT;
	it->flags |= c->bflags;
	if (c->pending_break) {
		it->brk = BRK_FORCE;
		c->pending_break = 0;
	}
}

static int
alnum_at(const struct item_list *l, size_t k)
{
	return k < l->n && l->v[k].cls == CC_ALNUM;
}

/* Part of a Latin word or number: a letter or digit, or a joiner between two. */
static int
wordish(const struct item_list *l, size_t k)
{
	if (alnum_at(l, k))
		return 1;
	return k > 0 && alnum_at(l, k - 1) && alnum_at(l, k + 1) &&
	    cjk_word_joiner(l->v[k].cp);
}

/*
 * No break before b (after a): inside a number and its unit or sign
 * (2020年, 36项, 98.5%, ¥100: a digit and the character after it), around
 * the 间隔号 between numbers (1·24, 九·一八), and before a 间隔号 at all
 * (cjk_no_start).
 */
static int
binds_unit(const struct item_list *l, size_t k)
{
	const struct item *a = &l->v[k - 1], *b = &l->v[k];

	if (cjk_digit(a->cp) && b->cls == CC_WIDE && !cjk_interpunct(b->cp))
		return 1;
	if (cjk_interpunct(a->cp) && k >= 2 && cjk_numeral(l->v[k - 2].cp) &&
	    cjk_numeral(b->cp))
		return 1;
	return 0;
}

/*
 * Adjacent marks share their blank halves (clreq 3.1.6): a closing mark
 * or stop before another mark gives up its blank right half (。” ）， ，“),
 * an opening mark after another mark its blank left half (“《), when the
 * first one's ink leaves it none.
 * The cut is recorded on the first of the two (the widths only need the
 * pair's sum); cutnext says the second is the one drawn at half width.
 */
static void
pair_cuts(struct item_list *l)
{
	size_t k;

	for (k = 0; k + 1 < l->n; k++) {
		struct item *a = &l->v[k], *b = &l->v[k + 1];

		if (b->brk == BRK_FORCE || !cjk_squeezable(a->cp) || !cjk_squeezable(b->cp))
			continue;
		if (a->cls == CC_CLOSE && a->squeeze > 0)
			a->cut = a->squeeze;
		else if ((a->cls == CC_CLOSE || a->cls == CC_OPEN) && b->cls == CC_OPEN &&
		    b->squeeze > 0) {
			a->cut = b->squeeze;
			a->cutnext = 1;
			b->squeeze = 0;	/* its half is taken */
		} else if (a->cls == CC_OPEN && b->cls == CC_OPEN && a->squeeze > 0)
			a->cut = a->squeeze;
	}
}

/* Break opportunities, justification gaps and paired-mark cuts. */
static void
finish(const struct itemizer *iz, struct item_list *l)
{
	size_t k;

	for (k = 0; k < l->n; k++) {
		struct item *b = &l->v[k];
		const struct item *a = k > 0 ? &l->v[k - 1] : NULL;
		int insep;

		if (a == NULL) {
			b->brk = BRK_OK;
			continue;
		}
		insep = a->cls == CC_INSEP && b->cls == CC_INSEP && a->cp == b->cp;
		if (b->brk != BRK_FORCE) {
			if (cjk_no_start(b->cp) || cjk_no_end(a->cp) || b->cls == CC_SPACE ||
			    insep || (wordish(l, k - 1) && wordish(l, k)) || binds_unit(l, k))
				b->brk = BRK_NO;
			else
				b->brk = BRK_OK;
		}
		/*
		 * Justification widens the gaps next to Chinese characters and
		 * the spaces between words, never inside a word, a number, a
		 * —— or …… pair, or between a word and its punctuation.
		 */
		l->v[k - 1].stretch = !insep && (is_wide_class(a->cls) ||
		    is_wide_class(b->cls) || a->cls == CC_SPACE || b->cls == CC_SPACE);
	}
	if (iz->style->compress_pairs)
		pair_cuts(l);
}

int
items_make(const struct itemizer *iz, const struct md_block *b, enum elem e,
    struct item_list *out)
{
	struct ictx c;
	size_t i, off;

	ictx_init(&c, iz, e, out);
	if (b->run_in > 0)
		c.head = &iz->style->el[run_in_elem(b)];
	c.bflags = (b->note ? IT_NOTE : 0) | (b->changed ? IT_CHANGED : 0);
	for (i = 0; i < b->nruns; i++) {
		const struct md_run *r = &b->runs[i];

		if (r->flags & RUN_BREAK) {
			if (out->n > 0)
				c.pending_break = 1;
			c.pending_space = 0;
			continue;
		}
		if (r->flags & RUN_SOFT) {
			if (c.pending_space == 0)
				c.pending_space = 2;
			continue;
		}
		for (off = 0; off < r->len; ) {
			uint32_t cp;
			size_t k = utf8_decode(r->text + off, r->len - off, &cp);

			if (k == 0) {
				cp = 0xFFFD;
				k = 1;
			}
			add_char(&c, cp, r->flags, r, off);
			off += k;
		}
	}
	finish(iz, out);
	return c.errors;
}

int
items_make_text(const struct itemizer *iz, const char *text, enum elem e,
    struct item_list *out)
{
	struct ictx c;
	size_t off, len = strlen(text);

	ictx_init(&c, iz, e, out);
	c.keep_spaces = 1;
	for (off = 0; off < len; ) {
		uint32_t cp;
		size_t k = utf8_decode(text + off, len - off, &cp);

		if (k == 0) {
			cp = 0xFFFD;
			k = 1;
		}
		add_char(&c, cp, 0, NULL, 0);
		off += k;
	}
	finish(iz, out);
	return c.errors;
}

double
items_width(const struct item *v, size_t a, size_t b)
{
	double w = 0;
	size_t k;

	while (b > a && v[b - 1].cls == CC_SPACE)
		b--;
	for (k = a; k < b; k++) {
		w += v[k].box;
		if (k + 1 < b)
			w -= v[k].cut;
	}
	return w;
}
