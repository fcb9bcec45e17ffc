/*
 * match.c: which section and which item of the new version is which of
 * the old, whatever their places.  In turn: items by id; items whose text
 * is the same; sections by id, by the same title, then by a like title or
 * by holding the same items (a renamed section); last, the items left by
 * the likeness of their text, first within the sections that match, then
 * across the report (an item edited and moved).  Two things that both
 * have an id are the same only when the ids are.
 */
#include <stdlib.h>
#include <string.h>

#include "diffint.h"
#include "strmap.h"
#include "../util/buf.h"
#include "../util/xalloc.h"

/* Pairs below this likeness are different things. */
#define LIKE_MIN	0.5
/* A lead kept word for word makes an item this alike at least. */
#define LIKE_SAME_LEAD	0.75
/* Above this many pairs, items are compared only within matching sections. */
#define GLOBAL_PAIRS_MAX 1000000

struct cand {
	size_t		 a, b;	/* old, new */
	double		 score;
	size_t		 dist;	/* how far apart they sit: the tie-break */
};

/* The whole text of an item, and its character pairs when needed. */
struct itext {
	char		*s;
	size_t		 len;
	struct grams	 g;
	int		 have_g;
};

struct mctx {
	struct dview	*o, *n;
	struct itext	*to, *tn;
};

static int
can_pair(const char *id1, const char *id2)
{
	return id1 == NULL || id2 == NULL;
}

static void
pair_items(struct mctx *m, size_t a, size_t b)
{
	m->o->items[a].match = b;
	m->n->items[b].match = a;
}

static void
whole_text(const struct dv_item *it, struct itext *t)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_puts(&b, it->lead);
	buf_putc(&b, '\n');
	buf_puts(&b, it->body);
	for (i = 0; i < it->nmore; i++) {
		buf_putc(&b, '\n');
		buf_puts(&b, it->more[i]);
	}
	t->len = b.len;
	t->s = buf_take(&b);
	t->have_g = 0;
}

static const struct grams *
grams(struct itext *t)
{
	if (!t->have_g) {
		grams_of(t->s, t->len, &t->g);
		t->have_g = 1;
	}
	return &t->g;
}

static void
items_by_id(struct mctx *m)
{
	struct strmap map;
	size_t i;
	const size_t *j;

	strmap_init(&map, m->n->nitems);
	for (i = 0; i < m->n->nitems; i++)
		if (m->n->items[i].id != NULL)
			strmap_put(&map, m->n->items[i].id, strlen(m->n->items[i].id), i);
	for (i = 0; i < m->o->nitems; i++) {
		const char *id = m->o->items[i].id;

		if (id != NULL && (j = strmap_get(&map, id, strlen(id))) != NULL &&
		    m->n->items[*j].match == DV_NONE)
			pair_items(m, i, *j);
	}
	strmap_free(&map);
}

/* Items left whose whole text is the same: pair them in reading order. */
static void
items_by_text(struct mctx *m)
{
	struct strmap map;
	size_t *next = xreallocarray(NULL, m->n->nitems + 1, sizeof(*next));
	size_t *last = xreallocarray(NULL, m->n->nitems + 1, sizeof(*last));
	size_t i;
	const size_t *h;

	strmap_init(&map, m->n->nitems);
	for (i = 0; i < m->n->nitems; i++) {
		next[i] = DV_NONE;
		if (m->n->items[i].match != DV_NONE)
			continue;
		if (strmap_put(&map, m->tn[i].s, m->tn[i].len, i))
			last[i] = i;
		else {
			size_t head = *strmap_get(&map, m->tn[i].s, m->tn[i].len);

			next[last[head]] = i;
			last[head] = i;
		}
	}
	for (i = 0; i < m->o->nitems; i++) {
		size_t j;

		if (m->o->items[i].match != DV_NONE ||
		    (h = strmap_get(&map, m->to[i].s, m->to[i].len)) == NULL)
			continue;
		for (j = *h; j != DV_NONE; j = next[j])
			if (m->n->items[j].match == DV_NONE &&
			    can_pair(m->o->items[i].id, m->n->items[j].id)) {
				pair_items(m, i, j);
				break;
			}
	}
	strmap_free(&map);
	free(next);
	free(last);
}

