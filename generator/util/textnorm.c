/*
 * textnorm.c: prose whitespace normalised, the one definition the renderer
 * prints and the checker's rules (and the positions of their findings) see.
 */
#include <stdlib.h>
#include <string.h>

#include "textnorm.h"
#include "utf8.h"
#include "xalloc.h"

/*
 * Whether c can start white space other than U+3000: ASCII blanks, and
 * 0xC2 or 0xE2 for the Unicode spaces.  No such byte is ever inside a
 * character, so the text between two of them is copied as it is.
 */
static int
blank_start(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xC2 || c == 0xE2;
}

/* The character at s[i..len): its length, *cp (U+FFFD when invalid). */
static size_t
char_at(const char *s, size_t i, size_t len, uint32_t *cp)
{
	size_t k = utf8_decode(s + i, len - i, cp);

	if (k == 0)
		k = 1, *cp = 0xFFFD;
	return k;
}

/* The whitespace normalised away: uc_is_space() but U+3000. */
static int
is_blank(uint32_t cp)
{
	return uc_is_space(cp) && cp != 0x3000;
}

/* The last character of s[from, to), which holds at least one. */
static uint32_t
last_char(const char *s, size_t from, size_t to)
{
	uint32_t cp = 0;

	while (from < to)
		from += char_at(s, from, to, &cp);
	return cp;
}

/*
 * Might s hold a character normalisation changes (is_blank)?  Most texts
 * hold none and are taken as they are.
 */
static int
has_blank(const char *str, size_t len)
{
	/* The bytes that can start one: ASCII spaces, C2 and E2. */
	static const unsigned char lead[256] = {
		['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
		[0xC2] = 2, [0xE2] = 3,
	};
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	for (; i < len; i++) {
		/* Eight bytes at a time while none is below '!', C2 or E2. */
		while (i + 8 <= len) {
			uint64_t w, c2, e2;

			memcpy(&w, s + i, 8);
			c2 = w ^ (ones * 0xC2);
			e2 = w ^ (ones * 0xE2);
			if ((((w - ones * '!') & ~w) | ((c2 - ones) & ~c2) | ((e2 - ones) & ~e2)) &
			    highs)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (lead[s[i]] == 0)
			continue;
		if (lead[s[i]] == 1)
			return 1;
		/* U+00A0: C2 A0; U+2000..U+200A, U+202F: E2 80 xx; U+205F: E2 81 9F */
		if (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0xA0)
			return 1;
		if (s[i] == 0xE2 && i + 2 < len && ((s[i + 1] == 0x80 && (s[i + 2] <= 0x8A ||
		    s[i + 2] == 0xAF)) || (s[i + 1] == 0x81 && s[i + 2] == 0x9F)))
			return 1;
	}
	return 0;
}

/* The end of the run of non-blank text that starts at s[i]. */
static size_t
run_end(const char *s, size_t i, size_t len)
{
	size_t k;
	uint32_t cp;

	for (; i < len; i += k) {
		k = 1;
		if (blank_start((unsigned char)s[i])) {
			k = char_at(s, i, len, &cp);
			if (is_blank(cp))
				break;
		}
	}
	return i;
}

/*
 * Normalise s[0, len) into out (room for len bytes); when ns is not NULL,
 * the source bytes of each output byte into ns, ne.  Returns the length.
 */
static size_t
normalize(const char *s, size_t len, textnorm_keep_fn keep, void *arg, char *out,
    size_t *ns, size_t *ne)
{
	size_t i = 0, j, k, o = 0, seg = 0, segend = 0, ws_a = 0, ws_b = 0;
	uint32_t cp, prev;
	int pending = 0;	/* the whitespace run [ws_a, ws_b) waits to be written */

	while (i < len) {
		if (blank_start((unsigned char)s[i])) {
			k = char_at(s, i, len, &cp);
			if (is_blank(cp)) {
				/* After a character, and that not NUL. */
				if (segend > 0 && s[segend - 1] != '\0') {
					if (!pending)
						ws_a = i;
					pending = 1;
					ws_b = i + k;
				}
				i += k;
				continue;
			}
		}
		j = run_end(s, i, len);
		if (pending) {
			prev = last_char(s, seg, segend);
			char_at(s, i, len, &cp);
			if (!(uc_is_wide(prev) && uc_is_wide(cp)) ||
			    (keep != NULL && keep(arg, ws_a, ws_b, prev, cp))) {
				if (ns != NULL)
					ns[o] = ws_a, ne[o] = ws_b;
				out[o++] = ' ';
			}
			pending = 0;
		}
		memcpy(out + o, s + i, j - i);	/* j > i: a run is never empty */
		for (k = i; ns != NULL && k < j; k++, o++)
			ns[o] = k, ne[o] = k + 1;
		if (ns == NULL)
			o += j - i;
		seg = i;
		segend = j;
		i = j;
	}
	return o;
}

void
text_normalize(const char *s, size_t len, struct buf *out)
{
	buf_grow(out, len);
	if (!has_blank(s, len)) {
		if (len > 0)
			memcpy(out->data + out->len, s, len);
		out->len += len;
	} else
		out->len += normalize(s, len, NULL, NULL, out->data + out->len, NULL, NULL);
	out->data[out->len] = '\0';
}

void
textnorm_map(const char *s, size_t len, size_t pad, textnorm_keep_fn keep, void *arg,
    struct textnorm *out)
{
	size_t o, *ns, *ne;

	out->text = xcalloc(len + pad + 1, 1);
	out->start = out->end = NULL;
	if (!has_blank(s, len)) {
		if (len > 0)
			memcpy(out->text, s, len);
		out->len = len;
		return;
	}
	ns = xmalloc((len + 1) * sizeof(size_t));
	ne = xmalloc((len + 1) * sizeof(size_t));
	o = normalize(s, len, keep, arg, out->text, ns, ne);
	ns[o] = ne[o] = o > 0 ? ne[o - 1] : 0;
	out->len = o;
	if (o == len && memcmp(out->text, s, len) == 0) {
		free(ns);
		free(ne);
	} else {
		out->start = ns;
		out->end = ne;
	}
}
