/*
 * myers.c: Myers' O(ND) difference algorithm on sequences of integers, in
 * its linear-space form: find the middle snake of the shortest edit
 * script by running the greedy search from both ends at once, split
 * there, and recurse on the two halves.  Common prefixes and suffixes are
 * taken off first, which is most of the work for texts that changed a
 * little.  A budget on the work of one search keeps two long, unrelated
 * texts from costing (N+M)^2: past it, the part is shown as replaced.
 */
#include <stdlib.h>

#include "textdiff.h"
#include "../util/xalloc.h"

/* Steps of one middle-snake search before giving up on a finer diff. */
#define SNAKE_BUDGET	4000000L

struct edlist {
	struct edit	*v;
	size_t		 n;
	size_t		 cap;
};

static void
push(struct edlist *l, enum td_op op, size_t n)
{
	if (n == 0)
		return;
	if (l->n > 0 && l->v[l->n - 1].op == op) {
		l->v[l->n - 1].n += n;
		return;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n].op = op;
	l->v[l->n].n = n;
	l->n++;
}

static void diff_rec(const uint32_t *, long, const uint32_t *, long, struct edlist *);

/*
 * The middle snake of a[0..n) and b[0..m), both non-empty and with no
 * common prefix or suffix: *sx, *sy is a point on it, where the forward
 * and the backward searches met.  Returns -1 when over the budget.
 */
static int
middle_snake(const uint32_t *a, long n, const uint32_t *b, long m, long *sx, long *sy)
{
	long dmax = (n + m + 1) / 2, off = dmax, vlen = 2 * dmax + 2;
	long delta = n - m, d, k, x, y, i;
	long fstart = 0, fend = 0, bstart = 0, bend = 0, work = 0;
	int odd = (delta % 2) != 0;
	long *vf = xreallocarray(NULL, (size_t)vlen, sizeof(long));
	long *vb = xreallocarray(NULL, (size_t)vlen, sizeof(long));

	for (i = 0; i < vlen; i++)
		vf[i] = vb[i] = -1;
	vf[off + 1] = vb[off + 1] = 0;
	for (d = 0; d < dmax; d++) {
		if ((work += 2 * d + 2) > SNAKE_BUDGET)
			break;
		/* Forward: the furthest reaching path on each diagonal k. */
		for (k = -d + fstart; k <= d - fend; k += 2) {
			long ko = off + k;

			if (k == -d || (k != d && vf[ko - 1] < vf[ko + 1]))
				x = vf[ko + 1];
			else
				x = vf[ko - 1] + 1;
			y = x - k;
			while (x < n && y < m && a[x] == b[y])
				x++, y++, work++;
			vf[ko] = x;
			if (x > n)
				fend += 2;	/* off the right edge */
			else if (y > m)
				fstart += 2;	/* off the bottom edge */
			else if (odd) {
				long bo = off + delta - k;

				if (bo >= 0 && bo < vlen && vb[bo] != -1 && x >= n - vb[bo]) {
					*sx = x, *sy = y;
					goto done;
				}
			}
		}
		/* Backward, on the reversed sequences. */
		for (k = -d + bstart; k <= d - bend; k += 2) {
			long ko = off + k;

			if (k == -d || (k != d && vb[ko - 1] < vb[ko + 1]))
				x = vb[ko + 1];
			else
				x = vb[ko - 1] + 1;
			y = x - k;
			while (x < n && y < m && a[n - x - 1] == b[m - y - 1])
				x++, y++, work++;
			vb[ko] = x;
			if (x > n)
				bend += 2;
			else if (y > m)
				bstart += 2;
			else if (!odd) {
				long fo = off + delta - k;

				if (fo >= 0 && fo < vlen && vf[fo] != -1) {
					long fx = vf[fo], fy = off + fx - fo;

					if (fx >= n - x) {
						*sx = fx, *sy = fy;
						goto done;
					}
				}
			}
		}
	}
	free(vf);
	free(vb);
	return -1;
done:
	free(vf);
	free(vb);
	return 0;
}

static void
diff_rec(const uint32_t *a, long n, const uint32_t *b, long m, struct edlist *l)
{
	long pre = 0, suf = 0, x, y;

	while (pre < n && pre < m && a[pre] == b[pre])
		pre++;
	while (suf < n - pre && suf < m - pre && a[n - suf - 1] == b[m - suf - 1])
		suf++;
	push(l, TD_EQ, (size_t)pre);
	a += pre, b += pre;
	n -= pre + suf, m -= pre + suf;
	if (n == 0 || m == 0) {
		push(l, TD_DEL, (size_t)n);
		push(l, TD_INS, (size_t)m);
	} else if (n == 1 && m == 1) {
		push(l, TD_DEL, 1);
		push(l, TD_INS, 1);
	} else {
		if (middle_snake(a, n, b, m, &x, &y) != 0 ||
		    (x == 0 && y == 0) || (x == n && y == m)) {
			/* Over the budget (or no progress): replace the lot. */
			push(l, TD_DEL, (size_t)n);
			push(l, TD_INS, (size_t)m);
		} else {
			diff_rec(a, x, b, y, l);
			diff_rec(a + x, n - x, b + y, m - y, l);
		}
	}
	push(l, TD_EQ, (size_t)suf);
}

size_t
seq_diff(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, struct edit **edits)
{
	struct edlist l = { NULL, 0, 0 };

	diff_rec(a, (long)na, b, (long)nb, &l);
	*edits = l.v;
	return l.n;
}
