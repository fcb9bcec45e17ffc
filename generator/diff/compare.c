/*
 * compare.c: the difference of two reports, once their sections and
 * items are matched: what was added, removed, moved (to another section,
 * or to another place in the same one), renamed or edited; the character
 * diffs of edited texts; the facts whose values changed; and the counts
 * per section.  Numbers (一、 二是) are never compared: an insertion that
 * renumbers what follows changes nothing else.
 */
#include <stdlib.h>
#include <string.h>

#include "diffint.h"
#include "../util/xalloc.h"

static const char *
nz(const char *s)
{
	return s != NULL ? s : "";
}

/* Diff a against b into d when they differ; returns 1 then. */
static int
text_change(const char *a, const char *b, struct tdiff *d)
{
	a = nz(a);
	b = nz(b);
	if (strcmp(a, b) == 0)
		return 0;
	textdiff(a, strlen(a), b, strlen(b), d);
	return 1;
}

static void
fields(struct rdiff *r)
{
	const char *o[FLD_COUNT] = { r->old->title, r->old->subtitle, r->old->byline,
	    r->old->addressee, r->old->signature, r->old->date };
	const char *n[FLD_COUNT] = { r->new->title, r->new->subtitle, r->new->byline,
	    r->new->addressee, r->new->signature, r->new->date };
	size_t i;

	for (i = 0; i < FLD_COUNT; i++)
		if ((r->field_changed[i] = text_change(o[i], n[i], &r->field[i])))
			r->changes++;
}

/* Siblings (sections or items) that stayed together but changed order. */
static void
reorder(const size_t *oldpos, size_t n, unsigned *flags[])
{
	int *out = xcalloc(n + 1, sizeof(*out));
	size_t i;

	mark_out_of_order(oldpos, n, out);
	for (i = 0; i < n; i++)
		if (out[i])
			*flags[i] |= DF_REORDERED;
	free(out);
}

/* Sections: renamed, moved, reordered, paragraphs edited. */
static void
sections(struct rdiff *r)
{
	struct dview *o = r->old, *n = r->new;
	size_t j, g, k;

	for (j = 0; j < n->nsecs; j++) {
		struct dv_sec *s = &n->secs[j];
		const struct dv_sec *t;
		size_t op;

		if (s->match == DV_NONE) {
			r->secs_added++;
			continue;
		}
		t = &o->secs[s->match];
		if (text_change(t->title, s->title, &s->dtitle)) {
			s->flags |= DF_TEXT;
			r->secs_renamed++;
		}
		if (text_change(t->run_in, s->run_in, &s->drunin))
			s->flags |= DF_TEXT;
		op = t->parent;
		if (s->parent == DV_NONE ? op != DV_NONE :
		    op == DV_NONE || n->secs[s->parent].match != op)
			s->flags |= DF_MOVED;
		plist_diff(t->paras, t->nparas, s->paras, s->nparas, &s->dparas);
		if (s->dparas.changed > 0) {
			s->flags |= DF_PARAS;
			r->paras_changed += s->dparas.changed;
		}
	}
	for (j = 0; j < o->nsecs; j++)
		if (o->secs[j].match == DV_NONE)
			r->secs_removed++;

	/* Order among siblings that kept their parent: the top, then each section's subsections. */
	for (g = 0; g <= n->nsecs; g++) {
		const size_t *list = g == 0 ? n->top : n->secs[g - 1].subs;
		size_t nl = g == 0 ? n->ntop : n->secs[g - 1].nsubs, m = 0;
		size_t *pos = xcalloc(nl + 1, sizeof(*pos));
		unsigned **fl = xcalloc(nl + 1, sizeof(*fl));

		for (k = 0; k < nl; k++) {
			struct dv_sec *s = &n->secs[list[k]];

			if (s->match == DV_NONE || (s->flags & DF_MOVED))
				continue;
			pos[m] = o->secs[s->match].pos;
			fl[m++] = &s->flags;
		}
		reorder(pos, m, fl);
		free(pos);
		free(fl);
	}
	for (j = 0; j < n->nsecs; j++)
		if (n->secs[j].flags & (DF_MOVED | DF_REORDERED))
			r->secs_moved++;
}

static void
add_fact(struct rdiff *r, size_t item, const char *name, const char *old, const char *new)
{
	struct fact_change *f;

	r->facts = xreallocarray(r->facts, r->nfacts + 1, sizeof(*r->facts));
	f = &r->facts[r->nfacts++];
	f->item = item;
	f->name = name;
	f->old = old;
	f->new = new;
}

/* The facts of a kept item: changed values, facts added and removed. */
static int
facts(struct rdiff *r, size_t item, const struct value *a, const struct value *b)
{
	size_t i, before = r->nfacts;
	const struct value *v;

	for (i = 0; a != NULL && a->kind == VALUE_MAP && i < a->n; i++) {
		const char *old = nz(a->items[i]->str);

		if ((v = value_get(b, a->keys[i])) == NULL)
			add_fact(r, item, a->keys[i], old, NULL);
		else if (strcmp(old, nz(v->str)) != 0)
			add_fact(r, item, a->keys[i], old, nz(v->str));
	}
	for (i = 0; b != NULL && b->kind == VALUE_MAP && i < b->n; i++)
		if (value_get(a, b->keys[i]) == NULL)
			add_fact(r, item, b->keys[i], NULL, nz(b->items[i]->str));
	return r->nfacts > before;
}

