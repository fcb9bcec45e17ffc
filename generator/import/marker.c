/*
 * marker.c: the numbers written at the start of headings (一、 （一） 1.
 * （1） and their common variants) and items (一是), read into a family
 * and a value.
 */
#include <string.h>

#include "importint.h"
#include "../util/cnnum.h"
#include "../util/utf8.h"

/* Arabic digits, ASCII or full-width, at most three; returns bytes. */
static size_t
ar_number_parse(const char *s, size_t len, int *value)
{
	size_t i = 0, k;
	uint32_t cp;
	int n = 0, count = 0;

	while (i < len && (k = utf8_decode(s + i, len - i, &cp)) > 0) {
		if (cp >= '0' && cp <= '9')
			n = n * 10 + (int)(cp - '0');
		else if (cp >= 0xFF10 && cp <= 0xFF19)
			n = n * 10 + (int)(cp - 0xFF10);
		else
			break;
		if (++count > 3)
			return 0;
		i += k;
	}
	if (count == 0 || n == 0)
		return 0;
	*value = n;
	return i;
}

/* The character at s, or 0; its bytes in *k. */
static uint32_t
peek(const char *s, size_t len, size_t *k)
{
	uint32_t cp = 0;

	*k = utf8_decode(s, len, &cp);
	return *k ? cp : 0;
}

static int
is_open(uint32_t cp)
{
	return cp == 0xFF08 || cp == '(' || cp == 0x3014 || cp == 0x3010 ||
	    cp == '[' || cp == 0xFF3B || cp == 0xFE5D;	/* （ ( 〔 【 [ ［ ﹝ */
}

static int
is_close(uint32_t cp)
{
	return cp == 0xFF09 || cp == ')' || cp == 0x3015 || cp == 0x3011 ||
	    cp == ']' || cp == 0xFF3D || cp == 0xFE5E;
}

/* After a number: 、 . ． (the mark that ends 一、 or 1.). */
static int
is_stop(uint32_t cp)
{
	return cp == 0x3001 || cp == '.' || cp == 0xFF0E;
}

static void
finish(const char *s, size_t len, struct marker *m, size_t at)
{
	size_t k;
	uint32_t cp;

	m->len = at;
	while (at < len && (cp = peek(s + at, len - at, &k)) != 0 && uc_is_space(cp))
		at += k;
	m->skip = at;
}

int
marker_parse(const char *s, size_t len, struct marker *m)
{
	size_t n, k, at;
	uint32_t cp;
	int v;

	memset(m, 0, sizeof(*m));
	if (len == 0)
		return 0;
	cp = peek(s, len, &k);
	if (cp >= 0x2460 && cp <= 0x2473) {	/* ① .. ⑳ */
		m->family = MF_CIRCLED;
		m->value = (int)(cp - 0x2460) + 1;
		finish(s, len, m, k);
		return 1;
	}
	if (is_open(cp)) {
		at = k;
		if ((n = cn_number_parse(s + at, len - at, &v)) > 0)
			m->family = MF_CN_PAREN;
		else if ((n = ar_number_parse(s + at, len - at, &v)) > 0)
			m->family = MF_AR_PAREN;
		else
			return 0;
		at += n;
		if (!is_close(peek(s + at, len - at, &k)))
			return 0;
		at += k;
		if (is_stop(peek(s + at, len - at, &k)))	/* （一）、 */
			at += k;
		m->value = v;
		finish(s, len, m, at);
		return 1;
	}
	if ((n = cn_number_parse(s, len, &v)) > 0) {
		cp = peek(s + n, len - n, &k);
		if (!is_stop(cp))
			return 0;
		m->family = MF_CN;
		m->value = v;
		finish(s, len, m, n + k);
		return 1;
	}
	if ((n = ar_number_parse(s, len, &v)) > 0) {
		size_t k2;
		uint32_t next;

		cp = peek(s + n, len - n, &k);
		next = peek(s + n + k, len - n - k, &k2);
		if (is_stop(cp)) {
			/* 1.5 and 2.3亿 are numbers, not headings. */
			if ((next >= '0' && next <= '9') || (next >= 0xFF10 && next <= 0xFF19))
				return 0;
			m->family = MF_AR;
		} else if (cp == ')' || cp == 0xFF09)
			m->family = MF_AR_PAREN;
		else
			return 0;
		m->value = v;
		finish(s, len, m, n + k);
		return 1;
	}
	return 0;
}

int
ordinal_parse(const char *s, size_t len, size_t *mlen)
{
	size_t n;
	int v;

	if ((n = cn_number_parse(s, len, &v)) == 0 || len - n < 3 ||
	    memcmp(s + n, "是", 3) != 0)
		return 0;
	*mlen = n + 3;
	return v;
}

int
marker_starts_block(const char *s, size_t len)
{
	struct marker m;
	size_t n;

	return marker_parse(s, len, &m) || ordinal_parse(s, len, &n) > 0 ||
	    (len >= 6 && memcmp(s, "附件", 6) == 0) ||
	    (len >= 6 && memcmp(s, "——", 6) == 0);
}
