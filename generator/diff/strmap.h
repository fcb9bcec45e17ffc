/* strmap.h: a map from byte strings (not copied) to indices. */
#ifndef SHUZHI_STRMAP_H
#define SHUZHI_STRMAP_H

#include <stddef.h>

struct strmap_slot {
	const char	*key;	/* NULL: empty */
	size_t		 len;
	size_t		 val;
};

struct strmap {
	struct strmap_slot *slot;
	size_t		 mask;
	size_t		 n;
};

void	 strmap_init(struct strmap *, size_t hint);
/* The value of a key, or NULL. */
const size_t *strmap_get(const struct strmap *, const char *, size_t);
/* Add a key; returns 0 (and changes nothing) when it is there already. */
int	 strmap_put(struct strmap *, const char *, size_t, size_t val);
void	 strmap_free(struct strmap *);

#endif
