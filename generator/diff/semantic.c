/*
 * semantic.c: the semantic clean-up, in the manner of diff-match-patch's
 * cleanupSemantic.  A short equality squeezed between edits at least as
 * long on both sides is folded into them (so 加强民兵教育 -> 强化队伍训练
 * reads as one replacement, not four scraps); then edges are moved to
 * the best boundaries; then a deletion and an insertion that overlap
 * much give the overlap back as an equality.
 */
#include <stdlib.h>

#include "textdiff.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

/* Length of a segment in characters. */
static size_t
seg_chars(const struct seglist *l, const struct seg *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->n; i++)
		n += utf8_count(l->tok[s->ids[i]].s, l->tok[s->ids[i]].len);
	return n;
}

static size_t
max2(size_t a, size_t b)
{
	return a > b ? a : b;
}

/* Fold lone short equalities into the edits around them. */
static int
eliminate_equalities(struct seglist *l)
{
	size_t *stack = xreallocarray(NULL, l->n + 1, sizeof(*stack));
	size_t nstack = 0, ins1 = 0, del1 = 0, ins2 = 0, del2 = 0, lastlen = 0;
	long p;
	int have_last = 0, changed = 0;

	for (p = 0; p < (long)l->n; p++) {
		struct seg *s = &l->v[p];

		if (s->op == TD_EQ) {
			stack[nstack++] = (size_t)p;
			ins1 = ins2, del1 = del2;
			ins2 = del2 = 0;
			lastlen = seg_chars(l, s);
			have_last = 1;
			continue;
		}
		if (s->op == TD_INS)
			ins2 += seg_chars(l, s);
		else
			del2 += seg_chars(l, s);
		if (have_last && lastlen <= max2(ins1, del1) && lastlen <= max2(ins2, del2)) {
			size_t q = stack[nstack - 1];

			/* The equality becomes a deletion and an insertion. */
			seg_insert(l, q, TD_DEL, l->v[q].ids, l->v[q].n);
			l->v[q + 1].op = TD_INS;
			stack = xreallocarray(stack, l->n + 1, sizeof(*stack));
			nstack--;			/* the one just undone */
			if (nstack > 0)
				nstack--;		/* and the one before: look again */
			p = nstack > 0 ? (long)stack[nstack - 1] : -1;
			ins1 = del1 = ins2 = del2 = 0;
			have_last = 0;
			changed = 1;
		}
	}
	free(stack);
	return changed;
}

/* Longest suffix of a that is a prefix of b. */
static size_t
overlap(const struct seg *a, const struct seg *b)
{
	size_t k = a->n < b->n ? a->n : b->n, i;

	for (; k > 0; k--) {
		for (i = 0; i < k && a->ids[a->n - k + i] == b->ids[i]; i++)
			;
		if (i == k)
			return k;
	}
	return 0;
}

/*
 * A deletion followed by an insertion that overlap by at least half of
 * either: abcxxx -> xxxdef is shown as abc, xxx kept, def inserted.
 */
static void
extract_overlaps(struct seglist *l)
{
	size_t p;

	for (p = 1; p < l->n; p++) {
		struct seg *del = &l->v[p - 1], *ins = &l->v[p];
		size_t o1, o2;

		if (del->op != TD_DEL || ins->op != TD_INS)
			continue;
		o1 = overlap(del, ins);
		o2 = overlap(ins, del);
		if (o1 >= o2) {
			if (o1 > 0 && (o1 * 2 >= del->n || o1 * 2 >= ins->n)) {
				seg_insert(l, p, TD_EQ, ins->ids, o1);
				del = &l->v[p - 1];
				ins = &l->v[p + 1];
				del->n -= o1;
				seg_cut_front(ins, o1);
				p++;
			}
		} else if (o2 > 0 && (o2 * 2 >= del->n || o2 * 2 >= ins->n)) {
			/* defxxx after xxxabc: insert def, keep xxx, delete abc */
			struct seg tmp = *del;

			l->v[p - 1] = *ins;
			l->v[p - 1].op = TD_INS;
			l->v[p] = tmp;
			l->v[p].op = TD_DEL;
			seg_insert(l, p, TD_EQ, tmp.ids, o2);
			l->v[p - 1].n -= o2;
			seg_cut_front(&l->v[p + 1], o2);
			p++;
		}
		p++;
	}
	/* Drop segments the extraction emptied. */
	for (p = 0; p < l->n; )
		if (l->v[p].n == 0)
			seg_remove(l, p);
		else
			p++;
}

void
seg_cleanup_semantic(struct seglist *l)
{
	if (eliminate_equalities(l))
		seg_cleanup_merge(l);
	seg_cleanup_lossless(l);
	extract_overlaps(l);
	seg_cleanup_merge(l);
}