static void
items(struct rdiff *r)
{
	struct dview *o = r->old, *n = r->new;
	size_t j, s, k;

	for (j = 0; j < n->nitems; j++) {
		struct dv_item *it = &n->items[j];
		const struct dv_item *was;

		if (it->match == DV_NONE)
			continue;
		was = &o->items[it->match];
		if (o->secs[was->sec].match != it->sec)
			it->flags |= DF_MOVED;
		if (text_change(was->lead, it->lead, &it->dlead) |
		    text_change(was->body, it->body, &it->dbody))
			it->flags |= DF_TEXT;
		plist_diff(was->more, was->nmore, it->more, it->nmore, &it->dmore);
		if (it->dmore.changed > 0)
			it->flags |= DF_TEXT;
		if (facts(r, j, was->facts, it->facts))
			it->flags |= DF_FACTS;
	}
	/* Order within each section, among the items that were in its old self. */
	for (s = 0; s < n->nsecs; s++) {
		const struct dv_sec *sec = &n->secs[s];
		size_t *pos = xcalloc(sec->nitems + 1, sizeof(*pos)), m = 0;
		unsigned **fl = xcalloc(sec->nitems + 1, sizeof(*fl));

		for (k = 0; k < sec->nitems; k++) {
			struct dv_item *it = &n->items[sec->items[k]];

			if (it->match == DV_NONE || (it->flags & DF_MOVED))
				continue;
			pos[m] = o->items[it->match].pos;
			fl[m++] = &it->flags;
		}
		reorder(pos, m, fl);
		free(pos);
		free(fl);
	}
}

static void
count(struct rdiff *r)
{
	struct dview *o = r->old, *n = r->new;
	size_t j;

	r->cnew = xcalloc(n->nsecs + 1, sizeof(*r->cnew));
	r->cold = xcalloc(o->nsecs + 1, sizeof(*r->cold));
	for (j = 0; j < n->nitems; j++) {
		const struct dv_item *it = &n->items[j];
		struct sec_counts *c = &r->cnew[it->sec];

		if (it->match == DV_NONE)
			c->added++;
		else {
			if (it->flags & (DF_MOVED | DF_REORDERED))
				c->moved++;
			if (it->flags & (DF_TEXT | DF_FACTS))
				c->changed++;
		}
	}
	for (j = 0; j < o->nitems; j++) {
		const struct dv_item *it = &o->items[j];
		size_t s = o->secs[it->sec].match;

		if (it->match != DV_NONE)
			continue;
		if (s != DV_NONE)
			r->cnew[s].removed++;
		else
			r->cold[it->sec].removed++;
	}
	for (j = 0; j < n->nsecs; j++) {
		r->total.added += r->cnew[j].added;
		r->total.removed += r->cnew[j].removed;
		r->total.moved += r->cnew[j].moved;
		r->total.changed += r->cnew[j].changed;
	}
	for (j = 0; j < o->nsecs; j++)
		r->total.removed += r->cold[j].removed;
	r->changes += r->total.added + r->total.removed + r->total.moved + r->total.changed +
	    r->secs_added + r->secs_removed + r->secs_moved + r->secs_renamed +
	    r->paras_changed + r->nfacts;
}

struct rdiff *
rdiff_build(struct diag *diag, const struct report *old, const struct report *new)
{
	struct dview *o, *n;
	struct rdiff *r;

	if ((o = dview_build(diag, old)) == NULL)
		return NULL;
	if ((n = dview_build(diag, new)) == NULL) {
		dview_free(o);
		return NULL;
	}
	match_views(o, n);
	r = xcalloc(1, sizeof(*r));
	r->old = o;
	r->new = n;
	fields(r);
	plist_diff(o->opening, o->nopening, n->opening, n->nopening, &r->opening);
	plist_diff(o->closing, o->nclosing, n->closing, n->nclosing, &r->closing);
	plist_diff(o->appendix, o->nappendix, n->appendix, n->nappendix, &r->appendix);
	plist_diff(o->attachments, o->nattachments, n->attachments, n->nattachments,
	    &r->attachments);
	r->paras_changed = r->opening.changed + r->closing.changed + r->appendix.changed +
	    r->attachments.changed;
	sections(r);
	items(r);
	count(r);
	return r;
}

void
rdiff_free(struct rdiff *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < FLD_COUNT; i++)
		tdiff_free(&r->field[i]);
	plist_free(&r->opening);
	plist_free(&r->closing);
	plist_free(&r->appendix);
	plist_free(&r->attachments);
	free(r->facts);
	free(r->cnew);
	free(r->cold);
	dview_free(r->old);
	dview_free(r->new);
	free(r);
}

size_t
rdiff_changes(const struct rdiff *r)
{
	return r->changes;
}