static int
cmp_cand(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->dist != b->dist)
		return a->dist < b->dist ? -1 : 1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

struct candlist {
	struct cand	*v;
	size_t		 n;
	size_t		 cap;
};

static void
cand_add(struct candlist *l, size_t a, size_t b, double score, size_t dist)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n].a = a;
	l->v[l->n].b = b;
	l->v[l->n].score = score;
	l->v[l->n].dist = dist;
	l->n++;
}

static size_t
absdiff(size_t a, size_t b)
{
	return a > b ? a - b : b - a;
}

/* --- Sections. -------------------------------------------------------- */

static void
pair_secs(struct mctx *m, size_t a, size_t b)
{
	m->o->secs[a].match = b;
	m->n->secs[b].match = a;
}

/* Of the items of old section a, how many are now in new section b. */
static size_t
shared_items(const struct mctx *m, size_t a, size_t b)
{
	const struct dv_sec *s = &m->o->secs[a];
	size_t i, k = 0;

	for (i = 0; i < s->nitems; i++) {
		size_t j = m->o->items[s->items[i]].match;

		if (j != DV_NONE && m->n->items[j].sec == b)
			k++;
	}
	return k;
}

/* A section's own text: its title, run-in text and paragraphs. */
static char *
sec_text(const struct dv_sec *s)
{
	struct buf b;
	size_t i;

	buf_init(&b);
	buf_puts(&b, s->title);
	if (s->run_in != NULL)
		buf_puts(&b, s->run_in);
	for (i = 0; i < s->nparas; i++) {
		buf_putc(&b, '\n');
		buf_puts(&b, s->paras[i]);
	}
	return buf_take(&b);
}

static void
match_sections(struct mctx *m)
{
	struct strmap map;
	struct candlist cl = { NULL, 0, 0 };
	size_t i, j;
	const size_t *h;

	/* By id. */
	strmap_init(&map, m->n->nsecs);
	for (j = 0; j < m->n->nsecs; j++)
		if (m->n->secs[j].id != NULL)
			strmap_put(&map, m->n->secs[j].id, strlen(m->n->secs[j].id), j);
	for (i = 0; i < m->o->nsecs; i++) {
		const char *id = m->o->secs[i].id;

		if (id != NULL && (h = strmap_get(&map, id, strlen(id))) != NULL &&
		    m->n->secs[*h].match == DV_NONE && m->n->secs[*h].level == m->o->secs[i].level)
			pair_secs(m, i, *h);
	}
	strmap_free(&map);

	/* By title, or likeness of title, text and items: best pairs first. */
	for (i = 0; i < m->o->nsecs; i++) {
		const struct dv_sec *a = &m->o->secs[i];
		char *at;

		if (a->match != DV_NONE)
			continue;
		at = sec_text(a);
		for (j = 0; j < m->n->nsecs; j++) {
			const struct dv_sec *b = &m->n->secs[j];
			double score, like;
			size_t most = a->nitems > b->nitems ? a->nitems : b->nitems;
			char *bt;

			if (b->match != DV_NONE || b->level != a->level || !can_pair(a->id, b->id))
				continue;
			if (strcmp(a->title, b->title) == 0)
				score = 2.0;	/* the same title beats any likeness */
			else
				score = text_likeness(a->title, strlen(a->title), b->title,
				    strlen(b->title));
			bt = sec_text(b);
			if ((a->run_in != NULL || a->nparas > 0) &&
			    (like = text_likeness(at, strlen(at), bt, strlen(bt))) > score)
				score = like;
			free(bt);
			if (most > 0 && (like = (double)shared_items(m, i, j) / (double)most) > score)
				score = like;
			if (score >= LIKE_MIN)
				cand_add(&cl, i, j, score, absdiff(i, j));
		}
		free(at);
	}
	if (cl.n > 0)
		qsort(cl.v, cl.n, sizeof(*cl.v), cmp_cand);
	for (i = 0; i < cl.n; i++)
		if (m->o->secs[cl.v[i].a].match == DV_NONE && m->n->secs[cl.v[i].b].match == DV_NONE)
			pair_secs(m, cl.v[i].a, cl.v[i].b);
	free(cl.v);
}

