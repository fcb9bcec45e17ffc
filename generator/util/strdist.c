/* strdist.c: Levenshtein distance and typo suggestions. */
#include <stdlib.h>
#include <string.h>

#include "strdist.h"
#include "xalloc.h"

size_t
str_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, d;

	row = xmalloc((lb + 1) * sizeof(size_t));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	d = row[lb];
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
