/* utf8.c: UTF-8 decoding and the character classes of Chinese text. */
#include <string.h>

#include "utf8.h"

/*
 * Length of the valid sequence at s[0..n) whose first byte is not ASCII,
 * or 0.  Three-byte sequences (all of Chinese) are tried first.
 */
static inline size_t
multibyte_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];

	if ((c & 0xF0) == 0xE0) {
		if (n < 3 || ((s[1] ^ 0x80) | (s[2] ^ 0x80)) >= 0x40)
			return 0;
		/* Overlong forms and surrogates (U+D800-DFFF). */
		if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))
			return 0;
		return 3;
	}
	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		/* Overlong forms and code points past U+10FFFF. */
		if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

/* Whether none of the 8 bytes at s has its high bit set. */
static int
ascii8(const unsigned char *s)
{
	uint64_t w;

	memcpy(&w, s, sizeof(w));
	return (w & 0x8080808080808080ull) == 0;
}

size_t
utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	switch (multibyte_len(s, n)) {
	case 2:
		*cp = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
		return 2;
	case 3:
		*cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 |
		    (s[2] & 0x3F);
		return 3;
	case 4:
		*cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
		    (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
		return 4;
	}
	return 0;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t
utf8_invalid_at(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, k;

	while (i < n) {
		if (s[i] < 0x80) {
			for (i++; i + 8 <= n && ascii8(s + i); i += 8)
				;
			continue;
		}
		if ((k = multibyte_len(s + i, n - i)) == 0)
			return i;
		i += k;
	}
	return (size_t)-1;
}

/* Step over up to count characters of s[0..n); returns the bytes stepped over. */
static size_t
walk(const unsigned char *s, size_t n, size_t count, size_t *stepped)
{
	size_t i = 0, done = 0, k;

	while (done < count && i < n) {
		if (s[i] < 0x80)
			i++;
		else
			i += (k = multibyte_len(s + i, n - i)) ? k : 1;
		done++;
	}
	*stepped = done;
	return i;
}

size_t
utf8_count(const char *s, size_t n)
{
	size_t count;

	walk((const unsigned char *)s, n, (size_t)-1, &count);
	return count;
}

size_t
utf8_skip(const char *s, size_t n, size_t count)
{
	size_t done;

	return walk((const unsigned char *)s, n, count, &done);
}

int
uc_is_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) ||	/* CJK Unified */
	    (c >= 0x3400 && c <= 0x4DBF) ||	/* Extension A */
	    (c >= 0xF900 && c <= 0xFAFF) ||	/* Compatibility */
	    (c >= 0x20000 && c <= 0x3FFFF) ||	/* Extensions B.. */
	    c == 0x3007;			/* 〇 */
}

int
uc_is_cjk_punct(uint32_t c)
{
	return (c >= 0x3000 && c <= 0x303F && c != 0x3007) ||
	    (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
	    (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
	    c == 0x2014 || c == 0x2026 ||	/* — … */
	    (c >= 0x2018 && c <= 0x201F) ||	/* ‘’“” */
	    c == 0x00B7 || c == 0x2022 ||	/* · • */
	    (c >= 0xFE10 && c <= 0xFE1F) || (c >= 0xFE30 && c <= 0xFE4F);
}

int
uc_is_wide(uint32_t c)
{
	return uc_is_han(c) || uc_is_cjk_punct(c) ||
	    (c >= 0x3040 && c <= 0x30FF) ||	/* kana */
	    (c >= 0xFF10 && c <= 0xFF19) ||	/* full-width digits */
	    (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A) ||
	    (c >= 0x2460 && c <= 0x24FF) ||	/* ①… */
	    (c >= 0x3200 && c <= 0x33FF);
}

int
uc_is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v' || c == 0x00A0 || c == 0x3000 ||
	    (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F;
}
