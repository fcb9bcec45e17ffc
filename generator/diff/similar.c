/*
 * similar.c: how alike two texts are, to recognise a section or an item
 * whose title or text was edited: the Dice coefficient of the pairs of
 * adjacent characters they share.  Blanks and punctuation do not count.
 */
#include <stdlib.h>

#include "diffint.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int
counts(uint32_t c)
{
	return !uc_is_space(c) && !uc_is_cjk_punct(c) &&
	    !(c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z')));
}

void
grams_of(const char *s, size_t len, struct grams *g)
{
	uint32_t *cp = xreallocarray(NULL, len + 1, sizeof(*cp)), c;
	size_t n = 0, i = 0, k;

	while (i < len) {
		k = utf8_decode(s + i, len - i, &c);
		if (k == 0)
			k = 1, c = (unsigned char)s[i];
		if (counts(c))
			cp[n++] = c;
		i += k;
	}
	g->v = xreallocarray(NULL, n + 1, sizeof(*g->v));
	g->n = 0;
	if (n == 1)
		g->v[g->n++] = cp[0];
	for (i = 0; i + 1 < n; i++)
		g->v[g->n++] = ((uint64_t)cp[i] << 32) | cp[i + 1] | ((uint64_t)1 << 63);
	qsort(g->v, g->n, sizeof(*g->v), cmp_u64);
	free(cp);
}

double
grams_dice(const struct grams *a, const struct grams *b)
{
	size_t i = 0, j = 0, common = 0;

	if (a->n == 0 && b->n == 0)
		return 1.0;
	if (a->n == 0 || b->n == 0)
		return 0.0;
	while (i < a->n && j < b->n) {
		if (a->v[i] == b->v[j])
			common++, i++, j++;
		else if (a->v[i] < b->v[j])
			i++;
		else
			j++;
	}
	return 2.0 * (double)common / (double)(a->n + b->n);
}

void
grams_free(struct grams *g)
{
	free(g->v);
	g->v = NULL;
	g->n = 0;
}

double
text_likeness(const char *a, size_t alen, const char *b, size_t blen)
{
	struct grams ga, gb;
	double d;

	grams_of(a, alen, &ga);
	grams_of(b, blen, &gb);
	d = grams_dice(&ga, &gb);
	grams_free(&ga);
	grams_free(&gb);
	return d;
}
