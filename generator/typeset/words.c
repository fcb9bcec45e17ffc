/* words.c: word boundaries of a title, from ICU's break iterator for Chinese. */
#include <unicode/ubrk.h>
#include <unicode/utf16.h>

#include <stdlib.h>
#include <string.h>

#include "../util/xalloc.h"
#include "words.h"

/* The code points as UTF-16, and for each UTF-16 unit the code point it belongs to. */
static UChar *
to_utf16(const uint32_t *cp, size_t n, size_t **at, int32_t *len)
{
	UChar *u = xreallocarray(NULL, 2 * n + 1, sizeof(*u));
	size_t i, *map = xreallocarray(NULL, 2 * n + 1, sizeof(*map));
	int32_t k = 0;

	for (i = 0; i < n; i++) {
		uint32_t c = cp[i] > 0x10FFFF || U_IS_SURROGATE(cp[i]) ? 0xFFFD : cp[i];

		map[k] = i;
		if (c > 0xFFFF) {
			u[k++] = U16_LEAD(c);
			map[k] = i;
			u[k++] = U16_TRAIL(c);
		} else
			u[k++] = (UChar)c;
	}
	map[k] = n;
	*at = map;
	*len = k;
	return u;
}

void
words_inside(const uint32_t *cp, size_t n, unsigned char *inside)
{
	UErrorCode err = U_ZERO_ERROR;
	UBreakIterator *bi;
	UChar *u;
	size_t *map, b;
	int32_t len, p;

	memset(inside, 0, n + 1);
	if (n < 2 || n > INT32_MAX / 4)
		return;
	u = to_utf16(cp, n, &map, &len);
	bi = ubrk_open(UBRK_WORD, "zh", u, len, &err);
	if (U_FAILURE(err)) {
		free(u);
		free(map);
		return;
	}
	/* Inside a word unless the iterator stops there. */
	memset(inside + 1, 1, n - 1);
	for (p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi)) {
		b = map[p];
		inside[b] = 0;
	}
	ubrk_close(bi);
	free(u);
	free(map);
}
