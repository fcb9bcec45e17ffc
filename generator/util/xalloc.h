/* xalloc.h: allocation that never returns NULL (out of memory aborts). */
#ifndef SHUZHI_XALLOC_H
#define SHUZHI_XALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

#endif
