/*
 * textnorm.h: the whitespace of prose laid out one way for every stage:
 * none at the ends, none between two wide (Chinese) characters, one space
 * elsewhere; U+3000 is text, not whitespace.  The renderer prints this
 * text and the checker runs its rules on it, with a map back to the bytes
 * of the value for positions.
 */
#ifndef SHUZHI_TEXTNORM_H
#define SHUZHI_TEXTNORM_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* A text normalised, with the source bytes each of its bytes came from. */
struct textnorm {
	char	*text;		/* NUL-terminated, then pad more NULs */
	size_t	 len;
	size_t	*start;		/* text byte i came from source [start[i], end[i]); */
	size_t	*end;		/* NULL when the text is the source itself */
};

/*
 * Asked of a whitespace run s[a, b) between two wide characters prev and
 * next, which is dropped: return nonzero to keep one space there anyway.
 */
typedef int (*textnorm_keep_fn)(void *arg, size_t a, size_t b, uint32_t prev, uint32_t next);

/* Normalise s[0, len) and append it to out. */
void	 text_normalize(const char *s, size_t len, struct buf *out);
/*
 * Normalise s[0, len) into *out with its map (keep may be NULL: what
 * text_normalize() makes); out->text is followed by pad NULs.  The
 * caller frees text, start and end.
 */
void	 textnorm_map(const char *s, size_t len, size_t pad, textnorm_keep_fn keep, void *arg,
	    struct textnorm *out);

#endif
