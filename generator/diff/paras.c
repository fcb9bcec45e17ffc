/*
 * paras.c: compare two lists of paragraphs (an opening, a section's
 * paragraphs, an item's further paragraphs).  Paragraphs kept word for
 * word are lined up with Myers' diff; between two of those, a removed and
 * an added paragraph that are alike are taken as one paragraph edited,
 * and get a character diff.
 */
#include <stdlib.h>
#include <string.h>

#include "diffint.h"
#include "strmap.h"
#include "../util/xalloc.h"

#define PARA_LIKE_MIN	0.4
/*
 * Pairs of paragraphs compared in one run of removed and added ones, at
 * most: beyond it (thousands of paragraphs all rewritten) the rest are
 * simply removed and added, not paired, and the diff stays within seconds.
 */
#define PAIRS_MAX	200000

static void
add(struct plist *l, size_t old, size_t new)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof(*l->v));
	memset(&l->v[l->n], 0, sizeof(l->v[l->n]));
	l->v[l->n].old = old;
	l->v[l->n].new = new;
	l->n++;
	if (old == DV_NONE || new == DV_NONE)
		l->changed++;
}

/* A run of nd removed and ni added paragraphs between two kept ones. */
static void
hunk(const char *const *old, size_t o0, size_t nd, const char *const *new, size_t n0,
    size_t ni, struct plist *l)
{
	size_t i = 0, j = 0, k, pairs = 0;
	/* Each paragraph's pairs of characters, made once (when first compared). */
	struct grams *go = xcalloc(nd + ni + 1, sizeof(*go)), *gn = go + nd;
	char *made = xcalloc(nd + ni + 1, 1);

	while (i < nd || j < ni) {
		/* The next removed paragraph that is like one of the added. */
		size_t pi = DV_NONE, pj = DV_NONE;

		for (k = i; k < nd && pi == DV_NONE && pairs < PAIRS_MAX; k++) {
			size_t m;

			if (!made[k]) {
				grams_of(old[o0 + k], strlen(old[o0 + k]), &go[k]);
				made[k] = 1;
			}
			for (m = j; m < ni && pairs < PAIRS_MAX; m++, pairs++) {
				if (!made[nd + m]) {
					grams_of(new[n0 + m], strlen(new[n0 + m]), &gn[m]);
					made[nd + m] = 1;
				}
				if (grams_dice(&go[k], &gn[m]) >= PARA_LIKE_MIN) {
					pi = k, pj = m;
					break;
				}
			}
		}
		if (pi == DV_NONE)
			pi = nd, pj = ni;
		for (; i < pi; i++)
			add(l, o0 + i, DV_NONE);
		for (; j < pj; j++)
			add(l, DV_NONE, n0 + j);
		if (pi < nd) {
			add(l, o0 + i, n0 + j);
			textdiff(old[o0 + i], strlen(old[o0 + i]), new[n0 + j], strlen(new[n0 + j]),
			    &l->v[l->n - 1].d);
			l->changed++;
			i++, j++;
		}
	}
	for (k = 0; k < nd + ni; k++)
		if (made[k])
			grams_free(&go[k]);
	free(go);
	free(made);
}

void
plist_diff(const char *const *old, size_t nold, const char *const *new, size_t nnew,
    struct plist *l)
{
	struct strmap ids;
	uint32_t *a = xreallocarray(NULL, nold + 1, sizeof(*a));
	uint32_t *b = xreallocarray(NULL, nnew + 1, sizeof(*b));
	struct edit *ed;
	size_t ned, i, k, x = 0, y = 0;

	memset(l, 0, sizeof(*l));
	strmap_init(&ids, nold + nnew);
	for (i = 0; i < nold; i++) {
		strmap_put(&ids, old[i], strlen(old[i]), ids.n);
		a[i] = (uint32_t)*strmap_get(&ids, old[i], strlen(old[i]));
	}
	for (i = 0; i < nnew; i++) {
		strmap_put(&ids, new[i], strlen(new[i]), ids.n);
		b[i] = (uint32_t)*strmap_get(&ids, new[i], strlen(new[i]));
	}
	ned = seq_diff(a, nold, b, nnew, &ed);
	for (i = 0; i < ned; ) {
		size_t nd = 0, ni = 0;

		if (ed[i].op == TD_EQ) {
			for (k = 0; k < ed[i].n; k++)
				add(l, x + k, y + k);
			x += ed[i].n;
			y += ed[i].n;
			i++;
			continue;
		}
		for (; i < ned && ed[i].op != TD_EQ; i++) {
			if (ed[i].op == TD_DEL)
				nd += ed[i].n;
			else
				ni += ed[i].n;
		}
		hunk(old, x, nd, new, y, ni, l);
		x += nd;
		y += ni;
	}
	free(ed);
	free(a);
	free(b);
	strmap_free(&ids);
}

void
plist_free(struct plist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		tdiff_free(&l->v[i].d);
	free(l->v);
	memset(l, 0, sizeof(*l));
}
