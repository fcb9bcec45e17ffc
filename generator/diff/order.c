/*
 * order.c: which of the things that stayed together changed their order.
 * Given, in the new order, each thing's place in the old order, the
 * longest run that is still increasing stayed put; the others moved.
 * (Patience sorting, O(n log n).)
 */
#include <stdlib.h>

#include "diffint.h"
#include "../util/xalloc.h"

void
mark_out_of_order(const size_t *oldpos, size_t n, int *out)
{
	size_t *tail = xreallocarray(NULL, n + 1, sizeof(*tail));	/* index ending a run of length k+1 */
	size_t *prev = xreallocarray(NULL, n + 1, sizeof(*prev));
	size_t len = 0, i, k;

	for (i = 0; i < n; i++) {
		size_t lo = 0, hi = len;

		out[i] = 1;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (oldpos[tail[mid]] < oldpos[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo > 0 ? tail[lo - 1] : DV_NONE;
		tail[lo] = i;
		if (lo == len)
			len++;
	}
	if (len > 0)
		for (k = tail[len - 1]; k != DV_NONE; k = prev[k])
			out[k] = 0;
	free(tail);
	free(prev);
}
