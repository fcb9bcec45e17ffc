/* utf8.c: UTF-8 decoding and the character classes of Chinese text. */
#include "utf8.h"

size_t
utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	size_t len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		c = s[0] & 0x1F;
		len = 2;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		c = s[0] & 0x0F;
		len = 3;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		c = s[0] & 0x07;
		len = 4;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
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
utf8_invalid_at(const char *s, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((k = utf8_decode(s + i, n - i, &cp)) == 0)
			return i;
		i += k;
	}
	return (size_t)-1;
}

size_t
utf8_count(const char *s, size_t n)
{
	size_t i = 0, count = 0, k;
	uint32_t cp;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &cp);
		i += k ? k : 1;
		count++;
	}
	return count;
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
