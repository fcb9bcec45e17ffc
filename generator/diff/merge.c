/*
 * merge.c: tidy a segment list without changing what it says.  Runs of
 * deletions and insertions between two equalities become one deletion
 * and one insertion, with the text they share at either end given back to
 * the equalities; an edit that can slide over a neighbouring equality
 * into the other one is slid, so that equal segments merge.
 */
#include <stdlib.h>
#include <string.h>

#include "textdiff.h"
#include "../util/xalloc.h"

static size_t
common_prefix(const struct seg *a, const struct seg *b)
{
	size_t i = 0;

	while (i < a->n && i < b->n && a->ids[i] == b->ids[i])
		i++;
	return i;
}

static size_t
common_suffix(const struct seg *a, const struct seg *b)
{
	size_t i = 0;

	while (i < a->n && i < b->n && a->ids[a->n - 1 - i] == b->ids[b->n - 1 - i])
		i++;
	return i;
}

/* 1 when s ends with (starts with, if front) the ids of t. */
static int
has_end(const struct seg *s, const struct seg *t, int front)
{
	if (t->n == 0 || t->n > s->n)
		return 0;
	return memcmp(front ? s->ids : s->ids + s->n - t->n, t->ids,
	    t->n * sizeof(*t->ids)) == 0;
}

/* Fold each run of edits between equalities into one deletion and one insertion. */
static void
fold_runs(struct seglist *l)
{
	struct seg del, ins;
	size_t p = 0, ndel = 0, nins = 0, c;

	memset(&del, 0, sizeof(del));
	memset(&ins, 0, sizeof(ins));
	seg_insert(l, l->n, TD_EQ, NULL, 0);	/* sentinel */
	while (p < l->n) {
		struct seg *s = &l->v[p];

		if (s->op == TD_INS) {
			seg_append(&ins, s->ids, s->n);
			nins++;
			p++;
			continue;
		}
		if (s->op == TD_DEL) {
			seg_append(&del, s->ids, s->n);
			ndel++;
			p++;
			continue;
		}
		if (ndel + nins > 0) {
			size_t start = p - ndel - nins;

			if (ndel > 0 && nins > 0) {
				if ((c = common_prefix(&ins, &del)) > 0) {
					if (start > 0)
						seg_append(&l->v[start - 1], ins.ids, c);
					else {
						seg_insert(l, 0, TD_EQ, ins.ids, c);
						start++, p++;
					}
					seg_cut_front(&ins, c);
					seg_cut_front(&del, c);
				}
				if ((c = common_suffix(&ins, &del)) > 0) {
					seg_prepend(&l->v[p], ins.ids + ins.n - c, c);
					ins.n -= c;
					del.n -= c;
				}
			}
			while (p > start)
				seg_remove(l, --p);
			if (del.n > 0)
				seg_insert(l, p++, TD_DEL, del.ids, del.n);
			if (ins.n > 0)
				seg_insert(l, p++, TD_INS, ins.ids, ins.n);
			del.n = ins.n = 0;
			ndel = nins = 0;
		}
		/* p is an equality now: join it to an equality before it. */
		if (p > 0 && l->v[p - 1].op == TD_EQ) {
			seg_append(&l->v[p - 1], l->v[p].ids, l->v[p].n);
			seg_remove(l, p);
		} else
			p++;
	}
	if (l->n > 0 && l->v[l->n - 1].op == TD_EQ && l->v[l->n - 1].n == 0)
		seg_remove(l, l->n - 1);
	free(del.ids);
	free(ins.ids);
}

/*
 * A single edit between two equalities that it can slide across:
 * A<ins>BA</ins>C becomes <ins>AB</ins>AC, A<ins>CB</ins>C becomes
 * AC<ins>BC</ins>.  Returns 1 when something moved.
 */
static int
slide_edits(struct seglist *l)
{
	size_t p;
	int changed = 0;

	for (p = 1; p + 1 < l->n; p++) {
		struct seg *prev = &l->v[p - 1], *s = &l->v[p], *next = &l->v[p + 1];

		if (prev->op != TD_EQ || next->op != TD_EQ || s->op == TD_EQ)
			continue;
		if (has_end(s, prev, 0)) {
			s->n -= prev->n;
			seg_prepend(s, prev->ids, prev->n);
			seg_prepend(next, prev->ids, prev->n);
			seg_remove(l, p - 1);
			changed = 1;
		} else if (has_end(s, next, 1)) {
			seg_append(prev, next->ids, next->n);
			seg_cut_front(s, next->n);
			seg_append(s, next->ids, next->n);
			seg_remove(l, p + 1);
			changed = 1;
		}
	}
	return changed;
}

void
seg_cleanup_merge(struct seglist *l)
{
	do
		fold_runs(l);
	while (slide_edits(l));
}
