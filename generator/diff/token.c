/*
 * token.c: cut a text into the units the character diff compares: one CJK
 * character (or symbol, or punctuation mark) each, a digit run, a Latin
 * word, a run of blanks.  Combining marks, variation selectors and
 * zero-width joiners stay with the character before them, so a grapheme
 * cluster is never split.
 */
#include <stdlib.h>

#include "textdiff.h"
#include "../util/utf8.h"
#include "../util/xalloc.h"

static int
is_extender(uint32_t c)
{
	return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
	    (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
	    (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFE20 && c <= 0xFE2F) ||
	    (c >= 0xE0100 && c <= 0xE01EF) || (c >= 0x1F3FB && c <= 0x1F3FF) ||
	    c == 0x3099 || c == 0x309A || c == 0x200C || c == 0x200D;
}

static int
is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

static int
is_letter(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
	    (c >= 0x370 && c <= 0x3FF) || (c >= 0x400 && c <= 0x52F) ||
	    (c >= 0x1E00 && c <= 0x1EFF);
}

static int
is_ascii_punct(uint32_t c)
{
	return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
	    (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

static enum tok_class
punct_class(uint32_t c)
{
	switch (c) {
	case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF1B: case 0xFF0E:
	case '!': case '?': case ';':
		return TOK_STOP;
	case 0xFF0C: case 0x3001: case 0xFF1A: case ',': case ':':
		return TOK_PAUSE;
	case 0x201C: case 0x2018: case 0xFF08: case 0x300A: case 0x3010:
	case 0x3014: case 0x300C: case 0x300E: case 0x3008: case 0xFF3B:
	case 0xFF5B: case '(': case '[': case '{':
		return TOK_OPEN;
	case 0x201D: case 0x2019: case 0xFF09: case 0x300B: case 0x3011:
	case 0x3015: case 0x300D: case 0x300F: case 0x3009: case 0xFF3D:
	case 0xFF5D: case ')': case ']': case '}':
		return TOK_CLOSE;
	}
	if (is_ascii_punct(c) || uc_is_cjk_punct(c))
		return TOK_PUNCT;
	return TOK_CHAR;
}

/* Decode at s[i]; an invalid byte counts as one character U+FFFD. */
static size_t
next_cp(const char *s, size_t len, size_t i, uint32_t *c)
{
	size_t k = utf8_decode(s + i, len - i, c);

	if (k == 0) {
		*c = 0xFFFD;
		k = 1;
	}
	return k;
}

/* Extend i over combining marks (and the character a joiner joins). */
static size_t
skip_extenders(const char *s, size_t len, size_t i)
{
	uint32_t c;
	size_t k;

	while (i < len) {
		k = next_cp(s, len, i, &c);
		if (!is_extender(c))
			break;
		i += k;
		if (c == 0x200D && i < len)
			i += next_cp(s, len, i, &c);
	}
	return i;
}

size_t
tokenize(const char *s, size_t len, struct token **toks)
{
	struct token *t = NULL;
	size_t n = 0, cap = 0, i = 0, k, j;
	uint32_t c, d;

	while (i < len) {
		enum tok_class cls;

		j = i;
		k = next_cp(s, len, j, &c);
		j += k;
		if (uc_is_space(c)) {
			cls = TOK_SPACE;
			while (j < len && (k = next_cp(s, len, j, &d)) > 0 && uc_is_space(d))
				j += k;
		} else if (is_digit(c)) {
			cls = TOK_DIGITS;
			while (j < len) {
				k = next_cp(s, len, j, &d);
				if (is_digit(d) || is_extender(d)) {
					j += k;
					continue;
				}
				/* 3.5 and 1,200 stay whole: a separator between digits */
				if ((d == '.' || d == ',') && j + 1 < len &&
				    next_cp(s, len, j + 1, &c) > 0 && is_digit(c)) {
					j += 1;
					continue;
				}
				break;
			}
		} else if (is_letter(c)) {
			cls = TOK_WORD;
			while (j < len && (k = next_cp(s, len, j, &d)) > 0 &&
			    (is_letter(d) || is_digit(d) || is_extender(d)))
				j += k;
		} else {
			cls = punct_class(c);
			if (c == 0x200D && j < len)
				j += next_cp(s, len, j, &d);
		}
		j = skip_extenders(s, len, j);
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			t = xreallocarray(t, cap, sizeof(*t));
		}
		t[n].s = s + i;
		t[n].len = j - i;
		t[n].cls = cls;
		n++;
		i = j;
	}
	*toks = t;
	return n;
}
