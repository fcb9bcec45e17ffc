/* strdist.h: edit distance, for "did you mean" suggestions. */
#ifndef SHUZHI_STRDIST_H
#define SHUZHI_STRDIST_H

#include <stddef.h>

/* Edit distance (a swapped neighbouring pair is one edit) between two UTF-8 strings, in bytes. */
size_t	 str_distance(const char *, const char *);
/* The candidate closest to s if it is close enough to be a likely typo, else NULL. */
const char *str_suggest(const char *s, const char *const *candidates, size_t n);

#endif
