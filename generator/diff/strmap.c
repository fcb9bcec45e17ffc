/*
 * strmap.c: a map from byte strings to indices, for matching items and
 * sections by id or by identical text.  Keys are not copied.
 */
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "../util/hash.h"
#include "../util/xalloc.h"

void
strmap_init(struct strmap *m, size_t hint)
{
	for (m->mask = 15; m->mask < 2 * hint; m->mask = m->mask * 2 + 1)
		;
	m->slot = xcalloc(m->mask + 1, sizeof(*m->slot));
	m->n = 0;
}

static struct strmap_slot *
find(const struct strmap *m, const char *s, size_t len)
{
	size_t i = (size_t)hash_bytes(s, len) & m->mask;

	for (;; i = (i + 1) & m->mask) {
		struct strmap_slot *e = &m->slot[i];

		if (e->key == NULL || (e->len == len && memcmp(e->key, s, len) == 0))
			return e;
	}
}

const size_t *
strmap_get(const struct strmap *m, const char *s, size_t len)
{
	const struct strmap_slot *e = find(m, s, len);

	return e->key != NULL ? &e->val : NULL;
}

int
strmap_put(struct strmap *m, const char *s, size_t len, size_t val)
{
	struct strmap_slot *e;

	if (2 * (m->n + 1) > m->mask + 1) {
		struct strmap_slot *old = m->slot;
		size_t i, oldsize = m->mask + 1;

		m->mask = m->mask * 2 + 1;
		m->slot = xcalloc(m->mask + 1, sizeof(*m->slot));
		for (i = 0; i < oldsize; i++)
			if (old[i].key != NULL)
				*find(m, old[i].key, old[i].len) = old[i];
		free(old);
	}
	e = find(m, s, len);
	if (e->key != NULL)
		return 0;
	e->key = s;
	e->len = len;
	e->val = val;
	m->n++;
	return 1;
}

void
strmap_free(struct strmap *m)
{
	free(m->slot);
	memset(m, 0, sizeof(*m));
}
