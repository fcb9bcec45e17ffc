/*
 * lossless.c: slide each single edit between two equalities to where its
 * edges fall on the best boundaries (after 。 better than after ，, better
 * than between two characters), in the manner of diff-match-patch's
 * cleanupSemanticLossless.  The text the diff says does not change.
 */
#include <stdlib.h>
#include <string.h>

#include "textdiff.h"
#include "../util/xalloc.h"

/* How good a place for an edit's edge lies between tokens a and b (a or b NULL: the text's end). */
static int
boundary(const struct token *a, const struct token *b)
{
	int wa, wb;

	if (a == NULL || b == NULL)
		return 6;
	if (a->cls == TOK_STOP)
		return 5;
	if (a->cls == TOK_PAUSE || a->cls == TOK_CLOSE)
		return 4;
	if (a->cls == TOK_SPACE || b->cls == TOK_SPACE || b->cls == TOK_OPEN)
		return 3;
	wa = a->cls == TOK_WORD || a->cls == TOK_DIGITS;
	wb = b->cls == TOK_WORD || b->cls == TOK_DIGITS;
	if (wa != wb)
		return 2;
	if (a->cls != TOK_CHAR || b->cls != TOK_CHAR)
		return 1;
	return 0;
}

static const struct token *
tok_at(const struct seglist *l, const uint32_t *t, size_t n, size_t i)
{
	return i < n ? &l->tok[t[i]] : NULL;
}

/* The score of the edit t[i..j) within t[0..n). */
static int
score(const struct seglist *l, const uint32_t *t, size_t n, size_t i, size_t j)
{
	return boundary(i > 0 ? tok_at(l, t, n, i - 1) : NULL, tok_at(l, t, n, i)) +
	    boundary(tok_at(l, t, n, j - 1), j < n ? tok_at(l, t, n, j) : NULL);
}

void
seg_cleanup_lossless(struct seglist *l)
{
	uint32_t *t = NULL;
	size_t p, cap = 0;

	for (p = 1; p + 1 < l->n; p++) {
		struct seg *e1 = &l->v[p - 1], *ed = &l->v[p], *e2 = &l->v[p + 1];
		size_t n = e1->n + ed->n + e2->n, i, j, bi, bj;
		int best, sc;

		if (e1->op != TD_EQ || e2->op != TD_EQ || ed->op == TD_EQ)
			continue;
		if (n > cap) {
			cap = n;
			t = xreallocarray(t, cap, sizeof(*t));
		}
		memcpy(t, e1->ids, e1->n * sizeof(*t));
		memcpy(t + e1->n, ed->ids, ed->n * sizeof(*t));
		memcpy(t + e1->n + ed->n, e2->ids, e2->n * sizeof(*t));
		i = e1->n;
		j = i + ed->n;
		/* As far left as it goes, then each step right. */
		while (i > 0 && t[i - 1] == t[j - 1])
			i--, j--;
		bi = i, bj = j;
		best = score(l, t, n, i, j);
		while (j < n && t[i] == t[j]) {
			i++, j++;
			if ((sc = score(l, t, n, i, j)) >= best)
				best = sc, bi = i, bj = j;
		}
		if (bi == e1->n)
			continue;
		e1->n = 0;
		seg_append(e1, t, bi);
		ed->n = 0;
		seg_append(ed, t + bi, bj - bi);
		e2->n = 0;
		seg_append(e2, t + bj, n - bj);
		if (e2->n == 0)
			seg_remove(l, p + 1);
		if (e1->n == 0) {
			seg_remove(l, p - 1);
			p--;
		}
	}
	free(t);
}
