/*
 * strdist.c: edit distance and typo suggestions.  The distance is
 * Damerau's (optimal string alignment): a swapped pair of neighbouring
 * letters ("laed" for "lead") counts as one edit, as typists make it.
 */
#include <stdlib.h>
#include <string.h>

#include "strdist.h"
#include "xalloc.h"

static size_t
min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

size_t
str_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d;
	/* Three rows: the one before last (for swaps), the last, this one. */
	size_t *prev2 = xcalloc(lb + 1, sizeof(size_t));
	size_t *prev = xmalloc((lb + 1) * sizeof(size_t));
	size_t *row = xmalloc((lb + 1) * sizeof(size_t)), *t;

	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			row[j] = min3(prev[j] + 1, row[j - 1] + 1,
			    prev[j - 1] + (a[i - 1] != b[j - 1]));
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < row[j])
				row[j] = prev2[j - 2] + 1;
		}
		t = prev2;
		prev2 = prev;
		prev = row;
		row = t;
	}
	d = prev[lb];
	free(prev2);
	free(prev);
	free(row);
	return d;
}

const char *
str_suggest(const char *s, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t i, bestd = (size_t)-1, limit;

	limit = strlen(s) <= 4 ? 1 : strlen(s) <= 8 ? 2 : 3;
	for (i = 0; i < n; i++) {
		size_t d = str_distance(s, cands[i]);
		if (d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	return bestd <= limit ? best : NULL;
}
