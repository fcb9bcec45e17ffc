/*
 * consist.c: the consistency kind (one thing written one way throughout
 * the report: the form used most wins, ties go to the first seen) and the
 * cross-field kind (a value found in the text against another field, such
 * as a year against the report's year).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rule.h"
#include "../util/xalloc.h"

struct hit {
	size_t	text;		/* index in c->texts */
	size_t	ms, me;
};

struct hits {
	struct hit	*v;
	size_t		 n;
	size_t		 first;		/* document order of the first */
	uint32_t	 groups;
};

static void
on_variant(struct checkctx *c, const struct rule *r, struct ctext *t, const PCRE2_SIZE *ov,
    void *arg)
{
	struct hits *h = arg;
	size_t ms = ov[0], me = ov[1];

	if (text_in_tag(t, ms, me) || excepted(c, r, t, ms, me))
		return;
	/* A first group, when there is one, is the form (it may sit in a lookbehind). */
	if (h->groups >= 1 && ov[2] != PCRE2_UNSET) {
		ms = ov[2];
		me = ov[3];
	}
	if (ms == me)
		return;
	h->v = xreallocarray(h->v, h->n + 1, sizeof(*h->v));
	h->v[h->n].text = (size_t)(t - c->texts);
	h->v[h->n].ms = ms;
	h->v[h->n].me = me;
	if (h->n++ == 0)
		h->first = (size_t)(t - c->texts);
}

void
run_consistency_rule(struct checkctx *c, const struct rule *r)
{
	struct hits *hs = xcalloc(r->nres, sizeof(*hs));
	size_t i, k, h, win = 0;

	for (k = 0; k < r->nres; k++) {
		hs[k].first = (size_t)-1;
		hs[k].groups = r->res[k].groups;
		scan_texts(c, &r->res[k], r->scope, on_variant, r, &hs[k]);
	}
	/* The form used most wins; a tie goes to the one seen first. */
	for (k = 1; k < r->nres; k++)
		if (hs[k].n > hs[win].n || (hs[k].n == hs[win].n && hs[k].first < hs[win].first))
			win = k;
	for (k = 0; hs[win].n > 0 && k < r->nres; k++) {
		const struct hit *w = &hs[win].v[0];
		char *right;

		if (k == win)
			continue;
		right = xstrndup(c->texts[w->text].norm + w->ms, w->me - w->ms);
		for (h = 0; h < hs[k].n; h++) {
			struct ctext *t = &c->texts[hs[k].v[h].text];
			char *wrong = xstrndup(t->norm + hs[k].v[h].ms, hs[k].v[h].me - hs[k].v[h].ms);
			const char *args[2] = { right, wrong };
			struct srcpos pos;
			struct buf m;

			buf_init(&m);
			format_message(r->message, args, 2, &m);
			text_pos(t, hs[k].v[h].ms, &pos);
			finding_add(c, r, &pos, m.data, 0);
			buf_free(&m);
			free(wrong);
		}
		free(right);
	}
	for (i = 0; i < r->nres; i++)
		free(hs[i].v);
	free(hs);
}

/* The field a cross-field rule compares with; NULL when it is not there. */
static const char *
against_value(const struct report *r, const char *name, char *tmp, size_t tmpsz)
{
	const struct value *v = NULL;

	if (strcmp(name, "year") == 0)
		v = r->year;
	else if (strcmp(name, "date.year") == 0) {
		if (r->date == NULL || r->date->str == NULL || strlen(r->date->str) < 4)
			return NULL;
		snprintf(tmp, tmpsz, "%.4s", r->date->str);
		return tmp;
	} else if (strcmp(name, "unit") == 0)
		v = r->unit;
	else if (strcmp(name, "topic") == 0)
		v = r->topic;
	else if (strcmp(name, "title") == 0)
		v = r->title;
	else if (strcmp(name, "addressee") == 0)
		v = r->addressee;
	else if (strcmp(name, "signature") == 0)
		v = r->signature;
	else if (strcmp(name, "date") == 0)
		v = r->date;
	return v != NULL ? v->str : NULL;
}

static int
as_number(const char *s, long *n)
{
	char *end;

	if (*s == '\0' || strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
		return -1;
	*n = strtol(s, &end, 10);
	return 0;
}

struct crossarg {
	const char	*other;
	long		 want, lo, hi;
	int		 numeric;
};

static void
on_value(struct checkctx *c, const struct rule *r, struct ctext *t, const PCRE2_SIZE *ov,
    void *arg)
{
	const struct crossarg *x = arg;
	size_t a = ov[0], b = ov[1];
	char *found;
	long have;
	int bad;

	if (text_in_tag(t, ov[0], ov[1]) || excepted(c, r, t, ov[0], ov[1]))
		return;
	if (r->res[0].groups >= 1 && ov[2] != PCRE2_UNSET) {
		a = ov[2];
		b = ov[3];
	}
	found = xstrndup(t->norm + a, b - a);
	if (x->numeric && as_number(found, &have) == 0)
		bad = have - x->want < x->lo || have - x->want > x->hi;
	else
		bad = strcmp(found, x->other) != 0;
	if (bad) {
		const char *args[2] = { found, x->other };
		struct srcpos pos;
		struct buf m;

		buf_init(&m);
		format_message(r->message, args, 2, &m);
		text_pos(t, a, &pos);
		finding_add(c, r, &pos, m.data, 0);
		buf_free(&m);
	}
	free(found);
}

void
run_cross_rule(struct checkctx *c, const struct rule *r)
{
	char tmp[16];
	struct crossarg x;

	x.other = against_value(c->r, r->against, tmp, sizeof(tmp));
	if (x.other == NULL || r->nres == 0)
		return;
	x.want = 0;
	x.numeric = as_number(x.other, &x.want) == 0;
	/* A number may differ from the other value by min..max (found - other). */
	x.lo = r->has_min ? r->min : 0;
	x.hi = r->has_max ? r->max : 0;
	scan_texts(c, &r->res[0], r->scope, on_value, r, &x);
}
