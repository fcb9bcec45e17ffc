/*
 * textdiff.c: the character diff of two texts.  Both are cut into tokens,
 * each distinct token text gets a small id, Myers' algorithm compares the
 * id sequences, the clean-up passes turn the edit script into phrases,
 * and the result is written out as pieces of text.
 */
#include <stdlib.h>
#include <string.h>

#include "textdiff.h"
#include "../util/buf.h"
#include "../util/hash.h"
#include "../util/xalloc.h"

/* Token texts to ids: open addressing, private to one diff. */
struct intern {
	uint32_t	*slot;	/* id + 1, 0 when empty */
	size_t		 mask;
	struct token	*tok;	/* tok[id] */
	size_t		 n;
};

static uint32_t
intern_id(struct intern *t, const struct token *k)
{
	size_t i = (size_t)hash_bytes(k->s, k->len) & t->mask;

	for (;; i = (i + 1) & t->mask) {
		uint32_t v = t->slot[i];

		if (v == 0) {
			t->tok[t->n] = *k;
			t->slot[i] = (uint32_t)++t->n;
			return (uint32_t)(t->n - 1);
		}
		if (t->tok[v - 1].len == k->len && memcmp(t->tok[v - 1].s, k->s, k->len) == 0)
			return v - 1;
	}
}

static uint32_t *
to_ids(struct intern *t, const struct token *toks, size_t n)
{
	uint32_t *ids = xreallocarray(NULL, n ? n : 1, sizeof(*ids));
	size_t i;

	for (i = 0; i < n; i++)
		ids[i] = intern_id(t, &toks[i]);
	return ids;
}

static void
add_piece(struct tdiff *d, struct buf *store, enum td_op op, const char *s, size_t len)
{
	d->p = xreallocarray(d->p, d->n + 1, sizeof(*d->p));
	d->p[d->n].op = op;
	d->p[d->n].s = NULL;	/* set by finish(): pieces lie one after the other */
	d->p[d->n].len = len;
	d->n++;
	buf_put(store, s, len);
}

static void
finish(struct tdiff *d, struct buf *store)
{
	size_t i, off = 0;

	if (store->data == NULL)
		buf_grow(store, 0);
	d->store = buf_take(store);
	for (i = 0; i < d->n; i++) {
		d->p[i].s = d->store + off;
		off += d->p[i].len;
	}
}

void
textdiff(const char *a, size_t alen, const char *b, size_t blen, struct tdiff *d)
{
	struct token *ta, *tb;
	struct intern in;
	struct seglist l;
	struct edit *ed;
	struct buf store, piece;
	uint32_t *ia, *ib;
	size_t na, nb, ned, i, k, x = 0, y = 0;

	memset(d, 0, sizeof(*d));
	buf_init(&store);
	if (alen == blen && memcmp(a, b, alen) == 0) {
		if (alen > 0)
			add_piece(d, &store, TD_EQ, a, alen);
		finish(d, &store);
		return;
	}
	na = tokenize(a, alen, &ta);
	nb = tokenize(b, blen, &tb);
	memset(&in, 0, sizeof(in));
	for (in.mask = 15; in.mask < 2 * (na + nb); in.mask = in.mask * 2 + 1)
		;
	in.slot = xcalloc(in.mask + 1, sizeof(*in.slot));
	in.tok = xreallocarray(NULL, na + nb + 1, sizeof(*in.tok));
	ia = to_ids(&in, ta, na);
	ib = to_ids(&in, tb, nb);

	ned = seq_diff(ia, na, ib, nb, &ed);
	memset(&l, 0, sizeof(l));
	l.tok = in.tok;
	for (i = 0; i < ned; i++) {
		if (ed[i].op == TD_INS) {
			seg_insert(&l, l.n, TD_INS, ib + y, ed[i].n);
			y += ed[i].n;
		} else {
			seg_insert(&l, l.n, ed[i].op, ia + x, ed[i].n);
			x += ed[i].n;
			if (ed[i].op == TD_EQ)
				y += ed[i].n;
		}
	}
	seg_cleanup_merge(&l);
	seg_cleanup_semantic(&l);

	buf_init(&piece);
	for (i = 0; i < l.n; i++) {
		buf_reset(&piece);
		for (k = 0; k < l.v[i].n; k++)
			buf_put(&piece, in.tok[l.v[i].ids[k]].s, in.tok[l.v[i].ids[k]].len);
		if (piece.len > 0)
			add_piece(d, &store, l.v[i].op, piece.data, piece.len);
	}
	finish(d, &store);
	buf_free(&piece);
	seglist_free(&l);
	free(ed);
	free(ia);
	free(ib);
	free(in.slot);
	free(in.tok);
	free(ta);
	free(tb);
}

void
tdiff_free(struct tdiff *d)
{
	free(d->p);
	free(d->store);
	memset(d, 0, sizeof(*d));
}

int
tdiff_changed(const struct tdiff *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->p[i].op != TD_EQ)
			return 1;
	return 0;
}