/* --- Items by likeness. ------------------------------------------------ */

static double
item_score(struct mctx *m, size_t a, size_t b)
{
	const struct dv_item *x = &m->o->items[a], *y = &m->n->items[b];
	double s = grams_dice(grams(&m->to[a]), grams(&m->tn[b]));

	if (x->lead[0] != '\0' && strcmp(x->lead, y->lead) == 0 && s < LIKE_SAME_LEAD)
		s = LIKE_SAME_LEAD;
	return s;
}

static void
consider(struct mctx *m, struct candlist *cl, size_t a, size_t b)
{
	double s;

	if (m->n->items[b].match != DV_NONE || !can_pair(m->o->items[a].id, m->n->items[b].id))
		return;
	/* Dice is at most 2 min / (sum): skip what cannot reach the bar. */
	{
		size_t la = m->to[a].len, lb = m->tn[b].len;
		size_t lo = la < lb ? la : lb;

		if (2.0 * (double)lo / (double)(la + lb + 1) < LIKE_MIN / 2 &&
		    strcmp(m->o->items[a].lead, m->n->items[b].lead) != 0)
			return;
	}
	if ((s = item_score(m, a, b)) >= LIKE_MIN)
		cand_add(cl, a, b, s, absdiff(m->o->items[a].pos, m->n->items[b].pos));
}

static void
assign(struct mctx *m, struct candlist *cl)
{
	size_t i;

	if (cl->n > 0)
		qsort(cl->v, cl->n, sizeof(*cl->v), cmp_cand);
	for (i = 0; i < cl->n; i++)
		if (m->o->items[cl->v[i].a].match == DV_NONE &&
		    m->n->items[cl->v[i].b].match == DV_NONE)
			pair_items(m, cl->v[i].a, cl->v[i].b);
	cl->n = 0;
}

static void
items_by_likeness(struct mctx *m)
{
	struct candlist cl = { NULL, 0, 0 };
	size_t i, j, k, nold = 0, nnew = 0;

	/* Within sections that match. */
	for (i = 0; i < m->o->nsecs; i++) {
		const struct dv_sec *a = &m->o->secs[i], *b;

		if (a->match == DV_NONE)
			continue;
		b = &m->n->secs[a->match];
		for (j = 0; j < a->nitems; j++) {
			if (m->o->items[a->items[j]].match != DV_NONE)
				continue;
			for (k = 0; k < b->nitems; k++)
				consider(m, &cl, a->items[j], b->items[k]);
		}
	}
	assign(m, &cl);

	/* Across the report. */
	for (i = 0; i < m->o->nitems; i++)
		nold += m->o->items[i].match == DV_NONE;
	for (j = 0; j < m->n->nitems; j++)
		nnew += m->n->items[j].match == DV_NONE;
	if (nold > 0 && nnew > 0 && nold * nnew <= GLOBAL_PAIRS_MAX) {
		for (i = 0; i < m->o->nitems; i++) {
			if (m->o->items[i].match != DV_NONE)
				continue;
			for (j = 0; j < m->n->nitems; j++)
				consider(m, &cl, i, j);
		}
		assign(m, &cl);
	}
	free(cl.v);
}

void
match_views(struct dview *o, struct dview *n)
{
	struct mctx m;
	size_t i;

	m.o = o;
	m.n = n;
	m.to = xcalloc(o->nitems + 1, sizeof(*m.to));
	m.tn = xcalloc(n->nitems + 1, sizeof(*m.tn));
	for (i = 0; i < o->nitems; i++)
		whole_text(&o->items[i], &m.to[i]);
	for (i = 0; i < n->nitems; i++)
		whole_text(&n->items[i], &m.tn[i]);

	items_by_id(&m);
	items_by_text(&m);
	match_sections(&m);
	items_by_likeness(&m);

	for (i = 0; i < o->nitems; i++) {
		free(m.to[i].s);
		grams_free(&m.to[i].g);
	}
	for (i = 0; i < n->nitems; i++) {
		free(m.tn[i].s);
		grams_free(&m.tn[i].g);
	}
	free(m.to);
	free(m.tn);
}
