/*
 * segs.c: the list of diff segments the clean-up passes rewrite: each
 * segment is an operation and a run of token ids.
 */
#include <stdlib.h>
#include <string.h>

#include "textdiff.h"
#include "../util/xalloc.h"

static void
seg_reserve(struct seg *s, size_t extra)
{
	if (s->n + extra <= s->cap)
		return;
	s->cap = s->cap ? s->cap : 8;
	while (s->cap < s->n + extra)
		s->cap *= 2;
	s->ids = xreallocarray(s->ids, s->cap, sizeof(*s->ids));
}

void
seg_append(struct seg *s, const uint32_t *ids, size_t n)
{
	if (n == 0)
		return;
	seg_reserve(s, n);
	memcpy(s->ids + s->n, ids, n * sizeof(*ids));
	s->n += n;
}

void
seg_prepend(struct seg *s, const uint32_t *ids, size_t n)
{
	if (n == 0)
		return;
	seg_reserve(s, n);
	memmove(s->ids + n, s->ids, s->n * sizeof(*ids));
	memcpy(s->ids, ids, n * sizeof(*ids));
	s->n += n;
}

void
seg_cut_front(struct seg *s, size_t n)
{
	if (n >= s->n) {
		s->n = 0;
		return;
	}
	memmove(s->ids, s->ids + n, (s->n - n) * sizeof(*s->ids));
	s->n -= n;
}

void
seg_insert(struct seglist *l, size_t at, enum td_op op, const uint32_t *ids, size_t n)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	memmove(l->v + at + 1, l->v + at, (l->n - at) * sizeof(*l->v));
	memset(&l->v[at], 0, sizeof(l->v[at]));
	l->v[at].op = op;
	seg_append(&l->v[at], ids, n);
	l->n++;
}

void
seg_remove(struct seglist *l, size_t at)
{
	free(l->v[at].ids);
	memmove(l->v + at, l->v + at + 1, (l->n - at - 1) * sizeof(*l->v));
	l->n--;
}

void
seglist_free(struct seglist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].ids);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
